"""Rule `extension`: a book may not make Fava run code or serve files from outside the fund.

A book is text that a treasurer (or an importer fed by a bank) writes, and Fava trusts it:
`custom "fava-extension" "evilmod"` imports `evilmod.py` from beside the book and runs it in
the server, an `include` or a `document` outside the book's folder lets Fava's editor and
document routes show any file the server can read. `welfare serve` refuses all of these
itself; this rule tells the treasurer and the auditor why, at the line that asks for it.

The book's folder is the folder of the book file, or the province's folder for an area book
(`<province>/areas/<slug>/area.beancount`, docs/data-model.md, section 2), whose documents folder is
the province's.
"""

from __future__ import annotations

import functools
import glob
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount.core.data import Custom, Document, Transaction
from welfare_ledger.plugins.dependencies import note_folder
from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

    from beancount.core.data import Directive
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "extension"
THIS_PROJECT = "welfare_ledger.plugins.fava_ext"
FAVA_OWN = ("fava.ext.auto_commit", "fava.ext.portfolio_list")
ALLOWED_EXTENSIONS = frozenset({THIS_PROJECT, *FAVA_OWN})
AREAS_FOLDER = "areas"
DOCUMENT_KEY = re.compile(r"^(document(-\d+)?|meeting)$")
INCLUDE_LINE = re.compile(r'^\s*include\s+"([^"]*)"')
DOCUMENTS_OPTION_LINE = re.compile(r'^\s*option\s+"documents"\s+"([^"]*)"')

MSG_EXTENSION = (
    "The book asks Fava to load the extension {name}, which is neither this project's nor one of "
    "Fava's own: it would run its code in the server. `welfare serve` does not load it; remove the line."
)
MSG_INCLUDE = (
    "The book includes {path}, outside the book's folder: Fava would show and edit that file. "
    "`welfare serve` does not serve it; move the file into the book's folder."
)
MSG_DOCUMENTS = (
    "The documents folder {path} is outside the book's folder: Fava would serve every file in it. "
    "`welfare serve` does not serve it; keep the documents inside the book's folder."
)
MSG_DOCUMENT = (
    "The entry of {day} names the document {path}, outside the book's folder: Fava would serve that "
    "file to anyone. `welfare serve` does not serve it; keep documents inside the book's folder."
)


def book_root(book_file: str | Path) -> Path:
    """The folder whose files `welfare serve` may show for `book_file` (resolved, symlinks followed)."""
    folder = Path(book_file).resolve().parent
    if folder.parent.name == AREAS_FOLDER:
        return folder.parent.parent
    return folder


def inside(path: str | Path, root: Path) -> bool:
    """Whether `path`, with symlinks followed, is `root` or lies under it (a path with a NUL byte is not)."""
    try:
        return Path(path).resolve().is_relative_to(root)
    except (ValueError, OSError):
        return False


class _Resolver:
    """`inside` for thousands of documents: each folder resolved and listed once.

    `realpath(folder/name)` is `realpath(folder)/name` unless `name` is a link (or `.`/`..`),
    so only links and odd names are resolved one by one; the answer is `inside`'s.
    """

    def __init__(self, root: Path) -> None:
        self.root = str(root)
        self.prefix = self.root.rstrip(os.sep) + os.sep

    @functools.cache  # noqa: B019  (one resolver per check, dropped with it)
    def _folder(self, folder: str) -> tuple[str, frozenset[str]]:
        real = os.path.realpath(folder)
        note_folder(folder)
        try:
            with os.scandir(real) as found:
                links = frozenset(item.name for item in found if item.is_symlink())
        except OSError:
            links = frozenset()
        return real, links

    def inside(self, path: str | Path) -> bool:
        text = os.fspath(path)
        folder, name = os.path.split(text)
        if not name or name in (".", "..") or not os.path.isabs(text):  # noqa: PTH117
            return inside(path, Path(self.root))
        real, links = self._folder(folder)
        resolved = os.path.realpath(text) if name in links else os.path.join(real, name)  # noqa: PTH118
        return resolved == self.root or resolved.startswith(self.prefix)


def _area_of(entry: Directive) -> str:
    accounts: list[str] = []
    if isinstance(entry, Transaction):
        accounts = [posting.account for posting in entry.postings]
    elif isinstance(entry, Document):
        accounts = [entry.account]
    for account in accounts:
        parts = account.split(":")
        if len(parts) > 1:
            return parts[1]
    return ""


