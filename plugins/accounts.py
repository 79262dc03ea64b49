"""The closed chart of accounts: every account name classified once, into one frozen record.

An area `A` keeps exactly these accounts (docs/data-model.md, section "Accounts"):
`Assets:A:Bank:<Name>`, `Assets:A:Cash`, `Assets:A:Advances:<Code>` (fund money);
`Income:A:Contributions`, `Income:A:Matching:Government|Local`, `Income:A:Donations`,
`Income:A:Interest`, `Income:A:Grants`, `Income:A:EntryFees`, `Income:A:Other`;
`Expenses:A:Benefits:<Type>`, `Expenses:A:Projects[:...]`, `Expenses:A:Admin[:...]`;
`Equity:A:Opening`. Any other name is off the chart (rule `chart`), but it is still classified:
every `Assets:A:*` account is fund money whatever its name, so money cannot leave unseen by
being parked in an account nobody looks at.
"""

from __future__ import annotations

import dataclasses
import enum
import functools

BENEFIT_TYPES: dict[str, str] = {
    "Birth": "คลอดบุตร",
    "Sickness": "เจ็บป่วย",
    "Elderly": "ผู้สูงอายุ",
    "Death": "เสียชีวิต",
    "Education": "การศึกษา",
    "Disaster": "ภัยพิบัติ",
    "Disability": "คนพิการ",
    "Other": "อื่นๆ",
}
ROOTS = frozenset({"Assets", "Liabilities", "Equity", "Income", "Expenses"})
MATCHING_SOURCES = ("Government", "Local")


class Kind(enum.StrEnum):
    """What an account holds, as the rules and reports count it."""

    BANK = "bank"
    CASH = "cash"
    ADVANCE = "advance"
    OTHER_ASSET = "other-asset"
    CONTRIBUTIONS = "contributions"
    MATCHING = "matching"
    DONATIONS = "donations"
    INTEREST = "interest"
    GRANTS = "grants"
    ENTRY_FEES = "entry-fees"
    OTHER_INCOME = "other-income"
    BENEFIT = "benefit"
    PROJECT = "project"
    ADMIN = "admin"
    OTHER_EXPENSE = "other-expense"
    OPENING = "opening"
    OTHER = "other"
    """Equity other than Opening, Liabilities, or an account with no area."""


_INCOME_KINDS = {
    "Contributions": Kind.CONTRIBUTIONS,
    "Donations": Kind.DONATIONS,
    "Interest": Kind.INTEREST,
    "Grants": Kind.GRANTS,
    "EntryFees": Kind.ENTRY_FEES,
    "Other": Kind.OTHER_INCOME,
}
COLUMNS_OF_KIND: dict[Kind, str] = {
    Kind.CONTRIBUTIONS: "contributions",
    Kind.DONATIONS: "donations",
    Kind.INTEREST: "interest",
    Kind.GRANTS: "grants_received",
    Kind.ENTRY_FEES: "entry_fees",
    Kind.OTHER_INCOME: "other_income",
    Kind.PROJECT: "projects",
    Kind.ADMIN: "admin",
}
MATCHING_COLUMNS = {"Government": "matching_government", "Local": "matching_local"}
BENEFIT_COLUMNS: dict[str, str] = {kind: f"benefits_{kind.lower()}" for kind in BENEFIT_TYPES}


@dataclasses.dataclass(frozen=True, slots=True)
class AccountInfo:
    """Everything the rules, reports and pages ask of one account name, answered once."""

    name: str
    root: str
    area: str | None
    kind: Kind
    in_chart: bool
    benefit_type: str | None = None
    matching_source: str | None = None
    column: str | None = None
    """The `welfare report areas` column the account's money adds to (None: fund, equity, other)."""

    @property
    def fund(self) -> bool:
        """Fund money: every `Assets:A:*` account of an area, on the chart or not."""
        return self.root == "Assets" and self.area is not None

    @property
    def income(self) -> bool:
        """An income account of an area (credited: its amounts are negative in the books)."""
        return self.root == "Income" and self.area is not None

    @property
    def expense(self) -> bool:
        """An expense account of an area: every posting to one is spending."""
        return self.root == "Expenses" and self.area is not None

    @property
    def bank(self) -> bool:
        """A passbook of the area, reconciled monthly."""
        return self.kind is Kind.BANK

    @property
    def cash(self) -> bool:
        """The cash box."""
        return self.kind is Kind.CASH


