"""One fact, one place: the rules, the member page and the Grants page read the same facts.

The first version worked these out in five places that disagreed: a grant code with a trailing
space counted in the rules but showed "received 0, left -900" on the Grants page; the member page
said 400 THB of the yearly sickness cap was left while paying it was a `benefit-cap` error.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount import loader
from welfare_ledger.plugins.audit import audit
from welfare_ledger.plugins.fava_ext.view import take_snapshot
from welfare_ledger.plugins.summary import grant_statuses

GRANT_BOOK = """
option "operating_currency" "THB"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Bank:GSB THB
2020-01-01 open Income:BangMueang:Grants THB
2020-01-01 open Expenses:BangMueang:Projects:Roof THB
2022-03-01 custom "grant" "BM-G1" "BangMueang" 1000 THB
  ends: 2022-12-31
2022-03-05 * "Grant received"
  grant: "BM-G1 "
  Assets:BangMueang:Bank:GSB  1000 THB
  Income:BangMueang:Grants
2022-04-05 * "Roof"
  grant: "BM-G1"
  Assets:BangMueang:Bank:GSB  -{spent} THB
  Expenses:BangMueang:Projects:Roof
"""


def _grant(spent: int) -> tuple[Decimal, Decimal, set[str]]:
    entries, errors, options = loader.load_string(GRANT_BOOK.format(spent=spent))
    book, findings = audit(entries, options)
    assert book is not None
    status = grant_statuses(book)[0]
    page = take_snapshot(entries, errors, options, datetime.date(2022, 5, 1)).grants[0]
    assert page == status
    return status.received, status.left, {f.rule for f in findings if f.rule.startswith("grant")}


def test_a_trailing_space_in_a_grant_code_counts_alike_everywhere():
    received, left, rules = _grant(900)
    assert (received, left) == (Decimal(1000), Decimal(100))
    assert "grant-overspend" not in rules and "grant-unknown" not in rules
    received, left, rules = _grant(1100)
    assert (received, left) == (Decimal(1000), Decimal(-100))
    assert "grant-overspend" in rules


CAP_BOOK = """
option "operating_currency" "THB"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Bank:GSB THB
2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
2020-01-01 custom "member" "BM-0001" "BangMueang"
2020-01-01 custom "benefit-rule" "BangMueang" "Sickness"
  waiting-days: 30
  max-per-claim: 1000 THB
  max-per-year: 1000 THB
2022-02-01 * "Sickness benefit"
  member: "BM-0001"
  Assets:BangMueang:Bank:GSB  -600 THB
  Expenses:BangMueang:Benefits:Sickness
2022-02-20 * "Part of the benefit paid back"
  member: "BM-0001"
  Assets:BangMueang:Bank:GSB  200 THB
  Expenses:BangMueang:Benefits:Sickness
"""
THEN_PAID = """
2022-03-01 * "Sickness benefit, what the page says is left"
  member: "BM-0001"
  Assets:BangMueang:Bank:GSB  -{amount} THB
  Expenses:BangMueang:Benefits:Sickness
"""


def _left_on_the_member_page(text: str, day: datetime.date) -> Decimal:
    entries, errors, options = loader.load_string(text)
    snapshot = take_snapshot(entries, errors, options, day)
    statement = snapshot.statement("BM-0001", day)
    assert statement is not None
    sickness = next(e for e in statement.eligibility if e.type == "Sickness")
    assert sickness.left_this_year is not None
    return sickness.left_this_year


def _cap_findings(text: str) -> list[str]:
    entries, _, options = loader.load_string(text)
    _, findings = audit(entries, options)
    return [f.msgid for f in findings if f.rule == "benefit-cap"]


def test_what_the_member_page_says_is_left_can_be_paid_without_a_finding():
    left = _left_on_the_member_page(CAP_BOOK, datetime.date(2022, 2, 28))
    assert left == Decimal(600)
    assert _cap_findings(CAP_BOOK + THEN_PAID.format(amount=left)) == []
    assert _cap_findings(CAP_BOOK + THEN_PAID.format(amount=left + 1)) != []
    after = CAP_BOOK + THEN_PAID.format(amount=left)
    assert _left_on_the_member_page(after, datetime.date(2022, 3, 2)) == Decimal(0)
