"""Rule `no-benefit-rule`: a benefit is paid only under a benefit rule in force at its event.

Without a rule the members adopted there is no waiting period, cap or amount to check the
payment against: a benefit type invented on the day is how a fund is emptied.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.rules._common import benefit_finding, payments

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "no-benefit-rule"
MSG_NO_RULE = (
    "The {kind} benefit of {amount} to {member} is for an event on {event}, when {fund} had no "
    "{kind} benefit rule in force. Declare the rule the committee applied (`benefit-rule` "
    "dated on or before the event), or reverse the payment."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits of a type with no benefit rule in force for the area at the event date."""
    register = book.register
    return [
        benefit_finding(
            CODE, benefit, msgid=MSG_NO_RULE, fund=benefit.area, fund_th=register.area_name(benefit.area)
        )
        for benefit in payments(book.benefits)
        if benefit.type is not None
        and not register.benefit_tiers(benefit.area, benefit.type, benefit.event_date)
    ]
