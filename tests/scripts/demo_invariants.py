"""The demo generator's own invariants, computed from the loaded entries without the rule modules.

Helpers for `test_demo.py`: each function reads a loaded province (entries and options) and
returns what it found wrong, so a test can assert an empty list and show the offenders. They
re-derive each fact from the raw directives, independently of `plugins/`, so that a test of
the demo does not take the rules' word for what the rules check.
"""

from __future__ import annotations

import collections
import datetime
import itertools
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core.data import Balance, Custom, Transaction

LARGE = Decimal(10000)
DUES = Decimal(30)
MATCH = Decimal(365)
FUND_ROOT = "Assets"


def area(account: str) -> str:
    return account.split(":")[1]


def is_fund(account: str) -> bool:
    """Every `Assets:<A>:*` account is fund money."""
    return account.split(":", maxsplit=1)[0] == FUND_ROOT


def values(entry: Custom) -> list[Any]:
    return [v.value for v in entry.values]


def customs(entries: list[Any], kind: str) -> list[Custom]:
    return [e for e in entries if isinstance(e, Custom) and e.type == kind]


def transactions(entries: list[Any]) -> list[Transaction]:
    return [e for e in entries if isinstance(e, Transaction)]


def registers(entries: list[Any]) -> dict[str, Any]:
    """Committee terms, relations, members, nominees and bylaw values as plain dicts."""
    terms: dict[str, list[list[Any]]] = collections.defaultdict(list)
    related: dict[str, set[str]] = collections.defaultdict(set)
    cash_limit: dict[str, Decimal] = {}
    members: dict[str, Custom] = {}
    exits: dict[str, datetime.date] = {}
    nominees: dict[str, set[str]] = collections.defaultdict(set)
    for entry in entries:
        if not isinstance(entry, Custom):
            continue
        found = values(entry)
        if entry.type == "member":
            members.setdefault(found[0], entry)
        elif entry.type == "member-exit":
            exits[found[0]] = entry.date
        elif entry.type == "beneficiary":
            nominees[found[0]].add(found[1])
        elif entry.type == "committee":
            if terms[found[0]] and terms[found[0]][-1][1] is None:
                terms[found[0]][-1][1] = entry.date
            terms[found[0]].append([entry.date, None])
        elif entry.type == "committee-exit":
            terms[found[0]][-1][1] = entry.date
        elif entry.type == "related":
            related[found[0]].add(found[1])
            related[found[1]].add(found[0])
        elif entry.type == "bylaw" and "cash-limit" in entry.meta:
            cash_limit[found[0]] = min(
                cash_limit.get(found[0], entry.meta["cash-limit"].number), entry.meta["cash-limit"].number
            )
    return {
        "terms": terms,
        "related": related,
        "cash_limit": cash_limit,
        "members": members,
        "exits": exits,
        "nominees": nominees,
    }


def on_committee(reg: dict[str, Any], code: str, day: datetime.date) -> bool:
    gone = reg["exits"].get(code)
    in_office = gone is None or day < gone
    return in_office and any(
        start <= day and (end is None or day < end) for start, end in reg["terms"].get(code, ())
    )


def fund_change(txn: Transaction) -> Decimal:
    return sum((p.units.number for p in txn.postings if is_fund(p.account)), Decimal(0))


def outflows(entries: list[Any]) -> list[Transaction]:
    """Transactions in which an area's fund money falls, or that post to its expenses."""
    return [
        e
        for e in transactions(entries)
        if fund_change(e) < 0 or any(p.account.startswith("Expenses:") for p in e.postings)
    ]


def members_paid(txn: Transaction) -> list[str]:
    """The members an outflow pays: on the transaction, or one on each posting of a list."""
    if "member" in txn.meta:
        return [str(txn.meta["member"])]
    return [str(p.meta["member"]) for p in txn.postings if p.meta and "member" in p.meta]


def approval_problems(entries: list[Any]) -> list[str]:
    """Outflows without enough distinct, allowed committee approvers in office that day."""
    reg = registers(entries)
    problems = []
    for txn in outflows(entries):
        approvers = str(txn.meta.get("approved-by", "")).split()
        paid = set(members_paid(txn))
        recorder = txn.meta.get("recorded-by")
        amount = -fund_change(txn)
        need = 3 if amount >= LARGE else 2
        the_area = area(txn.postings[0].account)
        allowed = {
            code
            for code in approvers
            if on_committee(reg, code, txn.date)
            and values(reg["members"][code])[1] == the_area
            and code not in paid
            and code != recorder
            and not any(code in reg["related"].get(member, set()) for member in paid)
            and code != txn.meta.get("received-by")
        }
        if len(set(approvers)) != len(approvers) or len(allowed) < need:
            problems.append(f"{txn.meta['filename']}:{txn.meta['lineno']} {approvers} ({amount})")
    return problems


