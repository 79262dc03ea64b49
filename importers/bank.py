"""Bank statements (passbook exports): one transaction per row, and the month's balance assertion.

Each row becomes a transaction on the bank account named on the command line. The other leg
is what the description says when it can be said safely (cash carried to or from the cash
box, interest paid by the bank), marked `*`; everything else goes to the area's
`Income:A:Unclassified` or `Expenses:A:Unclassified` and is flagged `!` for the treasurer to
finish, so that the book stays valid and the rules see the open question. The last balance
column becomes a `balance` assertion dated the day after the last row: the monthly
reconciliation that the `bank-reconciliation` rule asks for. Digits in descriptions that
could be an ID card or phone number are masked.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from beancount.core import data, flags
from welfare_ledger.importers.base import SheetImporter, number_of, posting
from welfare_ledger.importers.columns import Amount, Cell, Date, Text
from welfare_ledger.importers.sheet import Field

if TYPE_CHECKING:
    from collections.abc import Callable

CASH_WORDS = ("เงินสด", "cash", "atm", "เอทีเอ็ม")
INTEREST_WORDS = ("ดอกเบี้ย", "interest")
_PERSONAL_DIGITS = re.compile(r"(?<![\d.,])\d(?:[\- ]?\d){8,12}(?![\d.,])")


def mask_numbers(text: str) -> str:
    """Descriptions with long digit runs (ID card, phone, account numbers) keep only the last four."""

    def mask(match: re.Match[str]) -> str:
        digits = match.group(0)
        keep = 4
        out: list[str] = []
        for char in reversed(digits):
            if char.isdigit() and keep > 0:
                keep -= 1
                out.append(char)
            else:
                out.append("x" if char.isdigit() else char)
        return "".join(reversed(out))

    return _PERSONAL_DIGITS.sub(mask, text)


class BankAmount(Cell):
    """The signed movement: `deposit - withdrawal`, or one signed amount column."""

    def __init__(self) -> None:
        super().__init__("amount")

    def getter(self, names: dict[str, int]) -> Callable[[tuple[Any, ...]], Any]:
        """Read whichever columns the statement has; None for a row that moved nothing."""
        if "amount" in names:
            return Amount("amount").getter(names)
        withdrawal = Amount("withdrawal").getter(names)
        deposit = Amount("deposit").getter(names)

        def get(row: tuple[Any, ...]) -> Any:
            out, into = withdrawal(row), deposit(row)
            if out is None and into is None:
                return None
            return (into or 0) - (out or 0)

        return get


class BankImporter(SheetImporter):
    """A bank statement (CSV or XLSX) of one of the area's bank accounts."""

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("date", ("วันที่", "Date", "วันที่ทำรายการ", "Transaction date", "วัน/เดือน/ปี")),
        Field("description", ("รายการ", "Description", "รายละเอียด", "Details")),
        Field("withdrawal", ("ถอน", "Withdrawal", "ถอนเงิน", "Debit", "เดบิต"), required=False),
        Field("deposit", ("ฝาก", "Deposit", "ฝากเงิน", "Credit", "เครดิต"), required=False),
        Field("amount", ("จำนวนเงิน", "Amount"), required=False),
        Field("balance", ("คงเหลือ", "Balance", "ยอดคงเหลือ"), required=False),
    )
    KIND = "bank statement"

    date = Date("date", needed=True)
    narration = Text("description", default="")
    amount = BankAmount()
    balance = Amount("balance")

    def complete(self, found: set[str]) -> bool:
        """Date and description, and either withdrawal/deposit or one signed amount."""
        return {"date", "description"} <= found and bool(found & {"withdrawal", "deposit", "amount"})

    def other_leg(self, narration: str, number: Any) -> tuple[str, bool]:
        """The account for the other leg, and whether the description made it certain."""
        text = narration.casefold()
        if any(word in text for word in CASH_WORDS):
            return f"Assets:{self.area}:Cash", True
        if number > 0 and any(word in text for word in INTEREST_WORDS):
            return f"Income:{self.area}:Interest", True
        root = "Income" if number > 0 else "Expenses"
        return f"{root}:{self.area}:Unclassified", False

    def finalize(self, txn: data.Transaction, row: Any) -> data.Transaction | None:
        """Add the other leg; rows that moved no money (brought forward) are dropped."""
        number = number_of(txn.postings[0])
        if number is None or number == 0:
            return None
        narration = mask_numbers(txn.narration or "")
        account, certain = self.other_leg(narration, number)
        return txn._replace(
            flag=self.flag if certain else flags.FLAG_WARNING,
            narration=narration,
            postings=[*txn.postings, posting(account, -number)],
        )

    def same(self, new: data.Directive, old: data.Directive) -> bool:
        """The same movement of the bank account, or the same balance assertion."""
        account = self.importer_account
        if isinstance(new, data.Balance):
            return (
                isinstance(old, data.Balance)
                and old.account == account
                and old.date == new.date
                and old.amount == new.amount
            )
        if not isinstance(new, data.Transaction) or not isinstance(old, data.Transaction):
            return False
        number = number_of(new.postings[0])
        return any(
            p.account == account and p.units is not None and p.units.number == number
            for p in old.postings
        )
