"""Rule `bank-reconciliation`: each month a passbook moved, a balance backed by its statement checks it.

A `balance` dated from the 2nd of the month to the 1st of the next (it asserts the balance at
the start of its day, so the 1st of the next month closes the month) must check each bank
account that moved, once the book has entries past that window. The balance names the statement
or passbook page it was copied from (`document:`), found like any document: a balance copied from
a forged passbook, with nothing behind it, reconciles nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.facts import documents_of
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.values import add_days, month_start, next_month

if TYPE_CHECKING:
    from beancount.core.data import Balance
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "bank-reconciliation"
MSG_UNBACKED = (
    "Bank account {account} moved between {first} and {last}; the balance assertion of {day} that "
    "checks it names no statement found in the books. Attach the statement or passbook page as "
    "`document:` on the balance."
)
MSGID = (
    "Bank account {account} moved between {first} and {last} but no balance assertion dated "
    "from {window_start} to {window_end} checks it against the passbook. Add a `balance` entry "
    "with the passbook balance."
)


def _statement_found(book: Book, balance: Balance) -> bool:
    entry_file = str(balance.meta.get("filename") or "")
    names = documents_of(balance.meta)
    return bool(names) and all(book.documents.find(name, entry_file, [balance.account]) for name in names)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per bank account and month that moved without a balance assertion."""
    if book.last_date is None:
        return []
    checked: set[tuple[str, int, int]] = set()
    unbacked: dict[tuple[str, int, int], Balance] = {}
    for balance in book.balances:
        if classify(balance.account).bank:
            day = add_days(balance.date, -1)
            key = (balance.account, day.year, day.month)
            if _statement_found(book, balance):
                checked.add(key)
            else:
                unbacked.setdefault(key, balance)
    findings = []
    for (account, year, month), txn in sorted(book.fund.bank_moves.items()):
        if (account, year, month) in checked:
            continue
        first = month_start(year, month)
        window_end = next_month(first)
        if book.last_date <= window_end:
            continue
        balance = unbacked.get((account, year, month))
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                balance.meta if balance else txn.meta,
                date=balance.date if balance else txn.date,
                area=classify(account).area or "",
                msgid=MSG_UNBACKED if balance else MSGID,
                entry=balance or txn,
                day=balance.date if balance else txn.date,
                account=account,
                first=first,
                last=add_days(window_end, -1),
                window_start=add_days(first, 1),
                window_end=window_end,
            )
        )
    return findings


