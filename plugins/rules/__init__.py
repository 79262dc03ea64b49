"""The transparency rules of docs/data-model.md, section 6, one module per rule.

Each module names its rule in `CODE` and offers `check(book, config) -> list[Finding]`, a
pure function over the shared facts of `plugins.book`; none changes the entries.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.findings import Finding


@functools.cache
def rule_module_names() -> tuple[str, ...]:
    """Every module in this package is a rule; they run in name order."""
    return tuple(
        sorted(info.name for info in pkgutil.iter_modules(__path__) if not info.name.startswith("_"))
    )


class Rule(Protocol):
    """What a rule module provides."""

    CODE: str

    def check(self, book: Book, config: AuditConfig) -> list[Finding]:
        """Findings of this rule in `book`."""


def load_rules() -> list[Rule]:
    """The rule modules, imported once."""
    return [importlib.import_module(f"{__name__}.{name}") for name in rule_module_names()]
