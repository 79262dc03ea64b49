"""Rule `admin-cap`: running costs of a calendar year above `admin-cap` percent of its income."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import admin_cap


@ledger_doc
def test_running_costs_above_the_cap(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Interest THB
    2020-01-01 open Expenses:BangMueang:Admin:Allowances THB
    2022-01-31 * "Contributions of January"
      Assets:BangMueang:Bank:Krungthai  9900 THB
      Income:BangMueang:Contributions
    2022-06-30 * "Interest"
      Assets:BangMueang:Bank:Krungthai  100 THB
      Income:BangMueang:Interest
    2022-03-01 * "Meeting allowances"
      Assets:BangMueang:Bank:Krungthai  -1500 THB
      Expenses:BangMueang:Admin:Allowances
    2022-11-01 * "Meeting allowances, November"
      Assets:BangMueang:Bank:Krungthai  -1000 THB
      Expenses:BangMueang:Admin:Allowances
    2023-01-31 * "Contributions of 2023"
      Assets:BangMueang:Bank:Krungthai  1000 THB
      Income:BangMueang:Contributions
    2023-02-01 * "Meeting allowances, 2023"
      Assets:BangMueang:Bank:Krungthai  -100 THB
      Expenses:BangMueang:Admin:Allowances
    """
    findings = run_rule(admin_cap, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "admin-cap" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2022, 11, 1)
    assert finding.line == line_of(entries, "Meeting allowances, November")
    english, thai = messages(finding)
    for text in ("2,500.00 THB", "25%", "10,000.00 THB", "20%", "2,000.00 THB", "2022-01-01",
                 "2022-12-31"):
        assert text in english
    assert "1 ม.ค. 2565" in thai and "ร้อยละ 25" in thai


@ledger_doc
def test_running_costs_at_the_cap_are_fine(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2021-01-01 custom "bylaw" "BangMueang"
      admin-cap: 25
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Interest THB
    2020-01-01 open Expenses:BangMueang:Admin:Allowances THB
    2022-01-31 * "Contributions of January"
      Assets:BangMueang:Bank:Krungthai  9900 THB
      Income:BangMueang:Contributions
    2022-06-30 * "Interest"
      Assets:BangMueang:Bank:Krungthai  100 THB
      Income:BangMueang:Interest
    2022-03-01 * "Meeting allowances"
      Assets:BangMueang:Bank:Krungthai  -1500 THB
      Expenses:BangMueang:Admin:Allowances
    2022-11-01 * "Meeting allowances, November"
      Assets:BangMueang:Bank:Krungthai  -1000 THB
      Expenses:BangMueang:Admin:Allowances
    """
    assert run_rule(admin_cap, entries, errors, options_map) == []
