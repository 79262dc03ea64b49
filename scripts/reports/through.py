"""Through which day the books are written, and how far that is behind the real today.

A report reads "today" as the last day its books are written through: a member's dues must not
count months the treasurer has not entered yet, and "can claim today" means on that day. When
that day is more than 45 days before the real today (the `stale-books` rule's measure), the
report says so on the page and on standard error.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.config import DEFAULT

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book

STALE_DAYS = 45


@dataclasses.dataclass(frozen=True, slots=True)
class BooksThrough:
    """The last day with a transaction (of an area, or of the book) and the real today."""

    day: datetime.date | None
    today: datetime.date

    @property
    def as_today(self) -> datetime.date:
        """The day a report takes for "today": the books' last day, else the real today."""
        return self.day or self.today

    @property
    def behind(self) -> int:
        """Days from the books' last day to the real today."""
        return (self.today - self.day).days if self.day else 0

    @property
    def stale(self) -> bool:
        """More than `STALE_DAYS` behind the real today."""
        return self.behind > STALE_DAYS


def books_through(book: Book, area: str | None = None, today: datetime.date | None = None) -> BooksThrough:
    """Through which day `book` (or the part of it of `area`) is written.

    An entry dated after the real today (a payment entered in advance) does not move the day
    past today: the books cannot be written through a day that has not come. Today is the
    rules' (`WELFARE_TODAY` when an auditor reads the books as of a day), so the warning on a
    page and rule `stale-books` always agree.
    """
    now = today or DEFAULT.real_today()
    for txn in reversed(book.transactions):
        if txn.date > now:
            continue
        if area is None or any(accounts.area_of(p.account) == area for p in txn.postings):
            return BooksThrough(txn.date, now)
    return BooksThrough(None, now)
