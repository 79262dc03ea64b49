"""A statement's rows in time order, checked against its own running balances.

A bank prints the balance after each row. Every balance must follow from the one before it
and the amounts in between; if one does not, a row is missing, an amount was changed or a
sign is flipped, and the statement is refused at that row. The same arithmetic settles what
the file leaves open: whether it lists the newest row first (when every row has the same
date), and whether a single signed amount column counts money in as positive or negative.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
from decimal import Decimal
from typing import NamedTuple

from welfare_ledger.importers.problems import ImportProblem

ZERO = Decimal(0)
ONE_DAY = datetime.timedelta(days=1)


@dataclasses.dataclass(slots=True)
class Line:
    """One row of a statement: a movement, or a brought-forward balance (movement 0)."""

    row: int
    date: datetime.date | None
    description: str
    details: str
    movement: Decimal
    balance: Decimal | None
    brought_forward: bool = False


class Break(NamedTuple):
    """A balance that does not follow: where, what it says, and what the rows before it give."""

    line: Line
    previous: Decimal
    moved: Decimal
    expected: Decimal


class Statement(NamedTuple):
    """The rows oldest first, the sign that makes their balances follow, and the closing balance."""

    lines: list[Line]
    sign: int
    closing: Decimal | None


def breaks(lines: list[Line], sign: int) -> list[Break]:
    """Every balance in `lines` (oldest first) that does not follow from the one before it."""
    found: list[Break] = []
    previous: Decimal | None = None
    moved = ZERO
    for line in lines:
        moved += sign * line.movement
        if line.balance is None:
            continue
        if previous is not None and previous + moved != line.balance:
            found.append(Break(line, previous, moved, previous + moved))
        previous, moved = line.balance, ZERO
    return found


def _date_order(lines: list[Line], date_label: str) -> bool | None:
    """True when the file lists rows oldest first, False newest first, None when the dates do not say."""
    dated = [line for line in lines if line.date is not None]
    ascending: bool | None = None
    for before, after in itertools.pairwise(dated):
        assert before.date is not None and after.date is not None
        if before.date == after.date:
            continue
        if ascending is None:
            ascending = before.date < after.date
        elif (before.date < after.date) != ascending:
            raise ImportProblem(
                "The dates change direction here ({day} after {previous}); a statement lists its rows "
                "in date order, oldest or newest first. Is a row out of place?",
                row=after.row, column=date_label, day=after.date, previous=before.date,
            )
    return ascending


def in_time_order(
    lines: list[Line], signs: tuple[int, ...], date_label: str, balance_label: str
) -> Statement:
    """The statement oldest first, with the sign its balances confirm, or a problem at the break."""
    ascending = _date_order(lines, date_label)
    orders = (ascending,) if ascending is not None else (True, False)
    tried: list[tuple[list[Break], list[Line], int]] = []
    for order in orders:
        ordered = lines if order else lines[::-1]
        for sign in signs:
            found = breaks(ordered, sign)
            if not found:
                return Statement(ordered, sign, _closing(ordered, sign))
            tried.append((found, ordered, sign))
    found = min(tried, key=lambda attempt: len(attempt[0]))[0]
    first = found[0]
    raise ImportProblem(
        "The balance {balance} does not follow from the balance before it ({previous}) and the "
        "amounts since ({moved}); {expected} was expected. A row is missing or changed, or its "
        "sign is flipped: the statement is refused.",
        row=first.line.row, column=balance_label, balance=first.line.balance, previous=first.previous,
        moved=first.moved, expected=first.expected,
    )


def _closing(lines: list[Line], sign: int) -> Decimal | None:
    """The balance after the last row: the last balance printed, plus any rows after it."""
    closing: Decimal | None = None
    for line in lines:
        if closing is not None:
            closing += sign * line.movement
        if line.balance is not None:
            closing = line.balance
    return closing


def assertion_day(lines: list[Line]) -> datetime.date | None:
    """The day after the last row: a `balance` is checked at the start of its day."""
    days = [line.date for line in lines if line.date is not None]
    return max(days) + ONE_DAY if days else None
