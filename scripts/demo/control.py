"""The internal controls a careful treasurer keeps: approvals, no split or repeated payments, vouchers.

Every outflow goes through `Controls.outflow`, which picks the recorder and enough approvers
from the committee in office (never the paid member, their household or the recorder), refuses
a payment that would look split or duplicated, and files a payment voucher for it.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import FUND, Posting, Txn, Voucher, be_year

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.model import AreaBook, MetaValue
    from welfare_ledger.scripts.demo.people import Roster
    from welfare_ledger.scripts.demo.policy import Policy

SPLIT_DAYS = 8
DUPLICATE_DAYS = 31


class Controls:
    """Approvals, payment guards and vouchers of one area."""

    def __init__(self, book: AreaBook, roster: Roster, policy: Policy, rng: random.Random) -> None:
        self.book = book
        self.roster = roster
        self.policy = policy
        self.rng = rng
        self.paid: dict[str, list[tuple[datetime.date, Decimal, str]]] = {}

    def allows(self, key: str, day: datetime.date, amount: Decimal, account: str) -> bool:
        """Whether a payment would look neither split nor duplicated."""
        rows = self.paid.get(key, [])
        large = self.policy.large_amount
        for other_day, other_amount, other_account in rows:
            gap = abs((other_day - day).days)
            if gap <= DUPLICATE_DAYS and other_amount == amount and other_account == account:
                return False
        if amount < large:
            near = [a for d, a, _ in rows if abs((d - day).days) <= SPLIT_DAYS and a < large]
            if near and sum(near) + amount >= large:
                return False
        return True

    def approvals(
        self, day: datetime.date, member: str | None, amount: Decimal
    ) -> tuple[str, list[str]] | None:
        """The recorder and the approvers of a payment, or None when too few may approve."""
        recorder = self.roster.recorder_on(day, member)
        barred = {recorder}
        if member is not None:
            barred |= {member} | self.roster.relatives(member)
        candidates = [t.code for t in self.roster.committee_on(day) if t.code not in barred]
        need = 3 if amount >= self.policy.large_amount else 2
        if len(candidates) < need:
            return None
        return recorder, sorted(self.rng.sample(candidates, need))

    def outflow(
        self,
        day: datetime.date,
        narration: str,
        account: str,
        amount: Decimal,
        *,
        member: str | None = None,
        payee: str | None = None,
        meta: dict[str, MetaValue] | None = None,
        posting_meta: tuple[tuple[str, MetaValue], ...] = (),
    ) -> Txn | None:
        """A controlled payment from the fund, or None when a control would refuse it."""
        key = member or payee or ""
        if not self.allows(key, day, amount, account):
            return None
        approval = self.approvals(day, member, amount)
        if approval is None:
            return None
        recorder, approvers = approval
        self.paid.setdefault(key, []).append((day, amount, account))
        entry_meta: dict[str, MetaValue] = {}
        if member is not None:
            entry_meta["member"] = member
        entry_meta.update(meta or {})
        entry_meta["approved-by"] = " ".join(approvers)
        entry_meta["recorded-by"] = recorder
        entry_meta["document"] = ""
        lines = (
            f"Area: {self.book.place.code}",
            f"Date: {day.isoformat()}",
            f"Account: {account}",
            f"Amount: {amount:,.2f} THB",
            f"Member: {member or '-'}",
            f"Approved by: {' '.join(approvers)}",
            f"Recorded by: {recorder}",
        )
        return Txn(
            date=day,
            narration=narration,
            payee=payee,
            postings=[Posting(account, amount, posting_meta), Posting(FUND, -amount)],
            meta=entry_meta,
            outflow=True,
            document=Voucher(account.replace(":", "/"), "", lines),
        )


def number_vouchers(book: AreaBook) -> None:
    """Number the payment vouchers by date, one series per Buddhist Era year, as a treasurer files them.

    Runs after the fund settlement, when the order of the book and the paying account are known.
    """
    numbers: dict[int, int] = {}
    prefix = book.place.prefix
    for txn in sorted(book.txns, key=lambda t: (t.date, t.order)):
        if txn.document is None:
            continue
        series = be_year(txn.date.year)
        numbers[series] = numbers.get(series, 0) + 1
        number = f"{prefix}{series}-{numbers[series]:04d}"
        name = f"{txn.date.isoformat()}.pv-{number}.pdf"
        paid_from = next(p.account for p in txn.postings if p.account.startswith("Assets:"))
        lines = (f"Payment voucher {number}", *txn.document.lines, f"Paid from: {paid_from}")
        txn.meta["document"] = name
        txn.document = Voucher(txn.document.folder, name, lines)
