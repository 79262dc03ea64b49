"""The monthly elderly allowance (บำนาญชุมชน): a standing payment to each member the rule covers.

From the month a member is 60 (by the register's `born`: with a year only, from the year the
member is 60 whatever the day) and has ten years of membership, the committee registers a
`standing-payment` and pays the rule's fixed amount every month on the collection day: in cash
at the members' meeting when the day's collections cover the list, each recipient signing it
(`received-by`), else by transfer to the recipients' accounts. The allowance stops, with
`ends:`, when the member dies, leaves, or is no longer paid up; it is not taken up again.
Nobody approves a list that pays themselves or their family.
"""

from __future__ import annotations

import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.members import age_at_least
from welfare_ledger.scripts.demo.model import Register, be_year

if TYPE_CHECKING:
    from welfare_ledger.scripts.demo.control import Controls
    from welfare_ledger.scripts.demo.model import AreaBook, Settings, Txn
    from welfare_ledger.scripts.demo.people import Person, Roster
    from welfare_ledger.scripts.demo.policy import Policy

KIND = "Elderly"


@dataclasses.dataclass(slots=True)
class Order:
    """One member's standing order: its first and last payment."""

    code: str
    amount: Decimal
    first: datetime.date
    last: datetime.date
    stopped: bool = False


def _covered(person: Person, roster: Roster, policy: Policy, day: datetime.date) -> Decimal | None:
    """The allowance `person` is due on `day`, or None."""
    if not person.active_on(day) or (person.stop is not None and day >= person.stop):
        return None
    tier = policy.tier(KIND, (day - person.joined).days, day)
    if tier is None or tier.amount is None or not tier.every_month:
        return None
    if tier.min_age is not None and age_at_least(person, day) < tier.min_age:
        return None
    return tier.amount if roster.paid_up(person.code, day) else None


def monthly_allowance(
    settings: Settings, book: AreaBook, roster: Roster, policy: Policy, controls: Controls
) -> list[Txn]:
    """Every month's allowance payments, and the standing-payment registers behind them."""
    account = book.account("Expenses", "Benefits", KIND)
    orders: dict[str, Order] = {}
    txns: list[Txn] = []
    for year, month in settings.months():
        day = roster.collection_on(year, month)
        if day > settings.end:
            continue
        due: list[tuple[str, Decimal]] = []
        for code, person in sorted(roster.people.items()):
            order = orders.get(code)
            if order is not None and order.stopped:
                continue
            amount = _covered(person, roster, policy, day)
            if amount is None:
                if order is not None:
                    order.stopped = True
                continue
            due.append((code, amount))
        paid, codes = _pay(controls, day, account, due)
        txns += paid
        for code, amount in due:
            if code in codes:
                order = orders.setdefault(code, Order(code, amount, day, day))
                order.last = day
            elif code in orders:
                orders[code].stopped = True
    for order in orders.values():
        _register(book, order)
    return txns


def _pay(
    controls: Controls, day: datetime.date, account: str, due: list[tuple[str, Decimal]]
) -> tuple[list[Txn], set[str]]:
    """The month's list, approved by committee members who are on it with no one of their family.

    When too few committee members are free of the list (some sit on it, or their family does),
    each recipient is paid on their own, approved by others.
    """
    narration = f"เงินบำนาญชุมชนผู้สูงอายุ ประจำเดือน {day.month}/{be_year(day.year)}"
    if not due:
        return [], set()
    listed = controls.listed_outflow(day, narration, account, due)
    if listed is not None:
        txns = [listed]
    else:
        found = (controls.outflow(day, narration, account, amount, member=code) for code, amount in due)
        txns = [txn for txn in found if txn is not None]
    for txn in txns:
        txn.cash_if_enough = True
    codes = {str(item) for txn in txns for p in txn.postings for key, item in p.meta if key == "member"}
    return txns, codes | {str(txn.meta["member"]) for txn in txns if "member" in txn.meta}


def _register(book: AreaBook, order: Order) -> None:
    text = f'{order.first} custom "standing-payment" "{order.code}" "{KIND}" {order.amount} THB\n'
    if order.stopped:
        text += f"  ends: {order.last}\n"
    book.registers.append(Register(order.first, text))
