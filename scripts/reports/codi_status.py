"""`welfare report codi-status --area A [--as-of DATE]`: CODI's fund status form (แบบแสดงสถานะกองทุน).

Laid out as the form a fund files with CODI: the fund, its members (at founding, in all, who
left and why, now by category and by village), its money (brought forward from the old books,
received by source, paid out, the balance), and its benefits by type for the fiscal year and
since founding, with the chair's, treasurer's and auditor's signature lines. Every figure is a
field of `plugins.codi.FundStatus`; nothing is counted here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.codi import SOURCES, SPENDING, founding_members_until, fund_status
from welfare_ledger.plugins.i18n import gettext
from welfare_ledger.scripts.reports.codi_form import (
    FormTable,
    category_label,
    iso,
    role_label,
    signers,
    village_label,
)
from welfare_ledger.scripts.reports.labels import benefit_label, column_label, exit_reason_label
from welfare_ledger.scripts.reports.output import Report
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.codi import BenefitLine, FundStatus
    from welfare_ledger.plugins.i18n import Lang

RECEIVED = tuple(source for source in SOURCES if source != "brought_forward")
MSG_LINES = {
    "area": "Area code",
    "tambon": "Tambon",
    "founded": "Founded on",
    "books_begin": "First entry in these books",
    "as_of": "As of",
    "fiscal_year": "Fiscal year (Christian era)",
    "villages": "Villages in the tambon",
    "members_at_founding": "Members at founding",
    "members_in_all": "Members who ever joined",
    "members_left": "Members who left",
    "members_now": "Members now",
    "brought_forward_fund": "Fund money brought forward from the old books",
    "brought_forward_savings": "Members' savings brought forward from the old books",
    "received_total": "Received in these books, all sources",
    "spent_total": "Paid out, all kinds",
    "other_movements": "Other movements of fund money",
    "fund_balance": "Fund money (bank and cash)",
    "benefits": "Benefits to members",
    "projects": "Project spending",
    "admin": "Running costs (admin)",
    "benefit_persons_year": "Members helped in the fiscal year",
    "benefit_amount_year": "Paid in the fiscal year",
    "benefit_persons_since_founding": "Members helped since founding",
    "benefit_amount_since_founding": "Paid since founding",
}


def line(item: str, lang: Lang) -> str:
    """The label of a form line."""
    return gettext(MSG_LINES[item], lang)


def table(status: FundStatus, lang: Lang) -> FormTable:
    """The form as one long table (see `codi_form`)."""
    form = FormTable(lang)

    def add(section: str, item: str, value: object) -> None:
        form.add(section, item, value, label=line(item, lang))

    add("1", "area", status.area)
    add("1", "tambon", status.name)
    add("1", "founded", iso(status.founded))
    add("1", "books_begin", iso(status.books_begin))
    add("1", "as_of", iso(status.as_of))
    add("1", "fiscal_year", status.year)
    add("1", "villages", status.villages)
    add("2.1", "members_at_founding", status.members_at_founding)
    add("2.1", "members_in_all", status.members_in_all)
    add("2.1", "members_left", status.members_left)
    add("2.1", "members_now", status.members_now)
    for reason, count in status.left_by_reason.items():
        form.add("2.2", "members_left_by_reason", count, key=reason, label=exit_reason_label(reason, lang))
    for category, count in status.by_category.items():
        form.add("2.3", "members_by_category", count, key=category, label=category_label(category, lang))
    for village, count in status.by_village.items():
        form.add("2.4", "members_by_village", count, key=village, label=village_label(village, lang))
    money = status.money_since_founding
    for source in RECEIVED:
        form.add("3.1", "received", money[source], key=source, label=column_label(source, lang))
    add("3.1", "received_total", status.income_in_books)
    add("3.2", "brought_forward_fund", status.fund_brought_forward)
    add("3.2", "brought_forward_savings", money["brought_forward"])
    for kind in SPENDING:
        form.add("3.3", "spent", status.spending_since_founding[kind], key=kind, label=line(kind, lang))
    add("3.3", "spent_total", status.spent)
    if status.other_movements:
        add("3.4", "other_movements", status.other_movements)
    add("3.4", "fund_balance", status.fund_balance)
    for period, lines in (("year", status.benefits_year), ("since_founding", status.benefits_since_founding)):
        for benefit in lines:
            name = benefit_label(benefit.type, lang)
            form.add("4", f"benefit_persons_{period}", benefit.persons, key=benefit.type, label=name)
            form.add("4", f"benefit_amount_{period}", benefit.amount, key=benefit.type, label=name)
    for role, codes in signers(status.committee):
        for code in codes:
            form.add("5", "signer", code, key=role, label=role_label(role, lang))
    return form


def benefit_rows(status: FundStatus) -> list[tuple[BenefitLine | None, BenefitLine]]:
    """Each benefit type paid since founding, beside its line of the fiscal year (None: none this year)."""
    year = {b.type: b for b in status.benefits_year}
    return [(year.get(since.type), since) for since in status.benefits_since_founding]


def build(book: Book, area: str, as_of: datetime.date | None, lang: Lang) -> Report:
    """The status form of `area` on `as_of`, else on the last day the area's books are written through."""
    through = books_through(book, area)
    status = fund_status(book, area, as_of or through.as_today)
    context = {
        "status": status,
        "received": RECEIVED,
        "spending": SPENDING,
        "benefits": benefit_rows(status),
        "founding_until": founding_members_until(status.founded),
        "signers": signers(status.committee),
        "line": lambda item: line(item, lang),
        "label": lambda column: column_label(column, lang),
        "kind_name": lambda kind: benefit_label(kind, lang),
        "category_name": lambda category: category_label(category, lang),
        "village_name": lambda village: village_label(village, lang),
        "reason_name": lambda reason: exit_reason_label(reason, lang),
        "role_name": lambda role: role_label(role, lang),
    }
    return Report(
        template="codi_status.html",
        sheets={"status": table(status, lang).frame()},
        context=context,
        through=through,
    )
