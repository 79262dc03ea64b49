"""Rule `approvals`: enough distinct committee approvers on every outflow, never fewer than two."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.config import DEFAULT
from welfare_ledger.plugins.rules import approvals


@ledger_doc
def test_outflows_without_enough_committee_approvers(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "member" "BM-0004" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "chair"
    2020-01-01 custom "committee" "BM-0002" "treasurer"
    2020-01-01 custom "committee" "BM-0003" "secretary"
    2022-01-01 custom "committee-exit" "BM-0003"
    2020-01-02 * "Opening"
      Assets:BangMueang:Cash  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Stationery, one committee approver and a plain member"
      approved-by: "BM-0001 BM-0004"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Admin
    2022-03-02 * "Printer, the same approver twice"
      approved-by: "BM-0001 BM-0001"
      Assets:BangMueang:Cash  -800 THB
      Expenses:BangMueang:Admin
    2022-03-03 * "Roof repair, large amount with two approvers"
      approved-by: "BM-0001 BM-0002"
      Assets:BangMueang:Cash  -12000 THB
      Expenses:BangMueang:Admin
    2022-03-04 * "Chairs, one approver left the committee"
      approved-by: "BM-0001 BM-0003"
      Assets:BangMueang:Cash  -900 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(approvals, entries, errors, options_map)
    assert [f.line for f in findings] == [
        line_of(entries, "Stationery, one committee approver and a plain member"),
        line_of(entries, "Printer, the same approver twice"),
        line_of(entries, "Roof repair, large amount with two approvers"),
        line_of(entries, "Chairs, one approver left the committee"),
    ]
    assert all(f.severity.value == "error" and f.area == "BangMueang" for f in findings)
    assert findings[0].date == datetime.date(2022, 3, 1)
    english, thai = messages(findings[0])
    assert "500.00 THB" in english and "2022-03-01" in english
    assert "approved by BM-0001, BM-0004, of whom 1 sat on the committee" in english
    assert "needs 2" in english
    assert "500.00 บาท" in thai and "1 มี.ค. 2565" in thai and "BM-0004" in thai
    large, _ = messages(findings[2])
    assert "12,000.00 THB" in large and "10,000.00 THB" in large and "needs 3" in large
    twice, _ = messages(findings[1])
    assert "approved by BM-0001, of whom 1 sat" in twice
    left, _ = messages(findings[3])
    assert "approved by BM-0001, BM-0003, of whom 1 sat on the committee" in left


@ledger_doc
def test_a_weakened_bylaw_or_loosening_config_still_needs_two(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "chair"
    2020-01-01 custom "committee" "BM-0002" "treasurer"
    2021-01-01 custom "bylaw" "BangMueang"
      approvals-required: 1
      approvals-large: 1
    2020-01-02 * "Opening"
      Assets:BangMueang:Cash  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Stationery, one approver"
      approved-by: "BM-0001"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Admin
    """
    loose = dataclasses.replace(DEFAULT, approvals_required=1)
    for config in (DEFAULT, loose):
        findings = run_rule(approvals, entries, errors, options_map, config)
        assert len(findings) == 1
        assert "needs 2" in findings[0].message("en")


@ledger_doc
def test_enough_committee_approvers_pass_and_config_can_ask_for_more(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "chair"
    2020-01-01 custom "committee" "BM-0002" "treasurer"
    2020-01-01 custom "committee" "BM-0003" "secretary"
    2022-03-04 custom "committee-exit" "BM-0003"
    2020-01-02 * "Opening"
      Assets:BangMueang:Cash  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Stationery, two committee approvers"
      approved-by: "BM-0001 BM-0002"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Admin
    2022-03-03 * "Roof repair, large amount with three approvers"
      approved-by: "BM-0001, BM-0002, BM-0003"
      Assets:BangMueang:Cash  -12000 THB
      Expenses:BangMueang:Admin
    2022-03-05 * "Cash deposited at the bank is not an outflow"
      Assets:BangMueang:Cash  -1000 THB
      Assets:BangMueang:Bank:Krungthai
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    """
    assert run_rule(approvals, entries, errors, options_map) == []
    stricter = dataclasses.replace(DEFAULT, approvals_required=3)
    findings = run_rule(approvals, entries, errors, options_map, stricter)
    assert [f.line for f in findings] == [line_of(entries, "Stationery, two committee approvers")]
    assert "needs 3" in findings[0].message("en")
    lower_large = dataclasses.replace(DEFAULT, large_amount=Decimal(500))
    findings = run_rule(approvals, entries, errors, options_map, lower_large)
    assert [f.line for f in findings] == [line_of(entries, "Stationery, two committee approvers")]
    english, _ = messages(findings[0])
    assert "at or above the large amount of 500.00 THB" in english and "needs 3" in english
