"""Planted cases of the rules about benefits and members, for `--violations`.

Each case is a benefit that is right in every way but the one it shows: the tricks of a
committee that pays itself, pays a ghost, pays too early, too much, too little, to the wrong
person, outside the age the rule sets, or for an event it moved into another year.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.scripts.demo.members import age_at_most
from welfare_ledger.scripts.demo.model import ONE_DAY, be_year, working_day
from welfare_ledger.scripts.demo.violations import first

if TYPE_CHECKING:
    from collections.abc import Callable

    from welfare_ledger.scripts.demo.model import MetaValue, Settings
    from welfare_ledger.scripts.demo.people import Person, Roster
    from welfare_ledger.scripts.demo.violations import Planter


def _day(settings: Settings, month: int, day: int) -> datetime.date:
    return working_day(datetime.date(settings.start_year, month, day))


def _in_arrears(settings: Settings, roster: Roster) -> tuple[str, datetime.date]:
    """A member who stopped paying, and a day (five days after the event) while still a member."""
    for person in sorted(roster.people.values(), key=lambda p: p.code):
        if person.fate != "lapsed" or person.stop is None:
            continue
        last = min(person.exit or settings.end, settings.end) - ONE_DAY
        day = person.stop + datetime.timedelta(days=5)
        while day <= last:
            if not roster.paid_up(person.code, day - datetime.timedelta(days=5)):
                return person.code, day
            day += datetime.timedelta(days=7)
    return first((), "lapsed-member")


def plant(plant: Planter, reserved: frozenset[str]) -> None:
    """The benefit and member cases."""
    settings, roster = plant.settings, plant.roster
    old = settings.start - datetime.timedelta(days=3 * 365)

    def settled(person: Person) -> bool:
        return person.fate == "" and person.joined < old

    def sickness(rule: str, text: str, day: datetime.date, amount: int, nights: int, **extra: Any) -> None:
        plant.note(rule, text)
        member = plant.quiet_member(rule, settled).code
        plant.benefit(day, member, "Sickness", Decimal(amount), nights=nights, **extra)

    sickness(
        "approvals",
        "a sickness benefit approved by one committee member only",
        _day(settings, 7, 6),
        400,
        2,
        approvers=1,
    )
    day = _day(settings, 7, 13)
    plant.note("self-approval", "the treasurer who wrote the entry also approves it")
    member = plant.quiet_member("self-approval", settled).code
    plant.benefit(day, member, "Sickness", Decimal(380), nights=2, extra=(roster.recorder_on(day, member),))
    sickness(
        "missing-document",
        "a benefit without a supporting document",
        _day(settings, 7, 20),
        360,
        2,
        document=False,
    )

    plant.note("unknown-member", "a benefit to a code that is not in the register (a ghost)")
    plant.benefit(
        _day(settings, 7, 27), f"{plant.book.place.prefix}-9999", "Sickness", Decimal(340), nights=2
    )

    plant.note("inactive-member", "a benefit to a member fifteen days after they resigned or moved")
    people = sorted(roster.people.values(), key=lambda p: p.code)
    gone = first((p for p in people if p.fate in ("resigned", "moved") and p.exit), "inactive-member")
    assert gone.exit is not None
    plant.benefit(working_day(gone.exit + 15 * ONE_DAY), gone.code, "Sickness", Decimal(320), nights=2)

    plant.note("lapsed-member", "a benefit to a member who stopped paying months ago")
    lapsed, day = _in_arrears(settings, roster)
    plant.benefit(day, lapsed, "Sickness", Decimal(300), nights=2)

    plant.note("waiting-period", "a benefit forty days after joining, before the 180 waiting days")
    new = plant.quiet_member("waiting-period", lambda p: p.joined >= settings.start and p.fate == "")
    plant.benefit(working_day(new.joined + 40 * ONE_DAY), new.code, "Sickness", Decimal(200), nights=1)

    sickness("benefit-cap", "400 baht for one night at 200 baht a night", _day(settings, 8, 10), 400, 1)
    plant.note("no-benefit-rule", "a benefit of type Other, for which the area has no rule")
    plant.benefit(
        _day(settings, 8, 24), plant.quiet_member("no-benefit-rule", settled).code, "Other", Decimal(300)
    )
    plant.note("underpaid", "a birth benefit of 500 where the rule fixes 1,000: the rest kept back")
    plant.benefit(_day(settings, 8, 31), plant.quiet_member("underpaid", settled).code, "Birth", Decimal(500))

    _claims(plant, settled)
    _eligibility(plant)
    _acknowledgement(plant, reserved, settled)


def _claims(plant: Planter, settled: Callable[[Person], bool]) -> None:
    settings = plant.settings
    plant.note("unpaid-claim", "a claim the committee approved and never paid")
    approved = _day(settings, 9, 1)
    member = plant.quiet_member("unpaid-claim", settled).code
    claim = f"{plant.book.place.prefix}-C{be_year(approved.year)}-9001"
    plant.text(f'{approved} custom "claim" "{claim}" "{member}" "Sickness"\n')

    plant.note(
        "event-date", "a sickness benefit whose event is dated after the payment, into next year's cap"
    )
    pay = _day(settings, 12, 18)
    next_year = datetime.date(settings.start_year + 1, 1, 8)
    event = next_year if next_year + 30 * ONE_DAY <= settings.end else pay + 10 * ONE_DAY
    member = plant.quiet_member("event-date", settled).code
    plant.benefit(pay, member, "Sickness", Decimal(400), nights=2, event=event)


def _eligibility_day(settings: Settings, person: Person, waiting: int) -> datetime.date | None:
    """A working day inside the books when the member has served `waiting` days, or None."""
    day = working_day(max(person.joined + (waiting + 10) * ONE_DAY, datetime.date(settings.start_year, 9, 8)))
    return day if day + 5 * ONE_DAY <= settings.end else None


def _eligibility(plant: Planter) -> None:
    """The monthly elderly allowance paid to a member of ten years who is not yet 60."""
    settings = plant.settings
    tier = plant.policy.tiers("Elderly", settings.end)[0]
    assert tier.amount is not None and tier.min_age is not None
    floor = tier.min_age

    def young_and_long(person: Person) -> bool:
        day = _eligibility_day(settings, person, tier.waiting_days)
        return person.fate == "" and day is not None and age_at_most(person, day) < floor

    plant.note("eligibility", "the elderly allowance paid to a member under 60")
    person = plant.quiet_member("eligibility", young_and_long, year=settings.end.year)
    day = _eligibility_day(settings, person, tier.waiting_days)
    assert day is not None
    plant.benefit(day, person.code, "Elderly", tier.amount, event=day)


def _acknowledgement(plant: Planter, reserved: frozenset[str], settled: Callable[[Person], bool]) -> None:
    """A cash death benefit signed for by the treasurer's relative, not by the nominee.

    Without a member who died in the books (a small province), a cash sickness benefit instead.
    """
    roster = plant.roster
    meta: dict[str, MetaValue] = {}
    if reserved:
        person = roster.people[min(reserved)]
        assert person.exit is not None and person.nominee is not None
        pay = working_day(person.exit + 3 * ONE_DAY)
        tier = plant.policy.tier("Death", (person.exit - person.joined).days, person.exit)
        assert tier is not None and tier.amount is not None
        kind, amount, event, nights = "Death", tier.amount, person.exit, None
        meta["paid-to"] = person.nominee.code
    else:
        person = plant.quiet_member("acknowledgement", settled)
        pay, kind, amount, event, nights = _day(plant.settings, 10, 5), "Sickness", Decimal(200), None, 1
    treasurer = roster.recorder_on(pay, person.code)
    meta["received-by"] = min(roster.relatives(treasurer) - {person.code} or {treasurer})
    plant.note("acknowledgement", f"a cash {kind.lower()} benefit signed for by the treasurer's relative")
    plant.benefit(pay, person.code, kind, amount, nights=nights, event=event, meta=meta, cash=True)
