"""The transparency plugin's optional config: it may only tighten the rules, never loosen them.

Written in the book as a Python literal dict and read with `ast.literal_eval`:
`plugin "welfare_ledger.plugins.transparency" "{'approvals-required': 3, 'split-days': 14}"`.
A value that would loosen a rule, an unknown key or a config that is not a dict is reported
as an error and ignored, so a book cannot switch its own audit off.
"""

from __future__ import annotations

import ast
import dataclasses
from decimal import Decimal
from typing import Any, NamedTuple

from beancount.core.data import new_metadata


@dataclasses.dataclass(frozen=True, slots=True)
class AuditConfig:
    """Settings the rules read; the defaults are the conventions' own."""

    approvals_required: int = 2
    large_amount: Decimal | None = None
    split_days: int = 7
    duplicate_days: int = 30
    report_days: int = 60
    strict: bool = False


DEFAULT = AuditConfig()


class ConfigError(NamedTuple):
    """A plugin config that cannot be used as written."""

    source: dict[str, Any]
    message: str
    entry: None


# key -> (field, type, which way is tighter: +1 larger is tighter, -1 smaller is tighter)
_KEYS: dict[str, tuple[str, type, int]] = {
    "approvals-required": ("approvals_required", int, +1),
    "large-amount": ("large_amount", Decimal, -1),
    "split-days": ("split_days", int, +1),
    "duplicate-days": ("duplicate_days", int, +1),
    "report-days": ("report_days", int, -1),
    "strict": ("strict", bool, +1),
}


def parse_config(text: str | None, filename: str = "<plugin>") -> tuple[AuditConfig, list[ConfigError]]:
    """Read the plugin's config string; return the config in force and any problems."""
    if not text or not text.strip():
        return DEFAULT, []
    source = new_metadata(filename, 0)
    try:
        raw = ast.literal_eval(text)
    except (ValueError, SyntaxError) as exc:
        return DEFAULT, [
            ConfigError(
                source,
                f"การตั้งค่าปลั๊กอินอ่านไม่ได้ / plugin config is not a Python literal: {exc}",
                None,
            )
        ]
    if not isinstance(raw, dict):
        return DEFAULT, [ConfigError(source, "การตั้งค่าปลั๊กอินต้องเป็น dict / plugin config must be a dict", None)]
    fields: dict[str, Any] = {}
    errors: list[ConfigError] = []
    for key, value in raw.items():
        spec = _KEYS.get(key)
        if spec is None:
            errors.append(ConfigError(source, f"ไม่รู้จักค่า {key!r} / unknown plugin config key {key!r}", None))
            continue
        name, kind, tighter = spec
        try:
            converted = kind(str(value)) if kind is Decimal else kind(value)
        except (ValueError, ArithmeticError, TypeError):
            errors.append(ConfigError(source, f"ค่า {key!r} ไม่ถูกต้อง / bad value for {key!r}: {value!r}", None))
            continue
        default = getattr(DEFAULT, name)
        loosens = default is not None and (
            (tighter > 0 and converted < default) or (tighter < 0 and converted > default)
        )
        if loosens:
            errors.append(
                ConfigError(
                    source,
                    f"การตั้งค่าผ่อนกฎไม่ได้ ({key}={value!r}) / config may only tighten rules: "
                    f"{key}={value!r} is ignored",
                    None,
                )
            )
            continue
        fields[name] = converted
    return dataclasses.replace(DEFAULT, **fields), errors
