"""What rule `stale-books` reads of a book, small enough to keep with a cached answer.

Rule `stale-books` is the only rule that reads today's date, so it is the only part of an
answer that can change while the books do not. It picks the book's last transaction or
balance dated up to today; for any today, that is the last transaction or the last balance of
one day. `StaleTail` keeps exactly those (with their dates, places and accounts) and runs the
rule itself on them, so the rule's own code decides, not a copy of it.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, cast

from beancount.core.data import Balance, Posting, Transaction
from welfare_ledger.plugins.audit import failure_finding
from welfare_ledger.plugins.findings import Severity
from welfare_ledger.plugins.rules import stale_books

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = stale_books.CODE
TODAY_RULES = frozenset({CODE})
"""The rules whose findings depend on today's date (a test keeps this list honest)."""


def _place(meta: dict[str, object] | None) -> dict[str, object]:
    meta = meta or {}
    return {"filename": meta.get("filename", ""), "lineno": meta.get("lineno", 0)}


def _stub(entry: Transaction | Balance) -> Transaction | Balance:
    """The entry with only what the rule reads: date, place, accounts in order."""
    if isinstance(entry, Balance):
        return entry._replace(meta=_place(entry.meta))
    accounts = dict.fromkeys(posting.account for posting in entry.postings)
    postings = [Posting(account, None, None, None, None, None) for account in accounts]
    return entry._replace(meta=_place(entry.meta), postings=postings)


def _last_of_each_day(entries: Sequence[Transaction | Balance]) -> list[Transaction | Balance]:
    last: dict[datetime.date, int] = {}
    for index, entry in enumerate(entries):
        last[entry.date] = index
    return [_stub(entries[index]) for index in sorted(last.values())]


@dataclasses.dataclass
class StaleTail:
    """The entries `stale-books` can pick, for any today, in book order.

    The rule reads only these three attributes of the book, so it runs on this object as is.
    """

    transactions: list[Transaction | Balance]
    balances: list[Transaction | Balance]
    last_entry: Transaction | Balance | None

    @classmethod
    def of(cls, book: Book) -> StaleTail:
        """The tail of a book's facts."""
        last = _stub(book.last_entry) if book.last_entry is not None else None
        return cls(_last_of_each_day(book.transactions), _last_of_each_day(book.balances), last)

    def findings(self, config: AuditConfig) -> list[Finding]:
        """The rule's findings as it would give them on the whole book today (strict as the audit is)."""
        try:
            found = stale_books.check(cast("Book", self), config)
        except Exception as exc:
            return [failure_finding(CODE, exc)]
        if config.strict:
            found = [dataclasses.replace(f, severity=Severity.ERROR) for f in found]
        return found
