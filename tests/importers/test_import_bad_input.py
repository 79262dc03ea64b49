"""Bad input: one message naming file, row, column and value; exit 2; nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from welfare_ledger.scripts.cli import cli

SAMPLES = Path(__file__).with_name("samples")
CASH = "Assets:BangMueang:Cash"

CONTRIBUTIONS = """\
ทะเบียนรับเงินสัจจะ
วันที่,รหัสสมาชิก,จำนวนเงิน,เลขที่ใบเสร็จ
05/09/2565,BM-0001,30,2565-0001
{date},BM-0002,{amount},2565-0002
"""


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(cli, ["--lang", lang, "import", *args])


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def assert_refused(result, *parts: str) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def output(tmp_path: Path) -> Path:
    """An output file that already holds a treasurer's work, which a failed run must not touch."""
    path = tmp_path / "imported.beancount"
    path.write_text("; earlier import\n", encoding="utf-8")
    return path


def assert_untouched(output: Path) -> None:
    assert output.read_text(encoding="utf-8") == "; earlier import\n"
    assert [p.name for p in output.parent.iterdir() if p.name.startswith(".")] == []


def test_impossible_date(tmp_path, output):
    sheet = write(tmp_path / "sheet.csv", CONTRIBUTIONS.format(date="31/02/2565", amount="30"))
    result = run(str(sheet), "--account", CASH, "--output", str(output))
    assert_refused(result, str(sheet), "row 4", "column วันที่", '"31/02/2565"', "not a real date")
    assert_untouched(output)


def test_non_numeric_amount(tmp_path, output):
    sheet = write(tmp_path / "sheet.csv", CONTRIBUTIONS.format(date="06/09/2565", amount="สามสิบ"))
    result = run(str(sheet), "--account", CASH, "--output", str(output))
    assert_refused(result, str(sheet), "row 4", "column จำนวนเงิน", '"สามสิบ"', "not an amount")
    assert_untouched(output)


def test_message_in_thai(tmp_path):
    sheet = write(tmp_path / "sheet.csv", CONTRIBUTIONS.format(date="06/09/2565", amount="12x"))
    line = assert_refused(run(str(sheet), "--account", CASH, lang="th"))
    assert line == f'{sheet} แถวที่ 4 คอลัมน์ จำนวนเงิน: "12x" ไม่ใช่จำนวนเงิน'


def test_wrong_columns(tmp_path, output):
    text = CONTRIBUTIONS.format(date="06/09/2565", amount="30").replace("เลขที่ใบเสร็จ", "สลิป")
    sheet = write(tmp_path / "sheet.csv", text)
    result = run(str(sheet), "--account", CASH, "--output", str(output))
    assert_refused(result, str(sheet), "row 2", "contribution register", "เลขที่ใบเสร็จ/Receipt",
                   '"วันที่ | รหัสสมาชิก | จำนวนเงิน | สลิป"')
    assert_untouched(output)


def test_statement_header_without_money_columns_says_which(tmp_path):
    sheet = write(tmp_path / "scb.txt", "วันที่\tเวลา\tรายละเอียด\tยอดเงินคงเหลือ\n01/10/2567\t08:00\tx\t1.00\n")
    line = assert_refused(run(str(sheet), "--account", "Assets:BangMueang:Bank:SCB"), "row 1", "bank statement")
    assert "ถอน/Withdrawal + ฝาก/Deposit (or จำนวนเงิน/Amount)" in line


def test_no_header_at_all(tmp_path, output):
    sheet = write(tmp_path / "notes.csv", "minutes of the meeting\nnothing tabular here\n")
    result = run(str(sheet), "--account", CASH, "--output", str(output))
    assert_refused(result, str(sheet), "No header row")
    assert_untouched(output)


def test_file_that_does_not_exist(tmp_path, output):
    missing = tmp_path / "nowhere.csv"
    result = run(str(missing), "--account", CASH, "--output", str(output))
    assert_refused(result, str(missing), "does not exist")
    assert_untouched(output)


def test_unreadable_bytes(tmp_path, output):
    raw = CONTRIBUTIONS.format(date="06/09/2565", amount="30").encode("cp874") + b"\xfc\xfd\n"
    sheet = tmp_path / "broken.csv"
    sheet.write_bytes(raw)
    result = run(str(sheet), "--account", CASH, "--output", str(output))
    assert_refused(result, str(sheet), "row 5", "neither UTF-8 nor Windows-874")
    assert_untouched(output)


