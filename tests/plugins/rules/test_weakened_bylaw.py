"""Rule `weakened-bylaw`: unusable bylaw values are errors and do not take effect; unbacked loosening warns."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.rules import weakened_bylaw


@ledger_doc
def test_bylaws_that_weaken_approvals(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2021-01-01 custom "bylaw" "BangMueang"
      approvals-required: 1
    2022-01-01 custom "bylaw" "NongBua"
      approvals-required: 3
      approvals-large: 2
      meeting: "2022-01-01.minutes.pdf"
    """
    findings = run_rule(weakened_bylaw, entries, errors, options_map)
    assert [(f.area, f.date, f.line, f.severity.value) for f in findings] == [
        ("BangMueang", datetime.date(2021, 1, 1), 4, "error"),
        ("NongBua", datetime.date(2022, 1, 1), 6, "error"),
    ]
    too_few, too_few_th = messages(findings[0])
    assert "approvals-required to 1" in too_few and "below the floor of 2" in too_few
    assert "1 ม.ค. 2564" in too_few_th and "ตำบลบางเมือง" in too_few_th and "ต่ำกว่าขั้นต่ำ 2" in too_few_th
    below, _ = messages(findings[1])
    assert "approvals-large to 2" in below and "below approvals-required (3)" in below
    book = build_book(entries, options_map)
    assert book.policy("BangMueang", datetime.date(2021, 6, 1)).approvals_required == 2
    assert book.policy("NongBua", datetime.date(2022, 6, 1)).approvals_large == 3


@ledger_doc
def test_bylaws_that_keep_or_tighten_approvals(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2021-01-01 custom "bylaw" "BangMueang"
      approvals-required: 2
      approvals-large: 3
    2022-01-01 custom "bylaw" "NongBua"
      approvals-required: 3
      large-amount: 5000 THB
    """
    assert run_rule(weakened_bylaw, entries, errors, options_map) == []


@ledger_doc
def test_unusable_values_keep_the_value_in_force_before(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-02 * "Opening"
      Assets:BangMueang:Bank:GSB  300000 THB
      Equity:BangMueang:Opening
    2021-01-01 custom "bylaw" "BangMueang"
      large-amount: 5000 THB
      dues-per-month: 40 THB
      meeting: "2021-01-01.minutes.pdf"
    2022-01-01 custom "bylaw" "BangMueang"
      large-amount: 99999999 THB
      dues-per-month: 0 THB
      admin-cap: 150
      cash-limit: "lots"
      meeting: "2022-01-01.minutes.pdf"
    """
    findings = run_rule(weakened_bylaw, entries, errors, options_map)
    assert sorted(f.params["key"] for f in findings) == ["admin-cap", "cash-limit", "dues-per-month", "large-amount"]
    assert all(f.severity.value == "error" and f.line == 12 for f in findings)
    for finding in findings:
        messages(finding)
    (admin_cap,) = [f for f in findings if f.params["key"] == "admin-cap"]
    english, thai = messages(admin_cap)
    assert "150%" in english and "150%" in thai and "THB" not in english, "a share of income, not baht"
    policy = build_book(entries, options_map).policy("BangMueang", datetime.date(2022, 6, 1))
    assert policy.large_amount == Decimal(5000)
    assert policy.dues_per_month == Decimal(40)
    assert policy.admin_cap == Decimal(20)


@ledger_doc
def test_loosening_without_the_members_meeting_warns(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2021-01-01 custom "bylaw" "BangMueang"
      grace-months: 3
      meeting: "2021-01-01.minutes.pdf"
    2022-01-01 custom "bylaw" "BangMueang"
      grace-months: 6
    2021-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      waiting-days: 180
      max-per-claim: 600 THB
    2023-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      waiting-days: 90
      max-per-claim: 600 THB
    2024-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      waiting-days: 90
      max-per-claim: 900 THB
      meeting: "2024-01-01.minutes.pdf"
    """
    findings = run_rule(weakened_bylaw, entries, errors, options_map)
    assert [(f.line, f.params["key"], f.severity.value) for f in findings] == [
        (6, "grace-months", "warning"),
        (11, "waiting-days", "warning"),
    ]
    english, thai = messages(findings[1])
    assert "from 180 to 90" in english and "meeting" in english and "180" in thai


@ledger_doc
def test_benefit_rules_with_unusable_values(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2021-01-01 custom "benefit-rule" "BangMueang" "Elderly"
      waiting-days: 0
      max-per-claim: -5 THB
      min-age: 80
      max-age: 60
      every: "month"
    """
    findings = run_rule(weakened_bylaw, entries, errors, options_map)
    assert sorted(f.params["key"] for f in findings) == ["max-per-claim", "min-age", "waiting-days"]
    assert {f.line for f in findings} == {3}
