"""Rule `inactive-member`: members are used only between joining and exit, death benefits aside."""

from __future__ import annotations

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import inactive_member


@ledger_doc
def test_uses_before_joining_and_after_exit(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2022-03-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2022-05-31 custom "member-exit" "BM-0002" "resigned"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2022-04-01 custom "member-exit" "BM-0003" "moved"
    2022-02-20 * "Contribution before joining"
      member: "BM-0001"
      receipt: "2565-0001"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    2022-06-01 * "Contribution the day after resigning"
      member: "BM-0002"
      receipt: "2565-0002"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    2022-03-10 * "Sickness benefit for an event before joining"
      member: "BM-0001"
      event-date: 2022-02-25
      Assets:BangMueang:Cash  -300 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-06-10 * "Death benefit for a death after moving away"
      member: "BM-0003"
      event-date: 2022-05-01
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    2022-06-11 * "Sickness benefit paid after resigning"
      member: "BM-0002"
      event-date: 2022-05-20
      Assets:BangMueang:Cash  -300 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(inactive_member, entries, errors, options_map)
    narrations = [
        "Contribution before joining",
        "Sickness benefit for an event before joining",
        "Contribution the day after resigning",
        "Death benefit for a death after moving away",
        "Sickness benefit paid after resigning",
    ]
    assert sorted(f.line for f in findings) == sorted(line_of(entries, n) for n in narrations)
    by_line = {f.line: f for f in findings}
    early, early_th = messages(by_line[line_of(entries, narrations[0])])
    assert "BM-0001 is used on 2022-02-20 but joined only on 2022-03-01" in early
    assert "1 มี.ค. 2565" in early_th
    event, _ = messages(by_line[line_of(entries, narrations[1])])
    assert "event on 2022-02-25, before they joined on 2022-03-01" in event
    late, late_th = messages(by_line[line_of(entries, narrations[2])])
    assert "after leaving on 2022-05-31 (resigned)" in late
    assert "31 พ.ค. 2565 (ลาออก)" in late_th
    death, _ = messages(by_line[line_of(entries, narrations[3])])
    assert "3,000.00 THB" in death and "after they left on 2022-04-01 (moved)" in death


@ledger_doc
def test_uses_within_membership_and_a_death_benefit_paid_after_the_death(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2022-03-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2022-05-31 custom "member-exit" "BM-0002" "resigned"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2022-04-01 custom "member-exit" "BM-0003" "deceased"
    2022-03-01 * "Contribution on the day of joining"
      member: "BM-0001"
      receipt: "2565-0001"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    2022-05-31 * "Contribution on the day of resigning"
      member: "BM-0002"
      receipt: "2565-0002"
      Assets:BangMueang:Cash  30 THB
      Income:BangMueang:Contributions
    2022-03-10 * "Sickness benefit for an event on the day of joining"
      member: "BM-0001"
      event-date: 2022-03-01
      Assets:BangMueang:Cash  -300 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-04-20 * "Death benefit paid after the death"
      member: "BM-0003"
      event-date: 2022-04-01
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    """
    assert run_rule(inactive_member, entries, errors, options_map) == []