def named_documents(entries: list[Any]) -> list[tuple[Any, str]]:
    """Every (entry, document) a book names: `document*` of any entry, and `meeting` of the rules."""
    found = []
    for entry in entries:
        for key, value in entry.meta.items():
            if isinstance(value, str) and (key.startswith("document") or key == "meeting"):
                found.append((entry, value))
    return found


def document_problems(entries: list[Any], options: dict[str, Any]) -> list[str]:
    """Named documents that are not a file: next to the entry's file, or in an account's folder."""
    root = Path(options["filename"]).parent
    folders = [root / folder for folder in options["documents"]]
    problems = []
    for entry, name in named_documents(entries):
        accounts = [p.account for p in getattr(entry, "postings", ())] or [getattr(entry, "account", "")]
        beside = Path(entry.meta["filename"]).parent / name
        in_folder = any(
            (folder / Path(*a.split(":")) / name).is_file() for folder in folders for a in accounts if a
        )
        if not (beside.resolve().is_file() and root.resolve() in beside.resolve().parents) and not in_folder:
            problems.append(f"{entry.meta['filename']}:{entry.meta['lineno']} {name}")
    return problems


def outflow_document_problems(entries: list[Any]) -> list[str]:
    """Outflows with no document, or sharing a document with another outflow."""
    seen: collections.Counter[str] = collections.Counter()
    problems = []
    for txn in outflows(entries):
        name = txn.meta.get("document")
        if not name:
            problems.append(f"{txn.meta['lineno']}: no document")
        seen[str(name)] += 1
    return problems + [name for name, count in seen.items() if count > 1]


def receipt_problems(entries: list[Any]) -> list[str]:
    """Series (per area and year) that are not exactly 1..n, and contributions without a receipt."""
    series: dict[tuple[str, str], list[int]] = collections.defaultdict(list)
    problems = []
    for entry in transactions(entries):
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
    """Closed bank months that moved without a `balance` (with a statement) from the 2nd to the 1st after."""
    moved: dict[str, set[tuple[int, int]]] = collections.defaultdict(set)
    checked: dict[str, set[tuple[int, int]]] = collections.defaultdict(set)
    last = max(e.date for e in transactions(entries))
    problems = []
    for entry in entries:
        if isinstance(entry, Transaction):
            for posting in entry.postings:
                if ":Bank:" in posting.account:
                    moved[posting.account].add((entry.date.year, entry.date.month))
        elif isinstance(entry, Balance) and ":Bank:" in entry.account:
            day = entry.date - datetime.timedelta(days=1)
            checked[entry.account].add((day.year, day.month))
            if not entry.meta.get("document") or entry.tolerance is not None:
                problems.append(f"{entry.date} {entry.account}: no statement, or a tolerance")
    return problems + [
        f"{account} {year}-{month:02d}"
        for account, moves in sorted(moved.items())
        for year, month in sorted(moves)
        if (year, month) not in checked[account] and (year, month) != (last.year, last.month)
    ]


def cash_by_day(entries: list[Any]) -> dict[tuple[str, datetime.date], Decimal]:
    """Each area's cash box at the end of each day it moved."""
    balance: dict[str, Decimal] = collections.defaultdict(Decimal)
    end_of_day: dict[tuple[str, datetime.date], Decimal] = {}
    for entry in transactions(entries):
        for posting in entry.postings:
            if posting.account.endswith(":Cash"):
                balance[area(posting.account)] += posting.units.number
                end_of_day[(area(posting.account), entry.date)] = balance[area(posting.account)]
    return end_of_day


def cash_at(by_day: dict[tuple[str, datetime.date], Decimal], code: str, day: datetime.date) -> Decimal:
    days = [d for a, d in by_day if a == code and d <= day]
    return by_day[(code, max(days))] if days else Decimal(0)


def cash_problems(entries: list[Any]) -> list[str]:
    """Days whose end finds a cash box above its area's cash-limit, or below zero."""
    limits = registers(entries)["cash_limit"]
    return [
        f"{code} {day}: {amount}"
        for (code, day), amount in sorted(cash_by_day(entries).items())
        if amount > limits[code] or amount < 0
    ]


