"""Rule `benefit-cap`: a benefit stays within its tier's caps.

The tier the member has reached at the event sets `max-per-claim`, a fixed `amount`,
`per-night` x `nights` (a claim under a per-night rule must say how many nights) and
`max-per-year`, which counts the member's benefits of the type with events in the same calendar
year, net of any paid back. Claims are taken in event order (`plugins.indexes.benefit_order`, the
order the member's page counts in), so the claim that crosses the yearly cap, and each one after
it, is named.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.i18n import Year
from welfare_ledger.plugins.rules._common import benefit_finding

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Benefit
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.registers import BenefitRule

CODE = "benefit-cap"
ZERO = Decimal(0)

MSG_PER_CLAIM = (
    "The {kind} benefit of {amount} to {member} for the event on {event} is above the "
    "{limit} allowed per claim. Pay at most {limit} and have the excess returned."
)
MSG_FIXED = (
    "The {kind} benefit of {amount} to {member} for the event on {event} is above the fixed "
    "benefit of {limit}. Pay {limit} and have the excess returned."
)
MSG_PER_NIGHT = (
    "The {kind} benefit of {amount} to {member} for the event on {event} is above {limit} "
    "({rate} x {nights} night(s)). Pay at most {limit} and have the excess returned."
)
MSG_NO_NIGHTS = (
    "The {kind} benefit of {amount} to {member} for the event on {event} falls under a rule "
    "of {rate} per night but has no `nights:`. Write the nights in hospital on the entry."
)
MSG_PER_YEAR = (
    "The {kind} benefit of {amount} to {member} for the event on {event} brings the member's "
    "{kind} benefits of {year} to {total}, above the {limit} allowed per year. Pay at most "
    "the {left} left and have the excess returned."
)


def claim_problems(benefit: Benefit, tier: BenefitRule) -> list[tuple[str, dict[str, Any]]]:
    """What one payment breaks of its tier's per-claim caps."""
    found: list[tuple[str, dict[str, Any]]] = []
    amount = benefit.amount
    if tier.max_per_claim is not None and amount > tier.max_per_claim:
        found.append((MSG_PER_CLAIM, {"limit": tier.max_per_claim}))
    if tier.amount is not None and amount > tier.amount:
        found.append((MSG_FIXED, {"limit": tier.amount}))
    if tier.per_night is not None:
        nights = benefit.nights
        if nights is None:
            found.append((MSG_NO_NIGHTS, {"rate": tier.per_night}))
        elif amount > tier.per_night * nights:
            limit = tier.per_night * nights
            found.append(
                (MSG_PER_NIGHT, {"limit": limit, "rate": tier.per_night, "nights": f"{nights.normalize():f}"})
            )
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits above the per-claim, fixed, per-night or per-year caps of the member's tier."""
    register = book.register
    findings: list[Finding] = []
    for code, benefits in sorted(book.benefit_history.by_member.items()):
        member = register.members.get(code)
        if member is None:
            continue
        totals: dict[tuple[str, int], Decimal] = {}
        for benefit in benefits:
            if benefit.type is None:
                continue
            key = (benefit.type, benefit.event_date.year)
            before = totals.get(key, ZERO)
            totals[key] = before + benefit.amount
            if benefit.amount <= 0:
                continue
            tier = register.tier_for(benefit.area, benefit.type, member, benefit.event_date)
            if tier is None:
                continue
            problems = claim_problems(benefit, tier)
            if tier.max_per_year is not None and totals[key] > tier.max_per_year:
                problems.append(
                    (
                        MSG_PER_YEAR,
                        {
                            "limit": tier.max_per_year,
                            "year": Year(benefit.event_date.year),
                            "total": totals[key],
                            "left": max(tier.max_per_year - before, ZERO),
                        },
                    )
                )
            findings.extend(
                benefit_finding(CODE, benefit, msgid=msgid, **params) for msgid, params in problems
            )
    return findings
