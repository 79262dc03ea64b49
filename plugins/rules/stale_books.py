"""Rule `stale-books`: the books are kept up to date.

Books more than 45 days behind today show members a fund that no longer exists: balances,
paid-up status and claims all stop at the last entry. Reported on the book's last entry;
auditors of a closed year may ignore it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from beancount.core.data import Balance, Transaction
from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "stale-books"
MAX_DAYS_BEHIND = 45

MSG_STALE = (
    "The books end on {last}, {days} days before today ({today}). Record the entries since then: "
    "members read the fund as of the last entry."
)


def last_entry_until(book: Book, today: datetime.date) -> Transaction | Balance | None:
    """The book's last transaction or balance dated on or before `today`.

    An entry dated in the future says nothing about whether the books are kept: a dummy entry
    of 2030 must not make books that stopped in 2024 look fresh.
    """
    last = book.last_entry
    if last is not None and last.date <= today:
        return last
    found = None
    for entry in (*book.transactions, *book.balances):
        if entry.date <= today and (found is None or entry.date >= found.date):
            found = entry
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """A warning when the last entry up to today is more than 45 days old."""
    today = config.real_today()
    entry = last_entry_until(book, today)
    if entry is None or (today - entry.date).days <= MAX_DAYS_BEHIND:
        return []
    accounts = [p.account for p in entry.postings] if isinstance(entry, Transaction) else [entry.account]
    area = next((a for account in accounts if (a := classify(account).area)), "")
    return [
        entry_finding(
            CODE,
            Severity.WARNING,
            entry,
            area=area,
            msgid=MSG_STALE,
            last=entry.date,
            days=(today - entry.date).days,
            today=today,
        )
    ]
