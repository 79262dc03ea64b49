"""Rule `approvals`: every outflow needs enough distinct approvers on its area's committee that day.

The bylaw sets how many (`approvals-required`, and `approvals-large` from `large-amount` up);
the plugin config may ask for more, and no bylaw or config brings it below two, because one
person alone signing money out of the fund is exactly what the rule exists to prevent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.book import outflow_finding
from welfare_ledger.plugins.findings import Finding, Severity

if TYPE_CHECKING:
    from decimal import Decimal

    from welfare_ledger.plugins.book import Book, Outflow
    from welfare_ledger.plugins.config import AuditConfig

CODE = "approvals"
MINIMUM = 2

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


def needed_approvals(book: Book, outflow: Outflow, config: AuditConfig) -> tuple[int, Decimal]:
    """How many committee approvers `outflow` needs, and the large amount in force.

    The config may only lower the large amount and raise the count; a bylaw below two
    (reported by `weakened-bylaw`) still needs two.
    """
    bylaw = book.register.bylaw_at(outflow.area, outflow.date)
    needed = max(bylaw.approvals_required, config.approvals_required, MINIMUM)
    large = bylaw.large_amount
    if config.large_amount is not None:
        large = min(large, config.large_amount)
    if outflow.amount >= large:
        needed = max(bylaw.approvals_large, needed)
    return needed, large


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Outflows approved by fewer distinct committee members than the bylaw and config need."""
    register = book.register
    findings = []
    for outflow in book.outflows:
        needed, limit = needed_approvals(book, outflow, config)
        distinct = dict.fromkeys(outflow.approvers)
        members = [c for c in distinct if register.is_committee(c, outflow.area, outflow.date)]
        if len(members) >= needed:
            continue
        findings.append(
            outflow_finding(
                CODE,
                Severity.ERROR,
                outflow,
                msgid=MSG_FEW_LARGE if outflow.amount >= limit else MSG_FEW,
                amount=outflow.amount,
                day=outflow.date,
                fund=outflow.area,
                fund_th=register.area_name(outflow.area),
                payee=outflow.payee_key or "-",
                count=len(members),
                approvers=list(distinct),
                needed=needed,
                limit=limit,
            )
        )
    return findings
