"""The account layout of CONVENTIONS section 3: which area an account belongs to and what it holds."""

from __future__ import annotations

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


@functools.cache
def area_of(account: str) -> str | None:
    """The area code of an account: its second component (`Assets:BangMueang:Cash`)."""
    parts = account.split(":")
    if len(parts) >= 2 and parts[0] in ROOTS:
        return parts[1]
    return None


@functools.cache
def is_fund(account: str) -> bool:
    """Fund money: `Assets:A:Bank:*` and `Assets:A:Cash`."""
    parts = account.split(":")
    return len(parts) >= 3 and parts[0] == "Assets" and parts[2] in ("Bank", "Cash")


@functools.cache
def is_bank(account: str) -> bool:
    """A bank account (passbook) of an area, reconciled monthly."""
    parts = account.split(":")
    return len(parts) >= 4 and parts[0] == "Assets" and parts[2] == "Bank"


@functools.cache
def is_cash(account: str) -> bool:
    """The cash box of an area."""
    parts = account.split(":")
    return len(parts) >= 3 and parts[0] == "Assets" and parts[2] == "Cash"


@functools.cache
def is_expense(account: str) -> bool:
    """Any expense of an area."""
    return account.startswith("Expenses:") and account.count(":") >= 2


@functools.cache
def benefit_type(account: str) -> str | None:
    """`Sickness` for `Expenses:A:Benefits:Sickness[:...]`, else None."""
    parts = account.split(":")
    if len(parts) >= 4 and parts[0] == "Expenses" and parts[2] == "Benefits":
        return parts[3]
    return None


@functools.cache
def kind_of(account: str) -> str | None:
    """The third component that says what an income or expense account holds.

    `Contributions`, `Matching`, `Donations`, `Interest`, `Grants` for income;
    `Benefits`, `Projects`, `Admin` for expenses.
    """
    parts = account.split(":")
    if len(parts) >= 3 and parts[0] in ("Income", "Expenses"):
        return parts[2]
    return None


@functools.cache
def matching_source(account: str) -> str | None:
    """`Government` or `Local` for `Income:A:Matching:<Source>`."""
    parts = account.split(":")
    if len(parts) >= 4 and parts[0] == "Income" and parts[2] == "Matching":
        return parts[3]
    return None
