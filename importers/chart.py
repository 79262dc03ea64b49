"""The closed chart of accounts (docs/data-model.md, section 3), as the importers need it.

An importer writes only accounts the chart allows, so that nothing it produces is a `chart`
error by accident; the one exception is `Unclassified`, which it uses on purpose for money
it cannot place, so that `welfare check` fails until the treasurer places it. An area's
rules file may only name accounts of the chart.
"""

from __future__ import annotations

from welfare_ledger.plugins.accounts import BENEFIT_TYPES

_FIXED = frozenset({
    ("Assets", "Cash"),
    ("Income", "Contributions"),
    ("Income", "Donations"),
    ("Income", "Interest"),
    ("Income", "Grants"),
    ("Income", "EntryFees"),
    ("Income", "Other"),
    ("Equity", "Opening"),
})
_MATCHING = frozenset({"Government", "Local"})
_OPEN_BELOW = frozenset({("Expenses", "Projects"), ("Expenses", "Admin")})


_ONE_BELOW: dict[tuple[str, str], frozenset[str] | None] = {
    ("Income", "Matching"): _MATCHING,
    ("Expenses", "Benefits"): frozenset(BENEFIT_TYPES),
    ("Assets", "Bank"): None,
    ("Assets", "Advances"): None,
}


def in_chart(account: str, area: str) -> bool:
    """Whether `account` is one of the chart's accounts of `area`."""
    parts = account.split(":")
    if len(parts) < 3 or parts[1] != area:
        return False
    head, rest = (parts[0], parts[2]), parts[3:]
    if head in _FIXED:
        return not rest
    if head in _OPEN_BELOW:
        return True
    if head in _ONE_BELOW:
        allowed = _ONE_BELOW[head]
        return len(rest) == 1 and (allowed is None or rest[0] in allowed)
    return False


def unclassified(area: str, number: object) -> str:
    """Where money the importer cannot place goes: outside the chart, so that `chart` flags it."""
    root = "Income" if number > 0 else "Expenses"  # type: ignore[operator]
    return f"{root}:{area}:Unclassified"
