"""Rule `grant-unknown`: every grant posting names a grant declared for its area.

Project spending that names no grant, or a grant nobody declared, cannot be checked against
what the funder gave and for when; it is how grant money ends up spent on something else.
Postings to `Income:A:Grants` and `Expenses:A:Projects[:...]` carry `grant:` on the posting or
on the transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.facts import GrantPosting

CODE = "grant-unknown"
NO_CODE_SPENT = (
    "Project spending of {amount} on {account} names no grant. Add `grant:` with the code of "
    "the grant that pays for it."
)
NO_CODE_RECEIVED = (
    "Grant money of {amount} received on {account} names no grant. Add `grant:` with the code of "
    "the declared grant."
)
UNDECLARED = (
    "Grant {grant} on {account} ({amount}) is not declared. Declare it with a `grant` register "
    "entry (amount, funder, ends) or correct the code."
)
OTHER_AREA = (
    "Grant {grant} belongs to area {grant_area}, but {amount} of it is posted on {account}. Post "
    "it in the grant's own area or correct the code."
)


def _finding(posting: GrantPosting, msgid: str, **params: object) -> Finding:
    meta = posting.code_meta if posting.code is not None else posting.meta
    return finding_at(
        CODE,
        Severity.ERROR,
        meta,
        date=posting.date,
        area=posting.area,
        msgid=msgid,
        entry=posting.txn,
        account=posting.posting.account,
        amount=posting.amount,
        **params,
    )


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """One error per grant posting without a declared grant of its area."""
    grants = book.register.grants
    findings = []
    for posting in book.grant_postings:
        if posting.code is None:
            msgid = NO_CODE_RECEIVED if posting.received else NO_CODE_SPENT
            findings.append(_finding(posting, msgid))
            continue
        grant = grants.get(posting.code)
        if grant is None:
            findings.append(_finding(posting, UNDECLARED, grant=posting.code))
        elif grant.area != posting.area:
            findings.append(_finding(posting, OTHER_AREA, grant=posting.code, grant_area=grant.area))
    return findings
