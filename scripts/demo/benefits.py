"""Benefits of every type at realistic rates, paid only where the area's rules allow them.

Claims are drawn at rates seen in community welfare funds (about one member in eight spends
nights in hospital each year, a death benefit for each member who dies...), then checked in
pay-date order the way a careful committee would: the member is active and paid up, has waited
long enough, is of the age the rule asks, and the claim fits the tier's caps for that year; a
fixed benefit is paid in full or not at all. Each payment settles a claim the committee approved
a few days before (`claim:`). A death benefit goes to the beneficiary the member nominated
(`paid-to:`), handed over in cash at the funeral. The monthly elderly allowance is paid by
`scripts.demo.standing`, not here.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.members import age_at_least, age_at_most
from welfare_ledger.scripts.demo.model import ClaimNote, be_year, working_day, working_day_before

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.control import Controls
    from welfare_ledger.scripts.demo.model import AreaBook, MetaValue, Settings, Txn
    from welfare_ledger.scripts.demo.people import Person, Roster
    from welfare_ledger.scripts.demo.policy import Policy

NIGHT_CHOICES = (1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7)
ANY_AMOUNT = Decimal(100000)
"""What a claim of a fixed benefit asks for: the rule's amount decides."""
PARENT_AGES = (18, 45)
SCHOOL_PARENT_AGES = (25, 60)


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


def _aged(roster: Roster, ages: tuple[int, int], day: datetime.date) -> list[str]:
    """Members whose age on `day` lies within `ages` (for claims that come with an age of life)."""
    return [
        code
        for code, person in sorted(roster.people.items())
        if ages[0] <= age_at_least(person, day) and age_at_most(person, day) <= ages[1]
    ]


def _sample(rng: random.Random, pool: list[str], share: tuple[float, float]) -> list[str]:
    if not pool:
        return []
    return rng.sample(pool, min(len(pool), max(1, round(len(pool) * rng.uniform(*share)))))


def draw_claims(rng: random.Random, settings: Settings, roster: Roster) -> list[Claim]:
    """Claims of every type over the period, before the committee checks them."""
    claims: list[Claim] = []
    codes = sorted(roster.people)
    flood_year = rng.choice(settings.years[:-1] or settings.years)
    for year in settings.years:
        be = be_year(year)
        mid_year = datetime.date(year, 7, 1)
        for code in _sample(rng, codes, (0.10, 0.14)):
            nights = rng.choice(NIGHT_CHOICES)
            event = _random_in_year(rng, year)
            pay = event + datetime.timedelta(days=nights) + _days(rng, 3, 20)
            text = f"สวัสดิการเจ็บป่วย นอนโรงพยาบาล {nights} คืน"
            claims.append(Claim(pay, event, "Sickness", code, Decimal(200 * nights), text, nights))
        for code in _sample(rng, _aged(roster, PARENT_AGES, mid_year), (0.02, 0.04)):
            event = _random_in_year(rng, year)
            claims.append(
                Claim(event + _days(rng, 7, 30), event, "Birth", code, ANY_AMOUNT, "สวัสดิการคลอดบุตร")
            )
        may = roster.collection_on(year, 5)
        text = f"ทุนการศึกษาบุตร ปีการศึกษา {be}"
        for code in _sample(rng, _aged(roster, SCHOOL_PARENT_AGES, may), (0.06, 0.09)):
            claims.append(Claim(may, may, "Education", code, ANY_AMOUNT, text))
        december = roster.collection_on(year, 12)
        for person in roster.people.values():
            if person.disabled:
                text = f"สวัสดิการคนพิการ ประจำปี {be}"
                claims.append(Claim(december, december, "Disability", person.code, ANY_AMOUNT, text))
        if year == flood_year:
            flood = datetime.date(year, rng.choice((9, 10, 11)), rng.randint(1, 28))
            text = "สวัสดิการภัยพิบัติ น้ำท่วมบ้านเรือน"
            for code in _sample(rng, codes, (0.03, 0.06)):
                claims.append(Claim(flood + _days(rng, 7, 21), flood, "Disaster", code, ANY_AMOUNT, text))
    for person in roster.people.values():
        if person.fate == "deceased" and person.exit is not None:
            text = "สวัสดิการเสียชีวิต ช่วยเหลือค่าจัดการศพ"
            claims.append(
                Claim(person.exit + _days(rng, 3, 8), person.exit, "Death", person.code, ANY_AMOUNT, text)
            )
    claims = [dataclasses.replace(c, pay=working_day(c.pay)) for c in claims]
    claims.sort(key=lambda c: (c.pay, c.event, c.kind, c.code))
    return claims


