"""`welfare bench` runs end to end on tiny books and prints its table; no timing is asserted.

Timings depend on the machine, so these tests check what the bench measures and prints:
the plain load is the same book without our plugin, every measurement has a ratio to it,
growth is shown from the second size on, and a missing piece is a printed note, not a crash.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

from beancount import loader
from beancount.core.data import Transaction
from click.testing import CliRunner
from welfare_ledger.scripts import bench
from welfare_ledger.scripts.cli import cli

BOOKS = Path(__file__).with_name("export_books")
NUMBER = r"\d+\.\d\d"


def _row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return line[len(label) :].split()


def test_plain_copy_drops_only_our_plugin(tmp_path: Path) -> None:
    book = tmp_path / "main.beancount"
    book.write_text(
        'option "operating_currency" "THB"\n'
        'plugin "welfare_ledger.plugins.transparency" "{\'split-days\': 14}"\n'
        'plugin "beancount.plugins.noduplicates"\n'
        "2020-01-01 open Assets:A:Cash THB\n",
        encoding="utf-8",
    )
    plain = bench.plain_copy(book)
    assert plain.parent == book.parent
    _, errors, options = loader.load_file(str(plain))
    assert not errors
    assert [name for name, _ in options["plugin"]] == ["beancount.plugins.noduplicates"]
    _, _, with_ours = loader.load_file(str(book))
    assert "welfare_ledger.plugins.transparency" in [name for name, _ in with_ours["plugin"]]


def test_statement_has_the_rows_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "statement.csv"
    bench.write_statement(path, 500, 2024, seed=3)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 500
    assert list(rows[0]) == ["Date", "Description", "Withdrawal", "Deposit", "Balance"]
    assert rows[0]["Date"].startswith("2024-01") and rows[-1]["Date"].startswith("2024-12")
    assert all(bool(r["Withdrawal"]) != bool(r["Deposit"]) for r in rows)


def test_book_labels_are_distinct() -> None:
    labels = bench.book_labels([str(BOOKS / "north.beancount"), str(BOOKS / "south.beancount")])
    assert list(labels) == ["north.beancount", "south.beancount"]


def test_bench_on_given_books_prints_ratios_and_growth(tmp_path: Path) -> None:
    for name in ("north", "south"):
        shutil.copy(BOOKS / f"{name}.beancount", tmp_path / f"{name}.beancount")
    result = CliRunner().invoke(
        cli,
        [
            "--lang",
            "en",
            "bench",
            "--workdir",
            str(tmp_path / "work"),
            "--book",
            str(tmp_path / "north.beancount"),
            "--book",
            str(tmp_path / "south.beancount"),
            "--only",
            "check",
            "--only",
            "report-areas",
            "--only",
            "import",
            "--rows",
            "300",
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    entries, _, _ = loader.load_file(str(BOOKS / "north.beancount"))
    transactions = sum(isinstance(e, Transaction) for e in entries)
    assert f"north.beancount: {transactions} transactions" in out
    plain = _row(out, "plain Beancount load")
    assert re.fullmatch(NUMBER, plain[0]) and plain[1] == "1.00"
    check = _row(out, "welfare check")
    assert re.fullmatch(NUMBER, check[0]) and re.fullmatch(NUMBER, check[1])
    assert len(check) == 9
    assert re.fullmatch(NUMBER, check[6])
    areas = _row(out, "welfare report areas")
    assert re.fullmatch(NUMBER, areas[1])
    assert re.search(
        r"welfare check on north\.beancount: \d+\.\d\dx plain \(goal <= 1\.25x\): (met|MISSED)", out
    )
    assert "welfare report member" in out
    assert _row(out, "welfare report member")[:2] == ["-", "-"]
    assert not list(tmp_path.glob(bench.PLAIN_PREFIX + "*"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["north.beancount", "south.beancount", "work"]


def test_bench_on_demo_provinces_prints_every_measurement() -> None:
    result = CliRunner().invoke(
        cli,
        [
            "--lang",
            "en",
            "bench",
            "--areas",
            "1",
            "--members",
            "20",
            "--members",
            "40",
            "--years",
            "1",
            "--rows",
            "200",
        ],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Books: 1 areas x 20 / 40 members x 1 years" in out
    header = next(line for line in out.splitlines() if line.startswith("measurement"))
    assert header.split() == [
        "measurement",
        "20:",
        "s",
        "x",
        "plain",
        "start",
        "MB",
        "40:",
        "s",
        "x",
        "plain",
        "growth",
        "start",
        "MB",
    ]
    for label in bench.LABELS.values():
        assert label.format(rows="200") in out
    assert _row(out, "plain Beancount load")[1] == "1.00"
    assert re.fullmatch(NUMBER, _row(out, "welfare check")[1])
    for line in out.splitlines():
        if "skipped" in line:
            assert re.match(r".+: skipped on (20|40): .+", line)
