"""The fund settlement: which box pays, deposits and withdrawals, interest, cash counts, bank checks.

Run through the area's transactions day by day in the order Beancount books them: small
outflows come from the cash box when it holds enough, the rest by bank transfer; a benefit
handed over in cash at a funeral takes from the bank what the box lacks first, the monthly
allowance is paid from the box when the day's collections cover it, and whoever takes a cash
benefit signs for it (`received-by`: the member, or the nominee a death benefit is paid to).
At a day's end the cash above a small float goes to the bank (so the
box never passes `cash-limit`); the bank credits interest twice a year; two committee members
count the cash box on the last collection day of each quarter; and the passbook is checked
against the book every month, with the statement page attached to the `balance`.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import (
    BANK,
    CASH,
    FUND,
    BalanceCheck,
    Posting,
    Register,
    Txn,
    Voucher,
    with_meta,
)

if TYPE_CHECKING:
    from welfare_ledger.scripts.demo.model import AreaBook, MetaValue, Settings
    from welfare_ledger.scripts.demo.people import Roster
    from welfare_ledger.scripts.demo.policy import Policy

CASH_PAYMENT_MAX = Decimal(3000)
CASH_FLOAT = Decimal(2000)
HALF_YEAR_RATE = Decimal("0.0025")
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
QUARTER_ENDS = (3, 6, 9, 12)
COUNTERS = ("treasurer", "auditor", "chair", "secretary")
END_OF_DAY = 10**9
"""Sorts a cash count after every entry of its day in the year file."""


class FundError(Exception):
    """The plan would overdraw the bank; the generator's rates are wrong."""


def _rank(txn: Txn) -> int:
    if txn.outflow:
        return 2
    return 0 if any(p.account.endswith(":Contributions") for p in txn.postings) else 1


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _signed(txn: Txn) -> None:
    """Who took a cash benefit: the nominee it is paid to, else the member (on each posting of a list)."""
    if "member" in txn.meta:
        taker = txn.meta.get("paid-to", txn.meta["member"])
        txn.meta = with_meta(txn.meta, "received-by", taker, before="approved-by")
        return
    txn.postings = [
        dataclasses.replace(p, meta=(*p.meta, ("received-by", p.meta[0][1])))
        if p.meta and p.meta[0][0] == "member"
        else p
        for p in txn.postings
    ]


class Treasury:
    """The cash box and the passbook of one area while its days are booked in order."""

    def __init__(self, book: AreaBook, roster: Roster, policy: Policy) -> None:
        self.book = book
        self.roster = roster
        self.cash = book.account("Assets", CASH)
        self.bank = book.account("Assets", BANK)
        self.balances = {self.cash: Decimal(0), self.bank: Decimal(0)}
        self.float_limit = min(policy.cash_limit / 2, CASH_FLOAT * 4)

    def _meta(self, day: datetime.date) -> dict[str, MetaValue]:
        return {"recorded-by": self.roster.recorder_on(day)}

    def interest(self, day: datetime.date) -> Txn:
        """Half a year's interest on the passbook balance."""
        amount = (self.balances[self.bank] * HALF_YEAR_RATE).quantize(CENT)
        return Txn(
            date=day,
            payee="ธนาคารออมสิน",
            narration="ดอกเบี้ยเงินฝากออมทรัพย์",
            postings=[Posting(self.bank, amount), Posting(self.book.account("Income", "Interest"), -amount)],
            meta=self._meta(day),
        )

    def withdrawal(self, txn: Txn) -> Txn | None:
        """The cash a cash-only payment needs from the bank first (whole hundreds), or None."""
        short = -txn.fund_change - self.balances[self.cash]
        if short <= 0:
            return None
        amount = (short / HUNDRED).to_integral_value(rounding=ROUND_CEILING) * HUNDRED
        withdrawal = Txn(
            date=txn.date,
            narration="ถอนเงินจากธนาคารเพื่อจ่ายสวัสดิการเป็นเงินสด",
            postings=[Posting(self.cash, amount), Posting(self.bank, -amount)],
            meta=self._meta(txn.date),
        )
        self.book_txn(withdrawal)
        return withdrawal

    def book_txn(self, txn: Txn) -> None:
        """Pick the paying box of an outflow (cash when small and at hand) and move the balances."""
        if txn.outflow:
            amount = -txn.fund_change
            at_hand = self.balances[self.cash] >= amount
            use_cash = txn.cash_only or (at_hand and (txn.cash_if_enough or amount <= CASH_PAYMENT_MAX))
            source = self.cash if use_cash else self.bank
            txn.postings = [
                dataclasses.replace(p, account=source) if p.account == FUND else p for p in txn.postings
            ]
            if use_cash and txn.benefit:
                _signed(txn)
        for posting in txn.postings:
            if posting.account in self.balances and posting.amount is not None:
                self.balances[posting.account] += posting.amount
        if self.balances[self.bank] < 0 or self.balances[self.cash] < 0:
            raise FundError(
                f"{self.book.place.code}: the bank or the cash box would be overdrawn on {txn.date}"
            )

    def deposit(self, day: datetime.date) -> Txn | None:
        """At the day's end, the cash above the float goes to the bank."""
        if self.balances[self.cash] <= self.float_limit:
            return None
        amount = ((self.balances[self.cash] - CASH_FLOAT) / HUNDRED).to_integral_value(
            rounding=ROUND_FLOOR
        ) * HUNDRED
        txn = Txn(
            date=day,
            narration="นำเงินสดฝากธนาคาร",
            postings=[Posting(self.bank, amount), Posting(self.cash, -amount)],
            meta=self._meta(day),
        )
        self.book_txn(txn)
        return txn

    def count(self, day: datetime.date) -> Register:
        """The cash box counted at the day's end by two committee members (the treasurer and another)."""
        sitting = {t.role: t.code for t in reversed(self.roster.committee_on(day))}
        counters = [sitting[role] for role in COUNTERS if role in sitting][:2]
        text = (
            f'{day} custom "cash-count" "{self.book.place.code}" {self.balances[self.cash]:.2f} THB\n'
            f'  counted-by: "{" ".join(counters)}"\n'
        )
        return Register(day, text, END_OF_DAY)


