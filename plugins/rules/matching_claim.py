"""Rule `matching-claim`: matching money may not exceed 365 THB per member who really contributed.

The government (via CODI) and local government match members' savings, about 365 THB a year
per contributing member; inflating the member count is the classic way to claim too much.
Per area, source and matching year (`for-year`, else the year the entry falls in) the money
received is compared with 365 THB times the area's members who had completed a year of
membership by the year's end and whose contributions dated in that year reach
12 x `dues-per-month`. Years are fiscal years when the bylaw sets `fiscal-year-start` (CODI's
runs October to September, named by the year it ends in). Reported once, at the entry that
went over, saying which year the money was counted for.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.i18n import Year
from welfare_ledger.plugins.values import add_days, months_between

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import MatchingPosting
    from welfare_ledger.plugins.registers import Member

CODE = "matching-claim"
PER_MEMBER = Decimal(365)
MSGIDS = {
    "Government": (
        "Government matching money for {year} (contributions from {first} to {last}) totals {amount}, "
        "above {limit}: 365 THB for each of the {members} members who had completed a year by {last} "
        "and whose contributions that year reached {needed}. Check the member count claimed and "
        "return any excess."
    ),
    "Local": (
        "Local government matching money for {year} (contributions from {first} to {last}) totals "
        "{amount}, above {limit}: 365 THB for each of the {members} members who had completed a year "
        "by {last} and whose contributions that year reached {needed}. Check the member count "
        "claimed and return any excess."
    ),
}


def matching_year(book: Book, posting: MatchingPosting) -> int:
    """The year the money matches: its `for-year`, else the (fiscal) year of its entry."""
    if posting.for_year is not None:
        return posting.for_year
    return book.policy(posting.area, posting.txn.date).fiscal_year_of(posting.txn.date)


def completed_a_year(joined: datetime.date, last: datetime.date) -> bool:
    """Whether a member who joined on `joined` has a full year of membership on `last`.

    A member since 1 January has completed the year on 31 December.
    """
    if joined.year >= datetime.MAXYEAR:
        return False
    anniversary = (
        joined.replace(year=joined.year + 1)
        if (joined.month, joined.day) != (2, 29)
        else (datetime.date(joined.year + 1, 3, 1))
    )
    return add_days(anniversary, -1) <= last


def qualifying_members(
    book: Book, area: str, first: datetime.date, last: datetime.date, needed: Decimal
) -> list[Member]:
    """Members of `area` with a completed year by `last` whose own savings in the year reach `needed`.

    Own savings: contributions booked in the member's area in these books; savings carried over
    from an older register are not the year's (`Book.savings`). CODI's matching request counts
    the same members.
    """
    savings = book.savings
    return [
        member
        for member in book.register.members.values()
        if member.area == area
        and completed_a_year(member.joined, last)
        and savings.paid_between(member.code, first, last) >= needed
    ]


def needed_savings(book: Book, area: str, first: datetime.date, last: datetime.date) -> Decimal:
    """The savings a member needs in the year: 12 x `dues-per-month`, or the months these books hold.

    A year in which the area's books were opened (an opening entry against `Equity:A:Opening`
    inside it) is partly in the old register, whose savings came over as one brought-forward sum
    that no year can claim: the months of the year after the opening are what the members must
    have saved in these books.
    """
    dues = book.policy(area, last).dues_per_month
    opened = [o.day for o in book.openings.get(area, ()) if first <= o.day <= last]
    if not opened:
        return 12 * dues
    return dues * min(12, months_between(max(opened), add_days(last, 1)))


def year_span(book: Book, area: str, year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of matching year `year` of `area`, by the fiscal year in force at its end."""
    end_policy = book.policy(area, datetime.date(year, 12, 31))
    return end_policy.fiscal_year_span(year)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per area, year and source whose matching money exceeds the cap."""
    groups: dict[tuple[str, int, str], list[MatchingPosting]] = defaultdict(list)
    for posting in book.matching:
        groups[(posting.area, matching_year(book, posting), posting.source)].append(posting)
    findings = []
    counts: dict[tuple[str, int], int] = {}
    for (area, year, source), postings in sorted(groups.items()):
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            continue
        first, last = year_span(book, area, year)
        needed = needed_savings(book, area, first, last)
        if (area, year) not in counts:
            counts[(area, year)] = len(qualifying_members(book, area, first, last, needed))
        members = counts[(area, year)]
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
                msgid=MSGIDS.get(source, MSGIDS["Government"]),
                entry=posting.txn,
                year=Year(year),
                first=first,
                last=last,
                amount=total,
                limit=limit,
                members=members,
                needed=needed,
            )
        )
    return findings
