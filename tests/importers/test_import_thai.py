"""Values as Thai offices write them: BE dates, Thai months and digits, baht, encodings, headers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from welfare_ledger.importers.bank import mask_numbers
from welfare_ledger.importers.problems import CellError
from welfare_ledger.importers.sheet import Field, find_header
from welfare_ledger.importers.thai import detect_encoding, parse_amount, parse_count, parse_date

DAY = datetime.date(2022, 9, 28)


@pytest.mark.parametrize("text", [
    "28/09/2565", "28/09/2022", "2022-09-28", "2565-09-28", "28 ก.ย. 65", "28 ก.ย. 2565",
    "๒๘/๐๙/๒๕๖๕", "๒๘ ก.ย. ๖๕", "28 กันยายน 2565", "28-ก.ย.-65", "28 Sep 2022", "28.09.2565",
    "28/09/2565 14:05", " 28/9/2565 ",
])
def test_dates_in_every_written_form(text):
    assert parse_date(text) == DAY


def test_cells_that_hold_dates():
    assert parse_date(datetime.datetime(2022, 9, 28, 10, 30)) == DAY
    assert parse_date(DAY) == DAY
    assert parse_date(44832) == DAY


@pytest.mark.parametrize(("text", "msgid"), [
    ("31/02/2565", "{value} is not a real date."),
    ("29 ก.พ. 66", "{value} is not a real date."),
    ("28/09/65", "{value} has a two-digit year that could be {ce} or {be}; nothing else in the file says "
                 "which. Save the file with four-digit years (e.g. 28/09/2565)."),
    ("01/01/0001", "{value} is out of range: a date from {first} to {last} is expected."),
    ("01/01/2200", "{value} is out of range: a date from {first} to {last} is expected."),
    ("28 กย.ที่แล้ว 65", "{value} is not a date (write e.g. 28/09/2565 or 28 ก.ย. 65)."),
])
def test_dates_that_are_not(text, msgid):
    with pytest.raises(CellError) as raised:
        parse_date(text)
    assert raised.value.msgid == msgid
    assert raised.value.value == text


def test_leap_day_of_a_be_year():
    assert parse_date("29 ก.พ. 67") == datetime.date(2024, 2, 29)


@pytest.mark.parametrize(("text", "number"), [
    ("1,234.50", "1234.50"), ("๑,๒๓๔", "1234.00"), ("(500.00)", "-500.00"), ("500-", "-500.00"),
    ("+1,200", "1200.00"), ("฿ 1,000", "1000.00"), ("1,000 บาท", "1000.00"), (30, "30.00"),
    (12.5, "12.50"), ("-0.05", "-0.05"),
])
def test_amounts(text, number):
    assert parse_amount(text) == Decimal(number)


@pytest.mark.parametrize("text", ["สามสิบ", "12a", "1.2.3", "1.234", "4000,00", "1,23.00", True,
                                  "1" * 31, "1,000,000,000,000.00", float("inf"), float("1e400"), float("nan")])
def test_not_amounts(text):
    with pytest.raises(CellError):
        parse_amount(text)


def test_empty_amount_and_counts():
    assert parse_amount("") is None
    assert parse_amount(" - ") is None
    assert parse_count("๓") == 3
    assert parse_count(2.0) == 2
    with pytest.raises(CellError):
        parse_count("2.5")


def test_encodings():
    thai = "วันที่,รายการ\n"
    assert detect_encoding(b"\xef\xbb\xbf" + thai.encode()) == "utf-8-sig"
    assert detect_encoding(thai.encode()) == "utf-8"
    assert detect_encoding(thai.encode("cp874")) == "cp874"
    assert detect_encoding(thai.encode()[:-2]) == "utf-8", "a character cut by the head limit"


def test_header_after_preamble_in_either_language():
    fields = (Field("date", ("วันที่", "Date")), Field("amount", ("จำนวนเงิน", "Amount")))
    rows = [(1, ("กองทุนสวัสดิการ", "")), (2, ()), (3, ("ลำดับ", " วันที่ ", "จำนวนเงิน (บาท)"))]
    header = find_header(rows, fields, lambda found: found == {"date", "amount"})
    assert header is not None
    assert (header.row, header.index, header.labels["amount"]) == (3, {"date": 1, "amount": 2}, "จำนวนเงิน (บาท)")
    english = find_header([(1, ("DATE:", "amount"))], fields, lambda found: found == {"date", "amount"})
    assert english is not None
    assert english.index == {"date": 0, "amount": 1}


def test_descriptions_lose_phone_and_id_numbers_but_keep_amounts():
    assert mask_numbers("PromptPay 081-234-5678") == "PromptPay xxx-xxx-5678"
    assert mask_numbers("ID 1101400123456 ok") == "ID xxxxxxxxx3456 ok"
    assert mask_numbers("ค่าไฟ 1,250.00 บาท งวด 2565") == "ค่าไฟ 1,250.00 บาท งวด 2565"
    assert mask_numbers("tel 081.234.5678") == "tel xxx.xxx.5678"
    assert mask_numbers("(081) 234 5678") == "(xxx) xxx 5678"
    assert mask_numbers("โทร ๐๘๑-๒๓๔-๕๖๗๘") == "โทร xxx-xxx-๕๖๗๘"


@pytest.mark.parametrize(("text", "masked"), [
    ("PromptPay x9136 นาง สมใจ ใจดี", "PromptPay x9136 นาง ***"),
    ("โอนให้ นางสาว มานี มีนา ++", "โอนให้ นางสาว *** ++"),
    ("จาก น.ส.สมศรี", "จาก น.ส.***"),
    ("ทุน ด.ญ. ปิติ เรียนดี", "ทุน ด.ญ. ***"),
    ("To MR. SOMCHAI JAIDEE", "To MR. ***"),
    ("from Mrs Smith", "from Mrs ***"),
])
def test_names_after_honorifics_are_masked(text, masked):
    assert mask_numbers(text) == masked


@pytest.mark.parametrize("text", [
    "นายก อบต.บางเมือง", "นายกเทศมนตรี", "นายอำเภอ", "นายทะเบียน", "นางพยาบาล", "เจ้านาย", "MS Office",
])
def test_offices_that_begin_like_honorifics_are_kept(text):
    assert mask_numbers(text) in (text, "MS ***")
    if not text.startswith("MS"):
        assert mask_numbers(text) == text


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_found_past_a_preamble(tmp_path, delimiter):
    from welfare_ledger.importers.sheet import read_rows

    path = tmp_path / "statement.csv"
    lines = ["ธนาคารกรุงไทย, สาขาบางเมือง", delimiter.join(["วันที่", "รายการ", "ถอน", "ฝาก"]),
             delimiter.join(["05/09/2565", "ฝากเงินสด", "", '"3,200.00"'])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = list(read_rows(path))
    assert rows[1] == (2, ("วันที่", "รายการ", "ถอน", "ฝาก"))
    assert rows[2][1][3] == "3,200.00"
