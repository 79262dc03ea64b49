"""What a fund's member register knows of each member besides the dates: birth, gender, village, category.

Real registers keep these facts for the CODI forms: most members' full birth dates, only a
year for some older ones, the village (หมู่ที่) of the tambon they live in, and a category from
their registration. Members also nominate a beneficiary (not a member) who receives the death
benefit. Ages are worked out the way the rules work them out (`plugins.registers.Birth`), so the
generator never pays an age-limited benefit the `eligibility` rule would refuse.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING

from welfare_ledger.plugins.registers import Birth

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.people import Person, Roster

CHILD_SHARE = 0.04
YEAR_ONLY_SHARE = 0.10
YEAR_ONLY_SHARE_OLD = 0.30
OLD = 70
ADULT = 18
ELDERLY = 60
FEMALE_SHARE = 0.56
DISADVANTAGED_SHARE = 0.05
NOMINEE_SHARE = 0.25


@dataclasses.dataclass(frozen=True, slots=True)
class Nominee:
    """A beneficiary a member nominated: code, tie to the member, and since when."""

    code: str
    tie: str
    since: datetime.date


def birth_of(person: Person) -> Birth:
    """The member's `born` as the register reads it (a year only for some)."""
    return Birth(person.born.year, None if person.born_year_only else person.born)


def age_at_least(person: Person, day: datetime.date) -> int:
    """The youngest the register lets the member be on `day` (what an age floor is judged on)."""
    return birth_of(person).age_range(day)[0]


def age_at_most(person: Person, day: datetime.date) -> int:
    """The oldest the register lets the member be on `day`."""
    return birth_of(person).age_range(day)[1]


def _birthday(rng: random.Random, on: datetime.date, age: int) -> datetime.date:
    """A birth date making the person `age` years old on `on`."""
    latest = datetime.date(on.year - age, on.month, min(on.day, 28))
    return latest - datetime.timedelta(days=rng.randint(0, 364))


def plan_births(rng: random.Random, roster: Roster, opening: datetime.date) -> None:
    """Birth dates (drawn as the age at joining), gender, villages and categories of every member."""
    villages = list(range(1, roster.villages + 1))
    weights = [rng.uniform(0.5, 2.0) for _ in villages]
    homes = villages + rng.choices(villages, weights, k=max(len(roster.people) - len(villages), 0))
    rng.shuffle(homes)
    for person, village in zip(sorted(roster.people.values(), key=lambda p: p.code), homes, strict=False):
        child = rng.random() < CHILD_SHARE
        age = rng.randint(2, 15) if child else round(rng.triangular(18, 78, 45))
        person.born = _birthday(rng, person.joined, age)
        old = age_at_least(person, opening) >= OLD
        person.born_year_only = rng.random() < (YEAR_ONLY_SHARE_OLD if old else YEAR_ONLY_SHARE)
        person.gender = "F" if rng.random() < FEMALE_SHARE else "M"
        person.village = village
        person.category = _category(rng, person)


def _category(rng: random.Random, person: Person) -> str:
    at_joining = age_at_least(person, person.joined)
    if at_joining < ADULT:
        return "child"
    if person.disabled:
        return "disabled"
    if at_joining >= ELDERLY:
        return "elderly"
    return "disadvantaged" if rng.random() < DISADVANTAGED_SHARE else "general"


def _tie(rng: random.Random, age: int) -> str:
    if age < ADULT + 7:
        return "parent"
    if age >= ELDERLY - 10:
        return rng.choice(("child", "child", "child", "spouse", "spouse"))
    return rng.choice(("spouse", "spouse", "child", "parent", "sibling"))


def plan_nominees(rng: random.Random, roster: Roster) -> None:
    """Beneficiaries: every member who dies had nominated one, and about a quarter of the others."""
    for person in sorted(roster.people.values(), key=lambda p: p.code):
        if person.fate != "deceased" and rng.random() >= NOMINEE_SHARE:
            continue
        tie = _tie(rng, age_at_least(person, person.joined))
        person.nominee = Nominee(f"BN-{person.code}-1", tie, person.joined)


def death_weight(person: Person, day: datetime.date) -> float:
    """How much likelier than a young adult a member is to die (older members die more often)."""
    return 1.0 + max(age_at_least(person, day) - 45, 0) / 4
