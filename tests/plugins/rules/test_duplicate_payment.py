"""Rule `duplicate-payment`: the same amount to one payee and expense account within 30 days."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.config import AuditConfig
from welfare_ledger.plugins.rules import duplicate_payment


@ledger_doc
def test_the_same_claim_paid_twice_in_a_month(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "member" "BM-0042" "BangMueang"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Cash  9000 THB
      Equity:BangMueang:Opening
    2022-04-01 * "Hospital stay"
      member: "BM-0042"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-01 * "Hospital stay, again"
      member: "BM-0042"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-20 * "Hospital stay, third"
      member: "BM-0042"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(duplicate_payment, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "duplicate-payment" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2022, 5, 1)
    assert finding.line == line_of(entries, "Hospital stay, again")
    english, thai = messages(finding)
    for text in ("BM-0042", "600.00 THB", "Expenses:BangMueang:Benefits:Sickness", "3 times",
                 "2022-04-01", "2022-05-20"):
        assert text in english
    assert "20 พ.ค. 2565" in thai and "600.00 บาท" in thai


@ledger_doc
def test_payments_31_days_apart_or_different_are_not_duplicates(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "member" "BM-0042" "BangMueang"
    2020-01-01 custom "member" "BM-0043" "BangMueang"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Expenses:BangMueang:Benefits:Birth THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Cash  9000 THB
      Equity:BangMueang:Opening
    2022-04-01 * "Hospital stay"
      member: "BM-0042"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-02 * "Hospital stay, a month later"
      member: "BM-0042"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-03 * "Birth"
      member: "BM-0042"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Birth
    2022-05-04 * "Hospital stay of another member"
      member: "BM-0043"
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-05 * "Hospital stay, other amount"
      member: "BM-0042"
      Assets:BangMueang:Cash  -400 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    assert run_rule(duplicate_payment, entries, errors, options_map) == []
    longer = run_rule(duplicate_payment, entries, errors, options_map, AuditConfig(duplicate_days=31))
    assert [f.line for f in longer] == [line_of(entries, "Hospital stay, a month later")]
