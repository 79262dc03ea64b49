"""The figures of CODI's two yearly forms, from the facts layer: fund status and matching request.

CODI (พอช.) asks every fund for its status (แบบแสดงสถานะกองทุน): members at founding, in all and
now, by category and village; money received since founding by source; benefits by type with
persons and amounts. And, to match members' savings, for a request per fiscal year
(แบบเสนอขอรับการสนับสนุน): the members who completed a year by the year's end and saved enough,
the matching due per source, the share of the tambon's villages with members, the benefit types
the fund runs, and the committee. The numbers are the ones the rules judge (`matching-claim`
counts the same members), never worked out a second way.

A form either answers exactly or is refused: money is counted through the very day asked (not
the whole month); a status on a day before the area's opening entries is refused (its money is
in the old books), and so is a fiscal year whose first months are in the old books, since who
saved 12 x dues in it cannot be told from these books.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
from collections import Counter, defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import BENEFIT_COLUMNS, BENEFIT_TYPES, classify
from welfare_ledger.plugins.book import CURRENCY, opens_balances, report_column
from welfare_ledger.plugins.i18n import UserError, Year
from welfare_ledger.plugins.registers import CATEGORIES
from welfare_ledger.plugins.rules.matching_claim import (
    PER_MEMBER,
    matching_year,
    qualifying_members,
    year_span,
)
from welfare_ledger.plugins.summary import INCOME_COLUMNS
from welfare_ledger.plugins.values import month_start, next_month

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.registers import CommitteeTerm, Member

ZERO = Decimal(0)
UNKNOWN = "-"
SOURCES = ("brought_forward", *INCOME_COLUMNS)
SPENDING = ("benefits", "projects", "admin")
MATCHING_SOURCES = {"Government": "matching_government", "Local": "matching_local"}
MIN_BENEFIT_TYPES = 3
"""CODI asks a fund to run at least three types of benefit."""
MIN_VILLAGE_SHARE = Decimal(50)
"""...and to have members in at least half the villages of the tambon (percent)."""
ROLE_ORDER = ("chair", "vice-chair", "treasurer", "secretary", "auditor", "member")
BEFORE_FOUNDING = "{area} was founded on {founded}: there is no status of its fund on {day}."
BEFORE_BOOKS = (
    "The books of {area} begin on {first} with what it brought from its old books: its money on {day} "
    "is in the old books. Ask for a day from {first} on."
)
YEAR_BEFORE_FOUNDING = "Fiscal year {year} ({first} to {last}) ended before {area} was founded on {founded}."
YEAR_IN_OLD_BOOKS = (
    "Fiscal year {year} began on {first}, before the books of {area} began on {day}: the members' "
    "savings of its first months are in the old books, so who saved {needed} in that year cannot be "
    "told from these books. Make this request from the old register, or ask for a later fiscal year."
)
YEAR_AFTER_BOOKS = "Fiscal year {year} begins on {first}, after the last entry of {area} ({day})."


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
    """Income by source through `as_of` (`brought_forward`: members' savings of the old books)."""
    fund_balance: Decimal
    benefits_year: list[BenefitLine]
    benefits_since_founding: list[BenefitLine]
    year: int
    year_first: datetime.date
    """The first day of fiscal year `year`; `benefits_year` runs from it to `as_of`."""
    books_begin: datetime.date | None
    """The day of the area's first transaction in these books (None: no transaction yet)."""
    fund_brought_forward: Decimal
    """Fund money the opening entries brought from the old books."""
    spending_since_founding: dict[str, Decimal]
    """Benefits, project spending and running costs through `as_of`."""
    committee: list[CommitteeTerm]
    """The committee on `as_of`, chair first."""
    villages: int | None
    """How many villages the tambon has (`villages:` on the area's declaration; None: not declared)."""

    @property
    def members_left(self) -> int:
        """Members who left before `as_of`, whatever the reason."""
        return sum(self.left_by_reason.values())

    @property
    def benefits_year_total(self) -> Decimal:
        """All benefits of the fiscal year through `as_of`."""
        return sum((line.amount for line in self.benefits_year), ZERO)

    @property
    def benefits_since_founding_total(self) -> Decimal:
        """All benefits through `as_of`."""
        return sum((line.amount for line in self.benefits_since_founding), ZERO)

    @property
    def income_in_books(self) -> Decimal:
        """Money received in these books (savings brought forward from the old books left out)."""
        return sum((v for k, v in self.money_since_founding.items() if k != "brought_forward"), ZERO)

    @property
    def spent(self) -> Decimal:
        """Everything paid out through `as_of`."""
        return sum(self.spending_since_founding.values(), ZERO)

    @property
    def other_movements(self) -> Decimal:
        """Fund money that moved outside income and spending (zero in books without `chart` errors)."""
        return self.fund_balance - self.fund_brought_forward - self.income_in_books + self.spent


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
    """Villages of the tambon (numbers 1 to `villages`) where members active at the year's end live."""
    villages_outside: list[int]
    """Village numbers written on members that the tambon does not have: not counted (no share above 100%)."""
    villages: int | None
    benefit_types_run: list[str]
    committee: list[CommitteeTerm]
    meetings: list[tuple[datetime.date, str]]
    per_member: Decimal = PER_MEMBER

    @property
    def village_share(self) -> Decimal | None:
        """Percent of the tambon's villages with members (None when the number of villages is unknown)."""
        if not self.villages:
            return None
        return Decimal(self.villages_with_members) * 100 / self.villages

    @property
    def still_due(self) -> dict[str, Decimal]:
        """Per source, the matching due less what was received for the year (negative: received above it)."""
        return {column: self.due[column] - self.received.get(column, ZERO) for column in self.due}

    @property
    def villages_met(self) -> bool | None:
        """Whether members live in at least half the tambon's villages (None: villages not declared)."""
        share = self.village_share
        return None if share is None else share >= MIN_VILLAGE_SHARE

    @property
    def benefit_types_met(self) -> bool:
        """Whether the fund paid at least three types of benefit in the year."""
        return len(self.benefit_types_run) >= MIN_BENEFIT_TYPES


def founding_members_until(founded: datetime.date) -> datetime.date:
    """The last day of joining that counts as "at founding": the end of the founding month."""
    return next_month(month_start(founded.year, founded.month)) - datetime.timedelta(days=1)


def _benefit_lines(book: Book, area: str, first: datetime.date, last: datetime.date) -> list[BenefitLine]:
    """Benefits by type paid from `first` to `last`, net of paybacks.

    A member counts as helped when what they kept of the type is above zero: a payment paid back
    in full (a mistake reversed) helped nobody, and must not add a person or a type to the form.
    """
    net: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for benefit in book.benefits:
        if benefit.area == area and benefit.type is not None and first <= benefit.date <= last:
            net[benefit.type][benefit.member] += benefit.amount
    return [
        BenefitLine(kind, sum(1 for kept in net[kind].values() if kept > 0), sum(net[kind].values(), ZERO))
        for kind in BENEFIT_TYPES
        if kind in net
    ]


def _committee(book: Book, area: str, day: datetime.date) -> list[CommitteeTerm]:
    """The committee on `day`, in the order a form lists it: chair first, ordinary members last."""

    def rank(term: CommitteeTerm) -> tuple[int, str]:
        role = term.role
        return (ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER), term.member)

    return sorted(book.register.committee_on(area, day), key=rank)


