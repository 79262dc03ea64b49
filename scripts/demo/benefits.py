"""Benefits of every type at realistic rates, paid only where the area's rules allow them.

Claims are drawn at rates seen in community welfare funds (about one member in eight spends
nights in hospital each year, a death benefit for each member who dies...), then checked in
pay-date order the way a careful committee would: the member is active and paid up, has waited
long enough, and the claim fits the tier's caps for that year.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import be_year, working_day

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.control import Controls
    from welfare_ledger.scripts.demo.model import AreaBook, MetaValue, Settings, Txn
    from welfare_ledger.scripts.demo.people import Roster
    from welfare_ledger.scripts.demo.policy import Policy

NIGHT_CHOICES = (1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7)


@dataclasses.dataclass(frozen=True, slots=True)
class Claim:
    """A claim as it reaches the committee."""

    pay: datetime.date
    event: datetime.date
    kind: str
    code: str
    wanted: Decimal
    narration: str
    nights: int | None = None


def _days(rng: random.Random, low: int, high: int) -> datetime.timedelta:
    return datetime.timedelta(days=rng.randint(low, high))


def _random_in_year(rng: random.Random, year: int) -> datetime.date:
    return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(0, 364))


def draw_claims(rng: random.Random, settings: Settings, roster: Roster, policy: Policy) -> list[Claim]:
    """Claims of every type over the period, before the committee checks them."""
    claims: list[Claim] = []
    codes = sorted(roster.people)
    flood_year = rng.randint(settings.start_year, settings.start_year + settings.years - 1)
    for year in range(settings.start_year, settings.start_year + settings.years):
        be = be_year(year)
        collection = {m: roster.collection_on(year, m) for m in range(1, 13)}
        for code in rng.sample(codes, max(1, round(len(codes) * rng.uniform(0.10, 0.14)))):
            nights = rng.choice(NIGHT_CHOICES)
            event = _random_in_year(rng, year)
            wanted = Decimal(200 * nights)
            pay = event + datetime.timedelta(days=nights) + _days(rng, 3, 20)
            text = f"สวัสดิการเจ็บป่วย นอนโรงพยาบาล {nights} คืน"
            claims.append(Claim(pay, event, "Sickness", code, wanted, text, nights))
        for code in rng.sample(codes, max(1, round(len(codes) * rng.uniform(0.008, 0.015)))):
            event = _random_in_year(rng, year)
            claims.append(
                Claim(event + _days(rng, 7, 30), event, "Birth", code, Decimal(1000), "สวัสดิการคลอดบุตร")
            )
        for code in rng.sample(codes, max(1, round(len(codes) * rng.uniform(0.04, 0.06)))):
            claims.append(
                Claim(
                    collection[5],
                    collection[5],
                    "Education",
                    code,
                    Decimal(1000),
                    f"ทุนการศึกษาบุตร ปีการศึกษา {be}",
                )
            )
        for person in roster.people.values():
            if person.elderly:
                claims.append(
                    Claim(
                        collection[4],
                        collection[4],
                        "Elderly",
                        person.code,
                        Decimal(100000),
                        f"สวัสดิการผู้สูงอายุ ประจำปี {be}",
                    )
                )
            if person.disabled:
                claims.append(
                    Claim(
                        collection[12],
                        collection[12],
                        "Disability",
                        person.code,
                        Decimal(1000),
                        f"สวัสดิการคนพิการ ประจำปี {be}",
                    )
                )
        if year == flood_year:
            flood = datetime.date(year, rng.choice((9, 10, 11)), rng.randint(1, 28))
            for code in rng.sample(codes, max(1, round(len(codes) * rng.uniform(0.03, 0.06)))):
                wanted = Decimal(100000)  # the flat relief per household that the rule sets
                claims.append(
                    Claim(
                        flood + _days(rng, 7, 21),
                        flood,
                        "Disaster",
                        code,
                        wanted,
                        "สวัสดิการภัยพิบัติ น้ำท่วมบ้านเรือน",
                    )
                )
    for person in roster.people.values():
        if person.fate == "deceased" and person.exit is not None:
            claims.append(
                Claim(
                    person.exit + _days(rng, 3, 10),
                    person.exit,
                    "Death",
                    person.code,
                    Decimal(100000),
                    "สวัสดิการเสียชีวิต ช่วยเหลือค่าจัดการศพ",
                )
            )
    claims = [dataclasses.replace(c, pay=working_day(c.pay)) for c in claims]
    claims.sort(key=lambda c: (c.pay, c.event, c.kind, c.code))
    return claims


class Committee:
    """Decides claims in pay-date order, keeping each member's yearly totals per type."""

    def __init__(
        self, settings: Settings, book: AreaBook, roster: Roster, policy: Policy, controls: Controls
    ) -> None:
        self.settings = settings
        self.book = book
        self.roster = roster
        self.policy = policy
        self.controls = controls
        self.used: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)

    def eligible(self, claim: Claim) -> bool:
        """Active (a death claim: up to the death), paid up at the event, paid inside the period."""
        person = self.roster.people[claim.code]
        if claim.pay > self.settings.end or claim.event < self.settings.start:
            return False
        if claim.kind == "Death":
            alive = person.joined <= claim.event and person.exit == claim.event
        else:
            alive = person.active_on(claim.event) and person.active_on(claim.pay)
            alive = alive and (person.stop is None or claim.pay < person.stop)
        return bool(alive and self.roster.paid_up(claim.code, claim.event))

    def decide(self, claim: Claim) -> Txn | None:
        """The payment of a claim, or None when the rules or controls refuse it."""
        if not self.eligible(claim):
            return None
        person = self.roster.people[claim.code]
        tier = self.policy.tier(claim.kind, (claim.event - person.joined).days, claim.event)
        if tier is None:
            return None
        key = (claim.code, claim.kind, claim.event.year)
        amount = min(claim.wanted, tier.max_per_claim, tier.max_per_year - self.used[key])
        if tier.per_night is not None and claim.nights is not None:
            amount = min(amount, tier.per_night * claim.nights)
        if amount <= 0:
            return None
        meta: dict[str, MetaValue] = {"event-date": claim.event}
        if claim.nights is not None:
            meta["nights"] = claim.nights
        txn = self.controls.outflow(
            claim.pay,
            claim.narration,
            self.book.account("Expenses", "Benefits", claim.kind),
            amount,
            member=claim.code,
            meta=meta,
        )
        if txn is not None:
            self.used[key] += amount
        return txn


def pay_benefits(
    rng: random.Random,
    settings: Settings,
    book: AreaBook,
    roster: Roster,
    policy: Policy,
    *,
    controls: Controls,
) -> list[Txn]:
    """The benefits the committee pays over the period."""
    committee = Committee(settings, book, roster, policy, controls)
    paid = (committee.decide(claim) for claim in draw_claims(rng, settings, roster, policy))
    return [txn for txn in paid if txn is not None]
