"""`policy(area, day)`: the one answer to "which limits apply here and now", for every rule and page.

It merges the area's bylaw in force that day with the plugin config (which may only tighten)
and the floors no bylaw can go below (two approvers). Each bylaw version is made effective once:
a key it does not set falls back to the conventions' default, as "a newer bylaw replaces the
older one" says; a key whose value cannot be used (text, zero, negative, absurd) keeps the value
in force before, so writing garbage never loosens a rule. Loosening that is allowed but not
backed by a members' meeting is kept for rule `weakened-bylaw`.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.config import DEFAULT as DEFAULT_CONFIG

if TYPE_CHECKING:
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import BylawVersion, Register

MIN_APPROVALS = 2
HUNDRED = Decimal(100)


@dataclasses.dataclass(frozen=True, slots=True)
class Policy:
    """The limits in force for an area on a day (the data model's defaults when no bylaw says otherwise)."""

    approvals_required: int = 2
    large_amount: Decimal = Decimal(10000)
    approvals_large: int = 3
    cash_limit: Decimal = Decimal(20000)
    admin_cap: Decimal = Decimal(20)
    dues_per_month: Decimal = Decimal(30)
    grace_months: int = 3
    fiscal_year_start: int = 1
    pay_within_days: int = 30
    cash_count_months: int = 3
    claim_within_days: int = 365
    entry_fee: Decimal = Decimal(0)
    split_days: int = 7
    duplicate_days: int = 30
    report_days: int = 60

    def approvals_for(self, amount: Decimal) -> int:
        """How many committee approvers an outflow of `amount` needs."""
        return (
            max(self.approvals_large, self.approvals_required)
            if amount >= self.large_amount
            else (self.approvals_required)
        )

    def fiscal_year_of(self, day: datetime.date) -> int:
        """The fiscal year `day` falls in, named by the year it ends in (Thai usage)."""
        if self.fiscal_year_start == 1 or day.month < self.fiscal_year_start:
            return day.year
        return day.year + 1

    def fiscal_year_span(self, year: int) -> tuple[datetime.date, datetime.date]:
        """First and last day of fiscal year `year`."""
        if self.fiscal_year_start == 1:
            return datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        first = datetime.date(year - 1, self.fiscal_year_start, 1)
        last = datetime.date(year, self.fiscal_year_start, 1) - datetime.timedelta(days=1)
        return first, last


DEFAULT_POLICY = Policy()

BYLAW_FIELDS: dict[str, str] = {
    "approvals-required": "approvals_required",
    "large-amount": "large_amount",
    "approvals-large": "approvals_large",
    "cash-limit": "cash_limit",
    "admin-cap": "admin_cap",
    "dues-per-month": "dues_per_month",
    "grace-months": "grace_months",
    "fiscal-year-start": "fiscal_year_start",
    "pay-within-days": "pay_within_days",
    "cash-count-months": "cash_count_months",
    "claim-within-days": "claim_within_days",
    "entry-fee": "entry_fee",
}
LOOSER_WHEN_LARGER = frozenset(
    {
        "large-amount",
        "cash-limit",
        "admin-cap",
        "grace-months",
        "pay-within-days",
        "cash-count-months",
        "claim-within-days",
    }
)
LOOSER_WHEN_SMALLER = frozenset({"approvals-required", "approvals-large", "dues-per-month", "entry-fee"})

UNUSABLE_ZERO = "is zero or negative"
UNUSABLE_FLOOR = "is below the floor of {floor}"
UNUSABLE_OVER_100 = "is over 100 percent"
UNUSABLE_ABOVE_FUND = "is above all the money the fund ever held ({held})"
UNUSABLE_MONTH = "is not a month (1 to 12)"
UNUSABLE_BELOW_REQUIRED = "is below approvals-required ({required})"


@dataclasses.dataclass(frozen=True, slots=True)
class Unusable:
    """A bylaw value that did not take effect, and why (a msgid with parameters)."""

    version: BylawVersion
    key: str
    value: Any
    reason: str
    params: dict[str, Any]


@dataclasses.dataclass(frozen=True, slots=True)
class Loosening:
    """A bylaw value that took effect although it loosens what was in force before."""

    version: BylawVersion
    key: str
    before: Any
    after: Any


@dataclasses.dataclass
class EffectiveBylaws:
    """Each area's bylaw versions made effective, in date order, with what was refused or loosened."""

    versions: dict[str, list[tuple[datetime.date, Policy]]] = dataclasses.field(default_factory=dict)
    unusable: list[Unusable] = dataclasses.field(default_factory=list)
    loosenings: list[Loosening] = dataclasses.field(default_factory=list)


def _unusable(  # noqa: PLR0911  (one return per way a value fails)
    key: str, value: Any, before: Policy, most_held: Decimal
) -> tuple[str, dict[str, Any]] | None:
    """Why `value` for `key` cannot take effect, or None when it can."""
    if key in ("approvals-required", "approvals-large"):
        if value < MIN_APPROVALS:
            return UNUSABLE_FLOOR, {"floor": MIN_APPROVALS}
        return None
    if key == "fiscal-year-start":
        return None if 1 <= value <= 12 else (UNUSABLE_MONTH, {})
    if key in ("grace-months", "entry-fee"):
        return None if value >= 0 else (UNUSABLE_ZERO, {})
    if value <= 0:
        return UNUSABLE_ZERO, {}
    if key == "admin-cap" and value > HUNDRED:
        return UNUSABLE_OVER_100, {}
    if key in ("large-amount", "cash-limit"):
        default = getattr(DEFAULT_POLICY, BYLAW_FIELDS[key])
        if value > max(most_held, default, getattr(before, BYLAW_FIELDS[key])):
            return UNUSABLE_ABOVE_FUND, {"held": most_held}
    return None


def _is_looser(key: str, before: Any, after: Any) -> bool:
    if key in LOOSER_WHEN_LARGER:
        return bool(after > before)
    if key in LOOSER_WHEN_SMALLER:
        return bool(after < before)
    return False


def effective_bylaws(register: Register, most_held: dict[str, Decimal]) -> EffectiveBylaws:
    """Make every bylaw version effective, in date order per area.

    Args:
        register: The registers, with each version's readable values.
        most_held: The most fund money each area ever held, the yardstick of an absurd amount.

    """
    result = EffectiveBylaws()
    for area, versions in register.bylaws.items():
        before = DEFAULT_POLICY
        timeline: list[tuple[datetime.date, Policy]] = []
        for version in versions:
            fields: dict[str, Any] = {}
            for key, field in BYLAW_FIELDS.items():
                if key not in version.values:
                    fields[field] = getattr(DEFAULT_POLICY, field)
                    continue
                value = version.values[key]
                problem = _unusable(key, value, before, most_held.get(area, Decimal(0)))
                if problem is not None:
                    result.unusable.append(Unusable(version, key, value, problem[0], problem[1]))
                    fields[field] = getattr(before, field)
                    continue
                fields[field] = int(value) if isinstance(getattr(DEFAULT_POLICY, field), int) else value
            if (
                fields["approvals_large"] < fields["approvals_required"]
                and "approvals-large" in version.values
            ):
                result.unusable.append(
                    Unusable(
                        version,
                        "approvals-large",
                        fields["approvals_large"],
                        UNUSABLE_BELOW_REQUIRED,
                        {"required": fields["approvals_required"]},
                    )
                )
                fields["approvals_large"] = max(before.approvals_large, fields["approvals_required"])
            policy = dataclasses.replace(DEFAULT_POLICY, **fields)
            for key, field in BYLAW_FIELDS.items():
                if version.meeting is None and _is_looser(
                    key, getattr(before, field), getattr(policy, field)
                ):
                    result.loosenings.append(
                        Loosening(version, key, getattr(before, field), getattr(policy, field))
                    )
            timeline.append((version.date, policy))
            before = policy
        result.versions[area] = timeline
    return result


def tighten(policy: Policy, config: AuditConfig) -> Policy:
    """The policy with the plugin config's tightenings applied and the floors enforced."""
    if config == DEFAULT_CONFIG and policy.approvals_required >= MIN_APPROVALS:
        return policy
    large = (
        policy.large_amount if config.large_amount is None else min(policy.large_amount, config.large_amount)
    )
    return dataclasses.replace(
        policy,
        approvals_required=max(policy.approvals_required, config.approvals_required, MIN_APPROVALS),
        approvals_large=max(policy.approvals_large, config.approvals_required, MIN_APPROVALS),
        large_amount=large,
        split_days=max(policy.split_days, config.split_days),
        duplicate_days=max(policy.duplicate_days, config.duplicate_days),
        report_days=min(policy.report_days, config.report_days),
    )


class Policies:
    """`policy(area, day)` over the effective bylaws, tightened by the config, computed once per version."""

    def __init__(self, bylaws: EffectiveBylaws, config: AuditConfig) -> None:
        self._dates: dict[str, list[datetime.date]] = {}
        self._policies: dict[str, list[Policy]] = {}
        for area, timeline in bylaws.versions.items():
            self._dates[area] = [day for day, _ in timeline]
            self._policies[area] = [tighten(policy, config) for _, policy in timeline]
        self._default = tighten(DEFAULT_POLICY, config)

    def __call__(self, area: str, day: datetime.date) -> Policy:
        """The policy of `area` in force on `day`."""
        dates = self._dates.get(area)
        if dates:
            index = bisect.bisect_right(dates, day)
            if index:
                return self._policies[area][index - 1]
        return self._default
