"""The summary figures computed a second way, with beanquery sums over the same book."""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal

import pytest
from beancount import loader
from beanquery.query import run_query
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.summary import (
    AMOUNT_COLUMNS,
    COLUMNS,
    area_years,
    fund_balance,
    grant_statuses,
    month_flows,
    total_row,
)


def book_text() -> None:
    """
    option "operating_currency" "THB"

    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongPhai" "ตำบลหนองไผ่"
    2020-01-01 custom "area" "Empty" "ตำบลว่าง"
    2020-01-01 open Assets:BangMueang:Bank:Coop
    2020-01-01 open Assets:BangMueang:Cash
    2020-01-01 open Equity:BangMueang:Opening
    2020-01-01 open Income:BangMueang:Contributions
    2020-01-01 open Income:BangMueang:Matching:Government
    2020-01-01 open Income:BangMueang:Matching:Local
    2020-01-01 open Income:BangMueang:Donations
    2020-01-01 open Income:BangMueang:Interest
    2020-01-01 open Income:BangMueang:Grants
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness
    2020-01-01 open Expenses:BangMueang:Benefits:Death
    2020-01-01 open Expenses:BangMueang:Benefits:Funeral
    2020-01-01 open Expenses:BangMueang:Projects
    2020-01-01 open Expenses:BangMueang:Admin:Stationery
    2020-01-01 open Assets:NongPhai:Bank:Coop
    2020-01-01 open Equity:NongPhai:Opening
    2020-01-01 open Income:NongPhai:Contributions
    2020-01-01 open Expenses:NongPhai:Benefits:Birth
    2020-01-01 open Expenses:NongPhai:Admin

    2021-01-01 custom "member" "BM-0001" "BangMueang"
    2021-01-01 custom "member" "BM-0002" "BangMueang"
    2023-12-31 custom "member" "BM-0003" "BangMueang"
    2024-01-01 custom "member" "BM-0004" "BangMueang"
    2021-01-01 custom "member" "NP-0001" "NongPhai"
    2021-01-01 custom "member" "NP-0002" "NongPhai"
    2023-06-30 custom "member-exit" "NP-0002" "moved"
    2023-01-05 custom "grant" "BM-G1" "BangMueang" 20000 THB
      funder: "CODI"
      ends: 2023-12-31
    2024-01-20 custom "grant-report" "BM-G1"
      document: "report.pdf"
    2023-02-01 custom "grant" "BM-G2" "BangMueang" 5000 THB
      funder: "Tambon office"

    2022-12-31 * "Opening balances"
      Assets:BangMueang:Bank:Coop   50000.00 THB
      Assets:BangMueang:Cash         2000.00 THB
      Assets:NongPhai:Bank:Coop     30000.00 THB
      Equity:BangMueang:Opening    -52000.00 THB
      Equity:NongPhai:Opening      -30000.00 THB
    2023-01-31 * "Collection day"
      Income:BangMueang:Contributions  -360.00 THB
        member: "BM-0001"
      Income:BangMueang:Contributions  -240.00 THB
        member: "BM-0002"
      Assets:BangMueang:Cash            600.00 THB
    2023-02-01 * "Deposit"
      Assets:BangMueang:Cash           -600.00 THB
      Assets:BangMueang:Bank:Coop       600.00 THB
    2023-02-15 * "Matching from CODI"
      Assets:BangMueang:Bank:Coop      1095.00 THB
      Income:BangMueang:Matching:Government
    2023-03-01 * "Matching from the municipality"
      Assets:BangMueang:Bank:Coop       730.00 THB
      Income:BangMueang:Matching:Local
    2023-03-10 * "Grant received"
      grant: "BM-G1"
      Assets:BangMueang:Bank:Coop     20000.00 THB
      Income:BangMueang:Grants
    2023-04-02 * "Sickness benefit"
      member: "BM-0001"
      Expenses:BangMueang:Benefits:Sickness  600.00 THB
      Assets:BangMueang:Cash
    2023-05-20 * "Death benefit and funeral help"
      member: "BM-0002"
      Expenses:BangMueang:Benefits:Death    5000.00 THB
      Expenses:BangMueang:Benefits:Funeral   500.00 THB
      Assets:BangMueang:Bank:Coop
    2023-06-03 * "Paper"
      Expenses:BangMueang:Admin:Stationery  450.00 THB
      Assets:BangMueang:Cash
    2023-07-15 * "Garden project, two grants"
      Expenses:BangMueang:Projects  12500.00 THB
        grant: "BM-G1"
      Expenses:BangMueang:Projects   1500.00 THB
        grant: "BM-G2"
      Assets:BangMueang:Bank:Coop
    2023-09-30 * "Interest"
      Assets:BangMueang:Bank:Coop  85.25 THB
      Income:BangMueang:Interest
    2023-11-11 * "Donation"
      Assets:BangMueang:Cash  1500.00 THB
      Income:BangMueang:Donations
    2023-12-31 * "Sickness benefit paid back in part"
      member: "BM-0001"
      Expenses:BangMueang:Benefits:Sickness  -100.00 THB
      Assets:BangMueang:Cash
    2024-01-02 * "Next year's benefit"
      member: "BM-0002"
      Expenses:BangMueang:Benefits:Sickness  300.00 THB
      Assets:BangMueang:Cash
    2023-01-31 * "Collection day"
      Income:NongPhai:Contributions  -365.00 THB
        member: "NP-0001"
      Assets:NongPhai:Bank:Coop       365.00 THB
    2023-08-08 * "Birth benefit"
      member: "NP-0001"
      Expenses:NongPhai:Benefits:Birth  1000.00 THB
      Assets:NongPhai:Bank:Coop
    2023-10-01 * "Stamps"
      Expenses:NongPhai:Admin  120.00 THB
      Assets:NongPhai:Bank:Coop
    """


