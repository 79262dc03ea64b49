"""Rule `bank-reconciliation`: every month a passbook moved, a balance assertion checks it.

A `balance` dated from the 2nd of the month to the 1st of the next (it asserts the balance at
the start of its day, so the 1st of the next month closes the month) must check each bank
account that moved, once the book has entries past that window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.values import add_days, month_start, next_month

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "bank-reconciliation"
MSGID = (
    "Bank account {account} moved between {first} and {last} but no balance assertion dated "
    "from {window_start} to {window_end} checks it against the passbook. Add a `balance` entry "
    "with the passbook balance."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per bank account and month that moved without a balance assertion."""
    if book.last_date is None:
        return []
    checked = set()
    for balance in book.balances:
        if classify(balance.account).bank:
            day = add_days(balance.date, -1)
            checked.add((balance.account, day.year, day.month))
    findings = []
    for (account, year, month), txn in sorted(book.fund.bank_moves.items()):
        if (account, year, month) in checked:
            continue
        first = month_start(year, month)
        window_end = next_month(first)
        if book.last_date <= window_end:
            continue
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                txn.meta,
                date=txn.date,
                area=classify(account).area or "",
                msgid=MSGID,
                entry=txn,
                account=account,
                first=first,
                last=add_days(window_end, -1),
                window_start=add_days(first, 1),
                window_end=window_end,
            )
        )
    return findings


