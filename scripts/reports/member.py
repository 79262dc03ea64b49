"""`welfare report member --member CODE`: a member's own statement, from `plugins.statement`.

The table has the contract's columns `date, kind, type, amount, receipt, document`; the page
adds the totals, whether the member is paid up, and which benefits they could claim today.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from welfare_ledger.plugins.statement import member_statement
from welfare_ledger.scripts.reports.labels import benefit_label, cents
from welfare_ledger.scripts.reports.output import Report

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.statement import MemberStatement

COLUMNS = ("date", "kind", "type", "amount", "receipt", "document")


def table(statement: MemberStatement) -> pd.DataFrame:
    """One row per contribution or benefit, in date order."""
    records = [
        {
            "date": line.date.isoformat(),
            "kind": line.kind,
            "type": line.type,
            "amount": cents(line.amount),
            "receipt": line.receipt,
            "document": line.document,
        }
        for line in statement.lines
    ]
    return pd.DataFrame.from_records(records, columns=list(COLUMNS))


def build(book: Book, code: str, today: datetime.date, lang: Lang) -> Report:
    """The statement of member `code` on `today`."""
    statement = member_statement(book, code, today)
    return Report(
        template="member.html",
        sheets={code: table(statement)},
        context={
            "statement": statement,
            "member": statement.member,
            "area_name": book.register.area_name(statement.member.area),
            "today": today,
            "kind_name": lambda kind: benefit_label(kind, lang),
        },
    )
