"""Rule `lapsed-member`: a benefit needs the member paid up at the event date."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import lapsed_member


@ledger_doc
def test_a_benefit_to_a_member_behind_on_dues(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2021-01-01 custom "member" "BM-0001" "BangMueang"
    2021-06-01 * "Contributions for eight months"
      member: "BM-0001"
      receipt: "2564-0001"
      Assets:BangMueang:Cash  240 THB
      Income:BangMueang:Contributions
    2022-01-10 * "Sickness benefit"
      member: "BM-0001"
      event-date: 2022-01-05
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-01-07 * "Contribution paid after the event does not count"
      member: "BM-0001"
      receipt: "2564-0002"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    """
    findings = run_rule(lapsed_member, entries, errors, options_map)
    assert [f.line for f in findings] == [line_of(entries, "Sickness benefit")]
    finding = findings[0]
    assert finding.severity.value == "error" and finding.date == datetime.date(2022, 1, 10)
    english, thai = messages(finding)
    assert "BM-0001" in english and "2022-01-05" in english
    assert "paid 240.00 THB of the 270.00 THB due (30.00 THB short)" in english
    assert "เจ็บป่วย" in thai and "5 ม.ค. 2565" in thai


@ledger_doc
def test_a_benefit_to_a_paid_up_member(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2021-01-01 custom "member" "BM-0001" "BangMueang"
    2021-06-01 * "Contributions for eight months"
      member: "BM-0001"
      receipt: "2564-0001"
      Assets:BangMueang:Cash  240 THB
      Income:BangMueang:Contributions
    2022-01-05 * "Contribution on the day of the event counts"
      member: "BM-0001"
      receipt: "2564-0002"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    2022-01-10 * "Sickness benefit"
      member: "BM-0001"
      event-date: 2022-01-05
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    assert run_rule(lapsed_member, entries, errors, options_map) == []
