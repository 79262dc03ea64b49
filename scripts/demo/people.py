"""The people of an area: members joining over the years, their fates, the committee and households.

Members are planned before any money moves: when they joined, whether they pay monthly or
once a year, and whether they die, resign, move away or stop paying during the period. Their
contributions follow from that plan, and every later choice (who may claim, who may approve)
asks the `Roster`, which answers the same questions the rules ask of the finished book.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import itertools
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.members import death_weight, plan_births, plan_nominees
from welfare_ledger.scripts.demo.model import working_day

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.members import Nominee
    from welfare_ledger.scripts.demo.model import Settings

DUES = Decimal(30)
YEARLY_DUES = Decimal(365)
GRACE_MONTHS = 3
COMMITTEE_ROLES = ("chair", "vice-chair", "treasurer", "secretary", "auditor", "member", "member")
COMMITTEE_AGES = (30, 70)


@dataclasses.dataclass(slots=True)
class Person:
    """A member as the generator plans them (the book only ever shows the code)."""

    code: str
    joined: datetime.date
    yearly: bool = False
    fate: str = ""
    stop: datetime.date | None = None
    exit: datetime.date | None = None
    disabled: bool = False
    born: datetime.date = datetime.date(1970, 1, 1)
    born_year_only: bool = False
    gender: str = "F"
    village: int = 1
    category: str = "general"
    nominee: Nominee | None = None

    def active_on(self, day: datetime.date) -> bool:
        """Joined on or before `day` and not exited before it."""
        return self.joined <= day and (self.exit is None or day <= self.exit)

    def pays_on(self, day: datetime.date) -> bool:
        """Whether the member still pays on a collection day."""
        return self.joined <= day and (self.stop is None or day < self.stop)

    def months_on(self, day: datetime.date) -> int:
        """Whole months of membership on `day` (the rules' own count)."""
        months = (day.year - self.joined.year) * 12 + day.month - self.joined.month
        if day.day < self.joined.day:
            months -= 1
        return max(months, 0)


@dataclasses.dataclass(frozen=True, slots=True)
class Term:
    """A committee term from `start` until the day before `end`."""

    code: str
    role: str
    start: datetime.date
    end: datetime.date | None

    def covers(self, day: datetime.date) -> bool:
        """Whether the term holds on `day`."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclasses.dataclass(slots=True)
class Roster:
    """The members, committee, households and contributions of one area."""

    people: dict[str, Person]
    collection_day: int
    villages: int = 1
    terms: list[Term] = dataclasses.field(default_factory=list)
    relations: list[tuple[str, str, datetime.date]] = dataclasses.field(default_factory=list)
    payments: dict[str, list[tuple[datetime.date, Decimal]]] = dataclasses.field(default_factory=dict)
    _dates: dict[str, list[datetime.date]] = dataclasses.field(default_factory=dict)
    _totals: dict[str, list[Decimal]] = dataclasses.field(default_factory=dict)

    def index_payments(self) -> None:
        """Build the cumulative totals behind `paid_through`."""
        for code, rows in self.payments.items():
            self._dates[code] = [day for day, _ in rows]
            self._totals[code] = list(itertools.accumulate(amount for _, amount in rows))

    def paid_through(self, code: str, day: datetime.date) -> Decimal:
        """Contributions of `code` dated on or before `day`."""
        dates = self._dates.get(code, [])
        index = bisect.bisect_right(dates, day)
        return self._totals[code][index - 1] if index else Decimal(0)

    def paid_up(self, code: str, day: datetime.date) -> bool:
        """Paid at least the dues of the whole months of membership less the grace months."""
        person = self.people[code]
        due = DUES * max(person.months_on(day) - GRACE_MONTHS, 0)
        return self.paid_through(code, day) >= due

    def paid_between(self, code: str, first: datetime.date, last: datetime.date) -> Decimal:
        """Contributions of `code` dated from `first` to `last`, both included."""
        return self.paid_through(code, last) - self.paid_through(code, first - datetime.timedelta(days=1))

    def collection_on(self, year: int, month: int) -> datetime.date:
        """The collection day of a month (a working day)."""
        return collection_date(year, month, self.collection_day)

    def committee_on(self, day: datetime.date) -> list[Term]:
        """The committee in office on `day`, in code order."""
        return sorted((t for t in self.terms if t.covers(day)), key=lambda t: t.code)

    def relatives(self, code: str) -> set[str]:
        """Every member declared as family or household of `code` (at any date)."""
        found = {b for a, b, _ in self.relations if a == code}
        return found | {a for a, b, _ in self.relations if b == code}

    def recorder_on(self, day: datetime.date, paid: str | None = None) -> str:
        """Who writes the entry: the treasurer, or the secretary when the treasurer is paid."""
        committee = self.committee_on(day)
        for role in ("treasurer", "secretary", "chair"):
            for term in committee:
                if term.role == role and term.code != paid:
                    return term.code
        return committee[0].code


def collection_date(year: int, month: int, day: int) -> datetime.date:
    """The collection day of a month: the fund's day of the month, or the next working day."""
    return working_day(datetime.date(year, month, day))


def collection_dates(settings: Settings, day: int) -> list[datetime.date]:
    """The monthly collection days of the period."""
    found = [collection_date(year, month, day) for year, month in settings.months()]
    return [date for date in found if date <= settings.end]


def _random_day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, max((last - first).days, 0)))


