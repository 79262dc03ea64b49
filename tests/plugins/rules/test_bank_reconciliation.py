"""Rule `bank-reconciliation`: each month a bank account moves needs a balance dated the 2nd to the 1st."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import bank_reconciliation


@ledger_doc
def test_a_month_without_a_balance_assertion(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-01-05 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  10000 THB
      Equity:BangMueang:Opening
    2022-02-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
    2022-03-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
    2022-03-10 * "Stationery"
      Assets:BangMueang:Bank:Krungthai  -1000 THB
      Expenses:BangMueang:Admin
    2022-04-02 balance Assets:BangMueang:Bank:Krungthai  9000 THB
    2022-04-05 * "Bank fee"
      Assets:BangMueang:Bank:Krungthai  -500 THB
      Expenses:BangMueang:Admin
    2022-05-10 * "Bank fee, month still open"
      Assets:BangMueang:Bank:Krungthai  -10 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(bank_reconciliation, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "bank-reconciliation" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2022, 3, 10)
    assert finding.line == line_of(entries, "Stationery")
    assert finding.area == "BangMueang"
    english, thai = messages(finding)
    for text in ("Assets:BangMueang:Bank:Krungthai", "2022-03-01", "2022-03-31", "2022-03-02",
                 "2022-04-01"):
        assert text in english
    assert "2 มี.ค. 2565" in thai and "1 เม.ย. 2565" in thai


@ledger_doc
def test_a_balance_on_the_first_of_the_next_month_reconciles(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-01-05 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  10000 THB
      Assets:BangMueang:Cash  1000 THB
      Equity:BangMueang:Opening
    2022-02-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
    2022-03-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
    2022-03-10 * "Stationery"
      Assets:BangMueang:Bank:Krungthai  -1000 THB
      Expenses:BangMueang:Admin
    2022-04-01 balance Assets:BangMueang:Bank:Krungthai  9000 THB
    2022-04-05 * "Bank fee"
      Assets:BangMueang:Bank:Krungthai  -500 THB
      Expenses:BangMueang:Admin
    2022-05-01 balance Assets:BangMueang:Bank:Krungthai  8500 THB
    2022-06-20 * "Tea for the meeting, from the cash box"
      Assets:BangMueang:Cash  -100 THB
      Expenses:BangMueang:Admin
    """
    assert run_rule(bank_reconciliation, entries, errors, options_map) == []
