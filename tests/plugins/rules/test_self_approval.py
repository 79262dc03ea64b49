"""Rule `self-approval`: no approval by the paid member, a declared relative, or the recorder."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import self_approval


@ledger_doc
def test_approvals_with_a_conflict_of_interest(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "member" "BM-0004" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "chair"
    2020-01-01 custom "committee" "BM-0002" "treasurer"
    2020-01-01 custom "committee" "BM-0003" "secretary"
    2021-06-01 custom "related" "BM-0004" "BM-0002"
    2020-01-02 * "Opening"
      Assets:BangMueang:Cash  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Sickness claim approved by the claimant"
      member: "BM-0001"
      approved-by: "BM-0001 BM-0002"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-03-02 * "Sickness claim approved by a relative"
      member: "BM-0004"
      approved-by: "BM-0002 BM-0003"
      Assets:BangMueang:Cash  -400 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-03-03 * "Sickness claim approved by its recorder"
      member: "BM-0004"
      recorded-by: "BM-0003"
      approved-by: "BM-0001 BM-0003"
      Assets:BangMueang:Cash  -300 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(self_approval, entries, errors, options_map)
    assert [(f.line, f.params["approver"]) for f in findings] == [
        (line_of(entries, "Sickness claim approved by the claimant"), "BM-0001"),
        (line_of(entries, "Sickness claim approved by a relative"), "BM-0002"),
        (line_of(entries, "Sickness claim approved by its recorder"), "BM-0003"),
    ]
    assert all(f.severity.value == "error" and f.area == "BangMueang" for f in findings)
    assert findings[0].date == datetime.date(2022, 3, 1)
    own, own_th = messages(findings[0])
    assert "paid to themselves" in own and "600.00 THB" in own and "2022-03-01" in own
    assert "600.00 บาท" in own_th and "1 มี.ค. 2565" in own_th
    relative, _ = messages(findings[1])
    assert "BM-0004, a declared relative" in relative
    recorder, _ = messages(findings[2])
    assert "both recorded and approved" in recorder


@ledger_doc
def test_a_committee_members_claim_approved_by_two_others(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "member" "BM-0004" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "chair"
    2020-01-01 custom "committee" "BM-0002" "treasurer"
    2020-01-01 custom "committee" "BM-0003" "secretary"
    2022-06-01 custom "related" "BM-0004" "BM-0002"
    2020-01-02 * "Opening"
      Assets:BangMueang:Cash  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "The chair's claim, approved by two others"
      member: "BM-0001"
      recorded-by: "BM-0001"
      approved-by: "BM-0002 BM-0003"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-03-02 * "Approved before the tie was declared"
      member: "BM-0004"
      recorded-by: "BM-0001"
      approved-by: "BM-0002 BM-0003"
      Assets:BangMueang:Cash  -400 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    assert run_rule(self_approval, entries, errors, options_map) == []