def plan_people(
    rng: random.Random, settings: Settings, prefix: str, size: int, founded: datetime.date
) -> Roster:
    """Members, fates, committee and households of an area of about `size` members."""
    collection_day = rng.randint(3, 15)
    dates = collection_dates(settings, collection_day)
    before = round(size * rng.uniform(0.78, 0.86))
    last_before = settings.opening - datetime.timedelta(days=45)
    joins = sorted(_random_day(rng, founded, last_before) for _ in range(before))
    joins += sorted(rng.choice(dates[:-6] or dates) for _ in range(size - before))
    joins.sort()
    people = {}
    for number, joined in enumerate(joins, start=1):
        code = f"{prefix}-{number:04d}"
        people[code] = Person(
            code=code,
            joined=joined,
            yearly=joined < settings.start and rng.random() < 0.25,
            disabled=joined < settings.start and rng.random() < 0.02,
        )
    roster = Roster(people=people, collection_day=collection_day, villages=rng.randint(6, 14))
    plan_births(rng, roster, settings.opening)
    _plan_committee(rng, settings, roster)
    _plan_fates(rng, settings, roster, dates)
    plan_nominees(rng, roster)
    _plan_households(rng, roster)
    _plan_payments(rng, settings, roster, dates)
    roster.index_payments()
    return roster


def _plan_committee(rng: random.Random, settings: Settings, roster: Roster) -> None:
    seats = len(COMMITTEE_ROLES) + 3
    first_term = datetime.date(settings.start_year - 2, 1, 1)
    candidates = [
        p.code
        for p in roster.people.values()
        if p.joined < first_term and COMMITTEE_AGES[0] <= first_term.year - p.born.year <= COMMITTEE_AGES[1]
    ]
    if len(candidates) < seats:
        earliest = sorted(roster.people.values(), key=lambda p: (p.joined, p.code))[:seats]
        candidates = [p.code for p in earliest]
        first_term = max(first_term, *(p.joined for p in earliest))
    chosen = rng.sample(candidates, seats)
    sitting = dict(zip(chosen, COMMITTEE_ROLES, strict=False))
    election = datetime.date(settings.middle_year, 1, 1)
    leaving = {code for code, role in sitting.items() if role in ("vice-chair", "auditor")}
    leaving.add(next(code for code, role in sitting.items() if role == "member"))
    if len(settings.years) < 2:
        leaving = set()
    for code, role in sitting.items():
        roster.terms.append(Term(code, role, first_term, election if code in leaving else None))
    newcomers = chosen[len(COMMITTEE_ROLES) :]
    for code, role in zip(newcomers, sorted(sitting[c] for c in leaving), strict=False):
        roster.terms.append(Term(code, role, election, None))


def _plan_fates(rng: random.Random, settings: Settings, roster: Roster, dates: list[datetime.date]) -> None:
    committee = {t.code for t in roster.terms}
    pool = [p for p in roster.people.values() if p.joined < settings.start and p.code not in committee]
    rng.shuffle(pool)
    size, years = len(roster.people), len(settings.years)
    counts = {
        "deceased": max(1, round(size * 0.008 * years)),
        "resigned": max(1, round(size * 0.004 * years)),
        "moved": round(size * 0.002 * years),
        "lapsed": max(1, round(size * 0.01 * years)),
    }
    early = settings.start + datetime.timedelta(days=30)
    late = settings.end - datetime.timedelta(days=45)
    weights = {p.code: death_weight(p, settings.opening) for p in pool}
    dying = sorted(pool, key=lambda p: rng.random() ** (1 / weights[p.code]), reverse=True)
    dying = dying[: counts["deceased"]]
    chosen = {p.code for p in dying}
    pool = [p for p in pool if p.code not in chosen] + dying[::-1]
    for fate, count in counts.items():
        for person in (pool.pop() for _ in range(min(count, len(pool)))):
            person.fate = fate
            if fate == "lapsed":
                person.yearly = False
                person.stop = rng.choice(dates[: max(len(dates) * 2 // 3, 1)])
                months = rng.randint(7, 10)
                year, month = divmod(person.stop.month - 1 + months, 12)
                exit_day = datetime.date(person.stop.year + year, month + 1, 1)
                person.exit = exit_day if exit_day <= late else None
            else:
                person.exit = person.stop = _random_day(rng, early, late)
    if not any(p.fate == "lapsed" and p.exit for p in roster.people.values()):
        lapsed = next((p for p in roster.people.values() if p.fate == "lapsed"), None)
        if lapsed is not None:
            lapsed.stop = dates[0]
            lapsed.exit = min(datetime.date(dates[0].year, 9, 1), late)


def _plan_households(rng: random.Random, roster: Roster) -> None:
    codes = sorted(roster.people)
    committee = sorted({t.code for t in roster.terms})
    treasurer = next(t.code for t in roster.terms if t.role == "treasurer")
    others = [c for c in codes if c not in committee]
    rng.shuffle(others)
    pairs = [(treasurer, others.pop())]
    for _ in range(len(codes) // 20):
        if len(others) < 2:
            break
        pairs.append((others.pop(), others.pop()))
    for first, second in pairs:
        a, b = sorted((first, second))
        day = max(roster.people[a].joined, roster.people[b].joined)
        roster.relations.append((a, b, day))
    roster.relations.sort(key=lambda r: (r[2], r[0], r[1]))


def _plan_payments(
    rng: random.Random, settings: Settings, roster: Roster, dates: list[datetime.date]
) -> None:
    for person in roster.people.values():
        rows: list[tuple[datetime.date, Decimal]] = []
        if person.joined < settings.start:
            brought = DUES * person.months_on(settings.opening)
            if brought:
                rows.append((settings.opening, brought))
        owed = Decimal(0)
        for day in dates:
            if not person.pays_on(day):
                continue
            if person.yearly:
                if day.month == 1:
                    rows.append((day, YEARLY_DUES))
                continue
            owed += DUES
            if owed == DUES and rng.random() < 0.03 and day < dates[-1]:
                continue
            rows.append((day, owed))
            owed = Decimal(0)
        roster.payments[person.code] = rows
