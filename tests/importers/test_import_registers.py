"""Registers: a reused receipt reaches the rule, whole rows dedup, entry fees, claim columns, open accounts."""

from __future__ import annotations

import json
from pathlib import Path

from beancount.core import data
from beancount.parser import parser
from click.testing import CliRunner
from welfare_ledger.scripts.cli import cli

CASH = "Assets:BangMueang:Cash"
HEAD = """\
option "operating_currency" "THB"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2022-01-01 open Assets:BangMueang:Cash THB
2022-01-01 open Income:BangMueang:Contributions THB
2022-01-01 custom "member" "BM-0001" "BangMueang"
2022-01-01 custom "member" "BM-0002" "BangMueang"
2022-09-01 * "Collection day"
  Assets:BangMueang:Cash  30.00 THB
  Income:BangMueang:Contributions  -30.00 THB
    member: "BM-0001"
    receipt: "2565-0001"
"""
REGISTER = "วันที่,รหัสสมาชิก,จำนวนเงิน,เลขที่ใบเสร็จ{extra_head}\n{rows}"


def invoke(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def book(tmp_path: Path, text: str = HEAD) -> Path:
    path = tmp_path / "book.beancount"
    path.write_text(text, encoding="utf-8")
    return path


def register(tmp_path: Path, rows: str, extra_head: str = "") -> Path:
    path = tmp_path / "register.csv"
    path.write_text(REGISTER.format(rows=rows, extra_head=extra_head), encoding="utf-8")
    return path


def test_reused_receipt_is_imported_and_reported_by_the_rule(tmp_path):
    main = book(tmp_path)
    sheet = register(tmp_path, "05/09/2565,BM-0002,30,2565-0001\n")
    result = invoke("import", str(sheet), "--account", CASH, "--book", str(main))
    assert result.exit_code == 0, result.output
    assert "1 new entries; 0 already in the book left out." in result.stderr
    with main.open("a", encoding="utf-8") as handle:
        handle.write(result.stdout)
    check = invoke("check", str(main), "--format", "json")
    reused = [f for f in json.loads(check.stdout) if f["rule"] == "receipt-sequence"]
    assert len(reused) == 1 and "2565-0001" in reused[0]["message"], check.stdout


def test_the_same_whole_row_is_left_out(tmp_path):
    main = book(tmp_path)
    sheet = register(tmp_path, "01/09/2565,BM-0001,30,2565-0001\n01/09/2565,BM-0001,30,2565-0002\n")
    result = invoke("import", str(sheet), "--account", CASH, "--book", str(main))
    assert result.exit_code == 0, result.output
    entries, errors, _ = parser.parse_string(result.stdout)
    assert errors == []
    (day,) = [e for e in entries if isinstance(e, data.Transaction)]
    assert [p.meta.get("receipt") for p in day.postings] == [None, "2565-0002"]


def test_entry_fee_column(tmp_path):
    main = book(tmp_path)
    sheet = register(tmp_path, "05/09/2565,BM-0002,30,2565-0002,20\n06/09/2565,BM-0001,30,2565-0003,\n",
                     extra_head=",ค่าสมัคร")
    result = invoke("import", str(sheet), "--account", CASH, "--book", str(main))
    assert result.exit_code == 0, result.output
    entries, errors, _ = parser.parse_string(result.stdout)
    assert errors == []
    opened = [e.account for e in entries if isinstance(e, data.Open)]
    assert opened == ["Income:BangMueang:EntryFees"]
    first = next(e for e in entries if isinstance(e, data.Transaction))
    assert [(p.account, p.units.number, p.meta and p.meta.get("receipt")) for p in first.postings] == [
        ("Assets:BangMueang:Cash", 50, None),
        ("Income:BangMueang:Contributions", -30, "2565-0002"),
        ("Income:BangMueang:EntryFees", -20, "2565-0002"),
    ]


def test_markup_in_a_register_is_refused(tmp_path):
    sheet = register(tmp_path, "05/09/2565,<b>BM-0002</b>,30,2565-0002\n")
    result = invoke("import", str(sheet), "--account", CASH)
    assert result.exit_code == 2
    assert "row 2, column รหัสสมาชิก" in result.stderr and "< or >" in result.stderr


def test_claim_columns_become_metadata(tmp_path):
    sheet = tmp_path / "claims.csv"
    sheet.write_text(
        "วันที่จ่าย,วันที่เกิดเหตุ,รหัสสมาชิก,ประเภท,จำนวนเงิน,ผู้อนุมัติ,เอกสาร,ผู้รับเงิน,ผู้รับแทน,เลขที่คำร้อง\n"
        "10/10/2565,01/10/2565,BM-0002,เสียชีวิต,3000,BM-0007 BM-0008,claim.pdf,BN-0002-1,BN-0002-1,C-2565-0007\n",
        encoding="utf-8",
    )
    result = invoke("import", str(sheet), "--account", CASH)
    assert result.exit_code == 0, result.output
    (txn,) = parser.parse_string(result.stdout)[0]
    keys = [k for k in txn.meta if k not in ("filename", "lineno")]
    assert keys == ["member", "event-date", "approved-by", "document", "received-by", "paid-to", "claim"]
    assert (txn.meta["received-by"], txn.meta["paid-to"], txn.meta["claim"]) == ("BN-0002-1", "BN-0002-1",
                                                                                 "C-2565-0007")


def test_claim_with_an_id_card_as_receiver_is_refused(tmp_path):
    sheet = tmp_path / "claims.csv"
    sheet.write_text("วันที่จ่าย,วันที่เกิดเหตุ,รหัสสมาชิก,ประเภท,จำนวนเงิน,ผู้รับเงิน\n"
                     "10/10/2565,01/10/2565,BM-0002,เจ็บป่วย,300,1-1017-00230-70-8\n", encoding="utf-8")
    result = invoke("import", str(sheet), "--account", CASH)
    assert result.exit_code == 2
    assert "column ผู้รับเงิน" in result.stderr and "ID card" in result.stderr


def test_importing_to_an_account_the_book_does_not_open(tmp_path):
    main = book(tmp_path)
    sheet = register(tmp_path, "05/09/2565,BM-0002,30,2565-0002\n")
    result = invoke("import", str(sheet), "--account", "Assets:BangMueang:Bank:Kasikorn", "--book", str(main))
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "does not open Assets:BangMueang:Bank:Kasikorn" in lines[0]
    assert result.stdout == ""


def test_importing_before_the_account_opens(tmp_path):
    main = book(tmp_path, HEAD.replace("2022-01-01 open Assets:BangMueang:Cash", "2023-01-01 open Assets:BangMueang:Cash"))
    sheet = register(tmp_path, "05/09/2565,BM-0002,30,2565-0002\n")
    result = invoke("import", str(sheet), "--account", CASH, "--book", str(main))
    assert result.exit_code == 2
    assert "opened on 2023-01-01" in result.stderr and "2022-09-05" in result.stderr
