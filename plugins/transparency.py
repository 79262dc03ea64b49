"""The Beancount plugin that runs every transparency rule, so Fava and bean-check show findings.

Declare it in a book: `plugin "welfare_ledger.plugins.transparency"`, optionally with a
config that tightens the rules (see `plugins.config`). It never changes the entries.
"""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.audit import audit
from welfare_ledger.plugins.config import parse_config

if TYPE_CHECKING:
    from beancount.core.data import Directive

__plugins__ = ("transparency",)

PLUGIN_NAME = __name__
SKIPPED: contextvars.ContextVar[bool] = contextvars.ContextVar("welfare_audit_skipped", default=False)
"""Set only by `loader.load_book(audit=False)`, for commands that show no findings."""


def transparency(
    entries: list[Directive], options_map: dict[str, Any], config: str | None = None
) -> tuple[list[Directive], list[Any]]:
    """Findings of all rules as Beancount errors, pointing at the entries' lines."""
    if SKIPPED.get():
        return entries, []
    settings, errors = parse_config(config, options_map.get("filename", "<plugin>"))
    _, findings = audit(entries, options_map, settings)
    return entries, [*errors, *(finding.to_error() for finding in findings)]