def books_begin(book: Book, area: str) -> datetime.date | None:
    """The day of the area's first transaction (its opening entries, for a fund that moved here)."""
    days = [txn.date for account, txn in book.first_use.items() if classify(account).area == area]
    return min(days, default=None)


def last_entry(book: Book, area: str) -> datetime.date | None:
    """The day of the area's last transaction."""
    for txn in reversed(book.transactions):
        if any(classify(p.account).area == area for p in txn.postings):
            return txn.date
    return None


def _tail_flows(book: Book, area: str, after: datetime.date, last: datetime.date) -> dict[str, Decimal]:
    """The report-column sums of the area's transactions dated after `after` up to `last`.

    Counted exactly as the facts layer counts them into `book.flows` (`report_column`, openings
    as brought forward), so that they can be taken out of the month they fall in.
    """
    transactions = book.transactions
    start = bisect.bisect_right(transactions, after, key=lambda txn: txn.date)
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for txn in transactions[start:]:
        if txn.date > last:
            break
        opening = opens_balances(txn)
        for posting in txn.postings:
            info = classify(posting.account)
            units = posting.units
            if info.area != area or units is None or units.number is None or units.currency != CURRENCY:
                continue
            column = report_column(posting.account, brought_forward=opening)
            if column is not None:
                totals[column] += -units.number if info.income else units.number
    return totals


def money_through(book: Book, area: str, day: datetime.date) -> dict[str, Decimal]:
    """The area's report-column sums of every transaction dated on or before `day`.

    `book.flows` keeps whole months; the days of `day`'s month after it are taken back out.
    """
    totals = book.flows.between(area, datetime.date.min, day)
    month_end = next_month(day) - datetime.timedelta(days=1) if day.year < datetime.MAXYEAR else day
    if month_end > day:
        for column, amount in _tail_flows(book, area, day, month_end).items():
            totals[column] = totals.get(column, ZERO) - amount
    return totals


def _village(member: Member) -> str:
    return str(member.village) if member.village is not None else UNKNOWN


