"""Rule `grant-overspend`: spending on a grant above what was received for it."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule, txn
from welfare_ledger.plugins.rules import grant_overspend


@ledger_doc
def test_spending_beyond_the_money_received(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Income:BangMueang:Grants THB
    2020-01-01 open Expenses:BangMueang:Projects THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  200000 THB
      Equity:BangMueang:Opening
    2022-03-05 * "CODI" "First tranche"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  100000 THB
      Income:BangMueang:Grants
    2022-04-01 * "Contractor" "Water tank"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -80000 THB
      Expenses:BangMueang:Projects
    2022-05-01 * "Contractor" "Pipes"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -30000 THB
      Expenses:BangMueang:Projects
    """
    findings = run_rule(grant_overspend, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.rule, finding.severity.value) == ("grant-overspend", "error")
    assert finding.date == datetime.date(2022, 5, 1)
    assert finding.line == txn(entries, "Pipes").postings[1].meta["lineno"]
    english, thai = messages(finding)
    for text in ("BM-G2565-01", "110,000.00 THB", "100,000.00 THB", "150,000.00 THB", "2022-05-01"):
        assert text in english
    assert "1 พ.ค. 2565" in thai and "110,000.00 บาท" in thai


@ledger_doc
def test_spending_covered_by_a_later_tranche_is_fine(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Income:BangMueang:Grants THB
    2020-01-01 open Expenses:BangMueang:Projects THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  200000 THB
      Equity:BangMueang:Opening
    2022-03-05 * "CODI" "First tranche"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  100000 THB
      Income:BangMueang:Grants
    2022-04-01 * "Contractor" "Water tank"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -80000 THB
      Expenses:BangMueang:Projects
    2022-05-01 * "Contractor" "Pipes"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -30000 THB
      Expenses:BangMueang:Projects
    2022-06-01 * "CODI" "Second tranche"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  50000 THB
      Income:BangMueang:Grants
    """
    assert run_rule(grant_overspend, entries, errors, options_map) == []
