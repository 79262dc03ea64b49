"""Rule `stale-books`: the books are kept up to date.

Books more than 45 days behind today show members a fund that no longer exists: balances,
paid-up status and claims all stop at the last entry. Reported on the book's last entry;
auditors of a closed year may ignore it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from beancount.core.data import Transaction
from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "stale-books"
MAX_DAYS_BEHIND = 45

MSG_STALE = (
    "The books end on {last}, {days} days before today ({today}). Record the entries since then: "
    "members read the fund as of the last entry."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """A warning when the last entry is more than 45 days old."""
    entry = book.last_entry
    today = config.real_today()
    if entry is None or (today - entry.date).days <= MAX_DAYS_BEHIND:
        return []
    accounts = [p.account for p in entry.postings] if isinstance(entry, Transaction) else [entry.account]
    area = next((a for account in accounts if (a := classify(account).area)), "")
    return [
        finding_at(
            CODE,
            Severity.WARNING,
            entry.meta,
            date=entry.date,
            area=area,
            msgid=MSG_STALE,
            entry=entry,
            last=entry.date,
            days=(today - entry.date).days,
            today=today,
        )
    ]
