"""Rule `personal-data`: no national ID, mobile number or private person's name anywhere in the books.

The books are public to every member, and `/api/source` serves the files themselves, so a
leak anywhere is a leak: in a payee, narration, string or numeric metadata value, register
text, tag, link or account name, and in the source text the book does not read (comments,
options). What counts as an ID, a mobile number or a name after an honorific is decided by
`plugins.privacy`, the same module the importers mask with. Names are looked for in payees
and narrations, where people write them. Messages show numbers masked and never the name.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount.core.data import Custom, Document, Event, Note, Open, Transaction
from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.privacy import MOBILE, NATIONAL_ID, find_in_number, find_names, find_numbers

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from beancount.core.data import Directive
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import Register

CODE = "personal-data"
__all__ = ["CODE", "MOBILE", "NATIONAL_ID", "check"]
SKIPPED_KEYS = frozenset({"filename", "lineno"})
TWO_DIGITS = re.compile(r"[0-9\u0e50-\u0e59].*?[0-9\u0e50-\u0e59]")
DIGIT_RUN = re.compile(r"[0-9\u0e50-\u0e59][0-9\u0e50-\u0e59.\-]*")
SOURCE_LINES = re.compile(r"\s*(?:option|plugin|include|\*)")
COMMENT = re.compile(r";[^\n]*")
HEAD_LINE = re.compile(r"^(?:option|plugin|include|\*)[^\n]*", re.MULTILINE)
CANDIDATE = re.compile(f"{NATIONAL_ID.pattern}|{MOBILE.pattern}")
NAME_HINT = re.compile("นา[ยง]|น\\.\\s?ส|ด\\.\\s?[ชญ]|เด็ก|[Mm][RrSs]|[Mm]iss")
SHORTEST = 10
NINE_DIGITS = re.compile("[0-9\u0e50-\u0e59](?:[.\\-]?[0-9\u0e50-\u0e59]){8}")
LARGEST_PLAIN = 100_000_000

MSG_NATIONAL_ID = (
    "The field {field} of the entry of {day} holds a Thai national ID number ({masked}). The books "
    "are public: remove the number and refer to the person by member code only."
)
MSG_MOBILE = (
    "The field {field} of the entry of {day} holds a mobile phone number ({masked}). The books are "
    "public: remove the number and refer to the person by member code only."
)
MSG_NAME = (
    "The {field} of the entry of {day} names a private person after the honorific {title}. The books "
    "are public: refer to the person by member code only."
)
MSG_SOURCE_NATIONAL_ID = (
    "Line {line} of the book's source holds a Thai national ID number ({masked}) in a comment or "
    "other text that is no entry; anyone who reads the source sees it. Remove it."
)
MSG_SOURCE_MOBILE = (
    "Line {line} of the book's source holds a mobile phone number ({masked}) in a comment or other "
    "text that is no entry; anyone who reads the source sees it. Remove it."
)
_ENTRY_MESSAGES = {"national-id": MSG_NATIONAL_ID, "mobile": MSG_MOBILE}
_SOURCE_MESSAGES = {"national-id": MSG_SOURCE_NATIONAL_ID, "mobile": MSG_SOURCE_MOBILE}

Leak = tuple[str, dict[str, Any], "Mapping[str, Any]"]


def _numbers_in(field: str, text: str, meta: Mapping[str, Any]) -> Iterator[Leak]:
    if TWO_DIGITS.search(text):
        for leak in find_numbers(text):
            yield _ENTRY_MESSAGES[leak.kind], {"field": field, "masked": leak.masked}, meta


def _numbers_in_name(field: str, text: str, meta: Mapping[str, Any]) -> Iterator[Leak]:
    """A tag, link or account name: each run of digits between letters is read on its own."""
    for run in DIGIT_RUN.findall(text):
        if len(run) >= 9:
            yield from _numbers_in(field, run, meta)


def _meta_leaks(meta: Mapping[str, Any] | None, owner: Mapping[str, Any]) -> Iterator[Leak]:
    for key, value in (meta or {}).items():
        if key in SKIPPED_KEYS or key.startswith("__"):
            continue
        if isinstance(value, str):
            yield from _numbers_in(f"{key}:", value, owner)
        elif (leak := find_in_number(value)) is not None:
            yield _ENTRY_MESSAGES[leak.kind], {"field": f"{key}:", "masked": leak.masked}, owner


def _prose_leaks(field: str, text: str | None, meta: Mapping[str, Any]) -> Iterator[Leak]:
    """A payee or narration: numbers, and names after honorifics."""
    if not text:
        return
    yield from _numbers_in(field, text, meta)
    for name in find_names(text):
        yield MSG_NAME, {"field": field, "title": name.title}, meta


def _transaction_leaks(entry: Transaction, checked_accounts: set[str]) -> Iterator[Leak]:
    meta = entry.meta or {}
    yield from _prose_leaks("payee", entry.payee, meta)
    yield from _prose_leaks("narration", entry.narration, meta)
    for posting in entry.postings:
        yield from _meta_leaks(posting.meta, posting.meta or meta)
        if posting.account not in checked_accounts:
            checked_accounts.add(posting.account)
            yield from _numbers_in_name("account", posting.account, meta)


def _entry_leaks(entry: Directive, checked_accounts: set[str]) -> Iterator[Leak]:
    meta = entry.meta or {}
    if isinstance(entry, Transaction):
        yield from _transaction_leaks(entry, checked_accounts)
    elif isinstance(entry, Custom):
        for value in entry.values or ():
            if isinstance(value.value, str):
                yield from _numbers_in(f'custom "{entry.type}"', value.value, meta)
            elif (leak := find_in_number(value.value)) is not None:
                params = {"field": f'custom "{entry.type}"', "masked": leak.masked}
                yield _ENTRY_MESSAGES[leak.kind], params, meta
    elif isinstance(entry, Note):
        yield from _numbers_in("comment", entry.comment, meta)
    elif isinstance(entry, Event):
        yield from _numbers_in("description", entry.description, meta)
    elif isinstance(entry, Document):
        yield from _numbers_in_name("document", Path(entry.filename).name, meta)
    elif isinstance(entry, Open) and entry.account not in checked_accounts:
        checked_accounts.add(entry.account)
        yield from _numbers_in_name("account", entry.account, meta)
    for field in ("tags", "links"):
        for name in getattr(entry, field, None) or ():
            yield from _numbers_in_name(field[:-1], name, meta)
    yield from _meta_leaks(meta, meta)


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


def comment_of(line: str, in_string: bool) -> tuple[str, bool]:
    """The text of a source line outside its strings after `;`, and whether a string is still open."""
    if ";" not in line and '"' not in line:
        return "", in_string
    escaped = False
    for index, char in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == ";":
            return line[index + 1:], in_string
    return "", in_string


def _candidate_segments(text: str) -> Iterator[int]:
    """Where comments and option, plugin, include and heading lines holding a candidate number start."""
    for segment in COMMENT.finditer(text):
        if CANDIDATE.search(segment.group()) is not None:
            yield segment.start()
    for line in HEAD_LINE.finditer(text):
        if CANDIDATE.search(line.group()) is not None:
            yield line.start()


def source_leaks(paths: list[str]) -> Iterator[tuple[str, int, str, str]]:
    """(file, line, msgid, masked) of each number in the text of the book's files that no entry holds.

    That is comments (after `;`), and the lines of options, plugins, includes and org-mode
    headings; numbers in entries are reported at their entries instead. Only files, then
    lines, that hold a candidate number are read closely; a line is read as starting outside
    any string (a comment after `;` on the continuation line of a multi-line string may be
    reported twice).
    """
    for name in paths:
        try:
            text = Path(name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines: list[str] | None = None
        reported: set[int] = set()
        for start in _candidate_segments(text):
            number = text.count("\n", 0, start) + 1
            if number in reported:
                continue
            reported.add(number)
            lines = lines if lines is not None else text.splitlines()
            line = lines[number - 1]
            comment, _ = comment_of(line, in_string=False)
            if SOURCE_LINES.match(line):
                comment = f"{line} {comment}"
            for leak in find_numbers(comment):
                yield name, number, _SOURCE_MESSAGES[leak.kind], leak.masked


def _long_texts(meta: Mapping[str, Any] | None, texts: list[str]) -> bool:
    """Collect the metadata strings long enough to hold a number; True for a number that may be one."""
    if not meta:
        return False
    filename = meta.get("filename")
    for value in meta.values():
        kind = type(value)
        if kind is str:
            if len(value) >= SHORTEST and value is not filename:
                texts.append(value)
        elif kind is Decimal and abs(value) >= LARGEST_PLAIN:
            return True
    return False


def _suspect(entry: Directive, checked_accounts: set[str]) -> bool:
    """A quick test that clears almost every entry before the full search.

    Collection days carry a member code and a receipt number on every posting; those are too
    short to hold a phone or ID number, so the length test spares them the regular expressions.
    """
    texts: list[str] = []
    if _long_texts(entry.meta, texts):
        return True
    if isinstance(entry, Transaction):
        for text in (entry.payee, entry.narration):
            if text:
                if NAME_HINT.search(text):
                    return True
                texts.append(text)
        if _names_hold_digits(entry) or _postings_suspect(entry, checked_accounts, texts):
            return True
    elif _other_suspect(entry, checked_accounts, texts):
        return True
    return bool(texts) and CANDIDATE.search("\n".join(texts)) is not None


def _postings_suspect(entry: Transaction, checked_accounts: set[str], texts: list[str]) -> bool:
    """`_suspect` for the postings: an account not read yet, a large number, long texts (collected)."""
    if not {posting.account for posting in entry.postings} <= checked_accounts:
        return True
    filename = entry.meta.get("filename")
    found: list[Any] = [
        value
        for posting in entry.postings
        if posting.meta
        for value in posting.meta.values()
        if (type(value) is str and len(value) >= SHORTEST and value != filename) or type(value) is Decimal
    ]
    for value in found:
        if type(value) is str:
            texts.append(value)
        elif abs(value) >= LARGEST_PLAIN:
            return True
    return False


def _other_suspect(entry: Directive, checked_accounts: set[str], texts: list[str]) -> bool:
    """`_suspect` for entries other than transactions: registers, notes, opens, documents."""
    if isinstance(entry, Custom):
        for value in entry.values or ():
            if isinstance(value.value, str):
                texts.append(value.value)
            elif isinstance(value.value, (Decimal, int)) and abs(Decimal(value.value)) >= LARGEST_PLAIN:
                return True
    elif isinstance(entry, Note):
        texts.append(entry.comment)
    elif isinstance(entry, Event):
        texts.append(entry.description)
    elif isinstance(entry, Open):
        return entry.account not in checked_accounts
    elif isinstance(entry, Document) and NINE_DIGITS.search(entry.filename):
        return True
    return _names_hold_digits(entry)


def _names_hold_digits(entry: Directive) -> bool:
    """Whether a tag or link of the entry holds nine digits or more (a number may hide there)."""
    for names in (getattr(entry, "tags", None), getattr(entry, "links", None)):
        if names and any(NINE_DIGITS.search(name) for name in names):
            return True
    return False


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Every national ID, mobile number or name of a person written in the books, masked."""
    findings = []
    checked_accounts: set[str] = set()
    for entry in book.entries:
        if not _suspect(entry, checked_accounts):
            continue
        for msgid, params, meta in _entry_leaks(entry, checked_accounts):
            findings.append(
                finding_at(CODE, Severity.ERROR, meta, date=entry.date,
                           area=area_of_entry(entry, book.register), msgid=msgid, entry=entry,
                           day=entry.date, **params)
            )
    includes = [str(name) for name in book.options.get("include", []) or []]
    for name, line, msgid, masked in source_leaks(includes):
        findings.append(
            finding_at(CODE, Severity.ERROR, {"filename": name, "lineno": line}, date=None, area="",
                       msgid=msgid, line=line, masked=masked)
        )
    return findings
