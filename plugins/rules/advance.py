"""Rule `advance`: cash advanced to a committee member is approved, and comes back within 30 days.

Money moved to `Assets:A:Advances:<Code>` is still counted as the fund's, but it is in a
person's pocket: an advance that is never settled is money taken out of the fund that no
report shows leaving. Advances are settled first in, first out; money passed from one advance
account to another keeps the day it was first given. Whatever part of an advance is still out
30 days after it was given, as of the books' last day, is a finding on the entry that gave it.
Giving an advance takes the approvals an outflow of the amount takes, the holder's own not
counted: the cash leaves the fund's control the day it is handed over.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import defaultdict, deque
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import area_of
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding
from welfare_ledger.plugins.values import split_codes

if TYPE_CHECKING:
    from beancount.core.data import Transaction
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "advance"
SETTLE_DAYS = 30

MSG_UNAPPROVED = (
    "The advance of {amount} to {member} on {day} was approved by {count} committee members other "
    "than {member}; cash advanced out of the fund needs {needed}, as an outflow of that amount does. "
    "Have them approve it and write their codes in `approved-by`."
)
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


def advances(book: Book) -> tuple[list[tuple[str, Given]], list[tuple[str, Given]]]:
    """The advances newly given (account, amount, entry), and those still (partly) out at the books' end.

    Settled first in, first out. Money moved from one advance account to another is neither
    settled nor newly given: it keeps the day it was first given, so two people cannot pass an
    advance back and forth to keep it young.
    """
    given: dict[str, deque[Given]] = defaultdict(deque)
    new: list[tuple[str, Given]] = []
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
                    new.append((account, Given(rest, txn)))
    return new, [(account, advance) for account, queue in given.items() for advance in queue]


def _unapproved(book: Book, account: str, advance: Given) -> Finding | None:
    """An advance given without the approvals an outflow of its amount needs (not counting its holder)."""
    area = str(area_of(account) or "")
    holder = account.rpartition(":")[2]
    txn = advance.txn
    needed = book.policy(area, txn.date).approvals_for(advance.left)
    approvers = [
        code
        for code in split_codes(txn.meta.get("approved-by"))
        if code != holder and book.register.is_committee(code, area, txn.date)
    ]
    if len(approvers) >= needed:
        return None
    return entry_finding(
        CODE,
        Severity.ERROR,
        txn,
        area=area,
        msgid=MSG_UNAPPROVED,
        amount=advance.left,
        member=holder,
        day=txn.date,
        count=len(approvers),
        needed=needed,
    )


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Advances given without approvals, and advances with money still out after 30 days."""
    last = book.last_date
    if last is None:
        return []
    new, outstanding = advances(book)
    findings = [found for account, advance in new if (found := _unapproved(book, account, advance))]
    for account, advance in outstanding:
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
