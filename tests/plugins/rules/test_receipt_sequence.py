"""Rule `receipt-sequence`: a receipt for every contribution, used once, with no gaps in a series."""

from __future__ import annotations

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import receipt_sequence


@ledger_doc
def test_missing_reused_and_skipped_receipts(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2022-03-01 * "Collection day"
      Assets:BangMueang:Cash  120 THB
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
        receipt: "2565-0001"
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0002"
        receipt: "2565-0002"
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0002"
        receipt: "2565-0002"
    2022-04-01 * "Receipts 3 to 5 are skipped"
      member: "BM-0001"
      receipt: "2565-0006"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    2022-05-01 * "Receipt 7 is skipped"
      member: "BM-0001"
      receipt: "2565-0008"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    """
    findings = run_rule(receipt_sequence, entries, errors, options_map)
    collection = line_of(entries, "Collection day")
    got = [(f.line, f.severity.value, f.msgid) for f in findings]
    assert sorted(got) == sorted(
        [
            (collection + 8, "error", receipt_sequence.MSG_NO_RECEIPT),
            (collection + 10, "error", receipt_sequence.MSG_DUPLICATE),
            (line_of(entries, "Receipts 3 to 5 are skipped"), "warning", receipt_sequence.MSG_GAP),
            (line_of(entries, "Receipt 7 is skipped"), "warning", receipt_sequence.MSG_GAP_ONE),
        ]
    )
    by_msg = {f.msgid: f for f in findings}
    duplicate, duplicate_th = messages(by_msg[receipt_sequence.MSG_DUPLICATE])
    assert "Receipt 2565-0002" in duplicate and f":{collection + 5})" in duplicate
    assert "1 มี.ค. 2565" in duplicate_th
    gap, gap_th = messages(by_msg[receipt_sequence.MSG_GAP])
    assert "Receipts 2565-0003 to 2565-0005 (3 number(s))" in gap
    assert "2565-0003" in gap_th
    one, _ = messages(by_msg[receipt_sequence.MSG_GAP_ONE])
    assert "Receipt 2565-0007 is missing" in one


@ledger_doc
def test_a_complete_receipt_book_per_area(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Assets:NongBua:Cash THB
    2020-01-01 open Income:NongBua:Contributions THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "NB-0001" "NongBua"
    2022-03-01 * "Collection day"
      Assets:BangMueang:Cash  60 THB
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
        receipt: "2565-0001"
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
        receipt: "2565-0002"
    2022-04-01 * "Another area has its own receipt book"
      member: "NB-0001"
      receipt: "2565-0001"
      Assets:NongBua:Cash  30 THB
      Income:NongBua:Contributions
    2022-05-01 * "A new series starts again"
      member: "BM-0001"
      receipt: "2566-0001"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    """
    assert run_rule(receipt_sequence, entries, errors, options_map) == []
