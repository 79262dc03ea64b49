"""Rule `missing-document`: each outflow names its files and each is found as Fava finds it."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from beancount import loader
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import missing_document

if TYPE_CHECKING:
    from pathlib import Path

MAIN = """
option "operating_currency" "THB"
option "documents" "documents"
include "areas/BangMueang/area.beancount"
"""

AREA = """
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Cash THB
2020-01-01 open Equity:BangMueang:Opening THB
2020-01-01 open Expenses:BangMueang:Admin THB
2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
2020-01-01 custom "member" "BM-0001" "BangMueang"
2020-01-02 * "Opening"
  Assets:BangMueang:Cash  50000 THB
  Equity:BangMueang:Opening
2022-03-01 * "Claim form in the account's documents folder"
  member: "BM-0001"
  document: "2022-03-01.claim-BM-0001.pdf"
  Assets:BangMueang:Cash  -500 THB
  Expenses:BangMueang:Benefits:Sickness
2022-03-02 * "Receipt next to the book, and a second page in the folder of the cash box"
  document: "scans/2022-03-02.receipt.jpg"
  document-2: "2022-03-02.page-2.jpg"
  Assets:BangMueang:Cash  -300 THB
  Expenses:BangMueang:Admin
"""

BROKEN = """
2022-03-03 * "Stationery without a document"
  Assets:BangMueang:Cash  -100 THB
  Expenses:BangMueang:Admin
2022-03-04 * "Claim form in another account's folder"
  member: "BM-0001"
  document: "2022-03-04.tea.pdf"
  Assets:BangMueang:Cash  -200 THB
  Expenses:BangMueang:Benefits:Sickness
2022-03-05 * "Second page lost"
  document: "scans/2022-03-02.receipt.jpg"
  document-2: "2022-03-05.page-2.jpg"
  Assets:BangMueang:Cash  -300 THB
  Expenses:BangMueang:Admin
"""


def write_book(root: Path, *parts: str) -> Path:
    """A province book with one area and the documents its legal entries name."""
    area = root / "areas" / "BangMueang"
    (area / "scans").mkdir(parents=True)
    (area / "scans" / "2022-03-02.receipt.jpg").write_bytes(b"jpg")
    sickness = root / "documents" / "Expenses" / "BangMueang" / "Benefits" / "Sickness"
    sickness.mkdir(parents=True)
    (sickness / "2022-03-01.claim-BM-0001.pdf").write_bytes(b"%PDF")
    cash = root / "documents" / "Assets" / "BangMueang" / "Cash"
    cash.mkdir(parents=True)
    (cash / "2022-03-02.page-2.jpg").write_bytes(b"jpg")
    admin = root / "documents" / "Expenses" / "BangMueang" / "Admin"
    admin.mkdir(parents=True)
    (admin / "2022-03-04.tea.pdf").write_bytes(b"%PDF")
    (area / "area.beancount").write_text(textwrap.dedent("".join(parts)), encoding="utf-8")
    main = root / "main.beancount"
    main.write_text(MAIN, encoding="utf-8")
    return main


def test_outflows_without_their_documents(tmp_path):
    main = write_book(tmp_path, AREA, BROKEN)
    entries, errors, options_map = loader.load_file(str(main))
    findings = run_rule(missing_document, entries, errors, options_map)
    assert [(f.line, f.msgid, f.params.get("document")) for f in findings] == [
        (line_of(entries, "Stationery without a document"), missing_document.MSG_NONE, None),
        (
            line_of(entries, "Claim form in another account's folder"),
            missing_document.MSG_NOT_FOUND,
            "2022-03-04.tea.pdf",
        ),
        (
            line_of(entries, "Second page lost"),
            missing_document.MSG_NOT_FOUND,
            "2022-03-05.page-2.jpg",
        ),
    ]
    assert all(f.file.endswith("area.beancount") and f.area == "BangMueang" for f in findings)
    assert all(f.severity.value == "error" for f in findings)
    none, none_th = messages(findings[0])
    assert "100.00 THB" in none and "2022-03-03" in none and "no `document`" in none
    assert "3 มี.ค. 2565" in none_th
    lost, _ = messages(findings[2])
    assert "2022-03-05.page-2.jpg" in lost and "area.beancount" in lost


def test_documents_next_to_the_book_or_in_an_accounts_folder(tmp_path):
    main = write_book(tmp_path, AREA)
    entries, errors, options_map = loader.load_file(str(main))
    assert run_rule(missing_document, entries, errors, options_map) == []
