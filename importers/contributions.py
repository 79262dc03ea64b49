"""Contribution registers (collection sheets): one collection-day transaction per date.

Each date becomes one transaction: the day's total into the fund account (the cash box
unless the command names another fund account), and one `Income:A:Contributions` posting
per member carrying `member` and `receipt` (CONVENTIONS section 5). A row without a receipt
number is imported as it is, so that `welfare check` reports it (`receipt-sequence`).
Deduplication is by receipt number, which is unique in an area: contributions already in
the book are left out even when the treasurer entered part of a day by hand.
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any, ClassVar

from beancount.core import data
from beangulp import extract
from welfare_ledger.importers.base import SheetImporter, number_of, posting
from welfare_ledger.importers.columns import Cell, Code, Date, PositiveAmount
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
    )
    KIND = "contribution register"

    date = Date("date", needed=True)
    member = Code("member", needed=True)
    amount = PositiveAmount("amount", needed=True)
    receipt = Cell("receipt")

    @property
    def income_account(self) -> str:
        """Where contributions are credited."""
        return f"Income:{self.area}:Contributions"

    def entries(self, filepath: str, existing: data.Entries) -> data.Entries:
        """One collection-day transaction per date, postings in the order of the sheet."""
        days: dict[datetime.date, list[data.Posting]] = collections.defaultdict(list)
        first_row: dict[datetime.date, int] = {}
        for row in self.read(filepath):
            meta = data.new_metadata(filepath, row[-1], {"member": row.member})
            if row.receipt:
                meta["receipt"] = row.receipt
            days[row.date].append(posting(self.income_account, -row.amount, meta))
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

    def _key(self, day: datetime.date, meta: data.Meta | None, number: Any) -> Hashable:
        """A receipt number, or for a contribution without one its day, member and amount."""
        meta = meta or {}
        receipt = meta.get("receipt")
        if receipt:
            return ("receipt", str(receipt))
        return ("row", day, meta.get("member"), abs(number))

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Implement beangulp's `deduplicate` per contribution: leave out those in the book."""
        known: collections.Counter[Hashable] = collections.Counter()
        for entry in existing:
            if not isinstance(entry, data.Transaction):
                continue
            for p in entry.postings:
                if p.account == self.income_account and p.units is not None:
                    merged = {**(entry.meta or {}), **(p.meta or {})}
                    known[self._key(entry.date, merged, p.units.number)] += 1
        for index, entry in enumerate(entries):
            if not isinstance(entry, data.Transaction):
                continue
            fresh: list[data.Posting] = []
            for p in entry.postings[1:]:
                key = self._key(entry.date, p.meta, number_of(p))
                if known[key] > 0:
                    known[key] -= 1
                else:
                    fresh.append(p)
            if not fresh:
                entry.meta[extract.DUPLICATE] = True
            elif len(fresh) < len(entry.postings) - 1:
                entries[index] = self._day(entry.meta["filename"], entry.date, entry.meta["lineno"], fresh)
