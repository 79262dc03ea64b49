"""CODI's forms from the facts layer, cross-checked against beanquery and an independent count."""

from __future__ import annotations

import datetime
from decimal import Decimal

from beancount import loader
from beanquery.query import run_query
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.codi import fund_status, matching_request

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


def _loaded():
    entries, errors, options = loader.load_string(BOOK)
    assert not errors
    return entries, options, build_book(entries, options)


def test_fund_status_against_beanquery_and_the_register():
    entries, options, book = _loaded()
    as_of = datetime.date(2023, 12, 31)
    status = fund_status(book, "BangMueang", as_of)
    assert (status.members_at_founding, status.members_in_all, status.members_now) == (2, 4, 3)
    assert status.left_by_reason == {"deceased": 1}
    assert status.by_village == {"1": 1, "2": 1, "5": 1}
    assert status.by_category == {"-": 2, "elderly": 1}
    _, rows = run_query(entries, options, "SELECT sum(number) WHERE account ~ '^Income:BangMueang:Contributions'")
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
    assert request.meetings == [(datetime.date(2022, 10, 1), "2022-10-01.minutes.pdf")]
