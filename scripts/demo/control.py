"""The internal controls a careful treasurer keeps: approvals, no split or repeated payments, vouchers.

Every outflow goes through `Controls.outflow` (one payee) or `Controls.listed_outflow` (a list
of members paid together, each on a posting of their own), which pick the recorder and enough
approvers from the committee in office (never a member paid, their household or the recorder),
refuse a payment that would look split or duplicated, and file a payment voucher for it. A
monthly benefit repeats its amount every month by design, so only a second payment in the
same month counts as a duplicate for it, as the `duplicate-payment` rule counts.
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
        self.paid: dict[str, list[tuple[datetime.date, Decimal, str, bool]]] = {}

    def allows(
        self, key: str, day: datetime.date, amount: Decimal, account: str, *, monthly: bool = False
    ) -> bool:
        """Whether a payment would look neither split nor duplicated."""
        rows = self.paid.get(key, [])
        large = self.policy.large_amount
        for other_day, other_amount, other_account, other_monthly in rows:
            if other_amount != amount or other_account != account:
                continue
            if monthly and other_monthly:
                if (other_day.year, other_day.month) == (day.year, day.month):
                    return False
            elif abs((other_day - day).days) <= DUPLICATE_DAYS:
                return False
        if amount < large:
            near = [a for d, a, _, _ in rows if abs((d - day).days) <= SPLIT_DAYS and a < large]
            if near and sum(near) + amount >= large:
                return False
        return True

    def approvals(self, day: datetime.date, paid: set[str], amount: Decimal) -> tuple[str, list[str]] | None:
        """The recorder and the approvers of a payment to `paid`, or None when too few may approve."""
        recorder = self.roster.recorder_on(day, min(paid) if len(paid) == 1 else None)
        barred = {recorder} | paid
        for member in paid:
            barred |= self.roster.relatives(member)
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
        monthly = self._monthly(account)
        key = member or payee or ""
        if not self.allows(key, day, amount, account, monthly=monthly):
            return None
        approval = self.approvals(day, {member} if member else set(), amount)
        if approval is None:
            return None
        recorder, approvers = approval
        self.paid.setdefault(key, []).append((day, amount, account, monthly))
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

    def listed_outflow(
        self, day: datetime.date, narration: str, account: str, payments: list[tuple[str, Decimal]]
    ) -> Txn | None:
        """One payment to a list of members, a posting each (`member:` on the posting)."""
        total = sum((amount for _, amount in payments), Decimal(0))
        key = payments[0][0]
        if not self.allows(key, day, total, account, monthly=True):
            return None
        approval = self.approvals(day, {code for code, _ in payments}, total)
        if approval is None:
            return None
        recorder, approvers = approval
        self.paid.setdefault(key, []).append((day, total, account, True))
        lines = (
            f"Area: {self.book.place.code}",
            f"Date: {day.isoformat()}",
            f"Account: {account}",
            f"Paid to {len(payments)} members, {total:,.2f} THB in all:",
            *(f"  {code}  {amount:,.2f} THB" for code, amount in payments),
            f"Approved by: {' '.join(approvers)}",
            f"Recorded by: {recorder}",
        )
        postings = [Posting(account, amount, (("member", code),)) for code, amount in payments]
        return Txn(
            date=day,
            narration=narration,
            postings=[*postings, Posting(FUND, -total)],
            meta={"approved-by": " ".join(approvers), "recorded-by": recorder, "document": ""},
            outflow=True,
            document=Voucher(account.replace(":", "/"), "", lines),
        )

    def _monthly(self, account: str) -> bool:
        """Whether the account's benefit is paid every month under the rules."""
        kind = account.rsplit(":", 1)[-1]
        return ":Benefits:" in account and any(
            t.every_month for scheme in self.policy.schemes.get(kind, ()) for t in scheme.tiers
        )


def number_vouchers(book: AreaBook) -> None:
    """Number the vouchers by date, one series per Buddhist Era year, as a treasurer files them.

    Runs after the fund settlement, when the order of the book and the paying account are known.
    A benefit handed over in cash is backed by the receipt its recipient signed (ใบสำคัญรับเงิน):
    its file says so and names who signed.
    """
    numbers: dict[int, int] = {}
    prefix = book.place.prefix
    for txn in sorted(book.txns, key=lambda t: (t.date, t.order)):
        if txn.document is None:
            continue
        series = be_year(txn.date.year)
        numbers[series] = numbers.get(series, 0) + 1
        number = f"{prefix}{series}-{numbers[series]:04d}"
        paid_from = next(p.account for p in txn.postings if p.account.startswith("Assets:"))
        signed = _signatures(txn)
        kind = "receipt" if signed else "pv"
        title = "Receipt signed by the recipient(s)" if signed else "Payment voucher"
        name = f"{txn.date.isoformat()}.{kind}-{number}.pdf"
        lines = (f"{title} {number}", *txn.document.lines, f"Paid from: {paid_from}", *signed)
        txn.meta["document"] = name
        txn.document = Voucher(txn.document.folder, name, lines)


def _signatures(txn: Txn) -> tuple[str, ...]:
    """Who signed for a benefit handed over in cash (empty when it was not)."""
    found = [str(txn.meta["received-by"])] if "received-by" in txn.meta else []
    found += [str(item) for p in txn.postings for key, item in p.meta if key == "received-by"]
    return tuple(f"Received and signed by: {code}" for code in found)
