"""The transparency plugin's optional config: it may only tighten the rules, never loosen them.

Written in the book as a Python literal dict and read with `ast.literal_eval`:
`plugin "welfare_ledger.plugins.transparency" "{'approvals-required': 3, 'split-days': 14}"`.
A value that would loosen a rule, an unknown key or a config that is not a dict is a finding of
rule `book-options` and is ignored, so a book cannot switch its own audit off.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime
import os
from decimal import Decimal, InvalidOperation
from typing import Any

from welfare_ledger.plugins.findings import Finding, Severity, finding_at


@dataclasses.dataclass(frozen=True, slots=True)
class AuditConfig:
    """Settings the rules read; the defaults are the conventions' own."""

    approvals_required: int = 2
    large_amount: Decimal | None = None
    split_days: int = 7
    duplicate_days: int = 30
    report_days: int = 60
    strict: bool = False
    today: datetime.date | None = None
    """The real today, for rules about time passing (`stale-books`); None: the system's date."""

    def real_today(self) -> datetime.date:
        """Today's date as the rules see it: the config's, else `WELFARE_TODAY`, else the system's.

        `WELFARE_TODAY=2025-12-31` lets an auditor read a closed year as of its end.
        """
        if self.today is not None:
            return self.today
        text = os.environ.get("WELFARE_TODAY", "").strip()
        if text:
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                pass
        return datetime.date.today()


DEFAULT = AuditConfig()
RULE = "book-options"

MSG_NOT_LITERAL = "The plugin config is not a Python literal ({detail}); it is ignored."
MSG_NOT_DICT = "The plugin config must be a dict; it is ignored."
MSG_UNKNOWN_KEY = "The plugin config key {key} is not known; it is ignored."
MSG_BAD_VALUE = "The plugin config value {key}={value} cannot be used; it is ignored."
MSG_LOOSENS = "The plugin config may only tighten the rules: {key}={value} is ignored."

# key -> (field, type, which way is tighter: +1 larger is tighter, -1 smaller is tighter)
_KEYS: dict[str, tuple[str, type, int]] = {
    "approvals-required": ("approvals_required", int, +1),
    "large-amount": ("large_amount", Decimal, -1),
    "split-days": ("split_days", int, +1),
    "duplicate-days": ("duplicate_days", int, +1),
    "report-days": ("report_days", int, -1),
    "strict": ("strict", bool, +1),
}
_LIMITS = {"approvals_required": 100, "split_days": 3650, "duplicate_days": 3650, "report_days": 3650}


def _convert(kind: type, value: Any) -> Any:
    if kind is bool:
        if not isinstance(value, bool):
            raise ValueError(value)
        return value
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(value)
        return value
    number = Decimal(str(value))
    if not number.is_finite() or number <= 0:
        raise ValueError(value)
    return number


def parse_config(
    text: str | None, filename: str = "<plugin>", line: int = 0
) -> tuple[AuditConfig, list[Finding]]:
    """Read the plugin's config string; return the config in force and any problems as findings."""
    if not text or not text.strip():
        return DEFAULT, []
    meta = {"filename": filename, "lineno": line}

    def problem(msgid: str, **params: Any) -> Finding:
        return finding_at(RULE, Severity.ERROR, meta, date=None, area="", msgid=msgid, **params)

    try:
        raw = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError) as exc:
        return DEFAULT, [problem(MSG_NOT_LITERAL, detail=type(exc).__name__)]
    if not isinstance(raw, dict):
        return DEFAULT, [problem(MSG_NOT_DICT)]
    fields: dict[str, Any] = {}
    problems: list[Finding] = []
    for key, value in raw.items():
        spec = _KEYS.get(key) if isinstance(key, str) else None
        if spec is None:
            problems.append(problem(MSG_UNKNOWN_KEY, key=repr(key)))
            continue
        name, kind, tighter = spec
        try:
            converted = _convert(kind, value)
        except (ValueError, InvalidOperation, TypeError):
            problems.append(problem(MSG_BAD_VALUE, key=key, value=repr(value)))
            continue
        if name in _LIMITS and not 0 <= converted <= _LIMITS[name]:
            problems.append(problem(MSG_BAD_VALUE, key=key, value=repr(value)))
            continue
        default = getattr(DEFAULT, name)
        loosens = default is not None and (
            (tighter > 0 and converted < default) or (tighter < 0 and converted > default)
        )
        if loosens:
            problems.append(problem(MSG_LOOSENS, key=key, value=repr(value)))
            continue
        fields[name] = converted
    return dataclasses.replace(DEFAULT, **fields), problems
