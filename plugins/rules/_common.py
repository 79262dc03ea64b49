"""What the rules share: findings located at an outflow or a benefit, and the area's Thai name.

The module name starts with `_`, so the rule loader does not take it for a rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from welfare_ledger.plugins.facts import Benefit, Outflow


def outflow_finding(rule: str, severity: Severity, outflow: Outflow, *, msgid: str, **params: Any) -> Finding:
    """A finding about an outflow, pointing at its entry and dated the day the money left."""
    return finding_at(
        rule,
        severity,
        outflow.meta,
        date=outflow.date,
        area=outflow.area,
        msgid=msgid,
        entry=outflow.txn,
        **params,
    )


def benefit_finding(
    rule: str, benefit: Benefit, *, msgid: str, severity: Severity = Severity.ERROR, **params: Any
) -> Finding:
    """A finding about a benefit, naming its type (in Thai too), amount, member and event day."""
    kind = benefit.type or "-"
    params.setdefault("amount", benefit.amount)
    return finding_at(
        rule,
        severity,
        benefit.meta,
        date=benefit.date,
        area=benefit.area,
        msgid=msgid,
        entry=benefit.txn,
        kind=kind,
        kind_th=BENEFIT_TYPES.get(kind, kind),
        member=benefit.member,
        event=benefit.event_date,
        **params,
    )


def audited_outflows(outflows: list[Outflow]) -> list[Outflow]:
    """The outflows whose approvals, papers and payee the rules judge.

    Beancount's own padding transactions are left out: the `pad` that made them is reported
    by rule `chart`, once, where it is written.
    """
    return [outflow for outflow in outflows if not outflow.padding]


def payments(benefits: list[Benefit]) -> list[Benefit]:
    """Benefits paid out (not paid back) and booked to a benefit type: what the benefit rules judge."""
    return [b for b in benefits if b.type is not None and b.amount > 0]
