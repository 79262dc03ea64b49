"""Rule `personal-data`: no Thai national ID number or mobile number anywhere in the books.

The books are public to every member, so a payee, narration, string metadata value or
register text that carries a national ID (13 digits whose last is the mod-11 check digit,
hyphens allowed: 1-2345-67890-12-3) or a mobile number (06/08/09 and 8 digits, or +66) is
a leak. Messages show the number masked, never in full.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, Any

from beancount.core.data import Custom, Event, Note, Transaction
from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from beancount.core.data import Directive
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import Register

CODE = "personal-data"
NATIONAL_ID = re.compile(r"(?<![\dA-Za-z])\d(?:-?\d){12}(?![\dA-Za-z])")
MOBILE = re.compile(r"(?<![\dA-Za-z+])(?:\+66[ -]?|0)[689](?:[ -]?\d){8}(?![\dA-Za-z])")
CANDIDATE = re.compile(f"{NATIONAL_ID.pattern}|{MOBILE.pattern}")
SHORTEST = 10
TWO_DIGITS = re.compile(r"\d\d")
SKIPPED_KEYS = frozenset({"filename", "lineno"})

MSG_NATIONAL_ID = (
    "The field {field} of the entry of {day} holds a Thai national ID number ({masked}). The books "
    "are public: remove the number and refer to the person by member code only."
)
MSG_MOBILE = (
    "The field {field} of the entry of {day} holds a mobile phone number ({masked}). The books are "
    "public: remove the number and refer to the person by member code only."
)


def _digits(text: str) -> str:
    return "".join(str(int(char)) for char in text if char.isdigit())


def valid_national_id(digits: str) -> bool:
    """Whether 13 digits end with the mod-11 check digit of Thai national ID numbers."""
    if len(digits) != 13:
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def mask(digits: str, shown_head: int) -> str:
    """The number with all but its first `shown_head` and last two digits hidden."""
    return digits[:shown_head] + "X" * (len(digits) - shown_head - 2) + digits[-2:]


def leaks(text: str) -> Iterator[tuple[str, str]]:
    """The message and masked number of each ID or mobile number in `text`."""
    for match in NATIONAL_ID.finditer(text):
        digits = _digits(match.group())
        if valid_national_id(digits):
            yield MSG_NATIONAL_ID, mask(digits, 0)
    for match in MOBILE.finditer(text):
        yield MSG_MOBILE, mask(_digits(match.group()), 2)


def _head_texts(entry: Directive) -> Iterator[tuple[str, str]]:
    """The free-text fields of an entry other than metadata."""
    if isinstance(entry, Transaction):
        if entry.payee:
            yield "payee", entry.payee
        if entry.narration:
            yield "narration", entry.narration
    elif isinstance(entry, Custom):
        for value in entry.values or ():
            if isinstance(value.value, str):
                yield f'custom "{entry.type}"', value.value
    elif isinstance(entry, Note):
        yield "comment", entry.comment
    elif isinstance(entry, Event):
        yield "description", entry.description


def _meta_texts(meta: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """The string metadata values, named by their key as written in the book."""
    for key, value in (meta or {}).items():
        if isinstance(value, str) and key not in SKIPPED_KEYS:
            yield f"{key}:", value


def _texts(entry: Directive) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """Each (field, text, meta) of an entry that people write free text into."""
    meta = entry.meta or {}
    for field, text in itertools.chain(_head_texts(entry), _meta_texts(meta)):
        yield field, text, meta
    if isinstance(entry, Transaction):
        for posting in entry.postings:
            for field, text in _meta_texts(posting.meta):
                yield field, text, posting.meta or meta


def area_of_entry(entry: Directive, register: Register) -> str:
    """The area an entry belongs to: its accounts', or the area or member a register names."""
    if isinstance(entry, Transaction):
        for posting in entry.postings:
            area = accounts.area_of(posting.account)
            if area:
                return str(area)
    account = getattr(entry, "account", None)
    if isinstance(account, str):
        return str(accounts.area_of(account) or "")
    if isinstance(entry, Custom):
        for value in entry.values or ():
            text = value.value
            if not isinstance(text, str):
                continue
            if text in register.areas:
                return text
            if (member := register.members.get(text)) is not None:
                return str(member.area)
    return ""


def _suspect(entry: Directive) -> bool:
    """A quick test that clears almost every entry: only strings long enough to hold a number.

    Collection days carry a member code and a receipt number on every posting; those are too
    short to hold a phone or ID number, so the length test spares them the regular expression.
    """
    meta = entry.meta
    filename = meta.get("filename")
    texts = [
        value
        for value in meta.values()
        if type(value) is str and len(value) >= SHORTEST and value != filename
    ]
    if isinstance(entry, Transaction):
        texts += (entry.payee or "", entry.narration or "")
        texts += [
            value
            for posting in entry.postings
            if posting.meta
            for value in posting.meta.values()
            if type(value) is str and len(value) >= SHORTEST and value != filename
        ]
    else:
        texts += [text for _, text in _head_texts(entry)]
    return any(map(TWO_DIGITS.search, texts)) and any(map(CANDIDATE.search, texts))


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Every national ID or mobile number written in the books, masked."""
    findings = []
    for entry in book.entries:
        if not _suspect(entry):
            continue
        for field, text, meta in _texts(entry):
            for msgid, masked in leaks(text):
                findings.append(
                    finding_at(
                        CODE,
                        Severity.ERROR,
                        meta,
                        date=entry.date,
                        area=area_of_entry(entry, book.register),
                        msgid=msgid,
                        entry=entry,
                        field=field,
                        day=entry.date,
                        masked=masked,
                    )
                )
    return findings
