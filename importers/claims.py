"""Benefit claims registers: one benefit outflow per paid claim.

Each row becomes a transaction from the fund account (the cash box unless the command names
another fund account) to `Expenses:A:Benefits:<Type>`, the type read from its Thai or
English name, carrying `member`, `event-date`, `nights`, `approved-by`, `recorded-by`,
`document`, `received-by` (who took the cash), `paid-to` (the beneficiary paid instead of
the member) and `claim` (the approved claim it pays), in the order of docs/data-model.md, section 5.
What the paper left blank stays blank, so that `welfare check` reports it rather than the
importer guessing. A row already in the book is left out only when the whole row matches
(day, member, event, benefit account, amount and claim).
"""

from __future__ import annotations

import collections
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from beancount.core import data
from beangulp import extract
from welfare_ledger.importers.base import SheetImporter, number_of, posting
from welfare_ledger.importers.columns import Cell, Code, Codes, Count, Date, FileName, PositiveAmount
from welfare_ledger.importers.problems import CellError
from welfare_ledger.importers.sheet import Field
from welfare_ledger.importers.thai import clean
from welfare_ledger.plugins.accounts import BENEFIT_TYPES

if TYPE_CHECKING:
    from collections.abc import Hashable

ALIASES: dict[str, tuple[str, ...]] = {
    "Birth": ("คลอด", "การคลอดบุตร", "ทำคลอด", "childbirth"),
    "Sickness": ("ป่วย", "นอนโรงพยาบาล", "รักษาพยาบาล", "illness", "sick"),
    "Elderly": ("สูงอายุ", "old age"),
    "Death": ("ตาย", "ฌาปนกิจ", "ศพ", "funeral"),
    "Education": ("ศึกษา", "ทุนการศึกษา", "scholarship"),
    "Disaster": ("ภัย",),
    "Disability": ("ผู้พิการ", "พิการ", "disabled"),
    "Other": ("อื่น", "อื่นๆ", "อื่น ๆ"),
}
_PREFIXES = ("สวัสดิการ", "ค่า")


def _type_key(text: str) -> str:
    key = "".join(text.split()).casefold()
    for prefix in _PREFIXES:
        key = key.removeprefix(prefix)
    return key.removesuffix("benefit")


TYPES: dict[str, str] = {
    _type_key(name): english
    for english, thai in BENEFIT_TYPES.items()
    for name in (english, thai, *ALIASES.get(english, ()))
}


class BenefitType(Cell):
    """A benefit type written in Thai or English (`เจ็บป่วย`, `สวัสดิการเจ็บป่วย`, `Sickness`)."""

    def parse(self, value: Any) -> str:
        """The English type name of docs/data-model.md, section 3."""
        kind = TYPES.get(_type_key(clean(value)))
        if kind is None:
            raise CellError(
                "{value} is not a benefit type; write one of {types}.",
                value,
                types=", ".join(f"{th}/{en}" for en, th in BENEFIT_TYPES.items()),
            )
        return kind


class Narration(BenefitType):
    """The narration of a benefit: its type in Thai and English, never a person's name."""

    def parse(self, value: Any) -> str:
        """`สวัสดิการเจ็บป่วย / Sickness benefit`."""
        kind = super().parse(value)
        return f"สวัสดิการ{BENEFIT_TYPES[kind]} / {kind} benefit"


class Outflow(PositiveAmount):
    """The amount paid, as it leaves the fund account."""

    def parse(self, value: Any) -> Any:
        """A negative Decimal."""
        return -super().parse(value)


class ClaimsImporter(SheetImporter):
    """A benefit claims register (CSV or XLSX) of one area."""

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("date", ("วันที่จ่าย", "Date", "Payment date", "Date paid", "วันที่")),
        Field("event", ("วันที่เกิดเหตุ", "Event date", "วันเกิดเหตุ")),
        Field("member", ("รหัสสมาชิก", "Member", "Member code")),
        Field("type", ("ประเภท", "Type", "ประเภทสวัสดิการ", "Benefit")),
        Field("amount", ("จำนวนเงิน", "Amount")),
        Field("nights", ("จำนวนคืน", "Nights"), required=False),
        Field("approved", ("ผู้อนุมัติ", "Approved by"), required=False),
        Field("recorded", ("ผู้บันทึก", "Recorded by"), required=False),
        Field("document", ("เอกสาร", "Document"), required=False),
        Field("received", ("ผู้รับเงิน", "Received by"), required=False),
        Field("paid_to", ("ผู้รับแทน", "Paid to", "Beneficiary", "ผู้รับผลประโยชน์"), required=False),
        Field("claim", ("เลขที่คำร้อง", "Claim", "Claim no", "Claim number", "คำร้อง"), required=False),
    )
    KIND = "benefit claims register"

    date = Date("date", needed=True)
    event = Date("event")
    member = Code("member", needed=True)
    kind = BenefitType("type", needed=True)
    narration = Narration("type", needed=True)
    amount = Outflow("amount", needed=True)
    nights = Count("nights")
    approved = Codes("approved")
    recorded = Codes("recorded")
    document = FileName("document")
    received = Code("received")
    paid_to = Code("paid_to")
    claim = Code("claim")

    def account(self, filepath: str) -> str:
        """The fund account the benefits are paid from."""
        return self.fund_account

    def metadata(self, filepath: str, lineno: int, row: Any) -> data.Meta:
        """The claim's facts, in the order of docs/data-model.md, section 5; blanks are left out."""
        meta = super().metadata(filepath, lineno, row)
        meta["member"] = row.member
        facts = {
            "event-date": row.event,
            "nights": None if row.nights is None else Decimal(row.nights),
            "approved-by": row.approved,
            "recorded-by": row.recorded,
            "document": row.document,
            "received-by": row.received,
            "paid-to": row.paid_to,
            "claim": row.claim,
        }
        meta.update((key, value) for key, value in facts.items() if value not in (None, ""))
        return meta

    def finalize(self, txn: data.Transaction, row: Any) -> data.Transaction:
        """The benefit expense first, then the money leaving the fund."""
        expense = posting(f"Expenses:{self.area}:Benefits:{row.kind}", -row.amount)
        return txn._replace(postings=[expense, *txn.postings])

    def _key(self, entry: data.Transaction, expense: data.Posting) -> Hashable:
        """The whole row: day, member, event, benefit account, amount and claim."""
        meta = entry.meta or {}
        return (entry.date, meta.get("member"), meta.get("event-date", entry.date), expense.account,
                abs(number_of(expense)), meta.get("claim"))

    def same(self, new: data.Directive, old: data.Directive) -> bool:
        """The same row: same day, member, event, benefit account, amount and claim."""
        if not isinstance(new, data.Transaction) or not isinstance(old, data.Transaction):
            return False
        return any(self._key(old, p) == self._key(new, new.postings[0]) for p in old.postings
                   if p.units is not None and p.units.number is not None)

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Leave out the rows the book has, each book entry matching one row at most."""
        benefits = f"Expenses:{self.area}:Benefits:"
        known: collections.Counter[Hashable] = collections.Counter()
        for entry in existing:
            if isinstance(entry, data.Transaction):
                for p in entry.postings:
                    if p.account.startswith(benefits) and p.units is not None and p.units.number is not None:
                        known[self._key(entry, p)] += 1
        for entry in entries:
            if isinstance(entry, data.Transaction):
                key = self._key(entry, entry.postings[0])
                if known[key] > 0:
                    known[key] -= 1
                    entry.meta[extract.DUPLICATE] = True
