"""CODI's forms from the facts layer, cross-checked against beanquery and an independent count."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from beancount import loader
from beanquery.query import run_query
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.codi import (
    BEFORE_BOOKS,
    BEFORE_FOUNDING,
    YEAR_AFTER_BOOKS,
    YEAR_BEFORE_FOUNDING,
    YEAR_IN_OLD_BOOKS,
    fund_status,
    matching_request,
)
from welfare_ledger.plugins.i18n import UserError

BOOK = """
option "operating_currency" "THB"
2019-06-10 custom "area" "BangMueang" "ตำบลบางเมือง"
  villages: 8
2019-06-01 open Assets:BangMueang:Bank:GSB THB
2019-06-01 open Income:BangMueang:Contributions THB
2019-06-01 open Income:BangMueang:Matching:Government THB
2019-06-01 open Income:BangMueang:Matching:Local THB
2019-06-01 open Income:BangMueang:Donations THB
2019-06-01 open Expenses:BangMueang:Benefits:Sickness THB
2019-06-01 open Expenses:BangMueang:Benefits:Death THB
2019-06-01 open Expenses:BangMueang:Benefits:Birth THB
2019-06-01 open Equity:BangMueang:Opening THB
2019-06-12 custom "member" "BM-0001" "BangMueang"
  village: 1
  category: "elderly"
2019-06-20 custom "member" "BM-0002" "BangMueang"
  village: 2
2019-07-02 custom "member" "BM-0003" "BangMueang"
  village: 2
  category: "child"
2023-03-01 custom "member" "BM-0004" "BangMueang"
  village: 5
2023-08-01 custom "member-exit" "BM-0003" "deceased"
2019-06-12 custom "committee" "BM-0001" "chair"
2019-06-20 custom "committee" "BM-0002" "treasurer"
2022-10-01 custom "bylaw" "BangMueang"
  fiscal-year-start: 10
  meeting: "2022-10-01.minutes.pdf"
2022-10-01 custom "benefit-rule" "BangMueang" "Sickness"
  max-per-claim: 600 THB
  meeting: "2022-10-01.minutes.pdf"
2019-06-12 * "Opening"
  Assets:BangMueang:Bank:GSB  1000 THB
  Equity:BangMueang:Opening
2022-10-15 * "Savings of fiscal 2023"
  Assets:BangMueang:Bank:GSB  1440 THB
  Income:BangMueang:Contributions  -360 THB
    member: "BM-0001"
    receipt: "1"
  Income:BangMueang:Contributions  -360 THB
    member: "BM-0002"
    receipt: "2"
  Income:BangMueang:Contributions  -360 THB
    member: "BM-0003"
    receipt: "3"
  Income:BangMueang:Contributions  -360 THB
    member: "BM-0004"
    receipt: "4"
2023-05-01 * "Sickness"
  member: "BM-0001"
  Assets:BangMueang:Bank:GSB  -500 THB
  Expenses:BangMueang:Benefits:Sickness
2023-06-01 * "Sickness"
  member: "BM-0002"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Benefits:Sickness
2023-08-05 * "Death"
  member: "BM-0003"
  event-date: 2023-08-01
  Assets:BangMueang:Bank:GSB  -2000 THB
  Expenses:BangMueang:Benefits:Death
2023-11-05 * "Government matching for fiscal 2566"
  for-year: 2566
  Assets:BangMueang:Bank:GSB  730 THB
  Income:BangMueang:Matching:Government
2023-12-05 * "Donation"
  Assets:BangMueang:Bank:GSB  100 THB
  Income:BangMueang:Donations
"""
# A birth benefit paid by mistake and paid back in full: it helped nobody.
REVERSED = """
2023-11-10 * "Birth"
  member: "BM-0004"
  Assets:BangMueang:Bank:GSB  -1000 THB
  Expenses:BangMueang:Benefits:Birth
2023-11-20 * "Birth paid back"
  member: "BM-0004"
  Assets:BangMueang:Bank:GSB  1000 THB
  Expenses:BangMueang:Benefits:Birth
