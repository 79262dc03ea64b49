"""`welfare report annual --area A --year Y`: the pack for the members' annual meeting.

The three legs and their shares, benefits by type over the years, running costs against the
bylaw's `admin-cap`, and the fund money at the end of the year against the coming year's
expected benefits (see `projection` for how elderly payments are projected).
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
    summary_index,
)
from welfare_ledger.scripts.reports import charts
from welfare_ledger.scripts.reports.labels import benefit_label, cents, column_label
from welfare_ledger.scripts.reports.output import Report, year_label
from welfare_ledger.scripts.reports.projection import Projection, project

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.summary import AreaYear

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
)


def known_areas(book: Book) -> list[str]:
    """The areas a pack can be made for."""
    return book_areas(book)


def history(book: Book, area: str, year: int) -> list[tuple[int, AreaYear]]:
    """The area's years from its first with entries (at most six years back) to `year`."""
    first = min(summary_index(book).years(area), default=year)
    start = max(min(first, year), year - HISTORY_YEARS + 1)
    return [(y, area_year(book, area, y)) for y in range(start, year + 1)]


def admin_cap(book: Book, area: str, year: int) -> Decimal:
    """The bylaw's `admin-cap` (percent of income) in force at the end of `year`."""
    return book.policy(area, datetime.date(year, 12, 31)).admin_cap


def _ratio(value: Decimal | None) -> Decimal | None:
    return None if value is None else value.quantize(Decimal("0.01"))


def table(book: Book, area: str, rows: list[tuple[int, AreaYear]], projection: Projection) -> pd.DataFrame:
    """One row per year with the actual figures, then a row of the coming year's expected benefits."""
    records: list[dict[str, Any]] = []
    for year, row in rows:
        record: dict[str, Any] = {"year": year, "kind": "actual"}
        record.update({c: cents(v) for c, v in row.as_dict().items() if c in YEAR_COLUMNS})
        record.update(
            income=cents(row.income),
            admin_ratio=_ratio(row.admin_ratio),
            admin_cap=admin_cap(book, area, year),
        )
        records.append(record)
    expected: dict[str, Any] = {"year": projection.year, "kind": "expected"}
    expected.update({BENEFIT_COLUMNS[k]: cents(v) for k, v in projection.by_type.items()})
    expected["benefits"] = cents(projection.total)
    records.append(expected)
    return pd.DataFrame.from_records(records, columns=list(YEAR_COLUMNS))


def _charts(rows: list[tuple[int, AreaYear]], caps: list[Decimal], lang: Lang) -> dict[str, str]:
    labels = [year_label(year, lang) for year, _ in rows]
    unit = gettext("Baht (THB)", lang)
    return {
        "legs": charts.stacked_bars(
            labels,
            {column_label(leg, lang): [getattr(row, leg) for _, row in rows] for leg in LEGS},
            gettext("The three legs of the fund by year", lang),
            unit,
        ),
        "benefits": charts.stacked_bars(
            labels,
            {
                benefit_label(kind, lang): [getattr(row, column) for _, row in rows]
                for kind, column in BENEFIT_COLUMNS.items()
            },
            gettext("Benefits by type by year", lang),
            unit,
        ),
        "admin": charts.lines_with_limit(
            labels,
            [row.admin_ratio for _, row in rows],
            caps,
            (gettext("Running costs / income", lang), gettext("Bylaw cap", lang)),
            gettext("Running costs against the bylaw cap", lang),
        ),
    }


def build(book: Book, area: str, year: int, lang: Lang) -> Report:
    """The annual pack of `area` for `year`."""
    rows = history(book, area, year)
    caps = [admin_cap(book, area, y) for y, _ in rows]
    projection = project(book, area, year)
    current = rows[-1][1]
    monthly = projection.total / 12
    context: dict[str, Any] = {
        "area": area,
        "area_name": book.register.area_name(area),
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
        "charts": _charts(rows, caps, lang),
    }
    return Report(
        template="annual.html",
        sheets={str(year): table(book, area, rows, projection)},
        context=context,
    )
