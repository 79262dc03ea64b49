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
APPROVED_THROUGH = datetime.date(2024, 12, 31)
"""The demo has no clock, so it fixes its present: the members' meeting of March 2025 has approved
the books of 2024, and 2025 is still open. `--seal-through auto` seals every area through this day
when the books go past it (the committed province, 2022-2025), and adds no seal otherwise."""


@dataclasses.dataclass(frozen=True, slots=True)
class Settings:
    """What the user asked for."""

    areas: int = 11
    members: int = 300
    years: int = 4
    seed: int = 1
    start_year: int = 2022
    violations: bool = False
    seal_through: datetime.date | None = None

    @property
    def start(self) -> datetime.date:
        """The first day of the period."""
        return datetime.date(self.start_year, 1, 1)

    @property
    def end(self) -> datetime.date:
        """The last day of the period."""
        return datetime.date(self.start_year + self.years - 1, 12, 31)

    @property
    def opening(self) -> datetime.date:
        """The day of the opening balances: the day before the period."""
        return self.start - datetime.timedelta(days=1)

    @property
    def approved_through(self) -> datetime.date | None:
        """The default seal (`--seal-through auto`): `APPROVED_THROUGH` when the books go past it."""
        return APPROVED_THROUGH if self.opening <= APPROVED_THROUGH < self.end else None


@dataclasses.dataclass(frozen=True, slots=True)
class Posting:
    """One leg of a transaction; `amount` None lets Beancount fill it in."""

    account: str
    amount: Decimal | None
    meta: tuple[tuple[str, MetaValue], ...] = ()


@dataclasses.dataclass(slots=True)
class Txn:
    """A transaction of an area, with its supporting document when it is an outflow."""

    date: datetime.date
    narration: str
    postings: list[Posting]
    meta: dict[str, MetaValue] = dataclasses.field(default_factory=dict)
    payee: str | None = None
    order: int = 0
    outflow: bool = False
    document: Voucher | None = None

    @property
    def fund_change(self) -> Decimal:
        """How much the area's fund money changes (the placeholder counts as fund)."""
        return sum(
            (p.amount for p in self.postings if p.amount is not None and _is_fund(p.account)),
            Decimal(0),
        )


def _is_fund(account: str) -> bool:
    parts = account.split(":")
    return account == FUND or (len(parts) >= 3 and parts[0] == "Assets")


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


@dataclasses.dataclass(slots=True)
class AreaBook:
    """Everything the generator made for one area."""

    place: Place
    opens: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    founded: datetime.date = datetime.date(2010, 1, 1)
    registers: list[Register] = dataclasses.field(default_factory=list)
    txns: list[Txn] = dataclasses.field(default_factory=list)
    balances: list[tuple[datetime.date, str, Decimal]] = dataclasses.field(default_factory=list)
    extra_documents: list[Voucher] = dataclasses.field(default_factory=list)
    violations: str = ""

    def account(self, *parts: str) -> str:
        """An account of this area: `account("Income", "Interest")`."""
        return ":".join((parts[0], self.place.code, *parts[1:]))


def working_day(day: datetime.date) -> datetime.date:
    """`day`, or the Monday after it when it falls on a Saturday or Sunday (banks and offices are shut)."""
    return day + datetime.timedelta(days=max(0, 7 - day.weekday()) if day.weekday() >= SATURDAY else 0)


def be_year(year: int) -> int:
    """The Buddhist Era year."""
    return year + BE_OFFSET
