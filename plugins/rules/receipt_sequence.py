"""Rule `receipt-sequence`: every contribution has its own receipt, and receipt books have no holes.

Skimming shows up in the receipt book: money taken with a receipt that never reaches the
books leaves a number missing from the series, and a copied receipt shows a number used
twice. A contribution without a receipt is an error, as is a number used twice in an area;
numbers missing between the lowest and highest of a series (`<series>-<number>`) are a
warning, reported once per gap. A number is the same receipt however it is written: with more
or fewer leading zeros, in Thai or full-width digits, with another dash or invisible characters
(`2567-0002`, `2567-002`, `๒๕๖๗-๐๐๐๒`).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import defaultdict
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Contribution

CODE = "receipt-sequence"

MSG_NO_RECEIPT = (
    "The contribution of {amount} from {member} on {day} has no receipt number. Write the "
    "number of the receipt given to the member in `receipt:`."
)
MSG_DUPLICATE = (
    "Receipt {receipt} of the contribution of {amount} from {member} on {day} was already used "
    "on {first_day} ({first_place}). Each receipt is used once: check the receipt book and "
    "correct the number."
)
MSG_GAP_ONE = (
    "Receipt {first} is missing from series {series} of {fund} before {day}. Find the stub or "
    "the cancelled copy and record it, or explain the gap to the auditor."
)
MSG_GAP = (
    "Receipts {first} to {last} ({count} number(s)) are missing from series {series} of "
    "{fund} before {day}. Find the stubs or the cancelled copies and record them, or explain "
    "the gap to the auditor."
)


def receipt_key(receipt: str) -> str:
    """The receipt a number stands for: digits in ASCII, dashes as `-`, the number without leading zeros."""
    chars = []
    for char in unicodedata.normalize("NFKC", receipt):
        category = unicodedata.category(char)
        if category == "Cf" or char.isspace():
            continue
        if category == "Pd":
            chars.append("-")
        elif char.isdigit() and unicodedata.digit(char, None) is not None:
            chars.append(str(unicodedata.digit(char)))
        else:
            chars.append(char)
    name, dash, number = "".join(chars).rpartition("-")
    if number.isdecimal() and number.isascii():
        return f"{name}{dash}{int(number)}"
    return "".join(chars)


def _number_text(series: str, number: int, width: int) -> str:
    return f"{series}-{number:0{width}d}"


def _problem(item: Contribution, seen: dict[str, Contribution]) -> Finding:
    """The finding of a contribution with no receipt, or with one used before in its area."""
    common = {"amount": item.amount, "member": item.member or "-", "day": item.date}
    if not item.receipt:
        return finding_at(
            CODE,
            Severity.ERROR,
            item.meta,
            date=item.date,
            area=item.area,
            msgid=MSG_NO_RECEIPT,
            entry=item.txn,
            **common,
        )
    earlier = seen[receipt_key(item.receipt)]
    return finding_at(
        CODE,
        Severity.ERROR,
        item.meta,
        date=item.date,
        area=item.area,
        msgid=MSG_DUPLICATE,
        entry=item.txn,
        receipt=item.receipt,
        first_day=earlier.date,
        first_place=f"{earlier.meta.get('filename', '-')}:{earlier.meta.get('lineno', 0)}",
        **common,
    )


def _gaps(book: Book, area: str, name: str, numbers_of: dict[int, Contribution], width: int) -> list[Finding]:
    """One warning per run of numbers missing between the lowest and highest of a series."""
    numbers = sorted(numbers_of)
    holes = [(low, high) for low, high in itertools.pairwise(numbers) if high - low > 1]
    if not holes:
        return []
    findings = []
    for low, high in holes:
        after = numbers_of[high]
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                after.meta,
                date=after.date,
                area=area,
                msgid=MSG_GAP if high - low > 2 else MSG_GAP_ONE,
                entry=after.txn,
                first=_number_text(name, low + 1, width),
                last=_number_text(name, high - 1, width),
                count=high - low - 1,
                series=name,
                fund=area,
                fund_th=book.register.area_name(area),
                day=after.date,
            )
        )
    return findings


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Contributions with no receipt or a reused one, and gaps in each receipt series."""
    seen_by_area: dict[str, dict[str, Contribution]] = defaultdict(dict)
    findings = []
    for item in book.contributions:
        receipt = item.receipt
        seen = seen_by_area[item.area]
        if receipt and receipt_key(receipt) not in seen:
            seen[receipt_key(receipt)] = item
        else:
            findings.append(_problem(item, seen))
    for area, seen in seen_by_area.items():
        series: dict[str, dict[int, Contribution]] = defaultdict(dict)
        widths: dict[str, int] = {}
        for key, item in seen.items():
            name, _, number = key.rpartition("-")
            if name and number.isdecimal() and number.isascii():
                series[name][int(number)] = item
                written = str(item.receipt).strip().rpartition("-")[2]
                widths[name] = min(widths.get(name, len(written)), len(written))
        for name, numbers_of in series.items():
            findings.extend(_gaps(book, area, name, numbers_of, widths[name]))
    return findings
