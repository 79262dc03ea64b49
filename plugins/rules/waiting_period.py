"""Rule `waiting-period`: a benefit's event comes after the member served the rule's waiting days.

Waiting days stop people joining the day before a known expense (a birth due next month) and
claiming at once. The lowest tier of the type's rule in force at the event sets the wait.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from welfare_ledger.plugins.book import benefit_finding

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
    for outflow in book.outflows:
        kind = outflow.benefit_type
        member = register.members.get(outflow.member or "")
        if kind is None or member is None:
            continue
        event = outflow.event_date
        tiers = register.benefit_tiers(outflow.area, kind, event)
        if not tiers:
            continue
        waiting = tiers[0].waiting_days
        served = (event - member.joined).days
        if served >= waiting:
            continue
        findings.append(
            benefit_finding(
                CODE,
                outflow,
                kind,
                member.code,
                event,
                msgid=MSG_WAITING,
                served=max(served, 0),
                joined=member.joined,
                waiting=waiting,
                eligible=member.joined + datetime.timedelta(days=waiting),
            )
        )
    return findings
