"""The red team's ways around the audit: each trick is caught on its line, and its honest neighbour is clean.

Every book is the small honest fund of `rule_helpers.FUND` plus a few entries, checked by the
whole audit as `welfare check` runs it (real loader, every rule). A trick must be reported by
the rule that exists to stop it, at the line where it is written; the close legal book next to
it must have no finding at all.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from rule_helpers import FUND, TODAY, audit_text, line_with, rules_at

if TYPE_CHECKING:
    from pathlib import Path

DOC = "documents/Expenses/BangMueang/Benefits/Sickness/2024-06-11.claim.pdf"
ADMIN_DOC = "documents/Expenses/BangMueang/Admin/Office/2024-06-12.receipt.pdf"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFARE_TODAY", TODAY)


def _book(extra: str) -> str:
    return FUND + extra


def test_a_benefit_paid_from_an_advance_the_bank_funded(tmp_path: Path) -> None:
    trick = _book("""
2024-06-10 * "Advance to the treasurer"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -50000 THB
  Assets:BangMueang:Advances:BM-0001
2024-06-11 * "Sickness benefit"
  member: "BM-0004"
  Assets:BangMueang:Advances:BM-0001  -50000 THB
  Expenses:BangMueang:Benefits:Sickness
""")
    found = rules_at(audit_text(tmp_path, trick, (DOC,)))
    line = line_with(trick, '"Sickness benefit"')
    assert {("approvals", line), ("missing-document", line), ("benefit-cap", line)} <= found
    assert not any(rule == "approvals" and at == line_with(trick, "Advance to the treasurer") for rule, at in found)


def test_an_honest_benefit_through_an_advance_is_clean(tmp_path: Path) -> None:
    legal = _book("""
2024-06-10 * "Advance to the treasurer"
  approved-by: "BM-0002 BM-0003"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Assets:BangMueang:Advances:BM-0001
2024-06-11 * "Sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Advances:BM-0001  -1500 THB
  Expenses:BangMueang:Benefits:Sickness
2024-07-01 balance Assets:BangMueang:Bank:GSB  100500 THB
  document: "statement-2024-06.pdf"
""")
    assert audit_text(tmp_path, legal, (DOC,)) == []


@pytest.mark.parametrize(
    ("destination", "rules"),
    [
        ("Equity:BangMueang:Opening", {"chart", "approvals", "missing-document", "payee"}),
        ("Expenses:Ghost:Admin", {"chart", "approvals", "missing-document", "payee"}),
    ],
)
def test_money_moved_to_equity_or_an_undeclared_area(tmp_path: Path, destination: str, rules: set[str]) -> None:
    trick = _book(f"""
2020-01-01 open {destination} THB
2024-06-12 * "Adjustment"
  Assets:BangMueang:Bank:GSB  -5000 THB
  {destination}
""")
    found = audit_text(tmp_path, trick)
    line = line_with(trick, '"Adjustment"')
    assert {f.rule for f in found if f.line == line} >= rules - {"chart"}
    assert "chart" in {f.rule for f in found}


def test_a_pad_from_equity_before_a_lower_balance(tmp_path: Path) -> None:
    trick = _book("""
2024-06-01 pad Assets:BangMueang:Bank:GSB Equity:BangMueang:Opening
2024-07-01 balance Assets:BangMueang:Bank:GSB  90000 THB
  document: "statement-2024-06.pdf"
""")
    found = rules_at(audit_text(tmp_path, trick))
    assert ("chart", line_with(trick, " pad ")) in found


def test_the_honest_balance_without_a_pad_is_clean(tmp_path: Path) -> None:
    legal = _book("""
2024-07-01 balance Assets:BangMueang:Bank:GSB  102000 THB
  document: "statement-2024-06.pdf"
""")
    assert audit_text(tmp_path, legal) == []


def test_a_benefit_whose_member_sits_on_the_expense_posting(tmp_path: Path) -> None:
    trick = _book("""
2024-05-01 custom "member" "BM-0005" "BangMueang"
2024-06-11 * "Sickness benefit"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Expenses:BangMueang:Benefits:Sickness  1500 THB
    member: "BM-0005"
""")
    found = rules_at(audit_text(tmp_path, trick, (DOC,)))
    line = line_with(trick, "Expenses:BangMueang:Benefits:Sickness  1500 THB")
    assert ("waiting-period", line) in found


def test_a_member_written_as_a_number(tmp_path: Path) -> None:
    trick = _book("""
