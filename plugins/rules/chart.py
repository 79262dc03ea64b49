"""Rule `chart`: the closed chart of accounts, opening balances on the first day, no pads on fund money.

Every account of an area is one of the chart's (docs/data-model.md, "Accounts"), of a declared
area, in THB (with no price or cost: `1 THB @@ 5000 THB` is counted as one baht by the rules
but balances five thousand). `Equity:A:Opening` takes opening balances on the date of the area's first
transaction only: later, moving money against Equity makes it vanish from the fund's income and
spending. A `pad` on fund money lets Beancount invent whatever amount makes a lower balance
assertion pass; fund money is reconciled by entries, never padded. A fund account closed while
it still holds money takes no more entries and no more `balance`: the passbook it stands for can
then be emptied with nothing in the books to reconcile against.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.data import Close
from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding, finding_at
from welfare_ledger.plugins.source_lines import line_of

if TYPE_CHECKING:
    from beancount.core.data import Directive
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "chart"

MSG_OFF_CHART = (
    "Account {account} is not in the chart of accounts. Use one of the chart's accounts "
    "(docs/data-model.md) so the money is counted where the rules and reports look."
)
MSG_NO_AREA = (
    "Account {account} belongs to no declared area ({code} is not declared). Declare the area, or "
    "book the money to an account of the area it belongs to."
)
MSG_CURRENCY = (
    "The entry of {day} moves {currency} on {account}; the fund keeps its books in THB only. "
    "Convert the amount to THB."
)
MSG_PRICED = (
    "The entry of {day} gives the baht on {account} a price or cost, so Beancount "
    "balances it by another amount than the baht it counts. Remove the price or cost."
)
MSG_LATE_EQUITY = (
    "The entry of {day} posts to {account} after {fund}'s first transaction on {first}. Opening "
    "balances belong on that first day; money moved against Equity later leaves the fund unseen."
)
MSG_PAD = (
    "A `pad` of {account} from {source} on {day} lets Beancount make up the difference to the next "
    "balance of fund money. Record the real movements instead and remove the pad."
)

MSG_CLOSED_WITH_MONEY = (
    "{account} is closed on {day} while it still holds {amount} of fund money: no later entry "
    "or passbook balance can be recorded on it. Move the money to another account of the fund first."
)


def _accounts(book: Book) -> list[tuple[str, Directive]]:
    """Every account the book opens or uses, with the entry to point at (its `open` if any)."""
    places: dict[str, Directive] = {}
    for entry in book.opens:
        places.setdefault(entry.account, entry)
    for account, txn in book.first_use.items():
        places.setdefault(account, txn)
    return sorted(places.items())


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Accounts off the chart or of no declared area, foreign money, late Equity, pads on fund money."""
    declared = book.register.areas
    findings = []
    for account, entry in _accounts(book):
        info = classify(account)
        if info.area is not None and info.area not in declared:
            msgid, params = MSG_NO_AREA, {"code": info.area}
        elif not info.in_chart:
            msgid, params = MSG_OFF_CHART, {}
        else:
            continue
        findings.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                entry,
                area=info.area or "",
                msgid=msgid,
                account=account,
                **params,
            )
        )
    reported: set[int] = set()
    for msgid, postings in ((MSG_CURRENCY, book.foreign), (MSG_PRICED, book.priced)):
        for txn, posting in postings:
            if id(txn) in reported:
                continue
            reported.add(id(txn))
            findings.append(
                entry_finding(
                    CODE,
                    Severity.ERROR,
                    txn,
                    area=classify(posting.account).area or "",
                    msgid=msgid,
                    day=txn.date,
                    currency=posting.units.currency,
                    account=posting.account,
                )
            )
    late: set[tuple[int, str]] = set()
    for txn, area in book.equity:
        first = book.first_dates.get(area)
        if first is None or txn.date <= first or (id(txn), area) in late:
            continue
        late.add((id(txn), area))
        account = next(
            p.account
            for p in txn.postings
            if classify(p.account).area == area and classify(p.account).root == "Equity"
        )
        findings.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                txn,
                area=area,
                msgid=MSG_LATE_EQUITY,
                day=txn.date,
                account=account,
                fund=area,
                fund_th=book.register.area_name(area),
                first=first,
            )
        )
    for pad in book.pads:
        target, source = classify(pad.account), classify(pad.source_account)
        if not (target.fund or source.fund):
            continue
        findings.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                pad,
                area=(target.area if target.fund else source.area) or "",
                msgid=MSG_PAD,
                account=pad.account,
                source=pad.source_account,
                day=pad.date,
            )
        )
    findings.extend(_closed_with_money(book))
    return findings


def _closed_with_money(book: Book) -> list[Finding]:
    """Closes of fund accounts, or of a parent of them (as `close_tree` reads it), still holding money.

    A close counts the money of the account and of every account under it. The closes that
    `close_tree` makes for a parent's children (at line 0) are reported at the parent's written
    `close`, unless that close is among the entries and reported itself.
    """
    closes = [entry for entry in book.entries if isinstance(entry, Close)]
    held: dict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    if closes:
        for txn in book.transactions:
            for posting in txn.postings:
                if posting.units.number is not None and classify(posting.account).fund:
                    held[posting.account].append((txn.date, posting.units.number))
    written = {(close.date, close.account) for close in closes if close.meta.get("lineno")}
    findings = []
    for close in closes:
        parents = _parents(close.account)
        if not close.meta.get("lineno") and any((close.date, parent) in written for parent in parents):
            continue
        under = [a for a in held if a == close.account or a.startswith(close.account + ":")]
        amount = sum(
            (number for account in under for day, number in held[account] if day <= close.date), Decimal(0)
        )
        if not amount:
            continue
        place: Any = close
        if not close.meta.get("lineno"):
            names = "|".join(re.escape(name) for name in (close.account, *parents))
            place = line_of(book.options, rf"^{close.date}\s+close\s+({names})\s*(;|$)")
        params = {"account": close.account, "day": close.date, "amount": amount}
        area = classify(under[0]).area or ""
        if isinstance(place, Close):
            findings.append(
                entry_finding(CODE, Severity.ERROR, place, area=area, msgid=MSG_CLOSED_WITH_MONEY, **params)
            )
        else:
            findings.append(
                finding_at(CODE, Severity.ERROR, place, date=close.date, area=area,
                           msgid=MSG_CLOSED_WITH_MONEY, **params)
            )
    return findings


def _parents(account: str) -> list[str]:
    parts = account.split(":")
    return [":".join(parts[:end]) for end in range(1, len(parts))]
