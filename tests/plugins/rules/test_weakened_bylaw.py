"""Rule `weakened-bylaw`: no bylaw below two approvers, or with fewer for large outflows."""

from __future__ import annotations

import datetime

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule
from welfare_ledger.plugins.rules import weakened_bylaw


@ledger_doc
def test_bylaws_that_weaken_approvals(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2021-01-01 custom "bylaw" "BangMueang"
      approvals-required: 1
    2022-01-01 custom "bylaw" "NongBua"
      approvals-required: 3
      approvals-large: 2
    """
    findings = run_rule(weakened_bylaw, entries, errors, options_map)
    assert [(f.area, f.date, f.line) for f in findings] == [
        ("BangMueang", datetime.date(2021, 1, 1), 4),
        ("NongBua", datetime.date(2022, 1, 1), 6),
    ]
    assert all(f.severity.value == "error" for f in findings)
    too_few, too_few_th = messages(findings[0])
    assert "approvals-required to 1" in too_few and "at least 2" in too_few
    assert "1 ม.ค. 2564" in too_few_th and "ตำบลบางเมือง" in too_few_th
    below, _ = messages(findings[1])
    assert "approvals-large to 2, below approvals-required of 3" in below
    assert "10,000.00 THB" in below


@ledger_doc
def test_bylaws_that_keep_or_tighten_approvals(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2021-01-01 custom "bylaw" "BangMueang"
      approvals-required: 2
      approvals-large: 2
    2022-01-01 custom "bylaw" "NongBua"
      approvals-required: 3
      large-amount: 5000 THB
    """
    assert run_rule(weakened_bylaw, entries, errors, options_map) == []
