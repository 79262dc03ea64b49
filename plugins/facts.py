"""The typed facts of a book's transactions: what moved, from which area, to whom, on whose approval.

One record per fact, built once per load by `plugins.book` and read by every rule, report, Fava
page and the export. The definitions are total (docs/data-model.md, section "Money"): every
posting of a transaction is classified, and every fall in an area's fund money is an outflow,
whatever the other postings are, so nothing leaves unseen.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.values import split_codes

if TYPE_CHECKING:
    from beancount.core.data import Meta, Posting, Transaction

ZERO = Decimal(0)
GRANT_KINDS = ("received", "spent")


def documents_of(meta: Meta) -> tuple[str, ...]:
    """`document`, `document-2`, `document-3`, ... of an entry, in order (text values only)."""
    found = []
    value = meta.get("document")
    if isinstance(value, str) and value.strip():
        found.append(value.strip())
    index = 2
    while f"document-{index}" in meta:
        value = meta[f"document-{index}"]
        if isinstance(value, str) and value.strip():
            found.append(value.strip())
        index += 1
    return tuple(found)


@dataclasses.dataclass(frozen=True, slots=True)
class Benefit:
    """Money paid to (or paid back by, when negative) a member, from one posting of an outflow.

    `type` is the benefit type of the `Expenses:A:Benefits:<Type>` account it was booked to, or
    None when it was booked anywhere else (rule `benefit-account`).
    """

    txn: Transaction
    area: str
    member: str
    type: str | None
    account: str
    amount: Decimal
    event_date: datetime.date
    nights: Decimal | None
    meta: Meta
    """Where the member is written: the posting's metadata, or the transaction's."""

    @property
    def date(self) -> datetime.date:
        """The day the money was paid."""
        return self.txn.date

    def value(self, key: str) -> Any:
        """A metadata value of the benefit: the posting's, else the transaction's."""
        if key in self.meta:
            return self.meta[key]
        return self.txn.meta.get(key)

    @property
    def claim(self) -> str | None:
        """The approved claim this payment settles (`claim:`)."""
        codes = split_codes(self.value("claim"))
        return codes[0] if codes else None

    @property
    def received_by(self) -> str | None:
        """Who took the money in cash and signed for it (`received-by:`)."""
        codes = split_codes(self.value("received-by"))
        return codes[0] if codes else None

    @property
    def paid_to(self) -> str | None:
        """The nominated beneficiary the benefit went to (`paid-to:`)."""
        codes = split_codes(self.value("paid-to"))
        return codes[0] if codes else None

    @property
    def location(self) -> tuple[str, int]:
        """File and line to point at."""
        return str(self.meta.get("filename", "")), int(self.meta.get("lineno", 0) or 0)


@dataclasses.dataclass(frozen=True, slots=True)
class Outflow:
    """An area's spending in one transaction: its fund money fell, or it posted to its expenses.

    `fund_fall` is the fall in the area's fund money (every `Assets:A:*` account);
    `spending` the sum of its positive `Expenses:A:*` postings; `amount` the larger of the two,
    which the limits (approvals, large amount) judge.
    """

    txn: Transaction
    area: str
    amount: Decimal
    fund_fall: Decimal
    spending: Decimal
    expense_accounts: tuple[str, ...]
    destinations: tuple[str, ...]
    members: tuple[str, ...]
    approvers: tuple[str, ...]
    recorded_by: str | None
    documents: tuple[str, ...]
    padding: bool
    benefits: tuple[Benefit, ...]
    cash: bool
    """Paid from the cash box (a cash benefit needs a receipt signed by who took the money)."""

    @property
    def date(self) -> datetime.date:
        """The day the money left."""
        return self.txn.date

    @property
    def meta(self) -> Meta:
        """Where the entry is written."""
        return self.txn.meta

    @property
    def payee(self) -> str | None:
        """The payee written on the transaction, if any."""
        payee = self.txn.payee
        return payee.strip() if isinstance(payee, str) and payee.strip() else None

    @property
    def member(self) -> str | None:
        """The (first) member paid, if the outflow names one."""
        return self.members[0] if self.members else None

    @property
    def payee_key(self) -> str | None:
        """Whom the money went to: the member, else the payee."""
        return self.member or self.payee

    @property
    def event_date(self) -> datetime.date:
        """The day of the event of its first benefit, else the day the money left."""
        return self.benefits[0].event_date if self.benefits else self.txn.date

    @property
    def benefit_type(self) -> str | None:
        """The benefit type of its first benefit booked to a benefit account, else None."""
        for benefit in self.benefits:
            if benefit.type is not None:
                return benefit.type
        return None


@dataclasses.dataclass(frozen=True, slots=True)
class Inflow:
    """A rise in an area's fund money in one transaction."""

    txn: Transaction
    area: str
    amount: Decimal


@dataclasses.dataclass(slots=True)
class Contribution:
    """One member's contribution, usually a posting of a collection-day transaction.

    Not frozen, like `MemberUse`: there is one per member per collection day, and a frozen
    dataclass costs several times as much to build. Nothing changes them all the same.
    `brought_forward` marks contributions carried over from an older register against
    `Equity:A:Opening`: they count for the member, but are not income of their year.
    """

    date: datetime.date
    area: str
    account: str
    member: str | None
    amount: Decimal
    receipt: str | None
    meta: Meta
    txn: Transaction
    brought_forward: bool

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


@dataclasses.dataclass(frozen=True, slots=True)
class GrantPosting:
    """A posting to `Income:A:Grants` (received) or `Expenses:A:Projects[:...]` (spent)."""

    txn: Transaction
    posting: Posting
    area: str
    code: str | None
    received: bool
    amount: Decimal
    code_meta: Meta
    """Where the `grant:` code is written (the posting's metadata or the transaction's)."""

    @property
    def date(self) -> datetime.date:
        """The day of the transaction."""
        return self.txn.date

    @property
    def meta(self) -> Meta:
        """Where the posting is written (its own line when Beancount gave it one)."""
        meta = self.posting.meta
        return meta if meta and meta.get("lineno") else self.txn.meta


@dataclasses.dataclass(frozen=True, slots=True)
class MatchingPosting:
    """Matching money received: its area, source, the `for-year` written (if any) and the amount."""

    txn: Transaction
    meta: Meta
    area: str
    source: str
    for_year: int | None
    amount: Decimal


@dataclasses.dataclass(frozen=True, slots=True)
class Opening:
    """What one area brought forward in one opening transaction (one posting to `Equity:A:Opening`).

    `fund` is the fund money it brought; `columns` the income and spending of older books it
    carried over (members' savings from the old register above all), by report column. These
    are not income or spending of the year the books start in.
    """

    day: datetime.date
    area: str
    fund: Decimal
    columns: dict[str, Decimal]
