"""Reading values as Thai offices write them: BE dates, Thai months and digits, baht, encodings.

Passbooks, collection sheets and bank exports mix Buddhist-era and Gregorian years, Thai
month abbreviations with two- or four-digit BE years (`28 ก.ย. 65`), Thai digits (๐-๙),
thousands separators, and files saved as UTF-8 (with or without BOM) or Windows-874
(TIS-620 is a subset of it). Every function here either returns a clean value or raises a
`CellError` that says what was wrong with the value.
"""

from __future__ import annotations

import codecs
import datetime
import functools
import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from welfare_ledger.importers.problems import CellError, ImportProblem
from welfare_ledger.plugins.i18n import BE_OFFSET, THAI_MONTHS_LONG, THAI_MONTHS_SHORT

if TYPE_CHECKING:
    from pathlib import Path

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_FROM = 2400
CENT = Decimal("0.01")
LARGEST = Decimal("1000000000000")
FIRST_YEAR, LAST_YEAR = 1900, 2199
EXCEL_EPOCH = datetime.date(1899, 12, 30)
SERIALS = (20000, 80000)
ENGLISH_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _month_key(text: str) -> str:
    return text.replace(".", "").replace(" ", "").replace("-", "").casefold()


MONTHS: dict[str, int] = {
    **{_month_key(name): number for number, name in enumerate(THAI_MONTHS_SHORT, 1)},
    **{_month_key(name): number for number, name in enumerate(THAI_MONTHS_LONG, 1)},
    **{name: number for number, name in enumerate(ENGLISH_MONTHS, 1)},
}
_NUMERIC_DATE = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})")
_SHORT_DATE = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORD_DATE = re.compile(r"(\d{1,2})\s*([^\d\s]+(?:\s*[^\d\s]+)*?)\s*(\d{2}|\d{4})")
_TIME_SUFFIX = re.compile(r"\s+\d{1,2}[:.]\d{2}([:.]\d{2})?$")
_AMOUNT_NOISE = re.compile(r"[\s\u00a0฿]|บาท|THB", re.IGNORECASE)
_AMOUNT = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d*)?|[+-]?\.\d+")


def thai_digits(text: str) -> str:
    """`๒๘/๐๙/๒๕๖๕` -> `28/09/2565`."""
    return text.translate(THAI_DIGITS)


def clean(value: object) -> str:
    """A cell as text: Thai digits made Arabic, spaces trimmed; empty cells are ''."""
    if value is None:
        return ""
    return thai_digits(str(value)).strip()


def gregorian_year(year: int, *, two_digits: bool = False) -> int:
    """A year as written (BE or CE, or two BE digits) as the Gregorian year."""
    if two_digits:
        return 2500 + year - BE_OFFSET
    return year - BE_OFFSET if year >= BE_FROM else year


def _day(year: int, month: int, day: int, value: object) -> datetime.date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise CellError("{value} is out of range: a date from {first} to {last} is expected.", value,
                        first=FIRST_YEAR, last=LAST_YEAR)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise CellError("{value} is not a real date.", value) from None


class TwoDigitYear(CellError):  # noqa: N818  (a date left open, not a failure until the file says so)
    """A `DD-MM-YY` date: the year may be Christian-era (`24` = 2024) or Buddhist-era (`67` = 2024).

    The reader decides the era from the rest of the file (see `bank.years`) or refuses.
    """

    def __init__(self, value: object, day: int, month: int, year: int) -> None:
        super().__init__(
            "{value} has a two-digit year that could be {ce} or {be}; nothing else in the file "
            "says which. Save the file with four-digit years (e.g. 28/09/2565).",
            value, ce=2000 + year, be=f"{2500 + year} ({2500 + year - BE_OFFSET})",
        )
        self.day, self.month, self.year = day, month, year

    def resolve(self, era: str) -> datetime.date:
        """The date in the `era` the file shows (`ce` or `be`)."""
        year = 2000 + self.year if era == "ce" else 2500 + self.year - BE_OFFSET
        return _day(year, self.month, self.day, self.value)


