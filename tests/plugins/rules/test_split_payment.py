"""Rule `split-payment`: small payments to one payee within 7 days that together reach `large-amount`."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.config import AuditConfig
from welfare_ledger.plugins.rules import split_payment


@ledger_doc
def test_two_payments_seven_days_apart_are_a_split(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "bylaw" "BangMueang"
      large-amount: 10000 THB
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Ban Suan Hardware" "Roof repair, first part"
      Assets:BangMueang:Bank:Krungthai  -6000 THB
      Expenses:BangMueang:Admin
    2022-03-08 * "Ban Suan Hardware" "Roof repair, second part"
      Assets:BangMueang:Bank:Krungthai  -5000 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(split_payment, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "split-payment" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2022, 3, 8)
    assert finding.line == line_of(entries, "Roof repair, second part")
    assert finding.area == "BangMueang"
    english, thai = messages(finding)
    for text in ("Ban Suan Hardware", "2022-03-01", "2022-03-08", "6,000.00 THB",
                 "11,000.00 THB", "10,000.00 THB", "3 approvals"):
        assert text in english
    assert "1 มี.ค. 2565" in thai and "11,000.00 บาท" in thai


@ledger_doc
def test_two_payments_eight_days_apart_are_not_a_split(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Bank:Krungthai  50000 THB
      Equity:BangMueang:Opening
    2022-03-01 * "Ban Suan Hardware" "Roof repair, first part"
      Assets:BangMueang:Bank:Krungthai  -6000 THB
      Expenses:BangMueang:Admin
    2022-03-09 * "Ban Suan Hardware" "Roof repair, second part"
      Assets:BangMueang:Bank:Krungthai  -5000 THB
      Expenses:BangMueang:Admin
    2022-03-09 * "Rak Thai Shop" "Paint"
      Assets:BangMueang:Bank:Krungthai  -5000 THB
      Expenses:BangMueang:Admin
    """
    assert run_rule(split_payment, entries, errors, options_map) == []
    tighter = AuditConfig(split_days=14)
    findings = run_rule(split_payment, entries, errors, options_map, tighter)
    assert [f.date for f in findings] == [datetime.date(2022, 3, 9)]
    assert "Ban Suan Hardware" in findings[0].message("en")


@ledger_doc
def test_a_large_payment_is_not_part_of_a_split_and_a_burst_is_reported_once(
    entries, errors, options_map
):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Expenses:BangMueang:Benefits:Disaster THB
    2022-01-01 * "Opening balance"
      Assets:BangMueang:Cash  90000 THB
      Equity:BangMueang:Opening
    2022-05-01 * "Flood relief, approved as a large payment"
      member: "BM-0001"
      Assets:BangMueang:Cash  -10000 THB
      Expenses:BangMueang:Benefits:Disaster
    2022-05-02 * "Flood relief, small"
      member: "BM-0001"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Benefits:Disaster
    2022-06-01 * "Flood relief, first of three"
      member: "BM-0001"
      Assets:BangMueang:Cash  -4000 THB
      Expenses:BangMueang:Benefits:Disaster
    2022-06-02 * "Flood relief, second of three"
      member: "BM-0001"
      Assets:BangMueang:Cash  -4000 THB
      Expenses:BangMueang:Benefits:Disaster
    2022-06-03 * "Flood relief, third of three"
      member: "BM-0001"
      Assets:BangMueang:Cash  -4000 THB
      Expenses:BangMueang:Benefits:Disaster
    2022-06-04 * "Flood relief, fourth"
      member: "BM-0001"
      Assets:BangMueang:Cash  -1000 THB
      Expenses:BangMueang:Benefits:Disaster
    """
    findings = run_rule(split_payment, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.line == line_of(entries, "Flood relief, fourth")
    assert finding.params["total"] == 13000
    assert "BM-0001" in finding.message("en")
    tighter = run_rule(split_payment, entries, errors, options_map, AuditConfig(large_amount=5000))
    assert [(f.params["total"], f.params["limit"]) for f in tighter] == [(13000, 5000)]
