"""Rule `personal-data`: no national ID or mobile number in the books, and none shown in full."""

from __future__ import annotations

from pathlib import Path

from beancount import loader
from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import personal_data


@ledger_doc
def test_id_and_phone_numbers_anywhere(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
      note: "เลขบัตร 1-1017-00230-70-8"
    2022-03-01 * "Repair shop 081-234-5678" "Fan repair"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Admin
        contact: "+66 91 234 5678"
    2022-03-02 * "Pay back BM-0001, ID 1101700230708"
      Assets:BangMueang:Cash  -100 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(personal_data, entries, errors, options_map)
    repair = line_of(entries, "Fan repair")
    got = sorted((f.line, f.params["field"], f.msgid) for f in findings)
    assert got == sorted(
        [
            (5, "note:", personal_data.MSG_NATIONAL_ID),
            (repair, "payee", personal_data.MSG_MOBILE),
            (repair + 2, "contact:", personal_data.MSG_MOBILE),
            (repair + 4, "narration", personal_data.MSG_NATIONAL_ID),
        ]
    )
    assert {f.area for f in findings} == {"BangMueang"}
    for finding in findings:
        english, thai = messages(finding)
        for secret in ("1017", "00230", "234-5678", "2345678", "234 5678"):
            assert secret not in english and secret not in thai
    register = next(f for f in findings if f.line == 5)
    english, thai = messages(register)
    assert "XXXXXXXXXXX08" in english and "national ID" in english
    assert "1 ม.ค. 2563" in thai
    phone = next(f for f in findings if f.params["field"] == "payee")
    assert "08XXXXXX78" in messages(phone)[0]


@ledger_doc
def test_codes_receipts_and_other_numbers_are_not_personal_data(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2022-03-01 * "Repair shop" "Fan repair, bank ref 1101700230705, account 012-3-45678-9"
      invoice: "INV-2565-000123"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Admin
    2022-03-02 * "Collection day"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
        receipt: "2565-0042"
    2022-12-31 custom "seal" "BangMueang" "9f86d081884c7d659a2feaa0c55ad0151101700230708a"
    2022-03-03 * "Landline 02-123-4567"
      Assets:BangMueang:Cash  -10 THB
      Expenses:BangMueang:Admin
    """
    assert run_rule(personal_data, entries, errors, options_map) == []


@ledger_doc
def test_numbers_written_every_way_and_everywhere(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 open Assets:BangMueang:Advances:X0812345678 THB
    2022-03-01 * "Spaced ID 1 1017 00230 70 8"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-02 * "Dotted ID 1.1017.00230.70.8"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-03 * "Thai digits ID ๑๑๐๑๗๐๐๒๓๐๗๐๘"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-04 * "Dotted phone 081.234.5678"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-05 * "Bracket phone (081) 234 5678"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-06 * "Thai digits phone ๐๘๑-๒๓๔-๕๖๗๘"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-07 * "Tagged" #tel0812345678 ^1-1017-00230-70-8
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-08 * "Numeric metadata"
      phone: 812345678
      id: 1101700230708
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(personal_data, entries, errors, options_map)
    got = sorted((f.line, f.params["field"], f.msgid == personal_data.MSG_MOBILE) for f in findings)
    first = line_of(entries, "Spaced ID 1 1017 00230 70 8")
    advances = next(e.meta["lineno"] for e in entries if getattr(e, "account", "").endswith("X0812345678"))
    assert got == sorted([
        (advances, "account", True),
        (first, "narration", False),
        (first + 3, "narration", False),
        (first + 6, "narration", False),
        (first + 9, "narration", True),
        (first + 12, "narration", True),
        (first + 15, "narration", True),
        (first + 18, "tag", True),
        (first + 18, "link", False),
        (first + 21, "phone:", True),
        (first + 21, "id:", False),
    ])
    for finding in findings:
        english, thai = messages(finding)
        for secret in ("1017", "00230", "234", "๒๓๔", "5678", "812345"):
            assert secret not in english and secret not in thai, english


@ledger_doc
def test_names_after_honorifics_in_payees_and_narrations(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-03-01 * "PromptPay x9136 นาง สมใจ ใจดี"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-02 * "นายสมชาย ใจดี" "ค่าซ่อมพัดลม"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-03 * "Refund to Mrs Smith"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-04 * "ทุนการศึกษา ด.ญ.ปิติ"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(personal_data, entries, errors, options_map)
    first = line_of(entries, "PromptPay x9136 นาง สมใจ ใจดี")
    got = sorted((f.line, f.params["field"], f.params["title"]) for f in findings)
    assert got == [(first, "narration", "นาง"), (first + 3, "payee", "นาย"), (first + 6, "narration", "Mrs"),
                   (first + 9, "narration", "ด.ญ.")]
    for finding in findings:
        english, thai = messages(finding)
        for name in ("สมใจ", "ใจดี", "สมชาย", "Smith", "ปิติ"):
            assert name not in english and name not in thai
        assert "honorific" in english and "คำนำหน้า" in thai


@ledger_doc
def test_offices_masked_names_and_other_numbers_are_not_personal_data(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-03-01 * "นายก อบต.บางเมือง" "พวงหรีดงานศพ นายอำเภอ นางพยาบาล เจ้านาย"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-02 * "PromptPay xxxxxx5678 นาง ***"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-03 * "Bad check digit 1 1017 00230 70 5, receipt 2565-000123"
      amount-limit: 812345
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-04 * "Seal ref" ^doc-9f86d081884c7d659a2feaa0c55ad015
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    """
    assert run_rule(personal_data, entries, errors, options_map) == []


def test_numbers_in_comments_of_every_loaded_file(tmp_path):
    (tmp_path / "area.beancount").write_text(
        '2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"\n'
        "; called the treasurer at 081-234-5678 about the repair\n"
        '2020-01-01 open Assets:BangMueang:Cash THB ; "not a string" ID 1101700230708\n'
        '2020-01-02 note Assets:BangMueang:Cash "no number here ; 0812345678 is inside the string"\n'
        "; a landline 02-123-4567 and a bad ID 1101700230705 are fine\n",
        encoding="utf-8")
    main = tmp_path / "main.beancount"
    main.write_text('option "title" "Fund, hotline 0891234567"\ninclude "area.beancount"\n', encoding="utf-8")
    entries, errors, options_map = loader.load_file(str(main))
    findings = run_rule(personal_data, entries, errors, options_map)
    got = sorted((Path(f.file).name, f.line, f.msgid) for f in findings)
    assert got == [
        ("area.beancount", 2, personal_data.MSG_SOURCE_MOBILE),
        ("area.beancount", 3, personal_data.MSG_SOURCE_NATIONAL_ID),
        ("area.beancount", 4, personal_data.MSG_MOBILE),
        ("main.beancount", 1, personal_data.MSG_SOURCE_MOBILE),
    ]
    for finding in findings:
        english, thai = messages(finding)
        assert "5678" not in english and "234" not in thai and "1017" not in english
