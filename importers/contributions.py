"""Contribution registers (collection sheets): one collection-day transaction per date.

Each date becomes one transaction: the day's total into the fund account (the cash box
unless the command names another fund account), and one `Income:A:Contributions` posting
per member carrying `member` and `receipt` (docs/data-model.md, section 5). A row without a receipt
number is imported as it is, so that `welfare check` reports it (`receipt-sequence`). An
optional `ค่าสมัคร`/`Entry fee` column adds the fee paid with the same receipt as an
`Income:A:EntryFees` posting with the same `member` and `receipt`.

Deduplication is by the whole row (day, member, amount, receipt): a contribution in the
book is left out only when all four match, even when the treasurer entered part of a day by
hand. A receipt number already in the book on another row is imported, so that
`receipt-sequence` reports the number used twice; it is never silently dropped.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any, ClassVar

from beancount.core import data
from beangulp import extract
from welfare_ledger.importers.base import SheetImporter, number_of, posting
from welfare_ledger.importers.columns import Amount, Cell, Code, Date, PositiveAmount
from welfare_ledger.importers.problems import ImportProblem
from welfare_ledger.importers.sheet import Field

if TYPE_CHECKING:
    import datetime
    from collections.abc import Hashable

NARRATION = "เงินสัจจะสมาชิก / Members' contributions"


class ContributionsImporter(SheetImporter):
    """A contribution register (CSV or XLSX) of one area."""

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("date", ("วันที่", "Date", "วันที่รับเงิน", "วันที่ชำระ")),
        Field("member", ("รหัสสมาชิก", "Member", "Member code", "รหัส")),
        Field("amount", ("จำนวนเงิน", "Amount", "เงินสัจจะ")),
        Field("receipt", ("เลขที่ใบเสร็จ", "Receipt", "ใบเสร็จ", "Receipt no", "Receipt number")),
        Field("fee", ("ค่าสมัคร", "Entry fee", "Entry fees", "ค่าสมัครสมาชิก"), required=False),
    )
    KIND = "contribution register"

    date = Date("date", needed=True)
    member = Code("member", needed=True)
    amount = PositiveAmount("amount", needed=True)
    receipt = Cell("receipt")
    fee = Amount("fee")

    @property
    def income_account(self) -> str:
        """Where contributions are credited."""
        return f"Income:{self.area}:Contributions"

    @property
    def fee_account(self) -> str:
        """Where entry fees are credited."""
        return f"Income:{self.area}:EntryFees"

    def entries(self, filepath: str, existing: data.Entries) -> data.Entries:
        """One collection-day transaction per date, postings in the order of the sheet."""
        days: dict[datetime.date, list[data.Posting]] = collections.defaultdict(list)
        first_row: dict[datetime.date, int] = {}
        for row in self.read(filepath):
            meta = data.new_metadata(filepath, row[-1], {"member": row.member})
            if row.receipt:
                meta["receipt"] = row.receipt
            days[row.date].append(posting(self.income_account, -row.amount, meta))
            fee = row.fee
            if fee is not None and fee != 0:
                if fee < 0:
                    raise ImportProblem("{value} is not an amount above zero.", row=row[-1],
                                        column=self.found_header.labels["fee"], value=fee)
                days[row.date].append(posting(self.fee_account, -fee, dict(meta)))
            first_row.setdefault(row.date, row[-1])
        return [self._day(filepath, day, first_row[day], days[day]) for day in sorted(days)]

    def _day(
        self, filepath: str, day: datetime.date, lineno: int, postings: list[data.Posting]
    ) -> data.Transaction:
        total = -sum(number_of(p) for p in postings)
        return data.Transaction(
            data.new_metadata(filepath, lineno), day, self.flag, None, NARRATION,
            data.EMPTY_SET, data.EMPTY_SET, [posting(self.fund_account, total), *postings],
        )

    def _key(self, day: datetime.date, account: str, meta: data.Meta | None, number: Any) -> Hashable:
        """The whole row: day, account, member, amount and receipt."""
        meta = meta or {}
        receipt = meta.get("receipt")
        return (day, account, meta.get("member"), abs(number), None if receipt is None else str(receipt))

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Implement beangulp's `deduplicate` per posting: leave out the rows the book has, each once."""
        accounts = (self.income_account, self.fee_account)
        known: collections.Counter[Hashable] = collections.Counter()
        for entry in existing:
            if not isinstance(entry, data.Transaction):
                continue
            for p in entry.postings:
                if p.account in accounts and p.units is not None:
                    merged = {**(entry.meta or {}), **(p.meta or {})}
                    known[self._key(entry.date, p.account, merged, p.units.number)] += 1
        for index, entry in enumerate(entries):
            if not isinstance(entry, data.Transaction):
                continue
            fresh: list[data.Posting] = []
            for p in entry.postings[1:]:
                key = self._key(entry.date, p.account, p.meta, number_of(p))
                if known[key] > 0:
                    known[key] -= 1
                else:
                    fresh.append(p)
            if not fresh:
                entry.meta[extract.DUPLICATE] = True
            elif len(fresh) < len(entry.postings) - 1:
                entries[index] = self._day(entry.meta["filename"], entry.date, entry.meta["lineno"], fresh)
