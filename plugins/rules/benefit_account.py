"""Rule `benefit-account`: money paid to a member is booked to `Expenses:A:Benefits:<Type>`.

A benefit booked to running costs, a project, Equity or another area escapes every benefit
rule (waiting period, caps, dues): wherever an outflow names the member it pays, the money
must sit on a benefit account of that area. A benefit "paid back" with no money coming back
into the fund (credited against income or another expense) moves it off the benefit account
just the same.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.rules._common import benefit_finding

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding

CODE = "benefit-account"

MSG_ACCOUNT = (
    "{amount} paid on {day} to member {member} is booked to {account}, not to a benefit account. "
    "Book money paid to a member to Expenses:{fund}:Benefits:<Type> so the benefit rules apply, "
    "or remove the member code if the member was not paid."
)

MSG_UNRETURNED = (
    "{amount} of the benefits of member {member} is credited back on {day} to {account}, but no "
    "money came back to the fund: the benefit would vanish from the benefit figures and the "
    "year's cap. Book a benefit paid back against the bank or the cash box that received it."
)


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Payments to members booked outside the area's benefit accounts."""
    findings = [
        benefit_finding(
            CODE,
            benefit,
            msgid=MSG_ACCOUNT,
            day=benefit.date,
            account=benefit.account or "-",
            fund=benefit.area,
        )
        for benefit in book.benefits
        if benefit.type is None and benefit.amount > 0
    ]
    findings.extend(
        benefit_finding(CODE, benefit, msgid=MSG_UNRETURNED, day=benefit.date, account=benefit.account)
        for benefit in book.unreturned
    )
    return findings
