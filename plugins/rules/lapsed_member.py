"""Rule `lapsed-member`: a benefit goes only to a member who was paid up at the event.

Paid up means contributions dated up to the event reach `dues-per-month` x (whole months of
membership - `grace-months`) under the policy in force that day (`plugins.membership`). A ghost
member who never paid, or a member who stopped paying, is not owed the fund's help.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.membership import dues_status
from welfare_ledger.plugins.rules._common import benefit_finding, payments

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
    findings = []
    for benefit in payments(book.benefits):
        member = members.get(benefit.member)
        if member is None:
            continue
        status = dues_status(book, book.payments, member, benefit.event_date)
        if status.paid_up:
            continue
        findings.append(
            benefit_finding(
                CODE, benefit, msgid=MSG_LAPSED, paid=status.paid, due=status.due, shortfall=status.shortfall
            )
        )
    return findings
