"""Rule `advance`: cash advanced to a committee member comes back, as receipts or money, within 30 days.

Money moved to `Assets:A:Advances:<Code>` is still counted as the fund's, but it is in a
person's pocket: an advance that is never settled is money taken out of the fund that no
report shows leaving. Advances are settled first in, first out; money passed from one advance
account to another keeps the day it was first given. Whatever part of an advance is still out
30 days after it was given, as of the books' last day, is a finding on the entry that gave it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict, deque
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import area_of
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding

if TYPE_CHECKING:
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


def _taken(queue: deque[Given], amount: Decimal) -> list[Given]:
    """Take `amount` off the oldest advances of `queue`: the parts taken, with the entries that gave them."""
    taken = []
    while amount > 0 and queue:
        head = queue[0]
        part = min(head.left, amount)
        taken.append(Given(part, head.txn))
        head.left -= part
        amount -= part
        if not head.left:
            queue.popleft()
    return taken


def outstanding(book: Book) -> list[tuple[str, Given]]:
    """Each advance still (partly) out at the books' end, with its account; settled first in, first out.

    Money moved from one advance account to another is not settled: it keeps the day it was
    first given, so two people cannot pass an advance back and forth to keep it young.
    """
    given: dict[str, deque[Given]] = defaultdict(deque)
    for _, moves in itertools.groupby(book.advance_moves, key=lambda move: id(move[2])):
        moved = list(moves)
        passed_on: deque[Given] = deque()
        for account, number, _txn in moved:
            if number < 0:
                passed_on.extend(_taken(given[account], -number))
        for account, number, txn in moved:
            if number > 0:
                inherited = _taken(passed_on, number)
                given[account].extend(inherited)
                rest = number - sum((part.left for part in inherited), Decimal(0))
                if rest > 0:
                    given[account].append(Given(rest, txn))
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
