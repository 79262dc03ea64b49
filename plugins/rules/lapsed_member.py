"""Rule `lapsed-member`: a benefit goes only to a member who was paid up at the event date.

Paid up means contributions dated up to the event reach `dues-per-month` x (whole months of
membership - `grace-months`) under the bylaw in force that day (`plugins.membership`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.book import benefit_finding
from welfare_ledger.plugins.membership import dues_status, payment_history

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "lapsed-member"

MSG_LAPSED = (
    "The {kind} benefit of {amount} to {member} is for an event on {event}, when the member "
    "had paid {paid} of the {due} due ({shortfall} short). Record contributions that were "
    "paid before the event but are missing from the books, or reverse the benefit."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits to members whose contributions did not cover their dues at the event date."""
    members = book.register.members
    history = payment_history(book)
    findings = []
    for outflow in book.outflows:
        kind = outflow.benefit_type
        member = members.get(outflow.member or "")
        if kind is None or member is None:
            continue
        status = dues_status(book, history, member, outflow.event_date)
        if status.paid_up:
            continue
        findings.append(
            benefit_finding(
                CODE,
                outflow,
                kind,
                member.code,
                outflow.event_date,
                msgid=MSG_LAPSED,
                paid=status.paid,
                due=status.due,
                shortfall=status.shortfall,
            )
        )
    return findings
