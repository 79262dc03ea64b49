"""Rule `underpaid`: a fixed benefit is paid in full.

When a rule fixes the benefit (`amount: 3000 THB`), paying 1,000 and pocketing the rest is
theft from the family. Payments are summed per approved claim (`claim:`), else per payment.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Severity
from welfare_ledger.plugins.rules._common import benefit_finding, payments

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Benefit
    from welfare_ledger.plugins.findings import Finding

CODE = "underpaid"

MSG_UNDERPAID = (
    "The {kind} benefit to {member} for the event on {event} was paid {paid} in all, below the fixed "
    "benefit of {due}. Pay the {short} still due and record it with the same claim."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Fixed benefits paid below their amount."""
    register = book.register
    groups: dict[object, list[Benefit]] = defaultdict(list)
    for benefit in payments(book.benefits):
        key = (benefit.member, benefit.type, benefit.claim) if benefit.claim else id(benefit)
        groups[key].append(benefit)
    findings = []
    for group in groups.values():
        first = group[0]
        member = register.members.get(first.member)
        if member is None or first.type is None:
            continue
        tier = register.tier_for(first.area, first.type, member, first.event_date)
        if tier is None or tier.amount is None:
            continue
        paid = sum((b.amount for b in group), Decimal(0))
        if paid >= tier.amount:
            continue
        findings.append(
            benefit_finding(
                CODE,
                group[-1],
                msgid=MSG_UNDERPAID,
                severity=Severity.WARNING,
                paid=paid,
                due=tier.amount,
                short=tier.amount - paid,
            )
        )
    return findings
