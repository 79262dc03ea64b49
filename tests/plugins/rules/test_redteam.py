"""More of a dishonest treasurer's ways around the audit: each is caught on its line, its honest neighbour is clean.

Like `test_evasions.py`, every book is the small honest fund of `rule_helpers.FUND` plus a few
entries, checked by the whole audit as `welfare check` runs it. These are the tricks a red-team
pass found still passing `welfare check --strict`: a receipt number reused in another spelling,
an advance to a code nobody registered, a price on baht that makes one baht balance five
thousand, and a benefit "paid back" with no money coming back to reset the year's cap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from rule_helpers import FUND, TODAY, audit_text, line_with, rules_at

if TYPE_CHECKING:
    from pathlib import Path

SICKNESS = "documents/Expenses/BangMueang/Benefits/Sickness/"


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFARE_TODAY", TODAY)


def _collection(second_receipt: str) -> str:
    return (
        FUND
        + f"""
2024-06-02 * "Collection day"
  Assets:BangMueang:Bank:GSB  60 THB
  Income:BangMueang:Contributions  -30 THB
    member: "BM-0003"
    receipt: "2567-0002"
  Income:BangMueang:Contributions  -30 THB
    member: "BM-0002"
    receipt: "{second_receipt}"
2024-07-01 balance Assets:BangMueang:Bank:GSB  102060 THB
  document: "statement-2024-06.pdf"
"""
    )


@pytest.mark.parametrize(
    "spelling",
    ["2567-002", "2567-00002", "๒๕๖๗-๐๐๐๒", "２５６７－０００２", "2567\u20110002", " 2567-0002\u200b"],
)
def test_a_receipt_number_reused_in_another_spelling(tmp_path: Path, spelling: str) -> None:
    trick = _collection(spelling)
    found = rules_at(audit_text(tmp_path, trick))
    assert ("receipt-sequence", line_with(trick, 'member: "BM-0002"') - 1) in found


def test_the_next_receipt_number_is_clean(tmp_path: Path) -> None:
    assert audit_text(tmp_path, _collection("2567-0003")) == []


def test_an_advance_to_a_code_nobody_registered(tmp_path: Path) -> None:
    trick = (
        FUND
        + """
2020-01-01 open Assets:BangMueang:Advances:BM-0099 THB
2024-06-10 * "Advance for the village fair"
  approved-by: "BM-0002 BM-0003"
  Assets:BangMueang:Bank:GSB  -50000 THB
  Assets:BangMueang:Advances:BM-0099
2024-07-01 balance Assets:BangMueang:Bank:GSB  52000 THB
  document: "statement-2024-06.pdf"
"""
    )
    found = rules_at(audit_text(tmp_path, trick))
    assert ("unknown-member", line_with(trick, "open Assets:BangMueang:Advances:BM-0099")) in found


def test_an_advance_to_the_registered_treasurer_is_clean(tmp_path: Path) -> None:
    legal = (
        FUND
        + """
2024-06-10 * "Advance for the village fair"
  approved-by: "BM-0002 BM-0003"
  Assets:BangMueang:Bank:GSB  -500 THB
  Assets:BangMueang:Advances:BM-0001
2024-07-01 balance Assets:BangMueang:Bank:GSB  101500 THB
  document: "statement-2024-06.pdf"
"""
    )
    assert audit_text(tmp_path, legal) == []


def test_an_advance_never_settled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFARE_TODAY", "2026-11-28")
    trick = (
        FUND
        + """
2024-06-10 * "Advance"
  Assets:BangMueang:Bank:GSB  -50000 THB
  Assets:BangMueang:Advances:BM-0001
2024-07-01 balance Assets:BangMueang:Bank:GSB  52000 THB
  document: "statement-2024-06.pdf"
2026-11-01 balance Assets:BangMueang:Bank:GSB  52000 THB
  document: "statement-2026-10.pdf"
