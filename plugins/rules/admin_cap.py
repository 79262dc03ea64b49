"""Rule `admin-cap`: running costs of a calendar year may take at most `admin-cap` percent of its income.

Members' money is for benefits; a committee that pays itself through "running costs" drains
the fund slowly. Per area and year, `Expenses:A:Admin` is compared with all `Income:A:*` of the
same year under the bylaw in force on the year's last day (or the book's last day, for the
year being written).
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.rules._money import money_facts

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "admin-cap"
MSGID = (
    "Running costs from {first} to {last} were {admin}, {percent}% of the income of {income}, "
    "above the admin cap of {cap}% ({limit}). Cut running costs or have the members' meeting "
    "approve them, and record the decision."
)
HUNDRED = Decimal(100)


def _percent(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.1f}"


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per area and year whose running costs exceed the cap."""
    facts = money_facts(book)
    findings = []
    for (area, year), admin in sorted(facts.admin.items()):
        last_day = datetime.date(year, 12, 31)
        if facts.last_date is not None:
            last_day = min(last_day, max(facts.last_date, datetime.date(year, 1, 1)))
        bylaw = book.register.bylaw_at(area, last_day)
        income = facts.income.get((area, year), Decimal(0))
        limit = max(income, Decimal(0)) * bylaw.admin_cap / HUNDRED
        if admin <= limit:
            continue
        txn = facts.admin_last[(area, year)]
        percent = _percent(admin * HUNDRED / income) if income > 0 else "-"
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                txn.meta,
                date=txn.date,
                area=area,
                msgid=MSGID,
                entry=txn,
                first=datetime.date(year, 1, 1),
                last=last_day,
                admin=admin,
                percent=percent,
                income=income,
                cap=_percent(bylaw.admin_cap),
                limit=limit.quantize(Decimal("0.01")),
            )
        )
    return findings
