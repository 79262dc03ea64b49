"""Rule `grant-period`: a grant is spent from its declaration date to its `ends` date, both included.

Spending before the grant was declared or after its project ended is spending the funder did
not pay for; it often hides money moved to another purpose. Each project expense posting of a
declared grant is compared with the grant's period.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "grant-period"
BEFORE = (
    "Spending of {amount} on grant {grant} on {day} comes before the grant was declared on "
    "{start}. Move it to the members' own expenses or correct the date."
)
AFTER = (
    "Spending of {amount} on grant {grant} on {day} comes after the grant ended on {end}. Move it "
    "to the members' own expenses, or record the funder's extension in the grant's `ends`."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One error per project expense outside its grant's period."""
    findings = []
    for posting in book.grant_postings:
        if posting.received or posting.amount <= 0 or posting.code is None:
            continue
        grant = book.register.grants.get(posting.code)
        if grant is None:
            continue
        day = posting.date
        if day < grant.date:
            msgid, params = BEFORE, {"start": grant.date}
        elif grant.ends is not None and day > grant.ends:
            msgid, params = AFTER, {"end": grant.ends}
        else:
            continue
        findings.append(
            finding_at(
                CODE,
                Severity.ERROR,
                posting.meta,
                date=day,
                area=posting.area,
                msgid=msgid,
                entry=posting.txn,
                amount=posting.amount,
                grant=posting.code,
                day=day,
                **params,
            )
        )
    return findings
