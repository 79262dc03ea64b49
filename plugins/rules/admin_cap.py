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

from welfare_ledger.plugins.accounts import Kind, classify
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.summary import area_year

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

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


def _income_and_admin(book: Book, area: str, year: int) -> tuple[Decimal, Decimal]:
    """The year's income (every income column, brought-forward contributions excluded) and admin."""
    figures = area_year(book, area, year)
    return figures.income, figures.admin


def _last_admin(book: Book) -> dict[tuple[str, int], Outflow]:
    """The last outflow with running costs of each area and year: where a warning points."""
    found: dict[tuple[str, int], Outflow] = {}
    for outflow in book.outflows:
        if any(classify(account).kind is Kind.ADMIN for account in outflow.expense_accounts):
            found[(outflow.area, outflow.date.year)] = outflow
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per area and year whose running costs exceed the cap."""
    findings = []
    last_admin = _last_admin(book)
    for area in book.all_areas():
        for year in book.flows.years(area):
            income, admin = _income_and_admin(book, area, year)
            if admin <= 0:
                continue
            last_day = datetime.date(year, 12, 31)
            if book.last_date is not None:
                last_day = min(last_day, max(book.last_date, datetime.date(year, 1, 1)))
            cap = book.policy(area, last_day).admin_cap
            limit = max(income, Decimal(0)) * cap / HUNDRED
            if admin <= limit:
                continue
            outflow = last_admin.get((area, year))
            meta = outflow.meta if outflow else {}
            percent = _percent(admin * HUNDRED / income) if income > 0 else "-"
            findings.append(
                finding_at(
                    CODE,
                    Severity.WARNING,
                    meta,
                    date=outflow.date if outflow else last_day,
                    area=area,
                    msgid=MSGID,
                    entry=outflow.txn if outflow else None,
                    first=datetime.date(year, 1, 1),
                    last=last_day,
                    admin=admin,
                    percent=percent,
                    income=income,
                    cap=_percent(cap),
                    limit=limit.quantize(Decimal("0.01")),
                )
            )
    return findings
