"""Any bytes in, a valid result or one line out: never a traceback, never a partial file.

Hypothesis searches for a way around each importer and `welfare import`: raw bytes under
every name a file may have, and statements and registers whose header is right but whose
cells are anything (control characters, markup, huge numbers, impossible dates, names and
phone numbers). A success must be Beancount text that parses, whose texts hold no markup,
control character or personal data.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from pathlib import Path

from beancount.core import data
from beancount.parser import parser
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from welfare_ledger.importers.registry import importers_for
from welfare_ledger.plugins.markup_chars import first_unsafe
from welfare_ledger.plugins.privacy import find_names, find_numbers
from welfare_ledger.scripts.cli import cli

BANK = "Assets:BangMueang:Bank:Kasikorn"
CASH = "Assets:BangMueang:Cash"
# FUZZ_EXAMPLES=2000 searches harder than the suite's default.
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])
HEADERS = {
    "bank": ["วันที่", "รายการ", "ถอนเงิน", "ฝากเงิน", "ยอดคงเหลือ", "รายละเอียด"],
    "signed": ["Date", "Description", "Amount", "Balance"],
    "direction": ["date", "description", "amount", "direction", "balance"],
    "contributions": ["วันที่", "รหัสสมาชิก", "จำนวนเงิน", "เลขที่ใบเสร็จ", "ค่าสมัคร"],
    "claims": ["วันที่จ่าย", "วันที่เกิดเหตุ", "รหัสสมาชิก", "ประเภท", "จำนวนเงิน", "จำนวนคืน", "ผู้อนุมัติ",
               "ผู้รับเงิน", "เลขที่คำร้อง", "เอกสาร"],
}
TRICKS = st.sampled_from([
    "", "0", "0.00", "-5", "+1,200.00", "1E400", "1" * 31, "(500.00)", "500-", "01/01/0001", "02-12-24",
    "31/02/2565", "28 ก.ย. 65", "2024-12-02", "๑๒/๑๒/๒๕๖๗", "ยอดยกมา", "Balance B/F", "รวม", "Page 1 of 2",
    "<script>alert(1)</script>", "x\x00y", "a\x1b[2Jb", "\u202eevil", "นาง สมใจ ใจดี", "081.234.5678",
    "1 1017 00230 70 8", "in", "out", "เจ็บป่วย", "BM-0001", "=HYPERLINK(\"x\")", "\"", "\n", ";", "\t",
])
CELL = st.one_of(TRICKS, st.text(max_size=12))


def _assert_clean_result(result, output: Path) -> None:
    """Exit 0 with a parsing, safe output file, or exit 2 with one line and no output file."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    if result.exit_code == 0:
        text = output.read_text(encoding="utf-8")
        entries, errors, _ = parser.parse_string(text)
        assert errors == [], (errors, text)
        for entry in entries:
            if isinstance(entry, data.Transaction):
                for field in (entry.payee or "", entry.narration or ""):
                    assert first_unsafe(field) is None, field
                    assert find_numbers(field) == [] and find_names(field) == [], field
                for posting in entry.postings:
                    for key, value in (posting.meta or {}).items():
                        if isinstance(value, str) and key != "filename":
                            assert first_unsafe(value) is None, value
    else:
        assert result.exit_code == 2, result.output
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
        assert not output.exists()


def _import(path: Path, account: str) -> None:
    output = path.parent / "out.beancount"
    result = CliRunner().invoke(cli, ["--lang", "en", "import", str(path), "--account", account,
                                      "--output", str(output)])
    _assert_clean_result(result, output)


@FUZZ
@given(raw=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".txt", ".xls", ".xlsx", ".tsv"]),
       account=st.sampled_from([BANK, CASH]))
def test_any_bytes_under_any_name(raw: bytes, suffix: str, account: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"file{suffix}"
        path.write_bytes(raw)
        _import(path, account)


@FUZZ
@given(kind=st.sampled_from(sorted(HEADERS)), rows=st.lists(st.lists(CELL, min_size=3, max_size=10),
                                                              max_size=6),
       delimiter=st.sampled_from([",", "\t", ";"]), encoding=st.sampled_from(["utf-8", "utf-8-sig"]))
def test_right_header_any_cells(kind: str, rows: list[list[str]], delimiter: str, encoding: str):
    lines = [delimiter.join(HEADERS[kind])]
    for cells in rows:
        lines.append(delimiter.join('"' + cell.replace('"', '""') + '"' for cell in cells))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.csv"
        path.write_bytes(("\n".join(lines) + "\n").encode(encoding, errors="replace"))
        _import(path, BANK if kind in ("bank", "signed", "direction") else CASH)


XLSX_CELL = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=10), TRICKS.filter(
        lambda text: not any(ord(c) < 32 for c in text)),
    st.floats(allow_nan=False, allow_infinity=False), st.integers(min_value=-10**20, max_value=10**20),
    st.dates(min_value=datetime.date(1900, 1, 1)), st.none(),
)


@FUZZ
@given(kind=st.sampled_from(sorted(HEADERS)), rows=st.lists(st.lists(XLSX_CELL, min_size=3, max_size=10),
                                                              max_size=5))
def test_workbooks_with_any_cells(kind: str, rows: list[list[object]]):
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS[kind])
    for cells in rows:
        sheet.append(cells)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sheet.xlsx"
        book.save(path)
        _import(path, BANK if kind in ("bank", "signed", "direction") else CASH)


@FUZZ
@given(raw=st.binary(max_size=1024))
def test_every_importer_alone_answers_or_raises_its_one_problem(raw: bytes):
    from welfare_ledger.importers.problems import ImportProblem

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "file.csv"
        path.write_bytes(b"\xef\xbb\xbf" + "วันที่,รายการ,จำนวนเงิน,คงเหลือ,รหัสสมาชิก,เลขที่ใบเสร็จ\n".encode() + raw)
        for importer in importers_for(BANK):
            problems: list[ImportProblem] = []
            try:
                if importer.identify(str(path)):
                    importer.extract(str(path), [])
            except ImportProblem as problem:
                problems.append(problem)
            assert all("\n" not in problem.message("en") for problem in problems)