@pytest.fixture(scope="module")
def loaded() -> tuple[list, dict]:
    entries, errors, options = loader.load_string(book_text.__doc__ or "", dedent=True)
    assert not errors, errors
    return entries, options


@pytest.fixture
def book(loaded):
    return build_book(*loaded)


def bql(loaded, query: str) -> dict[str, Decimal]:
    """Rows of (key, sum) from beanquery as a dict."""
    _, rows = run_query(*loaded, query)
    return {str(key): value for key, value in rows}


def test_area_years_match_beanquery_sums(book, loaded):
    by_account = bql(
        loaded,
        "SELECT account, sum(number) WHERE year = 2023 AND account ~ '^(Income|Expenses):' GROUP BY account",
    )
    rows = {row.area: row for row in area_years(book, 2023)}

    def query(area: str, pattern: str) -> Decimal:
        prefix = f"Income:{area}:" if pattern.startswith("I:") else f"Expenses:{area}:"
        return sum(
            (abs(v) for k, v in by_account.items() if k.startswith(prefix + pattern[2:])),
            Decimal(0),
        )

    for area, row in rows.items():
        assert row.contributions == query(area, "I:Contributions")
        assert row.matching_government == query(area, "I:Matching:Government")
        assert row.matching_local == query(area, "I:Matching:Local")
        assert row.donations == query(area, "I:Donations")
        assert row.interest == query(area, "I:Interest")
        assert row.grants_received == query(area, "I:Grants")
        assert row.projects == query(area, "E:Projects")
        assert row.admin == query(area, "E:Admin")
        assert row.benefits == sum(
            (v for k, v in by_account.items() if k.startswith(f"Expenses:{area}:Benefits")),
            Decimal(0),
        )
    assert rows["BangMueang"].benefits_sickness == Decimal("500.00")  # 600 paid, 100 paid back
    assert rows["BangMueang"].benefits_other == Decimal("500.00")  # Funeral is not a known type
    assert rows["BangMueang"].benefits_death == Decimal("5000.00")


