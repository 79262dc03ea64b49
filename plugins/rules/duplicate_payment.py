"""Rule `duplicate-payment`: the same amount paid twice to one payee and expense account within 30 days.

Paying one claim twice is the easiest theft to hide in a busy month. Outflows are grouped by
area, payee (the member, else the payee), expense accounts and amount, sorted by date; payments
no more than `duplicate-days` apart (30 by default) are chained into one cluster, reported once.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.rules._common import audited_outflows

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

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


def _standing(book: Book, outflow: Outflow) -> bool:
    """Whether the outflow is a monthly benefit the register expects every month.

    A `standing-payment` of the member and type covering the month, or a benefit rule of the
    type with `every: "month"`: then only a second payment in the same month is a duplicate.
    """
    if not outflow.benefits:
        return False
    for benefit in outflow.benefits:
        if benefit.type is None:
            return False
        if book.register.standing_for(benefit.member, benefit.type, benefit.date) is not None:
            continue
        tiers = book.register.benefit_tiers(benefit.area, benefit.type, benefit.event_date)
        if not any(tier.every_month for tier in tiers):
            return False
    return True


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per cluster of equal payments, at the first repeat."""
    groups: dict[tuple[object, ...], list[Outflow]] = defaultdict(list)
    for outflow in audited_outflows(book.outflows):
        payee = outflow.payee_key
        if payee:
            key: tuple[object, ...] = (
                outflow.area,
                payee,
                tuple(sorted(set(outflow.expense_accounts))),
                outflow.amount,
            )
            if _standing(book, outflow):
                key = (*key, outflow.date.year, outflow.date.month)
            groups[key].append(outflow)
    findings = []
    for key, payments in groups.items():
        area, payee, expense_accounts, amount = key[:4]
        if len(payments) < 2:
            continue
        payments.sort(key=lambda p: p.date)
        days = book.policy(str(area), payments[0].date).duplicate_days
        for cluster in _clusters(payments, days):
            repeat = cluster[1]
            findings.append(
                finding_at(
                    CODE,
                    Severity.WARNING,
                    repeat.meta,
                    date=repeat.date,
                    area=str(area),
                    msgid=MSGID,
                    entry=repeat.txn,
                    payee=payee,
                    amount=amount,
                    account=list(expense_accounts),  # type: ignore[call-overload]
                    count=len(cluster),
                    days=days,
                    dates=[p.date for p in cluster],
                )
            )
    return findings
