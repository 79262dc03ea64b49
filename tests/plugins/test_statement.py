"""A member's statement: it sums to the member's postings, and eligibility follows the rules."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from beancount import loader
from beanquery.query import run_query
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.i18n import render
from welfare_ledger.plugins.statement import (
    ELIGIBLE,
    INACTIVE,
    NOT_JOINED,
    NOT_PAID_UP,
    WAITING,
    YEAR_USED,
    member_statement,
)

TODAY = datetime.date(2024, 3, 1)


def ledger() -> None:
    """
    option "operating_currency" "THB"

    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash
    2020-01-01 open Income:BangMueang:Contributions
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness
    2020-01-01 open Expenses:BangMueang:Benefits:Death
    2020-01-01 open Expenses:BangMueang:Benefits:Birth
    2020-01-01 open Equity:BangMueang:Opening

    2021-01-01 custom "bylaw" "BangMueang"
      dues-per-month: 30 THB
      grace-months: 3
    2021-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      waiting-days: 180
      max-per-claim: 600 THB
      max-per-year: 1000 THB
      per-night: 200 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 5000 THB
    2021-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 730
      max-per-claim: 10000 THB

    2021-01-01 custom "member" "BM-0001" "BangMueang"
    2021-01-01 custom "member" "BM-0002" "BangMueang"
    2021-01-01 custom "member" "BM-0003" "BangMueang"
    2023-12-01 custom "member" "BM-0004" "BangMueang"
    2021-01-01 custom "member" "BM-0005" "BangMueang"
    2024-05-01 custom "member" "BM-0006" "BangMueang"
    2023-05-10 custom "member-exit" "BM-0003" "deceased"

    2020-12-31 * "Opening"
      Assets:BangMueang:Cash  50000.00 THB
      Equity:BangMueang:Opening
    2023-01-31 * "Collection day"
      Income:BangMueang:Contributions  -600.00 THB
        member: "BM-0001"
        receipt: "2566-0001"
      Income:BangMueang:Contributions  -1000.00 THB
        member: "BM-0002"
        receipt: "2566-0002"
      Income:BangMueang:Contributions  -300.00 THB
        member: "BM-0003"
        receipt: "2566-0003"
      Income:BangMueang:Contributions  -1100.00 THB
        member: "BM-0005"
        receipt: "2566-0004"
      Assets:BangMueang:Cash
    2024-01-05 * "Contribution"
      member: "BM-0004"
      receipt: "2567-0001"
      Income:BangMueang:Contributions  -30.00 THB
      Assets:BangMueang:Cash
    2024-01-31 * "Collection day"
      Income:BangMueang:Contributions  -500.00 THB
        member: "BM-0001"
        receipt: "2567-0002"
      Assets:BangMueang:Cash
    2024-02-10 * "Sickness benefit"
      member: "BM-0005"
      event-date: 2024-02-01
      nights: 3
      document: "claim.pdf"
      Expenses:BangMueang:Benefits:Sickness  600.00 THB
      Assets:BangMueang:Cash
    2024-02-20 * "Sickness benefit"
      member: "BM-0005"
      nights: 2
      document: "claim-2.pdf"
      document-2: "receipt-2.pdf"
      Expenses:BangMueang:Benefits:Sickness  400.00 THB
      Assets:BangMueang:Cash
    2023-05-20 * "Death benefit"
      member: "BM-0003"
      event-date: 2023-05-10
      document: "death.pdf"
      Expenses:BangMueang:Benefits:Death  5000.00 THB
      Assets:BangMueang:Cash
    2024-06-01 * "Future contribution, after the statement day"
      member: "BM-0001"
      receipt: "2567-0099"
      Income:BangMueang:Contributions  -30.00 THB
      Assets:BangMueang:Cash
    """


@pytest.fixture(scope="module")
def loaded():
    entries, errors, options = loader.load_string(ledger.__doc__ or "", dedent=True)
    assert not errors, errors
    return entries, options


@pytest.fixture
def book(loaded):
    return build_book(*loaded)


def by_type(statement):
    return {item.type: item for item in statement.eligibility}


@pytest.mark.parametrize("code", ["BM-0001", "BM-0002", "BM-0003", "BM-0004", "BM-0005"])
def test_statement_sums_to_the_members_postings(book, loaded, code):
    statement = member_statement(book, code, TODAY)
    _, rows = run_query(
        *loaded,
        "SELECT account ~ '^Income:' AS income, sum(number) "
        f"WHERE any_meta('member') = '{code}' AND date <= {TODAY} "
        "AND (account ~ ':Contributions$' OR account ~ ':Benefits:') GROUP BY income",
    )
    sums = dict(rows)
    assert statement.contributed == -sums.get(True, Decimal(0))
    assert statement.received == sums.get(False, Decimal(0))
    assert statement.contributed == sum(ln.amount for ln in statement.lines if ln.kind == "contribution")
    assert [ln.date for ln in statement.lines] == sorted(ln.date for ln in statement.lines)


def test_lines_carry_receipts_documents_and_places(book):
    lines = member_statement(book, "BM-0005", TODAY).lines
    contribution, first, second = lines
    assert (contribution.kind, contribution.receipt, contribution.amount) == (
        "contribution",
        "2566-0004",
        Decimal("1100.00"),
    )
    assert (first.kind, first.type, first.document) == ("benefit", "Sickness", "claim.pdf")
    assert second.document == "claim-2.pdf receipt-2.pdf"
    assert first.file == "<string>"
    assert first.line > contribution.line > 0


def test_lines_after_the_statement_day_are_left_out(book):
    before = member_statement(book, "BM-0001", TODAY)
    after = member_statement(book, "BM-0001", datetime.date(2024, 6, 1))
    assert after.contributed - before.contributed == Decimal("30.00")
    assert "2567-0099" not in {ln.receipt for ln in before.lines}


def test_paid_up_member_may_claim_with_tier_caps(book):
    statement = member_statement(book, "BM-0001", TODAY)
    assert statement.paid_up
    assert statement.paid == Decimal("1100.00")
    assert statement.due == Decimal(30 * (38 - 3))  # 38 whole months, 3 of grace
    items = by_type(statement)
    assert set(items) == {"Sickness", "Death"}  # types with a rule in force only
    assert items["Sickness"].eligible and items["Sickness"].reason_msgid == ELIGIBLE
    assert items["Sickness"].max_claim == Decimal(600)
    assert items["Sickness"].per_night == Decimal(200)
    assert items["Sickness"].left_this_year == Decimal(1000)
    assert items["Death"].max_claim == Decimal(10000)  # the 730-day tier is reached
    assert items["Death"].left_this_year is None


def test_member_behind_on_dues_cannot_claim(book):
    statement = member_statement(book, "BM-0002", TODAY)
    assert not statement.paid_up
    assert statement.shortfall == Decimal(30 * 35) - Decimal(1000)
    item = by_type(statement)["Sickness"]
    assert not item.eligible
    assert item.reason_msgid == NOT_PAID_UP
    text = render(item.reason_msgid, item.reason_params, "en")
    assert "not paid up" in text and "50.00 THB" in text


def test_waiting_period_not_reached(book):
    statement = member_statement(book, "BM-0004", TODAY)
    assert statement.paid_up
    item = by_type(statement)["Sickness"]
    assert item.reason_msgid == WAITING
    assert item.reason_params == {"days": 180, "day": datetime.date(2024, 5, 29)}
    assert item.max_claim is None
    assert "ระยะรอสิทธิ" in render(item.reason_msgid, item.reason_params, "th")


def test_yearly_limit_used_up(book):
    item = by_type(member_statement(book, "BM-0005", TODAY))["Sickness"]
    assert item.left_this_year == 0
    assert item.reason_msgid == YEAR_USED
    assert not item.eligible
    next_year = by_type(member_statement(book, "BM-0005", datetime.date(2025, 1, 2)))["Sickness"]
    assert next_year.left_this_year == Decimal(1000)


def test_former_and_future_members_cannot_claim(book):
    gone = by_type(member_statement(book, "BM-0003", TODAY))["Death"]
    assert gone.reason_msgid == INACTIVE
    assert gone.reason_params["reason"] == "deceased"
    future = by_type(member_statement(book, "BM-0006", TODAY))["Death"]
    assert future.reason_msgid == NOT_JOINED


def test_unknown_member_is_a_key_error(book):
    with pytest.raises(KeyError):
        member_statement(book, "XX-0001", TODAY)


def test_the_member_page_asks_the_age_the_rule_asks():
    text = """
    option "operating_currency" "THB"
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2000-01-01 custom "member" "BM-0001" "BangMueang"
      born: 1980-05-01
    2000-01-01 custom "member" "BM-0002" "BangMueang"
      born: 1950-05-01
    2000-01-01 custom "member" "BM-0003" "BangMueang"
    2020-01-01 custom "bylaw" "BangMueang"
      grace-months: 600
      meeting: "minutes.pdf"
    2020-01-01 custom "benefit-rule" "BangMueang" "Elderly"
      waiting-days: 365
      max-per-claim: 800 THB
      min-age: 60
    """
    entries, _, options = loader.load_string(text, dedent=True)
    book = build_book(entries, options)
    day = datetime.date(2024, 3, 1)
    reasons = {}
    for code in ("BM-0001", "BM-0002", "BM-0003"):
        elderly = next(e for e in member_statement(book, code, day).eligibility if e.type == "Elderly")
        reasons[code] = (elderly.eligible, elderly.reason_msgid)
    assert reasons["BM-0002"] == (True, ELIGIBLE)
    assert reasons["BM-0001"][0] is False and "at least {low}" in reasons["BM-0001"][1]
    assert reasons["BM-0003"][0] is False and "no birth date" in reasons["BM-0003"][1]
