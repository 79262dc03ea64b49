"""The demo's own small model of what it writes: settings, transactions, registers, documents.

The generator builds these plain values first and renders text only at the end, so that the
order of the output is chosen once (by date, then by generation order) and is always the same.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfare_ledger.scripts.demo.places import Place

MetaValue = str | datetime.date | Decimal | int
FUND = "<fund>"
"""Placeholder account of an outflow until the fund settlement picks cash or bank."""
CASH = "Cash"
BANK = "Bank:GSB"
BE_OFFSET = 543
SATURDAY = 5
ONE_DAY = datetime.timedelta(days=1)
DEMO_TODAY = datetime.date(2026, 11, 28)
"""The demo reads no clock, so it fixes its present: the day the committed province was written.
The default `--through` is the day before; a treasurer has written up everything until yesterday."""
THROUGH = DEMO_TODAY - ONE_DAY
START_YEAR = 2023
MEMBERS = 250
"""Average members per area: the committed province holds about 2,800 members and 16,000 entries."""
ANNUAL_MEETING = (3, 31)
"""By the end of March the members' annual meeting has approved the books of the year before."""


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """What the user asked for."""

    areas: int = 11
    members: int = MEMBERS
    start_year: int = START_YEAR
    through: datetime.date = THROUGH
    seed: int = 1
    violations: bool = False
    seal_through: datetime.date | None = None

    @property
    def start(self) -> datetime.date:
        """The first day of the period."""
        return datetime.date(self.start_year, 1, 1)

    @property
    def end(self) -> datetime.date:
        """The last day of the period: `--through`."""
        return self.through

    @property
    def opening(self) -> datetime.date:
        """The day of the opening balances: the day before the period."""
        return self.start - ONE_DAY

    @property
    def years(self) -> list[int]:
        """The calendar years the period touches (the last one may be partial)."""
        return list(range(self.start_year, self.through.year + 1))

    @property
    def middle_year(self) -> int:
        """The year of the members' meeting that revises the rules, when there are two years or more."""
        return self.start_year + len(self.years) // 2

    def months(self) -> list[tuple[int, int]]:
        """Every (year, month) of the period."""
        return [(y, m) for y in self.years for m in range(1, 13) if datetime.date(y, m, 1) <= self.through]

    def within(self, day: datetime.date) -> bool:
        """Whether `day` falls inside the period."""
        return self.start <= day <= self.through

    @property
    def approved_through(self) -> datetime.date | None:
        """The default seal (`--seal-through auto`): 31 December of the last year an annual meeting approved.

        None when that day is not inside the period (nothing to seal yet).
        """
        month, day = ANNUAL_MEETING
        met = self.through >= datetime.date(self.through.year, month, day)
        approved = datetime.date(self.through.year - (1 if met else 2), 12, 31)
        return approved if self.start <= approved < self.through else None


@dataclasses.dataclass(frozen=True, slots=True)
class Posting:
    """One leg of a transaction; `amount` None lets Beancount fill it in."""

    account: str
    amount: Decimal | None
    meta: tuple[tuple[str, MetaValue], ...] = ()


@dataclasses.dataclass(frozen=True, slots=True)
class ClaimNote:
    """The approval of the claim a benefit pays, numbered once the whole area is known."""

    approved: datetime.date
    member: str
    kind: str


@dataclasses.dataclass(slots=True)
class Txn:
    """A transaction of an area, with its supporting document when it is an outflow.

    `cash_only` marks a payment handed over in cash (at a funeral): the treasurer withdraws from
    the bank what the box lacks, and whoever takes it signs for it. `cash_if_enough` is paid from
    the box whatever its size when the box holds it (the monthly allowance), else by transfer.
    """

    date: datetime.date
    narration: str
    postings: list[Posting]
    meta: dict[str, MetaValue] = dataclasses.field(default_factory=dict)
    payee: str | None = None
    order: int = 0
    outflow: bool = False
    document: Voucher | None = None
    cash_only: bool = False
    cash_if_enough: bool = False
    claim: ClaimNote | None = None

    @property
    def fund_change(self) -> Decimal:
        """How much the area's fund money changes (the placeholder counts as fund)."""
        return sum(
            (p.amount for p in self.postings if p.amount is not None and _is_fund(p.account)),
            Decimal(0),
        )

    @property
    def benefit(self) -> bool:
        """Whether it pays a benefit (to one member, or to several on one list)."""
        return any(":Benefits:" in p.account for p in self.postings)


def _is_fund(account: str) -> bool:
    parts = account.split(":")
    return account == FUND or (len(parts) >= 3 and parts[0] == "Assets")


def with_meta(meta: dict[str, MetaValue], key: str, value: MetaValue, before: str) -> dict[str, MetaValue]:
    """`meta` with `key` set, placed before `before` when new (the order a treasurer writes them in)."""
    if key in meta or before not in meta:
        return {**meta, key: value}
    out: dict[str, MetaValue] = {}
    for name, item in meta.items():
        if name == before:
            out[key] = value
        out[name] = item
    return out


@dataclasses.dataclass(frozen=True, slots=True)
class Voucher:
    """A supporting document: where it lives under `documents/` and what it says."""

    folder: str
    name: str
    lines: tuple[str, ...]


@dataclasses.dataclass(frozen=True, slots=True)
class Register:
    """A register directive, rendered already (its date decides where it sorts)."""

    date: datetime.date
    text: str
    order: int = 0


@dataclasses.dataclass(frozen=True, slots=True)
class BalanceCheck:
    """A passbook balance on the 1st of a month, with the statement page that shows it."""

    date: datetime.date
    account: str
    amount: Decimal
    document: str


@dataclasses.dataclass(slots=True)
class AreaBook:
    """Everything the generator made for one area.

    `registers` go to `registers.beancount` (who the fund is and its rules); `daily` registers
    (claims approved, cash counts) go to the year files next to the money they concern.
    """

    place: Place
    founded: datetime.date = datetime.date(2010, 1, 1)
    registers: list[Register] = dataclasses.field(default_factory=list)
    daily: list[Register] = dataclasses.field(default_factory=list)
    txns: list[Txn] = dataclasses.field(default_factory=list)
    balances: list[BalanceCheck] = dataclasses.field(default_factory=list)
    extra_documents: list[Voucher] = dataclasses.field(default_factory=list)
    violations: str = ""
    villages: int = 1
    """How many villages (หมู่บ้าน) the tambon has, written on the area's declaration."""

    def account(self, *parts: str) -> str:
        """An account of this area: `account("Income", "Interest")`."""
        return ":".join((parts[0], self.place.code, *parts[1:]))


def working_day(day: datetime.date) -> datetime.date:
    """`day`, or the Monday after it when it falls on a Saturday or Sunday (banks and offices are shut)."""
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= SATURDAY else 0)


def working_day_before(day: datetime.date) -> datetime.date:
    """`day`, or the Friday before it when it falls on a Saturday or Sunday."""
    return day - datetime.timedelta(days=day.weekday() - 4 if day.weekday() >= SATURDAY else 0)


def be_year(year: int) -> int:
    """The Buddhist Era year."""
    return year + BE_OFFSET
