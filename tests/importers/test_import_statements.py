"""Statements exact or refused: years, brought-forward rows, signs, order and values out of range."""

from __future__ import annotations

import datetime
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data
from beancount.parser import parser
from click.testing import CliRunner
from openpyxl import Workbook
from welfare_ledger.scripts.cli import cli

BANK = "Assets:BangMueang:Bank:Kasikorn"
HEADER = "วันที่,รายการ,ถอนเงิน,ฝากเงิน,ยอดคงเหลือ\n"


def run(path: Path, *args: str, lang: str = "en"):
    return CliRunner().invoke(cli, ["--lang", lang, "import", str(path), "--account", BANK, *args])


def imported(path: Path) -> list[data.Directive]:
    result = run(path)
    assert result.exit_code == 0, result.output
    entries, errors, _ = parser.parse_string(result.stdout)
    assert errors == []
    return entries


def refused(path: Path, *parts: str, output: Path | None = None) -> str:
    args = ("--output", str(output)) if output else ()
    result = run(path, *args)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    if output is not None:
        assert not output.exists()
    return lines[0]


def statement(tmp_path: Path, text: str, name: str = "statement.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def days(entries: list[data.Directive]) -> list[datetime.date]:
    return [e.date for e in entries if isinstance(e, data.Transaction)]


ROWS_24 = "02-12-24,ฝากเงินสด,,100.00,1100.00\n09-12-24,ค่าธรรมเนียม,10.00,,1090.00\n"


def test_two_digit_years_with_no_evidence_are_refused(tmp_path):
    path = statement(tmp_path, HEADER + ROWS_24)
    refused(path, "row 2", "column วันที่", '"02-12-24"', "2024", "2524")


def test_two_digit_years_settled_by_the_period_in_ce_or_be(tmp_path):
    for period in ("01/12/2024 - 31/12/2024", "01/12/2567 - 31/12/2567", "1 ธ.ค. 2567"):
        path = statement(tmp_path, f"รอบระหว่างวันที่,{period}\n" + HEADER + ROWS_24)
        assert days(imported(path)) == [datetime.date(2024, 12, 2), datetime.date(2024, 12, 9)]


def test_buddhist_two_digit_years_settled_by_the_period(tmp_path):
    rows = ROWS_24.replace("-24", "-67")
    path = statement(tmp_path, "ระหว่างวันที่,01/12/2024 - 31/12/2024\n" + HEADER + rows)
    assert days(imported(path)) == [datetime.date(2024, 12, 2), datetime.date(2024, 12, 9)]


def test_two_digit_years_that_fit_no_evidence_are_refused(tmp_path):
    path = statement(tmp_path, "period,01/12/2010 - 31/12/2010\n" + HEADER + ROWS_24)
    refused(path, "row 3", "two-digit year")


def test_brought_forward_row_checks_the_first_row(tmp_path):
    text = HEADER + "01/12/2567,ยอดยกมา,,,1000.00\n" + "02/12/2567,ฝากเงินสด,,100.00,1110.00\n"
    refused(statement(tmp_path, text), "row 3", "column ยอดคงเหลือ", "1,000.00", "1,100.00")
    good = HEADER + "01/12/2567,ยอดยกมา,,,1010.00\n" + "02/12/2567,ฝากเงินสด,,100.00,1110.00\n"
    (_, balance) = imported(statement(tmp_path, good))
    assert balance.amount.number == Decimal("1110.00")


def test_brought_forward_row_with_zero_amounts_is_refused(tmp_path):
    text = HEADER + "01/12/2567,ยอดยกมา,0.00,0.00,1000.00\n" + "02/12/2567,ฝากเงินสด,,100.00,1100.00\n"
    out = tmp_path / "out.beancount"
    refused(statement(tmp_path, text), "row 2", "column ถอนเงิน", "brought-forward", '"0.00"', output=out)


def test_row_that_moves_nothing_or_both_ways(tmp_path):
    nothing = HEADER + "02/12/2567,ฝากเงินสด,0.00,,1100.00\n"
    refused(statement(tmp_path, nothing), "row 2", "moves no money")
    both = HEADER + "02/12/2567,ฝากเงินสด,5.00,100.00,1100.00\n"
    refused(statement(tmp_path, both), "row 2", "column ฝากเงิน", "both")


def test_a_zero_in_the_unused_column_is_no_movement(tmp_path):
    text = HEADER + "02/12/2567,ฝากเงินสด,0.00,100.00,1100.00\n09/12/2567,ถอนเงินสด,50.00,0.00,1050.00\n"
    txns = [e for e in imported(statement(tmp_path, text)) if isinstance(e, data.Transaction)]
    assert [t.postings[0].units.number for t in txns] == [Decimal("100.00"), Decimal("-50.00")]


def test_withdrawals_with_both_signs_are_refused(tmp_path):
    text = HEADER + "02/12/2567,โอน,-100.00,,900.00\n03/12/2567,โอน,50.00,,850.00\n"
    refused(statement(tmp_path, text), "row 3", "column ถอนเงิน", "other sign", "row 2")


def test_dates_going_both_ways_are_refused(tmp_path):
    text = (HEADER + "02/12/2567,ฝากเงินสด,,100.00,1100.00\n09/12/2567,ฝากเงินสด,,100.00,1200.00\n"
            "05/12/2567,ฝากเงินสด,,100.00,1300.00\n")
    refused(statement(tmp_path, text), "row 4", "change direction")


def test_one_day_newest_first_is_told_by_the_balances(tmp_path):
    text = HEADER + "02/12/2567,ถอนเงินสด,300.00,,1000.00\n02/12/2567,ฝากเงินสด,,500.00,1300.00\n"
    entries = imported(statement(tmp_path, text))
    assert next(e for e in entries if isinstance(e, data.Balance)).amount.number == Decimal("1000.00")


def test_signed_amounts_written_from_the_banks_side_are_told_by_the_balances(tmp_path):
    text = "Date,Description,Amount,Balance\n2024-12-02,Cash deposit,-100.00,1100.00\n" \
           "2024-12-03,Cash withdrawal,40.00,1060.00\n"
    txns = [e for e in imported(statement(tmp_path, text)) if isinstance(e, data.Transaction)]
    assert [t.postings[0].units.number for t in txns] == [Decimal("100.00"), Decimal("-40.00")]


def test_direction_column_is_required_to_make_sense(tmp_path):
    header = "date,description,amount,direction,balance\n"
    refused(statement(tmp_path, header + "05/03/2025,ฝาก,100.00,sideways,100.00\n"), "row 2", "column direction",
            '"sideways"')
    refused(statement(tmp_path, header + "05/03/2025,ถอน,-100.00,out,100.00\n"), "row 2", "column amount",
            "unsigned")


def test_statement_without_balances_imports_without_an_assertion(tmp_path):
    text = "วันที่,รายการ,จำนวนเงิน\n02/12/2567,ฝากเงินสด,100.00\n"
    entries = imported(statement(tmp_path, text))
    assert [type(e).__name__ for e in entries] == ["Transaction"]


@pytest.mark.parametrize(("cell", "column", "words"), [
    ("1234567890123456789012345678901.00", "ฝากเงิน", "out of range"),
    ("1" * 31, "ฝากเงิน", "out of range"),
])
def test_amount_out_of_range_is_one_line(tmp_path, cell, column, words):
    text = HEADER + f"02/12/2567,ฝากเงินสด,,{cell},1100.00\n"
    refused(statement(tmp_path, text), "row 2", f"column {column}", words, output=tmp_path / "o.beancount")


def test_date_out_of_range_is_one_line(tmp_path):
    text = HEADER + "01/01/0001,ฝากเงินสด,,100.00,1100.00\n"
    refused(statement(tmp_path, text), "row 2", "column วันที่", '"01/01/0001"', "out of range")


def test_xlsx_infinite_amount_is_one_line(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Description", "Withdrawal", "Deposit", "Balance"])
    sheet.append([datetime.datetime(2024, 12, 2), "Cash deposit", None, 987654321, 100])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    path = tmp_path / "statement.xlsx"
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            raw = source.read(item.filename)
            target.writestr(item, raw.replace(b"<v>987654321</v>", b"<v>1E400</v>"))
    refused(path, "row 2", "column Deposit", "out of range")


def test_html_statement_with_script_in_a_cell_is_neutralised(tmp_path):
    text = ("<html><body><table><tr><th>วันที่</th><th>รายการ</th><th>จำนวนเงิน</th><th>ยอดคงเหลือ</th></tr>\n"
            "<tr><td>02/12/2567</td><td>รับโอน &lt;script&gt;alert(1)&lt;/script&gt;<script>x()</script></td>"
            "<td>100.00</td><td>1,100.00</td></tr></table></body></html>\n")
    (txn, _) = imported(statement(tmp_path, text, "statement.xls"))
    assert "<" not in txn.narration and ">" not in txn.narration
    assert txn.narration.startswith("รับโอน ＜script＞alert(1)＜/script＞")


def test_messages_in_thai(tmp_path):
    path = statement(tmp_path, HEADER + ROWS_24)
    result = run(path, lang="th")
    assert result.exit_code == 2
    assert "แถวที่ 2 คอลัมน์ วันที่" in result.stderr
    assert "ปีสองหลัก" in result.stderr
