"""Rule `split-payment`: outflows to one payee close together, each under `large-amount`, together over it.

Splitting one large payment into small ones is how a committee avoids the extra approvers a
large payment needs. Outflows are grouped by area and payee (the member, else the payee),
sorted by date and scanned with a sliding window of `split-days` days (7 by default; two
payments 7 days apart are in one window, 8 days apart are not).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.rules._common import audited_outflows

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

CODE = "split-payment"
MSGID = (
    "Payments to {payee} on {dates} ({amounts}) total {total}: each is below the large-amount "
    "limit of {limit} but together they reach it. Check whether one payment was split to avoid "
    "the {approvals} approvals a large payment needs, and have it approved as one."
)


def _clusters(
    book: Book, config: AuditConfig, payments: list[Outflow]
) -> list[tuple[list[Outflow], Decimal]]:
    """Maximal runs of small payments within `split-days` of the first that reach the limit."""
    policies = {p.date: book.policy(p.area, p.date) for p in payments}
    window = datetime.timedelta(days=max(policy.split_days for policy in policies.values()))
    limits = {day: policy.large_amount for day, policy in policies.items()}
    small = [p for p in payments if p.amount < limits[p.date]]
    found: list[tuple[list[Outflow], Decimal]] = []
    start = 0
    total = Decimal(0)
    index = 0
    while index < len(small):
        payment = small[index]
        while payment.date - small[start].date > window:
            total -= small[start].amount
            start += 1
        total += payment.amount
        limit = limits[payment.date]
        if index > start and total >= limit:
            end = index + 1
            while end < len(small) and small[end].date - small[start].date <= window:
                end += 1
            cluster = small[start:end]
            found.append((cluster, limit))
            start = index = end
            total = Decimal(0)
            continue
        index += 1
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per cluster of split payments, at its last payment."""
    groups: dict[tuple[str, str], list[Outflow]] = defaultdict(list)
    for outflow in audited_outflows(book.outflows):
        payee = outflow.payee_key
        if payee:
            groups[(outflow.area, payee)].append(outflow)
    findings = []
    for (area, payee), payments in groups.items():
        payments.sort(key=lambda p: p.date)
        for cluster, limit in _clusters(book, config, payments):
            last = cluster[-1]
            policy = book.policy(area, last.date)
            findings.append(
                finding_at(
                    CODE,
                    Severity.WARNING,
                    last.meta,
                    date=last.date,
                    area=area,
                    msgid=MSGID,
                    entry=last.txn,
                    payee=payee,
                    dates=[p.date for p in cluster],
                    amounts=[p.amount for p in cluster],
                    total=sum((p.amount for p in cluster), Decimal(0)),
                    limit=limit,
                    approvals=policy.approvals_for(limit),
                )
            )
    return findings
