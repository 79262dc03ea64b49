"""Reading the register directives (`custom "member"`, `"bylaw"`, ...) into `plugins.registers`.

Every value is read with `plugins.values`: one that cannot be read becomes a finding of rule
`register` on its line and is skipped, and every other rule still runs. A bylaw or benefit-rule
value that can be read as written but not used (text where a number belongs) is kept for rule
`weakened-bylaw`, which says what it weakens. Nothing here raises on any value Beancount parses.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.data import Custom
from welfare_ledger.plugins.findings import Severity, finding_at
from welfare_ledger.plugins.i18n import Msg
from welfare_ledger.plugins.registers import (
    CATEGORIES,
    COMMITTEE_ROLES,
    EXIT_REASONS,
    GENDERS,
    Area,
    Beneficiary,
    BenefitRule,
    Birth,
    BylawVersion,
    CashCount,
    Claim,
    CommitteeTerm,
    Grant,
    GrantReport,
    Member,
    Register,
    Seal,
    StandingPayment,
)
from welfare_ledger.plugins.values import (
    OUT_OF_RANGE,
    Bad,
    code_text,
    read_amount,
    read_date,
    read_decimal,
    read_int,
    split_codes,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from beancount.core.data import Directive

RULE = "register"
ZERO = Decimal(0)
CENT = Decimal("0.01")
LONGEST_DAYS = 36500
"""A hundred years: no waiting period or deadline is longer; a larger count is a typo."""

MSG_VALUES = "The register entry `{directive}` needs {count} text values; fix the directive."
MSG_BAD_VALUE = "The value {key} of the `{directive}` entry {reason}; it is not used. Correct it."
MSG_AREA_TWICE = "Area {code} is declared twice."
_CODE_CHAR = "A-Za-z0-9\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59"
CODE_LETTERS = re.compile(f"[{_CODE_CHAR}][{_CODE_CHAR}._-]*")
"""What a member code may be written with: Latin and Thai letters and digits, `-`, `_`, `.`."""
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def code_skeleton(code: str) -> str:
    """What a reader sees of a code: full-width forms folded (NFKC), case and Thai digits ignored."""
    return unicodedata.normalize("NFKC", code).casefold().translate(_THAI_DIGITS)


MSG_MEMBER_TWICE = "Member code {member} is registered twice; a code is unique in the province."
MSG_CODE_LETTERS = (
    "Member code {member} holds a character other than Latin or Thai letters, digits, '-', '_' or "
    "'.' (a letter of another alphabet that looks Latin, an invisible character or a space). Every "
    "reader must see one code as one member: write it in plain letters and digits."
)
MSG_CODE_LOOKS_LIKE = (
    "Member code {member} reads the same as member {other}'s code but for upper and lower case, "
    "Thai or full-width digits. Two members a reader cannot tell apart can hide a ghost: give one "
    "of them another code."
)
MSG_UNDECLARED_AREA = "Member {member} joins area {code}, which is not declared."
MSG_EXIT_UNKNOWN = "Exit of {member}, who is not in the register."
MSG_EXIT_TWICE = "{member} already left the fund on {day}; a second exit is not used."
MSG_EXIT_REASON = "Exit reason {reason} of {member} is not one of deceased, resigned, moved, lapsed."
MSG_EXIT_BEFORE_JOINING = "{member} leaves on {day}, before joining on {joined}; the exit is not used."
MSG_COMMITTEE_UNKNOWN = "Committee member {member} is not in the register."
MSG_ROLE = "Committee role {role} of {member} is not known."
MSG_COMMITTEE_EXIT = "Committee exit of {member}, who is not on the committee."
MSG_RELATED_UNKNOWN = "Related member {member} is not in the register."
MSG_GRANT_AMOUNT = "Grant {grant} has no amount."
MSG_GRANT_TWICE = "Grant {grant} is declared twice; the second declaration is not used."
MSG_CHOICE = "The value {key} of the `{directive}` entry is {value}, not one of {choices}; it is not used."
MSG_UNKNOWN_AREA = "The `{directive}` entry names area {code}, which is not declared; it is not used."
MSG_UNKNOWN_MEMBER = (
    "The `{directive}` entry names member {member}, who is not in the register; it is not used."
)
MSG_CLAIM_TWICE = "Claim {claim} is registered twice; the second is not used."
MSG_BENEFICIARY_IS_MEMBER = (
    "Beneficiary code {code} of {member} is a member's code; a beneficiary is a nominee who is not a member."
)

BYLAW_INTS = ("approvals-required", "approvals-large", "grace-months", "fiscal-year-start")
BYLAW_DAYS = ("pay-within-days", "claim-within-days")
BYLAW_AMOUNTS = ("large-amount", "cash-limit", "dues-per-month", "entry-fee")
BYLAW_NUMBERS = ("admin-cap", "cash-count-months")
RULE_AMOUNTS = ("max-per-claim", "max-per-year", "per-night", "amount")
RULE_AGES = ("min-age", "max-age")


def reason_of(bad: Bad) -> Msg:
    """The reason a value was refused, as a message to translate with the finding."""
    return Msg(bad.reason, bad.params)


@dataclasses.dataclass
class _Reader:
    """Reads the register directives in date order, collecting problems as findings."""

    register: Register = dataclasses.field(default_factory=Register)
    _code_skeletons: dict[str, str] = dataclasses.field(default_factory=dict)
    _open_terms: dict[str, CommitteeTerm] = dataclasses.field(default_factory=dict)

    def problem(self, entry: Custom, msgid: str, *, area: str = "", **params: Any) -> None:
        self.register.findings.append(
            finding_at(
                RULE,
                Severity.ERROR,
                entry.meta,
                date=entry.date,
                area=area or self._area_hint(entry),
                msgid=msgid,
                entry=entry,
                directive=entry.type,
                **params,
            )
        )

    def _area_hint(self, entry: Custom) -> str:
        for value in (entry.values or [])[:2]:
            text = value.value
            if isinstance(text, str):
                if text in self.register.areas:
                    return text
                member = self.register.members.get(text)
                if member is not None:
                    return member.area
        return ""

    def bad_value(self, entry: Custom, key: str, bad: Bad, area: str = "") -> None:
        self.problem(entry, MSG_BAD_VALUE, area=area, key=key, reason=reason_of(bad))

    def strings(self, entry: Custom, count: int) -> list[str] | None:
        values = [v.value for v in entry.values or ()]
        if len(values) < count or not all(isinstance(v, str) and v.strip() for v in values[:count]):
            self.problem(entry, MSG_VALUES, count=count)
            return None
        return [str(v).strip() for v in values[:count]]

    def amount_value(self, entry: Custom, index: int) -> Any:
        values = entry.values or []
        return values[index].value if len(values) > index else None

    def read(self, entry: Custom) -> None:
        handler: Callable[[Custom], None] | None = getattr(self, "_" + entry.type.replace("-", "_"), None)
        if handler is not None:
            handler(entry)

    def member_of(self, entry: Custom, code: str) -> Member | None:
        member = self.register.members.get(code)
        if member is None:
            self.problem(entry, MSG_UNKNOWN_MEMBER, member=code)
        return member

    def _area(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        code = values[0]
        name = entry.values[1].value if len(entry.values or ()) > 1 else code
        if code in self.register.areas:
            self.problem(entry, MSG_AREA_TWICE, area=code, code=code)
            return
        villages = None
        if "villages" in entry.meta:
            read = read_int(entry.meta["villages"], 1, 999)
            if isinstance(read, Bad):
                self.bad_value(entry, "villages", read, code)
            else:
                villages = read
        self.register.areas[code] = Area(
            code, str(name) if isinstance(name, str) else code, entry.date, entry.meta, villages
        )

    def _member(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, area = values
        if code in self.register.members:
            self.problem(entry, MSG_MEMBER_TWICE, area=area, member=code)
            return
        if not CODE_LETTERS.fullmatch(code):
            self.problem(entry, MSG_CODE_LETTERS, area=area, member=code)
        other = self._code_skeletons.setdefault(code_skeleton(code), code)
        if other != code:
            self.problem(entry, MSG_CODE_LOOKS_LIKE, area=area, member=code, other=other)
        if area not in self.register.areas:
            self.problem(entry, MSG_UNDECLARED_AREA, area=area, member=code, code=area)
        member = Member(code, area, entry.date, entry.meta)
        self._member_facts(entry, member)
        self.register.members[code] = member

    def _member_facts(self, entry: Custom, member: Member) -> None:
        meta = entry.meta
        if "born" in meta:
            born = self._birth(meta["born"], entry.date)
            if isinstance(born, Bad):
                self.bad_value(entry, "born", born, member.area)
            else:
                member.born = born
        if "gender" in meta:
            member.gender = self._choice(entry, "gender", meta["gender"], GENDERS, member.area)
        if "village" in meta:
            village = read_int(meta["village"], 1, 999)
            if isinstance(village, Bad):
                self.bad_value(entry, "village", village, member.area)
            else:
                member.village = village
        if "category" in meta:
            member.category = self._choice(entry, "category", meta["category"], CATEGORIES, member.area)

    @staticmethod
    def _birth(value: Any, joined: datetime.date) -> Birth | Bad:
        if isinstance(value, datetime.date):
            if value > joined:
                return Bad(OUT_OF_RANGE, {"low": datetime.date(1850, 1, 1), "high": joined})
            return Birth(value.year, value)
        year = read_int(value, 1850, joined.year)
        if isinstance(year, Bad):
            day = read_date(value)
            if isinstance(day, datetime.date) and day <= joined:
                return Birth(day.year, day)
            return year
        return Birth(year, None)

    def _choice(self, entry: Custom, key: str, value: Any, choices: tuple[str, ...], area: str) -> str | None:
        text = code_text(value)
        if text in choices:
            return text
        self.problem(entry, MSG_CHOICE, area=area, key=key, value=text or "-", choices=list(choices))
        return None

    def _member_exit(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, reason = values
        member = self.register.members.get(code)
        if member is None:
            self.problem(entry, MSG_EXIT_UNKNOWN, member=code)
            return
        if member.exit_date is not None:
            self.problem(entry, MSG_EXIT_TWICE, area=member.area, member=code, day=member.exit_date)
            return
        if entry.date < member.joined:
            self.problem(
                entry,
                MSG_EXIT_BEFORE_JOINING,
                area=member.area,
                member=code,
                day=entry.date,
                joined=member.joined,
            )
            return
        if reason not in EXIT_REASONS:
            self.problem(entry, MSG_EXIT_REASON, area=member.area, reason=reason, member=code)
        member.exit_date = entry.date
        member.exit_reason = reason

    def _committee(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, role = values
        member = self.register.members.get(code)
        if member is None:
            self.problem(entry, MSG_COMMITTEE_UNKNOWN, member=code)
            return
        if role not in COMMITTEE_ROLES:
            self.problem(entry, MSG_ROLE, area=member.area, role=role, member=code)
        self._close_term(code, entry.date)
        self._open_terms[code] = CommitteeTerm(code, role, entry.date, None, entry.meta)

    def _close_term(self, code: str, day: datetime.date) -> None:
        term = self._open_terms.pop(code, None)
        if term is not None:
            self.register.committee[code].append(dataclasses.replace(term, end=day))

    def _committee_exit(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        if values[0] not in self._open_terms:
            self.problem(entry, MSG_COMMITTEE_EXIT, member=values[0])
            return
        self._close_term(values[0], entry.date)

    def _related(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        first, second = values
        for code in (first, second):
            if code not in self.register.members:
                self.problem(entry, MSG_RELATED_UNKNOWN, member=code)
        self.register.relations[first].setdefault(second, entry.date)
        self.register.relations[second].setdefault(first, entry.date)

    def _number(self, entry: Custom, key: str, reader: Callable[[Any], Any], area: str) -> Any:
        """A bylaw or benefit-rule value: unusable text goes to `weakened-bylaw`, huge values here."""
        value = reader(entry.meta[key])
        if isinstance(value, Bad):
            if value.reason == OUT_OF_RANGE:
                self.bad_value(entry, key, value, area)
            else:
                self.register.bylaw_problems.append((entry, key, value.reason, value.params))
            return None
        return value

    def _meeting(self, entry: Custom) -> str | None:
        value = entry.meta.get("meeting")
        return value.strip() if isinstance(value, str) and value.strip() else None

    def _bylaw(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        area = values[0]
        if area not in self.register.areas:
            self.problem(entry, MSG_UNKNOWN_AREA, code=area)
            return
        read: dict[str, Any] = {}
        readers: dict[str, Callable[[Any], Any]] = {
            **dict.fromkeys(BYLAW_INTS, lambda v: read_int(v, -(10**6), 10**6)),
            **dict.fromkeys(BYLAW_DAYS, lambda v: read_int(v, -LONGEST_DAYS, LONGEST_DAYS)),
            **dict.fromkeys(BYLAW_AMOUNTS, read_decimal),
            **dict.fromkeys(BYLAW_NUMBERS, read_decimal),
        }
        for key, reader in readers.items():
            if key in entry.meta:
                value = self._number(entry, key, reader, area)
                if value is not None:
                    read[key] = value
        self.register.bylaws[area].append(
            BylawVersion(area, entry.date, read, entry.meta, entry, self._meeting(entry))
        )

    def _benefit_rule(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        area, kind = values
        if area not in self.register.areas:
            self.problem(entry, MSG_UNKNOWN_AREA, code=area)
            return
        fields: dict[str, Any] = {}
        meta = entry.meta
        if "waiting-days" in meta:
            days = self._number(
                entry, "waiting-days", lambda v: read_int(v, -LONGEST_DAYS, LONGEST_DAYS), area
            )
            if days is not None:
                fields["waiting_days"] = days
        for key in RULE_AMOUNTS:
            if key in meta:
                number = self._number(entry, key, read_decimal, area)
                if number is not None:
                    fields[key.replace("-", "_")] = number
        for key in RULE_AGES:
            if key in meta:
                age = self._number(entry, key, lambda v: read_int(v, 0, 150), area)
                if age is not None:
                    fields[key.replace("-", "_")] = age
        if "every" in meta:
            fields["every_month"] = self._choice(entry, "every", meta["every"], ("month",), area) == "month"
        self.register.benefit_rules[(area, kind)].append(
            BenefitRule(
                area=area,
                type=kind,
                date=entry.date,
                meta=meta,
                meeting=self._meeting(entry),
                entry=entry,
                **fields,
            )
        )

    def _grant(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        code, area = values
        if code in self.register.grants:
            self.problem(entry, MSG_GRANT_TWICE, area=area, grant=code)
            return
        read = read_amount(self.amount_value(entry, 2))
        amount = ZERO
        if isinstance(read, Bad):
            self.problem(entry, MSG_GRANT_AMOUNT, area=area, grant=code)
        else:
            amount = read
        ends = entry.meta.get("ends")
        ends_day = None
        if ends is not None:
            read_ends = read_date(ends)
            if isinstance(read_ends, Bad):
                self.bad_value(entry, "ends", read_ends, area)
            else:
                ends_day = read_ends
        funder = entry.meta.get("funder")
        self.register.grants[code] = Grant(
            code=code,
            area=area,
            date=entry.date,
            amount=amount,
            meta=entry.meta,
            funder=funder if isinstance(funder, str) else "",
            ends=ends_day,
        )

    def _grant_report(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        document = entry.meta.get("document")
        self.register.grant_reports[values[0]].append(
            GrantReport(values[0], entry.date, entry.meta, document if isinstance(document, str) else None)
        )

    def _seal(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        self.register.seals.append(Seal(values[0], entry.date, values[1], entry.meta, entry))

    def _beneficiary(self, entry: Custom) -> None:
        values = self.strings(entry, 3)
        if values is None:
            return
        member_code, code, tie = values
        member = self.member_of(entry, member_code)
        if member is None:
            return
        if code in self.register.members:
            self.problem(entry, MSG_BENEFICIARY_IS_MEMBER, area=member.area, code=code, member=member_code)
            return
        self.register.beneficiaries[member_code].append(
            Beneficiary(member_code, code, tie, entry.date, entry.meta)
        )

    def _standing_payment(self, entry: Custom) -> None:
        values = self.strings(entry, 2)
        if values is None:
            return
        member_code, kind = values
        member = self.member_of(entry, member_code)
        if member is None:
            return
        amount = read_amount(self.amount_value(entry, 2), low=CENT)
        if isinstance(amount, Bad):
            self.bad_value(entry, "amount", amount, member.area)
            return
        ends = entry.meta.get("ends")
        ends_day: datetime.date | None = None
        if ends is not None:
            read_ends = read_date(ends)
            if isinstance(read_ends, Bad):
                self.bad_value(entry, "ends", read_ends, member.area)
                return
            ends_day = read_ends
        self.register.standing_payments[member_code].append(
            StandingPayment(member_code, kind, amount, entry.date, ends_day, entry.meta, entry)
        )

    def _claim(self, entry: Custom) -> None:
        values = self.strings(entry, 3)
        if values is None:
            return
        code, member_code, kind = values
        member = self.member_of(entry, member_code)
        if member is None:
            return
        if code in self.register.claims:
            self.problem(entry, MSG_CLAIM_TWICE, area=member.area, claim=code)
            return
        self.register.claims[code] = Claim(code, member_code, kind, entry.date, entry.meta, entry)

    def _cash_count(self, entry: Custom) -> None:
        values = self.strings(entry, 1)
        if values is None:
            return
        area = values[0]
        if area not in self.register.areas:
            self.problem(entry, MSG_UNKNOWN_AREA, code=area)
            return
        amount = read_amount(self.amount_value(entry, 1))
        if isinstance(amount, Bad):
            self.bad_value(entry, "amount", amount, area)
            return
        counted_by = split_codes(entry.meta.get("counted-by"))
        self.register.cash_counts[area].append(
            CashCount(area, entry.date, amount, counted_by, entry.meta, entry)
        )

    def finish(self) -> Register:
        for code in list(self._open_terms):
            self.register.committee[code].append(self._open_terms.pop(code))
        for versions in self.register.bylaws.values():
            versions.sort(key=lambda b: b.date)
        for tiers in self.register.benefit_rules.values():
            tiers.sort(key=lambda r: (r.date, r.waiting_days))
        return self.register


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
        "beneficiary",
        "standing-payment",
        "claim",
        "cash-count",
    }
)


def register_entries(entries: Iterable[Directive]) -> list[Custom]:
    """The register directives among `entries`, in date order (areas and members first on a day)."""
    found = [e for e in entries if isinstance(e, Custom) and e.type in REGISTER_TYPES]
    order = {"area": 0, "member": 1}
    return sorted(found, key=lambda e: (e.date, order.get(e.type, 2)))


def build_register(entries: Iterable[Directive]) -> Register:
    """Read all register directives of a list of entries."""
    reader = _Reader()
    for entry in register_entries(entries):
        reader.read(entry)
    return reader.finish()
