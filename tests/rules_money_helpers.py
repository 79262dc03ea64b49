"""What the money and grant rule tests share: run one rule on a loaded book, find an entry's line."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any

from beancount.core.data import Transaction
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.config import DEFAULT, AuditConfig

if TYPE_CHECKING:
    from welfare_ledger.plugins.findings import Finding


def run_rule(
    rule: ModuleType, entries: list[Any], errors: list[Any], options: dict[str, Any],
    config: AuditConfig = DEFAULT,
) -> list[Finding]:
    """The findings of one rule on a book that Beancount loaded without errors."""
    assert not errors, [e.message for e in errors]
    findings = rule.check(build_book(entries, options), config)
    assert all(f.rule == rule.CODE for f in findings)
    return findings


def txn(entries: list[Any], narration: str) -> Transaction:
    """The one transaction with `narration`."""
    found = [e for e in entries if isinstance(e, Transaction) and e.narration == narration]
    assert len(found) == 1, narration
    return found[0]


def line_of(entries: list[Any], narration: str) -> int:
    """The line of the transaction with `narration`."""
    return int(txn(entries, narration).meta["lineno"])


def messages(finding: Finding) -> tuple[str, str]:
    """The finding's message in English and Thai; the Thai one must be translated."""
    english, thai = finding.message("en"), finding.message("th")
    assert english != thai
    assert "{" not in english and "{" not in thai
    return english, thai
