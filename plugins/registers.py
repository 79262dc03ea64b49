"""The fund's registers as the rules ask them: members, committee, ties, bylaws, benefit rules, grants.

The model of docs/data-model.md, section "Registers", filled by `plugins.register_reader` from
the `custom` directives. Only values that could be read are kept; what could not be read was
reported there as a `register` finding, so nothing here needs to guard against bad types.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.values import add_days

if TYPE_CHECKING:
    from beancount.core.data import Custom, Meta
    from welfare_ledger.plugins.findings import Finding

EXIT_REASONS = ("deceased", "resigned", "moved", "lapsed")
COMMITTEE_ROLES = ("chair", "vice-chair", "treasurer", "secretary", "auditor", "member")
GENDERS = ("F", "M", "X")
CATEGORIES = ("general", "child", "elderly", "disadvantaged", "disabled")


@dataclasses.dataclass(frozen=True, slots=True)
class Area:
    """An area (ตำบล) whose fund keeps its own accounts."""

    code: str
    name_th: str
    declared: datetime.date
    meta: Meta
    villages: int | None = None
    """How many villages (หมู่บ้าน) the tambon has (`villages:` on the declaration), for CODI's forms."""


@dataclasses.dataclass(frozen=True, slots=True)
class Birth:
    """When a member was born: a full date, or only the year (then the age is known to a year)."""

    year: int
    day: datetime.date | None

    def age_range(self, on: datetime.date) -> tuple[int, int]:
        """The youngest and oldest the member can be on `on` (equal when the date is known)."""
        if self.day is not None:
            age = on.year - self.day.year - ((on.month, on.day) < (self.day.month, self.day.day))
            return age, age
        return on.year - self.year - 1, on.year - self.year


@dataclasses.dataclass(slots=True)
class Member:
    """A member by code; names and ID numbers are never kept."""

    code: str
    area: str
    joined: datetime.date
    meta: Meta
    exit_date: datetime.date | None = None
    exit_reason: str | None = None
    born: Birth | None = None
    gender: str | None = None
    village: int | None = None
    category: str | None = None

    def active_on(self, day: datetime.date) -> bool:
        """Joined on or before `day` and not exited before it (the exit day still counts)."""
        return self.joined <= day and (self.exit_date is None or day <= self.exit_date)

    def in_office_on(self, day: datetime.date) -> bool:
        """A member who may still sign for the fund on `day`: joined, and not exited by then."""
        return self.joined <= day and (self.exit_date is None or day < self.exit_date)

    def months_of_membership(self, day: datetime.date) -> int:
        """Whole months from joining to `day`."""
        months = (day.year - self.joined.year) * 12 + day.month - self.joined.month
        if day.day < self.joined.day:
            months -= 1
        return max(months, 0)


@dataclasses.dataclass(frozen=True, slots=True)
class CommitteeTerm:
    """A term on the committee: from `start` until the day before `end`."""

    member: str
    role: str
    start: datetime.date
    end: datetime.date | None
    meta: Meta

    def covers(self, day: datetime.date) -> bool:
        """Whether the term runs on `day`."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclasses.dataclass(frozen=True, slots=True)
class BylawVersion:
    """A `bylaw` directive: the keys it sets (each already read as a number), and where it is."""

    area: str
    date: datetime.date
    values: dict[str, Any]
    meta: Meta
    entry: Custom
    meeting: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class BenefitRule:
    """One tier of a benefit type's rule in an area."""

    area: str
    type: str
    date: datetime.date
    meta: Meta
    waiting_days: int = 0
    max_per_claim: Decimal | None = None
    max_per_year: Decimal | None = None
    per_night: Decimal | None = None
    amount: Decimal | None = None
    min_age: int | None = None
    max_age: int | None = None
    every_month: bool = False
    meeting: str | None = None
    entry: Custom | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class Grant:
    """A project grant: its amount, funder and period."""

    code: str
    area: str
    date: datetime.date
    amount: Decimal
    meta: Meta
    funder: str = ""
    ends: datetime.date | None = None


@dataclasses.dataclass(frozen=True, slots=True)
class GrantReport:
    """The report filed for a grant."""

    code: str
    date: datetime.date
    meta: Meta
    document: str | None


@dataclasses.dataclass(frozen=True, slots=True)
class Seal:
    """A closed period of an area, sealed with a digest (docs/seals.md)."""

    area: str
    date: datetime.date
    digest: str
    meta: Meta
    entry: Custom


@dataclasses.dataclass(frozen=True, slots=True)
class Beneficiary:
    """A nominee of a member (not a member), by code, who may receive a benefit in their stead."""

    member: str
    code: str
    tie: str
    date: datetime.date
    meta: Meta


@dataclasses.dataclass(frozen=True, slots=True)
class StandingPayment:
    """A benefit paid every month to a member from `start` (until `ends`)."""

    member: str
    type: str
    amount: Decimal
    start: datetime.date
    ends: datetime.date | None
    meta: Meta
    entry: Custom

    def covers(self, day: datetime.date) -> bool:
        """Whether a payment of `day`'s month is due under this standing order."""
        return (self.start.year, self.start.month) <= (day.year, day.month) and (
            self.ends is None or day <= self.ends
        )


