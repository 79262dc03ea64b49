"""Rule `grant-period`: spending on a grant before its declaration date or after its `ends`."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule, txn
from welfare_ledger.plugins.rules import grant_period


@ledger_doc
def test_spending_before_and_after_the_grant(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Projects THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  200000 THB
      Equity:BangMueang:Opening
    2022-02-28 * "Contractor" "Survey before the grant"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -1000 THB
      Expenses:BangMueang:Projects
    2023-01-01 * "Contractor" "Painting after the end"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -2000 THB
      Expenses:BangMueang:Projects
    """
    findings = run_rule(grant_period, entries, errors, options_map)
    assert [(f.rule, f.severity.value, f.date) for f in findings] == [
        ("grant-period", "error", datetime.date(2022, 2, 28)),
        ("grant-period", "error", datetime.date(2023, 1, 1)),
    ]
    before, after = findings
    assert before.line == txn(entries, "Survey before the grant").postings[1].meta["lineno"]
    assert after.line == txn(entries, "Painting after the end").postings[1].meta["lineno"]
    english, thai = messages(before)
    assert "1,000.00 THB" in english and "2022-03-01" in english and "before" in english
    assert "1 มี.ค. 2565" in thai
    english, thai = messages(after)
    assert "2,000.00 THB" in english and "2022-12-31" in english and "after" in english
    assert "31 ธ.ค. 2565" in thai


@ledger_doc
def test_spending_on_the_first_and_last_day_is_fine(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Projects THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  200000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Contractor" "Survey on the first day"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -1000 THB
      Expenses:BangMueang:Projects
    2022-12-31 * "Contractor" "Painting on the last day"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -2000 THB
      Expenses:BangMueang:Projects
    2023-01-05 * "Contractor" "Refund after the end"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  500 THB
      Expenses:BangMueang:Projects
    """
    assert run_rule(grant_period, entries, errors, options_map) == []