"""


def _loaded(text: str = BOOK):
    entries, errors, options = loader.load_string(text)
    assert not errors
    return entries, options, build_book(entries, options)


def test_fund_status_against_beanquery_and_the_register():
    entries, options, book = _loaded()
    as_of = datetime.date(2023, 12, 31)
    status = fund_status(book, "BangMueang", as_of)
    assert (status.members_at_founding, status.members_in_all, status.members_now) == (2, 4, 3)
    assert status.left_by_reason == {"deceased": 1}
    assert status.by_village == {"1": 1, "2": 1, "5": 1}
    assert list(status.by_category.items()) == [("elderly", 1), ("-", 2)]
    _, rows = run_query(
        entries, options, "SELECT sum(number) WHERE account ~ '^Income:BangMueang:Contributions'"
    )
    assert status.money_since_founding["contributions"] == -rows[0][0]
    _, rows = run_query(entries, options, "SELECT sum(number) WHERE account ~ '^Assets:BangMueang:'")
    assert status.fund_balance == rows[0][0]
    assert status.money_since_founding["matching_government"] == Decimal(730)
    since = {line.type: (line.persons, line.amount) for line in status.benefits_since_founding}
    assert since == {"Sickness": (2, Decimal(800)), "Death": (1, Decimal(2000))}
    assert status.year == 2024
    assert status.benefits_year == []


def test_matching_request_counts_the_members_the_rule_counts():
    _, _, book = _loaded()
    request = matching_request(book, "BangMueang", 2023)
    assert (request.first, request.last) == (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30))
    assert request.qualifying == 3
    assert request.qualifying_by_village == {"1": 1, "2": 2}
    assert request.due == {"matching_government": Decimal(1095), "matching_local": Decimal(1095)}
    assert request.received == {"matching_government": Decimal(730), "matching_local": Decimal(0)}
    assert request.villages_with_members == 3 and request.villages == 8
    assert request.village_share == Decimal("37.5")
    assert request.benefit_types_run == ["Sickness", "Death"]
    assert [(t.member, t.role) for t in request.committee] == [("BM-0001", "chair"), ("BM-0002", "treasurer")]
    assert request.meetings == [
        (datetime.date(2022, 10, 1), "2022-10-01.minutes.pdf")
    ]  # one meeting, two directives
    assert request.still_due == {"matching_government": Decimal(365), "matching_local": Decimal(1095)}
    assert request.villages_met is False and request.benefit_types_met is False


def _sum(entries, options, where: str) -> Decimal:
    _, rows = run_query(entries, options, f"SELECT sum(number) WHERE {where}")
    return rows[0][0] if rows and rows[0][0] is not None else Decimal(0)


@pytest.mark.parametrize(
    "day", [datetime.date(2023, 12, 4), datetime.date(2023, 12, 5), datetime.date(2023, 11, 30)]
)
def test_money_is_counted_through_the_day_not_the_month(day):
    entries, options, book = _loaded()
    status = fund_status(book, "BangMueang", day)
    donations = -_sum(entries, options, f"account = 'Income:BangMueang:Donations' AND date <= {day}")
    assert status.money_since_founding["donations"] == donations
    assert status.fund_balance == _sum(entries, options, f"account ~ '^Assets:BangMueang:' AND date <= {day}")


def test_the_money_of_the_form_adds_up_to_the_fund_balance():
    entries, options, book = _loaded()
    status = fund_status(book, "BangMueang", datetime.date(2023, 12, 31))
    assert status.books_begin == datetime.date(2019, 6, 12)
    assert status.fund_brought_forward == Decimal(1000)
    assert status.spending_since_founding == {
        "benefits": _sum(entries, options, "account ~ '^Expenses:BangMueang:Benefits:'"),
        "projects": Decimal(0),
        "admin": Decimal(0),
    }
    assert status.income_in_books == -_sum(entries, options, "account ~ '^Income:BangMueang:'")
    assert status.other_movements == 0
    assert [(t.member, t.role) for t in status.committee] == [("BM-0001", "chair"), ("BM-0002", "treasurer")]


def test_a_benefit_paid_back_in_full_helped_nobody():
    _, _, book = _loaded(BOOK + REVERSED)
    status = fund_status(book, "BangMueang", datetime.date(2023, 12, 31))
    birth = next(line for line in status.benefits_year if line.type == "Birth")
    assert (birth.persons, birth.amount) == (0, Decimal(0))
    assert "Birth" not in matching_request(book, "BangMueang", 2024).benefit_types_run
    kept = BOOK + REVERSED.replace(
        "  Assets:BangMueang:Bank:GSB  1000 THB", "  Assets:BangMueang:Bank:GSB  400 THB"
    )
    _, _, book = _loaded(kept)
    status = fund_status(book, "BangMueang", datetime.date(2023, 12, 31))
    birth = next(line for line in status.benefits_year if line.type == "Birth")
    assert (birth.persons, birth.amount) == (1, Decimal(600))


@pytest.mark.parametrize(
    ("year", "msgid"),
    [(2018, YEAR_BEFORE_FOUNDING), (2019, YEAR_IN_OLD_BOOKS), (2025, YEAR_AFTER_BOOKS)],
)
def test_years_these_books_cannot_answer_for_are_refused(year, msgid):
    _, _, book = _loaded()
    with pytest.raises(UserError) as refused:
        matching_request(book, "BangMueang", year)
    assert refused.value.msgid == msgid


@pytest.mark.parametrize("year", [2020, 2024])
def test_the_neighbouring_years_are_answered(year):
    _, _, book = _loaded()
    assert matching_request(book, "BangMueang", year).fiscal_year == year


def test_savings_brought_forward_inside_a_year_cannot_make_members_qualify():
    """A treasurer who dates the old register's savings inside a fiscal year is refused, not believed."""
    late_opening = (
        BOOK.replace('2019-06-12 * "Opening"', '2022-11-01 * "Opening"').replace(
            "2019-06-01 open", "2019-06-01 open"
        )
        + """
2022-11-01 * "Savings of the old register"
  Income:BangMueang:Contributions  -360 THB
    member: "BM-0004"
    receipt: "0"
  Equity:BangMueang:Opening
"""
    )
    _, _, book = _loaded(late_opening)
    with pytest.raises(UserError) as refused:
        matching_request(book, "BangMueang", 2023)
    assert refused.value.msgid == YEAR_IN_OLD_BOOKS
    assert matching_request(book, "BangMueang", 2024).fiscal_year == 2024


