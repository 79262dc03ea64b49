"""The importers on Fava's import page: identified, extracted and deduplicated by Fava itself."""

from __future__ import annotations

import shutil
from pathlib import Path

from fava.core import FavaLedger

SAMPLES = Path(__file__).with_name("samples")
CONFIG = """\
from welfare_ledger.importers.bank import BankImporter
from welfare_ledger.importers.claims import ClaimsImporter
from welfare_ledger.importers.contributions import ContributionsImporter

CONFIG = [
    BankImporter("Assets:BangMueang:Bank:Krungthai"),
    ContributionsImporter("Assets:BangMueang:Cash"),
    ClaimsImporter("Assets:BangMueang:Cash"),
    ContributionsImporter("Assets:BanNa:Cash"),
]
"""
BOOK = """\
option "operating_currency" "THB"
2010-01-01 custom "fava-option" "import-config" "import_config.py"
2010-01-01 custom "fava-option" "import-dirs" "imports"
2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
2020-01-01 open Expenses:BangMueang:Unclassified THB
2022-09-12 * "Paid by hand"
  Assets:BangMueang:Bank:Krungthai  -1500.00 THB
  Expenses:BangMueang:Unclassified
"""


def test_fava_import_page_uses_the_importers(tmp_path):
    (tmp_path / "imports").mkdir()
    for name in ("bank_th_utf8.csv", "contributions_en.xlsx", "claims_th_bom.csv"):
        shutil.copy(SAMPLES / name, tmp_path / "imports")
    (tmp_path / "import_config.py").write_text(CONFIG, encoding="utf-8")
    (tmp_path / "main.beancount").write_text(BOOK, encoding="utf-8")
    ledger = FavaLedger(str(tmp_path / "main.beancount"))
    order_before = [id(e) for e in ledger.all_entries]

    found = {f.basename: [i.importer_name.rsplit(".", 1)[-1] for i in f.importers]
             for f in ledger.ingest.import_data()}
    assert found == {
        "bank_th_utf8.csv": ["BankImporter:Assets:BangMueang:Bank:Krungthai"],
        "contributions_en.xlsx": ["ContributionsImporter:Assets:BangMueang:Cash",
                                  "ContributionsImporter:Assets:BanNa:Cash"],
        "claims_th_bom.csv": ["ClaimsImporter:Assets:BangMueang:Cash"],
    }

    bank = str(tmp_path / "imports" / "bank_th_utf8.csv")
    entries = ledger.ingest.extract(bank, "welfare_ledger.importers.bank.BankImporter:"
                                          "Assets:BangMueang:Bank:Krungthai")
    duplicates = [e for e in entries if e.meta.get("__duplicate__")]
    assert len(entries) == 7
    assert [(d.date.isoformat(), d.narration) for d in duplicates] == [
        ("2022-09-12", "โอนเงิน พร้อมเพย์ xxxxxx5678")]
    assert [id(e) for e in ledger.all_entries] == order_before
