"""Rule `benefit-cap`: a benefit stays within its tier's caps.

The tier the member has reached at the event sets `max-per-claim`, `per-night` x `nights`
(a claim under a per-night rule must say how many nights) and `max-per-year`, which counts
the member's benefits of the type with events in the same calendar year. Claims are taken
in event order, so the claim that crosses the yearly cap, and each one after it, is named.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.book import benefit_finding
from welfare_ledger.plugins.i18n import be_year

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book, Outflow
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.registers import BenefitRule

CODE = "benefit-cap"
ZERO = Decimal(0)

MSG_PER_CLAIM = (
    "The {kind} benefit of {amount} to {member} for the event on {event} is above the "
    "{limit} allowed per claim. Pay at most {limit} and have the excess returned."
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


def _claim_problems(outflow: Outflow, tier: BenefitRule) -> list[tuple[str, dict[str, Any]]]:
    found: list[tuple[str, dict[str, Any]]] = []
    if tier.max_per_claim is not None and outflow.amount > tier.max_per_claim:
        found.append((MSG_PER_CLAIM, {"limit": tier.max_per_claim}))
    if tier.per_night is not None:
        nights = outflow.nights
        if nights is None:
            found.append((MSG_NO_NIGHTS, {"rate": tier.per_night}))
        elif outflow.amount > tier.per_night * nights:
            limit = tier.per_night * nights
            count = f"{nights.normalize():f}"
            found.append((MSG_PER_NIGHT, {"limit": limit, "rate": tier.per_night, "nights": count}))
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits above the per-claim, per-night or per-year caps of the member's tier."""
    register = book.register
    claims = sorted(
        (o for o in book.outflows if o.benefit_type and o.member in register.members),
        key=lambda o: (o.event_date, o.date, str(o.meta.get("filename")), o.meta.get("lineno", 0)),
    )
    totals: dict[tuple[str, str, str, int], Decimal] = defaultdict(lambda: ZERO)
    findings: list[Finding] = []
    for outflow in claims:
        kind = str(outflow.benefit_type)
        member = register.members[str(outflow.member)]
        event = outflow.event_date
        key = (outflow.area, member.code, kind, event.year)
        before = totals[key]
        totals[key] = before + outflow.amount
        tier = register.tier_for(outflow.area, kind, member, event)
        if tier is None:
            continue
        problems = _claim_problems(outflow, tier)
        if tier.max_per_year is not None and totals[key] > tier.max_per_year:
            problems.append(
                (
                    MSG_PER_YEAR,
                    {
                        "limit": tier.max_per_year,
                        "year": event.year,
                        "year_be": be_year(event.year),
                        "total": totals[key],
                        "left": max(tier.max_per_year - before, ZERO),
                    },
                )
            )
        findings.extend(
            benefit_finding(
                CODE,
                outflow,
                kind,
                member.code,
                event,
                msgid=msgid,
                **params,
            )
            for msgid, params in problems
        )
    return findings
