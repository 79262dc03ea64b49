"""`welfare report member --member CODE`: a member's own statement, from `plugins.statement`.

The table has the contract's columns `date, kind, type, amount, receipt, document`; the page
adds the totals, whether the member is paid up, and which benefits they could claim. "Today"
is the last day the area's books are written through unless `--as-of` says otherwise, so that
months the treasurer has not entered yet are not counted against the member.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from welfare_ledger.plugins.i18n import render
from welfare_ledger.plugins.statement import member_statement
from welfare_ledger.scripts.reports.labels import benefit_label, cents, exit_reason_label
from welfare_ledger.scripts.reports.output import Report
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.statement import Eligibility, MemberStatement

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


def reason_text(item: Eligibility, lang: Lang) -> str:
    """Why the member can or cannot claim, with the exit reason in the reader's words."""
    params = dict(item.reason_params)
    if "reason" in params:
        params["reason"] = exit_reason_label(params["reason"], lang)
    return render(item.reason_msgid, params, lang)


def build(book: Book, code: str, as_of: datetime.date | None, lang: Lang) -> Report:
    """The statement of member `code` on `as_of`, else on the last day the area's books reach."""
    member = book.register.members[code]
    through = books_through(book, member.area)
    today = as_of or through.as_today
    statement = member_statement(book, code, today)
    ended = member.exit_date is not None and member.exit_date <= today
    return Report(
        template="member.html",
        sheets={code: table(statement)},
        context={
            "statement": statement,
            "member": member,
            "area_name": book.register.area_name(member.area),
            "today": today,
            "ended": ended,
            "exit_reason": exit_reason_label(member.exit_reason or "", lang),
            "reason": lambda item: reason_text(item, lang),
            "kind_name": lambda kind: benefit_label(kind, lang),
        },
        through=through,
    )
