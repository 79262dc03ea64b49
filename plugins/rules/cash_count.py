"""Rule `cash-count`: the cash box is counted by two committee members, often enough, and matches.

A cash box only the treasurer ever counts is a cash box nobody counts. Errors: a witnessed
count (`cash-count`) that differs from the books' cash at the end of its day, or counted by
fewer than two committee members in office. Warning: more than `cash-count-months` calendar
months between counts (or since the area's first cash movement), reported on the count that
ends the gap, or on the area's last cash entry when no count has come yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.findings import Finding, Severity, entry_finding, finding_at
from welfare_ledger.plugins.values import months_between

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import CashCount

CODE = "cash-count"
WITNESSES = 2

MSG_DIFFERS = (
    "The cash box of {fund} was counted at {counted} on {day}, but the books hold {booked} at the "
    "end of that day ({difference} apart). Find the missing entries or the missing cash, and "
    "record what is found."
)
MSG_FEW_WITNESSES = (
    "The cash count of {fund} on {day} was counted by {counted_by}, of whom {count} sat on the "
    "committee that day; two committee members must count the cash together."
)
MSG_GAP = (
    "The cash box of {fund} went uncounted from {first} to {last}, more than {months} months. "
    "Have two committee members count it and record the `cash-count`."
)


def _gap(
    book: Book, area: str, first: datetime.date, last: datetime.date, *, meta: Any, entry: Any
) -> Finding | None:
    months = book.policy(area, last).cash_count_months
    if months_between(first, last) <= months:
        return None
    return finding_at(
        CODE,
        Severity.WARNING,
        meta,
        date=last,
        area=area,
        msgid=MSG_GAP,
        entry=entry,
        fund=area,
        fund_th=book.register.area_name(area),
        first=first,
        last=last,
        months=months,
    )


def _count_findings(book: Book, count: CashCount) -> list[Finding]:
    area = count.area
    common = {"fund": area, "fund_th": book.register.area_name(area), "day": count.date}
    found = []
    booked = book.fund.cash_at(area, count.date)
    if booked != count.amount:
        found.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                count.entry,
                area=area,
                msgid=MSG_DIFFERS,
                counted=count.amount,
                booked=booked,
                difference=abs(booked - count.amount),
                **common,
            )
        )
    witnesses = [c for c in count.counted_by if book.register.is_committee(c, area, count.date)]
    if len(witnesses) < WITNESSES:
        found.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                count.entry,
                area=area,
                msgid=MSG_FEW_WITNESSES,
                counted_by=list(count.counted_by),
                count=len(witnesses),
                **common,
            )
        )
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Counts that differ or lack witnesses, and gaps between counts."""
    findings: list[Finding] = []
    for area in sorted(set(book.fund.cash) | set(book.register.cash_counts)):
        counts = sorted(book.register.cash_counts.get(area, ()), key=lambda c: c.date)
        for count in counts:
            findings.extend(_count_findings(book, count))
        running = book.fund.cash.get(area)
        if running is None or not running.days:
            continue
        previous = running.days[0]
        for count in counts:
            if count.date < previous:
                continue
            gap = _gap(book, area, previous, count.date, meta=count.meta, entry=count.entry)
            if gap is not None:
                findings.append(gap)
            previous = count.date
        last_day = running.days[-1]
        if last_day > previous:
            entry = book.fund.cash_entries.get((area, last_day))
            gap = _gap(book, area, previous, last_day, meta=entry.meta if entry else {}, entry=entry)
            if gap is not None:
                findings.append(gap)
    return findings
