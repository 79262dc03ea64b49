"""`welfare report areas --year Y`: the province roll-up for CODI and the provincial meeting.

One row per area and a `TOTAL` row with the exact columns of docs/data-model.md, section 8; the page
adds each leg's share of the three legs and running costs against the year's income.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd
from welfare_ledger.plugins.i18n import gettext
from welfare_ledger.plugins.summary import COLUMNS, area_years, total_row
from welfare_ledger.scripts.reports.labels import area_label, cents, column_label
from welfare_ledger.scripts.reports.output import Report, year_label
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.summary import AreaYear

LEGS = ("contributions", "matching_government", "matching_local")


def table(rows: list[AreaYear]) -> pd.DataFrame:
    """The rows and their total as a table with the contract's columns."""
    records = [{k: cents(v) for k, v in row.as_dict().items()} for row in [*rows, total_row(rows)]]
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def build(book: Book, year: int, lang: Lang) -> Report:
    """The areas report of `year`."""
    rows = area_years(book, year)
    total = total_row(rows)
    names = {row.area: area_label(book, row.area, lang) for row in rows}

    def drawn() -> dict[str, Any]:
        from welfare_ledger.scripts.reports import charts

        chart = None
        if rows:
            chart = charts.horizontal_bars(
                [names[row.area] for row in rows],
                {column_label(leg, lang): [getattr(row, leg) for row in rows] for leg in LEGS},
                gettext("The three legs of each fund", lang),
                gettext("Baht (THB)", lang),
            )
        return {"chart": chart}

    return Report(
        template="areas.html",
        sheets={str(year): table(rows)},
        context={
            "rows": rows,
            "total": total,
            "names": names,
            "year_value": year,
            "year_text": year_label(year, lang),
            "legs": LEGS,
            "label": lambda column: column_label(column, lang),
        },
        through=books_through(book),
        drawn=drawn,
    )
