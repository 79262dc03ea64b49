"""What the books bring forward from before they start, kept apart from a year's or month's own figures.

A fund that moves to these books posts what it had on its first day against
`Equity:<A>:Opening` (CONVENTIONS section 3): the fund money it holds and, often, the members'
savings from the old register (เงินสัจจะสะสม) as contributions. Those contributions were paid
in earlier years: counted in the year of the opening entry they would show the members paying a
fortune that year and the fund's income jumping. Until the summary has a column of its own for
them, the reports read them here: in a transaction that posts to an area's `Equity:...:Opening`,
that area's income and spending amounts and the fund money it moves are brought forward.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.summary import (
    BENEFIT_COLUMNS,
    ZERO,
    AreaYear,
    account_role,
    area_year,
    summary_index,
)

if TYPE_CHECKING:
    from beancount.core.data import Transaction
    from welfare_ledger.plugins.book import Book

CACHE_KEY = "reports.brought_forward"
INCOME_COLUMNS = (
    "contributions",
    "matching_government",
    "matching_local",
    "donations",
    "interest",
    "grants_received",
)


@dataclasses.dataclass(frozen=True, slots=True)
class Opening:
    """One area's part of one opening transaction."""

    day: datetime.date
    fund: Decimal
    columns: dict[str, Decimal]


@dataclasses.dataclass(frozen=True, slots=True)
class BroughtForward:
    """Everything brought forward into a period: fund money and amounts by `areas` column."""

    day: datetime.date | None
    fund: Decimal
    columns: dict[str, Decimal]

    def __bool__(self) -> bool:
        return self.day is not None

    @property
    def income(self) -> Decimal:
        """Income brought forward (members' savings above all)."""
        return sum((self.columns.get(c, ZERO) for c in INCOME_COLUMNS), ZERO)

    @property
    def spending(self) -> Decimal:
        """Spending brought forward (benefits, projects, running costs of the old books)."""
        return sum((v for c, v in self.columns.items() if c not in INCOME_COLUMNS), ZERO)


NOTHING_BROUGHT = BroughtForward(None, ZERO, {})


def is_opening_account(account: str, area: str) -> bool:
    """`Equity:<area>:Opening` (or an account below it)."""
    parts = account.split(":")
    return len(parts) >= 3 and parts[0] == "Equity" and parts[1] == area and parts[2] == "Opening"


def _opening_parts(txn: Transaction) -> dict[str, Opening]:
    areas = {
        area
        for posting in txn.postings
        if (area := accounts.area_of(posting.account)) and is_opening_account(posting.account, area)
    }
    found: dict[str, Opening] = {}
    for area in sorted(areas):
        fund = ZERO
        columns: dict[str, Decimal] = defaultdict(Decimal)
        for posting in txn.postings:
            units = posting.units
            if units is None or units.number is None or units.currency != "THB":
                continue
            role = account_role(posting.account)
            if role.area != area:
                continue
            if role.fund:
                fund += units.number
            elif role.column:
                columns[role.column] += -units.number if role.income else units.number
        found[area] = Opening(txn.date, fund, dict(columns))
    return found


def openings(book: Book) -> dict[str, list[Opening]]:
    """Every area's opening postings, in date order; built once per book."""
    index = book.cache.get(CACHE_KEY)
    if index is None:
        index = defaultdict(list)
        for txn in book.transactions:
            if any(p.account.startswith("Equity:") and p.account.count(":") >= 2 for p in txn.postings):
                for area, part in _opening_parts(txn).items():
                    index[area].append(part)
        book.cache[CACHE_KEY] = index
    return index


def brought_forward(book: Book, area: str, first: datetime.date, last: datetime.date) -> BroughtForward:
    """What `area`'s opening entries dated from `first` to `last` bring forward."""
    parts = [p for p in openings(book).get(area, ()) if first <= p.day <= last]
    if not parts:
        return NOTHING_BROUGHT
    columns: dict[str, Decimal] = defaultdict(Decimal)
    for part in parts:
        for column, amount in part.columns.items():
            columns[column] += amount
    return BroughtForward(parts[0].day, sum((p.fund for p in parts), ZERO), dict(columns))


def in_year(book: Book, area: str, year: int) -> BroughtForward:
    """What `area`'s opening entries of `year` bring forward."""
    return brought_forward(book, area, datetime.date(year, 1, 1), datetime.date(year, 12, 31))


def own_figures(row: AreaYear, forward: BroughtForward) -> AreaYear:
    """`row` without what was brought forward: the year's own income and spending."""
    if not forward.columns:
        return row
    changes = {column: getattr(row, column) - amount for column, amount in forward.columns.items()}
    benefits = sum((amount for c, amount in forward.columns.items() if c in BENEFIT_COLUMNS.values()), ZERO)
    if benefits:
        changes["benefits"] = row.benefits - benefits
    return dataclasses.replace(row, **changes)


def first_own_year(book: Book, area: str) -> int | None:
    """The first year with income or spending of `area` beyond what was brought forward."""
    for year in summary_index(book).years(area):
        row = own_figures(area_year(book, area, year), in_year(book, area, year))
        if row.income or row.spending:
            return year
    return None