def approval_day(rng: random.Random, claim: Claim) -> datetime.date:
    """When the committee approved the claim: a working day from the end of the event to the payment."""
    ready = claim.event + datetime.timedelta(days=claim.nights or 0)
    day = working_day_before(claim.pay - _days(rng, 0, 6))
    return day if day >= ready else claim.pay


class Committee:
    """Decides claims in pay-date order, keeping each member's yearly totals per type."""

    def __init__(  # noqa: PLR0917 (the area's whole context, as the other generators take it)
        self,
        settings: Settings,
        book: AreaBook,
        roster: Roster,
        policy: Policy,
        controls: Controls,
        reserved: frozenset[str] = frozenset(),
    ) -> None:
        self.settings = settings
        self.book = book
        self.roster = roster
        self.policy = policy
        self.controls = controls
        self.reserved = reserved
        """Members whose claims `--violations` pays its own (wrong) way instead."""
        self.used: dict[tuple[str, str, int], Decimal] = defaultdict(Decimal)

    def eligible(self, claim: Claim) -> bool:
        """Active (a death claim: up to the death), paid up at the event, paid inside the period."""
        person = self.roster.people[claim.code]
        if claim.pay > self.settings.end or claim.event < self.settings.start or claim.code in self.reserved:
            return False
        if claim.kind == "Death":
            alive = person.joined <= claim.event and person.exit == claim.event and person.nominee is not None
        else:
            alive = person.active_on(claim.event) and person.active_on(claim.pay)
            alive = alive and (person.stop is None or claim.pay < person.stop)
        return bool(alive and self.roster.paid_up(claim.code, claim.event))

    def amount(self, claim: Claim, person: Person) -> Decimal | None:
        """What the tier pays for the claim, or None when it pays nothing."""
        tier = self.policy.tier(claim.kind, (claim.event - person.joined).days, claim.event)
        if tier is None or (tier.min_age is not None and age_at_least(person, claim.event) < tier.min_age):
            return None
        left = tier.max_per_year - self.used[(claim.code, claim.kind, claim.event.year)]
        if tier.amount is not None:
            return tier.amount if tier.amount <= min(left, tier.max_per_claim) else None
        amount = min(claim.wanted, tier.max_per_claim, left)
        if tier.per_night is not None and claim.nights is not None:
            amount = min(amount, tier.per_night * claim.nights)
        return amount if amount > 0 else None

    def decide(self, rng: random.Random, claim: Claim) -> Txn | None:
        """The payment of a claim, or None when the rules or controls refuse it."""
        if not self.eligible(claim):
            return None
        person = self.roster.people[claim.code]
        amount = self.amount(claim, person)
        if amount is None:
            return None
        meta: dict[str, MetaValue] = {"event-date": claim.event}
        if claim.nights is not None:
            meta["nights"] = claim.nights
        if claim.kind == "Death" and person.nominee is not None:
            meta["paid-to"] = person.nominee.code
        txn = self.controls.outflow(
            claim.pay,
            claim.narration,
            self.book.account("Expenses", "Benefits", claim.kind),
            amount,
            member=claim.code,
            meta=meta,
        )
        if txn is not None:
            self.used[(claim.code, claim.kind, claim.event.year)] += amount
            txn.claim = ClaimNote(approval_day(rng, claim), claim.code, claim.kind)
            txn.cash_only = claim.kind == "Death"
        return txn


def pay_benefits(
    rng: random.Random,
    settings: Settings,
    book: AreaBook,
    roster: Roster,
    policy: Policy,
    *,
    controls: Controls,
    reserved: frozenset[str] = frozenset(),
) -> list[Txn]:
    """The benefits the committee pays over the period."""
    committee = Committee(settings, book, roster, policy, controls, reserved)
    paid = (committee.decide(rng, claim) for claim in draw_claims(rng, settings, roster))
    return [txn for txn in paid if txn is not None]