"""
    )
    found = rules_at(audit_text(tmp_path, trick))
    assert any(line == line_with(trick, '"Advance"') for _, line in found), found


BENEFIT_AT_A_PRICE = """
2024-06-11 * "Sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "2024-06-11.claim.pdf"
  Assets:BangMueang:Bank:GSB  -5000 THB
  Expenses:BangMueang:Benefits:Sickness  {expense}
2024-07-01 balance Assets:BangMueang:Bank:GSB  97000 THB
  document: "statement-2024-06.pdf"
"""


@pytest.mark.parametrize("expense", ["1 THB @@ 5000 THB", "1 THB @ 5000 THB"])
def test_a_benefit_of_one_baht_at_a_price_of_five_thousand(tmp_path: Path, expense: str) -> None:
    trick = FUND + BENEFIT_AT_A_PRICE.format(expense=expense)
    found = rules_at(audit_text(tmp_path, trick, (SICKNESS + "2024-06-11.claim.pdf",)))
    assert ("chart", line_with(trick, '"Sickness benefit"')) in found


def test_a_contribution_banked_at_a_cost(tmp_path: Path) -> None:
    trick = (
        FUND
        + """
2024-06-02 * "Collection day"
  Assets:BangMueang:Bank:GSB  3 THB {100 THB}
  Income:BangMueang:Contributions  -300 THB
    member: "BM-0003"
    receipt: "2567-0002"
2024-07-01 balance Assets:BangMueang:Bank:GSB  102003 THB
  document: "statement-2024-06.pdf"
"""
    )
    assert ("chart", line_with(trick, '"Collection day"')) in rules_at(audit_text(tmp_path, trick))


def test_the_benefit_at_its_own_amount_is_caught_by_its_cap(tmp_path: Path) -> None:
    neighbour = FUND + BENEFIT_AT_A_PRICE.format(expense="")
    found = rules_at(audit_text(tmp_path, neighbour, (SICKNESS + "2024-06-11.claim.pdf",)))
    assert ("benefit-cap", line_with(neighbour, '"Sickness benefit"')) in found
    assert not any(rule == "chart" for rule, _ in found)


def _three_benefits(back: str) -> str:
    return (
        FUND
        + f"""
2020-01-01 open Income:BangMueang:Other THB
2024-06-03 * "Sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "c1.pdf"
  Assets:BangMueang:Bank:GSB  -2000 THB
  Expenses:BangMueang:Benefits:Sickness
2024-06-07 * "Second sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "c2.pdf"
  Assets:BangMueang:Bank:GSB  -1900 THB
  Expenses:BangMueang:Benefits:Sickness
2024-06-09 * "Benefit paid back"
  Expenses:BangMueang:Benefits:Sickness  -2000 THB
    member: "BM-0004"
  {back}  2000 THB
2024-06-11 * "Third sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "c3.pdf"
  Assets:BangMueang:Bank:GSB  -1800 THB
  Expenses:BangMueang:Benefits:Sickness
"""
    )


CLAIMS = tuple(SICKNESS + name for name in ("c1.pdf", "c2.pdf", "c3.pdf"))


def test_a_payback_that_brings_no_money_back_resets_no_cap(tmp_path: Path) -> None:
    trick = (
        _three_benefits("Income:BangMueang:Other")
        + """
2024-07-01 balance Assets:BangMueang:Bank:GSB  96300 THB
  document: "statement-2024-06.pdf"
"""
    )
    found = rules_at(audit_text(tmp_path, trick, CLAIMS))
    assert ("benefit-account", line_with(trick, "Sickness  -2000 THB")) in found
    assert ("benefit-cap", line_with(trick, '"Third sickness benefit"')) in found


def test_a_payback_into_the_bank_gives_back_its_share_of_the_cap(tmp_path: Path) -> None:
    legal = (
        _three_benefits("Assets:BangMueang:Bank:GSB")
        + """
2024-07-01 balance Assets:BangMueang:Bank:GSB  98300 THB
  document: "statement-2024-06.pdf"
