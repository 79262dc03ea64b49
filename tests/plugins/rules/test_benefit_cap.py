"""Rule `benefit-cap`: benefits within the tier's per-claim, per-night and per-year caps."""

from __future__ import annotations

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import benefit_cap


@ledger_doc
def test_benefits_above_the_caps(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2021-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      max-per-claim: 600 THB
      max-per-year: 1000 THB
      per-night: 200 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 3000 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 1095
      max-per-claim: 6000 THB
    2022-02-01 * "Above the claim cap"
      member: "BM-0001"
      nights: 4
      Assets:BangMueang:Cash  -700 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-03-01 * "Above the nights"
      member: "BM-0002"
      nights: 2
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-04-01 * "No nights"
      member: "BM-0002"
      Assets:BangMueang:Cash  -200 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-01 * "Crosses the yearly cap"
      member: "BM-0002"
      nights: 2
      Assets:BangMueang:Cash  -400 THB
      Expenses:BangMueang:Benefits:Sickness
    2021-06-01 * "Death benefit of the upper tier to a member of one year"
      member: "BM-0001"
      event-date: 2021-05-20
      Assets:BangMueang:Cash  -6000 THB
      Expenses:BangMueang:Benefits:Death
    """
    findings = run_rule(benefit_cap, entries, errors, options_map)
    got = sorted((f.line, f.msgid) for f in findings)
    assert got == sorted(
        [
            (line_of(entries, "Above the claim cap"), benefit_cap.MSG_PER_CLAIM),
            (line_of(entries, "Above the nights"), benefit_cap.MSG_PER_NIGHT),
            (line_of(entries, "No nights"), benefit_cap.MSG_NO_NIGHTS),
            (line_of(entries, "Crosses the yearly cap"), benefit_cap.MSG_PER_YEAR),
            (
                line_of(entries, "Death benefit of the upper tier to a member of one year"),
                benefit_cap.MSG_PER_CLAIM,
            ),
        ]
    )
    assert all(f.severity.value == "error" and f.area == "BangMueang" for f in findings)
    by_msg = {f.msgid: f for f in findings if f.params["member"] == "BM-0002"}
    nights, _ = messages(by_msg[benefit_cap.MSG_PER_NIGHT])
    assert "above 400.00 THB (200.00 THB x 2 night(s))" in nights
    yearly, yearly_th = messages(by_msg[benefit_cap.MSG_PER_YEAR])
    assert "benefits of 2022 to 1,100.00 THB, above the 1,000.00 THB allowed per year" in yearly
    assert "the 300.00 THB left" in yearly
    assert "ปี 2565" in yearly_th and "1,100.00 บาท" in yearly_th
    death = next(f for f in findings if f.params["kind"] == "Death")
    english, _ = messages(death)
    assert "6,000.00 THB" in english and "3,000.00 THB allowed per claim" in english


@ledger_doc
def test_benefits_within_the_caps(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2021-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      max-per-claim: 600 THB
      max-per-year: 1000 THB
      per-night: 200 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 3000 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 1095
      max-per-claim: 6000 THB
    2022-02-01 * "At the claim cap"
      member: "BM-0001"
      nights: 3
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-03-01 * "At the nights"
      member: "BM-0002"
      nights: 2
      Assets:BangMueang:Cash  -400 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-05-01 * "Reaches the yearly cap exactly"
      member: "BM-0002"
      nights: 3
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2023-01-10 * "Paid next year for an event of next year"
      member: "BM-0002"
      nights: 3
      Assets:BangMueang:Cash  -600 THB
      Expenses:BangMueang:Benefits:Sickness
    2023-03-01 * "Death benefit of the upper tier after three years"
      member: "BM-0001"
      event-date: 2023-02-20
      Assets:BangMueang:Cash  -6000 THB
      Expenses:BangMueang:Benefits:Death
    """
    assert run_rule(benefit_cap, entries, errors, options_map) == []
