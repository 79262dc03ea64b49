"""Which era a statement's two-digit years are in, from what the file itself says.

Kasikorn writes `02-12-24` (Christian era); a passbook copy may write `02/12/67` (Buddhist
era, also 2024). `24` read as BE would be 1981 and `67` read as CE would be 2067, so the era
matters. The file usually says it elsewhere with four digits: the statement period in the
preamble (`01/12/2024 - 31/12/2024` or `01/12/2567 - 31/12/2567`), a printing date, other
rows. The era is the one that puts every two-digit date within a year of those four-digit
dates; when no four-digit date is written, or both eras or neither fit, the file is refused
rather than guessed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from welfare_ledger.importers.thai import BE_FROM, BE_OFFSET, MONTHS, TwoDigitYear, clean

if TYPE_CHECKING:
    import datetime
    from collections.abc import Iterable

ERAS = ("ce", "be")
_FOUR_DIGIT_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*(\d{4})(?!\d)")
_ISO = re.compile(r"(?<!\d)(\d{4})-\d{1,2}-\d{1,2}(?!\d)")
_MONTH_YEAR = re.compile(r"([^\d\s]+)\s*(\d{4})(?!\d)")


def years_written(texts: Iterable[object]) -> set[int]:
    """The Christian-era years of the four-digit dates written in `texts` (BE made CE)."""
    found: set[int] = set()
    for value in texts:
        text = clean(value)
        if not text:
            continue
        years = [int(year) for year in _FOUR_DIGIT_DATE.findall(text)]
        years += [int(year) for year in _ISO.findall(text)]
        years += [int(year) for name, year in _MONTH_YEAR.findall(text) if _is_month(name)]
        found.update(year - BE_OFFSET if year >= BE_FROM else year for year in years)
    return {year for year in found if 1900 <= year <= 2199}


def _is_month(name: str) -> bool:
    key = name.replace(".", "").replace("-", "").casefold()
    return key in MONTHS or key[:3] in MONTHS


def settle(open_years: list[TwoDigitYear], known: set[int], known_dates: Iterable[datetime.date]) -> str:
    """The era (`ce` or `be`) of the two-digit years, or the first of them re-raised.

    `known` are the years written with four digits anywhere in the file; `known_dates` the
    rows' own four-digit dates, which count as evidence too.
    """
    evidence = set(known) | {day.year for day in known_dates}
    if not evidence:
        raise open_years[0]
    low, high = min(evidence) - 1, max(evidence) + 1

    def fits(era: str) -> bool:
        years = [2000 + open_year.year if era == "ce" else 2500 + open_year.year - BE_OFFSET
                 for open_year in open_years]
        return all(low <= year <= high for year in years)

    eras = [era for era in ERAS if fits(era)]
    if len(eras) != 1:
        raise open_years[0]
    return eras[0]