@dataclasses.dataclass(frozen=True, slots=True)
class Claim:
    """A claim the committee approved on `date`, to be paid within the bylaw's `pay-within-days`."""

    code: str
    member: str
    type: str
    date: datetime.date
    meta: Meta
    entry: Custom


@dataclasses.dataclass(frozen=True, slots=True)
class CashCount:
    """A witnessed count of an area's cash box at the end of `date`."""

    area: str
    date: datetime.date
    amount: Decimal
    counted_by: tuple[str, ...]
    meta: Meta
    entry: Custom


@dataclasses.dataclass
class Register:
    """Everything the registers say, indexed for the rules."""

    areas: dict[str, Area] = dataclasses.field(default_factory=dict)
    members: dict[str, Member] = dataclasses.field(default_factory=dict)
    committee: dict[str, list[CommitteeTerm]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    relations: dict[str, dict[str, datetime.date]] = dataclasses.field(
        default_factory=lambda: defaultdict(dict)
    )
    bylaws: dict[str, list[BylawVersion]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    benefit_rules: dict[tuple[str, str], list[BenefitRule]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    grants: dict[str, Grant] = dataclasses.field(default_factory=dict)
    grant_reports: dict[str, list[GrantReport]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    seals: list[Seal] = dataclasses.field(default_factory=list)
    beneficiaries: dict[str, list[Beneficiary]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    """Nominees by member code."""
    standing_payments: dict[str, list[StandingPayment]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    claims: dict[str, Claim] = dataclasses.field(default_factory=dict)
    cash_counts: dict[str, list[CashCount]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    findings: list[Finding] = dataclasses.field(default_factory=list)
    bylaw_problems: list[tuple[Custom, str, str, dict[str, Any]]] = dataclasses.field(default_factory=list)
    """Bylaw and benefit-rule values that could not be used: (entry, key, reason msgid, params).

    They weaken the rules the members adopted, so rule `weakened-bylaw` reports them."""

    def area_name(self, code: str) -> str:
        """The Thai name of an area, or its code."""
        area = self.areas.get(code)
        return area.name_th if area else code

    def members_of(self, area: str) -> list[Member]:
        """The members registered in `area`, in code order."""
        return sorted((m for m in self.members.values() if m.area == area), key=lambda m: m.code)

    def is_committee(self, code: str, area: str, day: datetime.date) -> bool:
        """Whether `code` sits on the committee of `area` on `day` and has not left the fund."""
        member = self.members.get(code)
        if member is None or member.area != area or not member.in_office_on(day):
            return False
        return any(term.covers(day) for term in self.committee.get(code, ()))

    def committee_on(self, area: str, day: datetime.date) -> list[CommitteeTerm]:
        """The committee of `area` on `day` (members who left the fund excluded)."""
        return [
            term
            for code, terms in self.committee.items()
            if (m := self.members.get(code)) is not None and m.area == area and m.in_office_on(day)
            for term in terms
            if term.covers(day)
        ]

    def related(self, first: str, second: str, day: datetime.date) -> bool:
        """Whether a family or household tie between the two is declared on or before `day`."""
        since = self.relations.get(first, {}).get(second)
        return since is not None and since <= day

    def nominees(self, member: str, day: datetime.date) -> list[Beneficiary]:
        """The beneficiaries `member` had nominated by `day`."""
        return [b for b in self.beneficiaries.get(member, ()) if b.date <= day]

    def benefit_tiers(self, area: str, kind: str, day: datetime.date) -> list[BenefitRule]:
        """The tiers of a benefit type in force on `day`: all rules of the latest date on or before it.

        A newer rule replaces the older ones from its date; rules declared on the same day are
        tiers of one scheme, sorted by `waiting_days`.
        """
        rules = self.benefit_rules.get((area, kind))
        if not rules:
            return []
        dates = [rule.date for rule in rules]
        index = bisect.bisect_right(dates, day)
        if not index:
            return []
        in_force = dates[index - 1]
        start = bisect.bisect_left(dates, in_force)
        return sorted(rules[start:index], key=lambda rule: rule.waiting_days)

    def tier_for(self, area: str, kind: str, member: Member, event: datetime.date) -> BenefitRule | None:
        """The tier that sets the caps: the largest `waiting_days` the member has reached."""
        reached = [
            tier
            for tier in self.benefit_tiers(area, kind, event)
            if add_days(member.joined, tier.waiting_days) <= event
        ]
        return reached[-1] if reached else None

    def latest_seal(self, area: str) -> Seal | None:
        """The newest seal of `area`."""
        seals = [seal for seal in self.seals if seal.area == area]
        return max(seals, key=lambda s: s.date) if seals else None

    def standing_for(self, member: str, kind: str, day: datetime.date) -> StandingPayment | None:
        """The standing payment of `kind` to `member` that covers `day`'s month, if any."""
        for order in self.standing_payments.get(member, ()):
            if order.type == kind and order.covers(day):
                return order
        return None