def test_binary_file(tmp_path, output):
    sheet = tmp_path / "photo.csv"
    sheet.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert_refused(run(str(sheet), "--account", CASH, "--output", str(output)), "neither UTF-8 nor Windows-874")
    assert_untouched(output)


def test_nul_byte_far_into_the_file_refuses_it(tmp_path, output):
    rows = "".join(f"{5 + i % 20:02d}/09/2565,BM-{i:04d},30,2565-{i:04d}\n" for i in range(1, 400))
    text = "วันที่,รหัสสมาชิก,จำนวนเงิน,เลขที่ใบเสร็จ\n" + rows + "06/09/2565,BM-0999,30,2565-0999\x00\n"
    sheet = write(tmp_path / "sheet.csv", text)
    assert sheet.stat().st_size > 8192
    line = assert_refused(run(str(sheet), "--account", CASH, "--output", str(output)), str(sheet), "row 401",
                          "U+0000")
    assert "\x00" not in line
    assert_untouched(output)


def test_escape_and_bidi_controls_refuse_the_file(tmp_path):
    for char, name in (("\x1b", "U+001B"), ("\u202e", "U+202E"), ("\x7f", "U+007F")):
        text = CONTRIBUTIONS.format(date="06/09/2565", amount="30").replace("BM-0002", f"BM-0002{char}")
        sheet = write(tmp_path / "sheet.csv", text)
        assert_refused(run(str(sheet), "--account", CASH), "row 4", name)


def test_truncated_xlsx(tmp_path, output):
    whole = (SAMPLES / "contributions_en.xlsx").read_bytes()
    sheet = tmp_path / "cut.xlsx"
    sheet.write_bytes(whole[: len(whole) // 2])
    result = run(str(sheet), "--account", CASH, "--output", str(output))
    assert_refused(result, str(sheet), "truncated or damaged")
    assert_untouched(output)


def test_one_bad_file_among_good_ones_writes_nothing(tmp_path):
    good = shutil.copy(SAMPLES / "contributions_th_cp874.csv", tmp_path / "good.csv")
    bad = write(tmp_path / "bad.csv", CONTRIBUTIONS.format(date="31/02/2565", amount="30"))
    target = tmp_path / "new.beancount"
    result = run(str(good), str(bad), "--account", CASH, "--output", str(target))
    assert_refused(result, str(bad), "row 4")
    assert not target.exists()


def test_old_binary_xls_is_named(tmp_path):
    sheet = tmp_path / "statement.xls"
    sheet.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert_refused(run(str(sheet), "--account", CASH), "old binary Excel (.xls)")


def test_bank_statement_needs_a_bank_account(tmp_path):
    statement = shutil.copy(SAMPLES / "bank_th_utf8.csv", tmp_path / "statement.csv")
    result = run(str(statement), "--account", CASH)
    assert_refused(result, str(statement), "Assets:BangMueang:Bank:<Name>")


def test_account_without_area():
    result = run(str(SAMPLES / "bank_th_utf8.csv"), "--account", "Assets:Cash")
    assert_refused(result, "Assets:Cash", "not an account of an area")


def test_claim_of_unknown_type(tmp_path):
    text = (SAMPLES / "claims_th_bom.csv").read_text(encoding="utf-8-sig").replace("คลอดบุตร", "ทำบุญ")
    sheet = write(tmp_path / "claims.csv", text)
    assert_refused(run(str(sheet), "--account", CASH), "row 5", "column ประเภท", '"ทำบุญ"')


def test_member_written_as_national_id(tmp_path):
    sheet = write(tmp_path / "sheet.csv",
                  CONTRIBUTIONS.format(date="06/09/2565", amount="30").replace("BM-0002", "1-1014-00123-45-6"))
    line = assert_refused(run(str(sheet), "--account", CASH), "row 4", "column รหัสสมาชิก")
    assert "ID card" in line


def test_folder_instead_of_file(tmp_path, output):
    result = run(str(tmp_path), "--account", CASH, "--output", str(output))
    assert_refused(result, str(tmp_path), "folder")
    assert_untouched(output)


def test_area_the_book_does_not_declare(tmp_path):
    book = write(tmp_path / "book.beancount", '2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"\n')
    sheet = SAMPLES / "contributions_th_cp874.csv"
    result = run(str(sheet), "--account", "Assets:BanNa:Cash", "--book", str(book))
    assert_refused(result, "BanNa", "declares no area")
