"""Rule `weakened-bylaw`: a bylaw may not weaken the approval of outflows.

Two approvers is the floor of every fund, and large outflows need at least as many approvers
as small ones. A bylaw that sets `approvals-required` below 2, or `approvals-large` below
`approvals-required`, is an error (the `approvals` rule still asks for two either way).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "weakened-bylaw"
MINIMUM = 2

MSG_TOO_FEW = (
    "The bylaw of {fund} from {day} sets approvals-required to {value}; at least {minimum} "
    "committee members must approve every outflow. Amend the bylaw to {minimum} or more."
)
MSG_LARGE_BELOW = (
    "The bylaw of {fund} from {day} sets approvals-large to {large}, below approvals-required "
    "of {value}; outflows from {limit} up would need fewer approvers than small ones. Amend "
    "approvals-large to {value} or more."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Bylaws that lower the approvals below two, or large-amount approvals below the others."""
    findings: list[Finding] = []
    for area, versions in book.register.bylaws.items():
        for bylaw in versions:
            meta = bylaw.meta or {}
            problems = []
            if bylaw.approvals_required < MINIMUM:
                problems.append(MSG_TOO_FEW)
            if "approvals-large" in meta and bylaw.approvals_large < bylaw.approvals_required:
                problems.append(MSG_LARGE_BELOW)
            findings.extend(
                finding_at(
                    CODE,
                    Severity.ERROR,
                    meta,
                    date=bylaw.date,
                    area=area,
                    msgid=msgid,
                    fund=area,
                    fund_th=book.register.area_name(area),
                    day=bylaw.date,
                    value=bylaw.approvals_required,
                    minimum=MINIMUM,
                    large=bylaw.approvals_large,
                    limit=bylaw.large_amount,
                )
                for msgid in problems
            )
    return findings
