"""The figures of a fund that reports and Fava pages show: an area's year, its fund money, its grants.

Everything is computed from one pass over the book's transactions into an index that is kept
in `book.cache`, so a report or page that asks many questions pays for the pass only once.
Amounts are THB as written in the entries: income is shown positive, spending positive.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
import functools
import itertools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins import accounts

if TYPE_CHECKING:
    from beancount.core.data import Posting, Transaction
    from welfare_ledger.plugins.book import Book

ZERO = Decimal(0)
CURRENCY = "THB"
CACHE_KEY = "summary.index"

BENEFIT_COLUMNS: dict[str, str] = {
    "Birth": "benefits_birth",
    "Sickness": "benefits_sickness",
    "Elderly": "benefits_elderly",
    "Death": "benefits_death",
    "Education": "benefits_education",
    "Disaster": "benefits_disaster",
    "Disability": "benefits_disability",
    "Other": "benefits_other",
}
INCOME_COLUMNS: dict[str, str] = {
    "Contributions": "contributions",
    "Donations": "donations",
    "Interest": "interest",
    "Grants": "grants_received",
}
MATCHING_COLUMNS: dict[str, str] = {
    "Government": "matching_government",
    "Local": "matching_local",
}
EXPENSE_COLUMNS: dict[str, str] = {"Projects": "projects", "Admin": "admin"}


@dataclasses.dataclass(frozen=True, slots=True)
class AreaYear:
    """One row of `welfare report areas`: the fields are the CSV columns of CONVENTIONS section 8."""

    area: str
    members: int
    contributions: Decimal
    matching_government: Decimal
    matching_local: Decimal
    donations: Decimal
    interest: Decimal
    grants_received: Decimal
    benefits: Decimal
    benefits_birth: Decimal
    benefits_sickness: Decimal
    benefits_elderly: Decimal
    benefits_death: Decimal
    benefits_education: Decimal
    benefits_disaster: Decimal
    benefits_disability: Decimal
    benefits_other: Decimal
    projects: Decimal
    admin: Decimal
    fund_balance: Decimal

    @property
    def income(self) -> Decimal:
        """All income of the year: the legs, donations, interest and grants."""
        return (
            self.contributions
            + self.matching_government
            + self.matching_local
            + self.donations
            + self.interest
            + self.grants_received
        )

    @property
    def legs(self) -> Decimal:
        """The three legs of the fund: members, government and local government."""
        return self.contributions + self.matching_government + self.matching_local

    @property
    def spending(self) -> Decimal:
        """Benefits, projects and running costs."""
        return self.benefits + self.projects + self.admin

    def share(self, column: str) -> Decimal | None:
        """A leg's share of the three legs in percent, or None when there is no leg money."""
        if not self.legs:
            return None
        return Decimal(getattr(self, column)) * 100 / self.legs

    @property
    def admin_ratio(self) -> Decimal | None:
        """Running costs in percent of the year's income (the bylaw's `admin-cap` measure)."""
        if not self.income:
            return None
        return self.admin * 100 / self.income

    def as_dict(self) -> dict[str, Any]:
        """The row with the CSV columns in order."""
        return {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}


COLUMNS: tuple[str, ...] = tuple(field.name for field in dataclasses.fields(AreaYear))
AMOUNT_COLUMNS: tuple[str, ...] = tuple(c for c in COLUMNS if c not in ("area", "members"))


@dataclasses.dataclass(frozen=True, slots=True)
class GrantStatus:
    """Where a grant stands: declared, received, spent, left, and whether it was reported."""

    code: str
    area: str
    funder: str
    declared: datetime.date
    ends: datetime.date | None
    amount: Decimal
    received: Decimal
    spent: Decimal
    left: Decimal
    reported: datetime.date | None
    document: str | None


def column_of(account: str) -> str | None:
    """The `areas` column an income or expense account adds to, or None (fund, equity...)."""
    kind = accounts.kind_of(account)
    if account.startswith("Income:"):
        if kind == "Matching":
            return MATCHING_COLUMNS.get(accounts.matching_source(account) or "")
        return INCOME_COLUMNS.get(kind or "")
    if account.startswith("Expenses:"):
        if kind == "Benefits":
            return BENEFIT_COLUMNS.get(accounts.benefit_type(account) or "Other", "benefits_other")
        return EXPENSE_COLUMNS.get(kind or "")
    return None


