"""The money and grant rules through `welfare check`: with the plugin, without it, with a loosening config.

`books/money_violations.beancount` plants one case of each money and grant rule and nothing
else; the synthetic province of the benchmark breaks none of them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.bench_book import write_book
from welfare_ledger.scripts.cli import cli

BOOK = Path(__file__).with_name("books") / "money_violations.beancount"
SEVERITY = {
    "split-payment": "warning",
    "duplicate-payment": "warning",
    "bank-reconciliation": "warning",
    "cash-limit": "warning",
    "admin-cap": "warning",
    "matching-claim": "warning",
    "grant-unknown": "error",
    "grant-overspend": "error",
    "grant-period": "error",
    "grant-unreported": "warning",
}
PLUGIN = 'plugin "welfare_ledger.plugins.transparency"'


def _variant(tmp_path: Path, plugin_line: str) -> Path:
    shutil.copytree(BOOK.parent / "docs", tmp_path / "docs")
    text = BOOK.read_text(encoding="utf-8")
    assert PLUGIN in text
    path = tmp_path / BOOK.name
    path.write_text(text.replace(PLUGIN, plugin_line), encoding="utf-8")
    return path


def _money_findings(path: Path) -> dict[str, list[tuple[str, int, str]]]:
    found: dict[str, list[tuple[str, int, str]]] = {}
    for finding in load_book(path).findings:
        assert finding.rule != "beancount" or "config" in finding.message("en"), finding
        if finding.rule in SEVERITY:
            found.setdefault(finding.rule, []).append(
                (finding.severity.value, finding.line, finding.date.isoformat())
            )
    return found


def test_every_money_rule_is_found_once_with_its_severity():
    found = _money_findings(BOOK)
    assert sorted(found) == sorted(SEVERITY)
    for rule, places in found.items():
        assert {severity for severity, _, _ in places} == {SEVERITY[rule]}, rule
        assert all(line > 0 for _, line, _ in places), rule
    assert [len(found[rule]) for rule in SEVERITY] == [1, 1, 2, 1, 1, 1, 1, 1, 1, 1]


@pytest.mark.parametrize(
    "plugin_line",
    [
        "; the plugin line was deleted",
        "plugin \"welfare_ledger.plugins.transparency\" \"{'approvals-required': 1, 'split-days': 3}\"",
    ],
    ids=["no-plugin", "loosening-config"],
)
def test_a_book_cannot_switch_its_money_audit_off(tmp_path, plugin_line):
    assert _money_findings(_variant(tmp_path, plugin_line)) == _money_findings(BOOK)


def test_welfare_check_json_lists_the_money_findings_and_fails():
    result = CliRunner().invoke(cli, ["check", str(BOOK), "--format", "json", "--lang", "th"])
    assert result.exit_code == 1, result.output
    findings = json.loads(result.output)
    assert {f["rule"] for f in findings} >= set(SEVERITY)
    split = next(f for f in findings if f["rule"] == "split-payment")
    assert split["area"] == "BangMueang" and split["date"] == "2022-03-13"
    assert "Ban Suan Hardware" in split["message"] and "11,000.00 บาท" in split["message"]


def test_the_synthetic_province_breaks_no_money_rule(tmp_path):
    path = write_book(tmp_path / "province", areas=2, members=30, years=2)
    loaded = load_book(path)
    assert not [f for f in loaded.findings if f.rule in SEVERITY or f.rule == "beancount"]
