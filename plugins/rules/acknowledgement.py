"""Rule `acknowledgement`: cash benefits are signed for by the member or their nominated beneficiary.

A funeral family handed an empty envelope leaves no trace unless the books say who took the cash
(`received-by`) and the signed receipt (ใบสำคัญรับเงิน) is the entry's `document`. A benefit paid
out of the cash box needs `received-by` naming the member or a beneficiary they nominated; any
benefit with `paid-to` must name such a beneficiary.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.rules._common import benefit_finding, payments

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "acknowledgement"

MSG_NO_RECEIVER = (
    "The {kind} benefit of {amount} to {member} was paid in cash on {day} with no `received-by`. "
    "Write who took the money and attach the receipt they signed as the `document`."
)
MSG_STRANGER = (
    "The {kind} benefit of {amount} to {member} on {day} was taken by {receiver}, who is neither the "
    "member nor a beneficiary they nominated. Pay the member or their nominee and record who signed."
)
MSG_NOT_NOMINEE = (
    "The {kind} benefit of {amount} to {member} on {day} is paid to {receiver}, who is not a "
    "beneficiary the member nominated (`beneficiary` register). Record the nomination, or pay the member."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Cash benefits with no or a wrong receiver, and benefits paid to someone not nominated."""
    register = book.register
    cash_txns = {(id(o.txn), o.area) for o in book.outflows if o.cash}
    findings = []
    for benefit in payments(book.benefits):
        nominees = {b.code for b in register.nominees(benefit.member, benefit.date)}
        allowed = {benefit.member, *nominees}
        if benefit.paid_to is not None and benefit.paid_to not in nominees:
            findings.append(
                benefit_finding(
                    CODE, benefit, msgid=MSG_NOT_NOMINEE, day=benefit.date, receiver=benefit.paid_to
                )
            )
        if (id(benefit.txn), benefit.area) not in cash_txns:
            continue
        receiver = benefit.received_by
        if receiver is None:
            findings.append(benefit_finding(CODE, benefit, msgid=MSG_NO_RECEIVER, day=benefit.date))
        elif receiver not in allowed:
            findings.append(
                benefit_finding(CODE, benefit, msgid=MSG_STRANGER, day=benefit.date, receiver=receiver)
            )
    return findings
