"""Rule `unknown-member`: every `member:` code is in the register, in the area whose accounts it uses.

Ghost members are the oldest way to take money from a fund: a code nobody registered, or a
member of another area paid out of this area's box, must be visible at once. An advance
account `Assets:A:Advances:<Code>` names the committee member holding the cash: a code nobody
registered there would let the fund's money sit, unapproved, with a ghost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import Kind, classify
from welfare_ledger.plugins.findings import Finding, Severity, entry_finding, finding_at

if TYPE_CHECKING:
    from beancount.core.data import Directive
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

MSG_ADVANCE = (
    "The advance account {account} names {member}, who is not a registered member of {fund}. "
    "Cash is advanced only to a committee member of the area, named by code: "
    "Assets:{fund}:Advances:<Code>."
)


def _advance_findings(book: Book) -> list[Finding]:
    """Advance accounts whose code is no member registered in their area (at their `open`, else first use)."""
    places: dict[str, Directive] = {}
    for entry in book.opens:
        places.setdefault(entry.account, entry)
    for account, txn in book.first_use.items():
        places.setdefault(account, txn)
    findings = []
    for account, entry in sorted(places.items()):
        info = classify(account)
        if info.kind is not Kind.ADVANCE or info.area is None:
            continue
        code = account.rpartition(":")[2]
        member = book.register.members.get(code)
        if member is not None and member.area == info.area:
            continue
        findings.append(
            entry_finding(
                CODE,
                Severity.ERROR,
                entry,
                area=info.area,
                msgid=MSG_ADVANCE,
                account=account,
                member=code,
                fund=info.area,
                fund_th=book.register.area_name(info.area),
            )
        )
    return findings


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Member codes not in the register, or used in another area's accounts or advance accounts."""
    members = book.register.members
    findings = _advance_findings(book)
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
