"""An area's bylaw and benefit rules: what it pays for, after how long, how much, and from what age.

Every benefit type has tiers (Death grows with the years of membership) as funds in Samut
Prakan write them; Birth, Death, Education, Disability and Disaster pay a fixed `amount`, Sickness
pays per night in hospital, and the elderly allowance (บำนาญชุมชน) is paid every month from 60
to members of ten years. The bylaw follows CODI's fiscal year (October to September). Every
bylaw and rule was adopted at a members' meeting whose minutes the generator writes; the
annual meeting of the middle year raises the sickness caps and the entry fee. The generator
never pays a claim these rules would not allow.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import Voucher, be_year, working_day_before

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.places import Place

FISCAL_YEAR_START = 10
ELDERLY_AGE = 60
ELDERLY_MEMBERSHIP_DAYS = 3650


@dataclasses.dataclass(frozen=True, slots=True)
class Tier:
    """One tier of a benefit rule."""

    waiting_days: int
    max_per_claim: Decimal
    max_per_year: Decimal
    per_night: Decimal | None = None
    amount: Decimal | None = None
    min_age: int | None = None
    every_month: bool = False


@dataclasses.dataclass(frozen=True, slots=True)
class Bylaw:
    """One version of an area's bylaw, in force from `since`, adopted at the meeting of `meeting`."""

    since: datetime.date
    meeting: datetime.date
    cash_limit: Decimal
    admin_cap: int
    entry_fee: Decimal
    large_amount: Decimal = Decimal(10000)
    pay_within_days: int = 30
    claim_within_days: int = 90
    cash_count_months: int = 3

    def written(self) -> list[tuple[str, str]]:
        """The bylaw's keys as written, every one restated (a newer bylaw replaces the older)."""
        return [
            ("approvals-required", "2"),
            ("large-amount", f"{self.large_amount} THB"),
            ("approvals-large", "3"),
            ("cash-limit", f"{self.cash_limit} THB"),
            ("admin-cap", str(self.admin_cap)),
            ("dues-per-month", "30 THB"),
            ("grace-months", "3"),
            ("fiscal-year-start", str(FISCAL_YEAR_START)),
            ("pay-within-days", str(self.pay_within_days)),
            ("claim-within-days", str(self.claim_within_days)),
            ("cash-count-months", str(self.cash_count_months)),
            ("entry-fee", f"{self.entry_fee} THB"),
        ]