2024-06-11 * "Sickness benefit"
  member: 4
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Expenses:BangMueang:Benefits:Sickness
""")
    found = rules_at(audit_text(tmp_path, trick, (DOC,)))
    line = line_with(trick, "member: 4")
    assert ("unknown-member", line) in found or ("unknown-member", line - 1) in found
    assert any(rule == "register" for rule, _ in found)


@pytest.mark.parametrize(
    "option",
    [
        'option "plugin_processing_mode" "raw"',
        'option "tolerance_multiplier" "100"',
        'option "inferred_tolerance_default" "THB:1000"',
    ],
)
def test_options_that_switch_reconciliation_off(tmp_path: Path, option: str) -> None:
    trick = option + "\n" + _book("""
2024-07-01 balance Assets:BangMueang:Bank:GSB  101900 THB
  document: "statement-2024-06.pdf"
""")
    found = audit_text(tmp_path, trick)
    assert ("book-options", 1) in rules_at(found)
    assert any(f.rule == "beancount" and "Balance failed" in f.message("en") for f in found), [
        f.message("en") for f in found
    ]


def test_a_tolerance_on_a_fund_balance(tmp_path: Path) -> None:
    trick = _book("""
2024-07-01 balance Assets:BangMueang:Bank:GSB  101900 ~ 200 THB
""")
    assert ("book-options", line_with(trick, "~ 200")) in rules_at(audit_text(tmp_path, trick))


@pytest.mark.parametrize(
    ("key", "value", "severity"),
    [
        ("large-amount", "99999999 THB", "error"),
        ("cash-limit", "99999999 THB", "error"),
        ("admin-cap", "101", "error"),
        ("admin-cap", "100", "warning"),
        ("dues-per-month", "0 THB", "error"),
        ("dues-per-month", "-30 THB", "error"),
        ("approvals-required", "1", "error"),
        ("large-amount", '"NaN"', "error"),
    ],
)
def test_bylaws_loosened(tmp_path: Path, key: str, value: str, severity: str) -> None:
    trick = _book(f"""
2024-01-01 custom "bylaw" "BangMueang"
  {key}: {value}
""")
    found = [f for f in audit_text(tmp_path, trick) if f.rule == "weakened-bylaw"]
    assert [(f.severity.value, f.line) for f in found] == [(severity, line_with(trick, '"bylaw"'))]


def test_a_loosened_bylaw_backed_by_the_members_meeting_is_clean(tmp_path: Path) -> None:
    legal = _book("""
2024-01-01 custom "bylaw" "BangMueang"
  admin-cap: 30
  meeting: "2024-01-01.minutes.pdf"
2024-07-01 balance Assets:BangMueang:Bank:GSB  102000 THB
  document: "statement-2024-06.pdf"
""")
    assert audit_text(tmp_path, legal, ("2024-01-01.minutes.pdf",)) == []


def test_a_benefit_rule_without_a_waiting_period(tmp_path: Path) -> None:
    trick = _book("""
2024-01-01 custom "benefit-rule" "BangMueang" "Sickness"
  waiting-days: 0
  max-per-claim: 2000 THB
""")
    found = [f for f in audit_text(tmp_path, trick) if f.rule == "weakened-bylaw" and f.severity.value == "error"]
    assert [f.line for f in found] == [line_with(trick, '2024-01-01 custom "benefit-rule"')]


def test_a_deceased_committee_member_still_approving(tmp_path: Path) -> None:
    trick = _book("""
2024-06-01 custom "member-exit" "BM-0003" "deceased"
2024-06-12 * "Office" "Paper"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-12.receipt.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
""")
    found = rules_at(audit_text(tmp_path, trick, (ADMIN_DOC,)))
    assert ("approvals", line_with(trick, '"Office" "Paper"')) in found


def test_living_committee_members_approving_are_clean(tmp_path: Path) -> None:
    legal = _book("""
2024-06-12 * "Office" "Paper"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-12.receipt.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
2024-07-01 balance Assets:BangMueang:Bank:GSB  101700 THB
  document: "statement-2024-06.pdf"
""")
    assert audit_text(tmp_path, legal, (ADMIN_DOC,)) == []


def test_a_payee_who_approves_their_own_reimbursement(tmp_path: Path) -> None:
    trick = _book("""
2024-06-12 * "BM-0002" "Reimbursement of travel"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-12.receipt.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
""")
    found = rules_at(audit_text(tmp_path, trick, (ADMIN_DOC,)))
    assert ("self-approval", line_with(trick, "Reimbursement of travel")) in found


@pytest.mark.parametrize("document", ["Office", "../../../../../../etc/passwd", "/etc/passwd"])
def test_a_document_that_is_a_folder_or_outside_the_books(tmp_path: Path, document: str) -> None:
    trick = _book(f"""
2024-06-12 * "Office" "Paper"
  approved-by: "BM-0002 BM-0003"
  document: "{document}"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
""")
    found = rules_at(audit_text(tmp_path, trick, (ADMIN_DOC,)))
    assert ("missing-document", line_with(trick, '"Office" "Paper"')) in found


def test_a_benefit_booked_to_running_costs(tmp_path: Path) -> None:
    trick = _book("""
