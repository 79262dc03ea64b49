"""Whether a member is paid up: contributions to date against the dues of their months of membership.

A member is paid up at a day when their contributions dated up to that day reach
`dues-per-month` x (whole months of membership - `grace-months`), under the policy in force
that day. Dues stop at a member's exit: nobody owes for months after leaving. Rule
`lapsed-member`, `matching-claim`, the member statement and the pages all ask here.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.indexes import PaymentHistory
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


def dues_status(book: Book, history: PaymentHistory, member: Member, day: datetime.date) -> DuesStatus:
    """Paid and due of `member` at `day` under the policy of their area in force that day."""
    counted_to = min(day, member.exit_date) if member.exit_date else day
    policy = book.policy(member.area, counted_to)
    months = max(member.months_of_membership(counted_to) - policy.grace_months, 0)
    return DuesStatus(paid=history.paid_through(member.code, day), due=policy.dues_per_month * months)


def payment_history(book: Book) -> PaymentHistory:
    """The payment history of `book` (built once, kept on the book)."""
    return book.payments
