"""Rule `approvals`: every outflow needs enough distinct approvers on its area's committee that day.

The policy in force sets how many (`approvals-required`, and `approvals-large` from
`large-amount` up, tightened by the plugin config); no bylaw brings it below two, because one
person alone signing money out of the fund is exactly what the rule exists to prevent. A
committee member who has left the fund (died, resigned, moved) by that day does not count.
Every posting to an area's expenses needs approval too, even when the money came from elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.rules._common import audited_outflows, outflow_finding

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "approvals"

MSG_FEW = (
    "Outflow of {amount} on {day} to {payee} was approved by {approvers}, of whom {count} sat on "
    "the committee of {fund} that day; it needs {needed}. Have {needed} committee members "
    "approve it and write their codes in `approved-by`."
)
MSG_FEW_LARGE = (
    "Outflow of {amount} on {day} to {payee}, at or above the large amount of {limit}, was "
    "approved by {approvers}, of whom {count} sat on the committee of {fund} that day; it needs "
    "{needed}. Have {needed} committee members approve it and write their codes in `approved-by`."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows approved by fewer distinct committee members than the policy needs."""
    register = book.register
    findings = []
    for outflow in audited_outflows(book.outflows):
        policy = book.policy(outflow.area, outflow.date)
        needed = policy.approvals_for(outflow.amount)
        members = [c for c in outflow.approvers if register.is_committee(c, outflow.area, outflow.date)]
        if len(members) >= needed:
            continue
        findings.append(
            outflow_finding(
                CODE,
                Severity.ERROR,
                outflow,
                msgid=MSG_FEW_LARGE if outflow.amount >= policy.large_amount else MSG_FEW,
                amount=outflow.amount,
                day=outflow.date,
                fund=outflow.area,
                fund_th=register.area_name(outflow.area),
                payee=outflow.payee_key or "-",
                count=len(members),
                approvers=list(outflow.approvers),
                needed=needed,
                limit=policy.large_amount,
            )
        )
    return findings
