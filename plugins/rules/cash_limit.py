"""Rule `cash-limit`: the cash box may not hold more than the bylaw's `cash-limit` at the end of a day.

Cash kept in the box instead of the bank is cash that can go missing. The balance of an
area's `Assets:A:Cash` accounts is followed day by day (it only changes on days with entries,
and the limit only on days a bylaw takes effect), and each run of days over the limit is
reported once, at its first day.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.rules._money import money_facts

if TYPE_CHECKING:
    from beancount.core.data import Directive, Meta
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "cash-limit"
MSGID = (
    "The cash box held {amount} at the end of {first}, above the cash limit of {limit}, and stayed "
    "above it until {last} (at most {highest}). Deposit the excess at the bank the same day."
)
ONE_DAY = (
    "The cash box held {amount} at the end of {first}, above the cash limit of {limit}. Deposit "
    "the excess at the bank the same day."
)


@dataclasses.dataclass(slots=True)
class _Run:
    """Days in a row over the limit."""

    first: datetime.date
    amount: Decimal
    limit: Decimal
    meta: Meta
    entry: Directive | None
    highest: Decimal
    last: datetime.date


def _runs(book: Book, area: str, by_day: dict[datetime.date, Decimal]) -> list[_Run]:
    facts = money_facts(book)
    bylaw_days = {b.date for b in book.register.bylaws.get(area, ())}
    days = sorted(by_day.keys() | {d for d in bylaw_days if d >= min(by_day)})
    runs: list[_Run] = []
    current: _Run | None = None
    balance = Decimal(0)
    for day in days:
        balance += by_day.get(day, Decimal(0))
        bylaw = book.register.bylaw_at(area, day)
        if balance > bylaw.cash_limit:
            if current is None:
                txn = facts.cash_entry_by_day.get((area, day))
                entry: Any = txn if txn is not None else bylaw
                current = _Run(day, balance, bylaw.cash_limit, entry.meta, txn, balance, day)
                runs.append(current)
            current.highest = max(current.highest, balance)
            current.last = day
        elif current is not None:
            current.last = day - datetime.timedelta(days=1)
            current = None
    if current is not None and facts.last_date is not None:
        current.last = max(current.last, facts.last_date)
    return runs


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per run of days with the cash box over its limit."""
    findings = []
    for area, by_day in money_facts(book).cash_by_day.items():
        for run in _runs(book, area, by_day):
            findings.append(
                finding_at(
                    CODE,
                    Severity.WARNING,
                    run.meta,
                    date=run.first,
                    area=area,
                    msgid=MSGID if run.last > run.first else ONE_DAY,
                    entry=run.entry,
                    amount=run.amount,
                    limit=run.limit,
                    first=run.first,
                    last=run.last,
                    highest=run.highest,
                )
            )
    return findings