def cash_count_problems(entries: list[Any]) -> list[str]:
    """Counts that differ from the book, lack two committee counters, or leave more than 3 months between."""
    reg = registers(entries)
    by_day = cash_by_day(entries)
    problems = []
    counted: dict[str, list[datetime.date]] = collections.defaultdict(list)
    for count in customs(entries, "cash-count"):
        code, amount = values(count)[0], values(count)[1].number
        counters = str(count.meta.get("counted-by", "")).split()
        if cash_at(by_day, code, count.date) != amount:
            problems.append(f"{code} {count.date}: counted {amount}")
        if len({c for c in counters if on_committee(reg, c, count.date)}) < 2:
            problems.append(f"{code} {count.date}: counted by {counters}")
        counted[code].append(count.date)
    for code in {a for a, _ in by_day}:
        days = sorted(
            [min(d for a, d in by_day if a == code), *counted[code], max(d for a, d in by_day if a == code)]
        )
        problems += [f"{code}: {a} to {b}" for a, b in itertools.pairwise(days) if (b - a).days > 100]
    return problems


def fiscal_year(day: datetime.date) -> int:
    """CODI's fiscal year (October to September), named by the year it ends in."""
    return day.year + 1 if day.month >= 10 else day.year


def matching_problems(entries: list[Any]) -> list[str]:
    """Matching money per area, source and fiscal year above 365 baht per member who earned it.

    A member earns it who had a year of membership by the fiscal year's end and whose
    contributions dated in that fiscal year reach twelve months' dues.
    """
    joined = {code: e.date for code, e in registers(entries)["members"].items()}
    paid: dict[tuple[str, str, int], Decimal] = collections.defaultdict(Decimal)
    matched: dict[tuple[str, str, int], Decimal] = collections.defaultdict(Decimal)
    for entry in transactions(entries):
        for posting in entry.postings:
            if posting.account.endswith(":Contributions"):
                key = (area(posting.account), str(posting.meta["member"]), fiscal_year(entry.date))
                paid[key] -= posting.units.number
            elif ":Matching:" in posting.account:
                year = int(entry.meta["for-year"])
                matched[(area(posting.account), posting.account.rsplit(":", 1)[1], year)] -= (
                    posting.units.number
                )
    earned: collections.Counter[tuple[str, int]] = collections.Counter(
        (the_area, year)
        for (the_area, code, year), amount in paid.items()
        if amount >= 12 * DUES and (datetime.date(year, 9, 30) - joined[code]).days >= MATCH
    )
    return [
        f"{key}: {amount} > 365 x {earned[(key[0], key[2])]}"
        for key, amount in sorted(matched.items())
        if amount > MATCH * earned[(key[0], key[2])]
    ]


def weekend_problems(entries: list[Any]) -> list[str]:
    """Transactions dated on a Saturday or Sunday, when banks and the fund's office are shut.

    Interest (credited by the bank on its own fixed days) and the balances brought forward from
    the paper books (a year's last day) are the exceptions: no money moves over a counter.
    """
    return [
        f"{e.date} ({e.date:%a}) {e.narration}"
        for e in transactions(entries)
        if e.date.weekday() >= 5
        and not any(p.account.endswith((":Interest", ":Opening")) for p in e.postings)
    ]


def benefit_postings(entries: list[Any]) -> list[tuple[Transaction, str, str, Decimal, dict[str, Any]]]:
    """(transaction, member, type, amount, metadata) of every benefit paid."""
    found = []
    for txn in transactions(entries):
        for posting in txn.postings:
            if ":Benefits:" not in posting.account:
                continue
            meta = {**txn.meta, **(posting.meta or {})}
            found.append(
                (txn, str(meta["member"]), posting.account.rsplit(":", 1)[1], posting.units.number, meta)
            )
    return found


def rule_in_force(entries: list[Any], code: str, kind: str, day: datetime.date, served: int) -> Custom | None:
    """The benefit-rule tier of `kind` in force on `day` for a member of `served` days."""
    rules = [e for e in customs(entries, "benefit-rule") if values(e)[:2] == [code, kind] and e.date <= day]
    if not rules:
        return None
    latest = max(e.date for e in rules)
    reached = [e for e in rules if e.date == latest and int(e.meta["waiting-days"]) <= served]
    return max(reached, key=lambda e: int(e.meta["waiting-days"])) if reached else None


def youngest(member: Custom, day: datetime.date) -> int:
    """The least age the register's `born` allows on `day` (a year only: the birthday not yet reached)."""
    born = member.meta["born"]
    if isinstance(born, datetime.date):
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))
    return day.year - int(born) - 1


