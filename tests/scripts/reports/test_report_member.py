"""`welfare report member`: a member's statement sums to their postings; the page says what they may claim."""

from __future__ import annotations

import pytest

COLUMNS = ["date", "kind", "type", "amount", "receipt", "document"]


@pytest.mark.parametrize("code", ["BM-0001", "BM-0002", "BM-0003", "NP-0003"])
def test_statement_sums_to_the_members_postings(run, small_book, bql, amount, code):
    table = run.csv("report", "member", small_book, "--member", code, "--as-of", "2024-12-31")
    assert list(table.columns) == COLUMNS
    contributions = table[table["kind"] == "contribution"]
    benefits = table[table["kind"] == "benefit"]
    assert len(contributions) + len(benefits) == len(table)
    paid = -bql(f"any_meta('member') = '{code}' AND account ~ '^Income:[^:]+:Contributions'")
    received = bql(f"any_meta('member') = '{code}' AND account ~ '^Expenses:[^:]+:Benefits:'")
    assert sum(amount(v) for v in contributions["amount"]) == paid
    assert sum(amount(v) for v in benefits["amount"]) == received


def test_a_benefit_paid_back_is_a_negative_line(run, small_book, amount):
    table = run.csv("report", "member", small_book, "--member", "NP-0003", "--as-of", "2024-12-31")
    benefits = table[table["kind"] == "benefit"]
    assert [amount(v) for v in benefits["amount"]] == [1000, -200]
    assert list(benefits["type"]) == ["Birth", "Birth"]


def test_rows_carry_receipts_and_documents(run, small_book):
    table = run.csv("report", "member", small_book, "--member", "BM-0001", "--as-of", "2024-12-31")
    assert list(table["receipt"][table["kind"] == "contribution"]) == ["2566-0001", "2566-0004"]
    benefit = table[table["kind"] == "benefit"].iloc[0]
    assert (benefit["type"], benefit["document"], benefit["date"]) == (
        "Sickness",
        "claim-bm0001.pdf",
        "2023-04-02",
    )


def test_as_of_leaves_later_entries_out(run, small_book):
    early = run.csv("report", "member", small_book, "--member", "BM-0001", "--as-of", "2023-03-01")
    assert list(early["date"]) == ["2023-01-31"]


def test_html_says_paid_up_and_what_can_be_claimed(run, small_book):
    html = run(
        "report",
        "member",
        small_book,
        "--member",
        "BM-0001",
        "--as-of",
        "2024-03-01",
        "--format",
        "html",
        "--lang",
        "en",
    ).stdout
    assert "Member statement BM-0001" in html
    assert '<b id="status" class="ok">' in html and "Paid up" in html
    assert "Can claim now." in html
    assert "10,000.00" in html  # the Death tier of members of more than 730 days


def test_html_of_a_member_behind_on_dues(run, small_book):
    html = run(
        "report",
        "member",
        small_book,
        "--member",
        "BM-0004",
        "--as-of",
        "2024-03-01",
        "--format",
        "html",
    ).stdout
    assert "รายการบัญชีสมาชิก BM-0004" in html
    assert "ค้างส่ง 30.00 บาท" in html
    assert "1 มี.ค. 2567" in html


def test_unknown_member_is_one_clear_line(run, small_book):
    result = run("report", "member", small_book, "--member", "ZZ-0001", "--lang", "en", code=2)
    assert result.stderr.strip() == "No member ZZ-0001 in the register."
