"""Rule `unknown-member`: every `member:` code is in the register, in the area whose accounts it uses.

Ghost members are the oldest way to take money from a fund: a code nobody registered, or a
member of another area paid out of this area's box, must be visible at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "unknown-member"

MSG_UNKNOWN = (
    "Member {member} used on {day} is not in the member register. Register the member with "
    "a `member` entry, or correct the code."
)
MSG_OTHER_AREA = (
    "Member {member} used on {day} in the books of {fund} is registered in {home}. Record the "
    "entry in {home}'s books, or correct the code."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Member codes not in the register, or used in another area's accounts."""
    members = book.register.members
    findings = []
    for use in book.member_uses:
        member = members.get(use.code)
        if member is None:
            msgid = MSG_UNKNOWN
        elif use.area and member.area != use.area:
            msgid = MSG_OTHER_AREA
        else:
            continue
        findings.append(
            finding_at(
                CODE,
                Severity.ERROR,
                use.meta,
                date=use.date,
                area=use.area or "",
                msgid=msgid,
                entry=use.txn,
                member=use.code,
                day=use.date,
                fund=use.area or "-",
                fund_th=book.register.area_name(use.area) if use.area else "-",
                home=member.area if member else "-",
                home_th=book.register.area_name(member.area) if member else "-",
            )
        )
    return findings
