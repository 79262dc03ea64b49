"""Rule `no-benefit-rule`: a benefit is paid only under a benefit rule in force for its area and type.

Without a declared rule nobody can tell whether the amount was due, so the payment is an
error until the committee declares the rule that it applies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.book import outflow_finding
from welfare_ledger.plugins.findings import Finding, Severity

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "no-benefit-rule"

MSG_NO_RULE = (
    "The {kind} benefit of {amount} to {payee} is for an event on {event}, when {fund} had no "
    "{kind} benefit rule in force. Declare the rule the committee applied (`benefit-rule` "
    "dated on or before the event), or reverse the payment."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits of a type with no benefit rule in force for the area at the event date."""
    register = book.register
    return [
        outflow_finding(
            CODE,
            Severity.ERROR,
            outflow,
            msgid=MSG_NO_RULE,
            kind=kind,
            kind_th=BENEFIT_TYPES.get(kind, kind),
            amount=outflow.amount,
            payee=outflow.payee_key or "-",
            event=outflow.event_date,
            fund=outflow.area,
            fund_th=register.area_name(outflow.area),
        )
        for outflow in book.outflows
        if (kind := outflow.benefit_type) is not None
        and not register.benefit_tiers(outflow.area, kind, outflow.event_date)
    ]
