"""One `Finding` type for every audience: Beancount errors, `welfare check`, reports and Fava.

A finding names the rule (docs/data-model.md, section 6), its severity, the date, file and line of
the entry that caused it, the area, and a message kept as an English msgid with parameters
so that it can be shown in Thai or English at the last moment.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from typing import TYPE_CHECKING, Any, NamedTuple

from welfare_ledger.plugins.i18n import Lang, gettext, render

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from beancount.core.data import Directive, Meta


class Severity(enum.StrEnum):
    """An error fails `welfare check`; a warning is a reason to look."""

    ERROR = "error"
    WARNING = "warning"


@dataclasses.dataclass(frozen=True, slots=True)
class Finding:
    """What a rule found, where, and what to do about it."""

    rule: str
    severity: Severity
    date: datetime.date | None
    file: str
    line: int
    area: str
    msgid: str
    params: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    entry: Directive | None = dataclasses.field(default=None, compare=False, repr=False)

    def message(self, lang: Lang) -> str:
        """The message in `lang`."""
        return render(self.msgid, self.params, lang)

    def to_json(self, lang: Lang = "en") -> dict[str, Any]:
        """The JSON object of docs/data-model.md, section 8."""
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "date": self.date.isoformat() if self.date else None,
            "file": self.file,
            "line": self.line,
            "area": self.area,
            "message": self.message(lang),
        }

    def to_error(self) -> WelfareError:
        """A Beancount error, so that bean-check and Fava point at the line."""
        source = {"filename": self.file, "lineno": self.line}
        if self.entry is not None and self.entry.meta:
            source = self.entry.meta
            if self.line and source.get("lineno") != self.line:
                source = {"filename": self.file, "lineno": self.line}
        label = self.severity.value
        text = (
            f"[{self.rule}] {gettext(label, 'th')}: {self.message('th')} / {gettext(label, 'en')}: "
            f"{self.message('en')}"
        )
        return WelfareError(source, text, self.entry, self)


class WelfareError(NamedTuple):
    """A finding in Beancount's error shape `(source, message, entry)`, keeping the finding."""

    source: Meta | dict[str, Any]
    message: str
    entry: Directive | None
    finding: Finding


def finding_at(
    rule: str,
    severity: Severity,
    meta: Mapping[str, Any] | None,
    *,
    date: datetime.date | None,
    area: str,
    msgid: str,
    entry: Directive | None = None,
    **params: Any,
) -> Finding:
    """A finding located at the entry or posting whose metadata is `meta`."""
    meta = meta or {}
    return Finding(
        rule=rule,
        severity=severity,
        date=date,
        file=str(meta.get("filename", "")),
        line=int(meta.get("lineno", 0) or 0),
        area=area,
        msgid=msgid,
        params=params,
        entry=entry,
    )


def entry_finding(
    rule: str, severity: Severity, entry: Directive, *, area: str, msgid: str, **params: Any
) -> Finding:
    """A finding about a whole entry: at its line, dated its day."""
    return finding_at(
        rule, severity, entry.meta, date=entry.date, area=area, msgid=msgid, entry=entry, **params
    )


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the order people read them: by area, rule, date, file and line."""
    return sorted(
        findings,
        key=lambda f: (f.area, f.rule, f.date or datetime.date.min, f.file, f.line, f.msgid),
    )


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding fails the check."""
    return any(f.severity is Severity.ERROR for f in findings)
