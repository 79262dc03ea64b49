"""Rule `bank-reconciliation`: each month a passbook moves needs a balance dated the 2nd to the 1st,
backed by the statement it was copied from."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING

from beancount import loader
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import bank_reconciliation

if TYPE_CHECKING:
    from pathlib import Path

HEAD = """option "documents" "documents"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
2020-01-01 open Assets:BangMueang:Cash THB
2020-01-01 open Equity:BangMueang:Opening THB
2020-01-01 open Expenses:BangMueang:Admin THB
2022-01-05 * "Opening balance"
  Assets:BangMueang:Bank:Krungthai  10000 THB
  Assets:BangMueang:Cash  1000 THB
  Equity:BangMueang:Opening
"""
STATEMENTS = "documents/Assets/BangMueang/Bank/Krungthai"


def _run(tmp_path: Path, body: str, *, missing: tuple[str, ...] = ()):
    folder = tmp_path / STATEMENTS
    folder.mkdir(parents=True)
    for name in set(re.findall(r'document: "([^"]+)"', body)) - set(missing):
        (folder / name).write_bytes(b"%PDF statement " + name.encode())
    book = tmp_path / "book.beancount"
    book.write_text(HEAD + body, encoding="utf-8")
    entries, errors, options = loader.load_file(str(book))
    return entries, run_rule(bank_reconciliation, entries, errors, options)


def test_a_month_without_a_balance_assertion(tmp_path: Path) -> None:
    entries, findings = _run(tmp_path, """
2022-02-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
  document: "statement-2022-01.pdf"
2022-03-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
  document: "statement-2022-02.pdf"
2022-03-10 * "Stationery"
  Assets:BangMueang:Bank:Krungthai  -1000 THB
  Expenses:BangMueang:Admin
2022-04-02 balance Assets:BangMueang:Bank:Krungthai  9000 THB
  document: "statement-2022-04-a.pdf"
2022-04-05 * "Bank fee"
  Assets:BangMueang:Bank:Krungthai  -500 THB
  Expenses:BangMueang:Admin
2022-05-10 * "Bank fee, month still open"
  Assets:BangMueang:Bank:Krungthai  -10 THB
  Expenses:BangMueang:Admin
""")
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "bank-reconciliation" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2022, 3, 10)
    assert finding.line == line_of(entries, "Stationery")
    assert finding.area == "BangMueang"
    english, thai = messages(finding)
    for text in ("Assets:BangMueang:Bank:Krungthai", "2022-03-01", "2022-03-31", "2022-03-02", "2022-04-01"):
        assert text in english
    assert "2 มี.ค. 2565" in thai and "1 เม.ย. 2565" in thai


def test_a_balance_on_the_first_of_the_next_month_reconciles(tmp_path: Path) -> None:
    _, findings = _run(tmp_path, """
2022-02-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
  document: "statement-2022-01.pdf"
2022-03-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
  document: "statement-2022-02.pdf"
2022-03-10 * "Stationery"
  Assets:BangMueang:Bank:Krungthai  -1000 THB
  Expenses:BangMueang:Admin
2022-04-01 balance Assets:BangMueang:Bank:Krungthai  9000 THB
  document: "statement-2022-03.pdf"
2022-04-05 * "Bank fee"
  Assets:BangMueang:Bank:Krungthai  -500 THB
  Expenses:BangMueang:Admin
2022-05-01 balance Assets:BangMueang:Bank:Krungthai  8500 THB
  document: "statement-2022-04.pdf"
2022-06-20 * "Tea for the meeting, from the cash box"
  Assets:BangMueang:Cash  -100 THB
  Expenses:BangMueang:Admin
""")
    assert findings == []


def test_a_balance_copied_from_a_passbook_nobody_can_see(tmp_path: Path) -> None:
    _, findings = _run(
        tmp_path,
        """
2022-02-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
2022-03-01 balance Assets:BangMueang:Bank:Krungthai  10000 THB
  document: "statement-2022-02.pdf"
2022-03-10 * "Stationery"
  Assets:BangMueang:Bank:Krungthai  -1000 THB
  Expenses:BangMueang:Admin
2022-04-01 balance Assets:BangMueang:Bank:Krungthai  9000 THB
  document: "forged-passbook.pdf"
2022-05-10 * "Later entry"
  Assets:BangMueang:Cash  -10 THB
  Expenses:BangMueang:Admin
""",
        missing=("forged-passbook.pdf",),
    )
    assert [(f.date, f.msgid) for f in findings] == [
        (datetime.date(2022, 2, 1), bank_reconciliation.MSG_UNBACKED),
        (datetime.date(2022, 4, 1), bank_reconciliation.MSG_UNBACKED),
    ]
    english, _ = messages(findings[1])
    assert "statement" in english and "2022-03-01" in english
