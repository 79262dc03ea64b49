"""A member's own statement: every contribution and benefit, paid-up status, and what they may claim.

The eligibility of each benefit type follows the rules `welfare check` applies (docs/data-model.md,
sections 4 and 6): the member is active, paid up, past the lowest tier's `waiting-days`, of the
age the rule asks (rule `eligibility`, through the same function); the tier they reached sets
`max-per-claim`, and `max-per-year` less this year's benefits of the type (by event date, net of
paybacks, as rule `benefit-cap` counts) is what is left. Reasons are msgids with parameters,
shown in Thai or English.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.facts import documents_of
from welfare_ledger.plugins.membership import dues_status
from welfare_ledger.plugins.rules.eligibility import age_verdict
from welfare_ledger.plugins.values import add_days

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.registers import BenefitRule, Member

ZERO = Decimal(0)

ELIGIBLE = "Can claim now."
INACTIVE = "Cannot claim: membership ended on {day} ({reason})."
NOT_JOINED = "Cannot claim: membership starts on {day}."
NOT_PAID_UP = "Cannot claim: not paid up ({shortfall} missing)."
WAITING = "Cannot claim yet: the waiting period of {days} days ends on {day}."
YEAR_USED = "Cannot claim: this year's limit of {limit} is used up."
AGE_UNKNOWN = "Cannot claim: the rule needs an age from {low} to {high}, and the register has no birth date."
TOO_YOUNG = "Cannot claim yet: the rule needs an age of at least {low}."
TOO_OLD = "Cannot claim: the rule needs an age of at most {high}."
AGE_REASONS = {"unknown": AGE_UNKNOWN, "young": TOO_YOUNG, "old": TOO_OLD}


@dataclasses.dataclass(frozen=True, slots=True)
class StatementLine:
    """One contribution or benefit of the member, with the paper that proves it."""

    date: datetime.date
    kind: str
    type: str
    amount: Decimal
    receipt: str
    document: str
    file: str
    line: int


@dataclasses.dataclass(frozen=True, slots=True)
class Eligibility:
    """Whether the member could claim a benefit type today, why, and up to how much."""

    type: str
    eligible: bool
    reason_msgid: str
    reason_params: dict[str, Any]
    max_claim: Decimal | None
    left_this_year: Decimal | None
    per_night: Decimal | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class MemberStatement:
    """Everything a member may see about their own account in the fund."""

    member: Member
    lines: list[StatementLine]
    contributed: Decimal
    received: Decimal
    paid_up: bool
    paid: Decimal
    due: Decimal
    eligibility: list[Eligibility]

    @property
    def shortfall(self) -> Decimal:
        """What is missing to be paid up (zero when paid up)."""
        return max(self.due - self.paid, ZERO)


def _lines(book: Book, code: str, today: datetime.date) -> list[StatementLine]:
    lines = [
        StatementLine(
            date=c.date,
            kind="contribution",
            type="",
            amount=c.amount,
            receipt=c.receipt or "",
            document="",
            file=str(c.meta.get("filename", "")),
            line=int(c.meta.get("lineno", 0) or 0),
        )
        for c in book.contributions_by_member.get(code, ())
        if c.date <= today
    ]
    lines.extend(
        StatementLine(
            date=b.date,
            kind="benefit",
            type=b.type or "",
            amount=b.amount,
            receipt="",
            document=" ".join(documents_of(b.txn.meta)),
            file=b.location[0],
            line=b.location[1],
        )
        for b in book.benefit_history.of(code)
        if b.date <= today
    )
    return sorted(lines, key=lambda line: (line.date, line.kind != "contribution", line.file, line.line))


def _reason(  # noqa: PLR0911  (one return per reason a committee turns a claim down)
    member: Member,
    today: datetime.date,
    *,
    shortfall: Decimal,
    tiers: list[BenefitRule],
    tier: BenefitRule | None,
    left: Decimal | None,
) -> tuple[str, dict[str, Any]]:
    """The first thing that stops a claim today, in the order a committee checks them."""
    if today < member.joined:
        return NOT_JOINED, {"day": member.joined}
    if not member.active_on(today):
        return INACTIVE, {"day": member.exit_date, "reason": member.exit_reason or ""}
    if shortfall > ZERO:
        return NOT_PAID_UP, {"shortfall": shortfall}
    if tier is None:
        lowest = tiers[0].waiting_days
        return WAITING, {"days": lowest, "day": add_days(member.joined, lowest)}
    verdict = age_verdict(member, tier, today)
    if verdict is not None:
        return AGE_REASONS[verdict[0]], verdict[1]
    if left is not None and left <= ZERO:
        return YEAR_USED, {"limit": tier.max_per_year}
    return ELIGIBLE, {}


def _eligibility(
    book: Book, member: Member, kind: str, today: datetime.date, shortfall: Decimal
) -> Eligibility | None:
    register = book.register
    tiers = register.benefit_tiers(member.area, kind, today)
    if not tiers:
        return None
    tier = register.tier_for(member.area, kind, member, today)
    left = None
    if tier is not None and tier.max_per_year is not None:
        used = book.benefit_history.used_in_year(member.code, kind, today.year, through=today)
        left = max(tier.max_per_year - used, ZERO)
    msgid, params = _reason(member, today, shortfall=shortfall, tiers=tiers, tier=tier, left=left)
    return Eligibility(
        type=kind,
        eligible=msgid == ELIGIBLE,
        reason_msgid=msgid,
        reason_params=params,
        max_claim=tier.max_per_claim if tier else None,
        left_this_year=left,
        per_night=tier.per_night if tier else None,
    )


def benefit_kinds(book: Book, area: str) -> list[str]:
    """The benefit types of the conventions, then any other type the area has rules for."""
    extra = sorted(
        kind
        for (rule_area, kind) in book.register.benefit_rules
        if rule_area == area and kind not in BENEFIT_TYPES
    )
    return [*BENEFIT_TYPES, *extra]


def member_statement(book: Book, code: str, today: datetime.date) -> MemberStatement:
    """The statement of member `code` as of `today`.

    Raises:
        KeyError: `code` is not in the register.

    """
    member = book.register.members[code]
    lines = _lines(book, code, today)
    status = dues_status(book, book.payments, member, today)
    eligibility = [
        found
        for kind in benefit_kinds(book, member.area)
        if (found := _eligibility(book, member, kind, today, status.shortfall)) is not None
    ]
    return MemberStatement(
        member=member,
        lines=lines,
        contributed=sum((ln.amount for ln in lines if ln.kind == "contribution"), ZERO),
        received=sum((ln.amount for ln in lines if ln.kind == "benefit"), ZERO),
        paid_up=status.paid_up,
        paid=status.paid,
        due=status.due,
        eligibility=eligibility,
    )
