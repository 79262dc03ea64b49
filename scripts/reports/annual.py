"""`welfare report annual --area A --year Y`: the pack for the members' annual meeting.

The three legs and their shares, benefits by type over the years, running costs against the
bylaw's `admin-cap`, and the fund money at the end of the year against the coming year's
expected benefits (see `projection` for how elderly payments are projected). What the opening
entries brought forward from the old books (fund money, members' savings) is shown apart and
is never counted as a year's contributions or income (see `opening`).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd
from welfare_ledger.plugins.i18n import gettext
from welfare_ledger.plugins.summary import (
    BENEFIT_COLUMNS,
    area_year,
    book_areas,
)
from welfare_ledger.scripts.reports.labels import area_label, benefit_label, cents, column_label
from welfare_ledger.scripts.reports.opening import (
    NOTHING_BROUGHT,
    BroughtForward,
    brought_forward,
    first_own_year,
    in_year,
)
from welfare_ledger.scripts.reports.output import Report, year_label
from welfare_ledger.scripts.reports.projection import Projection, project
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.summary import AreaYear

Rows = list[tuple[int, "AreaYear", BroughtForward]]
HISTORY_YEARS = 6
TENTH = Decimal("0.1")
LEGS = ("contributions", "matching_government", "matching_local")
YEAR_COLUMNS = (
    "year",
    "kind",
    *LEGS,
    "donations",
    "interest",
    "grants_received",
    "income",
    *BENEFIT_COLUMNS.values(),
    "benefits",
    "projects",
    "admin",
    "admin_ratio",
    "admin_cap",
    "fund_balance",
    "brought_forward_fund",
    "brought_forward_income",
    "brought_forward_spending",
)


def known_areas(book: Book) -> list[str]:
    """The areas a pack can be made for."""
    return book_areas(book)


def history(book: Book, area: str, year: int) -> Rows:
    """The area's years from its first with figures of its own (at most six back) to `year`.

    Each year's row holds its own figures only; what the opening entries of that year
    brought forward comes beside it.
    """
    first = first_own_year(book, area) or year
    start = max(min(first, year), year - HISTORY_YEARS + 1)
    rows = []
    for y in range(start, year + 1):
        forward = in_year(book, area, y)
        rows.append((y, area_year(book, area, y), forward))
    return rows


def opening_before(book: Book, area: str, start: int) -> BroughtForward:
    """What opening entries dated before the first year shown brought forward (the years before)."""
    before = datetime.date(start, 1, 1) - datetime.timedelta(days=1) if start > datetime.MINYEAR else None
    return brought_forward(book, area, datetime.date.min, before) if before else NOTHING_BROUGHT


def admin_cap(book: Book, area: str, year: int) -> Decimal:
    """The bylaw's `admin-cap` (percent of income) in force at the end of `year`."""
    return book.policy(area, datetime.date(year, 12, 31)).admin_cap


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def table(book: Book, area: str, rows: Rows, projection: Projection) -> pd.DataFrame:
    """One row per year with its own figures and what was brought forward in it, then the expected row."""
    records: list[dict[str, Any]] = []
    for year, row, forward in rows:
        record: dict[str, Any] = {"year": year, "kind": "actual"}
        record.update({c: cents(v) for c, v in row.as_dict().items() if c in YEAR_COLUMNS})
        record.update(
            income=cents(row.income),
            admin_ratio=_ratio(row.admin_ratio),
            admin_cap=admin_cap(book, area, year),
            brought_forward_fund=cents(forward.fund),
            brought_forward_income=cents(forward.income),
            brought_forward_spending=cents(forward.spending),
        )
        records.append(record)
    expected: dict[str, Any] = {"year": projection.year, "kind": "expected"}
    expected.update({BENEFIT_COLUMNS[k]: cents(v) for k, v in projection.by_type.items()})
    expected["benefits"] = cents(projection.total)
    records.append(expected)
    return pd.DataFrame.from_records(records, columns=list(YEAR_COLUMNS))


def _charts(rows: Rows, caps: list[Decimal], lang: Lang) -> dict[str, str]:
    from welfare_ledger.scripts.reports import charts

    labels = [year_label(year, lang) for year, _, _ in rows]
    unit = gettext("Baht (THB)", lang)
    return {
        "legs": charts.stacked_bars(
            labels,
            {column_label(leg, lang): [getattr(row, leg) for _, row, _ in rows] for leg in LEGS},
            gettext("The three legs of the fund by year", lang),
            unit,
        ),
        "benefits": charts.stacked_bars(
            labels,
            {
                benefit_label(kind, lang): [getattr(row, column) for _, row, _ in rows]
                for kind, column in BENEFIT_COLUMNS.items()
            },
            gettext("Benefits by type by year", lang),
            unit,
        ),
        "admin": charts.lines_with_limit(
            labels,
            [row.admin_ratio for _, row, _ in rows],
            caps,
            (gettext("Running costs / income", lang), gettext("Bylaw cap", lang)),
            gettext("Running costs against the bylaw cap", lang),
        ),
    }


def build(book: Book, area: str, year: int, lang: Lang) -> Report:
    """The annual pack of `area` for `year`."""
    rows = history(book, area, year)
    caps = [admin_cap(book, area, y) for y, _, _ in rows]
    projection = project(book, area, year)
    current = rows[-1][1]
    monthly = projection.total / 12
    forwards = [forward for _, _, forward in rows if forward]
    earlier = opening_before(book, area, rows[0][0])
    context: dict[str, Any] = {
        "area": area,
        "area_name": area_label(book, area, lang),
        "forwards": ([earlier] if earlier else []) + forwards,
        "year_value": year,
        "rows": rows,
        "caps": caps,
        "current": current,
        "legs": LEGS,
        "benefit_columns": BENEFIT_COLUMNS,
        "kind_name": lambda kind: benefit_label(kind, lang),
        "label": lambda column: column_label(column, lang),
        "projection": projection,
        "months_covered": str((current.fund_balance / monthly).quantize(TENTH)) if monthly else None,
    }
    return Report(
        template="annual.html",
        sheets={str(year): table(book, area, rows, projection)},
        context=context,
        through=books_through(book, area),
        drawn=lambda: {"charts": _charts(rows, caps, lang)},
    )