def _asset(name: str, area: str, rest: list[str]) -> AccountInfo:
    if rest == ["Cash"]:
        return AccountInfo(name, "Assets", area, Kind.CASH, True)
    if len(rest) == 2 and rest[0] == "Bank":
        return AccountInfo(name, "Assets", area, Kind.BANK, True)
    if len(rest) == 2 and rest[0] == "Advances":
        return AccountInfo(name, "Assets", area, Kind.ADVANCE, True)
    if rest and rest[0] == "Bank":
        return AccountInfo(name, "Assets", area, Kind.BANK, False)
    if rest and rest[0] == "Cash":
        return AccountInfo(name, "Assets", area, Kind.CASH, False)
    return AccountInfo(name, "Assets", area, Kind.OTHER_ASSET, False)


def _income(name: str, area: str, rest: list[str]) -> AccountInfo:
    if len(rest) == 2 and rest[0] == "Matching" and rest[1] in MATCHING_SOURCES:
        return AccountInfo(
            name,
            "Income",
            area,
            Kind.MATCHING,
            True,
            matching_source=rest[1],
            column=MATCHING_COLUMNS[rest[1]],
        )
    kind = _INCOME_KINDS.get(rest[0]) if len(rest) == 1 else None
    if kind is not None:
        return AccountInfo(name, "Income", area, kind, True, column=COLUMNS_OF_KIND[kind])
    return AccountInfo(name, "Income", area, Kind.OTHER_INCOME, False, column="other_income")


def _expense(name: str, area: str, rest: list[str]) -> AccountInfo:
    head = rest[0] if rest else ""
    if head == "Benefits":
        kind_name = rest[1] if len(rest) >= 2 and rest[1] in BENEFIT_TYPES else "Other"
        return AccountInfo(
            name,
            "Expenses",
            area,
            Kind.BENEFIT,
            len(rest) == 2 and rest[1] in BENEFIT_TYPES,
            benefit_type=kind_name,
            column=BENEFIT_COLUMNS[kind_name],
        )
    if head == "Projects":
        return AccountInfo(name, "Expenses", area, Kind.PROJECT, True, column="projects")
    if head == "Admin":
        return AccountInfo(name, "Expenses", area, Kind.ADMIN, True, column="admin")
    return AccountInfo(name, "Expenses", area, Kind.OTHER_EXPENSE, False, column="admin")


@functools.cache
def classify(name: str) -> AccountInfo:  # noqa: PLR0911  (one return per kind of account)
    """The record of `name`, computed once per account name for the whole process.

    Off-chart income and expenses still count in the reports (as other income and running
    costs), so the figures add up to the money that moved; the `chart` rule says they are off.
    """
    parts = name.split(":")
    root = parts[0]
    if root not in ROOTS or len(parts) < 2:
        return AccountInfo(name, root, None, Kind.OTHER, False)
    area, rest = parts[1], parts[2:]
    if not rest:
        return AccountInfo(name, root, area, Kind.OTHER, False)
    if root == "Assets":
        return _asset(name, area, rest)
    if root == "Income":
        return _income(name, area, rest)
    if root == "Expenses":
        return _expense(name, area, rest)
    if root == "Equity" and rest == ["Opening"]:
        return AccountInfo(name, root, area, Kind.OPENING, True)
    return AccountInfo(name, root, area, Kind.OTHER, False)


def area_of(account: str) -> str | None:
    """The area code of an account: its second component (`Assets:BangMueang:Cash`)."""
    return classify(account).area


def is_fund(account: str) -> bool:
    """Fund money: every `Assets:A:*` account."""
    return classify(account).fund


def is_bank(account: str) -> bool:
    """A bank account (passbook) of an area."""
    return classify(account).bank


def is_cash(account: str) -> bool:
    """The cash box of an area."""
    return classify(account).cash


def benefit_type(account: str) -> str | None:
    """`Sickness` for `Expenses:A:Benefits:Sickness`, else None (`Other` for an off-chart type)."""
    return classify(account).benefit_type
