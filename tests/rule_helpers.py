"""What the rule tests share: run one rule on a loaded book, find an entry and its line, read messages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from beancount.core.data import Transaction
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.config import DEFAULT, AuditConfig
from welfare_ledger.plugins.i18n import thai_catalog_ids

if TYPE_CHECKING:
    from types import ModuleType

    from welfare_ledger.plugins.findings import Finding


def run_rule(
    rule: ModuleType,
    entries: list[Any],
    errors: list[Any],
    options_map: dict[str, Any],
    config: AuditConfig = DEFAULT,
) -> list[Finding]:
    """The findings of `rule` on a book that Beancount itself accepts."""
    assert not errors, [e.message for e in errors]
    findings = rule.check(build_book(entries, options_map), config)
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
    """The English and Thai message, checking that the Thai is a real, filled-in translation."""
    assert finding.msgid in thai_catalog_ids(), finding.msgid
    english, thai = finding.message("en"), finding.message("th")
    assert english != thai
    assert "{" not in english and "{" not in thai
    return english, thai