def _grant_of(posting: Posting, txn: Transaction) -> str | None:
    code = (posting.meta or {}).get("grant", txn.meta.get("grant"))
    return code if isinstance(code, str) else None


@dataclasses.dataclass(frozen=True, slots=True)
class AccountRole:
    """What the summary asks of an account: its area, whether it is fund money, its column.

    A book has a few hundred accounts but a hundred thousand postings: answering these
    questions once per account (`account_role`) instead of once per posting is most of
    what the index pass used to cost.
    """

    area: str | None
    fund: bool
    column: str | None
    income: bool
    """Income is credited (negative): its amounts are turned positive for the reports."""
    grant_column: bool
    """`grants_received` or `projects`: each posting's `grant:` code is looked up."""


@functools.cache
def account_role(account: str) -> AccountRole:
    """The summary's view of `account`, computed once per account name."""
    column = column_of(account)
    return AccountRole(
        area=accounts.area_of(account),
        fund=accounts.is_fund(account),
        column=column,
        income=account.startswith("Income:"),
        grant_column=column in ("grants_received", "projects"),
    )


def _sums() -> defaultdict[str, Decimal]:
    """The sums of one area and period by column: a column not written yet is zero."""
    return defaultdict(Decimal)


def _thb_by_account(txn: Transaction) -> dict[str, Decimal]:
    """The THB amounts of a transaction totalled per account, in order of first posting.

    A month's contributions are one transaction with a posting per member on one income
    account: totalling them first leaves one classification and one sum update per
    account. Amounts as a book writes them (a few decimals) add exactly within Decimal's
    28 digits, so the totals are the same whatever the order of addition.
    """
    totals: dict[str, Decimal] = {}
    for posting in txn.postings:
        units = posting.units
        if units is None or units.number is None or units.currency != CURRENCY:
            continue
        account = posting.account
        totals[account] = totals.get(account, ZERO) + units.number
    return totals


class SummaryIndex:
    """Yearly sums per area and column, running fund money per area, and money per grant."""

    def __init__(self, book: Book) -> None:
        self.flows: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(_sums)
        self.monthly: dict[tuple[str, int, int], dict[str, Decimal]] = defaultdict(_sums)
        self.grant_received: dict[str, Decimal] = defaultdict(Decimal)
        self.grant_spent: dict[str, Decimal] = defaultdict(Decimal)
        fund_moves: dict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
        for txn in book.transactions:
            self._add_transaction(txn, fund_moves)
        self.fund_dates: dict[str, list[datetime.date]] = {}
        self.fund_totals: dict[str, list[Decimal]] = {}
        for area, moves in fund_moves.items():
            moves.sort(key=lambda move: move[0])
            self.fund_dates[area] = [day for day, _ in moves]
            self.fund_totals[area] = list(itertools.accumulate(amount for _, amount in moves))
        self.members_by_area: dict[str, list[Any]] = defaultdict(list)
        for member in book.register.members.values():
            self.members_by_area[member.area].append(member)

    def _add_transaction(
        self, txn: Transaction, fund_moves: dict[str, list[tuple[datetime.date, Decimal]]]
    ) -> None:
        """Add one transaction's THB money to the sums, the fund moves and the grants."""
        date = txn.date
        for account, total in _thb_by_account(txn).items():
            role = account_role(account)
            area = role.area
            if area is None:
                continue
            if role.fund:
                fund_moves[area].append((date, total))
                continue
            column = role.column
            if column is None:
                continue
            amount = -total if role.income else total
            self.flows[(area, date.year)][column] += amount
            self.monthly[(area, date.year, date.month)][column] += amount
            if role.grant_column:
                self._add_grants(txn, account, column, role.income)

    def _add_grants(self, txn: Transaction, account: str, column: str, income: bool) -> None:
        """Money received or spent per grant: the `grant:` of each posting on `account`.

        Kept per posting: a transaction may split one account's amount over several grants.
        """
        grants = self.grant_received if column == "grants_received" else self.grant_spent
        for posting in txn.postings:
            units = posting.units
            if posting.account != account or units is None or units.number is None:
                continue
            if units.currency != CURRENCY or not (grant := _grant_of(posting, txn)):
                continue
            grants[grant] += -units.number if income else units.number

    def fund_at(self, area: str, day: datetime.date) -> Decimal:
        """Fund money of `area` at the end of `day`."""
        dates = self.fund_dates.get(area)
        if not dates:
            return ZERO
        index = bisect.bisect_right(dates, day)
        return self.fund_totals[area][index - 1] if index else ZERO

    def years(self, area: str | None = None) -> list[int]:
        """The years with income or spending (of one area, or of any)."""
        return sorted({year for (code, year) in self.flows if area is None or code == area})


