"""Rule `waiting-period`: a benefit's event comes after the member served the lowest tier's waiting days.

New members may not join the day before a claim: each benefit type's rule says how many days
of membership its event needs (`waiting-days`; with tiers, the lowest of the scheme in force).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.rules._common import benefit_finding, payments
from welfare_ledger.plugins.values import add_days

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "waiting-period"
MSG_WAITING = (
    "The {kind} benefit of {amount} to {member} is for an event on {event}, {served} day(s) "
    "after joining on {joined}; the rule needs {waiting} day(s) of membership (reached on "
    "{eligible}). Reverse the payment: the member was not yet entitled."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits whose event comes before the member reached the lowest tier's waiting days."""
    register = book.register
    findings = []
    for benefit in payments(book.benefits):
        member = register.members.get(benefit.member)
        if member is None or benefit.type is None:
            continue
        event = benefit.event_date
        tiers = register.benefit_tiers(benefit.area, benefit.type, event)
        if not tiers:
            continue
        waiting = tiers[0].waiting_days
        eligible = add_days(member.joined, waiting)
        if eligible <= event:
            continue
        findings.append(
            benefit_finding(
                CODE,
                benefit,
                msgid=MSG_WAITING,
                served=max((event - member.joined).days, 0),
                joined=member.joined,
                waiting=waiting,
                eligible=eligible,
            )
        )
    return findings
