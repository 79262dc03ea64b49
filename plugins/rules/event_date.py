"""Rule `event-date`: a benefit is paid after its event, and not for an event too long ago.

An event dated after the payment moves the claim into a year whose cap is still unused; an event
older than `claim-within-days` at payment is a claim revived long after it could be checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.rules._common import benefit_finding, payments
from welfare_ledger.plugins.values import add_days

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "event-date"

MSG_AFTER = (
    "The {kind} benefit of {amount} to {member} was paid on {day} for an event on {event}, after "
    "the payment. Correct `event-date:` to the day of the event."
)
MSG_TOO_OLD = (
    "The {kind} benefit of {amount} to {member} was paid on {day} for an event on {event}, more "
    "than {days} days before (the bylaw's claim-within-days). Claims that old are not paid."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits whose event is after the payment, or older than the bylaw allows."""
    findings = []
    for benefit in payments(book.benefits):
        if benefit.event_date > benefit.date:
            findings.append(benefit_finding(CODE, benefit, msgid=MSG_AFTER, day=benefit.date))
            continue
        days = book.policy(benefit.area, benefit.date).claim_within_days
        if add_days(benefit.event_date, days) < benefit.date:
            findings.append(benefit_finding(CODE, benefit, msgid=MSG_TOO_OLD, day=benefit.date, days=days))
    return findings
