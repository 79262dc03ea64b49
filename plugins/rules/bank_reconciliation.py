"""Rule `bank-reconciliation`: every month a bank account moves, a `balance` assertion must check it.

A balance dated D asserts the balance at the start of D, so the assertion that closes month M
is dated from the 2nd of M to the 1st of M+1. Without it nobody has compared the books with the
passbook, and a skimmed deposit goes unseen. A month is due only once the book has entries
after the 1st of the next month; the month being written now is not yet reported.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.rules._money import money_facts

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "bank-reconciliation"
MSGID = (
    "Bank account {account} moved between {first} and {last} but no balance assertion dated "
    "from {window_start} to {window_end} checks it against the passbook. Add a `balance` entry "
    "with the passbook balance."
)


def _next_month(year: int, month: int) -> datetime.date:
    return datetime.date(year + month // 12, month % 12 + 1, 1)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per bank account and month that moved without a balance assertion."""
    facts = money_facts(book)
    if facts.last_date is None:
        return []
    findings = []
    for (account, year, month), txn in sorted(facts.bank_moves.items()):
        if (account, year, month) in facts.bank_balances:
            continue
        window_end = _next_month(year, month)
        if facts.last_date <= window_end:
            continue
        first = datetime.date(year, month, 1)
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                txn.meta,
                date=txn.date,
                area=accounts.area_of(account) or "",
                msgid=MSGID,
                entry=txn,
                account=account,
                first=first,
                last=window_end - datetime.timedelta(days=1),
                window_start=first + datetime.timedelta(days=1),
                window_end=window_end,
            )
        )
    return findings
