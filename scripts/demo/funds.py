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
from decimal import Decimal
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


def settle(settings: Settings, book: AreaBook, roster: Roster, policy: Policy, txns: list[Txn]) -> list[Txn]:
    """The transactions with their fund accounts chosen, plus deposits and interest, in book order."""
    cash_account, bank_account = book.account("Assets", CASH), book.account("Assets", BANK)
    by_day: dict[datetime.date, list[Txn]] = defaultdict(list)
    for order, txn in enumerate(sorted(txns, key=lambda t: (t.date, _rank(t)))):
        txn.order = order
        by_day[txn.date].append(txn)
    for year in range(settings.start_year, settings.start_year + settings.years):
        for month in (6, 12):
            by_day.setdefault(datetime.date(year, month, 20), [])
    balances = {cash_account: Decimal(0), bank_account: Decimal(0)}
    month_end: dict[tuple[int, int], Decimal] = {}
    settled: list[Txn] = []
    float_limit = min(policy.cash_limit / 2, CASH_FLOAT * 4)
    for day in sorted(by_day):
        todays = by_day[day]
        if day.month in (6, 12) and day.day == 20 and day >= settings.start:
            interest = (balances[bank_account] * HALF_YEAR_RATE).quantize(CENT)
            todays.insert(
                0,
                Txn(
                    date=day,
                    payee="ธนาคารออมสิน",
                    narration="ดอกเบี้ยเงินฝากออมทรัพย์",
                    postings=[
                        Posting(bank_account, interest),
                        Posting(book.account("Income", "Interest"), -interest),
                    ],
                    meta={"recorded-by": roster.recorder_on(day)},
                ),
            )
        for txn in todays:
            if txn.outflow:
                amount = -txn.fund_change
                use_cash = amount <= CASH_PAYMENT_MAX and balances[cash_account] >= amount
                source = cash_account if use_cash else bank_account
                txn.postings = [
                    dataclasses.replace(p, account=source) if p.account == FUND else p for p in txn.postings
                ]
            for posting in txn.postings:
                if posting.account in balances and posting.amount is not None:
                    balances[posting.account] += posting.amount
            if balances[bank_account] < 0:
                raise FundError(f"{book.place.code}: the bank would be overdrawn on {day}")
            settled.append(txn)
        if balances[cash_account] > float_limit:
            deposit = ((balances[cash_account] - CASH_FLOAT) / 100).to_integral_value(
                rounding="ROUND_FLOOR"
            ) * 100
            settled.append(
                Txn(
                    date=day,
                    narration="นำเงินสดฝากธนาคาร",
                    postings=[Posting(bank_account, deposit), Posting(cash_account, -deposit)],
                    meta={"recorded-by": roster.recorder_on(day)},
                )
            )
            balances[cash_account] -= deposit
            balances[bank_account] += deposit
        month_end[(day.year, day.month)] = balances[bank_account]
    _monthly_assertions(settings, book, bank_account, month_end)
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
