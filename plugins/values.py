"""Reading the values people write in registers and metadata, and date arithmetic that cannot overflow.

A register or metadata value may be of any type Beancount parses (text, number, amount, date,
bool) and may be absurd (`"NaN"`, `100000000000` days, a 40-digit amount). The readers here give
either a value the rules can use or a `Bad` saying, as a msgid with parameters, why it cannot be
used; they never raise. Dates near the ends of the calendar (an entry dated 9999-12-31) stay
dates: arithmetic saturates at `datetime.date.min` / `max` instead of raising.
"""

from __future__ import annotations

import dataclasses
import datetime
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from beancount.core.amount import Amount

CURRENCY = "THB"
LARGEST_AMOUNT = Decimal(10) ** 12
"""More baht than any community fund holds: a larger value is a typo or an attack."""
LARGEST_COUNT = 10**6

NOT_A_NUMBER = "is not a number"
NOT_AN_AMOUNT = "is not an amount in THB"
OUT_OF_RANGE = "is out of range ({low} to {high})"
NOT_WHOLE = "is not a whole number"
NOT_A_DATE = "is not a date"
NOT_TEXT = "is not text in quotes"
EMPTY = "is empty"
NOT_A_CODE = "is not a code (one word, no spaces)"


@dataclasses.dataclass(frozen=True, slots=True)
class Bad:
    """Why a value cannot be used: a msgid fragment (see the constants above) and its parameters."""

    reason: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)


def _finite(number: Decimal) -> bool:
    return number.is_finite()


def _thai_digits_to_ascii(text: str) -> str:
    return "".join(str(unicodedata.digit(char)) if char.isdigit() else char for char in text)


def read_decimal(value: Any) -> Decimal | Bad:  # noqa: PLR0911  (one return per type a value may have)
    """A finite number of reasonable size from a number, an amount in THB, or text holding one."""
    number: Decimal
    if isinstance(value, bool):
        return Bad(NOT_A_NUMBER)
    if isinstance(value, Amount):
        if value.currency != CURRENCY or value.number is None:
            return Bad(NOT_AN_AMOUNT)
        number = value.number
    elif isinstance(value, (Decimal, int)):
        number = Decimal(value)
    elif isinstance(value, str):
        text = _thai_digits_to_ascii(value).replace(",", "").strip()
        if text.upper().endswith(CURRENCY):
            text = text[: -len(CURRENCY)].strip()
        try:
            number = Decimal(text)
        except (InvalidOperation, ValueError):
            return Bad(NOT_A_NUMBER)
        if not number.is_finite():
            return Bad(NOT_A_NUMBER)
    else:
        return Bad(NOT_A_NUMBER)
    if not _finite(number) or abs(number) >= LARGEST_AMOUNT:
        return Bad(OUT_OF_RANGE, {"low": -LARGEST_AMOUNT, "high": LARGEST_AMOUNT})
    return number


def read_amount(value: Any, *, low: Decimal = Decimal(0)) -> Decimal | Bad:
    """An amount of baht at least `low` (zero by default)."""
    number = read_decimal(value)
    if isinstance(number, Bad):
        return number if number.reason != NOT_A_NUMBER else Bad(NOT_AN_AMOUNT)
    if number < low:
        return Bad(OUT_OF_RANGE, {"low": low, "high": LARGEST_AMOUNT})
    return number


def read_int(value: Any, low: int, high: int) -> int | Bad:
    """A whole number from `low` to `high`."""
    number = read_decimal(value)
    if isinstance(number, Bad):
        return number
    if number != number.to_integral_value():
        return Bad(NOT_WHOLE)
    if not low <= number <= high:
        return Bad(OUT_OF_RANGE, {"low": low, "high": high})
    return int(number)


def read_date(value: Any) -> datetime.date | Bad:
    """A date, written as a date (`2024-01-31`) or as ISO text."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return Bad(NOT_A_DATE)
    return Bad(NOT_A_DATE)


def read_text(value: Any) -> str | Bad:
    """Non-empty text."""
    if not isinstance(value, str):
        return Bad(NOT_TEXT)
    text = value.strip()
    return text if text else Bad(EMPTY)


def code_text(value: Any) -> str:
    """The code a metadata value stands for, whatever its type: numbers become their text.

    `member: 123` is not in quotes, so Beancount reads a number; it still names someone and
    must be judged (as an unknown member) rather than skipped.
    """
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Decimal):
        return format(value, "f") if value.is_finite() else str(value)
    return str(value)


def split_codes(value: Any) -> tuple[str, ...]:
    """The codes written in one metadata value, separated by spaces or commas, each once, in order."""
    if value is None:
        return ()
    text = code_text(value)
    return tuple(dict.fromkeys(code for code in text.replace(",", " ").split() if code))


def add_days(day: datetime.date, days: int) -> datetime.date:
    """`day` plus `days`, held at the ends of the calendar instead of overflowing."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return datetime.date.max if days > 0 else datetime.date.min


def month_start(year: int, month: int) -> datetime.date:
    """The first day of a month given by a year and a month that may run past 12 or below 1."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if year > datetime.MAXYEAR:
        return datetime.date.max
    if year < datetime.MINYEAR:
        return datetime.date.min
    return datetime.date(year, month, 1)


def next_month(day: datetime.date) -> datetime.date:
    """The first day of the month after `day`'s (the last day of the calendar stays itself)."""
    return month_start(day.year, day.month + 1)


def months_between(first: datetime.date, last: datetime.date) -> int:
    """Whole months from `first` to `last` (0 when `last` is before `first`)."""
    months = (last.year - first.year) * 12 + last.month - first.month
    if last.day < first.day:
        months -= 1
    return max(months, 0)


def year_end(year: int) -> datetime.date:
    """31 December of `year`, within the calendar."""
    return datetime.date(min(max(year, datetime.MINYEAR), datetime.MAXYEAR), 12, 31)