def fund_status(book: Book, area: str, as_of: datetime.date) -> FundStatus:
    """The fund status form of `area` as of `as_of` (the year shown is `as_of`'s fiscal year)."""
    declared = book.register.areas[area]
    founded = declared.declared
    if as_of < founded:
        raise UserError(BEFORE_FOUNDING, area=area, founded=founded, day=as_of)
    opened = [opening.day for opening in book.openings.get(area, ())]
    if opened and as_of < min(opened):
        raise UserError(BEFORE_BOOKS, area=area, first=min(opened), day=as_of)
    members = [m for m in book.register.members.values() if m.area == area and m.joined <= as_of]
    now = [m for m in members if m.active_on(as_of)]
    left = Counter(
        m.exit_reason or UNKNOWN for m in members if m.exit_date is not None and m.exit_date < as_of
    )
    money = money_through(book, area, as_of)
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
        by_category=dict(sorted(Counter(m.category or UNKNOWN for m in now).items(), key=_category_order)),
        by_village=dict(sorted(Counter(_village(m) for m in now).items(), key=_village_order)),
        money_since_founding={source: money.get(source, ZERO) for source in SOURCES},
        fund_balance=book.fund.fund_at(area, as_of),
        benefits_year=_benefit_lines(book, area, first_of_year, as_of),
        benefits_since_founding=_benefit_lines(book, area, datetime.date.min, as_of),
        year=year,
        year_first=first_of_year,
        books_begin=books_begin(book, area),
        fund_brought_forward=sum(
            (opening.fund for opening in book.openings.get(area, ()) if opening.day <= as_of), ZERO
        ),
        spending_since_founding={
            "benefits": sum((money.get(column, ZERO) for column in BENEFIT_COLUMNS.values()), ZERO),
            "projects": money.get("projects", ZERO),
            "admin": money.get("admin", ZERO),
        },
        committee=_committee(book, area, as_of),
        villages=declared.villages,
    )


def _category_order(item: tuple[str, int]) -> tuple[int, str]:
    """Categories in the register's order (general first), unknown ones after them by name."""
    name = item[0]
    return (CATEGORIES.index(name), "") if name in CATEGORIES else (len(CATEGORIES), name)


def _village_order(item: tuple[str, int]) -> tuple[int, str]:
    name = item[0]
    return (int(name), "") if name.isdigit() else (10**6, name)


def matching_request(book: Book, area: str, fiscal_year: int) -> MatchingRequest:
    """The matching request of `area` for `fiscal_year` (Christian era, named by the year it ends in)."""
    declared = book.register.areas[area]
    first, last = year_span(book, area, fiscal_year)
    needed = 12 * book.policy(area, last).dues_per_month
    _check_year(book, area, fiscal_year, (first, last), needed)
    qualifying = qualifying_members(book, area, first, last, needed)
    received: dict[str, Decimal] = dict.fromkeys(MATCHING_SOURCES.values(), ZERO)
    for posting in book.matching:
        if posting.area == area and matching_year(book, posting) == fiscal_year:
            column = MATCHING_SOURCES.get(posting.source)
            if column:
                received[column] += posting.amount
    due = {column: PER_MEMBER * len(qualifying) for column in MATCHING_SOURCES.values()}
    active = [m for m in book.register.members.values() if m.area == area and m.active_on(last)]
    lived_in = {m.village for m in active if m.village is not None}
    outside = {v for v in lived_in if declared.villages and not 1 <= v <= declared.villages}
    run = [line.type for line in _benefit_lines(book, area, first, last) if line.persons]
    meetings = {
        (version.date, version.meeting)
        for version in book.register.bylaws.get(area, ())
        if version.meeting and first <= version.date <= last
    }
    meetings |= {
        (rule.date, rule.meeting)
        for (rule_area, _), rules in book.register.benefit_rules.items()
        if rule_area == area
        for rule in rules
        if rule.meeting and first <= rule.date <= last
    }
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
        villages_with_members=len(lived_in - outside),
        villages_outside=sorted(outside),
        villages=declared.villages,
        benefit_types_run=run,
        committee=_committee(book, area, last),
        meetings=sorted(meetings),
    )


def _check_year(
    book: Book, area: str, fiscal_year: int, span: tuple[datetime.date, datetime.date], needed: Decimal
) -> None:
    """Refuse a fiscal year these books cannot answer for (see the module docstring)."""
    first, last = span
    declared = book.register.areas[area]
    year = Year(fiscal_year)
    if last < declared.declared:
        raise UserError(
            YEAR_BEFORE_FOUNDING, year=year, first=first, last=last, area=area, founded=declared.declared
        )
    opened = [opening.day for opening in book.openings.get(area, ())]
    if opened and max(opened) >= first:
        raise UserError(YEAR_IN_OLD_BOOKS, year=year, first=first, area=area, day=max(opened), needed=needed)
    end = last_entry(book, area)
    if end is not None and first > end:
        raise UserError(YEAR_AFTER_BOOKS, year=year, first=first, area=area, day=end)
