"""The fund's registers (CONVENTIONS section 4), read once per load from the `custom` directives.

Areas, members, committee terms, declared relations, bylaws, benefit rules, grants, grant
reports and seals. Every rule asks this model instead of scanning the entries again, and a
register directive that cannot be read becomes a finding of rule `register` instead of a crash.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.amount import Amount
from beancount.core.data import Custom
from welfare_ledger.plugins.findings import Finding, Severity, finding_at

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from beancount.core.data import Directive, Meta

EXIT_REASONS = frozenset({"deceased", "resigned", "moved", "lapsed"})
COMMITTEE_ROLES = frozenset({"chair", "vice-chair", "treasurer", "secretary", "auditor", "member"})
REGISTER_TYPES = frozenset(
    {
        "area",
        "member",
        "member-exit",
        "committee",
        "committee-exit",
        "related",
        "bylaw",
        "benefit-rule",
        "grant",
        "grant-report",
        "seal",
    }
)


@dataclasses.dataclass(frozen=True, slots=True)
class Area:
    """An area (ตำบล) whose fund keeps its own accounts."""

    code: str
    name_th: str
    declared: datetime.date
    meta: Meta


@dataclasses.dataclass(slots=True)
class Member:
    """A member by code; no names or ID numbers are ever kept."""

    code: str
    area: str
    joined: datetime.date
    meta: Meta
    exit_date: datetime.date | None = None
    exit_reason: str | None = None

    def active_on(self, day: datetime.date) -> bool:
        """Joined on or before `day` and not exited before it (the exit day still counts)."""
        return self.joined <= day and (self.exit_date is None or day <= self.exit_date)

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
        """Whether the member sits on the committee on `day`."""
        return self.start <= day and (self.end is None or day < self.end)


@dataclasses.dataclass(frozen=True, slots=True)
class Bylaw:
    """An area's bylaw; the defaults are those of CONVENTIONS section 4."""

    area: str
    date: datetime.date
    meta: Meta | None = None
    approvals_required: int = 2
    large_amount: Decimal = Decimal(10000)
    approvals_large: int = 3
    cash_limit: Decimal = Decimal(20000)
    admin_cap: Decimal = Decimal(20)
    dues_per_month: Decimal = Decimal(30)
    grace_months: int = 3


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
    """A closed period of an area, sealed with a digest (CONVENTIONS section 7)."""

    area: str
    date: datetime.date
    digest: str
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
    bylaws: dict[str, list[Bylaw]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    benefit_rules: dict[tuple[str, str], list[BenefitRule]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    grants: dict[str, Grant] = dataclasses.field(default_factory=dict)
    grant_reports: dict[str, list[GrantReport]] = dataclasses.field(default_factory=lambda: defaultdict(list))
    seals: list[Seal] = dataclasses.field(default_factory=list)
    findings: list[Finding] = dataclasses.field(default_factory=list)

    def area_name(self, code: str) -> str:
        """The Thai name of an area, or its code."""
        area = self.areas.get(code)
        return area.name_th if area else code

    def members_of(self, area: str) -> list[Member]:
        """The members registered in `area`, in code order."""
        return sorted((m for m in self.members.values() if m.area == area), key=lambda m: m.code)

    def is_committee(self, code: str, area: str, day: datetime.date) -> bool:
        """Whether `code` sits on the committee of `area` on `day`."""
        member = self.members.get(code)
        if member is None or member.area != area:
            return False
        return any(term.covers(day) for term in self.committee.get(code, ()))

    def committee_on(self, area: str, day: datetime.date) -> list[CommitteeTerm]:
        """The committee of `area` on `day`."""
        return [
            term
            for code, terms in self.committee.items()
            if (m := self.members.get(code)) is not None and m.area == area
            for term in terms
            if term.covers(day)
        ]

    def related(self, first: str, second: str, day: datetime.date) -> bool:
        """Whether a family or household tie between the two is declared on or before `day`."""
        since = self.relations.get(first, {}).get(second)
        return since is not None and since <= day

    def bylaw_at(self, area: str, day: datetime.date) -> Bylaw:
        """The bylaw of `area` in force on `day` (the defaults when none was declared yet)."""
        versions = self.bylaws.get(area)
        if versions:
            index = bisect.bisect_right([b.date for b in versions], day)
            if index:
                return versions[index - 1]
        return Bylaw(area=area, date=datetime.date.min)

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
        days = (event - member.joined).days
        reached = [t for t in self.benefit_tiers(area, kind, event) if t.waiting_days <= days]
        return reached[-1] if reached else None

    def latest_seal(self, area: str) -> Seal | None:
        """The newest seal of `area`."""
        seals = [seal for seal in self.seals if seal.area == area]
        return max(seals, key=lambda s: s.date) if seals else None


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, Amount):
        return value.number
    if isinstance(value, (Decimal, int)):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.replace(",", "").split()[0])
        except (ArithmeticError, IndexError):
            return None
    return None


