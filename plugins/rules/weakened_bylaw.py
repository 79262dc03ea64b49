"""Rule `weakened-bylaw`: bylaws and benefit rules that weaken the limits the members adopted.

Errors: a value that cannot be used (text where a number belongs, zero or negative, fewer than
two approvers, approvals-large below approvals-required, an admin-cap over 100 percent, an
amount above all the money the fund ever held, a minimum age above the maximum). Such a bylaw
value does not take effect: the value in force before still applies (`plugins.policy`).
Warnings: a value that loosens what was in force before (a larger amount, fewer approvals, a
shorter wait, a higher cap) without `meeting:` naming the minutes of the members' meeting, and a
`meeting:` that names no file in the books (minutes nobody can read back nothing).
"""

from __future__ import annotations

import itertools
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.i18n import Msg

if TYPE_CHECKING:
    from beancount.core.data import Custom
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import BenefitRule

CODE = "weakened-bylaw"

MSG_UNUSABLE = (
    "The {directive} of {fund} from {day} sets {key} to {value}, which {reason}; it does not take "
    "effect. Amend it with the members' meeting."
)
MSG_LOOSER = (
    "The {directive} of {fund} from {day} loosens {key} from {before} to {after} without `meeting:` "
    "naming the minutes of the members' meeting that adopted it. Record the meeting, or restore the value."
)
RULE_AMOUNTS = ("max_per_claim", "max_per_year", "per_night", "amount")
MSG_NOT_POSITIVE = "is zero or negative"
MSG_ABOVE_FUND = "is above all the money the fund ever held ({held})"
MSG_AGES_CROSSED = "is above max-age ({high})"

MSG_NO_MINUTES = (
    "The {directive} of {fund} from {day} names the meeting minutes {meeting}, which are not a file "
    "in the books: a loosening counts as backed only by minutes members can read. Put the scanned "
    "minutes in the books under that name."
)


def _finding(entry: Custom, severity: Severity, msgid: str, area: str, book: Book, **params: Any) -> Finding:
    return finding_at(
        CODE,
        severity,
        entry.meta,
        date=entry.date,
        area=area,
        msgid=msgid,
        entry=entry,
        directive=entry.type,
        fund=area,
        fund_th=book.register.area_name(area),
        day=entry.date,
        **params,
    )


PERCENT_KEYS = frozenset({"admin-cap"})
"""Bylaw values that are a share of income, not baht."""


def _show(value: Any, key: str = "") -> Any:
    """A bylaw value as a message shows it: baht as baht, a share as a percentage, none as `-`."""
    if value is None:
        return "-"
    if key in PERCENT_KEYS and isinstance(value, Decimal):
        return f"{value.normalize():f}%"
    return value


def _bylaw_findings(book: Book) -> list[Finding]:
    findings = []
    for entry, key, reason, params in book.register.bylaw_problems:
        area = str(entry.values[0].value) if entry.values else ""
        value = entry.meta.get(key)
        findings.append(
            _finding(
                entry,
                Severity.ERROR,
                MSG_UNUSABLE,
                area,
                book,
                key=key,
                value=repr(value),
                reason=Msg(reason, params),
            )
        )
    for unusable in book.bylaws.unusable:
        version = unusable.version
        findings.append(
            _finding(
                version.entry,
                Severity.ERROR,
                MSG_UNUSABLE,
                version.area,
                book,
                key=unusable.key,
                value=_show(unusable.value, unusable.key),
                reason=Msg(unusable.reason, unusable.params),
            )
        )
    for loosening in book.bylaws.loosenings:
        version = loosening.version
        findings.append(
            _finding(
                version.entry,
                Severity.WARNING,
                MSG_LOOSER,
                version.area,
                book,
                key=loosening.key,
                before=_show(loosening.before, loosening.key),
                after=_show(loosening.after, loosening.key),
            )
        )
    return findings


