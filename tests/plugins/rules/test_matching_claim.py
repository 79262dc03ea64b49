"""Rule `matching-claim`: matching money above 365 THB per member who contributed 12 x dues that year."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import matching_claim


@ledger_doc
def test_government_matching_claimed_for_a_member_who_did_not_save(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Matching:Government THB
    2020-01-01 open Income:BangMueang:Matching:Local THB
    2022-12-15 * "Collection day"
      Assets:BangMueang:Bank:Krungthai  1020 THB
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0001"
        receipt: "2565-0001"
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0002"
        receipt: "2565-0002"
      Income:BangMueang:Contributions  -300 THB
        member: "BM-0003"
        receipt: "2565-0003"
    2023-03-01 * "CODI" "Government matching, first part"
      for-year: 2022
      Assets:BangMueang:Bank:Krungthai  700 THB
      Income:BangMueang:Matching:Government
    2023-04-01 * "CODI" "Government matching, second part"
      for-year: 2022
      Assets:BangMueang:Bank:Krungthai  395 THB
      Income:BangMueang:Matching:Government
    2023-04-01 * "Tambon office" "Local matching"
      for-year: 2022
      Assets:BangMueang:Bank:Krungthai  730 THB
      Income:BangMueang:Matching:Local
    """
    findings = run_rule(matching_claim, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "matching-claim" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2023, 4, 1)
    assert finding.line == line_of(entries, "Government matching, second part")
    assert finding.params["members"] == 2
    english, thai = messages(finding)
    for text in ("Government", "1,095.00 THB", "730.00 THB", "2 members", "360.00 THB",
                 "2022-01-01", "2022-12-31"):
        assert text in english
    assert "รัฐบาล" in thai and "31 ธ.ค. 2565" in thai


@ledger_doc
def test_matching_for_the_members_who_saved_is_fine(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Matching:Government THB
    2022-12-15 * "Collection day"
      Assets:BangMueang:Bank:Krungthai  1020 THB
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0001"
        receipt: "2565-0001"
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0002"
        receipt: "2565-0002"
      Income:BangMueang:Contributions  -300 THB
        member: "BM-0003"
        receipt: "2565-0003"
    2023-03-01 * "CODI" "Government matching for BE 2565"
      Assets:BangMueang:Bank:Krungthai  730 THB
      Income:BangMueang:Matching:Government
        for-year: 2565
    """
    assert run_rule(matching_claim, entries, errors, options_map) == []