class _Reader:
    """Reads the register directives in date order, collecting problems as findings."""

    def __init__(self) -> None:
        self.register = Register()
        self._exits: list[Custom] = []
        self._committee_exits: list[Custom] = []
        self._open_terms: dict[str, CommitteeTerm] = {}

    def problem(self, entry: Custom, msgid: str, **params: Any) -> None:
        area = next((v.value for v in entry.values[1:2] if isinstance(v.value, str)), "")
        self.register.findings.append(
            finding_at(
                "register",
                Severity.ERROR,
                entry.meta,
                date=entry.date,
                area=str(params.pop("area", area)),
                msgid=msgid,
                entry=entry,
                directive=entry.type,
                **params,
            )
        )

    def strings(self, entry: Custom, count: int) -> list[str] | None:
        values = [v.value for v in entry.values]
        if len(values) < count or not all(isinstance(v, str) for v in values[:count]):
            self.problem(
                entry,
                "The register entry `{directive}` needs {count} text values; fix the directive.",
                count=count,
            )
            return None
        return [str(v) for v in values[:count]]

    def read(self, entry: Custom) -> None:
        handler = getattr(self, "_" + entry.type.replace("-", "_"))
        handler(entry)

    def _area(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        name = str(entry.values[1].value) if len(entry.values) > 1 else values[0]
        if values[0] in self.register.areas:
            self.problem(entry, "Area {code} is declared twice.", code=values[0], area=values[0])
            return
        self.register.areas[values[0]] = Area(values[0], name, entry.date, entry.meta)

    def _member(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, area = values
        if code in self.register.members:
            self.problem(
                entry,
                "Member code {member} is registered twice; a code is unique in the province.",
                member=code,
                area=area,
            )
            return
        if area not in self.register.areas:
            self.problem(
                entry,
                "Member {member} joins area {code}, which is not declared.",
                member=code,
                code=area,
                area=area,
            )
        self.register.members[code] = Member(code, area, entry.date, entry.meta)

    def _member_exit(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, reason = values
        member = self.register.members.get(code)
        if member is None:
            self.problem(entry, "Exit of {member}, who is not in the register.", member=code, area="")
            return
        if reason not in EXIT_REASONS:
            self.problem(
                entry,
                "Exit reason {reason} of {member} is not one of deceased, resigned, moved, lapsed.",
                reason=reason,
                member=code,
                area=member.area,
            )
        member.exit_date = entry.date
        member.exit_reason = reason

    def _committee(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, role = values
        member = self.register.members.get(code)
        if member is None:
            self.problem(entry, "Committee member {member} is not in the register.", member=code, area="")
            return
        if role not in COMMITTEE_ROLES:
            self.problem(
                entry,
                "Committee role {role} of {member} is not known.",
                role=role,
                member=code,
                area=member.area,
            )
        term = CommitteeTerm(code, role, entry.date, None, entry.meta)
        self._close_term(code, entry.date)
        self._open_terms[code] = term

    def _close_term(self, code: str, day: datetime.date) -> None:
        term = self._open_terms.pop(code, None)
        if term is not None:
            self.register.committee[code].append(dataclasses.replace(term, end=day))

    def _committee_exit(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        if values[0] not in self._open_terms:
            member = self.register.members.get(values[0])
            self.problem(
                entry,
                "Committee exit of {member}, who is not on the committee.",
                member=values[0],
                area=member.area if member else "",
            )
            return
        self._close_term(values[0], entry.date)

    def _related(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        first, second = values
        for code in (first, second):
            if code not in self.register.members:
                self.problem(entry, "Related member {member} is not in the register.", member=code, area="")
        self.register.relations[first].setdefault(second, entry.date)
        self.register.relations[second].setdefault(first, entry.date)

    def _bylaw(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        area = values[0]
        fields: dict[str, Any] = {}
        for key, name, kind in (
            ("approvals-required", "approvals_required", int),
            ("large-amount", "large_amount", Decimal),
            ("approvals-large", "approvals_large", int),
            ("cash-limit", "cash_limit", Decimal),
            ("admin-cap", "admin_cap", Decimal),
            ("dues-per-month", "dues_per_month", Decimal),
            ("grace-months", "grace_months", int),
        ):
            if key not in entry.meta:
                continue
            number = _decimal(entry.meta[key])
            if number is None:
                self.problem(
                    entry, "Bylaw value {key} of {code} is not a number.", key=key, code=area, area=area
                )
                continue
            fields[name] = kind(number)
        self.register.bylaws[area].append(Bylaw(area=area, date=entry.date, meta=entry.meta, **fields))

    def _benefit_rule(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        area, kind = values
        fields: dict[str, Any] = {}
        for key, name in (
            ("max-per-claim", "max_per_claim"),
            ("max-per-year", "max_per_year"),
            ("per-night", "per_night"),
            ("waiting-days", "waiting_days"),
        ):
            if key in entry.meta:
                number = _decimal(entry.meta[key])
                if number is None:
                    self.problem(
                        entry,
                        "Benefit rule value {key} of {code} is not a number.",
                        key=key,
                        code=area,
                        area=area,
                    )
                    continue
                fields[name] = int(number) if name == "waiting_days" else number
        self.register.benefit_rules[(area, kind)].append(
            BenefitRule(area=area, type=kind, date=entry.date, meta=entry.meta, **fields)
        )

    def _grant(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, area = values
        amount = _decimal(entry.values[2].value) if len(entry.values) > 2 else None
        if amount is None:
            self.problem(entry, "Grant {grant} has no amount.", grant=code, area=area)
            amount = Decimal(0)
        ends = entry.meta.get("ends")
        self.register.grants[code] = Grant(
            code=code,
            area=area,
            date=entry.date,
            amount=amount,
            meta=entry.meta,
            funder=str(entry.meta.get("funder", "")),
            ends=ends if isinstance(ends, datetime.date) else None,
        )

    def _grant_report(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        document = entry.meta.get("document")
        self.register.grant_reports[values[0]].append(
            GrantReport(values[0], entry.date, entry.meta, str(document) if document else None)
        )

    def _seal(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        self.register.seals.append(Seal(values[0], entry.date, values[1], entry.meta, entry))

    def finish(self) -> Register:
        for code in list(self._open_terms):
            term = self._open_terms.pop(code)
            self.register.committee[code].append(term)
        for versions in self.register.bylaws.values():
            versions.sort(key=lambda b: b.date)
        for tiers in self.register.benefit_rules.values():
            tiers.sort(key=lambda r: (r.date, r.waiting_days))
        return self.register


def register_entries(entries: Iterable[Directive]) -> Sequence[Custom]:
    """The register directives among `entries`, in date order."""
    return [e for e in entries if isinstance(e, Custom) and e.type in REGISTER_TYPES]


def build_register(entries: Iterable[Directive]) -> Register:
    """Read all register directives of a (date-sorted) list of entries."""
    reader = _Reader()
    for entry in register_entries(entries):
        reader.read(entry)
    return reader.finish()
