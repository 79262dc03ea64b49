"""What an import writes is safe to publish: no injected lines, no paths, no names, no markup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bank_layouts import ALL
from beancount.core import data
from beancount.parser import parser
from click.testing import CliRunner
from rule_helpers import run_rule
from welfare_ledger.plugins.rules import markup, personal_data
from welfare_ledger.scripts.cli import cli

SAMPLES = Path(__file__).with_name("samples")
INJECTED = 'x\n2020-01-01 open Assets:Evil THB\nplugin "evil"\noption "title" "pwned"\n.csv'


def invoke(*args: str):
    return CliRunner().invoke(cli, ["--lang", "en", *args])


def test_a_file_name_cannot_inject_lines_or_publish_paths(tmp_path):
    crafted = tmp_path / INJECTED
    shutil.copy(SAMPLES / "bank_th_utf8.csv", crafted)
    result = invoke("import", str(crafted), "--account", "Assets:BangMueang:Bank:Krungthai")
    assert result.exit_code == 0, result.output
    entries, errors, options = parser.parse_string(result.stdout)
    assert errors == []
    assert not any(isinstance(e, data.Open) for e in entries)
    assert options["plugin"] == [] and options["title"] != "pwned"
    assert str(tmp_path) not in result.stdout
    comments = [line for line in result.stdout.splitlines() if line.startswith(";; x")]
    assert comments == [r';; x\n2020-01-01 open Assets:Evil THB\nplugin "evil"\noption "title" "pwned"\n.csv']
    balance = next(e for e in entries if isinstance(e, data.Balance))
    assert balance.meta["document"] == comments[0].removeprefix(";; "), "the document is named the same way"


def test_a_crafted_file_name_in_an_error_stays_on_one_line(tmp_path):
    crafted = tmp_path / INJECTED
    crafted.write_text("nothing tabular\n", encoding="utf-8")
    result = invoke("import", str(crafted), "--account", "Assets:BangMueang:Cash")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "\\n2020-01-01 open" in result.stderr


@pytest.mark.parametrize("layout", ALL, ids=lambda layout: layout.name)
def test_imported_statements_pass_the_privacy_and_markup_rules(tmp_path, layout):
    document = SAMPLES / layout.name
    result = invoke("import", str(document), "--account", layout.account)
    assert result.exit_code == 0, result.output
    text = '2000-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"\n' + result.stdout
    entries, errors, options = parser.parse_string(text)
    assert errors == []
    assert run_rule(personal_data, entries, errors, options) == []
    assert run_rule(markup, entries, errors, options) == []
