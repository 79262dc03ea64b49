"""Rule `grant-unreported`: a grant's report is due within 60 days after the grant ends.

Funders and members learn what a grant bought only from its report; a missing report is where
unspent or misspent grant money stays hidden. The report is a `grant-report` entry dated from
the grant's `ends` to `ends` + `report-days` (60 by default; the plugin config may shorten it).
A grant is reported only once the book has entries after that deadline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.values import add_days

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig

CODE = "grant-unreported"
MISSING = (
    "Grant {grant} ended on {end} and its report was due by {due}, but no `grant-report` is dated "
    "from {end} to {due}. File the report with the spending and its documents, and record it."
)
LATE = (
    "Grant {grant} ended on {end} and its report was due by {due}, but the first report after "
    "the end is dated {filed}. Explain the delay to the funder and the members."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One warning per ended grant without a report in time."""
    last_date = book.last_date
    if last_date is None:
        return []
    findings = []
    for code, grant in sorted(book.register.grants.items()):
        if grant.ends is None:
            continue
        due = add_days(grant.ends, book.policy(grant.area, grant.ends).report_days)
        if last_date <= due:
            continue
        reports = sorted(r.date for r in book.register.grant_reports.get(code, ()) if r.date >= grant.ends)
        if reports and reports[0] <= due:
            continue
        params: dict[str, object] = {"grant": code, "end": grant.ends, "due": due}
        if reports:
            params["filed"] = reports[0]
        findings.append(
            finding_at(
                CODE,
                Severity.WARNING,
                grant.meta,
                date=due,
                area=grant.area,
                msgid=LATE if reports else MISSING,
                **params,
            )
        )
    return findings
