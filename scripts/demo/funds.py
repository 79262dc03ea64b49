"""The fund settlement: which box pays, deposits at the bank, interest and monthly bank checks.

Run through the area's transactions day by day in the order Beancount books them: small
outflows come from the cash box when it holds enough, the rest by bank transfer; at a day's
end the cash above a small float goes to the bank (so the box never passes `cash-limit`); the
bank credits interest twice a year; and the passbook is checked against the book every month.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import BANK, CASH, FUND, Posting, Txn

if TYPE_CHECKING:
    from welfare_ledger.scripts.demo.model import AreaBook, Settings
    from welfare_ledger.scripts.demo.people import Roster
    from welfare_ledger.scripts.demo.policy import Policy

CASH_PAYMENT_MAX = Decimal(3000)
CASH_FLOAT = Decimal(2000)
HALF_YEAR_RATE = Decimal("0.0025")
CENT = Decimal("0.01")


class FundError(Exception):
    """The plan would overdraw the bank; the generator's rates are wrong."""


def _rank(txn: Txn) -> int:
    if txn.outflow:
        return 2
    return 0 if any(p.account.endswith(":Contributions") for p in txn.postings) else 1


def _next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


class Treasury:
    """The cash box and the passbook of one area while its days are booked in order."""

    def __init__(self, book: AreaBook, roster: Roster, policy: Policy) -> None:
        self.book = book
        self.roster = roster
        self.cash = book.account("Assets", CASH)
        self.bank = book.account("Assets", BANK)
        self.balances = {self.cash: Decimal(0), self.bank: Decimal(0)}
        self.float_limit = min(policy.cash_limit / 2, CASH_FLOAT * 4)

    def interest(self, day: datetime.date) -> Txn:
        """Half a year's interest on the passbook balance."""
        amount = (self.balances[self.bank] * HALF_YEAR_RATE).quantize(CENT)
        return Txn(
            date=day,
            payee="ธนาคารออมสิน",
            narration="ดอกเบี้ยเงินฝากออมทรัพย์",
            postings=[Posting(self.bank, amount), Posting(self.book.account("Income", "Interest"), -amount)],
            meta={"recorded-by": self.roster.recorder_on(day)},
        )

    def book_txn(self, txn: Txn) -> None:
        """Pick the paying box of an outflow (cash when small and at hand) and move the balances."""
        if txn.outflow:
            amount = -txn.fund_change
            use_cash = amount <= CASH_PAYMENT_MAX and self.balances[self.cash] >= amount
            source = self.cash if use_cash else self.bank
            txn.postings = [
                dataclasses.replace(p, account=source) if p.account == FUND else p for p in txn.postings
            ]
        for posting in txn.postings:
            if posting.account in self.balances and posting.amount is not None:
                self.balances[posting.account] += posting.amount
        if self.balances[self.bank] < 0:
            raise FundError(f"{self.book.place.code}: the bank would be overdrawn on {txn.date}")

    def deposit(self, day: datetime.date) -> Txn | None:
        """At the day's end, the cash above the float goes to the bank."""
        if self.balances[self.cash] <= self.float_limit:
            return None
        amount = ((self.balances[self.cash] - CASH_FLOAT) / 100).to_integral_value(rounding=ROUND_FLOOR) * 100
        txn = Txn(
            date=day,
            narration="นำเงินสดฝากธนาคาร",
            postings=[Posting(self.bank, amount), Posting(self.cash, -amount)],
            meta={"recorded-by": self.roster.recorder_on(day)},
        )
        self.book_txn(txn)
        return txn


def settle(settings: Settings, book: AreaBook, roster: Roster, policy: Policy, txns: list[Txn]) -> list[Txn]:
    """The transactions with their fund accounts chosen, plus deposits and interest, in book order."""
    by_day: dict[datetime.date, list[Txn]] = defaultdict(list)
    for txn in sorted(txns, key=lambda t: (t.date, _rank(t))):
        by_day[txn.date].append(txn)
    interest_days = {
        datetime.date(year, month, 20)
        for year in range(settings.start_year, settings.start_year + settings.years)
        for month in (6, 12)
    }
    treasury = Treasury(book, roster, policy)
    month_end: dict[tuple[int, int], Decimal] = {}
    settled: list[Txn] = []
    for day in sorted(by_day.keys() | interest_days):
        todays = [treasury.interest(day)] if day in interest_days else []
        for txn in [*todays, *by_day.get(day, [])]:
            treasury.book_txn(txn)
            settled.append(txn)
        deposit = treasury.deposit(day)
        if deposit is not None:
            settled.append(deposit)
        month_end[(day.year, day.month)] = treasury.balances[treasury.bank]
    _monthly_assertions(settings, book, treasury.bank, month_end)
    for order, txn in enumerate(settled):
        txn.order = order
    return settled


def _monthly_assertions(
    settings: Settings, book: AreaBook, account: str, month_end: dict[tuple[int, int], Decimal]
) -> None:
    """A bank balance check on the 1st of every month, for the month before."""
    month = datetime.date(settings.opening.year, settings.opening.month, 1)
    balance = Decimal(0)
    while month <= settings.end:
        balance = month_end.get((month.year, month.month), balance)
        book.balances.append((_next_month(month), account, balance))
        month = _next_month(month)
