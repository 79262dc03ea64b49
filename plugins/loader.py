"""Load a book once for a command: entries, Beancount's errors as findings, and every rule's findings.

`welfare check` must apply every rule whatever the book declares. When the book declares the
transparency plugin, its findings came out of the load already (with any tightening config);
otherwise the rules run here with the defaults. Beancount's own errors become findings of
rule `beancount`. Beancount's pickle cache is bypassed: it would not notice a changed
document, which the `missing-document` and `seal` rules must see.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount import loader
from beancount.core.data import Transaction
from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.audit import audit, gc_paused
from welfare_ledger.plugins.book import HANDOFF, Book, build_book
from welfare_ledger.plugins.findings import Finding, Severity, WelfareError, sort_findings
from welfare_ledger.plugins.i18n import UserError
from welfare_ledger.plugins.transparency import PLUGIN_NAME, SKIPPED

if TYPE_CHECKING:
    from beancount.core.data import Directive


MSG_NO_FACTS = (
    "{path}: the book's facts cannot be built ({error}); `welfare check` names the problem. Report it "
    "to the project with the book."
)


class BookUnreadable(UserError):  # noqa: N818  (the name says what the user meets)
    """The book cannot be read at all: missing, not a file, not text, or nothing parses."""

    def __init__(self, path: Path, msgid: str, **params: object) -> None:
        super().__init__(msgid, path=path, **params)
        self.path = path


@dataclasses.dataclass
class LoadedBook:
    """A book as a command sees it."""

    path: Path
    entries: list[Directive]
    errors: list[Any]
    options: dict[str, Any]
    findings: list[Finding]
    book: Book | None = None

    def facts(self) -> Book:
        """The shared facts (built on first use when the plugin already audited the load).

        Raises:
            BookUnreadable: the facts cannot be built (`welfare check` names the problem).

        """
        if self.book is None:
            try:
                self.book = build_book(self.entries, self.options)
            except Exception as exc:
                raise BookUnreadable(self.path, MSG_NO_FACTS, error=type(exc).__name__) from exc
        return self.book


def _area_of_entry(entry: Directive | None) -> str:
    if isinstance(entry, Transaction):
        for posting in entry.postings:
            area = accounts.area_of(posting.account)
            if area:
                return area
    account = getattr(entry, "account", None)
    if isinstance(account, str):
        return accounts.area_of(account) or ""
    return ""


def beancount_finding(error: Any) -> Finding:
    """One of Beancount's own errors (syntax, balance, booking) as a finding of rule `beancount`."""
    source = error.source or {}
    entry = error.entry if not isinstance(error.entry, list) else None
    return Finding(
        rule="beancount",
        severity=Severity.ERROR,
        date=getattr(entry, "date", None),
        file=str(source.get("filename", "")),
        line=int(source.get("lineno", 0) or 0),
        area=_area_of_entry(entry),
        msgid="Beancount reports: {detail}",
        params={"detail": str(error.message).strip().splitlines()[0]},
        entry=entry,
    )


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise BookUnreadable(path, "{path}: no such book file.")
    if not path.is_file():
        raise BookUnreadable(path, "{path}: not a file.")
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BookUnreadable(path, "{path}: not UTF-8 text (byte {byte}).", byte=exc.start) from exc
    except OSError as exc:
        raise BookUnreadable(path, "{path}: cannot read: {reason}", reason=exc.strerror) from exc


def load_book(path: str | os.PathLike[str], *, audit: bool = True) -> LoadedBook:
    """Load `path` and collect the findings of every rule and of Beancount itself.

    With `audit=False` no rule runs, not even when the book declares the transparency plugin,
    and `findings` holds Beancount's own errors only: for commands that show no findings
    (the `areas`, `annual`, `redflags` and `member` reports), which then cost a plain load.

    The cycle collector is paused for the load (`gc_paused`): parsing, booking and the
    audit build a few million objects that all stay alive, so each collection the
    allocations trigger walks the growing book and frees nothing. That was about a
    fifth of a report's CPU time. Collection resumes when the book is loaded.
    """
    book_path = Path(path)
    _check_readable(book_path)
    loader.initialize(use_cache=False)
    handed: list[Book] = []
    token = HANDOFF.set(handed)
    skipping = SKIPPED.set(not audit)
    try:
        with gc_paused():
            entries, errors, options = loader.load_file(str(book_path.resolve()))
            if not entries and errors:
                first = str(errors[0].message).strip().splitlines()[0]
                raise BookUnreadable(book_path, "{path}: not a Beancount book: {detail}", detail=first)
            entries, errors = checks_a_raw_book_skipped(entries, errors, options)
            if not audit:
                beancount = [beancount_finding(e) for e in errors if not isinstance(e, WelfareError)]
                return LoadedBook(book_path, entries, errors, options, sort_findings(beancount))
            book, findings = collect_findings(entries, errors, options)
    finally:
        SKIPPED.reset(skipping)
        HANDOFF.reset(token)
    return LoadedBook(book_path, entries, errors, options, findings, book)


def checks_a_raw_book_skipped(
    entries: list[Directive], errors: list[Any], options: dict[str, Any]
) -> tuple[list[Directive], list[Any]]:
    """Run Beancount's own checks (documents, pads, balance assertions) that raw mode switched off.

    `option "plugin_processing_mode" "raw"` makes Beancount skip its balance checks; a book must
    not switch its own audit off, so a command runs them anyway (rule `book-options` says why).
    """
    if options.get("plugin_processing_mode") != "raw":
        return entries, errors
    checked_options = {**options, "plugin_processing_mode": "default", "plugin": []}
    checked, more_errors = loader.run_transformations(entries, [], checked_options, None)
    return checked, [*errors, *more_errors]


def collect_findings(
    entries: list[Directive], errors: list[Any], options: dict[str, Any]
) -> tuple[Book | None, list[Finding]]:
    """The findings of a book already loaded (by `load_book`, or by Fava), sorted for reading.

    The transparency plugin's findings when the book declares it, else every rule run here;
    then Beancount's own errors. The shared facts come back when they had to be built.
    """
    plugin_ran = any(name == PLUGIN_NAME for name, _ in options.get("plugin", []))
    findings = [e.finding for e in errors if isinstance(e, WelfareError)]
    book = None
    if not plugin_ran or options.get("plugin_processing_mode") == "raw":
        book, findings = audit(entries, options)
    findings.extend(beancount_finding(e) for e in errors if not isinstance(e, WelfareError))
    return book, sort_findings(findings)
