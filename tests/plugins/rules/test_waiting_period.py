"""Rule `waiting-period`: a benefit's event comes after the lowest tier's waiting days."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import waiting_period


@ledger_doc
def test_an_event_one_day_before_the_wait_is_over(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 3000 THB
    2020-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 1095
      max-per-claim: 6000 THB
    2022-01-01 custom "member" "BM-0001" "BangMueang"
    2022-07-15 * "Death benefit"
      member: "BM-0001"
      event-date: 2022-06-29
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    """
    findings = run_rule(waiting_period, entries, errors, options_map)
    assert [f.line for f in findings] == [line_of(entries, "Death benefit")]
    assert findings[0].date == datetime.date(2022, 7, 15)
    english, thai = messages(findings[0])
    assert "event on 2022-06-29, 179 day(s) after joining on 2022-01-01" in english
    assert "needs 180 day(s)" in english and "reached on 2022-06-30" in english
    assert "เสียชีวิต" in thai and "30 มิ.ย. 2565" in thai


@ledger_doc
def test_an_event_on_the_day_the_wait_is_over(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 3000 THB
    2020-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 1095
      max-per-claim: 6000 THB
    2022-01-01 custom "member" "BM-0001" "BangMueang"
    2022-07-15 * "Death benefit"
      member: "BM-0001"
      event-date: 2022-06-30
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    """
    assert run_rule(waiting_period, entries, errors, options_map) == []
