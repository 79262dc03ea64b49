"""The Beancount plugin that runs every transparency rule, so Fava and bean-check show findings.

Declare it in a book: `plugin "welfare_ledger.plugins.transparency"`, optionally with a
config that tightens the rules (see `plugins.config`). It never changes the entries, and it
never raises: a failure anywhere becomes a finding, so one bad value cannot blank the audit.
"""

from __future__ import annotations

import contextvars
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.audit import audit
from welfare_ledger.plugins.config import parse_config
from welfare_ledger.plugins.source_lines import line_of

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
    place = line_of(options_map, rf'^\s*plugin\s+"{PLUGIN_NAME}"') if config else {}
    settings, problems = parse_config(config, str(place.get("filename", "")), int(place.get("lineno", 0)))
    _, findings = audit(entries, options_map, settings)
    return entries, [finding.to_error() for finding in (*problems, *findings)]
