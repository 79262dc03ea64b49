"""Rule `advance`: cash advanced to a committee member comes back, as receipts or money, within 30 days.

Money moved to `Assets:A:Advances:<Code>` is still counted as the fund's, but it is in a
person's pocket: an advance that is never settled is money taken out of the fund that no
report shows leaving. Advances are settled first in, first out; whatever part of an advance
is still out 30 days after it was given, as of the books' last day, is a finding on the entry
that gave it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, deque
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import area_of
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding

if TYPE_CHECKING:
    from decimal import Decimal

    from beancount.core.data import Transaction
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "advance"
SETTLE_DAYS = 30

MSG_UNSETTLED = (
    "{amount} of the advance to {member} on {day} ({account}) is still out {days} days later, on "
    "{last}, the books' last day. An advance is settled within 30 days: book its receipts against "
    "{account} or pay the cash back."
)


@dataclasses.dataclass(slots=True)
class Given:
    """An advance, and how much of it is still out."""

    left: Decimal
    txn: Transaction


def outstanding(book: Book) -> list[tuple[str, Given]]:
    """Each advance still (partly) out at the books' end, with its account; settled first in, first out."""
    given: dict[str, deque[Given]] = defaultdict(deque)
    for account, number, txn in book.advance_moves:
        queue = given[account]
        if number > 0:
            queue.append(Given(number, txn))
            continue
        back = -number
        while back > 0 and queue:
            head = queue[0]
            if head.left > back:
                head.left -= back
                break
            back -= head.left
            queue.popleft()
    return [(account, advance) for account, queue in given.items() for advance in queue]


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """An error on each advance with money still out more than 30 days after it was given."""
    last = book.last_date
    if last is None:
        return []
    findings = []
    for account, advance in outstanding(book):
        txn = advance.txn
        days = (last - txn.date).days
        if days <= SETTLE_DAYS:
            continue
        findings.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                txn,
                area=str(area_of(account) or ""),
                msgid=MSG_UNSETTLED,
                amount=advance.left,
                member=account.rpartition(":")[2],
                day=txn.date,
                account=account,
                days=days,
                last=last,
            )
        )
    return findings
