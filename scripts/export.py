"""`welfare export`: many books as Parquet, one process per book, and a national roll-up with DuckDB.

The country has thousands of funds, each in its own book. Each book is loaded once in its own
worker process and written as one Parquet file per table under `DIR/<table>.parquet/<book>.parquet`
(the folder-per-table layout that DuckDB, Spark and Dask read as one data set). Re-exporting a
book replaces only its own files, atomically, so a national folder can be refreshed book by book.
The roll-up is SQL over those files and gives the same figures as `welfare report areas`.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import datetime
import hashlib
import multiprocessing
import os
import re
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from welfare_ledger.plugins.i18n import Lang, be_year, render
from welfare_ledger.scripts.common import (
    DEFAULT_BOOK,
    EXIT_UNREADABLE,
    atomic_write,
    fail,
    lang_option,
    resolve_lang,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import duckdb
    import pyarrow as pa
    from welfare_ledger.plugins.loader import LoadedBook

TABLES = ("books", "areas", "members", "postings", "findings")
AMOUNT_SCALE = 6
AMOUNT_QUANTUM = Decimal(1).scaleb(-AMOUNT_SCALE)
ROLLUP_GROUPS = ("book", "area")
NEEDS_EXTRA = "Parquet export needs the extra: pip install 'welfare-ledger[parquet]'"
EXPORTED = "Exported {path} as {book}: {postings} postings, {members} members, {findings} findings."
NO_EXPORT = "{dir}: no exported books here; run welfare export --parquet DIR BOOK first."
NO_POSTINGS = "{dir}: the exported books have no postings."
ROLLUP_TITLE = "National roll-up of {year}: {books} book(s)"


def _require_parquet(lang: Lang) -> None:
    try:
        import duckdb  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        fail(NEEDS_EXTRA, lang)


def book_id(path: str | os.PathLike[str]) -> str:
    """A stable key of a book: its last path parts made file-safe, and a digest of the full path.

    The same book gets the same key from any working folder, so exporting it again replaces
    its files instead of adding a second copy to the national data set.
    """
    resolved = Path(path).resolve()
    tail = "-".join([*resolved.parent.parts[-2:], resolved.stem])
    slug = re.sub(r"[^A-Za-z0-9]+", "-", tail).strip("-")[-60:] or "book"
    digest = hashlib.sha256(str(resolved).encode()).hexdigest()[:8]
    return f"{slug}-{digest}"


def _schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    amount = pa.decimal128(24, AMOUNT_SCALE)
    return {
        "books": pa.schema(
            [
                ("book", pa.string()), ("path", pa.string()), ("title", pa.string()),
                ("entries", pa.int64()), ("transactions", pa.int64()),
                ("exported", pa.timestamp("s", tz="UTC")),
            ]
        ),
        "areas": pa.schema(
            [
                ("book", pa.string()), ("area", pa.string()),
                ("name_th", pa.string()), ("declared", pa.date32()),
            ]
        ),
        "members": pa.schema(
            [
                ("book", pa.string()), ("area", pa.string()), ("code", pa.string()),
                ("joined", pa.date32()), ("exit_date", pa.date32()), ("exit_reason", pa.string()),
            ]
        ),
        "postings": pa.schema(
            [
                ("book", pa.string()), ("file", pa.string()), ("line", pa.int32()),
                ("date", pa.date32()), ("year", pa.int16()), ("area", pa.string()),
                ("account", pa.string()), ("root", pa.string()), ("kind", pa.string()),
                ("report_column", pa.string()), ("fund", pa.bool_()), ("member", pa.string()),
                ("amount", amount), ("currency", pa.string()),
            ]
        ),
        "findings": pa.schema(
            [
                ("book", pa.string()), ("rule", pa.string()), ("severity", pa.string()),
                ("date", pa.date32()), ("file", pa.string()), ("line", pa.int32()),
                ("area", pa.string()), ("message_en", pa.string()), ("message_th", pa.string()),
            ]
        ),
    }


def _relative(filename: Any, base: Path) -> str:
    if not isinstance(filename, str) or not filename:
        return ""
    try:
        return Path(filename).relative_to(base).as_posix()
    except ValueError:
        return Path(filename).name


def _posting_rows(loaded: LoadedBook, key: str) -> dict[str, list[Any]]:
    from welfare_ledger.plugins.accounts import classify
    from welfare_ledger.plugins.book import opens_balances, report_column

    base = loaded.path.resolve().parent
    columns: dict[str, list[Any]] = {name: [] for name in _schemas()["postings"].names}
    files: dict[str, str] = {}
    for txn in loaded.facts().transactions:
        filename = txn.meta.get("filename", "")
        file = files.get(filename)
        if file is None:
            file = files[filename] = _relative(filename, base)
        line = int(txn.meta.get("lineno", 0) or 0)
        txn_member = txn.meta.get("member")
        brought_forward = opens_balances(txn)
        for posting in txn.postings:
            units = posting.units
            if units is None or units.number is None:
                continue
            account = posting.account
            member = (posting.meta or {}).get("member", txn_member)
            columns["book"].append(key)
            columns["file"].append(file)
            columns["line"].append(line)
            columns["date"].append(txn.date)
            columns["year"].append(txn.date.year)
            info = classify(account)
            columns["area"].append(info.area)
            columns["account"].append(account)
            columns["root"].append(account.split(":", 1)[0])
            columns["kind"].append(info.kind.value)
            columns["report_column"].append(report_column(account, brought_forward=brought_forward))
            columns["fund"].append(info.fund)
            columns["member"].append(member if isinstance(member, str) else None)
            columns["amount"].append(units.number.quantize(AMOUNT_QUANTUM, ROUND_HALF_EVEN))
            columns["currency"].append(units.currency)
    return columns


def book_tables(loaded: LoadedBook, key: str) -> dict[str, pa.Table]:
    """The five tables of one loaded book, every row keyed by `key`."""
    import pyarrow as pa

    schemas = _schemas()
    facts = loaded.facts()
    register = facts.register
    base = loaded.path.resolve().parent
    rows: dict[str, dict[str, list[Any]]] = {
        "books": {
            "book": [key],
            "path": [str(loaded.path)],
            "title": [str(loaded.options.get("title") or "")],
            "entries": [len(loaded.entries)],
            "transactions": [len(facts.transactions)],
            "exported": [datetime.datetime.now(datetime.UTC).replace(microsecond=0)],
        },
        "areas": {
            "book": [key] * len(register.areas),
            "area": [a.code for a in register.areas.values()],
            "name_th": [a.name_th for a in register.areas.values()],
            "declared": [a.declared for a in register.areas.values()],
        },
        "members": {
            "book": [key] * len(register.members),
            "area": [m.area for m in register.members.values()],
            "code": [m.code for m in register.members.values()],
            "joined": [m.joined for m in register.members.values()],
            "exit_date": [m.exit_date for m in register.members.values()],
            "exit_reason": [m.exit_reason for m in register.members.values()],
        },
        "postings": _posting_rows(loaded, key),
        "findings": {
            "book": [key] * len(loaded.findings),
            "rule": [f.rule for f in loaded.findings],
            "severity": [f.severity.value for f in loaded.findings],
            "date": [f.date for f in loaded.findings],
            "file": [_relative(f.file, base) for f in loaded.findings],
            "line": [f.line for f in loaded.findings],
            "area": [f.area for f in loaded.findings],
            "message_en": [f.message("en") for f in loaded.findings],
            "message_th": [f.message("th") for f in loaded.findings],
        },
    }
    return {name: pa.table(rows[name], schema=schemas[name]) for name in TABLES}


def table_path(out_dir: str | os.PathLike[str], table: str, key: str) -> Path:
    """Where one book's part of one table lives."""
    return Path(out_dir) / f"{table}.parquet" / f"{key}.parquet"


