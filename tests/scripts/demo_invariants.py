"""The demo generator's own invariants, computed from the loaded entries without the rule modules.

Helpers for `test_demo.py`: each function reads a loaded province (entries and options) and
returns what it found wrong, so a test can assert an empty list and show the offenders.
"""

from __future__ import annotations

import collections
import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core.data import Balance, Custom, Transaction


def area(account: str) -> str:
    return account.split(":")[1]


def is_fund(account: str) -> bool:
    parts = account.split(":")
    return parts[0] == "Assets" and parts[2] in ("Bank", "Cash")


def registers(entries: list[Any]) -> dict[str, Any]:
    """Committee terms, relations and bylaw values as plain dicts."""
    terms: dict[str, list[list[Any]]] = collections.defaultdict(list)
    related: dict[str, set[str]] = collections.defaultdict(set)
    cash_limit: dict[str, Decimal] = {}
    member_area: dict[str, str] = {}
    for entry in entries:
        if not isinstance(entry, Custom):
            continue
        values = [v.value for v in entry.values]
        if entry.type == "member":
            member_area[values[0]] = values[1]
        elif entry.type == "committee":
            if terms[values[0]] and terms[values[0]][-1][1] is None:
                terms[values[0]][-1][1] = entry.date
            terms[values[0]].append([entry.date, None])
        elif entry.type == "committee-exit":
            terms[values[0]][-1][1] = entry.date
        elif entry.type == "related":
            related[values[0]].add(values[1])
            related[values[1]].add(values[0])
        elif entry.type == "bylaw" and "cash-limit" in entry.meta:
            cash_limit[values[0]] = entry.meta["cash-limit"].number
    return {"terms": terms, "related": related, "cash_limit": cash_limit, "member_area": member_area}


def on_committee(reg: dict[str, Any], code: str, day: datetime.date) -> bool:
    return any(start <= day and (end is None or day < end) for start, end in reg["terms"].get(code, ()))


def outflows(entries: list[Any]) -> list[Transaction]:
    """Transactions that lower an area's fund money and post to its expenses."""
    found = []
    for entry in entries:
        if not isinstance(entry, Transaction):
            continue
        fund = sum((p.units.number for p in entry.postings if is_fund(p.account)), Decimal(0))
        if fund < 0 and any(p.account.startswith("Expenses:") for p in entry.postings):
            found.append(entry)
    return found


def approval_problems(entries: list[Any], large: Decimal = Decimal(10000)) -> list[str]:
    """Outflows without enough distinct, allowed committee approvers in office that day."""
    reg = registers(entries)
    problems = []
    for txn in outflows(entries):
        approvers = str(txn.meta.get("approved-by", "")).split()
        member = txn.meta.get("member")
        recorder = txn.meta.get("recorded-by")
        amount = -sum(p.units.number for p in txn.postings if is_fund(p.account))
        need = 3 if amount >= large else 2
        the_area = area(txn.postings[0].account)
        allowed = {
            code
            for code in approvers
            if on_committee(reg, code, txn.date)
            and reg["member_area"].get(code) == the_area
            and code != member
            and code != recorder
            and code not in reg["related"].get(str(member), set())
        }
        if len(set(approvers)) != len(approvers) or len(allowed) < need:
            problems.append(f"{txn.meta['filename']}:{txn.meta['lineno']} {approvers} ({amount})")
    return problems


def document_problems(entries: list[Any], options: dict[str, Any]) -> list[str]:
    """Outflows whose `document` is missing, or not a file in an account's documents folder."""
    root = Path(options["filename"]).parent
    folders = [root / folder for folder in options["documents"]]
    problems = []
    for txn in outflows(entries):
        name = txn.meta.get("document")
        found = name and any(
            (folder / Path(*p.account.split(":")) / name).is_file()
            for folder in folders
            for p in txn.postings
        )
        if not found:
            problems.append(f"{txn.meta['filename']}:{txn.meta['lineno']} {name}")
    return problems


