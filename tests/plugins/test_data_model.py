"""docs/data-model.md and the code agree: every rule module is in the rules table, and nothing else is."""

from __future__ import annotations

import re
from pathlib import Path

from welfare_ledger.plugins.rules import load_rules

DATA_MODEL = Path(__file__).resolve().parents[2] / "docs" / "data-model.md"
BEANCOUNT_OWN = "beancount"


def documented_rules() -> set[str]:
    """The rule codes in the first column of the table of section 6."""
    text = DATA_MODEL.read_text(encoding="utf-8")
    section = text.split("## 6. Rules", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z-]+)` \|", section, flags=re.MULTILINE))


def test_the_rules_table_lists_exactly_the_rules_that_run():
    assert documented_rules() == {rule.CODE for rule in load_rules()} | {BEANCOUNT_OWN}


def test_the_repository_stands_alone():
    repo = DATA_MODEL.parents[1]
    documents = [repo / "README.md", *sorted((repo / "docs").glob("*.md"))]
    for document in documents:
        assert "../shared" not in document.read_text(encoding="utf-8"), document
