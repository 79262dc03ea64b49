"""What the books bring forward from before they start, shown apart from a year's own figures.

A fund that moves to these books posts what it had on its first day against `Equity:<A>:Opening`
(docs/data-model.md, section 3): the fund money it holds and, often, the members' savings from
the old register (เงินสัจจะสะสม). The facts layer keeps these openings apart (`Book.openings`)
and leaves them out of the year's figures, so the reports only read them here.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.summary import INCOME_COLUMNS, ZERO, area_year

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book


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


def brought_forward(book: Book, area: str, first: datetime.date, last: datetime.date) -> BroughtForward:
    """What `area`'s opening entries dated from `first` to `last` bring forward."""
    parts = [p for p in book.openings.get(area, ()) if first <= p.day <= last]
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


def first_own_year(book: Book, area: str) -> int | None:
    """The first year with income or spending of `area` of its own (not brought forward)."""
    for year in book.flows.years(area):
        row = area_year(book, area, year)
        if row.income or row.spending:
            return year
    return None