@dataclasses.dataclass(frozen=True, slots=True)
class Scheme:
    """The tiers of one benefit type adopted together, in force from `since`."""

    since: datetime.date
    meeting: datetime.date
    tiers: tuple[Tier, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Policy:
    """The bylaw versions and the benefit schemes of an area, in date order."""

    bylaws: tuple[Bylaw, ...]
    schemes: dict[str, tuple[Scheme, ...]]

    @property
    def since(self) -> datetime.date:
        """When the first bylaw took effect."""
        return self.bylaws[0].since

    @property
    def large_amount(self) -> Decimal:
        """From this amount up an outflow needs three approvers (the same in every version)."""
        return min(b.large_amount for b in self.bylaws)

    @property
    def cash_limit(self) -> Decimal:
        """The lowest cash limit any version sets: the box stays under it all along."""
        return min(b.cash_limit for b in self.bylaws)

    def bylaw(self, day: datetime.date) -> Bylaw:
        """The version in force on `day`."""
        return [b for b in self.bylaws if b.since <= day][-1] if day >= self.since else self.bylaws[0]

    def tiers(self, kind: str, event: datetime.date) -> tuple[Tier, ...]:
        """The tiers of `kind` in force at `event` (empty before the first scheme)."""
        schemes = [s for s in self.schemes.get(kind, ()) if s.since <= event]
        return schemes[-1].tiers if schemes else ()

    def tier(self, kind: str, days: int, event: datetime.date) -> Tier | None:
        """The tier in force at `event` reached after `days` of membership (None before the lowest)."""
        reached = [t for t in self.tiers(kind, event) if t.waiting_days <= days]
        return reached[-1] if reached else None


def _d(value: int) -> Decimal:
    return Decimal(value)


def _fixed(days: int, amount: int) -> Tier:
    return Tier(days, _d(amount), _d(amount), amount=_d(amount))


def make_policy(rng: random.Random, since: datetime.date, revised_on: datetime.date | None) -> Policy:
    """An area's bylaw and benefit rules, varying a little from area to area.

    The founding meeting adopted them in December before `since`. When `revised_on` is given,
    the annual meeting of that March raises the sickness caps and the entry fee from that day
    (a newer rule replaces all tiers of its type, and a newer bylaw every key, so both are
    written out in full again).
    """
    night = _d(200)
    allowance = rng.choice((100, 100, 150, 200))
    death_top = rng.choice((8000, 10000))
    founding = working_day_before(datetime.date(since.year - 1, 12, rng.randint(10, 20)))
    sick_year = _d(rng.choice((2000, 3000)))
    schemes = {
        "Birth": (_fixed(180, 500), _fixed(365, 1000)),
        "Sickness": (
            Tier(180, _d(600), _d(1200), night),
            Tier(365, _d(1000), sick_year, night),
        ),
        "Elderly": (
            Tier(
                ELDERLY_MEMBERSHIP_DAYS,
                _d(allowance),
                _d(allowance * 12),
                amount=_d(allowance),
                min_age=ELDERLY_AGE,
                every_month=True,
            ),
        ),
        "Death": (_fixed(180, 3000), _fixed(1095, 5000), _fixed(1825, 7000), _fixed(3650, death_top)),
        "Education": (_fixed(180, 500), _fixed(365, 1000)),
        "Disaster": (_fixed(180, 2000),),
        "Disability": (_fixed(180, 500), _fixed(365, 1000)),
    }
    first = Bylaw(
        since=since,
        meeting=founding,
        cash_limit=_d(rng.choice((15000, 20000, 20000, 30000))),
        admin_cap=rng.choice((15, 20, 20)),
        entry_fee=_d(20),
    )
    policy = Policy(
        bylaws=(first,),
        schemes={kind: (Scheme(since, founding, tiers),) for kind, tiers in schemes.items()},
    )
    if revised_on is None:
        return policy
    meeting = working_day_before(datetime.date(revised_on.year, 3, rng.randint(10, 25)))
    raised = Scheme(
        revised_on,
        meeting,
        (Tier(180, _d(800), _d(1600), night), Tier(365, _d(1200), sick_year + 1000, night)),
    )
    second = dataclasses.replace(first, since=revised_on, meeting=meeting, entry_fee=_d(50))
    return Policy(
        bylaws=(first, second),
        schemes={**policy.schemes, "Sickness": (*policy.schemes["Sickness"], raised)},
    )


def minutes_folder(place: Place) -> str:
    """Where an area's meeting minutes are kept, under `documents/`."""
    return f"meetings/{place.slug}"


def minutes_name(place: Place, meeting: datetime.date) -> str:
    """The file name of a meeting's minutes."""
    return f"{meeting.isoformat()}.minutes-{place.prefix}.pdf"


def minutes(place: Place, policy: Policy) -> list[Voucher]:
    """The minutes of every meeting that adopted a bylaw or a benefit rule."""
    adopted: dict[datetime.date, list[str]] = {}
    for bylaw in policy.bylaws:
        adopted.setdefault(bylaw.meeting, []).append(f"Bylaw in force from {bylaw.since}")
    for kind, schemes in sorted(policy.schemes.items()):
        for scheme in schemes:
            adopted.setdefault(scheme.meeting, []).append(f"{kind} benefit rule from {scheme.since}")
    return [
        Voucher(
            minutes_folder(place),
            minutes_name(place, meeting),
            (
                f"Minutes of the members' meeting of {place.code}",
                f"Held on {meeting} (BE {be_year(meeting.year)})",
                *(f"Adopted: {item}" for item in items),
            ),
        )
        for meeting, items in sorted(adopted.items())
    ]


def render_policy(place: Place, policy: Policy) -> list[tuple[datetime.date, str]]:
    """The bylaw and benefit-rule directives of an area, by the day they take effect."""
    area = place.code
    blocks: dict[datetime.date, list[str]] = {}
    for bylaw in policy.bylaws:
        lines = [f'{bylaw.since} custom "bylaw" "{area}"', *_meeting(place, bylaw.meeting)]
        lines += [f"  {key}: {value}" for key, value in bylaw.written()]
        blocks.setdefault(bylaw.since, []).extend([*lines, ""])
    for kind, schemes in policy.schemes.items():
        for scheme in schemes:
            blocks.setdefault(scheme.since, []).extend(_rules(place, kind, scheme))
    return [(day, "\n".join(lines)) for day, lines in sorted(blocks.items())]


def _meeting(place: Place, meeting: datetime.date) -> list[str]:
    path = f"../../documents/{minutes_folder(place)}/{minutes_name(place, meeting)}"
    return [f'  meeting: "{path}"']


def _rules(place: Place, kind: str, scheme: Scheme) -> list[str]:
    lines = []
    for tier in scheme.tiers:
        lines.append(f'{scheme.since} custom "benefit-rule" "{place.code}" "{kind}"')
        lines += _meeting(place, scheme.meeting)
        lines.append(f"  waiting-days: {tier.waiting_days}")
        lines.append(f"  max-per-claim: {tier.max_per_claim} THB")
        lines.append(f"  max-per-year: {tier.max_per_year} THB")
        if tier.per_night is not None:
            lines.append(f"  per-night: {tier.per_night} THB")
        if tier.amount is not None:
            lines.append(f"  amount: {tier.amount} THB")
        if tier.min_age is not None:
            lines.append(f"  min-age: {tier.min_age}")
        if tier.every_month:
            lines.append('  every: "month"')
        lines.append("")
    return lines
