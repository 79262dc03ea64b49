"""The figures of CODI's two yearly forms, from the facts layer: fund status and matching request.

CODI (พอช.) asks every fund for its status (แบบแสดงสถานะกองทุน): members at founding, in all and
now, by category and village; money received since founding by source; benefits by type with
persons and amounts. And, to match members' savings, for a request per fiscal year
(แบบเสนอขอรับการสนับสนุน): the members who completed a year by the year's end and saved enough,
the matching due per source, the share of the tambon's villages with members, the benefit types
the fund runs, and the committee. The numbers are the ones the rules judge (`matching-claim`
counts the same members), never worked out a second way.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.rules.matching_claim import PER_MEMBER, completed_a_year, matching_year
from welfare_ledger.plugins.summary import INCOME_COLUMNS
from welfare_ledger.plugins.values import month_start, next_month

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.registers import CommitteeTerm, Member

ZERO = Decimal(0)
UNKNOWN = "-"
SOURCES = ("brought_forward", *INCOME_COLUMNS)
MATCHING_SOURCES = {"Government": "matching_government", "Local": "matching_local"}


@dataclasses.dataclass(frozen=True, slots=True)
class BenefitLine:
    """Benefits of one type: how many members were helped and how much was paid (net of paybacks)."""

    type: str
    persons: int
    amount: Decimal


@dataclasses.dataclass(frozen=True, slots=True)
class FundStatus:
    """CODI's fund status form of one area as of a day."""

    area: str
    name: str
    founded: datetime.date
    as_of: datetime.date
    members_at_founding: int
    members_in_all: int
    members_now: int
    left_by_reason: dict[str, int]
    by_category: dict[str, int]
    by_village: dict[str, int]
    money_since_founding: dict[str, Decimal]
    fund_balance: Decimal
    benefits_year: list[BenefitLine]
    benefits_since_founding: list[BenefitLine]
    year: int


@dataclasses.dataclass(frozen=True, slots=True)
class MatchingRequest:
    """CODI's matching request of one area for one fiscal year."""

    area: str
    name: str
    fiscal_year: int
    first: datetime.date
    last: datetime.date
    needed_savings: Decimal
    qualifying: int
    qualifying_by_village: dict[str, int]
    due: dict[str, Decimal]
    received: dict[str, Decimal]
    villages_with_members: int
    villages: int | None
    benefit_types_run: list[str]
    committee: list[CommitteeTerm]
    meetings: list[tuple[datetime.date, str]]

    @property
    def village_share(self) -> Decimal | None:
        """Percent of the tambon's villages with members (None when the number of villages is unknown)."""
        if not self.villages:
            return None
        return Decimal(self.villages_with_members) * 100 / self.villages


def founding_members_until(founded: datetime.date) -> datetime.date:
    """The last day of joining that counts as "at founding": the end of the founding month."""
    return next_month(month_start(founded.year, founded.month)) - datetime.timedelta(days=1)


def _benefit_lines(book: Book, area: str, first: datetime.date, last: datetime.date) -> list[BenefitLine]:
    persons: dict[str, set[str]] = defaultdict(set)
    amounts: dict[str, Decimal] = defaultdict(Decimal)
    for benefit in book.benefits:
        if benefit.area != area or benefit.type is None or not first <= benefit.date <= last:
            continue
        amounts[benefit.type] += benefit.amount
        if benefit.amount > 0:
            persons[benefit.type].add(benefit.member)
    return [BenefitLine(kind, len(persons[kind]), amounts[kind]) for kind in BENEFIT_TYPES if kind in amounts]


def _village(member: Member) -> str:
    return str(member.village) if member.village is not None else UNKNOWN


def fund_status(book: Book, area: str, as_of: datetime.date) -> FundStatus:
    """The fund status form of `area` as of `as_of` (the year shown is `as_of`'s fiscal year)."""
    declared = book.register.areas[area]
    founded = declared.declared
    members = [m for m in book.register.members.values() if m.area == area and m.joined <= as_of]
    now = [m for m in members if m.active_on(as_of)]
    left = Counter(
        m.exit_reason or UNKNOWN for m in members if m.exit_date is not None and m.exit_date < as_of
    )
    money = book.flows.between(area, founded, as_of)
    policy = book.policy(area, as_of)
    year = policy.fiscal_year_of(as_of)
    first_of_year, _ = policy.fiscal_year_span(year)
    return FundStatus(
        area=area,
        name=declared.name_th,
        founded=founded,
        as_of=as_of,
        members_at_founding=sum(1 for m in members if m.joined <= founding_members_until(founded)),
        members_in_all=len(members),
        members_now=len(now),
        left_by_reason=dict(sorted(left.items())),
        by_category=dict(sorted(Counter(m.category or UNKNOWN for m in now).items())),
        by_village=dict(sorted(Counter(_village(m) for m in now).items(), key=_village_order)),
        money_since_founding={source: money.get(source, ZERO) for source in SOURCES},
        fund_balance=book.fund.fund_at(area, as_of),
        benefits_year=_benefit_lines(book, area, first_of_year, as_of),
        benefits_since_founding=_benefit_lines(book, area, founded, as_of),
        year=year,
    )


def _village_order(item: tuple[str, int]) -> tuple[int, str]:
    name = item[0]
    return (int(name), "") if name.isdigit() else (10**6, name)


def matching_request(book: Book, area: str, fiscal_year: int) -> MatchingRequest:
    """The matching request of `area` for `fiscal_year` (Christian era, named by the year it ends in)."""
    from welfare_ledger.plugins.rules.matching_claim import year_span

    declared = book.register.areas[area]
    first, last = year_span(book, area, fiscal_year)
    needed = 12 * book.policy(area, last).dues_per_month
    payments = book.payments
    qualifying = [
        m
        for m in book.register.members.values()
        if m.area == area
        and completed_a_year(m.joined, last)
        and payments.paid_between(m.code, first, last) >= needed
    ]
    received: dict[str, Decimal] = dict.fromkeys(MATCHING_SOURCES.values(), ZERO)
    for posting in book.matching:
        if posting.area == area and matching_year(book, posting) == fiscal_year:
            column = MATCHING_SOURCES.get(posting.source)
            if column:
                received[column] += posting.amount
    due = {column: PER_MEMBER * len(qualifying) for column in MATCHING_SOURCES.values()}
    active = [m for m in book.register.members.values() if m.area == area and m.active_on(last)]
    run = sorted(
        {
            b.type
            for b in book.benefits
            if b.area == area and b.type and b.amount > 0 and first <= b.date <= last
        },
        key=list(BENEFIT_TYPES).index,
    )
    meetings = sorted(
        (version.date, version.meeting)
        for version in book.register.bylaws.get(area, ())
        if version.meeting and first <= version.date <= last
    )
    meetings += sorted(
        {
            (rule.date, rule.meeting)
            for (rule_area, _), rules in book.register.benefit_rules.items()
            if rule_area == area
            for rule in rules
            if rule.meeting and first <= rule.date <= last
        }
    )
    return MatchingRequest(
        area=area,
        name=declared.name_th,
        fiscal_year=fiscal_year,
        first=first,
        last=last,
        needed_savings=needed,
        qualifying=len(qualifying),
        qualifying_by_village=dict(
            sorted(Counter(_village(m) for m in qualifying).items(), key=_village_order)
        ),
        due=due,
        received=received,
        villages_with_members=len({m.village for m in active if m.village is not None}),
        villages=declared.villages,
        benefit_types_run=run,
        committee=sorted(book.register.committee_on(area, last), key=lambda t: (t.role, t.member)),
        meetings=sorted(meetings),
    )
