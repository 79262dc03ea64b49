"""Load a book once for a command: entries, Beancount's errors as findings, and every rule's findings.

`welfare check` must apply every rule whatever the book declares. When the book declares the
transparency plugin, its findings came out of the load already (with any tightening config);
otherwise the rules run here with the defaults. Beancount's own errors become findings of
rule `beancount`.

Beancount's pickle cache beside the book (`.main.beancount.picklecache`) is left alone: never
read (a pickle committed with the books would run its code here, and it is checked by file
times only), never written (a load that skipped the rules would hide their findings from the
next `bean-check`) and never deleted. What the audit derived is kept in our own cache instead
(`plugins.book_record`), and `book_findings` answers from it while nothing it read has changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount import loader
from beancount.core import data
from beancount.core.data import Transaction
from beancount.parser import parser
from beancount.utils import encryption
from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.audit import TAKEN, Audited, audit, gc_paused
from welfare_ledger.plugins.book import HANDOFF, Book, build_book
from welfare_ledger.plugins.config import DEFAULT
from welfare_ledger.plugins.dependencies import now_ns, recording
from welfare_ledger.plugins.findings import Finding, Severity, WelfareError, sort_findings
from welfare_ledger.plugins.i18n import UserError, render
from welfare_ledger.plugins.sources import special_file
from welfare_ledger.plugins.transparency import PLUGIN_NAME, SKIPPED

if TYPE_CHECKING:
    from collections.abc import Iterator

    from beancount.core.data import Directive


MSG_SPECIAL = (
    "{file}, which the book includes, is no regular file (a device or a pipe): reading it would "
    "never end. Include only the book's own text files."
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
    audited: Audited | None = None
    """The audit of this load, when the rules ran. Its facts are of the entries the plugin saw,
    before Beancount's own `pad` and `balance` ran; `book` is of the entries as loaded."""

    def facts(self) -> Book:
        """The shared facts (built on first use when the rules did not run)."""
        if self.book is None:
            self.book = build_book(self.entries, self.options)
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


def check_readable(path: Path) -> None:
    """Refuse, in one line, a book that is missing, not a file or not UTF-8 text."""
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


def beancount_load(
    path: Path, *, files_checked: bool = False
) -> tuple[list[Directive], list[Any], dict[str, Any]]:
    """Beancount's load of `path` (parse, booking, plugins, validation), past its pickle cache.

    This is the call Fava itself makes (`fava.beans.load.load_uncached`): the user's
    `.picklecache` beside the book is neither read, written nor deleted. A book including a
    device or a pipe is not read (Beancount would read it forever): one load error says so.
    """
    name = str(path.resolve())
    special = None if files_checked else special_file(name)
    if special is not None:
        _, _, options = parser.parse_string("")
        options["filename"] = name
        message = render(MSG_SPECIAL, {"file": special}, "en")
        return [], [loader.LoadError(data.new_metadata(name, 0), message, None)], options
    if encryption.is_encrypted_file(name):
        return loader.load_encrypted_file(name)
    return loader._load([(name, True)], None, None, None)


@contextlib.contextmanager
def _handed(*, audit_wanted: bool) -> Iterator[list[Audited]]:
    """Around a load: the plugin hands its audit over (or, without `audit_wanted`, skips it)."""
    taken: list[Audited] = []
    tokens = (TAKEN.set(taken), HANDOFF.set([]), SKIPPED.set(not audit_wanted))
    try:
        yield taken
    finally:
        SKIPPED.reset(tokens[2])
        HANDOFF.reset(tokens[1])
        TAKEN.reset(tokens[0])


