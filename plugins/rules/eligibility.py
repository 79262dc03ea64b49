"""Rule `eligibility`: an age-limited benefit goes to a member whose age at the event is known and fits.

Benefit rules may set `min-age` / `max-age` (an elderly allowance from 60, a child's education
grant up to 18). The member's `born` must show it: with only a birth year the age is known to
within a year, and a claim that the year cannot settle is not proven.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.rules._common import benefit_finding, payments

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.registers import BenefitRule, Member

CODE = "eligibility"

MSG_NO_BIRTH = (
    "The {kind} benefit of {amount} to {member} for the event on {event} needs an age from {low} "
    "to {high}, but the member register has no `born` for {member}. Record the birth date from the "
    "member's papers."
)
MSG_TOO_YOUNG = (
    "The {kind} benefit of {amount} to {member} for the event on {event} needs an age of at least "
    "{low}; the member's `born` shows at most {age}. Reverse the payment, or correct `born`."
)
MSG_TOO_OLD = (
    "The {kind} benefit of {amount} to {member} for the event on {event} needs an age of at most "
    "{high}; the member's `born` shows at least {age}. Reverse the payment, or correct `born`."
)


def age_verdict(member: Member, tier: BenefitRule, day: datetime.date) -> tuple[str, dict[str, Any]] | None:
    """Why `member`'s age on `day` does not fit `tier`'s limits (`unknown`, `young`, `old`), or None.

    The member's page asks this too, so it never tells a member they can claim what the rule flags.
    """
    if tier.min_age is None and tier.max_age is None:
        return None
    low = tier.min_age if tier.min_age is not None else "-"
    high = tier.max_age if tier.max_age is not None else "-"
    if member.born is None:
        return "unknown", {"low": low, "high": high}
    youngest, oldest = member.born.age_range(day)
    if tier.min_age is not None and youngest < tier.min_age:
        return "young", {"low": low, "age": youngest}
    if tier.max_age is not None and oldest > tier.max_age:
        return "old", {"high": high, "age": oldest}
    return None


MESSAGES = {"unknown": MSG_NO_BIRTH, "young": MSG_TOO_YOUNG, "old": MSG_TOO_OLD}


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Benefits under an age limit to members too young, too old, or of unknown age."""
    register = book.register
    findings = []
    for benefit in payments(book.benefits):
        member = register.members.get(benefit.member)
        if member is None or benefit.type is None:
            continue
        tiers = register.benefit_tiers(benefit.area, benefit.type, benefit.event_date)
        tier = register.tier_for(benefit.area, benefit.type, member, benefit.event_date) or (
            tiers[0] if tiers else None
        )
        if tier is None:
            continue
        verdict = age_verdict(member, tier, benefit.event_date)
        if verdict is not None:
            kind, params = verdict
            findings.append(benefit_finding(CODE, benefit, msgid=MESSAGES[kind], **params))
    return findings
