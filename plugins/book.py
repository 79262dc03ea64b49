"""The facts of a loaded book that the rules, reports and pages share, gathered in one pass.

Outflows (transactions that lower an area's fund money and post to its expenses),
contributions (one per member posting on a collection day), and every place a member code
is used. Nothing here judges; the rules in `plugins/rules/` do.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.data import Transaction
from welfare_ledger.plugins import accounts
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.registers import Register, build_register

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core.data import Directive, Meta

ZERO = Decimal(0)


def split_codes(value: Any) -> tuple[str, ...]:
    """Member codes written in one metadata value, separated by spaces or commas."""
    if not isinstance(value, str):
        return ()
    return tuple(code for code in value.replace(",", " ").split() if code)


def documents_of(meta: Meta) -> tuple[str, ...]:
    """`document`, `document-2`, `document-3`, ... of an entry, in order."""
    found = []
    if isinstance(meta.get("document"), str):
        found.append(meta["document"])
    index = 2
    while isinstance(meta.get(f"document-{index}"), str):
        found.append(meta[f"document-{index}"])
        index += 1
    return tuple(found)


@dataclasses.dataclass(frozen=True, slots=True)
class Outflow:
    """A transaction that lowers an area's fund money and posts to its expenses."""

    txn: Transaction
    area: str
    amount: Decimal
    expense_accounts: tuple[str, ...]
    member: str | None
    approvers: tuple[str, ...]
    recorded_by: str | None
    documents: tuple[str, ...]

    @property
    def date(self) -> datetime.date:
        """The day the money left."""
        return self.txn.date

    @property
    def meta(self) -> Meta:
        """Where the entry is written."""
        return self.txn.meta

    @property
    def benefit_type(self) -> str | None:
        """The benefit type when this is a benefit, else None."""
        for account in self.expense_accounts:
            kind = accounts.benefit_type(account)
            if kind is not None:
                return kind
        return None

    @property
    def event_date(self) -> datetime.date:
        """The day of the birth, admission, death...: `event-date`, else the entry date."""
        value = self.txn.meta.get("event-date")
        return value if isinstance(value, datetime.date) else self.txn.date

    @property
    def nights(self) -> Decimal | None:
        """Nights in hospital of a Sickness claim."""
        value = self.txn.meta.get("nights")
        return Decimal(value) if isinstance(value, (Decimal, int)) else None

    @property
    def payee_key(self) -> str | None:
        """Whom the money went to: the member, else the payee."""
        return self.member or self.txn.payee or None


def outflow_finding(rule: str, severity: Severity, outflow: Outflow, *, msgid: str, **params: Any) -> Finding:
    """A finding about an outflow, pointing at its entry and dated the day the money left."""
    return finding_at(
        rule,
        severity,
        outflow.meta,
        date=outflow.date,
        area=outflow.area,
        msgid=msgid,
        entry=outflow.txn,
        **params,
    )


def benefit_finding(
    rule: str, outflow: Outflow, kind: str, member: str, event: datetime.date, *, msgid: str, **params: Any
) -> Finding:
    """An error about a benefit, naming its type (in Thai too), amount, member and event day."""
    return outflow_finding(
        rule,
        Severity.ERROR,
        outflow,
        msgid=msgid,
        kind=kind,
        kind_th=accounts.BENEFIT_TYPES.get(kind, kind),
        amount=outflow.amount,
        member=member,
        event=event,
        **params,
    )


@dataclasses.dataclass(slots=True)
class Contribution:
    """One member's contribution, usually a posting of a collection-day transaction.

    Not frozen, like `MemberUse`: there is one per member per collection day, and a frozen
    dataclass costs about five times as much to build. Nothing may change them all the same.
    """

    date: datetime.date
    area: str
    account: str
    member: str | None
    amount: Decimal
    receipt: str | None
    meta: Meta
    txn: Transaction

    @property
    def code(self) -> str:
        """The member code, when the contribution stands for its use (see `Book.member_uses`)."""
        return self.member or ""


@dataclasses.dataclass(slots=True)
class MemberUse:
    """A place where a member code is written (`member:` of a transaction or posting)."""

    code: str
    date: datetime.date
    meta: Meta
    txn: Transaction
    area: str | None


