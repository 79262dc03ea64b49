"""Rule `unpaid-claim`: an approved claim is paid within the bylaw's `pay-within-days`.

A claim approved and left unpaid is a member denied help, or money marked as paid elsewhere.
Reported on the claim's line, once the book has entries past the deadline.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding
from welfare_ledger.plugins.values import add_days

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "unpaid-claim"

MSG_UNPAID = (
    "Claim {claim} of {member} ({kind}) was approved on {day} and was to be paid by {due}, but no "
    "payment names it by then. Pay the member and write `claim:` with {claim} on the payment."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Approved claims with no payment naming them within the deadline."""
    last = book.last_date
    if last is None:
        return []
    paid: dict[str, list[datetime.date]] = defaultdict(list)
    for benefit in book.benefits:
        if benefit.claim and benefit.amount > 0:
            paid[benefit.claim].append(benefit.date)
    findings = []
    for claim in sorted(book.register.claims.values(), key=lambda c: (c.date, c.code)):
        member = book.register.members[claim.member]
        due = add_days(claim.date, book.policy(member.area, claim.date).pay_within_days)
        if last <= due or any(day <= due for day in paid.get(claim.code, ())):
            continue
        findings.append(
            entry_finding(
                CODE,
                Severity.WARNING,
                claim.entry,
                area=member.area,
                msgid=MSG_UNPAID,
                claim=claim.code,
                member=claim.member,
                kind=claim.type,
                kind_th=BENEFIT_TYPES.get(claim.type, claim.type),
                day=claim.date,
                due=due,
            )
        )
    return findings
