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
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.values import add_days

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


def _runs(book: Book, area: str) -> list[_Run]:
    running = book.fund.cash[area]
    moves = dict(running.days_and_totals())
    if not moves:
        return []
    first_day = min(moves)
    bylaw_days = {v.date for v in book.register.bylaws.get(area, ()) if v.date >= first_day}
    runs: list[_Run] = []
    current: _Run | None = None
    balance = Decimal(0)
    for day in sorted(moves.keys() | bylaw_days):
        balance = moves.get(day, balance)
        limit = book.policy(area, day).cash_limit
        if balance > limit:
            if current is None:
                txn = book.fund.cash_entries.get((area, day))
                meta = txn.meta if txn is not None else _bylaw_meta(book, area, day)
                current = _Run(day, balance, limit, meta, txn, balance, day)
                runs.append(current)
            current.highest = max(current.highest, balance)
            current.last = day
        elif current is not None:
            current.last = add_days(day, -1)
            current = None
    if current is not None and book.last_date is not None:
        current.last = max(current.last, book.last_date)
    return runs


def _bylaw_meta(book: Book, area: str, day: datetime.date) -> Meta:
    for version in book.register.bylaws.get(area, ()):
        if version.date == day:
            return version.meta
    return {}


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per run of days with the cash box over its limit."""
    findings = []
    for area in sorted(book.fund.cash):
        for run in _runs(book, area):
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
