"""Rule `no-benefit-rule`: a benefit is paid under a rule in force for its type at the event."""

from __future__ import annotations

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import no_benefit_rule


@ledger_doc
def test_benefits_with_no_rule_in_force(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Benefits:Birth THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2022-03-01 custom "benefit-rule" "BangMueang" "Sickness"
      max-per-claim: 600 THB
    2022-03-05 * "Birth benefit, no Birth rule at all"
      member: "BM-0001"
      Assets:BangMueang:Cash  -1000 THB
      Expenses:BangMueang:Benefits:Birth
    2022-03-05 * "Sickness benefit for an event before the rule"
      member: "BM-0001"
      event-date: 2022-02-28
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(no_benefit_rule, entries, errors, options_map)
    assert [f.line for f in findings] == [
        line_of(entries, "Birth benefit, no Birth rule at all"),
        line_of(entries, "Sickness benefit for an event before the rule"),
    ]
    assert all(f.severity.value == "error" and f.area == "BangMueang" for f in findings)
    english, thai = messages(findings[1])
    assert "Sickness benefit of 500.00 THB to BM-0001" in english
    assert "event on 2022-02-28" in english and "no Sickness benefit rule" in english
    assert "เจ็บป่วย" in thai and "28 ก.พ. 2565" in thai


@ledger_doc
def test_benefits_under_a_rule_in_force(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Benefits:Birth THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2022-03-01 custom "benefit-rule" "BangMueang" "Sickness"
      max-per-claim: 600 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Birth"
      max-per-claim: 1000 THB
    2022-03-05 * "Birth benefit"
      member: "BM-0001"
      Assets:BangMueang:Cash  -1000 THB
      Expenses:BangMueang:Benefits:Birth
    2022-03-05 * "Sickness benefit for an event on the rule's first day"
      member: "BM-0001"
      event-date: 2022-03-01
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    assert run_rule(no_benefit_rule, entries, errors, options_map) == []