"""
    )
    assert audit_text(tmp_path, legal, CLAIMS) == []


def _office(document: str) -> str:
    return (
        FUND
        + f"""
2024-06-12 * "Office" "Paper"
  approved-by: "BM-0002 BM-0003"
  document: "{document}"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
2024-07-01 balance Assets:BangMueang:Bank:GSB  101700 THB
  document: "statement-2024-06.pdf"
"""
    )


OFFICE_RECEIPT = "documents/Expenses/BangMueang/Admin/Office/2024-06-12.receipt.pdf"


@pytest.mark.parametrize("document", ["book.beancount", "./book.beancount"])
def test_the_book_itself_named_as_the_voucher(tmp_path: Path, document: str) -> None:
    trick = _office(document)
    found = rules_at(audit_text(tmp_path, trick, (OFFICE_RECEIPT,)))
    assert ("missing-document", line_with(trick, '"Office" "Paper"')) in found


def test_the_shop_receipt_as_the_voucher_is_clean(tmp_path: Path) -> None:
    assert audit_text(tmp_path, _office("2024-06-12.receipt.pdf"), (OFFICE_RECEIPT,)) == []


COPIED_FORM = """
2024-06-11 * "Sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "c1.pdf"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Expenses:BangMueang:Benefits:Sickness
2024-07-01 balance Assets:BangMueang:Bank:GSB  100500 THB
  document: "statement-2024-06.pdf"
2024-07-20 * "Sickness benefit"
  member: "BM-0004"
  approved-by: "BM-0002 BM-0003"
  document: "c1-copy.pdf"
  Assets:BangMueang:Bank:GSB  -1500 THB
  Expenses:BangMueang:Benefits:Sickness
2024-07-31 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-07.pdf"
"""


def test_one_claim_form_copied_under_two_names_pays_twice(tmp_path: Path) -> None:
    trick = FUND + COPIED_FORM
    form = tmp_path / SICKNESS / "c1.pdf"
    form.parent.mkdir(parents=True)
    form.write_bytes(b"%PDF-1.4 claim form of BM-0004")
    (form.parent / "c1-copy.pdf").write_bytes(form.read_bytes())
    found = rules_at(audit_text(tmp_path, trick))
    assert ("document-reuse", line_with(trick, '"c1-copy.pdf"') - 3) in found, found


def test_two_claim_forms_of_the_same_size_are_two_vouchers(tmp_path: Path) -> None:
    legal = FUND + COPIED_FORM.replace("c1-copy.pdf", "c2.pdf")
    folder = tmp_path / SICKNESS
    folder.mkdir(parents=True)
    (folder / "c1.pdf").write_bytes(b"%PDF-1.4 claim form of BM-0004, June")
    (folder / "c2.pdf").write_bytes(b"%PDF-1.4 claim form of BM-0004, July")
    assert "document-reuse" not in {rule for rule, _ in rules_at(audit_text(tmp_path, legal))}


@pytest.mark.parametrize(
    "code",
    ["ВМ-0004", "BM-0004\u200b", "BM 0004", "ＢＭ-０００４", "BM\u20110004"],
    ids=["cyrillic", "zero-width", "space", "full-width", "non-ascii-dash"],
)
def test_a_member_code_written_with_letters_that_only_look_plain(tmp_path: Path, code: str) -> None:
    trick = FUND + f'2024-07-30 custom "member" "{code}" "BangMueang"\n'
    found = rules_at(audit_text(tmp_path, trick))
    assert ("register", line_with(trick, f'"{code}"')) in found


@pytest.mark.parametrize("code", ["bm-0001", "BM-000๑", "Bm-0001"])
def test_a_member_code_that_reads_as_another_members(tmp_path: Path, code: str) -> None:
    trick = FUND + f'2024-07-30 custom "member" "{code}" "BangMueang"\n'
    findings = audit_text(tmp_path, trick)
    assert ("register", line_with(trick, f'"{code}"')) in rules_at(findings)
    assert any("BM-0001" in finding.message("en") for finding in findings)


@pytest.mark.parametrize("code", ["BM-0104", "บม-๐๑๐๔", "BM_0104.A"])
def test_a_new_code_in_plain_latin_or_thai_is_clean(tmp_path: Path, code: str) -> None:
    findings = audit_text(tmp_path, FUND + f'2024-07-30 custom "member" "{code}" "BangMueang"\n')
    assert [f.rule for f in findings] == ["stale-books"], "the fund's last payment is of June: nothing else"


ADVANCE = """
2024-06-10 * "Advance for the village fair"
  approved-by: "BM-0002 BM-0003"
  Assets:BangMueang:Bank:GSB  -3000 THB
  Assets:BangMueang:Advances:BM-0001
