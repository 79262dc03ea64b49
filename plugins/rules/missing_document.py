"""Rule `missing-document`: every outflow is backed by a file in the books' folders.

The file is found as Fava's `link_documents` finds it (next to the entry's file, or in the
documents folder of one of its accounts), and must be a regular file inside the book's
folders: a folder, a link, or a path that climbs out (`../../etc/passwd`) backs nothing, and
neither does a file of the books themselves (`document: "book.beancount"`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.rules._common import audited_outflows, outflow_finding

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

CODE = "missing-document"

MSG_NONE = (
    "Outflow of {amount} on {day} to {payee} has no `document`. Scan the receipt or claim form, "
    "put it in the documents folder and name it in `document:`."
)
MSG_NOT_FOUND = (
    "Document {document} of the outflow of {amount} on {day} to {payee} is not found (looked "
    "next to {book} and in the documents folders of its accounts, inside the book's folders; a "
    "folder or a link does not count). Add the file or correct the name."
)

MSG_BOOK_FILE = (
    "Document {document} of the outflow of {amount} on {day} to {payee} is a file of the books "
    "themselves, not a voucher. Scan the receipt or claim form, put it in the documents folder "
    "and name it in `document:`."
)


def resolved_documents(book: Book, outflow: Outflow) -> list[tuple[str, str | None]]:
    """Each document an outflow names, with the file it resolves to (None: not in the books)."""
    entry_file = str(outflow.meta.get("filename") or "")
    accounts = [posting.account for posting in outflow.txn.postings]
    return [(name, book.documents.find(name, entry_file, accounts)) for name in outflow.documents]


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows with no `document`, or naming a file that is not in the books."""
    findings = []
    sources = {os.path.normpath(str(name)) for name in book.options.get("include") or ()}
    for outflow in audited_outflows(book.outflows):
        common = {"amount": outflow.amount, "day": outflow.date, "payee": outflow.payee_key or "-"}
        if not outflow.documents:
            findings.append(outflow_finding(CODE, Severity.ERROR, outflow, msgid=MSG_NONE, **common))
            continue
        findings.extend(
            outflow_finding(
                CODE,
                Severity.ERROR,
                outflow,
                msgid=MSG_NOT_FOUND,
                document=name,
                book=Path(str(outflow.meta.get("filename") or "-")).name,
                **common,
            )
            for name, path in resolved_documents(book, outflow)
            if path is None
        )
        findings.extend(
            outflow_finding(CODE, Severity.ERROR, outflow, msgid=MSG_BOOK_FILE, document=name, **common)
            for name, path in resolved_documents(book, outflow)
            if path is not None and path in sources
        )
    return findings