def test_village_numbers_the_tambon_does_not_have_do_not_raise_the_share():
    """Members written into villages 9 and 40 of a tambon of 8 villages cannot lift CODI's half."""
    ghosts = BOOK.replace("  village: 5\n", "  village: 40\n").replace("  village: 2\n", "  village: 9\n", 1)
    _, _, book = _loaded(ghosts)
    request = matching_request(book, "BangMueang", 2023)
    assert (request.villages_with_members, request.villages_outside) == (1, [9, 40])
    assert request.village_share == Decimal("12.5")
    _, _, book = _loaded(BOOK.replace("  village: 5\n", "  village: 8\n"))
    assert matching_request(book, "BangMueang", 2023).villages_with_members == 3


def test_no_status_before_the_fund_was_founded():
    _, _, book = _loaded()
    with pytest.raises(UserError) as refused:
        fund_status(book, "BangMueang", datetime.date(2019, 6, 9))
    assert refused.value.msgid == BEFORE_FOUNDING


def test_no_status_before_the_books_bring_the_old_money_in():
    """Founded on 10 June, opening entries on 12 June: the money of the 11th is in the old books."""
    _, _, book = _loaded()
    with pytest.raises(UserError) as refused:
        fund_status(book, "BangMueang", datetime.date(2019, 6, 11))
    assert refused.value.msgid == BEFORE_BOOKS
    status = fund_status(book, "BangMueang", datetime.date(2019, 6, 12))
    assert (status.members_in_all, status.fund_balance, status.fund_brought_forward) == (1, 1000, 1000)
