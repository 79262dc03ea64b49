"""Every sample next to its expected `.beancount` output (beangulp's way), the banks' sums and balances.

The banks' layouts (`bank_layouts`) compute their own balances; the expected outputs must
carry exactly their rows, money in and out, and closing balance, and each layout corrupted
(a balance that does not follow, a sign flipped, a row missing) must be refused at the row.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bank_layouts import ALL, LAYOUTS, Layout
from beancount.core import data
from beancount.parser import parser
from beangulp import testing
from click.testing import CliRunner
from welfare_ledger.importers.chart import in_chart
from welfare_ledger.importers.registry import IMPORTERS, importers_for
from welfare_ledger.scripts.cli import cli

SAMPLES = Path(__file__).with_name("samples")
DOCUMENTS = sorted(p for p in SAMPLES.iterdir() if p.suffix != ".beancount")
KINDS = {"bank": "BankImporter", "contributions": "ContributionsImporter", "claims": "ClaimsImporter"}
MIDDLE = 2


def expected_account(document: Path) -> str:
    first = Path(f"{document}.beancount").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith(";; Account: ")
    return first.removeprefix(";; Account: ")


def test_at_least_eight_real_layouts_and_every_variant():
    names = {p.name for p in DOCUMENTS}
    assert len(ALL) >= 8
    assert set(LAYOUTS) <= names
    for prefix in KINDS:
        assert any(n.startswith(prefix) and n.endswith(".csv") for n in names), prefix
    for prefix in ("contributions", "claims"):
        assert any(n.startswith(prefix) and n.endswith(".xlsx") for n in names), prefix
    raw = {p.name: p.read_bytes() for p in DOCUMENTS if p.suffix in (".csv", ".txt")}
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values()), "UTF-8 with BOM"
    assert any(not data.startswith(b"\xef\xbb\xbf") and _is_utf8(data) for data in raw.values())
    assert any(not _is_utf8(data) for data in raw.values()), "Windows-874"
    assert any(b"\t" in data for data in raw.values()), "tab-separated"
    assert (SAMPLES / "bank_krungthai_statement.xls").read_bytes().startswith(b"<html"), "HTML named .xls"


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_sample_matches_expected_output(document: Path):
    importers = importers_for(expected_account(document))
    identified = [i for i in importers if i.identify(str(document))]
    assert [type(i).__name__ for i in identified] == [KINDS[document.name.split("_")[0]]]
    found = testing.run_importer(identified[0], str(document))
    diff = testing.compare_expected(f"{document}.beancount", *found)
    assert not diff, "".join(diff)


@pytest.mark.parametrize("layout", ALL, ids=lambda layout: layout.name)
def test_layout_file_is_what_the_generator_writes(layout: Layout):
    assert (SAMPLES / layout.name).read_bytes() == layout.render()[0]


@pytest.mark.parametrize("layout", ALL, ids=lambda layout: layout.name)
def test_expected_output_has_the_statements_sums_and_balance(layout: Layout):
    entries, errors, _ = parser.parse_file(str(SAMPLES / f"{layout.name}.beancount"))
    assert errors == []
    txns = [e for e in entries if isinstance(e, data.Transaction)]
    bank = [p.units.number for t in txns for p in t.postings if p.account == layout.account]
    assert len(txns) == len(bank) == len(layout.moves)
    assert sum(n for n in bank if n > 0) == layout.money_in
    assert -sum(n for n in bank if n < 0) == layout.money_out
    assert layout.opening + sum(bank) == layout.closing
    (balance,) = [e for e in entries if isinstance(e, data.Balance)]
    assert (balance.account, balance.amount.number) == (layout.account, layout.closing)
    assert balance.date > max(m.day for m in layout.moves)
    assert balance.meta["document"] == layout.name
    for txn in txns:
        other = txn.postings[1].account
        assert in_chart(other, "BangMueang") or other.endswith(":Unclassified"), other
        assert (txn.flag == "!") == other.endswith(":Unclassified")


CORRUPTIONS = {
    "balance": lambda layout: (layout.render(rebalance=MIDDLE), MIDDLE),
    "sign": lambda layout: (layout.render(flip=MIDDLE), MIDDLE),
    "missing": lambda layout: (layout.render(drop=MIDDLE), MIDDLE + 1),
}


@pytest.mark.parametrize("kind", CORRUPTIONS)
@pytest.mark.parametrize("layout", ALL, ids=lambda layout: layout.name)
def test_corrupted_statement_is_refused_at_the_row(tmp_path, layout: Layout, kind: str):
    (raw, rows), broken = CORRUPTIONS[kind](layout)
    statement = tmp_path / layout.name
    statement.write_bytes(raw)
    output = tmp_path / "out.beancount"
    result = CliRunner().invoke(cli, ["--lang", "en", "import", str(statement), "--account", layout.account,
                                      "--output", str(output)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{statement}, row {rows[broken]}, column " in lines[0]
    assert "does not follow" in lines[0]
    assert not output.exists()


def test_registry_knows_three_importers():
    assert {kind.__name__ for kind in IMPORTERS} == set(KINDS.values())


def test_thai_message_of_a_broken_balance(tmp_path):
    layout = LAYOUTS["bank_kasikorn_statement_th.csv"]
    (raw, rows), broken = CORRUPTIONS["balance"](layout)
    statement = tmp_path / layout.name
    statement.write_bytes(raw)
    result = CliRunner().invoke(cli, ["--lang", "th", "import", str(statement), "--account", layout.account])
    assert result.exit_code == 2
    assert f"แถวที่ {rows[broken]} คอลัมน์ ยอดคงเหลือ" in result.stderr
