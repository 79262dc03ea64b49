"""`welfare report disclosure --area A --month YYYY-MM`: the public monthly notice of an area.

For the notice board and the members' meeting, on one A4 page: money in and out by category,
every outflow with the member code (never a name or ID number), approvers and document, the
fund money at the start and end of the month, the month's findings, and the latest seal as
members check it: its short check code, large and grouped, beside a QR code of what a member
compares (`plugins.seal_code`), and whether it holds. The full digest stays in the book
(`welfare seal --verify` prints it). What an opening entry brought forward is its own line.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime
from typing import TYPE_CHECKING, Any

import pandas as pd
from markupsafe import Markup
from welfare_ledger.plugins.seal_code import check_code, qr_payload, qr_svg
from welfare_ledger.plugins.summary import (
    BENEFIT_COLUMNS,
    INCOME_COLUMNS,
    ZERO,
    book_areas,
    column_of,
    fund_balance,
    month_flows,
)
from welfare_ledger.scripts.reports.labels import area_label, cents, column_label
from welfare_ledger.scripts.reports.opening import brought_forward
from welfare_ledger.scripts.reports.output import Report
from welfare_ledger.scripts.reports.privacy import public_text
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.facts import Outflow
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.registers import Seal

INCOME = INCOME_COLUMNS
SPENDING = (*BENEFIT_COLUMNS.values(), "projects", "admin")
OUTFLOW_COLUMNS = ("date", "member", "payee", "category", "amount", "approved_by", "document")


def known_areas(book: Book) -> list[str]:
    """The areas a notice can be made for."""
    return book_areas(book)


def category(outflow: Outflow) -> str:
    """The `areas` column an outflow counts under (its first expense account decides)."""
    for account in outflow.expense_accounts:
        column = column_of(account)
        if column:
            return column
    return "admin"


def month_outflows(book: Book, area: str, first: datetime.date, last: datetime.date) -> list[Outflow]:
    """The outflows of `area` dated in the month, in date and file order."""
    found = [o for o in book.outflows if o.area == area and first <= o.date <= last]
    return sorted(found, key=lambda o: (o.date, str(o.meta.get("filename")), o.meta.get("lineno", 0)))


def paid_to(outflow: Outflow) -> str:
    """Whom a payment went to as the notice may print it: the payee, else the narration."""
    return public_text(outflow.txn.payee or outflow.txn.narration)


def outflow_table(outflows: list[Outflow]) -> pd.DataFrame:
    """Every outflow: member code or payee, category, amount, approvers, documents."""
    records = [
        {
            "date": o.date.isoformat(),
            "member": o.member or "",
            "payee": "" if o.member else paid_to(o),
            "category": category(o),
            "amount": cents(o.amount),
            "approved_by": " ".join(o.approvers),
            "document": " ".join(o.documents),
        }
        for o in outflows
    ]
    return pd.DataFrame.from_records(records, columns=list(OUTFLOW_COLUMNS))


def findings_in(
    findings: list[Finding], area: str, first: datetime.date, last: datetime.date
) -> list[Finding]:
    """The findings of `area` dated in the month."""
    return [f for f in findings if f.area == area and f.date is not None and first <= f.date <= last]


@dataclasses.dataclass(frozen=True, slots=True)
class SealShown:
    """The latest seal as the notice shows it."""

    seal: Seal
    code: str
    payload: str
    qr: Markup
    holds: bool


def seal_shown(book: Book, findings: list[Finding], area: str, url: str | None) -> SealShown | None:
    """The area's latest seal with its check code and QR code; broken when the audit says so."""
    seal = book.register.latest_seal(area)
    if seal is None:
        return None
    payload = qr_payload(area, seal.date, seal.digest, url)
    broken = any(f.rule == "seal" and f.area == area and f.date == seal.date for f in findings)
    return SealShown(seal, check_code(seal.digest), payload, Markup(qr_svg(payload)), holds=not broken)  # noqa: S704  (segno's SVG, no text of the book)


def build(
    book: Book,
    findings: list[Finding],
    area: str,
    *,
    year: int,
    month: int,
    lang: Lang,
    url: str | None = None,
) -> Report:
    """The notice of `area` for one month; `url` is the fund's pages, put into the QR code."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    forward = brought_forward(book, area, first, last)
    flows = month_flows(book, area, year, month)
    outflows = month_outflows(book, area, first, last)
    found = findings_in(findings, area, first, last)
    opening = fund_balance(book, area, first - datetime.timedelta(days=1))
    closing = fund_balance(book, area, last)
    carried = [{"side": "income", "category": "brought_forward", "amount": cents(forward.fund)}]
    categories = pd.DataFrame.from_records(
        [{"side": "income", "category": c, "amount": cents(flows[c])} for c in INCOME]
        + (carried if forward else [])
        + [{"side": "spending", "category": c, "amount": cents(flows[c])} for c in SPENDING],
        columns=["side", "category", "amount"],
    )
    findings_table = pd.DataFrame.from_records(
        [
            {
                "rule": f.rule,
                "severity": f.severity.value,
                "date": f.date.isoformat() if f.date else "",
                "message": f.message(lang),
            }
            for f in found
        ],
        columns=["rule", "severity", "date", "message"],
    )
    context: dict[str, Any] = {
        "area": area,
        "area_name": area_label(book, area, lang),
        "forward": forward,
        "year_value": year,
        "month_value": month,
        "first": first,
        "last": last,
        "income": [(c, flows[c]) for c in INCOME if flows[c]],
        "spending": [(c, flows[c]) for c in SPENDING if flows[c]],
        "income_total": sum((flows[c] for c in INCOME), ZERO) + forward.fund,
        "spending_total": sum((flows[c] for c in SPENDING), ZERO),
        "outflows": outflows,
        "category": category,
        "paid_to": paid_to,
        "label": lambda column: column_label(column, lang),
        "opening": opening,
        "closing": closing,
        "findings": found,
        "seal": seal_shown(book, findings, area, url),
    }
    return Report(
        template="disclosure.html",
        sheets={"outflows": outflow_table(outflows), "categories": categories, "findings": findings_table},
        context=context,
        through=books_through(book, area),
    )
