"""The register model: members, exits, committee terms, relations, bylaws and benefit tiers."""

from __future__ import annotations

import datetime
from decimal import Decimal

from ledger_doc import ledger_doc
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.register_reader import build_register

D = datetime.date


@ledger_doc
def test_register_reads_every_directive(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2021-03-15 custom "member" "BM-0001" "BangMueang"
    2021-03-15 custom "member" "BM-0002" "BangMueang"
    2022-01-01 custom "committee" "BM-0001" "treasurer"
    2023-01-01 custom "committee-exit" "BM-0001"
    2022-01-01 custom "related" "BM-0001" "BM-0002"
    2024-02-01 custom "member-exit" "BM-0002" "deceased"
    2022-01-01 custom "bylaw" "BangMueang"
      approvals-required: 3
      large-amount: 5000 THB
    2022-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 3000 THB
    2022-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 1095
      max-per-claim: 6000 THB
    2024-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 180
      max-per-claim: 4000 THB
    2022-03-01 custom "grant" "BM-G2565-01" "BangMueang" 150000 THB
      funder: "CODI"
      ends: 2022-12-31
    """
    assert not errors
    register = build_register(entries)
    assert not register.findings
    assert register.area_name("BangMueang") == "ตำบลบางเมือง"
    member = register.members["BM-0002"]
    assert member.exit_reason == "deceased"
    assert member.active_on(D(2024, 2, 1)) and not member.active_on(D(2024, 2, 2))
    assert not member.active_on(D(2021, 3, 14))
    assert register.is_committee("BM-0001", "BangMueang", D(2022, 6, 1))
    assert not register.is_committee("BM-0001", "BangMueang", D(2023, 1, 1))
    assert not register.is_committee("BM-0001", "ThaiBan", D(2022, 6, 1))
    assert register.related("BM-0002", "BM-0001", D(2022, 1, 1))
    assert not register.related("BM-0002", "BM-0001", D(2021, 12, 31))
    book = build_book(entries, options_map)
    policy = book.policy("BangMueang", D(2022, 5, 1))
    assert (policy.approvals_required, policy.large_amount, policy.approvals_large) == (3, Decimal(5000), 3)
    assert book.policy("BangMueang", D(2021, 5, 1)).approvals_required == 2
    old = register.members["BM-0001"]
    tier = register.tier_for("BangMueang", "Death", old, D(2024, 6, 1))
    assert tier is not None and tier.max_per_claim == Decimal(4000)
    tier = register.tier_for("BangMueang", "Death", old, D(2023, 6, 1))
    assert tier is not None and tier.max_per_claim == Decimal(3000)
    tier = register.tier_for("BangMueang", "Death", old, D(2024, 3, 20) - datetime.timedelta(days=1))
    assert tier is not None and tier.waiting_days == 180
    assert register.tier_for("BangMueang", "Death", old, D(2021, 6, 1)) is None
    assert register.grants["BM-G2565-01"].ends == D(2022, 12, 31)
    assert register.grants["BM-G2565-01"].amount == Decimal(150000)


@ledger_doc
def test_broken_registers_are_findings_not_crashes(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2021-01-01 custom "member" "BM-0001" "BangMueang"
    2021-01-02 custom "member" "BM-0001" "BangMueang"
    2021-01-03 custom "member" "XX-0001" "Nowhere"
    2021-01-04 custom "member-exit" "BM-9999" "deceased"
    2021-01-05 custom "committee" 42 "treasurer"
    """
    register = build_register(entries)
    messages = [(f.rule, f.line, f.message("en")) for f in register.findings]
    assert all(rule == "register" for rule, _, _ in messages)
    assert any("BM-0001 is registered twice" in m for _, _, m in messages)
    assert any("area Nowhere, which is not declared" in m for _, _, m in messages)
    assert any("BM-9999" in m for _, _, m in messages)
    assert any("needs 2 text values" in m for _, _, m in messages)
    assert {line for _, line, _ in messages} == {4, 5, 6, 7}
