"""Rule `seal`: every seal still matches the content of the period it closed.

Each `seal` directive is recomputed from the book as it is now (docs/seals.md). A mismatch
names the area and each month whose content changed; a seal of an undeclared area, or one
whose digest cannot be read, is a finding too. The canonical lines of an area are gathered
once per book, up to its newest seal, and shared by all its seals and by `welfare seal`.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.i18n import Month
from welfare_ledger.plugins.seal_digest import (
    AreaLines,
    changed_months,
    gather,
    make_digest,
    parse_digest,
)

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import Seal

CODE = "seal"

UNKNOWN_AREA = "The seal of {through} names area {code}, which is not declared."
UNREADABLE = "The seal of {code} through {through} is not a v1 digest; it cannot be checked."
CHANGED = (
    "The seal of {code} through {through} no longer holds: the content of {months} changed "
    "since it was sealed. Restore those months as they were sealed, and correct mistakes "
    "in a month that is not sealed."
)
EDITED = (
    "The seal of {code} through {through} no longer holds: its digest was edited although no month changed."
)


@dataclasses.dataclass(frozen=True, slots=True)
class SealCheck:
    """One seal recomputed: whether it holds, and what the book gives now."""

    seal: Seal
    digest: str | None
    holds: bool
    months: tuple[str, ...] = ()
    msgid: str | None = None


def area_lines(book: Book, through: dict[str, datetime.date]) -> dict[str, AreaLines]:
    """Canonical lines of the given areas up to the given days, cached on the book.

    The cache holds each area up to the latest day asked so far, so the rule, `--verify`
    and a new seal share one pass.
    """
    cached: dict[str, tuple[datetime.date, AreaLines]] = book.seal_lines
    missing = {area: day for area, day in through.items() if area not in cached or cached[area][0] < day}
    if missing:
        finder = book.documents
        exists = finder.listing.is_file
        gathered = gather(book.entries, book.register, missing, finder.roots, exists, hashes=book.file_hashes)
        for area, lines in gathered.items():
            cached[area] = (missing[area], lines)
    return {area: cached[area][1] for area in through}


def digest_for(book: Book, area: str, through: datetime.date) -> str:
    """The digest that a seal of `area` through `through` would carry in this book."""
    lines = area_lines(book, {area: through})[area]
    return make_digest(area, through, lines.month_hashes(through))


def check_seals(book: Book) -> list[SealCheck]:
    """Every seal of the book recomputed, in date order."""
    seals = sorted(book.register.seals, key=lambda s: (s.date, s.area))
    through: dict[str, datetime.date] = {}
    for seal in seals:
        if seal.area in book.register.areas:
            through[seal.area] = max(seal.date, through.get(seal.area, seal.date))
    lines = area_lines(book, through)
    results = []
    for seal in seals:
        if seal.area not in book.register.areas:
            results.append(SealCheck(seal, None, holds=False, msgid=UNKNOWN_AREA))
            continue
        months = lines[seal.area].month_hashes(seal.date)
        digest = make_digest(seal.area, seal.date, months)
        stored = parse_digest(seal.digest)
        if stored is None:
            results.append(SealCheck(seal, digest, holds=False, msgid=UNREADABLE))
        elif digest == seal.digest.strip():
            results.append(SealCheck(seal, digest, holds=True))
        else:
            changed = tuple(changed_months(stored, months))
            results.append(
                SealCheck(seal, digest, holds=False, months=changed, msgid=CHANGED if changed else EDITED)
            )
    return results


def _month(text: str) -> Month:
    year, month = text.split("-")
    return Month(int(year), int(month))


def finding_for(result: SealCheck) -> Finding:
    """The finding of a seal that does not hold, at the seal directive."""
    return finding_at(
        CODE,
        Severity.ERROR,
        result.seal.meta,
        date=result.seal.date,
        area=result.seal.area,
        msgid=result.msgid or CHANGED,
        entry=result.seal.entry,
        code=result.seal.area,
        through=result.seal.date,
        months=[_month(m) for m in result.months],
    )


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """A finding for each seal that no longer holds."""
    return [finding_for(result) for result in check_seals(book) if not result.holds]
