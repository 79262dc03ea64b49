"""The rules real funds and CODI ask for: signed receipts, fixed benefits, claims, ages, cash counts, fresh books.

Each rule meets a book that breaks it, on the line of the trick, and a close book that keeps it.
"""

from __future__ import annotations

import dataclasses
import datetime

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule
from welfare_ledger.plugins.config import DEFAULT
from welfare_ledger.plugins.rules import (
    acknowledgement,
    cash_count,
    eligibility,
    stale_books,
    underpaid,
    unpaid_claim,
)


def _lines(findings):
    return [(f.line, f.params.get("receiver")) for f in findings]


@ledger_doc
def test_cash_benefits_signed_for_by_whom(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2021-01-01 custom "beneficiary" "BM-0001" "BN-0001-1" "child"
    2022-01-10 * "Funeral help, nobody signed"
      member: "BM-0001"
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-11 * "Funeral help taken by a stranger"
      member: "BM-0001"
      received-by: "BM-0002"
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-12 * "Funeral help paid to someone not nominated"
      member: "BM-0001"
      paid-to: "BN-0009-1"
      Assets:BangMueang:Bank:GSB  -3000 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-13 * "Funeral help taken by the nominee"
      member: "BM-0001"
      paid-to: "BN-0001-1"
      received-by: "BN-0001-1"
      Assets:BangMueang:Cash  -3000 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-14 * "Funeral help by bank transfer"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -3000 THB
      Expenses:BangMueang:Benefits:Death
    """
    findings = run_rule(acknowledgement, entries, errors, options_map)
    assert _lines(findings) == [(9, None), (13, "BM-0002"), (18, "BN-0009-1")]
    for finding in findings:
        english, thai = messages(finding)
        assert "BM-0001" in english and "BM-0001" in thai


@ledger_doc
def test_fixed_benefits_paid_in_full_or_short(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      amount: 3000 THB
    2022-01-10 * "Death benefit, short"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -1000 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-10 * "Death benefit, first half of a claim"
      member: "BM-0002"
      claim: "C-2565-0002"
      Assets:BangMueang:Bank:GSB  -1500 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-20 * "Death benefit, second half of the claim"
      member: "BM-0002"
      claim: "C-2565-0002"
      Assets:BangMueang:Bank:GSB  -1500 THB
      Expenses:BangMueang:Benefits:Death
    2022-01-10 * "Death benefit in full"
      member: "BM-0003"
      Assets:BangMueang:Bank:GSB  -3000 THB
      Expenses:BangMueang:Benefits:Death
    """
    findings = run_rule(underpaid, entries, errors, options_map)
    assert [(f.line, f.severity.value) for f in findings] == [(11, "warning")]
    english, thai = messages(findings[0])
    assert "2,000.00 THB" in english and "2,000.00 บาท" in thai


@ledger_doc
def test_claims_paid_late_or_not_at_all(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Death THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2022-01-05 custom "claim" "C-1" "BM-0001" "Death"
    2022-01-05 custom "claim" "C-2" "BM-0002" "Death"
    2022-01-05 custom "claim" "C-3" "BM-0003" "Death"
    2022-01-20 * "Paid in time"
      member: "BM-0001"
      claim: "C-1"
      Assets:BangMueang:Bank:GSB  -3000 THB
      Expenses:BangMueang:Benefits:Death
    2022-03-20 * "Paid too late"
      member: "BM-0002"
      claim: "C-2"
      Assets:BangMueang:Bank:GSB  -3000 THB
      Expenses:BangMueang:Benefits:Death
    """
    findings = run_rule(unpaid_claim, entries, errors, options_map)
    assert [(f.line, f.params["claim"]) for f in findings] == [(9, "C-2"), (10, "C-3")]
    messages(findings[0])


@ledger_doc
def test_a_claim_is_not_judged_before_its_deadline_has_passed(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2022-01-05 custom "claim" "C-1" "BM-0001" "Death"
    2022-01-20 * "Last entry of the book"
      Assets:BangMueang:Bank:GSB  10 THB
      Equity:BangMueang:Opening
    """
    assert run_rule(unpaid_claim, entries, errors, options_map) == []


@ledger_doc
def test_age_limited_benefits(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Elderly THB
    2000-01-01 custom "member" "BM-0001" "BangMueang"
      born: 1970-05-01
    2000-01-01 custom "member" "BM-0002" "BangMueang"
    2000-01-01 custom "member" "BM-0003" "BangMueang"
      born: 1962
    2000-01-01 custom "member" "BM-0004" "BangMueang"
      born: 1960-03-01
    2000-01-01 custom "member" "BM-0005" "BangMueang"
      born: 1961
    2020-01-01 custom "benefit-rule" "BangMueang" "Elderly"
      waiting-days: 365
      max-per-claim: 800 THB
      min-age: 60
    2022-06-01 * "Too young"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -800 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-06-01 * "Age not known"
      member: "BM-0002"
      Assets:BangMueang:Bank:GSB  -800 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-06-01 * "Only the birth year, which cannot show 60"
      member: "BM-0003"
      Assets:BangMueang:Bank:GSB  -800 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-06-01 * "Sixty-two"
      member: "BM-0004"
      Assets:BangMueang:Bank:GSB  -800 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-06-01 * "Born in 1961: sixty at least"
      member: "BM-0005"
      Assets:BangMueang:Bank:GSB  -800 THB
      Expenses:BangMueang:Benefits:Elderly
    """
    findings = run_rule(eligibility, entries, errors, options_map)
    assert [(f.line, f.msgid) for f in findings] == [
        (18, eligibility.MSG_TOO_YOUNG),
        (22, eligibility.MSG_NO_BIRTH),
        (26, eligibility.MSG_TOO_YOUNG),
    ]
    for finding in findings:
        messages(finding)


@ledger_doc
def test_cash_counts(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Income:BangMueang:Donations THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "treasurer"
    2020-01-01 custom "committee" "BM-0002" "chair"
    2022-01-02 * "Opening"
      Assets:BangMueang:Cash  5000 THB
      Equity:BangMueang:Opening
    2022-03-31 custom "cash-count" "BangMueang" 5000 THB
      counted-by: "BM-0001 BM-0002"
    2022-04-10 * "Donation"
      Assets:BangMueang:Cash  100 THB
      Income:BangMueang:Donations
    2022-06-30 custom "cash-count" "BangMueang" 5000 THB
      counted-by: "BM-0001 BM-0003"
    2022-12-31 custom "cash-count" "BangMueang" 5100 THB
      counted-by: "BM-0001 BM-0002"
    2023-06-01 * "Donation"
      Assets:BangMueang:Cash  100 THB
      Income:BangMueang:Donations
    """
    findings = run_rule(cash_count, entries, errors, options_map)
    found = [(f.line, f.msgid, f.severity.value) for f in findings]
    assert found == [
        (19, cash_count.MSG_DIFFERS, "error"),
        (19, cash_count.MSG_FEW_WITNESSES, "error"),
        (21, cash_count.MSG_GAP, "warning"),
        (23, cash_count.MSG_GAP, "warning"),
    ]
    for finding in findings:
        messages(finding)


@ledger_doc
def test_stale_books(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2024-05-02 * "Last entry"
      Assets:BangMueang:Bank:GSB  10 THB
      Equity:BangMueang:Opening
    """
    fresh = dataclasses.replace(DEFAULT, today=datetime.date(2024, 6, 16))
    assert run_rule(stale_books, entries, errors, options_map, fresh) == []
    late = dataclasses.replace(DEFAULT, today=datetime.date(2024, 6, 17))
    findings = run_rule(stale_books, entries, errors, options_map, late)
    assert [(f.line, f.severity.value, f.params["days"]) for f in findings] == [(5, "warning", 46)]
    english, thai = messages(findings[0])
    assert "2024-05-02" in english and "2 พ.ค. 2567" in thai


@ledger_doc
def test_a_dummy_entry_in_the_future_does_not_make_old_books_fresh(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2024-05-02 * "Last real entry"
      Assets:BangMueang:Bank:GSB  10 THB
      Equity:BangMueang:Opening
    2030-01-01 balance Assets:BangMueang:Bank:GSB  10 THB
    """
    late = dataclasses.replace(DEFAULT, today=datetime.date(2024, 9, 1))
    findings = run_rule(stale_books, entries, errors, options_map, late)
    assert [(f.line, f.params["days"]) for f in findings] == [(5, 122)]
