"""Entries already in the book are left out, each book entry matching one imported entry at most."""

from __future__ import annotations

from pathlib import Path

from beancount.parser import parser
from click.testing import CliRunner
from welfare_ledger.scripts.cli import cli

SAMPLES = Path(__file__).with_name("samples")
BANK = "Assets:BangMueang:Bank:Krungthai"
CASH = "Assets:BangMueang:Cash"
HEAD = """\
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2022-01-01 open Assets:BangMueang:Bank:Krungthai THB
2022-01-01 open Assets:BangMueang:Cash THB
2022-01-01 open Expenses:BangMueang:Admin THB
2022-01-01 open Expenses:BangMueang:Benefits:Sickness THB
2022-01-01 open Income:BangMueang:Contributions THB
2022-01-01 open Equity:BangMueang:Opening THB
"""


def run_import(tmp_path: Path, book_text: str, document: Path, account: str):
    book = tmp_path / "book.beancount"
    book.write_text(HEAD + book_text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "import", str(document), "--account", account,
                                      "--book", str(book)])
    assert result.exit_code == 0, result.output
    entries, errors, _ = parser.parse_string(result.stdout)
    assert errors == []
    return result, entries


def test_bank_row_reclassified_in_book_is_left_out_once(tmp_path):
    book = """
2022-09-12 * "Transfer for office supplies"
  approved-by: "BM-0007 BM-0008"
  Assets:BangMueang:Bank:Krungthai  -1500.00 THB
  Expenses:BangMueang:Admin
"""
    result, entries = run_import(tmp_path, book, SAMPLES / "bank_th_utf8.csv", BANK)
    transfers = [e for e in entries if e.date.isoformat() == "2022-09-12" and hasattr(e, "postings")]
    assert len(transfers) == 1, "the second equal transfer of the day is not in the book"
    assert "6 new entries; 1 already in the book left out." in result.stderr


def test_balance_assertion_in_book_is_left_out(tmp_path):
    book = """
2022-10-01 balance Assets:BangMueang:Bank:Krungthai 23212.35 THB
"""
    _, entries = run_import(tmp_path, book, SAMPLES / "bank_th_utf8.csv", BANK)
    assert not any(type(e).__name__ == "Balance" for e in entries)


def test_contributions_known_by_receipt(tmp_path):
    book = """
2022-09-05 * "BM-0002 paid at the office"
  Assets:BangMueang:Cash  30.00 THB
  Income:BangMueang:Contributions  -30.00 THB
    member: "BM-0002"
    receipt: "2565-0002"
"""
    _, entries = run_import(tmp_path, book, SAMPLES / "contributions_th_cp874.csv", CASH)
    day = next(e for e in entries if e.date.isoformat() == "2022-09-05")
    assert [p.meta.get("receipt") for p in day.postings] == [None, "2565-0001", "2565-0003"]
    assert day.postings[0].units.number == 120


def test_claim_in_book_is_left_out(tmp_path):
    book = """
2022-10-10 * "Sickness benefit"
  member: "BM-0001"
  event-date: 2022-10-05
  Expenses:BangMueang:Benefits:Sickness  400.00 THB
  Assets:BangMueang:Cash
"""
    result, entries = run_import(tmp_path, book, SAMPLES / "claims_th_bom.csv", CASH)
    assert [e.meta["member"] for e in entries if hasattr(e, "postings")] == ["BM-0002", "BM-0004"]
    assert "2 new entries; 1 already in the book left out." in result.stderr


def test_import_with_book_runs_no_rule(tmp_path, monkeypatch):
    """The book is read for what it holds, not judged: `--book` costs a plain load, not an audit."""
    from welfare_ledger.plugins import audit

    calls: list[int] = []
    real = audit.load_rules

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(audit, "load_rules", counted)
    book = '\nplugin "welfare_ledger.plugins.transparency"\n'
    _, entries = run_import(tmp_path, book, SAMPLES / "bank_th_utf8.csv", BANK)
    assert entries
    assert calls == []
