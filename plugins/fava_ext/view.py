"""What the transparency pages show, computed once per load of a book from the shared functions.

The pages are a view over the same code as `welfare check` (`loader.collect_findings`) and
`welfare report` (`summary`, `statement`, `membership`); nothing here judges or sums on its
own, so the pages can never tell members something the reports do not.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from typing import TYPE_CHECKING, Any

from beancount.core.data import Balance, Custom, Transaction
from fava.beans.funcs import hash_entry
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.loader import collect_findings
from welfare_ledger.plugins.membership import dues_status, payment_history
from welfare_ledger.plugins.statement import MemberStatement, member_statement
from welfare_ledger.plugins.summary import (
    AreaYear,
    GrantStatus,
    area_years,
    book_areas,
    grant_statuses,
    summary_index,
    total_row,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core.data import Directive
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.registers import Seal

SEAL_RULE = "seal"
STALE_DAYS = 45


@dataclasses.dataclass(frozen=True, slots=True)
class FindingRow:
    """A finding with the hash Fava uses to show its entry."""

    finding: Finding
    entry_hash: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class SealStatus:
    """The latest seal of an area and whether the sealed content still matches it."""

    area: str
    seal: Seal | None
    broken: bool

    @property
    def state(self) -> str:
        """`none`, `intact` or `broken`."""
        if self.seal is None:
            return "none"
        return "broken" if self.broken else "intact"


@dataclasses.dataclass(frozen=True, slots=True)
class AreaOverview:
    """One area on the overview: the year's figures, paid-up members, findings and seal."""

    area: str
    name: str
    figures: AreaYear
    paid_up: int
    errors: int
    warnings: int
    seal: SealStatus | None


@dataclasses.dataclass(frozen=True, slots=True)
class FailedReload:
    """A reload of the books that could not be read: when, and what Beancount said first."""

    at: datetime.datetime
    errors: int
    first: str


@dataclasses.dataclass
class Snapshot:
    """Everything the pages need from one load of a book."""

    book: Book
    rows: list[FindingRow]
    areas: list[str]
    years: list[int]
    grants: list[GrantStatus]
    seals: dict[str, SealStatus]
    today: datetime.date
    real_today: datetime.date
    locations: dict[tuple[str, int], Directive] = dataclasses.field(default_factory=dict)
    _overviews: dict[int, list[AreaOverview]] = dataclasses.field(default_factory=dict)
    failed_reload: FailedReload | None = None
    """Set when a later load of the books broke: the pages then show this, the last good load."""

    @property
    def through(self) -> datetime.date:
        """The day through which the books are written; the pages count "today" as this day."""
        return self.today

    @property
    def days_behind(self) -> int:
        """How many days the books are behind the real today."""
        return (self.real_today - self.today).days

    @property
    def stale(self) -> bool:
        """Whether the books are more than `STALE_DAYS` behind (docs/data-model.md, `stale-books`)."""
        return self.days_behind > STALE_DAYS

    def entry_hash_at(self, file: str, line: int) -> str | None:
        """Fava's hash of the entry that starts at `file`:`line`, so a link opens that very entry."""
        entry = self.locations.get((file, line))
        return _hash(entry) if entry is not None else None

    def grant_report_hash(self, code: str) -> str | None:
        """Fava's hash of the `grant-report` entry of grant `code`, whose `document` is the report."""
        for entry in self.locations.values():
            if (
                isinstance(entry, Custom)
                and entry.type == "grant-report"
                and entry.values
                and entry.values[0].value == code
            ):
                return _hash(entry)
        return None

    @property
    def findings(self) -> list[Finding]:
        """The findings, in the order `welfare check` prints them."""
        return [row.finding for row in self.rows]

    @property
    def default_year(self) -> int:
        """The latest year with money moving, not after today; else today's year."""
        past = [year for year in self.years if year <= self.today.year]
        return past[-1] if past else self.today.year

    def overview(self, year: int) -> list[AreaOverview]:
        """Each area's overview for `year`, computed once per year asked."""
        if year not in self._overviews:
            self._overviews[year] = _overview(self, year)
        return self._overviews[year]

    def total(self, year: int) -> AreaOverview:
        """The province's row: every area's figures added up."""
        rows = self.overview(year)
        return AreaOverview(
            area="TOTAL",
            name="",
            figures=total_row([row.figures for row in rows]),
            paid_up=sum(row.paid_up for row in rows),
            errors=sum(row.errors for row in rows),
            warnings=sum(row.warnings for row in rows),
            seal=None,
        )

    def groups(self) -> list[tuple[str, list[tuple[str, list[FindingRow]]]]]:
        """Findings grouped by area, then rule, as `welfare check` groups them."""
        grouped = []
        for area, by_area in itertools.groupby(self.rows, key=lambda row: row.finding.area):
            rules = [
                (rule, list(by_rule))
                for rule, by_rule in itertools.groupby(by_area, key=lambda row: row.finding.rule)
            ]
            grouped.append((area, rules))
        return grouped

    def statement(self, code: str, day: datetime.date) -> MemberStatement | None:
        """A member's statement on `day`, as `welfare report member` gives it; None if unknown."""
        if code not in self.book.register.members:
            return None
        return member_statement(self.book, code, day)