def summary_index(book: Book) -> SummaryIndex:
    """The index of `book`, built on first use and kept in `book.cache`."""
    index = book.cache.get(CACHE_KEY)
    if index is None:
        index = book.cache[CACHE_KEY] = SummaryIndex(book)
    return index


def fund_balance(book: Book, area: str, day: datetime.date) -> Decimal:
    """Fund money (`Assets:A:Bank:*` and `Assets:A:Cash`) of `area` at the end of `day`."""
    return summary_index(book).fund_at(area, day)


def area_year(book: Book, area: str, year: int) -> AreaYear:
    """The row of one area for one calendar year."""
    index = summary_index(book)
    sums = index.flows.get((area, year), {})
    year_end = datetime.date(year, 12, 31)
    benefits = {column: sums.get(column, ZERO) for column in BENEFIT_COLUMNS.values()}
    return AreaYear(
        area=area,
        members=sum(1 for m in index.members_by_area.get(area, ()) if m.active_on(year_end)),
        contributions=sums.get("contributions", ZERO),
        matching_government=sums.get("matching_government", ZERO),
        matching_local=sums.get("matching_local", ZERO),
        donations=sums.get("donations", ZERO),
        interest=sums.get("interest", ZERO),
        grants_received=sums.get("grants_received", ZERO),
        benefits=sum(benefits.values(), ZERO),
        **benefits,
        projects=sums.get("projects", ZERO),
        admin=sums.get("admin", ZERO),
        fund_balance=index.fund_at(area, year_end),
    )


def month_flows(book: Book, area: str, year: int, month: int) -> dict[str, Decimal]:
    """Income and spending of `area` in one month, by `areas` column (absent columns are zero)."""
    sums = summary_index(book).monthly.get((area, year, month), {})
    flows = {column: sums.get(column, ZERO) for column in AMOUNT_COLUMNS if column != "fund_balance"}
    flows["benefits"] = sum((flows[column] for column in BENEFIT_COLUMNS.values()), ZERO)
    return flows


def book_areas(book: Book) -> list[str]:
    """Declared areas and any area that has accounts in the entries, in code order."""
    index = summary_index(book)
    found = set(book.register.areas) | set(index.fund_dates) | {area for area, _ in index.flows}
    return sorted(found)


def area_years(book: Book, year: int) -> list[AreaYear]:
    """One row per area for `year`, in area-code order."""
    return [area_year(book, area, year) for area in book_areas(book)]


def total_row(rows: list[AreaYear]) -> AreaYear:
    """The `TOTAL` row: every count and amount summed over `rows`."""
    values: dict[str, Any] = {"area": "TOTAL", "members": sum(row.members for row in rows)}
    for column in AMOUNT_COLUMNS:
        values[column] = sum((getattr(row, column) for row in rows), ZERO)
    return AreaYear(**values)


def grant_statuses(book: Book) -> list[GrantStatus]:
    """Every declared grant with what was received, spent and reported, by area and code."""
    index = summary_index(book)
    statuses = []
    for grant in book.register.grants.values():
        received = index.grant_received.get(grant.code, ZERO)
        spent = index.grant_spent.get(grant.code, ZERO)
        reports = sorted(book.register.grant_reports.get(grant.code, ()), key=lambda r: r.date)
        first = reports[0] if reports else None
        statuses.append(
            GrantStatus(
                code=grant.code,
                area=grant.area,
                funder=grant.funder,
                declared=grant.date,
                ends=grant.ends,
                amount=grant.amount,
                received=received,
                spent=spent,
                left=received - spent,
                reported=first.date if first else None,
                document=first.document if first else None,
            )
        )
    return sorted(statuses, key=lambda s: (s.area, s.code))
