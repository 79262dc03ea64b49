"""Rule `grant-overspend`: spending on a grant may not exceed what was received for it.

Spending beyond the grant is paid with members' money, which was never meant for the project.
Per declared grant, everything spent on `Expenses:A:Projects` is compared with everything
received on `Income:A:Grants` under the same code; reported once, at the posting that went over.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import GrantPosting

CODE = "grant-overspend"
MSGID = (
    "Spending on grant {grant} totals {spent}, above the {received} received for it (declared "
    "{declared}); it went over on {day}. Find the missing grant money or move the excess off the "
    "grant."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One error per grant whose spending exceeds what was received."""
    received: dict[str, Decimal] = defaultdict(Decimal)
    spending: dict[str, list[GrantPosting]] = defaultdict(list)
    for posting in book.grant_postings:
        if posting.code is None or posting.code not in book.register.grants:
            continue
        if posting.received:
            received[posting.code] += posting.amount
        else:
            spending[posting.code].append(posting)
    findings = []
    for code, postings in sorted(spending.items()):
        got = received.get(code, Decimal(0))
        spent = Decimal(0)
        for posting in postings:
            spent += posting.amount
            if spent > got:
                break
        else:
            continue
        total = sum((p.amount for p in postings), Decimal(0))
        grant = book.register.grants[code]
        findings.append(
            finding_at(
                CODE,
                Severity.ERROR,
                posting.meta,
                date=posting.date,
                area=grant.area,
                msgid=MSGID,
                entry=posting.txn,
                grant=code,
                spent=total,
                day=posting.date,
                received=got,
                declared=grant.amount,
            )
        )
    return findings