def load_book(path: str | os.PathLike[str], *, audit: bool = True, remember: bool = True) -> LoadedBook:
    """Load `path` and collect the findings of every rule and of Beancount itself.

    With `audit=False` no rule runs, not even when the book declares the transparency plugin,
    and `findings` holds Beancount's own errors only: for commands that show no findings,
    which then cost a plain load. With `remember`, the findings come from the cache while
    nothing the audit read has changed (then no rule runs either, and they carry no entry
    objects), and what a new audit found is kept there (see `plugins.book_record`).

    The cycle collector is paused for the load (`gc_paused`): parsing, booking and the
    audit build a few million objects that all stay alive, so each collection the
    allocations trigger walks the growing book and frees nothing. That was about a
    fifth of a report's CPU time. Collection resumes when the book is loaded.
    """
    book_path = Path(path)
    check_readable(book_path)
    known = _recalled(book_path) if audit and remember else None
    if known is not None:
        loaded = load_book(book_path, audit=False)
        return dataclasses.replace(loaded, findings=known)
    started = now_ns()
    with _handed(audit_wanted=audit) as taken, recording() as folders, gc_paused():
        special = special_file(str(book_path.resolve()))
        if special is not None:
            raise BookUnreadable(book_path, "{path}: " + MSG_SPECIAL, file=special)
        try:
            entries, errors, options = beancount_load(book_path, files_checked=True)
        except OSError as exc:
            raise BookUnreadable(
                book_path, "{path}: cannot read {file}, which the book includes: {reason}",
                file=exc.filename, reason=exc.strerror,
            ) from exc
        if not entries and errors:
            first = str(errors[0].message).strip().splitlines()[0]
            raise BookUnreadable(book_path, "{path}: not a Beancount book: {detail}", detail=first)
        entries, errors = checks_a_raw_book_skipped(entries, errors, options)
        if not audit:
            beancount = [beancount_finding(e) for e in errors if not isinstance(e, WelfareError)]
            return LoadedBook(book_path, entries, errors, options, sort_findings(beancount))
        audited, findings = collect_audit(entries, errors, options, taken)
    facts = audited.book if audited.book is not None and _built_on(audited.book, entries) else None
    loaded = LoadedBook(book_path, entries, errors, options, findings, facts, audited)
    if remember:
        from welfare_ledger.plugins.book_record import remember_load

        remember_load(loaded, folders, started)
    return loaded


def _built_on(book: Book, entries: list[Directive]) -> bool:
    """Whether facts were built on these very entries (not on those before `pad` added its own)."""
    built = book.entries
    return len(built) == len(entries) and all(a is b for a, b in zip(built, entries, strict=True))


def _recalled(path: Path) -> list[Finding] | None:
    from welfare_ledger.plugins.book_record import recall

    return recall(path)


def book_findings(path: str | os.PathLike[str]) -> list[Finding]:
    """Every finding of `path`, as `load_book` gives them, from the cache while nothing it read changed."""
    from welfare_ledger.plugins.book_record import recall

    book_path = Path(path)
    check_readable(book_path)
    cached = recall(book_path)
    if cached is not None:
        return cached
    return load_book(book_path).findings


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


def collect_audit(
    entries: list[Directive], errors: list[Any], options: dict[str, Any], handed: list[Audited] | None = None
) -> tuple[Audited, list[Finding]]:
    """The audit of a book already loaded and all its findings (Beancount's too), sorted for reading.

    The transparency plugin's findings when the book declares it (handed over in `handed`, or
    as errors of a load that was not a command's), else every rule run here; then
    Beancount's own errors.
    """
    declared = any(name == PLUGIN_NAME for name, _ in options.get("plugin", []))
    raw = options.get("plugin_processing_mode") == "raw"
    findings = [e.finding for e in errors if isinstance(e, WelfareError)]
    if handed and not raw:
        audited = Audited(handed[-1].book, [f for each in handed for f in each.findings], handed[-1].config)
        findings.extend(audited.findings)
    elif not declared or raw:
        book, found = audit(entries, options)
        audited = Audited(book, found, DEFAULT)
        findings = list(found)
    else:
        audited = Audited(None, list(findings), DEFAULT)
    findings.extend(beancount_finding(e) for e in errors if not isinstance(e, WelfareError))
    return audited, sort_findings(findings)


def collect_findings(
    entries: list[Directive], errors: list[Any], options: dict[str, Any]
) -> tuple[Book | None, list[Finding]]:
    """The findings of a book already loaded (by `load_book`, or by Fava), sorted for reading.

    The shared facts come back when they had to be built.
    """
    audited, findings = collect_audit(entries, errors, options)
    return audited.book, findings
