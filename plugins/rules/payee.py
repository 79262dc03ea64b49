"""Rule `payee`: every outflow says whom the money went to, by payee or by member code.

Money that leaves without a name cannot be traced to a person or a shop, nor checked for
split or duplicate payments.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.rules._common import audited_outflows, outflow_finding

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "payee"

MSG_NO_PAYEE = (
    "Outflow of {amount} on {day} names neither a payee nor a member. Write the shop, office or "
    "person paid as the payee (a member by code in `member:`)."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows that name nobody."""
    return [
        outflow_finding(
            CODE, Severity.ERROR, outflow, msgid=MSG_NO_PAYEE, amount=outflow.amount, day=outflow.date
        )
        for outflow in audited_outflows(book.outflows)
        if outflow.payee_key is None
    ]