@dataclasses.dataclass
class Book:
    """A loaded book with its registers and the shared facts of its transactions."""

    entries: Sequence[Directive]
    options: dict[str, Any]
    register: Register
    transactions: list[Transaction] = dataclasses.field(default_factory=list)
    outflows: list[Outflow] = dataclasses.field(default_factory=list)
    contributions: list[Contribution] = dataclasses.field(default_factory=list)
    member_uses: list[MemberUse | Contribution] = dataclasses.field(default_factory=list)
    """Every use of a member code, in book order. A contribution whose posting names its member
    is that use itself (same code, day, metadata, transaction and area), so a collection day
    makes one object per member, not two: a hundred thousand fewer for the collector to walk."""
    contributions_by_member: dict[str, list[Contribution]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    cache: dict[str, Any] = dataclasses.field(default_factory=dict)
    """Derived indexes that several rules share, each built once on first use."""

    @property
    def areas(self) -> list[str]:
        """The area codes, declared ones first in code order."""
        return sorted(self.register.areas)


def _area_of_txn(txn: Transaction) -> str | None:
    for posting in txn.postings:
        area = accounts.area_of(posting.account)
        if area is not None:
            return area
    return None


@functools.cache
def _role(account: str) -> tuple[str, bool, bool, bool]:
    """What `_scan_transaction` asks of an account, answered once: area, fund, expense, contribution."""
    return (
        accounts.area_of(account) or "",
        accounts.is_fund(account),
        account.startswith("Expenses:"),
        account.startswith("Income:") and accounts.kind_of(account) == "Contributions",
    )


def _scan_transaction(book: Book, txn: Transaction) -> None:
    fund_change: dict[str, Decimal] = {}
    expenses: dict[str, list[str]] = {}
    txn_meta = txn.meta
    txn_member = txn_meta.get("member")
    txn_receipt = txn_meta.get("receipt")
    date = txn.date
    posting_members = False
    contributions = book.contributions
    by_member = book.contributions_by_member
    member_uses = book.member_uses
    for posting in txn.postings:
        account = posting.account
        units = posting.units
        number = units.number if units is not None and units.number is not None else ZERO
        area, fund, expense, contribution = _role(account)
        if fund:
            fund_change[area] = fund_change.get(area, ZERO) + number
        elif expense:
            expenses.setdefault(area, []).append(account)
        meta = posting.meta or {}
        member = meta.get("member")
        if isinstance(member, str):
            posting_members = True
            if not (contribution and area):
                member_uses.append(MemberUse(member, date, meta, txn, area or None))
        if contribution:
            own_member = member if isinstance(member, str) else txn_member
            receipt = meta.get("receipt", txn_receipt)
            own = own_member if isinstance(own_member, str) else None
            contributions.append(
                Contribution(
                    date,
                    area,
                    account,
                    own,
                    -number,
                    str(receipt) if receipt is not None else None,
                    meta if "member" in meta or "receipt" in meta else txn_meta,
                    txn,
                )
            )
            if own:
                by_member[own].append(contributions[-1])
            if area and isinstance(member, str):
                member_uses.append(contributions[-1])  # the use of `member`, see `Book.member_uses`
    if isinstance(txn_member, str) and not posting_members:
        member_uses.append(MemberUse(txn_member, date, txn_meta, txn, _area_of_txn(txn)))
    for area, change in fund_change.items():
        if change < ZERO and area in expenses:
            book.outflows.append(
                Outflow(
                    txn=txn,
                    area=area,
                    amount=-change,
                    expense_accounts=tuple(expenses[area]),
                    member=txn_member if isinstance(txn_member, str) else None,
                    approvers=split_codes(txn_meta.get("approved-by")),
                    recorded_by=str(txn_meta["recorded-by"]) if txn_meta.get("recorded-by") else None,
                    documents=documents_of(txn_meta),
                )
            )


_LATEST: list[Book] = []


def _same_entries(first: Sequence[Directive], second: Sequence[Directive]) -> bool:
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))


def build_book(entries: Sequence[Directive], options: dict[str, Any]) -> Book:
    """Read the registers and gather the shared facts of `entries` in one pass.

    A command or Fava page asks again for the facts the plugin gathered during the load:
    Beancount hands on a new list, but the very same entry objects. Those get the plugin's
    book back (one identity check per entry) instead of a second pass; any other entries,
    or the same in a changed order, a new book. Only the latest book is kept.
    """
    latest = _LATEST[0] if _LATEST else None
    if latest is not None and latest.options is options and _same_entries(latest.entries, entries):
        return latest
    book = Book(entries=entries, options=options, register=build_register(entries))
    for entry in entries:
        if isinstance(entry, Transaction):
            book.transactions.append(entry)
            _scan_transaction(book, entry)
    _LATEST[:] = [book]
    return book
