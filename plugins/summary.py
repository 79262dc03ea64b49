"""The figures of a fund that reports and Fava pages show: an area's year, its fund money, its grants.

A view over the facts layer (`Book.flows`, `Book.fund`, `Book.grant_postings`): nothing here
walks the entries or sums money on its own, so a figure shown to members is the one the rules
judged. Amounts are THB: income shown positive, spending positive.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.accounts import BENEFIT_COLUMNS, classify
from welfare_ledger.plugins.values import year_end

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book

ZERO = Decimal(0)
CURRENCY = "THB"


INCOME_COLUMNS: tuple[str, ...] = (
    "contributions",
    "matching_government",
    "matching_local",
    "donations",
    "interest",
    "grants_received",
    "entry_fees",
    "other_income",
)
"""The income columns of a year's own figures (brought-forward savings are shown apart)."""


@dataclasses.dataclass(frozen=True, slots=True)
class AreaYear:
    """One row of `welfare report areas`: the fields are its CSV columns (docs/reports.md)."""

    area: str
    members: int
    contributions: Decimal
    matching_government: Decimal
    matching_local: Decimal
    donations: Decimal
    interest: Decimal
    grants_received: Decimal
    entry_fees: Decimal
    other_income: Decimal
    benefits: Decimal
    benefits_birth: Decimal
    benefits_sickness: Decimal
    benefits_elderly: Decimal
    benefits_death: Decimal
    benefits_education: Decimal
    benefits_disaster: Decimal
    benefits_disability: Decimal
    benefits_other: Decimal
    projects: Decimal
    admin: Decimal
    brought_forward: Decimal
    """Contributions carried over from an older register against the opening balance: shown apart,
    never as the year's income."""
    fund_balance: Decimal

    @property
    def income(self) -> Decimal:
        """All income of the year."""
        return sum((getattr(self, column) for column in INCOME_COLUMNS), ZERO)

    @property
    def legs(self) -> Decimal:
        """The three legs of the fund: members, government and local government."""
        return self.contributions + self.matching_government + self.matching_local

    @property
    def spending(self) -> Decimal:
        """Benefits, projects and running costs."""
        return self.benefits + self.projects + self.admin

    def share(self, column: str) -> Decimal | None:
        """A leg's share of the three legs in percent, or None when there is no leg money."""
        if not self.legs:
            return None
        return Decimal(getattr(self, column)) * 100 / self.legs

    @property
    def admin_ratio(self) -> Decimal | None:
        """Running costs in percent of the year's income (the bylaw's `admin-cap` measure)."""
        if not self.income:
            return None
        return self.admin * 100 / self.income

    def as_dict(self) -> dict[str, Any]:
        """The row with the CSV columns in order."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


COLUMNS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(AreaYear))
AMOUNT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("area", "members"))
SUM_COLUMNS: tuple[str, ...] = tuple(c for c in AMOUNT_COLUMNS if c not in ("benefits", "fund_balance"))


@dataclasses.dataclass(frozen=True, slots=True)
class GrantStatus:
    """Where a grant stands: declared, received, spent, left, and whether it was reported."""

    code: str
    area: str
    funder: str
    declared: datetime.date
    ends: datetime.date | None
    amount: Decimal
    received: Decimal
    spent: Decimal
    left: Decimal
    reported: datetime.date | None
    document: str | None


def column_of(account: str) -> str | None:
    """The `areas` column an account's money adds to, or None (fund money, equity...)."""
    return classify(account).column


class SummaryIndex:
    """The book's figures by area and year (kept for callers that ask for the years)."""

    def __init__(self, book: Book) -> None:
        self.book = book

    def years(self, area: str | None = None) -> list[int]:
        """The years with money moving (of one area, or of any)."""
        return self.book.flows.years(area)

    def fund_at(self, area: str, day: datetime.date) -> Decimal:
        """Fund money of `area` at the end of `day`."""
        return self.book.fund.fund_at(area, day)


def summary_index(book: Book) -> SummaryIndex:
    """The figures of `book` (a view; the sums live in the facts layer)."""
    return SummaryIndex(book)


def fund_balance(book: Book, area: str, day: datetime.date) -> Decimal:
    """Fund money (every `Assets:A:*` account) of `area` at the end of `day`."""
    return book.fund.fund_at(area, day)


def _row(book: Book, area: str, sums: dict[str, Decimal], members: int, balance: Decimal) -> AreaYear:
    benefits = {column: sums.get(column, ZERO) for column in BENEFIT_COLUMNS.values()}
    values: dict[str, Any] = {column: sums.get(column, ZERO) for column in SUM_COLUMNS}
    values.update(benefits)
    return AreaYear(
        area=area,
        members=members,
        benefits=sum(benefits.values(), ZERO),
        fund_balance=balance,
        **{k: v for k, v in values.items() if k not in ("area", "members")},
    )


def area_year(book: Book, area: str, year: int) -> AreaYear:
    """The row of one area for one calendar year."""
    last = year_end(year)
    members = sum(1 for m in book.register.members.values() if m.area == area and m.active_on(last))
    return _row(book, area, book.flows.year(area, year), members, book.fund.fund_at(area, last))


def month_flows(book: Book, area: str, year: int, month: int) -> dict[str, Decimal]:
    """Income and spending of `area` in one month, by `areas` column (absent columns are zero)."""
    sums = book.flows.month(area, year, month)
    flows = {column: sums.get(column, ZERO) for column in SUM_COLUMNS}
    flows["benefits"] = sum((flows[column] for column in BENEFIT_COLUMNS.values()), ZERO)
    return flows


def book_areas(book: Book) -> list[str]:
    """Declared areas and any area that has accounts holding money, in code order."""
    return book.all_areas()


def area_years(book: Book, year: int) -> list[AreaYear]:
    """One row per area for `year`, in area-code order."""
    return [area_year(book, area, year) for area in book_areas(book)]


def total_row(rows: list[AreaYear]) -> AreaYear:
    """The `TOTAL` row: every count and amount summed over `rows`."""
    values: dict[str, Any] = {"area": "TOTAL", "members": sum(row.members for row in rows)}
    for column in AMOUNT_COLUMNS:
        values[column] = sum((getattr(row, column) for row in rows), ZERO)
    return AreaYear(**values)


def grant_money(book: Book) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """Money received and spent per grant code, from the same grant postings the rules judge."""
    received: dict[str, Decimal] = defaultdict(Decimal)
    spent: dict[str, Decimal] = defaultdict(Decimal)
    for posting in book.grant_postings:
        if posting.code is None:
            continue
        (received if posting.received else spent)[posting.code] += posting.amount
    return received, spent


def grant_statuses(book: Book) -> list[GrantStatus]:
    """Every declared grant with what was received, spent and reported, by area and code."""
    received, spent = grant_money(book)
    statuses = []
    for grant in book.register.grants.values():
        reports = sorted(book.register.grant_reports.get(grant.code, ()), key=lambda r: r.date)
        first = reports[0] if reports else None
        got, used = received.get(grant.code, ZERO), spent.get(grant.code, ZERO)
        statuses.append(
            GrantStatus(
                code=grant.code,
                area=grant.area,
                funder=grant.funder,
                declared=grant.date,
                ends=grant.ends,
                amount=grant.amount,
                received=got,
                spent=used,
                left=got - used,
                reported=first.date if first else None,
                document=first.document if first else None,
            )
        )
    return sorted(statuses, key=lambda s: (s.area, s.code))
