"""Rule `markup`: no `<`, `>` or control character in any text of the books that reaches a browser.

Payees, narrations, tags, links, metadata and custom values are shown to members in Fava,
the Transparency pages and the reports; a bank description is written by whoever sends the
fund money. A page that forgets to escape one of them runs what it holds, and a control
character (NUL, escape, a bidirectional override, a line break) hides or reorders text in
`git diff` and on screen. Which characters count is `plugins.markup_chars`, the test the
importers use; messages name the character by its code point, never print it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from beancount.core.data import Custom, Event, Note, Transaction
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.markup_chars import code_point, first_unsafe
from welfare_ledger.plugins.rules.personal_data import area_of_entry

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from beancount.core.data import Directive
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "markup"
SKIPPED_KEYS = frozenset({"filename", "lineno"})

MSG_MARKUP = (
    "The {field} of the entry of {day} holds the character {char}, which a member's browser or "
    "spreadsheet could read as markup or a control. Remove it."
)

Place = tuple[str, str, "Mapping[str, Any]"]


def _meta_texts(meta: Mapping[str, Any] | None, owner: Mapping[str, Any]) -> Iterator[Place]:
    for key, value in (meta or {}).items():
        if key in SKIPPED_KEYS or key.startswith("__"):
            continue
        if isinstance(value, str):
            yield f"{key}:", value, owner
        if isinstance(key, str) and first_unsafe(key):
            yield "metadata key", key, owner


def _texts(entry: Directive) -> Iterator[Place]:
    """Every (field, text, meta) of an entry that a page may show."""
    meta = entry.meta or {}
    if isinstance(entry, Transaction):
        for field, text in (("payee", entry.payee), ("narration", entry.narration)):
            if text:
                yield field, text, meta
        for posting in entry.postings:
            yield from _meta_texts(posting.meta, posting.meta or meta)
    elif isinstance(entry, Custom):
        yield "custom type", entry.type, meta
        for value in entry.values or ():
            if isinstance(value.value, str):
                yield f'custom "{entry.type}" value', value.value, meta
    elif isinstance(entry, Note):
        yield "comment", entry.comment, meta
    elif isinstance(entry, Event):
        yield "description", entry.description, meta
    for tag in getattr(entry, "tags", None) or ():
        yield "tag", tag, meta
    for link in getattr(entry, "links", None) or ():
        yield "link", link, meta
    yield from _meta_texts(meta, meta)


def _joined(entry: Directive) -> str:
    """Every text of the entry in one string, for one quick test that clears almost all entries."""
    meta = entry.meta or {}
    filename = meta.get("filename")
    parts = [value for value in meta.values() if type(value) is str and value is not filename]
    parts += [str(key) for key in meta]
    if isinstance(entry, Transaction):
        parts += (entry.payee or "", entry.narration or "")
        for posting in entry.postings:
            if posting.meta:
                parts += [value for value in posting.meta.values()
                          if type(value) is str and value is not filename]
                parts += [str(key) for key in posting.meta]
    elif isinstance(entry, Custom):
        parts.append(entry.type)
        parts += [value.value for value in entry.values or () if isinstance(value.value, str)]
    elif isinstance(entry, Note):
        parts.append(entry.comment)
    elif isinstance(entry, Event):
        parts.append(entry.description)
    parts += getattr(entry, "tags", None) or ()
    parts += getattr(entry, "links", None) or ()
    return " ".join(parts)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Each text of the books holding markup or a control character, once per text."""
    findings = []
    for entry in book.entries:
        joined = _joined(entry)
        if joined.isprintable() and "<" not in joined and ">" not in joined:
            continue
        for field, text, meta in _texts(entry):
            char = first_unsafe(text)
            if char is None:
                continue
            findings.append(
                finding_at(CODE, Severity.ERROR, meta, date=entry.date,
                           area=area_of_entry(entry, book.register), msgid=MSG_MARKUP, entry=entry,
                           field=field, day=entry.date, char=code_point(char))
            )
    return findings
