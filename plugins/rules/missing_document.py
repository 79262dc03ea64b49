"""Rule `missing-document`: every outflow names its supporting files, and each of them exists.

A file is found as Fava's `link_documents` finds it: a path relative to the file that holds
the entry, or a bare file name in the documents folder of one of the entry's accounts
(`<documents>/<Account/Path>/<name>`, each `option "documents"` folder read relative to the
main book). Each folder is listed once per check, so thousands of outflows cost one listing
per folder rather than one file-system call per document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from welfare_ledger.plugins.book import outflow_finding
from welfare_ledger.plugins.findings import Finding, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from welfare_ledger.plugins.book import Book, Outflow
    from welfare_ledger.plugins.config import AuditConfig

CODE = "missing-document"
CACHE_KEY = "folder_listings"

MSG_NONE = (
    "Outflow of {amount} on {day} to {payee} has no `document`. Scan the receipt or claim form, "
    "put it in the documents folder and name it in `document:`."
)
MSG_NOT_FOUND = (
    "Document {document} of the outflow of {amount} on {day} to {payee} is not found (looked "
    "next to {book} and in the documents folders of its accounts). Add the file or correct the name."
)


class Folders:
    """File names of folders, each listed once; a missing folder lists as empty."""

    def __init__(self) -> None:
        self._names: dict[str, frozenset[str]] = {}

    def names(self, folder: str) -> frozenset[str]:
        """The names in `folder`."""
        names = self._names.get(folder)
        if names is None:
            try:
                with os.scandir(folder) as found:
                    names = frozenset(item.name for item in found)
            except OSError:
                names = frozenset()
            self._names[folder] = names
        return names

    def exists(self, path: str) -> bool:
        """Whether `path` names an entry of its folder (one listing per folder)."""
        folder, name = os.path.split(os.path.normpath(path))
        return name in self.names(folder or os.curdir)


def folders(book: Book) -> Folders:
    """The folder listings of `book`, shared with other rules that look at documents."""
    cached = book.cache.get(CACHE_KEY)
    if cached is None:
        cached = book.cache[CACHE_KEY] = Folders()
    return cached


def document_roots(options: dict[str, object]) -> tuple[str, ...]:
    """The documents folders of the book, relative to the main book file as Beancount reads them."""
    base = Path(str(options.get("filename") or "")).parent
    roots = options.get("documents") or ()
    return tuple(
        os.path.normpath(base / str(root))
        for root in (roots if isinstance(roots, (list, tuple)) else (roots,))
    )


class DocumentFinder:
    """Resolves `document` values as Fava's `link_documents` does, from cached folder listings."""

    def __init__(self, roots: Sequence[str], listing: Folders) -> None:
        self._roots = roots
        self._listing = listing
        self._by_account: dict[str, tuple[frozenset[str], ...]] = {}

    def _account_names(self, account: str) -> tuple[frozenset[str], ...]:
        names = self._by_account.get(account)
        if names is None:
            path = account.replace(":", os.sep)
            names = tuple(self._listing.names(f"{root}{os.sep}{path}") for root in self._roots)
            self._by_account[account] = names
        return names

    def found(self, document: str, outflow: Outflow) -> bool:
        """Whether `document` is in an account's documents folder or next to the entry's file."""
        if os.sep not in document and not (os.altsep and os.altsep in document):
            for posting in outflow.txn.postings:
                if any(document in names for names in self._account_names(posting.account)):
                    return True
        entry_file = str(outflow.meta.get("filename") or "")
        return self._listing.exists(str(Path(entry_file).parent / document))


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows with no `document`, or naming a file that is not there."""
    finder = DocumentFinder(document_roots(book.options), folders(book))
    findings = []
    for outflow in book.outflows:
        common = {
            "amount": outflow.amount,
            "day": outflow.date,
            "payee": outflow.payee_key or "-",
        }
        if not outflow.documents:
            findings.append(
                outflow_finding(
                    CODE,
                    Severity.ERROR,
                    outflow,
                    msgid=MSG_NONE,
                    **common,
                )
            )
            continue
        findings.extend(
            outflow_finding(
                CODE,
                Severity.ERROR,
                outflow,
                msgid=MSG_NOT_FOUND,
                document=document,
                book=Path(str(outflow.meta.get("filename") or "-")).name,
                **common,
            )
            for document in outflow.documents
            if not finder.found(document, outflow)
        )
    return findings
