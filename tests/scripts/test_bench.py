"""`welfare bench` runs end to end on a tiny province and prints its table; no timing is asserted.

Timings depend on the machine, so these tests check what the bench measures and prints: the
plain load is the same book without our plugin, each measurement is a whole process with a
ratio to the plain load's median, the goals are printed, a missing piece is a note and not a
crash, and the export prints its cost per fund.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from beancount import loader
from click.testing import CliRunner
from welfare_ledger.scripts import bench
from welfare_ledger.scripts.cli import cli

NUMBER = r"\d+\.\d\d"


def _row(output: str, label: str) -> list[str]:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return line[len(label) :].split()


def test_plain_copy_drops_only_our_plugin(tmp_path: Path) -> None:
    book = tmp_path / "main.beancount"
    book.write_text(
        'option "operating_currency" "THB"\n'
        "plugin \"welfare_ledger.plugins.transparency\" \"{'split-days': 14}\"\n"
        'plugin "beancount.plugins.noduplicates"\n'
        "2020-01-01 open Assets:A:Cash THB\n",
        encoding="utf-8",
    )
    plain = bench.plain_copy(book)
    assert plain.parent == book.parent
    _, errors, options = loader.load_file(str(plain))
    assert not errors
    assert [name for name, _ in options["plugin"]] == ["beancount.plugins.noduplicates"]


def test_statement_has_the_rows_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "statement.csv"
    bench.write_statement(path, 500, 2024, seed=3)
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 500
    assert list(rows[0]) == ["Date", "Description", "Withdrawal", "Deposit", "Balance"]
    assert all(bool(r["Withdrawal"]) != bool(r["Deposit"]) for r in rows)


def test_a_whole_process_counts_the_processes_it_waited_for(tmp_path: Path) -> None:
    """The grandchild's own CPU, as it reports it, is inside what the bench counts for the whole."""
    work = (
        "import hashlib, resource\n"
        "data = b'x' * 1_000_000\n"
        "for _ in range(300): data = hashlib.sha256(data).digest() * 31_250\n"
        "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
        "print(usage.ru_utime + usage.ru_stime)\n"
    )
    script = tmp_path / "work.py"
    script.write_text(work, encoding="utf-8")
    report = tmp_path / "grandchild-cpu.txt"
    parent = (
        f"import subprocess, sys; out = subprocess.run([sys.executable, {str(script)!r}], "
        f"capture_output=True, text=True).stdout; open({str(report)!r}, 'w').write(out)"
    )
    run = bench.run_process([bench.sys.executable, "-c", parent], dict(bench.os.environ))
    grandchild = float(report.read_text(encoding="utf-8"))
    assert grandchild > 0
    assert run.cpu >= grandchild, "the process the child waited for is counted"
    assert run.peak_mb > 0


def test_bench_on_a_tiny_province_prints_every_measurement_and_goal(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["--lang", "en", "bench", "--areas", "2", "--members", "20", "--years", "1", "--rows", "200",
         "--rounds", "1", "--funds", "2", "--workdir", str(tmp_path / "work")],
    )
    assert result.exit_code == 0, result.output
    out = result.output
    header = next(line for line in out.splitlines() if line.startswith("measurement"))
    assert header.split() == ["measurement", "20:", "cpu", "x", "plain", "wall", "MB"]
    assert _row(out, "plain Beancount load (collector paused)")[1] == "1.00"
    for name, label in bench.LABELS.items():
        row = _row(out, label.format(rows="200"))
        assert re.fullmatch(NUMBER, row[0]), (name, row)
    assert re.search(r"welfare check, cold on 20: \d+\.\d\dx plain \(goal <= 1\.1x\): (met|MISSED)", out)
    assert re.search(r"pre-commit hook, one-area commit on 20: \d+\.\d s wall \(goal about 2\.0 s\)", out)
    assert re.search(r"welfare serve, first page, warm on 20: \d+\.\d s wall \(goal about 3\.0 s\)", out)
    assert re.search(r"export of 2 funds \(process pool\): .* per fund", out)
    assert re.search(
        r"welfare import --book, \.\.\. rows on 20: \d+\.\d\dx import-result \(goal <= 1\.0x\): (met|MISSED)", out
    )
    assert "skipped" not in out
    result_file = next((tmp_path / "work").rglob("result.beancount"))
    with_imported, errors, _ = loader.load_file(str(result_file))
    # the synthetic statement need not agree with the demo's balances or have its file filed:
    # what matters is that every file was read
    assert {type(error).__name__ for error in errors} <= {"BalanceError", "DocumentError"}, errors[:3]
    book = next((tmp_path / "work").rglob("main.beancount"))
    alone, _, _ = loader.load_file(str(book))
    assert len(with_imported) >= len(alone) + 200, "the floor loads the book and every imported entry"
