"""`welfare export`: Parquet of many books, written by worker processes, and the DuckDB roll-up.

The books are `export_books/north.beancount` and `south.beancount` beside this file: three
areas, every column of `welfare report areas` used, a benefit of an unknown type (counted as
`other`), a member who left, a cash-to-bank transfer and a USD posting that stays out.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from distributed import LocalCluster
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.plugins.summary import COLUMNS, area_years, total_row
from welfare_ledger.scripts import export
from welfare_ledger.scripts.cli import cli

BOOKS = Path(__file__).with_name("export_books")
NORTH = BOOKS / "north.beancount"
SOUTH = BOOKS / "south.beancount"
YEARS = (2021, 2022, 2023)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both books exported by the real command, two worker processes."""
    out = tmp_path_factory.mktemp("parquet")
    result = CliRunner().invoke(
        cli, ["--lang", "en", "export", "--parquet", str(out), "--jobs", "2", str(NORTH), str(SOUTH)]
    )
    assert result.exit_code == 0, result.output
    return out


def _report_rows(book: Path, year: int) -> list[dict[str, str]]:
    result = CliRunner().invoke(cli, ["report", "areas", str(book), "--year", str(year), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def _same(value: object, text: str) -> bool:
    return Decimal(str(value)) == Decimal(text)


def test_layout_is_one_file_per_book_and_table(exported: Path) -> None:
    for table in export.TABLES:
        files = sorted((exported / f"{table}.parquet").glob("*.parquet"))
        assert [f.stem for f in files] == sorted(export.book_id(b) for b in (NORTH, SOUTH)), table
    postings = pq.read_table(exported / "postings.parquet" / f"{export.book_id(NORTH)}.parquet")
    loaded = load_book(NORTH)
    assert postings.num_rows == sum(len(t.postings) for t in loaded.facts().transactions)
    assert "narration" not in postings.column_names
    assert "payee" not in postings.column_names
    members = pq.read_table(exported / "members.parquet" / f"{export.book_id(NORTH)}.parquet")
    assert set(members.column("code").to_pylist()) == set(loaded.facts().register.members)
    findings = pq.read_table(exported / "findings.parquet" / f"{export.book_id(NORTH)}.parquet")
    assert findings.num_rows == len(loaded.findings) > 0
    assert set(findings.column("rule").to_pylist()) == {f.rule for f in loaded.findings}


@pytest.mark.parametrize("year", YEARS)
def test_rollup_per_area_matches_area_years_and_the_report(exported: Path, year: int) -> None:
    rows = export.area_rollup(export.connect(exported), year)
    for book in (NORTH, SOUTH):
        ours = [r for r in rows if r["book"] == export.book_id(book)]
        expected = area_years(load_book(book).facts(), year)
        assert [r["area"] for r in ours] == [e.area for e in expected]
        for mine, theirs in zip(ours, expected, strict=True):
            for column in COLUMNS[1:]:
                assert mine[column] == getattr(theirs, column), (book.name, year, mine["area"], column)
        report = {r["area"]: r for r in _report_rows(book, year)}
        for mine in ours:
            for column in COLUMNS[1:]:
                assert _same(mine[column], report[mine["area"]][column]), (book.name, year, column)


@pytest.mark.parametrize("year", YEARS)
def test_national_total_is_the_sum_of_the_books_totals(exported: Path, year: int) -> None:
    rows = export.national_rollup(export.connect(exported), year)
    assert [r["book"] for r in rows] == [*sorted(export.book_id(b) for b in (NORTH, SOUTH)), "TOTAL"]
    totals = [total_row(area_years(load_book(b).facts(), year)) for b in (NORTH, SOUTH)]
    for column in COLUMNS[1:]:
        assert rows[-1][column] == sum(getattr(t, column) for t in totals), column
    by_book = {r["book"]: r for r in rows}
    for book in (NORTH, SOUTH):
        findings = load_book(book).findings
        assert by_book[export.book_id(book)]["errors"] == sum(f.severity == "error" for f in findings)


def test_rollup_command_prints_the_total_row_as_csv(exported: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", "--parquet", str(exported), "--rollup", "--year", "2022", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    printed = list(csv.DictReader(io.StringIO(result.stdout)))
    report_totals = [_report_rows(b, 2022)[-1] for b in (NORTH, SOUTH)]
    assert printed[-1]["book"] == "TOTAL"
    for column in ("contributions", "donations", "benefits_other", "fund_balance"):
        assert Decimal(printed[-1][column]) == sum(Decimal(t[column]) for t in report_totals), column


def test_rollup_in_thai_names_the_buddhist_era_year(exported: Path) -> None:
    result = CliRunner().invoke(
        cli, ["--lang", "th", "export", "--parquet", str(exported), "--rollup", "--year", "2022"]
    )
    assert result.exit_code == 0, result.output
    assert "ยอดรวมระดับประเทศ ปี พ.ศ. 2565: 2 บัญชี" in result.stdout


def test_exporting_again_replaces_the_books_files(tmp_path: Path) -> None:
    for _ in range(2):
        result = CliRunner().invoke(cli, ["export", "--parquet", str(tmp_path), str(NORTH)])
        assert result.exit_code == 0, result.output
    con = export.connect(tmp_path)
    assert con.execute("SELECT count(*) FROM books").fetchone() == (1,)
    count = con.execute("SELECT count(*) FROM postings").fetchone()
    assert count == (sum(len(t.postings) for t in load_book(NORTH).facts().transactions),)


def test_an_unreadable_book_is_named_and_the_others_are_exported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.beancount"
    result = CliRunner().invoke(
        cli, ["--lang", "en", "export", "--parquet", str(tmp_path / "out"), str(NORTH), str(missing)]
    )
    assert result.exit_code == 2
    assert f"{missing}: no such book file" in result.stderr
    assert export.table_path(tmp_path / "out", "postings", export.book_id(NORTH)).is_file()
    assert not export.table_path(tmp_path / "out", "postings", export.book_id(missing)).exists()


def test_rollup_of_an_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "export", "--parquet", str(tmp_path), "--rollup"])
    assert result.exit_code == 2
    assert f"{tmp_path}: no exported books here" in result.stderr


def test_book_id_does_not_depend_on_the_working_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    first = export.book_id(NORTH)
    monkeypatch.chdir(BOOKS)
    assert export.book_id("north.beancount") == first
    assert export.book_id("south.beancount") != first


def _tables(folder: Path) -> dict[str, list[dict]]:
    """Every exported table, rows sorted, without the time each book was exported."""
    found = {}
    for table in export.TABLES:
        rows = []
        for part in sorted((folder / f"{table}.parquet").glob("*.parquet")):
            rows.extend(pq.read_table(part).to_pylist())
        found[table] = sorted(({k: v for k, v in row.items() if k != "exported"} for row in rows), key=repr)
    return found


def test_a_dask_cluster_writes_what_the_process_pool_writes(exported: Path, tmp_path: Path) -> None:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = export.export_books([str(NORTH), str(SOUTH)], tmp_path, scheduler=cluster.scheduler_address)
    assert [r.problem("en") for r in results] == [None, None]
    assert [r.path for r in results] == [str(NORTH), str(SOUTH)]
    assert _tables(tmp_path) == _tables(exported)
    assert _tables(tmp_path)["postings"]


def test_a_dask_worker_failing_on_one_book_names_it(tmp_path: Path) -> None:
    broken = tmp_path / "broken.beancount"
    broken.write_bytes(b"\xff\xfe not text")
    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        results = export.export_books([str(broken), str(NORTH)], tmp_path / "out", scheduler=cluster.scheduler_address)
    assert results[0].problem("en") is not None and str(broken) in results[0].problem("en")
    assert results[1].problem("en") is None


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(export, "CONNECT_SECONDS", 1)
    result = CliRunner().invoke(
        cli, ["--lang", "en", "export", "--parquet", str(tmp_path), "--scheduler", "tcp://127.0.0.1:9", str(NORTH)]
    )
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("Cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert len(result.stderr.strip().splitlines()) == 1
