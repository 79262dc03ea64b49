"""Rule `self-approval`: nobody approves money paid to themselves, their family, or that they wrote down.

An approver who is the paid member, a declared relative of the paid member (`related`), or
the entry's `recorded-by` is not an independent check, so the approval is void whatever the
count of other approvers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.book import outflow_finding
from welfare_ledger.plugins.findings import Finding, Severity

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book, Outflow
    from welfare_ledger.plugins.config import AuditConfig

CODE = "self-approval"

MSG_OWN = (
    "{approver} approved the outflow of {amount} on {day} paid to themselves. A member may not "
    "approve their own claim: have two other committee members approve it."
)
MSG_RELATIVE = (
    "{approver} approved the outflow of {amount} on {day} paid to {member}, a declared relative. "
    "Relatives may not approve each other's claims: have another committee member approve it."
)
MSG_RECORDER = (
    "{approver} both recorded and approved the outflow of {amount} on {day} to {payee}. The "
    "person who writes an entry may not approve it: have another committee member approve it."
)


def _conflicts(book: Book, outflow: Outflow) -> list[tuple[str, str]]:
    """Each approver with a conflict of interest and the message that explains it."""
    found = []
    member = outflow.member
    for approver in dict.fromkeys(outflow.approvers):
        if member is not None and approver == member:
            found.append((approver, MSG_OWN))
        elif member is not None and book.register.related(approver, member, outflow.date):
            found.append((approver, MSG_RELATIVE))
        if approver == outflow.recorded_by and approver != member:
            found.append((approver, MSG_RECORDER))
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows approved by the payee, a relative of the payee, or the entry's recorder."""
    return [
        outflow_finding(
            CODE,
            Severity.ERROR,
            outflow,
            msgid=msgid,
            approver=approver,
            amount=outflow.amount,
            day=outflow.date,
            member=outflow.member or "-",
            payee=outflow.payee_key or "-",
        )
        for outflow in book.outflows
        if outflow.approvers
        for approver, msgid in _conflicts(book, outflow)
    ]
