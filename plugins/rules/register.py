"""Rule `register`: register entries and metadata values that cannot be read.

A value of the wrong type, not a number, out of range, a date that is no date, a member code
registered twice. The entry or value is skipped and every other rule still runs; the findings
were collected while the registers and the transactions were read (`plugins.register_reader`,
`plugins.book`), so this rule only hands them on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "register"


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """The problems found while reading the registers and the transactions' metadata."""
    return [*book.register.findings, *book.findings]
