"""What counts as a private person's data in the books: national IDs, mobile numbers, names.

The books are public to every member, so the importers mask these before they are written
and the `personal-data` rule reports any that got in another way. Both use this one module,
so that what the importers hide is exactly what the rule looks for:

- a Thai national ID: 13 digits whose last is the mod-11 check digit, written together or
  grouped with hyphens, spaces or dots, in Arabic or Thai digits (`1-2345-67890-12-1`,
  `1 2345 67890 12 1`, `๑๒๓๔...`);
- a Thai mobile number: `0` then 6, 8 or 9 and eight more digits, or `+66` instead of the
  `0`, grouped with hyphens, spaces, dots or brackets (`081-234-5678`, `081.234.5678`,
  `(081) 234 5678`, `+66 81 234 5678`, Thai digits);
- a person's name after a Thai or English honorific (นาย, นาง, นางสาว, น.ส., ด.ช., ด.ญ.,
  เด็กชาย, เด็กหญิง, Mr, Mrs, Ms, Miss), but not the common words that start like one
  (นายก, นายอำเภอ, นายทะเบียน, นางพยาบาล, ...).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

DIGIT = "[0-9\u0e50-\u0e59]"
_THAI_LETTER = "\u0e01-\u0e4e"
_NOT_BEFORE = "(?<![0-9\u0e50-\u0e59A-Za-z+])"
_NOT_AFTER = "(?![0-9\u0e50-\u0e59A-Za-z])"
_GROUP = "[ .\\-]?"

NATIONAL_ID = re.compile(f"{_NOT_BEFORE}{DIGIT}(?:{_GROUP}{DIGIT}){{12}}{_NOT_AFTER}")
MOBILE = re.compile(
    f"{_NOT_BEFORE}(?:\\+\\s?(?:66|\u0e56\u0e56)[ .\\-]?\\(?[0\u0e50]?\\)?\\s?|\\(?[0\u0e50])"
    f"[689\u0e56\u0e58\u0e59](?:[ .\\-)]{{0,2}}{DIGIT}){{8}}{_NOT_AFTER}"
)
LONG_NUMBER = re.compile(
    f"(?<![0-9\u0e50-\u0e59.,]){DIGIT}(?:[ \\-]?{DIGIT}){{8,12}}(?![0-9\u0e50-\u0e59.,])"
)

_THAI_TITLES = "นางสาว|เด็กชาย|เด็กหญิง|น\\.\\s?ส\\.?|ด\\.\\s?ช\\.?|ด\\.\\s?ญ\\.?|นาง|นาย"
# Words that begin like นาย/นาง but name an office or a trade, not a person.
_NOT_A_NAME = (
    "ก(?=$|[\\s.ฯ]|เทศมนตรี|อบต|องค์การ|สมาคม|รัฐมนตรี|สภา|สโมสร|ชมรม)|อำเภอ|ทะเบียน|จ้าง|หน้า|ช่าง|ตรวจ"
    "|สถานี|ทุน|ประกัน|สิบ|ร้อย|พัน|พล|ท่า|ด่าน|พยาบาล|งาม|ฟ้า|แบบ|กำนัล|ใน|สนม|สาว"
)
_AFTER_WORDS = ("จาก", "ให้", "แก่", "โดย", "ของ", "ถึง", "คืน", "ชื่อ", "บัญชี", "โอน")
_THAI_START = "(?:" + "|".join([f"(?<![{_THAI_LETTER}])", *(f"(?<={word})" for word in _AFTER_WORDS)]) + ")"
_WORD = f"[{_THAI_LETTER}A-Za-z]+"
THAI_NAME = re.compile(
    f"{_THAI_START}(?P<title>{_THAI_TITLES})[ \\t]*(?!{_NOT_A_NAME})(?P<name>{_WORD}(?:[ \\t]+{_WORD})?)"
)
ENGLISH_NAME = re.compile(
    "(?<![A-Za-z])(?P<title>mrs|mr|ms|miss)(?:\\.[ \\t]*|[ \\t]+)(?P<name>[A-Za-z]+(?:[ \\t]+[A-Za-z]+)?)",
    re.IGNORECASE,
)
HIDDEN_NAME = "***"


class NumberLeak(NamedTuple):
    """A national ID or mobile number found in a text, and where."""

    kind: str
    masked: str
    start: int
    end: int


class NameLeak(NamedTuple):
    """A name after an honorific: the honorific as written (never the name), and where the name is."""

    title: str
    start: int
    end: int


def digits_of(text: str) -> str:
    """The digits of `text` in Arabic numerals, separators dropped."""
    return "".join(str(int(char)) for char in text if char.isdigit())


def valid_national_id(digits: str) -> bool:
    """Whether 13 digits end with the mod-11 check digit of Thai national ID numbers."""
    if len(digits) != 13 or not digits.isdigit():
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def mask(digits: str, shown_head: int) -> str:
    """The number with all but its first `shown_head` and last two digits hidden."""
    return digits[:shown_head] + "X" * (len(digits) - shown_head - 2) + digits[-2:]


def find_numbers(text: str) -> list[NumberLeak]:
    """Every national ID (with a valid check digit) and mobile number in `text`, masked."""
    found: list[NumberLeak] = []
    for match in NATIONAL_ID.finditer(text):
        digits = digits_of(match.group())
        if valid_national_id(digits):
            found.append(NumberLeak("national-id", mask(digits, 0), match.start(), match.end()))
    for match in MOBILE.finditer(text):
        digits = digits_of(match.group())
        found.append(NumberLeak("mobile", mask(digits, 2), match.start(), match.end()))
    return found


def find_in_number(value: Decimal | int) -> NumberLeak | None:
    """A national ID or mobile number written as a number (a metadata value without quotes).

    Written as a number, a mobile number loses its leading `0`: nine digits starting with
    6, 8 or 9 (or eleven starting with 66) are read as one.
    """
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        return None
    number = Decimal(value)
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        return None
    digits = str(int(number))
    if valid_national_id(digits):
        return NumberLeak("national-id", mask(digits, 0), 0, len(digits))
    lost_zero = len(digits) == 9 and digits[0] in "689"
    country = len(digits) == 11 and digits[:3] in ("666", "668", "669")
    if lost_zero or country:
        mobile = "0" + digits[-9:]
        return NumberLeak("mobile", mask(mobile, 2), 0, len(digits))
    return None


def find_names(text: str) -> list[NameLeak]:
    """Every name of a person written after a Thai or English honorific in `text`."""
    found = [NameLeak(m.group("title"), m.start("name"), m.end("name")) for m in THAI_NAME.finditer(text)]
    found += [NameLeak(m.group("title"), m.start("name"), m.end("name")) for m in ENGLISH_NAME.finditer(text)]
    return found


def _keep_last_four(text: str) -> str:
    out: list[str] = []
    keep = 4
    for char in reversed(text):
        if char.isdigit() and keep > 0:
            keep -= 1
            out.append(char)
        else:
            out.append("x" if char.isdigit() else char)
    return "".join(reversed(out))


def mask_text(text: str) -> str:
    """`text` fit to publish: names after honorifics hidden, long numbers all but their last four digits.

    Every national ID, mobile number and run of 9 to 13 digits (account numbers of transfers)
    is masked, so that a PromptPay reference can still be matched to a slip by its end.
    """
    spans = [(leak.start, leak.end, "number") for leak in find_numbers(text)]
    spans += [(m.start(), m.end(), "number") for m in LONG_NUMBER.finditer(text)]
    spans += [(leak.start, leak.end, "name") for leak in find_names(text)]
    if not spans:
        return text
    out: list[str] = []
    position = 0
    for start, end, kind in sorted(spans):
        if start < position:
            continue
        out.append(text[position:start])
        out.append(HIDDEN_NAME if kind == "name" else _keep_last_four(text[start:end]))
        position = end
    out.append(text[position:])
    return "".join(out)