def benefit_problems(entries: list[Any]) -> list[str]:
    """Benefits that break their rule: fixed amounts not paid in full, ages, claims, signatures, nominees."""
    reg = registers(entries)
    claims = {values(c)[0]: c for c in customs(entries, "claim")}
    settled: collections.Counter[str] = collections.Counter()
    problems = []
    for txn, code, kind, amount, meta in benefit_postings(entries):
        member = reg["members"].get(code)
        event = meta.get("event-date", txn.date)
        where = f"{txn.date} {code} {kind} {amount}"
        if member is None:
            problems.append(f"{where}: not a member")
            continue
        rule = rule_in_force(entries, values(member)[1], kind, event, (event - member.date).days)
        if rule is None:
            problems.append(f"{where}: no rule")
            continue
        if "amount" in rule.meta and rule.meta["amount"].number != amount:
            problems.append(f"{where}: not the fixed {rule.meta['amount']}")
        if "min-age" in rule.meta and youngest(member, event) < int(rule.meta["min-age"]):
            problems.append(f"{where}: too young")
        if rule.meta.get("every") != "month":
            claim = claims.get(str(meta.get("claim")))
            if (
                claim is None
                or values(claim)[1:] != [code, kind]
                or not 0 <= (txn.date - claim.date).days <= 30
            ):
                problems.append(f"{where}: claim {meta.get('claim')}")
            settled[str(meta.get("claim"))] += 1
        if any(p.account.endswith(":Cash") and p.units.number < 0 for p in txn.postings):
            if meta.get("received-by") not in {code} | reg["nominees"][code]:
                problems.append(f"{where}: cash taken by {meta.get('received-by')}")
            if not str(txn.meta["document"]).split(".")[1].startswith("receipt"):
                problems.append(f"{where}: no signed receipt")
        if "paid-to" in meta and meta["paid-to"] not in reg["nominees"][code]:
            problems.append(f"{where}: paid to {meta['paid-to']}, not a nominee")
    problems += [f"claim {c} paid {n} times" for c, n in settled.items() if n != 1]
    return problems + [f"claim {c} never paid" for c in claims if settled[c] == 0]


def standing_problems(entries: list[Any]) -> list[str]:
    """Monthly allowances without a standing order covering the month, or paid twice in a month."""
    orders: dict[str, list[Custom]] = collections.defaultdict(list)
    for order in customs(entries, "standing-payment"):
        orders[values(order)[0]].append(order)
    months_paid: collections.Counter[tuple[str, int, int]] = collections.Counter()
    problems = []
    for txn, code, kind, _, _ in benefit_postings(entries):
        if kind != "Elderly":
            continue
        months_paid[(code, txn.date.year, txn.date.month)] += 1
        covered = any(
            (o.date.year, o.date.month) <= (txn.date.year, txn.date.month)
            and ("ends" not in o.meta or txn.date <= o.meta["ends"])
            for o in orders[code]
        )
        if not covered:
            problems.append(f"{txn.date} {code}: no standing order")
    return problems + [f"{key}: {n} payments" for key, n in months_paid.items() if n > 1]


def opening_problems(entries: list[Any]) -> list[str]:
    """Equity postings on any day but the area's first transaction day."""
    first: dict[str, datetime.date] = {}
    problems = []
    for txn in sorted(transactions(entries), key=lambda t: t.date):
        for posting in txn.postings:
            code = area(posting.account)
            first.setdefault(code, txn.date)
            if posting.account.startswith("Equity:") and txn.date != first[code]:
                problems.append(f"{txn.date} {posting.account}")
    return problems


def entry_fee_problems(entries: list[Any], start: datetime.date) -> list[str]:
    """Members joining in the period who did not pay the entry fee in force on the day, once."""
    bylaws = sorted(customs(entries, "bylaw"), key=lambda e: e.date)
    fees: collections.Counter[str] = collections.Counter()
    problems = []
    for txn in transactions(entries):
        for posting in txn.postings:
            if posting.account.endswith(":EntryFees"):
                code = str(posting.meta["member"])
                fee = [b for b in bylaws if b.date <= txn.date and values(b)[0] == area(posting.account)][-1]
                if (
                    -posting.units.number != fee.meta["entry-fee"].number
                    or registers(entries)["members"][code].date != txn.date
                ):
                    problems.append(f"{txn.date} {code}: {posting.units}")
                fees[code] += 1
    joined = [code for code, e in registers(entries)["members"].items() if e.date >= start]
    return problems + [f"{code}: {fees[code]} entry fees" for code in joined if fees[code] != 1]