def receipt_problems(entries: list[Any]) -> list[str]:
    """Series (per area and year) that are not exactly 1..n, and contributions without a receipt."""
    series: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    problems = []
    for entry in entries:
        if not isinstance(entry, Transaction):
            continue
        for posting in entry.postings:
            if posting.account.endswith(":Contributions"):
                receipt = (posting.meta or {}).get("receipt")
                if not receipt or not (posting.meta or {}).get("member"):
                    problems.append(f"{entry.meta['lineno']}: no receipt or member")
                    continue
                prefix, number = str(receipt).rsplit("-", 1)
                series[(area(posting.account), prefix)].append(int(number))
    for key, numbers in sorted(series.items()):
        if sorted(numbers) != list(range(1, len(numbers) + 1)):
            problems.append(f"{key}: {len(numbers)} receipts, not 1..n without repeats")
    return problems


def months(first: datetime.date, last: datetime.date) -> list[tuple[int, int]]:
    return [
        (year, month)
        for year in range(first.year, last.year + 1)
        for month in range(1, 13)
        if (first.year, first.month) <= (year, month) <= (last.year, last.month)
    ]


def reconciliation_problems(entries: list[Any]) -> list[str]:
    """Bank months that moved without a `balance` dated from the 2nd to the 1st of the next month."""
    moved: dict[str, set[tuple[int, int]]] = collections.defaultdict(set)
    checked: dict[str, set[tuple[int, int]]] = collections.defaultdict(set)
    for entry in entries:
        if isinstance(entry, Transaction):
            for posting in entry.postings:
                if ":Bank:" in posting.account:
                    moved[posting.account].add((entry.date.year, entry.date.month))
        elif isinstance(entry, Balance) and ":Bank:" in entry.account:
            day = entry.date - datetime.timedelta(days=1)
            checked[entry.account].add((day.year, day.month))
    return [
        f"{account} {year}-{month:02d}"
        for account, moves in sorted(moved.items())
        for year, month in sorted(moves)
        if (year, month) not in checked[account]
    ]


def cash_problems(entries: list[Any]) -> list[str]:
    """Days whose end finds a cash box above its area's cash-limit, or below zero."""
    limits = registers(entries)["cash_limit"]
    balance: dict[str, Decimal] = collections.defaultdict(Decimal)
    end_of_day: dict[tuple[str, datetime.date], Decimal] = {}
    for entry in entries:
        if isinstance(entry, Transaction):
            for posting in entry.postings:
                if posting.account.endswith(":Cash"):
                    balance[posting.account] += posting.units.number
                    end_of_day[(posting.account, entry.date)] = balance[posting.account]
    return [
        f"{account} {day}: {amount}"
        for (account, day), amount in sorted(end_of_day.items())
        if amount > limits[area(account)] or amount < 0
    ]


def matching_problems(entries: list[Any]) -> list[str]:
    """Matching money per area, source and year above 365 baht per member who paid 360 that year."""
    paid: dict[tuple[str, str, int], Decimal] = collections.defaultdict(Decimal)
    matched: dict[tuple[str, str, int], Decimal] = collections.defaultdict(Decimal)
    for entry in entries:
        if not isinstance(entry, Transaction):
            continue
        for posting in entry.postings:
            if posting.account.endswith(":Contributions"):
                key = (area(posting.account), str(posting.meta["member"]), entry.date.year)
                paid[key] -= posting.units.number
            elif ":Matching:" in posting.account:
                year = int(entry.meta.get("for-year", entry.date.year))
                matched[(area(posting.account), posting.account.rsplit(":", 1)[1], year)] -= (
                    posting.units.number
                )
    full: collections.Counter[tuple[str, int]] = collections.Counter(
        (the_area, year) for (the_area, _, year), amount in paid.items() if amount >= 360
    )
    return [
        f"{key}: {amount} > 365 x {full[(key[0], key[2])]}"
        for key, amount in sorted(matched.items())
        if amount > 365 * full[(key[0], key[2])]
    ]


def weekend_problems(entries: list[Any]) -> list[str]:
    """Transactions dated on a Saturday or Sunday, when banks and the fund's office are shut.

    Interest (credited by the bank on its own fixed days) and the balances brought forward from
    the paper books (a year's last day) are the exceptions: no money moves over a counter.
    """
    return [
        f"{e.date} ({e.date:%a}) {e.narration}"
        for e in entries
        if isinstance(e, Transaction)
        and e.date.weekday() >= 5
        and not any(p.account.endswith((":Interest", ":Opening")) for p in e.postings)
    ]
