"""Rule `cash-limit`: the cash box above the bylaw's `cash-limit` at the end of a day."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import cash_limit


@ledger_doc
def test_cash_kept_in_the_box_for_three_days(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "bylaw" "BangMueang"
      cash-limit: 5000 THB
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2022-06-01 * "Collection day"
      Assets:BangMueang:Cash  4000 THB
      Income:BangMueang:Contributions
    2022-06-02 * "Collection day, second"
      Assets:BangMueang:Cash  3000 THB
      Income:BangMueang:Contributions
    2022-06-03 * "Collection day, third"
      Assets:BangMueang:Cash  1000 THB
      Income:BangMueang:Contributions
    2022-06-05 * "Deposit at the bank"
      Assets:BangMueang:Cash  -6000 THB
      Assets:BangMueang:Bank:Krungthai
    2022-06-10 * "Big collection day"
      Assets:BangMueang:Cash  10000 THB
      Income:BangMueang:Contributions
    2022-06-10 * "Deposit the same day"
      Assets:BangMueang:Cash  -10000 THB
      Assets:BangMueang:Bank:Krungthai
    """
    findings = run_rule(cash_limit, entries, errors, options_map)
    assert len(findings) == 1
    finding = findings[0]
    assert finding.rule == "cash-limit" and finding.severity.value == "warning"
    assert finding.date == datetime.date(2022, 6, 2)
    assert finding.line == line_of(entries, "Collection day, second")
    assert finding.params["last"] == datetime.date(2022, 6, 4)
    english, thai = messages(finding)
    for text in ("7,000.00 THB", "5,000.00 THB", "8,000.00 THB", "2022-06-02", "2022-06-04"):
        assert text in english
    assert "2 มิ.ย. 2565" in thai and "8,000.00 บาท" in thai


@ledger_doc
def test_cash_deposited_the_same_day_and_a_higher_limit(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "bylaw" "BangMueang"
      cash-limit: 5000 THB
    2022-06-03 custom "bylaw" "BangMueang"
      cash-limit: 8000 THB
    2020-01-01 open Assets:BangMueang:Bank:Krungthai THB
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2022-06-01 * "Collection day"
      Assets:BangMueang:Cash  4000 THB
      Income:BangMueang:Contributions
    2022-06-02 * "Collection day, second"
      Assets:BangMueang:Cash  3000 THB
      Income:BangMueang:Contributions
    2022-06-02 * "Deposit the same day"
      Assets:BangMueang:Cash  -2000 THB
      Assets:BangMueang:Bank:Krungthai
    2022-06-03 * "Collection day, third"
      Assets:BangMueang:Cash  3000 THB
      Income:BangMueang:Contributions
    """
    assert run_rule(cash_limit, entries, errors, options_map) == []


@ledger_doc
def test_a_lower_limit_from_a_new_bylaw_starts_a_run(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2022-07-01 custom "bylaw" "BangMueang"
      cash-limit: 5000 THB
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2022-06-01 * "Collection day"
      Assets:BangMueang:Cash  6000 THB
      Income:BangMueang:Contributions
    2022-07-20 * "Collection day, July"
      Assets:BangMueang:Cash  10 THB
      Income:BangMueang:Contributions
    """
    findings = run_rule(cash_limit, entries, errors, options_map)
    assert [(f.date, f.params["last"]) for f in findings] == [
        (datetime.date(2022, 7, 1), datetime.date(2022, 7, 20))
    ]
