"""Rule `receipt-sequence`: every contribution has its own receipt, and receipt books have no holes.

Skimming shows up in the receipt book: money taken with a receipt that never reaches the
books leaves a number missing from the series, and a copied receipt shows a number used
twice. A contribution without a receipt is an error, as is a number used twice in an area;
numbers missing between the lowest and highest of a series (`<series>-<number>`) are a
warning, reported once per gap.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book, Contribution
    from welfare_ledger.plugins.config import AuditConfig

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


def _number_text(series: str, number: int, width: int) -> str:
    return f"{series}-{number:0{width}d}"


def _duplicates_and_missing(
    area: str, contributions: list[Contribution]
) -> tuple[list[Finding], dict[str, dict[int, Contribution]]]:
    findings = []
    seen: dict[str, Contribution] = {}
    series: dict[str, dict[int, Contribution]] = defaultdict(dict)
    for item in contributions:
        receipt = item.receipt
        if receipt:
            first = seen.setdefault(receipt, item)
            if first is item:
                name, _, number = receipt.rpartition("-")
                if name and number.isdecimal():
                    series[name].setdefault(int(number), item)
                continue
        common = {"amount": item.amount, "member": item.member or "-", "day": item.date}
        if not receipt:
            findings.append(
                finding_at(
                    CODE,
                    Severity.ERROR,
                    item.meta,
                    date=item.date,
                    area=area,
                    msgid=MSG_NO_RECEIPT,
                    entry=item.txn,
                    **common,
                )
            )
            continue
        first = seen[receipt]
        findings.append(
            finding_at(
                CODE,
                Severity.ERROR,
                item.meta,
                date=item.date,
                area=area,
                msgid=MSG_DUPLICATE,
                entry=item.txn,
                receipt=receipt,
                first_day=first.date,
                first_place=f"{first.meta.get('filename', '-')}:{first.meta.get('lineno', 0)}",
                **common,
            )
        )
    return findings, series


def _gaps(area: str, name: str, numbers: dict[int, Contribution]) -> list[Finding]:
    width = min(len(c.receipt or "") - len(name) - 1 for c in numbers.values())
    ordered = sorted(numbers)
    findings = []
    for low, high in itertools.pairwise(ordered):
        if high - low <= 1:
            continue
        after = numbers[high]
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
                fund_th=area_name,
                day=after.date,
            )
        )
    return findings


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Contributions with no receipt or a reused one, and gaps in each receipt series."""
    by_area: dict[str, list[Contribution]] = defaultdict(list)
    for contribution in book.contributions:
        by_area[contribution.area].append(contribution)
    findings = []
    for area, contributions in by_area.items():
        found, series = _duplicates_and_missing(area, contributions)
        findings.extend(found)
        for name, numbers in series.items():
            findings.extend(_gaps(area, name, numbers))
    return findings
