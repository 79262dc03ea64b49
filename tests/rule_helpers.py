"""What the rule tests share: run one rule on a loaded book, find an entry and its line, read messages."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from beancount.core.data import Transaction
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.config import DEFAULT, AuditConfig
from welfare_ledger.plugins.i18n import thai_catalog_ids

if TYPE_CHECKING:
    from pathlib import Path
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
    findings = rule.check(build_book(entries, options_map, config), config)
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


FUND = """
option "operating_currency" "THB"
option "documents" "documents"

2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Bank:GSB THB
2020-01-01 open Assets:BangMueang:Cash THB
2020-01-01 open Assets:BangMueang:Advances:BM-0001 THB
2020-01-01 open Income:BangMueang:Contributions THB
2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
2020-01-01 open Expenses:BangMueang:Admin:Office THB
2020-01-01 open Equity:BangMueang:Opening THB
2020-01-01 custom "member" "BM-0001" "BangMueang"
2020-01-01 custom "member" "BM-0002" "BangMueang"
2020-01-01 custom "member" "BM-0003" "BangMueang"
2020-01-01 custom "member" "BM-0004" "BangMueang"
2020-01-01 custom "committee" "BM-0001" "treasurer"
2020-01-01 custom "committee" "BM-0002" "chair"
2020-01-01 custom "committee" "BM-0003" "secretary"
2020-01-01 custom "benefit-rule" "BangMueang" "Sickness"
  waiting-days: 180
  max-per-claim: 2000 THB
  max-per-year: 5000 THB
2020-01-02 * "Opening balance"
  Assets:BangMueang:Bank:GSB  100000 THB
  Equity:BangMueang:Opening
2020-02-01 balance Assets:BangMueang:Bank:GSB  100000 THB
  document: "statement-2020-01.pdf"
2024-05-02 * "Contributions brought up to date"
  Assets:BangMueang:Bank:GSB  2000 THB
  Income:BangMueang:Contributions  -2000 THB
    member: "BM-0004"
    receipt: "2567-0001"
2024-06-01 balance Assets:BangMueang:Bank:GSB  102000 THB
  document: "statement-2024-05.pdf"
"""
"""A small fund that breaks no rule: the base of the books that show one trick each."""

TODAY = "2024-07-31"
"""`WELFARE_TODAY` for these books, so `stale-books` judges them as of their own time."""


def audit_text(folder: Path, text: str, documents: tuple[str, ...] = ()) -> list[Finding]:
    """Every finding of `welfare check` on a book written from `text`, with its document files.

    The bank statements the book's balances name (`statement-*.pdf`) are written too.
    """
    from welfare_ledger.plugins.loader import load_book

    book = folder / "book.beancount"
    book.write_text(text, encoding="utf-8")
    statements = folder / "documents" / "Assets" / "BangMueang" / "Bank" / "GSB"
    statements.mkdir(parents=True, exist_ok=True)
    for name in re.findall(r'document: "(statement-[^"]+)"', text):
        (statements / name).write_bytes(b"%PDF statement " + name.encode())
    for name in documents:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 voucher " + name.encode())
    return load_book(book).findings


def rules_at(findings: list[Finding]) -> set[tuple[str, int]]:
    """(rule, line) of each finding."""
    return {(f.rule, f.line) for f in findings}


def line_with(text: str, needle: str) -> int:
    """The line number (1-based) of the first line of `text` containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)