def settle(settings: Settings, book: AreaBook, roster: Roster, policy: Policy, txns: list[Txn]) -> list[Txn]:
    """The transactions with their paying box chosen, and withdrawals, deposits and interest, in order."""
    by_day: dict[datetime.date, list[Txn]] = defaultdict(list)
    for txn in sorted(txns, key=lambda t: (t.date, _rank(t))):
        by_day[txn.date].append(txn)
    interest_days = {
        day
        for year in settings.years
        for month in (6, 12)
        if settings.within(day := datetime.date(year, month, 20))
    }
    count_days = {
        roster.collection_on(year, month) for year, month in settings.months() if month in QUARTER_ENDS
    }
    treasury = Treasury(book, roster, policy)
    month_end: dict[tuple[int, int], Decimal] = {}
    settled: list[Txn] = []
    for day in sorted(by_day.keys() | interest_days):
        todays = [treasury.interest(day)] if day in interest_days else []
        for txn in [*todays, *by_day.get(day, [])]:
            if txn.cash_only:
                withdrawal = treasury.withdrawal(txn)
                if withdrawal is not None:
                    settled.append(withdrawal)
            treasury.book_txn(txn)
            settled.append(txn)
        deposit = treasury.deposit(day)
        if deposit is not None:
            settled.append(deposit)
        if day in count_days and day <= settings.end:
            book.daily.append(treasury.count(day))
        month_end[(day.year, day.month)] = treasury.balances[treasury.bank]
    _monthly_assertions(settings, book, treasury.bank, month_end)
    for order, txn in enumerate(settled):
        txn.order = order
    return settled


def _monthly_assertions(
    settings: Settings, book: AreaBook, account: str, month_end: dict[tuple[int, int], Decimal]
) -> None:
    """A bank balance check on the 1st of every month, for the month before, with its statement page.

    The month of `--through` is not closed yet: its statement comes with the next month.
    """
    month = datetime.date(settings.opening.year, settings.opening.month, 1)
    balance = Decimal(0)
    folder = account.replace(":", "/")
    while _next_month(month) <= settings.end:
        balance = month_end.get((month.year, month.month), balance)
        day = _next_month(month)
        name = f"{day.isoformat()}.statement-{book.place.prefix}-{month:%Y-%m}.pdf"
        book.balances.append(BalanceCheck(day, account, balance, name))
        book.extra_documents.append(
            Voucher(
                folder,
                name,
                (
                    "Government Savings Bank: statement of account",
                    f"Account holder: {book.place.code} community welfare fund",
                    f"Month: {month:%Y-%m}",
                    f"Balance at the end of the month: {balance:,.2f} THB",
                ),
            )
        )
        month = _next_month(month)