2024-07-01 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-06.pdf"
2024-07-05 * "Receipts of the village fair"
  approved-by: "BM-0002 BM-0003"
  document: "2024-07-05.fair-receipts.pdf"
  Assets:BangMueang:Advances:BM-0001  -{spent} THB
  Expenses:BangMueang:Admin  {spent} THB
2024-07-30 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-07.pdf"
"""
FAIR_RECEIPTS = ("documents/Expenses/BangMueang/Admin/2024-07-05.fair-receipts.pdf",)


def test_an_advance_settled_with_its_receipts_within_30_days_is_clean(tmp_path: Path) -> None:
    legal = FUND + ADVANCE.format(spent="3000")
    assert "advance" not in {rule for rule, _ in rules_at(audit_text(tmp_path, legal, FAIR_RECEIPTS))}


def test_the_part_of_an_advance_not_settled_is_named(tmp_path: Path) -> None:
    trick = FUND + ADVANCE.format(spent="2000")
    findings = [f for f in audit_text(tmp_path, trick, FAIR_RECEIPTS) if f.rule == "advance"]
    assert [(f.line, f.params["amount"]) for f in findings] == [
        (line_with(trick, '"Advance for the village fair"'), 1000)
    ]
    assert "1,000.00" in findings[0].message("en") or "1000" in findings[0].message("en")


def test_an_advance_passed_between_two_people_keeps_its_age(tmp_path: Path) -> None:
    """Passing the cash on to another committee member does not settle it or make it young again."""
    trick = (
        FUND
        + """
2024-06-10 * "Advance for the village fair"
  approved-by: "BM-0002 BM-0003"
  Assets:BangMueang:Bank:GSB  -3000 THB
  Assets:BangMueang:Advances:BM-0001
2024-07-01 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-06.pdf"
2024-07-05 * "The fair's cash handed to the secretary"
  Assets:BangMueang:Advances:BM-0001  -3000 THB
  Assets:BangMueang:Advances:BM-0002
2024-07-30 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-07.pdf"
"""
    )
    findings = [f for f in audit_text(tmp_path, trick) if f.rule == "advance"]
    assert [(f.line, f.params["amount"], f.params["account"]) for f in findings] == [
        (line_with(trick, '"Advance for the village fair"'), 3000, "Assets:BangMueang:Advances:BM-0002")
    ]


@pytest.mark.parametrize(
    "approvers", ['purpose: "fair"', 'approved-by: "BM-0001 BM-0002"'], ids=["none", "the-holder-himself"]
)
def test_an_advance_handed_over_without_the_committee(tmp_path: Path, approvers: str) -> None:
    trick = (
        FUND
        + f"""
2024-07-10 * "Advance for the village fair"
  {approvers}
  Assets:BangMueang:Bank:GSB  -3000 THB
  Assets:BangMueang:Advances:BM-0001
2024-07-30 balance Assets:BangMueang:Bank:GSB  99000 THB
  document: "statement-2024-07.pdf"
"""
    )
    findings = [f for f in audit_text(tmp_path, trick) if f.rule == "advance"]
    assert [f.line for f in findings] == [line_with(trick, '"Advance for the village fair"')]
    assert "approved by" in findings[0].message("en")
