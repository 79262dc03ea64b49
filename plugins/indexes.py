"""Derived indexes over the facts, each built once per book on first use, for questions at any day.

Fund money and the cash box by day, the year's and month's money by report column, members'
cumulative contributions, and members' benefits by event year. Rules, reports, pages and the
export ask these, so a figure a member reads is the one a rule judged.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import itertools
import operator
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from beancount.core.data import Transaction
    from welfare_ledger.plugins.facts import Benefit, Contribution

ZERO = Decimal(0)


class Running:
    """A running total by day: cumulative sums of dated amounts, asked in O(log n)."""

    def __init__(self, moves: Iterable[tuple[datetime.date, Decimal]]) -> None:
        by_day: dict[datetime.date, Decimal] = {}
        for day, amount in moves:
            by_day[day] = by_day.get(day, ZERO) + amount
        self.days = sorted(by_day)
        self.changes = [by_day[day] for day in self.days]
        self.totals = list(itertools.accumulate(self.changes))

    def at(self, day: datetime.date) -> Decimal:
        """The total at the end of `day`."""
        index = bisect.bisect_right(self.days, day)
        return self.totals[index - 1] if index else ZERO

    def highest(self) -> Decimal:
        """The most the total ever reached (zero when it never rose)."""
        return max(self.totals, default=ZERO)

    def days_and_totals(self) -> Iterable[tuple[datetime.date, Decimal]]:
        """Each day with a change and the total at its end, in order."""
        return zip(self.days, self.totals, strict=True)


@dataclasses.dataclass
class FundIndex:
    """Fund money and cash box of each area by day; bank moves and balance checks by month."""

    fund: dict[str, Running]
    cash: dict[str, Running]
    cash_entries: dict[tuple[str, datetime.date], Transaction]
    bank_moves: dict[tuple[str, int, int], Transaction]
    """(account, year, month) -> the first transaction that moved the passbook that month."""

    def fund_at(self, area: str, day: datetime.date) -> Decimal:
        """Fund money of `area` at the end of `day`."""
        running = self.fund.get(area)
        return running.at(day) if running else ZERO

    def cash_at(self, area: str, day: datetime.date) -> Decimal:
        """The cash box of `area` at the end of `day`."""
        running = self.cash.get(area)
        return running.at(day) if running else ZERO

    def most_held(self) -> dict[str, Decimal]:
        """The most fund money each area ever held."""
        return {area: running.highest() for area, running in self.fund.items()}


class Flows:
    """Money by area, month and report column (income positive, spending positive)."""

    def __init__(self) -> None:
        self.monthly: dict[tuple[str, int, int], dict[str, Decimal]] = defaultdict(dict)

    def add(self, area: str, day: datetime.date, column: str, amount: Decimal) -> None:
        """Count `amount` in `column` of `area` for `day`'s month."""
        sums = self.monthly[(area, day.year, day.month)]
        sums[column] = sums.get(column, ZERO) + amount

    def month(self, area: str, year: int, month: int) -> dict[str, Decimal]:
        """The sums of one month (absent columns are zero)."""
        return self.monthly.get((area, year, month), {})

    def between(self, area: str, first: datetime.date, last: datetime.date) -> dict[str, Decimal]:
        """The sums of the whole months from `first`'s to `last`'s."""
        totals: dict[str, Decimal] = {}
        for (code, year, month), sums in self.monthly.items():
            if code != area or not (first.year, first.month) <= (year, month) <= (last.year, last.month):
                continue
            for column, amount in sums.items():
                totals[column] = totals.get(column, ZERO) + amount
        return totals

    def year(self, area: str, year: int) -> dict[str, Decimal]:
        """The sums of a calendar year."""
        return self.between(area, datetime.date(year, 1, 1), datetime.date(year, 12, 31))

    def years(self, area: str | None = None) -> list[int]:
        """The years with money moving (of one area, or of any)."""
        return sorted({year for (code, year, _) in self.monthly if area is None or code == area})

    def areas(self) -> set[str]:
        """The areas with money moving."""
        return {code for (code, _, _) in self.monthly}


class PaymentHistory:
    """Cumulative contributions of every member, for O(log n) questions at any day."""

    def __init__(self, by_member: dict[str, list[Contribution]]) -> None:
        self._dates: dict[str, list[datetime.date]] = {}
        self._totals: dict[str, list[Decimal]] = {}
        by_date, amount_of = operator.attrgetter("date"), operator.attrgetter("amount")
        for code, contributions in by_member.items():
            ordered = sorted(contributions, key=by_date)
            self._dates[code] = list(map(by_date, ordered))
            self._totals[code] = list(itertools.accumulate(map(amount_of, ordered)))

    def paid_through(self, code: str, day: datetime.date) -> Decimal:
        """Contributions of `code` dated on or before `day`."""
        dates = self._dates.get(code)
        if not dates:
            return ZERO
        index = bisect.bisect_right(dates, day)
        return self._totals[code][index - 1] if index else ZERO

    def paid_between(self, code: str, first: datetime.date, last: datetime.date) -> Decimal:
        """Contributions of `code` dated from `first` to `last`, both included."""
        if last < first:
            return ZERO
        before = (
            self.paid_through(code, first - datetime.timedelta(days=1)) if first > datetime.date.min else ZERO
        )
        return self.paid_through(code, last) - before


def benefit_order(benefit: Benefit) -> tuple[datetime.date, datetime.date, str, int]:
    """The order claims are judged in: by event, then payment, then place in the books."""
    file, line = benefit.location
    return benefit.event_date, benefit.date, file, line


class BenefitHistory:
    """Every member's benefits in judging order, and what they used of a type in a year.

    Amounts are net: a benefit paid back (a negative posting) gives back its share of the
    year's cap. The rule `benefit-cap` and the member's page both count this way.
    """

    def __init__(self, benefits: Iterable[Benefit]) -> None:
        self.by_member: dict[str, list[Benefit]] = defaultdict(list)
        for benefit in benefits:
            self.by_member[benefit.member].append(benefit)
        for found in self.by_member.values():
            found.sort(key=benefit_order)

    def of(self, member: str) -> list[Benefit]:
        """The member's benefits in judging order."""
        return self.by_member.get(member, [])

    def used_in_year(
        self, member: str, kind: str, year: int, through: datetime.date | None = None
    ) -> Decimal:
        """Net benefits of `kind` to `member` for events in `year`, paid on or before `through`."""
        return sum(
            (
                b.amount
                for b in self.by_member.get(member, ())
                if b.type == kind and b.event_date.year == year and (through is None or b.date <= through)
            ),
            ZERO,
        )
