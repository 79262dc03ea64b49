"""Thai and English for every message: gettext catalogs read with Babel, amounts and BE dates.

Messages are written in English in the code (the msgid) and translated to Thai in
`locale/th/LC_MESSAGES/<domain>.po`. Each part of the project keeps its own domain file so
that they can grow independently; at run time all domains are merged into one catalog.
The `.po` files are read directly with Babel, so no compile step is needed to install.
"""

from __future__ import annotations

import datetime
import functools
import os
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Literal, NamedTuple

from babel.messages.pofile import read_po
from babel.numbers import format_decimal

Lang = Literal["th", "en"]
LANGS: tuple[Lang, ...] = ("th", "en")
LOCALE_DIR = Path(__file__).with_name("locale")
BE_OFFSET = 543

THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
THAI_MONTHS_LONG = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)


def default_lang() -> Lang:
    """The language of the user's environment: `WELFARE_LANG`, else the POSIX locale."""
    for var in ("WELFARE_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "th" if value.lower().startswith("th") else "en"
    return "en"


@functools.cache
def _thai_catalog() -> dict[str, str]:
    """All Thai translations of all domains, msgid -> msgstr."""
    merged: dict[str, str] = {}
    for po_file in sorted((LOCALE_DIR / "th" / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as handle:
            catalog = read_po(handle, locale="th")
        for message in catalog:
            text = message.string
            if isinstance(message.id, str) and message.id and isinstance(text, str) and text:
                merged[message.id] = text
    return merged


def gettext(msgid: str, lang: Lang) -> str:
    """The text of `msgid` in `lang` (English is the msgid itself)."""
    if lang == "th":
        return _thai_catalog().get(msgid, msgid)
    return msgid


def thai_catalog_ids() -> frozenset[str]:
    """Every msgid that has a Thai translation (for tests that no text is left untranslated)."""
    return frozenset(_thai_catalog())


def format_amount(value: Decimal | int | float, lang: Lang, *, currency: bool = True) -> str:
    """Baht with thousands separators and two decimals: `1,234.00 บาท` / `1,234.00 THB`."""
    text = format_decimal(Decimal(value), format="#,##0.00", locale="en_US")
    if not currency:
        return text
    return f"{text} บาท" if lang == "th" else f"{text} THB"


def be_year(year: int) -> int:
    """The Buddhist Era year of a Gregorian year."""
    return year + BE_OFFSET


def format_date(day: datetime.date, lang: Lang, *, long: bool = False) -> str:
    """Thai dates in the Buddhist Era (`28 ก.ย. 2565`); ISO dates in English."""
    if lang == "en":
        return day.isoformat()
    months = THAI_MONTHS_LONG if long else THAI_MONTHS_SHORT
    return f"{day.day} {months[day.month - 1]} {be_year(day.year)}"


def format_month(year: int, month: int, lang: Lang) -> str:
    """A month as people write it: `กันยายน 2565` / `2022-09`."""
    if lang == "en":
        return f"{year:04d}-{month:02d}"
    return f"{THAI_MONTHS_LONG[month - 1]} {be_year(year)}"


class Month(NamedTuple):
    """A calendar month as a message parameter: `มีนาคม 2565` in Thai, `2022-03` in English."""

    year: int
    month: int


class Year(NamedTuple):
    """A year as a message parameter: Buddhist Era in Thai (`2567`), Christian era in English."""

    year: int


class Msg(NamedTuple):
    """A message inside a message (a reason, a label): translated with the message that holds it."""

    msgid: str
    params: Mapping[str, object] = {}


def format_value(value: object, lang: Lang) -> str:  # noqa: PLR0911  (one return per kind of value)
    """One message parameter in the reader's language."""
    if isinstance(value, Msg):
        return render(value.msgid, value.params, lang)
    if isinstance(value, Month):
        return format_month(value.year, value.month, lang)
    if isinstance(value, Year):
        return str(be_year(value.year) if lang == "th" else value.year)
    if isinstance(value, Decimal):
        return format_amount(value, lang)
    if isinstance(value, datetime.date):
        return format_date(value, lang)
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(format_value(item, lang) for item in value) or "-"
    return str(value)


def render(msgid: str, params: Mapping[str, object], lang: Lang) -> str:
    """Translate `msgid` and fill its `{named}` fields with values formatted for `lang`."""
    template = gettext(msgid, lang)
    return template.format_map({key: format_value(val, lang) for key, val in params.items()})


class UserError(Exception):
    """A problem a person must fix (a file that cannot be read, a bad option), told in their language.

    Carries the English msgid and its parameters, so the one catalog translates it when it is
    shown, as for every other message.
    """

    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(render(msgid, params, "en"))
        self.msgid = msgid
        self.params = params

    def message(self, lang: Lang) -> str:
        """The message in `lang`."""
        return render(self.msgid, self.params, lang)
