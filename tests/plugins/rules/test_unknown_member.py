"""Rule `unknown-member`: every member code is registered, in the area whose accounts it uses."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import unknown_member


@ledger_doc
def test_ghost_and_foreign_members(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "NB-0001" "NongBua"
    2022-03-01 * "Collection day"
      Assets:BangMueang:Cash  60 THB
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
        receipt: "2565-0001"
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0999"
        receipt: "2565-0002"
    2022-03-02 * "Sickness claim of a member of another area"
      member: "NB-0001"
      Assets:BangMueang:Cash  -50 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(unknown_member, entries, errors, options_map)
    assert [f.params["member"] for f in findings] == ["BM-0999", "NB-0001"]
    assert all(f.severity.value == "error" and f.area == "BangMueang" for f in findings)
    ghost = findings[0]
    assert ghost.date == datetime.date(2022, 3, 1)
    assert ghost.line == line_of(entries, "Collection day") + 5
    english, thai = messages(ghost)
    assert "BM-0999" in english and "not in the member register" in english
    assert "1 มี.ค. 2565" in thai
    assert findings[1].line == line_of(entries, "Sickness claim of a member of another area")
    foreign, _ = messages(findings[1])
    assert "books of BangMueang is registered in NongBua" in foreign


@ledger_doc
def test_registered_members_of_the_area(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0999" "BangMueang"
    2020-01-01 custom "member" "NB-0001" "NongBua"
    2022-03-01 * "Collection day"
      Assets:BangMueang:Cash  60 THB
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0001"
        receipt: "2565-0001"
      Income:BangMueang:Contributions  -30 THB
        member: "BM-0999"
        receipt: "2565-0002"
    2022-03-02 * "Sickness claim of a member of this area"
      member: "BM-0001"
      Assets:BangMueang:Cash  -50 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    assert run_rule(unknown_member, entries, errors, options_map) == []
