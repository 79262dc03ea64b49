"""Run every transparency rule over a book: the one entry point for the plugin, CLI, reports and Fava."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.book import Book, build_book
from welfare_ledger.plugins.config import DEFAULT, AuditConfig
from welfare_ledger.plugins.findings import Finding, Severity, sort_findings
from welfare_ledger.plugins.rules import load_rules

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core.data import Directive


def audit_book(book: Book, config: AuditConfig = DEFAULT) -> list[Finding]:
    """All findings of all rules, sorted for reading."""
    findings = list(book.register.findings)
    for rule in load_rules():
        findings.extend(rule.check(book, config))
    if config.strict:
        findings = [dataclasses.replace(f, severity=Severity.ERROR) for f in findings]
    return sort_findings(findings)


def audit(
    entries: Sequence[Directive], options: dict[str, Any], config: AuditConfig = DEFAULT
) -> tuple[Book, list[Finding]]:
    """Build the shared facts of `entries` once and run every rule on them."""
    book = build_book(entries, options)
    return book, audit_book(book, config)
