"""Rule `matching-claim`: matching money may not exceed 365 THB per member who really contributed.

The government (via CODI) and local government match members' savings, about 365 THB a year
per contributing member; inflating the member count is the classic way to claim too much.
Per area, contribution year (`for-year`, else the entry's year) and source, the matching money
received is compared with 365 THB times the area's members whose contributions dated in that
year reach 12 x `dues-per-month`. Reported once, at the entry that went over.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.membership import payment_history
from welfare_ledger.plugins.rules._money import MatchingPosting, money_facts

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "matching-claim"
PER_MEMBER = Decimal(365)
MSGIDS = {
    "Government": (
        "Government matching money for the contributions from {first} to {last} totals {amount}, "
        "above {limit}: 365 THB for each of the {members} members whose contributions that year "
        "reached {needed}. Check the member count claimed and return any excess."
    ),
    "Local": (
        "Local government matching money for the contributions from {first} to {last} totals "
        "{amount}, above {limit}: 365 THB for each of the {members} members whose contributions "
        "that year reached {needed}. Check the member count claimed and return any excess."
    ),
}
OTHER_MSGID = (
    "Matching money from {source} for the contributions from {first} to {last} totals {amount}, "
    "above {limit}: 365 THB for each of the {members} members whose contributions that year "
    "reached {needed}. Check the member count claimed and return any excess."
)


def _contributing(book: Book, area: str, year: int, needed: Decimal) -> int:
    """How many members of `area` contributed at least `needed` in `year` (kept for both sources)."""
    key = f"{CODE}/contributing/{area}/{year}/{needed}"
    count = book.cache.get(key)
    if count is None:
        history = payment_history(book)
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        count = sum(
            1
            for member in book.register.members.values()
            if member.area == area and history.paid_between(member.code, first, last) >= needed
        )
        book.cache[key] = count
    return count


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per area, year and source whose matching money exceeds the cap."""
    groups: dict[tuple[str, int, str], list[MatchingPosting]] = defaultdict(list)
    for posting in money_facts(book).matching:
        groups[(posting.area, posting.year, posting.source)].append(posting)
    findings = []
    for (area, year, source), postings in sorted(groups.items()):
        last = datetime.date(year, 12, 31)
        needed = 12 * book.register.bylaw_at(area, last).dues_per_month
        members = _contributing(book, area, year, needed)
        limit = PER_MEMBER * members
        running = Decimal(0)
        for posting in postings:
            running += posting.amount
            if running > limit:
                break
        else:
            continue
        total = sum((p.amount for p in postings), Decimal(0))
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                posting.meta,
                date=posting.txn.date,
                area=area,
                msgid=MSGIDS.get(source, OTHER_MSGID),
                entry=posting.txn,
                source=source,
                first=datetime.date(year, 1, 1),
                last=last,
                amount=total,
                limit=limit,
                members=members,
                needed=needed,
            )
        )
    return findings
