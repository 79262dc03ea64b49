"""Rule `document-reuse`: one voucher backs one payment.

The same scanned receipt named by two outflows (under one name or two, or copied to a second
file) is how one real expense is paid twice. Files are compared by where they resolve, so a
renamed path to the same file counts, and by their bytes when another voucher has the same
size, so a copy counts too; only files whose size another shares are read. A copy counts
inside an area (its payments come out of its own fund), where the audit of that area alone,
as the pre-commit hook runs it, sees it too; one file named in two areas sends the hook to the
whole province.
"""

from __future__ import annotations

import os
from collections import defaultdict
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.rules._common import audited_outflows, outflow_finding
from welfare_ledger.plugins.rules.missing_document import resolved_documents
from welfare_ledger.plugins.seal_digest import remembered_sha256

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

CODE = "document-reuse"

MSG_COPIED = (
    "Document {document} of the outflow of {amount} on {day} to {payee} is a copy of {first_document}, "
    "which already backs the outflow of {first_day} ({first_place}). One voucher backs one payment: "
    "find this payment's own voucher."
)
MSG_REUSED = (
    "Document {document} of the outflow of {amount} on {day} to {payee} already backs the outflow "
    "of {first_day} ({first_place}). One voucher backs one payment: find this payment's own voucher."
)


def content_keys(paths: set[str], hashes: dict[str, str]) -> dict[str, str]:
    """Each file's key: its path, or the digest of its bytes when another file has its size.

    `hashes` are the digests this audit has read (the seal reads the same vouchers).
    """
    by_size: dict[int, list[str]] = defaultdict(list)
    for path in paths:
        try:
            by_size[os.stat(path).st_size].append(path)  # noqa: PTH116  (thousands of vouchers: no Path each)
        except OSError:
            continue
    keys = {path: path for path in paths}
    for same_size in by_size.values():
        if len(same_size) > 1:
            for path in same_size:
                keys[path] = "sha256:" + remembered_sha256(os.path.normpath(path), hashes)
    return keys


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """A warning on each outflow whose document (or a copy of it) already backs an earlier one."""
    named = [
        (outflow, name, path)
        for outflow in sorted(
            audited_outflows(book.outflows),
            key=lambda o: (o.date, str(o.meta.get("filename")), o.meta.get("lineno", 0)),
        )
        for name, path in resolved_documents(book, outflow)
        if path is not None
    ]
    keys = content_keys({path for _, _, path in named}, book.file_hashes)
    first_use: dict[str, tuple[Outflow, str, str]] = {}
    findings = []
    for outflow, name, path in named:
        key = keys[path] if keys[path] == path else f"{outflow.area} {keys[path]}"
        earlier, first_name, first_path = first_use.setdefault(key, (outflow, name, path))
        if earlier is outflow or earlier.txn is outflow.txn:
            continue
        copied = first_path != path
        findings.append(
            outflow_finding(
                CODE,
                Severity.WARNING,
                outflow,
                msgid=MSG_COPIED if copied else MSG_REUSED,
                document=name,
                amount=outflow.amount,
                day=outflow.date,
                payee=outflow.payee_key or "-",
                first_day=earlier.date,
                first_place=f"{earlier.meta.get('filename', '-')}:{earlier.meta.get('lineno', 0)}",
                **({"first_document": first_name} if copied else {}),
            )
        )
    return findings