@dataclasses.dataclass(frozen=True, slots=True)
class BookResult:
    """What one worker did with one book: rows written, or why the book could not be read."""

    path: str
    book: str
    rows: dict[str, int]
    problem_th: str | None = None
    problem_en: str | None = None

    def problem(self, lang: Lang) -> str | None:
        """Why the book was not exported, in `lang`, naming the file."""
        return self.problem_th if lang == "th" else self.problem_en


def export_book(path: str, out_dir: str, key: str) -> BookResult:
    """Load one book once and write its tables; runs in a worker process.

    A book that cannot be read is reported back instead of raised, so one broken book
    out of thousands does not stop the others.
    """
    import pyarrow.parquet as pq
    from welfare_ledger.plugins.loader import BookUnreadable, load_book

    try:
        loaded = load_book(path)
    except BookUnreadable as exc:
        return BookResult(path, key, {}, exc.message("th"), exc.message("en"))
    tables = book_tables(loaded, key)
    for name, table in tables.items():
        with atomic_write(table_path(out_dir, name, key), "wb") as stream:
            pq.write_table(table, stream, compression="zstd")
    return BookResult(path, key, {name: table.num_rows for name, table in tables.items()})


def export_books(
    paths: Sequence[str], out_dir: str | os.PathLike[str], jobs: int | None = None
) -> list[BookResult]:
    """Export `paths` into `out_dir`, each book in its own worker process, results in input order.

    Workers are started with `spawn`: a clean interpreter per worker, so no lock or thread
    of the parent is inherited. A single book (or `jobs=1`) is exported in this process.
    """
    keys = [book_id(path) for path in paths]
    workers = min(jobs or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        return [export_book(path, str(out_dir), key) for path, key in zip(paths, keys, strict=True)]
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        futures = [
            pool.submit(export_book, path, str(out_dir), key)
            for path, key in zip(paths, keys, strict=True)
        ]
        return [future.result() for future in futures]


def _sources(con: duckdb.DuckDBPyConnection, out_dir: Path) -> None:
    for table in TABLES:
        pattern = (out_dir / f"{table}.parquet" / "*.parquet").as_posix().replace("'", "''")
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet('{pattern}')")  # noqa: S608


def _column_sums() -> str:
    from welfare_ledger.plugins.summary import AMOUNT_COLUMNS, BENEFIT_COLUMNS

    flows = [c for c in AMOUNT_COLUMNS if c not in ("benefits", "fund_balance")]
    parts = [
        f"coalesce(sum(CASE WHEN root = 'Income' THEN -amount ELSE amount END) "
        f"FILTER (WHERE report_column = '{column}'), 0) AS {column}"
        for column in flows
    ]
    benefit_list = ", ".join(f"'{c}'" for c in BENEFIT_COLUMNS.values())
    parts.append(f"coalesce(sum(amount) FILTER (WHERE report_column IN ({benefit_list})), 0) AS benefits")
    return ",\n      ".join(parts)


def area_rollup_sql() -> str:
    """SQL for one row per book and area of a year (`$year`, `$year_end`): the `areas` report's figures."""
    from welfare_ledger.plugins.summary import COLUMNS

    figures = ["coalesce(m.members, 0) AS members"]
    figures += [f"coalesce(f.{c}, 0) AS {c}" for c in COLUMNS if c not in ("area", "members", "fund_balance")]
    figures.append("coalesce(b.fund_balance, 0) AS fund_balance")
    select = ",\n    ".join(figures)
    return f"""
WITH thb AS (SELECT * FROM postings WHERE currency = 'THB' AND area IS NOT NULL),
area_list AS (
    SELECT book, area FROM areas
    UNION SELECT DISTINCT book, area FROM thb WHERE fund OR report_column IS NOT NULL
),
f AS (
    SELECT book, area,
      {_column_sums()}
    FROM thb WHERE year = $year AND report_column IS NOT NULL GROUP BY book, area
),
b AS (
    SELECT book, area, sum(amount) AS fund_balance FROM thb
    WHERE fund AND date <= $year_end GROUP BY book, area
),
m AS (
    SELECT book, area, count(*) AS members FROM members
    WHERE joined <= $year_end AND (exit_date IS NULL OR $year_end <= exit_date) GROUP BY book, area
)
SELECT a.book AS book, a.area AS area,
    {select}
FROM area_list a
LEFT JOIN f USING (book, area) LEFT JOIN b USING (book, area) LEFT JOIN m USING (book, area)
ORDER BY book, area
"""  # noqa: S608


def connect(out_dir: str | os.PathLike[str]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with a view per exported table."""
    import duckdb

    con = duckdb.connect()
    _sources(con, Path(out_dir))
    return con


def latest_year(con: duckdb.DuckDBPyConnection) -> int | None:
    """The newest year that has any posting."""
    row = con.execute("SELECT max(year) FROM postings").fetchone()
    return int(row[0]) if row and row[0] is not None else None


def area_rollup(con: duckdb.DuckDBPyConnection, year: int) -> list[dict[str, Any]]:
    """One row per book and area of `year`, with the columns of `welfare report areas`."""
    cursor = con.execute(area_rollup_sql(), {"year": year, "year_end": datetime.date(year, 12, 31)})
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def national_rollup(con: duckdb.DuckDBPyConnection, year: int, by: str = "book") -> list[dict[str, Any]]:
    """The roll-up of `year` grouped by book (province) or area, with findings and a `TOTAL` row."""
    from welfare_ledger.plugins.summary import COLUMNS

    sums = ", ".join(f"sum({c}) AS {c}" for c in COLUMNS if c != "area")
    keys = "book" if by == "book" else "book, area"
    findings = f"""
        SELECT {keys}, count(*) FILTER (WHERE severity = 'error') AS errors,
               count(*) FILTER (WHERE severity = 'warning') AS warnings
        FROM findings GROUP BY {keys}"""  # noqa: S608
    areas = "count(*) AS areas, " if by == "book" else ""
    sql = f"""
WITH r AS ({area_rollup_sql()}),
g AS (SELECT {keys}, {areas}{sums} FROM r GROUP BY {keys}),
x AS ({findings})
SELECT g.*, coalesce(x.errors, 0) AS errors, coalesce(x.warnings, 0) AS warnings
FROM g LEFT JOIN x USING ({keys}) ORDER BY {keys}
"""  # noqa: S608
    cursor = con.execute(sql, {"year": year, "year_end": datetime.date(year, 12, 31)})
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    total: dict[str, Any] = dict.fromkeys(names, "")
    total["book"] = "TOTAL"
    for name in names:
        if name not in ("book", "area"):
            total[name] = sum(row[name] for row in rows)
    return [*rows, total]


def _cell(value: Any, *, grouped: bool) -> str:
    if isinstance(value, Decimal):
        if value != value.quantize(Decimal("0.01")):
            return str(value.normalize())
        return f"{value:,.2f}" if grouped else f"{value:.2f}"
    return str(value)


def format_rows(rows: Iterable[dict[str, Any]], output_format: str) -> str:
    """Rows as CSV (plain numbers) or as an aligned text table (thousands separators)."""
    rows = list(rows)
    if not rows:
        return ""
    names = list(rows[0])
    if output_format == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows([_cell(row[n], grouped=False) for n in names] for row in rows)
        return buffer.getvalue().rstrip("\n")
    cells = [[_cell(row[n], grouped=True) for n in names] for row in rows]
    widths = [max(len(n), *(len(c[i]) for c in cells)) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True))]
    for line in cells:
        lines.append(
            "  ".join(
                c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(line, widths, strict=True))
            )
        )
    return "\n".join(lines)


@click.command()
@click.argument("books", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--parquet", "out_dir", required=True, type=click.Path(file_okay=False),
    help="Folder of the Parquet data set. / โฟลเดอร์ของข้อมูล Parquet",
)
@click.option(
    "--jobs", type=click.IntRange(min=1), default=None,
    help="Worker processes (default: CPUs). / จำนวนโปรเซส",
)
@click.option("--rollup", is_flag=True, help="Print the national roll-up (DuckDB). / แสดงยอดรวมระดับประเทศ")
@click.option("--year", type=int, default=None, help="Roll-up year (default: the latest). / ปีของยอดรวม")
@click.option(
    "--by", type=click.Choice(ROLLUP_GROUPS), default="book",
    help="Roll-up rows per book or per area. / แยกตามบัญชีหรือพื้นที่",
)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "csv"]), default="text",
    help="text or csv. / รูปแบบ",
)
@lang_option()
def export(
    *,
    books: tuple[str, ...],
    out_dir: str,
    jobs: int | None,
    rollup: bool,
    year: int | None,
    by: str,
    output_format: str,
    lang: str | None,
) -> None:
    """Write BOOKs as Parquet into --parquet DIR, one worker process per book; --rollup sums DIR.

    ส่งออกบัญชีเป็น Parquet (หนึ่งโปรเซสต่อหนึ่งบัญชี) และสรุปยอดระดับประเทศด้วย DuckDB

    With --rollup and no BOOK, the roll-up reads what DIR already holds.
    Exit 2 when a book cannot be read (the others are still exported).
    """
    language = resolve_lang(lang)
    _require_parquet(language)
    paths = list(books) or ([] if rollup else [DEFAULT_BOOK])
    unreadable = 0
    for result in export_books(paths, out_dir, jobs) if paths else []:
        problem = result.problem(language)
        if problem:
            unreadable += 1
            click.echo(problem, err=True)
            continue
        params = {"path": result.path, "book": result.book, **result.rows}
        click.echo(render(EXPORTED, params, language), err=True)
    if rollup:
        _print_rollup(out_dir, year, by, output_format, language)
    if unreadable:
        raise SystemExit(EXIT_UNREADABLE)


def _fail_dir(msgid: str, out_dir: str, lang: Lang) -> None:
    fail(msgid, lang, dir=out_dir)


def _print_rollup(out_dir: str, year: int | None, by: str, output_format: str, lang: Lang) -> None:
    import duckdb

    try:
        con = connect(out_dir)
        chosen = year if year is not None else latest_year(con)
    except duckdb.Error:
        _fail_dir(NO_EXPORT, out_dir, lang)
        return
    if chosen is None:
        _fail_dir(NO_POSTINGS, out_dir, lang)
        return
    rows = national_rollup(con, chosen, by)
    if output_format == "text":
        shown = chosen if lang == "en" else be_year(chosen)
        books = len({row["book"] for row in rows}) - 1
        click.echo(render(ROLLUP_TITLE, {"year": shown, "books": books}, lang))
    click.echo(format_rows(rows, output_format))
