"""Next year's expected benefits of an area, for the reserve question of the annual meeting.

Elderly payments grow as members age. When members carry `birth-year` (or `born`, a date or
year, or `age` at joining) in their register entry, next year's elderly payments are the
members old enough next year (the Elderly rule's `min-age`, else 60) times what one elderly
member received this year (else the rule's yearly or per-claim amount). Without ages they follow
the least-squares trend of the last years. Every other type is the mean of the last three years.
Years count from the first with the area's own figures: an opening entry's year, or what it
brought forward, is not a year of benefits.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.summary import BENEFIT_COLUMNS, ZERO, area_year
from welfare_ledger.scripts.reports.opening import first_own_year

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.registers import Member

ELDERLY_AGE = 60
TREND_YEARS = 5
MEAN_YEARS = 3
BY_AGES = "ages"
BY_TREND = "trend"


@dataclasses.dataclass(frozen=True, slots=True)
class Projection:
    """Expected benefits of the coming year by type, and how the elderly part was found."""

    year: int
    by_type: dict[str, Decimal]
    elderly_method: str
    elderly_members: int | None

    @property
    def total(self) -> Decimal:
        """All expected benefits of the year."""
        return sum(self.by_type.values(), ZERO)


def birth_year(member: Member) -> int | None:
    """The member's year of birth from `birth-year`, `born` or `age` (at joining), if written."""
    meta = member.meta or {}
    for key in ("birth-year", "born"):
        value = meta.get(key)
        if isinstance(value, datetime.date):
            return value.year
        if isinstance(value, (int, Decimal)) or (isinstance(value, str) and value.isdigit()):
            return int(value)
    age = meta.get("age")
    if isinstance(age, (int, Decimal)):
        return member.joined.year - int(age)
    return None


def trend(values: list[Decimal]) -> Decimal:
    """The least-squares line through `values` (one per year) one year on, never below zero."""
    if not values:
        return ZERO
    if len(values) == 1:
        return values[0]
    count = len(values)
    mean_x = Decimal(count - 1) / 2
    mean_y = sum(values, ZERO) / count
    spread = sum(((Decimal(x) - mean_x) ** 2 for x in range(count)), ZERO)
    slope = sum(((Decimal(x) - mean_x) * (y - mean_y) for x, y in enumerate(values)), ZERO) / spread
    return max(mean_y + slope * (count - mean_x), ZERO).quantize(Decimal("0.01"))


def _elderly_by_ages(book: Book, area: str, year: int, members: list[Member]) -> tuple[Decimal, int]:
    register = book.register
    next_day = datetime.date(year + 1, 12, 31)
    tiers = register.benefit_tiers(area, "Elderly", datetime.date(year, 12, 31))
    min_age = ELDERLY_AGE
    if tiers and isinstance(tiers[0].meta.get("min-age"), (int, Decimal)):
        min_age = int(tiers[0].meta["min-age"])
    elderly = [
        m
        for m in members
        if m.active_on(datetime.date(year, 12, 31))
        and m.exit_date is None
        and (born := birth_year(m)) is not None
        and next_day.year - born >= min_age
    ]
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for outflow in book.outflows:
        if outflow.area == area and outflow.benefit_type == "Elderly" and outflow.date.year == year:
            paid[outflow.member or ""] += outflow.amount
    if paid:
        each = sum(paid.values(), ZERO) / len(paid)
    elif tiers:
        top = tiers[-1]
        each = top.max_per_year or top.max_per_claim or ZERO
    else:
        each = ZERO
    return (each * len(elderly)).quantize(Decimal("0.01")), len(elderly)


def project(book: Book, area: str, year: int) -> Projection:
    """Expected benefits of `year + 1` in `area` from the books through `year`."""
    first = first_own_year(book, area) or year
    recent = [
        area_year(book, area, y)
        for y in range(max(min(first, year), year - TREND_YEARS + 1), year + 1)
    ]
    by_type: dict[str, Decimal] = {}
    for kind, column in BENEFIT_COLUMNS.items():
        last = [getattr(row, column) for row in recent[-MEAN_YEARS:]]
        by_type[kind] = (sum(last, ZERO) / len(last)).quantize(Decimal("0.01")) if last else ZERO
    members = book.register.members_of(area)
    if any(birth_year(m) is not None for m in members):
        by_type["Elderly"], count = _elderly_by_ages(book, area, year, members)
        return Projection(year + 1, by_type, BY_AGES, count)
    by_type["Elderly"] = trend([row.benefits_elderly for row in recent])
    return Projection(year + 1, by_type, BY_TREND, None)