2024-06-12 * "Help for a member"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-12.receipt.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
""")
    found = rules_at(audit_text(tmp_path, trick, (ADMIN_DOC,)))
    assert ("benefit-account", line_with(trick, "Help for a member")) in found


def test_an_event_date_after_the_payment(tmp_path: Path) -> None:
    trick = _book("""
2024-06-11 * "Sickness benefit"
  member: "BM-0004"
  event-date: 2025-01-05
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Expenses:BangMueang:Benefits:Sickness
""")
    found = rules_at(audit_text(tmp_path, trick, (DOC,)))
    assert ("event-date", line_with(trick, '"Sickness benefit"')) in found


def test_the_honest_sickness_benefit_is_clean(tmp_path: Path) -> None:
    legal = _book("""
2024-06-11 * "Sickness benefit"
  member: "BM-0004"
  event-date: 2024-06-05
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Expenses:BangMueang:Benefits:Sickness
2024-07-01 balance Assets:BangMueang:Bank:GSB  100500 THB
  document: "statement-2024-06.pdf"
""")
    assert audit_text(tmp_path, legal, (DOC,)) == []


@pytest.mark.parametrize(
    "bad",
    [
        '2024-01-01 custom "bylaw" "BangMueang"\n  large-amount: "NaN"\n',
        '2024-01-01 custom "benefit-rule" "BangMueang" "Sickness"\n  waiting-days: 100000000000\n',
        '9999-12-31 * "Far future"\n  Assets:BangMueang:Bank:GSB  -1 THB\n  Expenses:BangMueang:Admin:Office\n',
        '2024-01-01 custom "area"\n',
        '2024-01-01 custom "cash-count" "BangMueang" "lots"\n',
        '2024-01-01 custom "member" "BM-0009" "BangMueang"\n  born: "yesterday"\n  village: -3\n',
    ],
)
def test_one_bad_value_does_not_blank_the_audit(tmp_path: Path, bad: str) -> None:
    trick = _book(bad + """
2024-06-12 * "Office" "Paper, approved by one"
  approved-by: "BM-0002"
  document: "2024-06-12.receipt.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
""")
    found = audit_text(tmp_path, trick, (ADMIN_DOC,))
    assert ("approvals", line_with(trick, "approved by one")) in rules_at(found)
    assert not any("could not finish" in f.message("en") for f in found), [f.message("en") for f in found]
    assert any(f.rule in ("register", "weakened-bylaw", "stale-books", "approvals") for f in found)


def test_a_hand_written_padding_flag_inside_a_sealed_month(tmp_path: Path) -> None:
    from welfare_ledger.plugins.loader import load_book
    from welfare_ledger.plugins.rules.seal import digest_for

    honest = _book("""
2024-06-12 * "Office" "Paper"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-12.receipt.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
2024-07-01 balance Assets:BangMueang:Bank:GSB  101700 THB
  document: "statement-2024-06.pdf"
""")
    assert audit_text(tmp_path, honest, (ADMIN_DOC,)) == []
    digest = digest_for(load_book(tmp_path / "book.beancount").facts(), "BangMueang", datetime.date(2024, 6, 30))
    sealed = honest + f'2024-06-30 custom "seal" "BangMueang" "{digest}"\n'
    assert audit_text(tmp_path, sealed, (ADMIN_DOC,)) == []
    hidden = sealed.replace('2024-06-12 * "Office"', '2024-06-12 P "Office"')
    found = audit_text(tmp_path, hidden, (ADMIN_DOC,))
    assert ("book-options", line_with(hidden, '2024-06-12 P "Office"')) in rules_at(found)
    seal = [f for f in found if f.rule == "seal"]
    assert len(seal) == 1 and "2024-06" in seal[0].message("en")


def test_a_funeral_paid_for_a_member_the_register_shows_alive(tmp_path: Path) -> None:
    funeral = """
2020-01-01 open Expenses:BangMueang:Benefits:Death THB
2020-01-01 custom "benefit-rule" "BangMueang" "Death"
  waiting-days: 180
  max-per-claim: 3000 THB
2024-06-11 * "Death benefit"
  member: "BM-0004"
  event-date: 2024-06-05
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -3000 THB
  Expenses:BangMueang:Benefits:Death
2024-07-01 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-06.pdf"
"""
    claim = "documents/Expenses/BangMueang/Benefits/Death/2024-06-11.claim.pdf"
    trick = _book(funeral)
    assert ("inactive-member", line_with(trick, '"Death benefit"')) in rules_at(audit_text(tmp_path, trick, (claim,)))
    legal = _book(funeral + '2024-06-05 custom "member-exit" "BM-0004" "deceased"\n')
    assert audit_text(tmp_path, legal, (claim,)) == []