def test_fund_balance_matches_beanquery(book, loaded):
    for area in ("BangMueang", "NongPhai"):
        for day in (datetime.date(2022, 12, 30), datetime.date(2023, 2, 1), datetime.date(2023, 12, 31)):
            _, rows = run_query(
                *loaded,
                f"SELECT sum(number) WHERE account ~ '^Assets:{area}:(Bank|Cash)' AND date <= {day}",
            )
            expected = rows[0][0] if rows else Decimal(0)
            assert fund_balance(book, area, day) == expected, (area, day)
    assert fund_balance(book, "BangMueang", datetime.date(2022, 12, 30)) == 0
    rows = {row.area: row for row in area_years(book, 2023)}
    assert rows["BangMueang"].fund_balance == fund_balance(book, "BangMueang", datetime.date(2023, 12, 31))


def test_total_row_is_the_sum_of_the_areas(book):
    rows = area_years(book, 2023)
    assert [row.area for row in rows] == ["BangMueang", "Empty", "NongPhai"]
    total = total_row(rows)
    assert total.area == "TOTAL"
    assert total.members == sum(row.members for row in rows)
    for column in AMOUNT_COLUMNS:
        assert getattr(total, column) == sum(getattr(row, column) for row in rows), column
    assert list(total.as_dict()) == list(COLUMNS)
    assert COLUMNS[:3] == ("area", "members", "contributions")
    assert COLUMNS[-1] == "fund_balance"


def test_members_count_active_on_the_last_day_of_the_year(book):
    rows = {row.area: row for row in area_years(book, 2023)}
    assert rows["BangMueang"].members == 3  # BM-0003 joins on 31 Dec, BM-0004 the next year
    assert rows["NongPhai"].members == 1  # NP-0002 moved away
    assert rows["Empty"].members == 0
    assert rows["Empty"].fund_balance == 0


def test_legs_shares_and_admin_ratio(book):
    row = next(r for r in area_years(book, 2023) if r.area == "BangMueang")
    legs = row.contributions + row.matching_government + row.matching_local
    assert row.legs == legs
    assert sum(row.share(leg) for leg in ("contributions", "matching_government", "matching_local")) == 100
    assert row.admin_ratio == row.admin * 100 / row.income
    empty = next(r for r in area_years(book, 2023) if r.area == "Empty")
    assert empty.share("contributions") is None
    assert empty.admin_ratio is None


def test_month_flows_add_up_to_the_year(book):
    months = [month_flows(book, "BangMueang", 2023, m) for m in range(1, 13)]
    row = next(r for r in area_years(book, 2023) if r.area == "BangMueang")
    for column in ("contributions", "benefits", "benefits_sickness", "projects", "admin", "grants_received"):
        assert sum(m[column] for m in months) == getattr(row, column), column


def test_grant_statuses(book, loaded):
    statuses = {s.code: s for s in grant_statuses(book)}
    first, second = statuses["BM-G1"], statuses["BM-G2"]
    assert (first.received, first.spent, first.left) == (
        Decimal("20000.00"),
        Decimal("12500.00"),
        Decimal("7500.00"),
    )
    assert first.reported == datetime.date(2024, 1, 20)
    assert first.document == "report.pdf"
    assert first.funder == "CODI"
    assert first.ends == datetime.date(2023, 12, 31)
    assert (second.received, second.spent, second.left) == (0, Decimal("1500.00"), Decimal("-1500.00"))
    assert second.reported is None
    _, rows = run_query(
        *loaded, "SELECT sum(number) WHERE account ~ ':Projects' AND any_meta('grant') = 'BM-G1'"
    )
    assert first.spent == rows[0][0]


def test_indexes_are_built_once_per_book(book):
    fund, flows = book.fund, book.flows
    area_years(book, 2023)
    fund_balance(book, "NongPhai", datetime.date(2023, 12, 31))
    assert book.fund is fund and book.flows is flows


def test_rows_are_frozen(book):
    row = area_years(book, 2023)[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.members = 99  # type: ignore[misc]
