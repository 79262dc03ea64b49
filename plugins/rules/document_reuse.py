"""Rule `document-reuse`: one voucher backs one payment.

The same scanned receipt named by two outflows (under one name or two) is how one real expense
is paid twice. Files are compared by where they resolve, so a renamed path to the same file counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.rules._common import audited_outflows, outflow_finding
from welfare_ledger.plugins.rules.missing_document import resolved_documents

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

CODE = "document-reuse"

MSG_REUSED = (
    "Document {document} of the outflow of {amount} on {day} to {payee} already backs the outflow "
    "of {first_day} ({first_place}). One voucher backs one payment: find this payment's own voucher."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """A warning on each outflow whose document already backs an earlier one."""
    first_use: dict[str, Outflow] = {}
    findings = []
    for outflow in sorted(
        audited_outflows(book.outflows),
        key=lambda o: (o.date, str(o.meta.get("filename")), o.meta.get("lineno", 0)),
    ):
        for name, path in resolved_documents(book, outflow):
            if path is None:
                continue
            earlier = first_use.setdefault(path, outflow)
            if earlier is outflow or earlier.txn is outflow.txn:
                continue
            findings.append(
                outflow_finding(
                    CODE,
                    Severity.WARNING,
                    outflow,
                    msgid=MSG_REUSED,
                    document=name,
                    amount=outflow.amount,
                    day=outflow.date,
                    payee=outflow.payee_key or "-",
                    first_day=earlier.date,
                    first_place=f"{earlier.meta.get('filename', '-')}:{earlier.meta.get('lineno', 0)}",
                )
            )
    return findings
