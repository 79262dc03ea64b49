"""The money facts that the money and grant rules share, gathered in one pass and kept on the book.

Cash box and bank movements by day and month, balance assertions, income and running costs
by area and year, matching money, and every posting that belongs to a grant. The module name
starts with `_`, so the rule loader does not take it for a rule.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.data import Balance, Transaction
from welfare_ledger.plugins import accounts

if TYPE_CHECKING:
    from beancount.core.data import Meta, Posting
    from welfare_ledger.plugins.book import Book

ZERO = Decimal(0)
CACHE_KEY = "rules-money/facts"
# The roles of accounts; every role from INCOME up is income of the area.
OTHER, CASH, BANK, ADMIN, PROJECT, INCOME, MATCHING, GRANT_IN = range(8)


@dataclasses.dataclass(frozen=True, slots=True)
class GrantPosting:
    """A posting to `Income:A:Grants` (received) or `Expenses:A:Projects[:...]` (spent)."""

    txn: Transaction
    posting: Posting
    area: str
    code: str | None
    code_meta: Meta
    received: bool
    amount: Decimal

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
    """Matching money received: its area, source, the year it matches and the amount."""

    txn: Transaction
    meta: Meta
    area: str
    source: str
    year: int
    amount: Decimal


@dataclasses.dataclass
class MoneyFacts:
    """What the money rules need from the entries, each indexed once."""

    last_date: datetime.date | None = None
    cash_by_day: dict[str, dict[datetime.date, Decimal]] = dataclasses.field(
        default_factory=lambda: defaultdict(dict)
    )
    cash_entry_by_day: dict[tuple[str, datetime.date], Transaction] = dataclasses.field(default_factory=dict)
    bank_moves: dict[tuple[str, int, int], Transaction] = dataclasses.field(default_factory=dict)
    bank_balances: set[tuple[str, int, int]] = dataclasses.field(default_factory=set)
    income: dict[tuple[str, int], Decimal] = dataclasses.field(default_factory=dict)
    admin: dict[tuple[str, int], Decimal] = dataclasses.field(default_factory=dict)
    admin_last: dict[tuple[str, int], Transaction] = dataclasses.field(default_factory=dict)
    matching: list[MatchingPosting] = dataclasses.field(default_factory=list)
    grant_postings: list[GrantPosting] = dataclasses.field(default_factory=list)


def contribution_year(value: Any) -> int | None:
    """The year of a `for-year` value; a Buddhist Era year (e.g. 2565) is turned into CE."""
    if isinstance(value, (int, Decimal)) or (isinstance(value, str) and value.strip().isdigit()):
        year = int(value)
    elif isinstance(value, datetime.date):
        year = value.year
    else:
        return None
    return year - 543 if year >= 2400 else year


def _grant_code(posting: Posting, txn: Transaction) -> tuple[str | None, Meta]:
    for meta in (posting.meta, txn.meta):
        if meta and "grant" in meta:
            value = meta["grant"]
            return (str(value).strip() if value is not None else None) or None, meta
    return None, txn.meta


@functools.cache
def _role(account: str) -> tuple[str, int]:
    """The area of an account and what the money rules count it as (one of the roles above)."""
    area = accounts.area_of(account)
    if area is None:
        return "", OTHER
    kind = accounts.kind_of(account)
    if accounts.is_cash(account):
        return area, CASH
    if accounts.is_bank(account):
        return area, BANK
    if account.startswith("Income:"):
        return area, {"Matching": MATCHING, "Grants": GRANT_IN}.get(kind or "", INCOME)
    if account.startswith("Expenses:"):
        return area, {"Admin": ADMIN, "Projects": PROJECT}.get(kind or "", OTHER)
    return area, OTHER


def _scan(facts: MoneyFacts, txn: Transaction) -> None:
    cash: dict[str, Decimal] = {}
    income: dict[str, Decimal] = {}
    date = txn.date
    for posting in txn.postings:
        area, role = _role(posting.account)
        if role == OTHER:
            continue
        units = posting.units
        number = units.number if units is not None and units.number is not None else ZERO
        if role == CASH:
            cash[area] = cash.get(area, ZERO) + number
        elif role == BANK:
            if number:
                facts.bank_moves[(posting.account, date.year, date.month)] = txn
        elif role >= INCOME:
            income[area] = income.get(area, ZERO) - number
            if role == MATCHING:
                _matching(facts, txn, posting, area, -number)
        elif role == ADMIN:
            key = (area, date.year)
            facts.admin[key] = facts.admin.get(key, ZERO) + number
            facts.admin_last[key] = txn
        if role in (GRANT_IN, PROJECT):
            received = role == GRANT_IN
            code, code_meta = _grant_code(posting, txn)
            facts.grant_postings.append(
                GrantPosting(txn, posting, area, code, code_meta, received, -number if received else number)
            )
    for area, change in income.items():
        key = (area, date.year)
        facts.income[key] = facts.income.get(key, ZERO) + change
    for area, change in cash.items():
        by_day = facts.cash_by_day[area]
        by_day[date] = by_day.get(date, ZERO) + change
        facts.cash_entry_by_day[(area, date)] = txn


def _matching(facts: MoneyFacts, txn: Transaction, posting: Posting, area: str, amount: Decimal) -> None:
    source = accounts.matching_source(posting.account)
    if source is None:
        return
    meta = posting.meta if posting.meta and "for-year" in posting.meta else txn.meta
    year = contribution_year(meta.get("for-year")) or txn.date.year
    facts.matching.append(MatchingPosting(txn, meta, area, source, year, amount))


def build_money_facts(book: Book) -> MoneyFacts:
    """Read the money facts of `book` in one pass over its entries."""
    facts = MoneyFacts()
    last: datetime.date | None = None
    for entry in book.entries:
        if isinstance(entry, Transaction):
            _scan(facts, entry)
            last = entry.date if last is None or entry.date > last else last
        elif isinstance(entry, Balance) and accounts.is_bank(entry.account):
            day = entry.date - datetime.timedelta(days=1)
            facts.bank_balances.add((entry.account, day.year, day.month))
            last = entry.date if last is None or entry.date > last else last
    facts.last_date = last
    return facts


def money_facts(book: Book) -> MoneyFacts:
    """The money facts of `book`, built on first use and kept in `book.cache`."""
    facts = book.cache.get(CACHE_KEY)
    if facts is None:
        facts = book.cache[CACHE_KEY] = build_money_facts(book)
    return facts