@functools.cache
def _is_document_key(key: object) -> bool:
    return DOCUMENT_KEY.match(str(key)) is not None


def _document_values(entry: Directive) -> list[tuple[Mapping[str, Any], str]]:
    """Each (metadata, path) of a document named in the entry's or its postings' metadata."""
    found: list[tuple[Mapping[str, Any], str]] = []
    _named_in(entry.meta or {}, found)
    if isinstance(entry, Transaction):
        for posting in entry.postings:
            if posting.meta:
                _named_in(posting.meta, found)
    return found


@functools.cache
def _document_keys(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The document keys of a metadata layout (a book has few layouts and a hundred thousand postings)."""
    return tuple(key for key in keys if _is_document_key(key))


def _named_in(meta: Mapping[str, Any], found: list[tuple[Mapping[str, Any], str]]) -> None:
    for key in _document_keys(tuple(meta)):
        value = meta[key]
        if isinstance(value, str):
            found.append((meta, value))


def _source_lines(files: list[str], pattern: re.Pattern[str], keyword: str) -> Iterator[tuple[str, int, str]]:
    """(file, line, value) of every line of the book's files that `pattern` matches.

    A file without `keyword` (which every match contains) is not split into lines.
    """
    for file in files:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if keyword not in text:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            match = pattern.match(line)
            if match:
                yield file, number, match.group(1)


def _included_inside(pattern: Path, root: Path) -> bool:
    """Whether an `include` and every file its glob matches (as Beancount expands it) lie inside `root`.

    `include "l*/x.beancount"` is inside as written, but matches `link/x.beancount` when
    `link` is a symlink to a folder elsewhere.
    """
    if not inside(pattern, root):
        return False
    if not glob.has_magic(str(pattern)):
        return True
    matches = glob.glob(str(pattern), recursive=True)  # noqa: PTH207  (as Beancount expands it)
    return all(inside(match, root) for match in matches)


def _extension_findings(entries: list[Directive]) -> list[Finding]:
    return [
        finding_at(CODE, Severity.ERROR, entry.meta, date=entry.date, area="", entry=entry,
                   msgid=MSG_EXTENSION, name=str(entry.values[0].value))
        for entry in entries
        if isinstance(entry, Custom)
        and entry.type == "fava-extension"
        and entry.values
        and str(entry.values[0].value) not in ALLOWED_EXTENSIONS
    ]


def _path_findings(entries: list[Directive], options: Mapping[str, Any], root: Path) -> list[Finding]:
    findings: list[Finding] = []
    resolver = _Resolver(root)
    files = [str(file) for file in options.get("include") or []]
    for file, line, written in _source_lines(files, INCLUDE_LINE, "include"):
        if not _included_inside(Path(file).parent / written, root):
            meta = {"filename": file, "lineno": line}
            findings.append(finding_at(CODE, Severity.ERROR, meta, date=None, area="",
                                       msgid=MSG_INCLUDE, path=written))
    main = str(options.get("filename", ""))
    for file, line, written in _source_lines([main], DOCUMENTS_OPTION_LINE, "documents"):
        if not inside(Path(file).parent / written, root):
            meta = {"filename": file, "lineno": line}
            findings.append(finding_at(CODE, Severity.ERROR, meta, date=None, area="",
                                       msgid=MSG_DOCUMENTS, path=written))
    for entry in entries:
        named: list[tuple[Mapping[str, Any], str, str]] = []
        if isinstance(entry, Document):
            named.append((entry.meta, entry.filename, entry.filename))
        values = _document_values(entry)
        if values:
            base = os.path.dirname(str((entry.meta or {}).get("filename", main)))  # noqa: PTH120
            named.extend((meta, value, os.path.join(base, value)) for meta, value in values)  # noqa: PTH118
        if not named:
            continue
        findings.extend(
            finding_at(CODE, Severity.ERROR, meta, date=entry.date, area=_area_of(entry), entry=entry,
                       msgid=MSG_DOCUMENT, day=entry.date, path=written)
            for meta, written, path in named
            if not resolver.inside(path)
        )
    return findings


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Extensions other than ours and Fava's own, and includes and documents outside the folder."""
    entries = list(book.entries)
    findings = _extension_findings(entries)
    main = str(book.options.get("filename", ""))
    if Path(main).is_absolute() and Path(main).is_file():
        findings.extend(_path_findings(entries, book.options, book_root(main)))
    return findings
