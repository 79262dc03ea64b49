"""Rule `self-approval`: nobody approves money paid to themselves, their family, or an entry they wrote.

An approver may not be a member the outflow pays, a declared relative of one, the payee written
on the entry, the person who took the cash (`received-by`), or the entry's `recorded-by`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.rules._common import audited_outflows, outflow_finding

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import Outflow

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
MSG_RECEIVER = (
    "{approver} approved the outflow of {amount} on {day} and took the money themselves. Whoever "
    "receives the money may not approve it: have another committee member approve it."
)


def _conflicts(book: Book, outflow: Outflow) -> list[tuple[str, str, str]]:
    """Each approver with a conflict of interest, the message that explains it, and whom it concerns."""
    paid = set(outflow.members)
    if outflow.payee:
        paid.add(outflow.payee)
    receivers = {b.received_by for b in outflow.benefits} - {None}
    found = []
    for approver in outflow.approvers:
        if approver in paid:
            found.append((approver, MSG_OWN, approver))
        else:
            relative = next(
                (m for m in sorted(outflow.members) if book.register.related(approver, m, outflow.date)), None
            )
            if relative is not None:
                found.append((approver, MSG_RELATIVE, relative))
            elif approver in receivers:
                found.append((approver, MSG_RECEIVER, approver))
        if approver == outflow.recorded_by and approver not in paid:
            found.append((approver, MSG_RECORDER, approver))
    return found


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows approved by someone they pay, a relative of them, the receiver or the recorder."""
    return [
        outflow_finding(
            CODE,
            Severity.ERROR,
            outflow,
            msgid=msgid,
            approver=approver,
            amount=outflow.amount,
            day=outflow.date,
            member=member,
            payee=outflow.payee_key or "-",
        )
        for outflow in audited_outflows(book.outflows)
        if outflow.approvers
        for approver, msgid, member in _conflicts(book, outflow)
    ]
