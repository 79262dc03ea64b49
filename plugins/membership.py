"""Whether a member is paid up: contributions to date against the dues of their months of membership.

CONVENTIONS section 4: a member is paid up at a day when their contributions dated up to
that day reach `dues-per-month` x (whole months of membership - `grace-months`). The
lapsed-member and matching-claim rules, the member statement and the pages all ask here.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import itertools
import operator
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.registers import Member

ZERO = Decimal(0)


@dataclasses.dataclass(frozen=True, slots=True)
class DuesStatus:
    """What a member has paid and owes at a day."""

    paid: Decimal
    due: Decimal

    @property
    def paid_up(self) -> bool:
        """Paid at least what is due."""
        return self.paid >= self.due

    @property
    def shortfall(self) -> Decimal:
        """How much is missing (zero when paid up)."""
        return max(self.due - self.paid, ZERO)


class PaymentHistory:
    """Cumulative contributions of every member, for O(log n) questions at any day."""

    def __init__(self, book: Book) -> None:
        self._dates: dict[str, list[datetime.date]] = {}
        self._totals: dict[str, list[Decimal]] = {}
        # C-level getters: a province has a hundred thousand contributions to walk here.
        by_date, amount_of = operator.attrgetter("date"), operator.attrgetter("amount")
        for code, contributions in book.contributions_by_member.items():
            ordered = sorted(contributions, key=by_date)
            self._dates[code] = list(map(by_date, ordered))
            self._totals[code] = list(itertools.accumulate(map(amount_of, ordered)))

    def paid_through(self, code: str, day: datetime.date) -> Decimal:
        """Contributions of `code` dated on or before `day`."""
        dates = self._dates.get(code)
        if not dates:
            return ZERO
        index = bisect.bisect_right(dates, day)
        return self._totals[code][index - 1] if index else ZERO

    def paid_between(self, code: str, first: datetime.date, last: datetime.date) -> Decimal:
        """Contributions of `code` dated from `first` to `last`, both included."""
        return self.paid_through(code, last) - self.paid_through(code, first - datetime.timedelta(days=1))


def dues_status(book: Book, history: PaymentHistory, member: Member, day: datetime.date) -> DuesStatus:
    """Paid and due of `member` at `day` under the bylaw of their area in force that day."""
    bylaw = book.register.bylaw_at(member.area, day)
    months = max(member.months_of_membership(day) - bylaw.grace_months, 0)
    return DuesStatus(paid=history.paid_through(member.code, day), due=bylaw.dues_per_month * months)


def payment_history(book: Book) -> PaymentHistory:
    """The payment history of `book`, built once and kept on the book."""
    cached = book.cache.get("payment_history")
    if cached is None:
        cached = book.cache["payment_history"] = PaymentHistory(book)
    return cached
