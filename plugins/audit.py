"""Run every transparency rule over a book: the one entry point for the plugin, CLI, reports and Fava.

A rule that fails unexpectedly becomes one finding naming the rule, and the other rules still
report: one bad value must never replace the whole audit with a traceback.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import traceback
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.book import Book, build_book
from welfare_ledger.plugins.config import DEFAULT, AuditConfig
from welfare_ledger.plugins.findings import Finding, Severity, sort_findings
from welfare_ledger.plugins.rules import load_rules

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from beancount.core.data import Directive

MSG_RULE_FAILED = (
    "Rule {rule} could not finish ({error} at {place}); its findings are missing, the other rules "
    "still ran. Report this to the project with the book."
)


def failure_finding(rule: str, exc: BaseException) -> Finding:
    """One error standing for a rule that raised, naming where in our code it failed."""
    frames = traceback.extract_tb(exc.__traceback__)
    place = f"{frames[-1].name}:{frames[-1].lineno}" if frames else "-"
    return Finding(
        rule=rule,
        severity=Severity.ERROR,
        date=None,
        file="",
        line=0,
        area="",
        msgid=MSG_RULE_FAILED,
        params={"rule": rule, "error": type(exc).__name__, "place": place},
    )


def audit_book(book: Book, config: AuditConfig = DEFAULT) -> list[Finding]:
    """All findings of all rules, sorted for reading."""
    findings: list[Finding] = []
    for rule in load_rules():
        try:
            findings.extend(rule.check(book, config))
        except Exception as exc:
            findings.append(failure_finding(rule.CODE, exc))
    if config.strict:
        findings = [dataclasses.replace(f, severity=Severity.ERROR) for f in findings]
    return sort_findings(findings)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while the facts are built.

    The audit makes one small object per member posting and frees none of them, so every
    collection the allocations trigger walks the whole book for nothing; that was a third
    of the audit's time on a large province. Collection resumes afterwards as before.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def audit(
    entries: Sequence[Directive], options: dict[str, Any], config: AuditConfig = DEFAULT
) -> tuple[Book | None, list[Finding]]:
    """Build the shared facts of `entries` once and run every rule on them.

    When the facts themselves cannot be built (a bug of ours meeting a book nobody foresaw),
    the answer is one finding saying so, not a traceback: no book, and no other findings.
    """
    with gc_paused():
        try:
            book = build_book(entries, options, config)
        except Exception as exc:
            return None, [failure_finding("facts", exc)]
        return book, audit_book(book, config)
