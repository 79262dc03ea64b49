"""Rule `grant-unknown`: a `grant:` code not declared, or a project expense with no `grant:`."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule, txn
from welfare_ledger.plugins.rules import grant_unknown


@ledger_doc
def test_project_spending_without_a_grant_and_an_undeclared_grant(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2022-03-01 custom "grant" "NB-G2565-01" "NongBua" 50000 THB
      ends: 2022-12-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Grants THB
    2020-01-01 open Expenses:BangMueang:Projects:Seedlings THB
    2022-03-05 * "CODI" "Grant received"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  150000 THB
      Income:BangMueang:Grants
    2022-04-01 * "Nursery" "Seedlings, no grant named"
      Assets:BangMueang:Bank:Krungthai  -2000 THB
      Expenses:BangMueang:Projects:Seedlings
    2022-04-02 * "Nursery" "Seedlings, mistyped grant"
      Assets:BangMueang:Bank:Krungthai  -3000 THB
      Expenses:BangMueang:Projects:Seedlings
        grant: "BM-G2565-10"
    2022-04-03 * "Nursery" "Seedlings, other area's grant"
      grant: "NB-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -4000 THB
      Expenses:BangMueang:Projects:Seedlings
    """
    findings = run_rule(grant_unknown, entries, errors, options_map)
    assert [(f.rule, f.severity.value, f.date) for f in findings] == [
        ("grant-unknown", "error", datetime.date(2022, 4, d)) for d in (1, 2, 3)
    ]
    missing, mistyped, elsewhere = findings
    posting = txn(entries, "Seedlings, no grant named").postings[1]
    assert missing.line == posting.meta["lineno"]
    english, thai = messages(missing)
    assert "2,000.00 THB" in english and "Expenses:BangMueang:Projects:Seedlings" in english
    assert "grant:" in english and "2,000.00 บาท" in thai
    assert mistyped.line == txn(entries, "Seedlings, mistyped grant").postings[1].meta["lineno"]
    assert "BM-G2565-10" in mistyped.message("en") and "not declared" in mistyped.message("en")
    assert elsewhere.line == txn(entries, "Seedlings, other area's grant").meta["lineno"]
    assert "NongBua" in elsewhere.message("en")


@ledger_doc
def test_grant_named_on_the_posting_or_the_transaction(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Grants THB
    2020-01-01 open Expenses:BangMueang:Projects:Seedlings THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-03-05 * "CODI" "Grant received"
      Assets:BangMueang:Bank:Krungthai  150000 THB
      Income:BangMueang:Grants
        grant: "BM-G2565-01"
    2022-04-01 * "Nursery" "Seedlings"
      grant: "BM-G2565-01"
      Assets:BangMueang:Bank:Krungthai  -2000 THB
      Expenses:BangMueang:Projects:Seedlings
    2022-04-02 * "Stationery is not a project"
      Assets:BangMueang:Bank:Krungthai  -300 THB
      Expenses:BangMueang:Admin
    """
    assert run_rule(grant_unknown, entries, errors, options_map) == []