def parse_date(value: object) -> datetime.date:
    """A date as written in Thailand: `28/09/2565`, `28/09/2022`, `2022-09-28`, `28 ก.ย. 65`.

    Four-digit years from 2400 up are Buddhist Era; two-digit years after a month name are
    BE, as Thai usage makes them (`65` is 2565, i.e. 2022); a numeric date with a two-digit
    year (`02-12-24`) raises `TwoDigitYear`, for the reader to settle the era from the rest of
    the file. Years outside 1900-2199 are out of range. A cell that already
    holds a date (XLSX) is taken as it is, and so is a date cell that lost its format and
    shows Excel's day number (1954 to 2119).
    """
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return _day(value.year, value.month, value.day, value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and SERIALS[0] < value < SERIALS[1]:
        return EXCEL_EPOCH + datetime.timedelta(days=int(value))
    try:
        return _date_text(clean(value))
    except TwoDigitYear:
        raise
    except CellError as exc:
        raise CellError(exc.msgid, value, **exc.params) from None


@functools.lru_cache(maxsize=4096)
def _date_text(text: str) -> datetime.date:
    """A written date; cached, as a statement has many rows a day."""
    value = text
    text = _TIME_SUFFIX.sub("", text)
    if not text:
        raise CellError("The date is missing.", value)
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _day(gregorian_year(year), month, day, value)
    if match := _NUMERIC_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        return _day(gregorian_year(year), month, day, value)
    if match := _SHORT_DATE.fullmatch(text):
        short_day, _, short_month, short_year = match.groups()
        raise TwoDigitYear(value, int(short_day), int(short_month), int(short_year))
    if (match := _WORD_DATE.fullmatch(text)) and (named := _word_date(match, value)) is not None:
        return named
    raise CellError("{value} is not a date (write e.g. 28/09/2565 or 28 ก.ย. 65).", value)


def _word_date(match: re.Match[str], value: str) -> datetime.date | None:
    """`28 ก.ย. 65`: a month by name; two-digit years are BE, as Thai usage writes them."""
    day_text, month_text, year_text = match.groups()
    named = MONTHS.get(_month_key(month_text)) or MONTHS.get(_month_key(month_text)[:3])
    if named is None:
        return None
    year = gregorian_year(int(year_text), two_digits=len(year_text) == 2)
    return _day(year, named, int(day_text), value)


def parse_amount(value: object) -> Decimal | None:
    """Baht as written: `1,234.50`, `๑,๒๓๔`, `(500.00)` or `500-` for negatives; None if empty.

    Amounts are kept to the satang; more than two decimals is a typing error, not rounding.
    An amount of a trillion baht or more (a 31-digit cell, a spreadsheet's `1E400`) is out of range.
    """
    if isinstance(value, bool):
        raise CellError("{value} is not an amount.", value)
    if isinstance(value, (int, float)):
        number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    else:
        written = _written_amount(value)
        if written is None:
            return None
        number = written
    if not number.is_finite() or abs(number) >= LARGEST:
        raise CellError("{value} is out of range for an amount.", value)
    quantized = number.quantize(CENT)
    if quantized != number:
        raise CellError("{value} has more than two decimals (satang).", value)
    return quantized


def _written_amount(value: object) -> Decimal | None:
    """An amount written as text, signed; None for an empty cell."""
    text = _AMOUNT_NOISE.sub("", clean(value))
    if text in ("", "-"):
        return None
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    elif text.endswith("-") and text[:-1].replace(".", "").replace(",", "").isdigit():
        negative, text = True, text[:-1]
    if not _AMOUNT.fullmatch(text):
        raise CellError("{value} is not an amount.", value)
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise CellError("{value} is not an amount.", value) from None
    return -number if negative else number


def parse_count(value: object) -> int | None:
    """A whole number such as nights in hospital; None if empty."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 10_000:
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    text = clean(value).replace(",", "")
    if not text:
        return None
    if not text.isdigit():
        raise CellError("{value} is not a whole number.", value)
    if len(text) > 4:
        raise CellError("{value} is out of range for a count.", value)
    return int(text)


def detect_encoding(head: bytes) -> str:
    """`utf-8-sig` with a BOM, `utf-8` when the bytes are valid UTF-8, else Windows-874.

    Only the head is tested, so a multi-byte character cut at its end is not held against it.
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp874"
    return "utf-8"


def decode(raw: bytes, path: str | Path) -> str:
    """The text of a file in the encoding its bytes show, or a problem naming the line and byte."""
    first = detect_encoding(raw[:65536])
    try:
        return raw.decode(first)
    except UnicodeDecodeError as exc:
        failure = exc
    if first == "utf-8":
        try:
            return raw.decode("cp874")
        except UnicodeDecodeError:
            pass
    line = raw.count(b"\n", 0, failure.start) + 1
    raise ImportProblem(
        "The file is neither UTF-8 nor Windows-874 (TIS-620) text (byte {byte}).",
        file=path,
        row=line,
        byte=failure.start,
    )
