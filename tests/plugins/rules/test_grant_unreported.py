"""Rule `grant-unreported`: no `grant-report` within 60 days after a grant's `ends`."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule
from welfare_ledger.plugins.config import AuditConfig
from welfare_ledger.plugins.rules import grant_unreported


@ledger_doc
def test_a_grant_never_reported_and_one_reported_late(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2022-03-01 custom "grant" "BM-G2565-02" "BangMueang" 20000 THB
      funder: "Tambon office"
      ends: 2022-12-31
    2023-04-01 custom "grant-report" "BM-G2565-02"
      document: "2023-04-01.grant-report-BM-G2565-02.pdf"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Interest THB
    2023-06-30 * "Interest"
      Assets:BangMueang:Bank:Krungthai  10 THB
      Income:BangMueang:Interest
    """
    findings = run_rule(grant_unreported, entries, errors, options_map)
    assert [(f.rule, f.severity.value, f.date, f.params["grant"]) for f in findings] == [
        ("grant-unreported", "warning", datetime.date(2023, 3, 1), "BM-G2565-01"),
        ("grant-unreported", "warning", datetime.date(2023, 3, 1), "BM-G2565-02"),
    ]
    never, late = findings
    grant = next(e for e in entries if getattr(e, "type", "") == "grant")
    assert never.line == grant.meta["lineno"]
    english, thai = messages(never)
    assert "BM-G2565-01" in english and "2022-12-31" in english and "2023-03-01" in english
    assert "1 มี.ค. 2566" in thai
    english, thai = messages(late)
    assert "2023-04-01" in english and "1 เม.ย. 2566" in thai


@ledger_doc
def test_a_report_on_day_60_or_a_book_not_yet_past_the_deadline(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2023-03-01 custom "grant-report" "BM-G2565-01"
      document: "2023-03-01.grant-report-BM-G2565-01.pdf"
    2023-01-01 custom "grant" "BM-G2566-01" "BangMueang" 10000 THB
      funder: "CODI"
      ends: 2023-05-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Interest THB
    2023-06-30 * "Interest"
      Assets:BangMueang:Bank:Krungthai  10 THB
      Income:BangMueang:Interest
    """
    assert run_rule(grant_unreported, entries, errors, options_map) == []
    shorter = run_rule(grant_unreported, entries, errors, options_map, AuditConfig(report_days=20))
    assert [f.params["grant"] for f in shorter] == ["BM-G2565-01", "BM-G2566-01"]
