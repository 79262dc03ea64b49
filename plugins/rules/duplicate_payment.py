"""Rule `duplicate-payment`: the same amount paid twice to one payee and expense account within 30 days.

Paying one claim twice is the easiest theft to hide in a busy month. Outflows are grouped by
area, payee (the member, else the payee), expense accounts and amount, sorted by date; payments
no more than `duplicate-days` apart (30 by default) are chained into one cluster, reported once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book, Outflow
    from welfare_ledger.plugins.config import AuditConfig

CODE = "duplicate-payment"
MSGID = (
    "{payee} was paid {amount} from {account} {count} times within {days} days, on {dates}. "
    "Check that these are different claims; if one is a duplicate, recover the money."
)


def _clusters(payments: list[Outflow], days: int) -> list[list[Outflow]]:
    """Runs of payments in which each is at most `days` after the one before."""
    gap = datetime.timedelta(days=days)
    clusters: list[list[Outflow]] = []
    current: list[Outflow] = []
    for payment in payments:
        if current and payment.date - current[-1].date > gap:
            if len(current) > 1:
                clusters.append(current)
            current = []
        current.append(payment)
    if len(current) > 1:
        clusters.append(current)
    return clusters


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per cluster of equal payments, at the first repeat."""
    groups: dict[tuple[str, str, tuple[str, ...], Decimal], list[Outflow]] = defaultdict(list)
    for outflow in book.outflows:
        payee = outflow.payee_key
        if payee:
            key = (outflow.area, payee, tuple(sorted(set(outflow.expense_accounts))), outflow.amount)
            groups[key].append(outflow)
    findings = []
    for (area, payee, expense_accounts, amount), payments in groups.items():
        if len(payments) < 2:
            continue
        payments.sort(key=lambda p: p.date)
        for cluster in _clusters(payments, config.duplicate_days):
            repeat = cluster[1]
            findings.append(
                finding_at(
                    CODE,
                    Severity.WARNING,
                    repeat.meta,
                    date=repeat.date,
                    area=area,
                    msgid=MSGID,
                    entry=repeat.txn,
                    payee=payee,
                    amount=amount,
                    account=list(expense_accounts),
                    count=len(cluster),
                    days=config.duplicate_days,
                    dates=[p.date for p in cluster],
                )
            )
    return findings