def _rule_problems(rule: BenefitRule, held: Decimal) -> list[tuple[str, Any, str, dict[str, Any]]]:
    """(key, value, reason, params) of each unusable value of one benefit rule."""
    found: list[tuple[str, Any, str, dict[str, Any]]] = []
    if rule.waiting_days <= 0 and "waiting-days" in rule.meta:
        found.append(("waiting-days", rule.waiting_days, MSG_NOT_POSITIVE, {}))
    for field in RULE_AMOUNTS:
        value = getattr(rule, field)
        key = field.replace("_", "-")
        if value is None:
            continue
        if value <= 0:
            found.append((key, value, MSG_NOT_POSITIVE, {}))
        elif held > 0 and value > held:
            found.append((key, value, MSG_ABOVE_FUND, {"held": held}))
    if rule.min_age is not None and rule.max_age is not None and rule.min_age > rule.max_age:
        found.append(("min-age", rule.min_age, MSG_AGES_CROSSED, {"high": rule.max_age}))
    return found


def _scheme(tiers: list[BenefitRule]) -> dict[str, Any]:
    """What a scheme of tiers allows at most: the highest caps, the shortest wait, the widest ages."""

    def most(field: str) -> Decimal | None:
        values = [getattr(t, field) for t in tiers]
        return None if any(v is None for v in values) else max(values)

    min_ages = [t.min_age for t in tiers]
    max_ages = [t.max_age for t in tiers]
    return {
        "waiting-days": min(t.waiting_days for t in tiers),
        **{field.replace("_", "-"): most(field) for field in RULE_AMOUNTS},
        "min-age": None if any(a is None for a in min_ages) else min(a for a in min_ages if a is not None),
        "max-age": None if any(a is None for a in max_ages) else max(a for a in max_ages if a is not None),
    }


def _looser(key: str, before: Any, after: Any) -> bool:
    if key in ("waiting-days",):
        return bool(after < before)
    if key == "min-age":
        return before is not None and (after is None or after < before)
    return before is not None and (after is None or after > before)


def _rule_findings(book: Book) -> list[Finding]:
    held = book.fund.most_held()
    findings = []
    for (area, _), rules in sorted(book.register.benefit_rules.items()):
        most = held.get(area, Decimal(0))
        for rule in rules:
            if rule.entry is None:
                continue
            for key, value, reason, params in _rule_problems(rule, most):
                findings.append(
                    _finding(
                        rule.entry,
                        Severity.ERROR,
                        MSG_UNUSABLE,
                        area,
                        book,
                        key=key,
                        value=value,
                        reason=Msg(reason, params),
                    )
                )
        schemes = [list(group) for _, group in itertools.groupby(rules, key=lambda r: r.date)]
        for previous, current in itertools.pairwise(schemes):
            if any(rule.meeting for rule in current):
                continue
            before, after = _scheme(previous), _scheme(current)
            entry = current[0].entry
            if entry is None:
                continue
            findings.extend(
                _finding(
                    entry,
                    Severity.WARNING,
                    MSG_LOOSER,
                    area,
                    book,
                    key=key,
                    before=_show(before[key]),
                    after=_show(after[key]),
                )
                for key in before
                if _looser(key, before[key], after[key])
            )
    return findings


def _meeting_findings(book: Book) -> list[Finding]:
    """A `meeting:` that names no file in the books backs nothing: the minutes are the proof.

    Entries of a book read from a string (no file, so no folder) are not judged.
    """
    named: list[tuple[Custom, str, str]] = [
        (version.entry, version.area, version.meeting)
        for versions in book.register.bylaws.values()
        for version in versions
        if version.meeting
    ]
    named.extend(
        (rule.entry, rule.area, rule.meeting)
        for rules in book.register.benefit_rules.values()
        for rule in rules
        if rule.meeting and rule.entry is not None
    )
    seen: set[int] = set()
    findings = []
    for entry, area, meeting in named:
        if id(entry) in seen:
            continue
        seen.add(id(entry))
        source = str(entry.meta.get("filename") or "")
        if Path(source).is_file() and book.documents.find(meeting, source, ()) is None:
            findings.append(_finding(entry, Severity.WARNING, MSG_NO_MINUTES, area, book, meeting=meeting))
    return findings


def check(book: Book, config: AuditConfig) -> list[Finding]:
    """Unusable or unbacked looser values of bylaws and benefit rules."""
    return [*_bylaw_findings(book), *_rule_findings(book), *_meeting_findings(book)]
