"""Rule `personal-data`: no national ID or mobile number in the books, and none shown in full."""

from __future__ import annotations

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
