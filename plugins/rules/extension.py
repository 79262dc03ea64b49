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

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount.core.data import Custom, Document, Transaction
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
    """Whether `path`, with symlinks followed, is `root` or lies under it."""
    return Path(path).resolve().is_relative_to(root)


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


def _document_values(entry: Directive) -> Iterator[tuple[Mapping[str, Any], str]]:
    """Each (metadata, path) of a document named in the entry's or its postings' metadata."""
    metas = [entry.meta or {}]
    if isinstance(entry, Transaction):
        metas.extend(posting.meta or {} for posting in entry.postings)
    for meta in metas:
        for key, value in meta.items():
            if isinstance(value, str) and DOCUMENT_KEY.match(str(key)):
                yield meta, value


def _source_lines(files: list[str], pattern: re.Pattern[str]) -> Iterator[tuple[str, int, str]]:
    """(file, line, value) of every line of the book's files that `pattern` matches."""
    for file in files:
        try:
            text = Path(file).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            match = pattern.match(line)
            if match:
                yield file, number, match.group(1)


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
    files = [str(file) for file in options.get("include") or []]
    for file, line, written in _source_lines(files, INCLUDE_LINE):
        if not inside(Path(file).parent / written, root):
            meta = {"filename": file, "lineno": line}
            findings.append(finding_at(CODE, Severity.ERROR, meta, date=None, area="",
                                       msgid=MSG_INCLUDE, path=written))
    main = str(options.get("filename", ""))
    for file, line, written in _source_lines([main], DOCUMENTS_OPTION_LINE):
        if not inside(Path(file).parent / written, root):
            meta = {"filename": file, "lineno": line}
            findings.append(finding_at(CODE, Severity.ERROR, meta, date=None, area="",
                                       msgid=MSG_DOCUMENTS, path=written))
    for entry in entries:
        named: list[tuple[Mapping[str, Any], str, Path]] = []
        if isinstance(entry, Document):
            named.append((entry.meta, entry.filename, Path(entry.filename)))
        base = Path(str((entry.meta or {}).get("filename", main))).parent
        named.extend((meta, value, base / value) for meta, value in _document_values(entry))
        findings.extend(
            finding_at(CODE, Severity.ERROR, meta, date=entry.date, area=_area_of(entry), entry=entry,
                       msgid=MSG_DOCUMENT, day=entry.date, path=written)
            for meta, written, path in named
            if not inside(path, root)
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
