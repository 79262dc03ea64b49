"""An area's bylaw and benefit rules: what it pays for, after how long, and how much at most.

Every benefit type the demo pays has tiers (180 and 365 waiting days; Death grows with the
years of membership), as funds in Samut Prakan write them. The generator never pays a claim
that these caps would not allow.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random


@dataclasses.dataclass(frozen=True, slots=True)
class Tier:
    """One tier of a benefit rule."""

    waiting_days: int
    max_per_claim: Decimal
    max_per_year: Decimal
    per_night: Decimal | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Policy:
    """The bylaw and the benefit rules of an area."""

    since: datetime.date
    cash_limit: Decimal
    admin_cap: int
    large_amount: Decimal
    tiers: dict[str, tuple[Tier, ...]]
    revised_on: datetime.date | None = None
    revised: dict[str, tuple[Tier, ...]] = dataclasses.field(default_factory=dict)

    def tier(self, kind: str, days: int, event: datetime.date) -> Tier | None:
        """The tier in force at `event` reached after `days` of membership (None before the lowest)."""
        tiers = self.tiers[kind]
        if self.revised_on is not None and event >= self.revised_on and kind in self.revised:
            tiers = self.revised[kind]
        reached = [t for t in tiers if t.waiting_days <= days]
        return reached[-1] if reached else None


def _d(value: int) -> Decimal:
    return Decimal(value)


def make_policy(rng: random.Random, since: datetime.date, revised_on: datetime.date | None) -> Policy:
    """An area's bylaw and benefit rules, varying a little from area to area.

    When `revised_on` is given, the members' meeting raises the sickness caps from that day
    (a newer rule replaces all tiers of its type, so every tier is declared again).
    """
    night = _d(200)
    elderly = _d(rng.choice((500, 600, 800, 1000)))
    death_top = _d(rng.choice((8000, 10000)))
    tiers = {
        "Birth": (Tier(180, _d(500), _d(500)), Tier(365, _d(1000), _d(1000))),
        "Sickness": (
            Tier(180, _d(600), _d(1200), night),
            Tier(365, _d(1000), _d(rng.choice((2000, 3000))), night),
        ),
        "Elderly": (Tier(365, elderly, elderly),),
        "Death": (
            Tier(180, _d(3000), _d(3000)),
            Tier(1095, _d(5000), _d(5000)),
            Tier(1825, _d(7000), _d(7000)),
            Tier(3650, death_top, death_top),
        ),
        "Education": (Tier(180, _d(500), _d(500)), Tier(365, _d(1000), _d(1000))),
        "Disaster": (Tier(180, _d(2000), _d(3000)),),
        "Disability": (Tier(180, _d(500), _d(500)), Tier(365, _d(1000), _d(1000))),
    }
    sick_year = tiers["Sickness"][1].max_per_year
    revised: dict[str, tuple[Tier, ...]] = {
        "Sickness": (
            Tier(180, _d(800), _d(1600), night),
            Tier(365, _d(1200), sick_year + 1000, night),
        )
    }
    return Policy(
        revised_on=revised_on,
        revised=revised if revised_on else {},
        since=since,
        cash_limit=_d(rng.choice((15000, 20000, 20000, 30000))),
        admin_cap=rng.choice((15, 20, 20)),
        large_amount=_d(10000),
        tiers=tiers,
    )


def render_policy(area: str, policy: Policy) -> list[tuple[datetime.date, str]]:
    """The bylaw and benefit-rule directives of an area, by the day they take effect."""
    blocks = [(policy.since, "\n".join(_bylaw(area, policy) + _rules(area, policy.since, policy.tiers)))]
    if policy.revised_on is not None:
        blocks.append((policy.revised_on, "\n".join(_rules(area, policy.revised_on, policy.revised))))
    return blocks


def _bylaw(area: str, policy: Policy) -> list[str]:
    day = policy.since.isoformat()
    return [
        f'{day} custom "bylaw" "{area}"',
        "  approvals-required: 2",
        f"  large-amount: {policy.large_amount} THB",
        "  approvals-large: 3",
        f"  cash-limit: {policy.cash_limit} THB",
        f"  admin-cap: {policy.admin_cap}",
        "  dues-per-month: 30 THB",
        "  grace-months: 3",
        "",
    ]


def _rules(area: str, day: datetime.date, rules: dict[str, tuple[Tier, ...]]) -> list[str]:
    lines = []
    for kind, tiers in rules.items():
        for tier in tiers:
            lines.append(f'{day} custom "benefit-rule" "{area}" "{kind}"')
            lines.append(f"  waiting-days: {tier.waiting_days}")
            lines.append(f"  max-per-claim: {tier.max_per_claim} THB")
            lines.append(f"  max-per-year: {tier.max_per_year} THB")
            if tier.per_night is not None:
                lines.append(f"  per-night: {tier.per_night} THB")
            lines.append("")
    return lines
