"""Benchmark: import a 100,000-row bank statement, then load the result with plain Beancount.

The goal (issues 5 and 16) is an import no slower than Beancount's own load of the entries
it produces. The statement is written as Thai banks export it (preamble, Thai headers, BE
dates, withdrawal and deposit columns with thousands separators, running balances that the
import checks row by row), the import is timed from file to Beancount text exactly as
`welfare import` does it, and the load is `beancount.loader.load_string` of that text with
the open directives it needs. A second import of the same statement against the loaded
result (every row already in the book, as `--book` finds them through its index by date,
account and amount) is timed too. All figures come from the same run; the tests check
correctness only.

Run: `.venv/bin/python -m welfare_ledger.scripts.bench_import [--rows N]`.
"""

from __future__ import annotations

import csv
import datetime
import random
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

ACCOUNT = "Assets:BangMueang:Bank:Krungthai"
OPENS = "".join(
    f"2000-01-01 open {name} THB\n"
    for name in (
        ACCOUNT, "Assets:BangMueang:Cash", "Income:BangMueang:Interest",
        "Income:BangMueang:Unclassified", "Expenses:BangMueang:Unclassified",
        "Expenses:BangMueang:Admin:BankFees", "Income:BangMueang:Matching:Government",
    )
)
DESCRIPTIONS = (
    ("ฝากเงินสด", 1), ("ถอนเงินสด", -1), ("ดอกเบี้ย", 1), ("รับโอน", 1), ("โอนเงิน พร้อมเพย์ 0812345678", -1),
    ("ค่าธรรมเนียม", -1),
)


def write_statement(path: Path, rows: int, seed: int = 5) -> None:
    """A statement of `rows` rows over consecutive days, balance running from zero."""
    rng = random.Random(seed)  # noqa: S311  (test data, not secrets)
    day = datetime.date(2015, 1, 1)
    balance = Decimal(0)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["ธนาคารกรุงไทย จำกัด (มหาชน)"])
        out.writerow(["เลขที่บัญชี 123-4-56789-0"])
        out.writerow(["วันที่", "รายการ", "ถอน", "ฝาก", "คงเหลือ"])
        for index in range(rows):
            if index % 40 == 0:
                day += datetime.timedelta(days=1)
            text, sign = DESCRIPTIONS[rng.randrange(len(DESCRIPTIONS))]
            amount = Decimal(rng.randrange(100, 500_000)) / 100
            if sign < 0 and amount > balance:
                text, sign = "ฝากเงินสด", 1
            balance += sign * amount
            be_date = f"{day.day:02d}/{day.month:02d}/{day.year + 543}"
            money = f"{amount:,.2f}"
            out.writerow([be_date, text, money if sign < 0 else "", money if sign > 0 else "",
                          f"{balance:,.2f}"])


Seconds = tuple[float, float]


def _since(start: Seconds) -> Seconds:
    return time.perf_counter() - start[0], time.process_time() - start[1]


def time_import(path: Path) -> tuple[Seconds, str, int]:
    """Wall and CPU seconds to identify, extract, deduplicate and print the statement."""
    from welfare_ledger.scripts.import_files import extract_files, format_extracted

    start = time.perf_counter(), time.process_time()
    extracted = extract_files([str(path)], ACCOUNT, [])
    text, kept, _ = format_extracted(extracted, [])
    return _since(start), text, kept


def time_load(text: str) -> tuple[Seconds, int, int]:
    """Wall and CPU seconds for a plain Beancount load of the text; its entries and errors."""
    seconds, entries, errors = load(text)
    return seconds, len(entries), errors


def load(text: str) -> tuple[Seconds, list[Any], int]:
    """A plain Beancount load of the text with the opens it needs: seconds, entries, error count."""
    from beancount import loader

    start = time.perf_counter(), time.process_time()
    entries, errors, _ = loader.load_string(OPENS + text)
    return _since(start), entries, len(errors)


def time_reimport(path: Path, book: list[Any]) -> tuple[Seconds, int, int]:
    """Seconds to import the statement again against the book that already holds it: kept, left out."""
    from welfare_ledger.scripts.import_files import extract_files, format_extracted

    start = time.perf_counter(), time.process_time()
    extracted = extract_files([str(path)], ACCOUNT, book)
    _, kept, left_out = format_extracted(extracted, [])
    return _since(start), kept, left_out


@click.command()
@click.option("--rows", default=100_000, show_default=True, help="Rows in the statement.")
def main(rows: int) -> None:
    """Time an import of a ROWS-row statement against Beancount's load of its entries."""
    with tempfile.TemporaryDirectory() as folder:
        statement = Path(folder) / "statement.csv"
        write_statement(statement, rows)
        size = statement.stat().st_size / 1e6
        imported, text, kept = time_import(statement)
        loaded, book, errors = load(text)
        again, kept_again, left_out = time_reimport(statement, book)
    click.echo(f"statement: {rows:,} rows, {size:.1f} MB")
    click.echo(f"welfare import (file -> Beancount text): {imported[0]:6.2f} s wall, {imported[1]:6.2f} s CPU"
               f"  ({kept:,} entries)")
    click.echo(f"beancount load of the result:            {loaded[0]:6.2f} s wall, {loaded[1]:6.2f} s CPU"
               f"  ({len(book):,} entries, {errors} errors)")
    click.echo(f"import again against that book (dedup):  {again[0]:6.2f} s wall, {again[1]:6.2f} s CPU"
               f"  ({kept_again:,} new, {left_out:,} left out)")
    for label, timed in (("import", imported), ("import with --book", again)):
        ratio = timed[1] / loaded[1]
        verdict = "ok" if ratio <= 1 else "SLOWER"
        click.echo(f"ratio {label} / load (CPU): {ratio:.2f}, (wall): {timed[0] / loaded[0]:.2f}"
                   f" (goal <= 1.00): {verdict}")


if __name__ == "__main__":
    main()