def _hash(entry: Directive) -> str | None:
    try:
        return hash_entry(entry)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _locations(entries: Sequence[Directive]) -> dict[tuple[str, int], Directive]:
    """Each entry of Fava's load by the file and line it starts at."""
    found: dict[tuple[str, int], Directive] = {}
    for entry in entries:
        meta = entry.meta or {}
        found.setdefault((str(meta.get("filename", "")), int(meta.get("lineno", 0) or 0)), entry)
    return found


def books_through(entries: Sequence[Directive], today: datetime.date) -> datetime.date:
    """The date of the last transaction or balance not after `today` (the books' own "today")."""
    last = None
    for entry in entries:
        dated = isinstance(entry, (Transaction, Balance)) and entry.date <= today
        if dated and (last is None or entry.date > last):
            last = entry.date
    return last or today


def _paid_up(book: Book, area: str, day: datetime.date) -> int:
    history = payment_history(book)
    return sum(
        1
        for member in book.register.members_of(area)
        if member.active_on(day) and dues_status(book, history, member, day).paid_up
    )


def _overview(snapshot: Snapshot, year: int) -> list[AreaOverview]:
    book = snapshot.book
    day = min(datetime.date(year, 12, 31), snapshot.today)
    counts: dict[tuple[str, Severity], int] = {}
    for finding in snapshot.findings:
        key = (finding.area, finding.severity)
        counts[key] = counts.get(key, 0) + 1
    return [
        AreaOverview(
            area=figures.area,
            name=book.register.area_name(figures.area),
            figures=figures,
            paid_up=_paid_up(book, figures.area, day),
            errors=counts.get((figures.area, Severity.ERROR), 0),
            warnings=counts.get((figures.area, Severity.WARNING), 0),
            seal=snapshot.seals.get(figures.area),
        )
        for figures in area_years(book, year)
    ]


BROKEN_LOAD_ERRORS = frozenset({"LexerError", "ParserError", "ParserSyntaxError", "LoadError"})


def broken_load(entries: Sequence[Directive], errors: Sequence[Any]) -> bool:
    """Whether a load could not read the books: a syntax error, or nothing read at all."""
    return not entries or any(type(error).__name__ in BROKEN_LOAD_ERRORS for error in errors)


def take_snapshot(
    entries: Sequence[Directive],
    errors: Sequence[Any],
    options: dict[str, Any],
    today: datetime.date,
) -> Snapshot:
    """Gather findings, figures, grants and seals of a loaded book once.

    `today` is the real date; the pages compute as of the day the books are written through,
    and say how far behind that is.
    """
    book, findings = collect_findings(list(entries), list(errors), options)
    locations = _locations(entries)
    if book is None:
        book = build_book(entries, options)
    areas = book_areas(book)
    broken = {f.area for f in findings if f.rule == SEAL_RULE}
    seals = {area: SealStatus(area, book.register.latest_seal(area), area in broken) for area in areas}

    def row(finding: Finding) -> FindingRow:
        entry = locations.get((finding.file, finding.line))
        return FindingRow(finding, _hash(entry) if entry is not None else None)

    return Snapshot(
        book=book,
        rows=[row(f) for f in findings],
        areas=areas,
        years=summary_index(book).years(),
        grants=grant_statuses(book),
        seals=seals,
        today=books_through(entries, today),
        real_today=today,
        locations=locations,
    )
