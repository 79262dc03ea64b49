"""`welfare report disclosure`: the public monthly notice, checked against beanquery and for privacy."""

from __future__ import annotations

import pytest

MONTH = ("--area", "BangMueang", "--month", "2023-04")
COLUMNS = ["date", "member", "payee", "category", "amount", "approved_by", "document"]
FUND = "account ~ '^Assets:BangMueang:(Bank|Cash)'"


@pytest.fixture
def book(books):
    return books / "disclosure.beancount"


def test_every_outflow_of_the_month(run, book, amount):
    table = run.csv("report", "disclosure", book, *MONTH)
    assert list(table.columns) == COLUMNS
    assert list(table["date"]) == ["2023-04-02", "2023-04-10"]
    benefit, tent = table.iloc[0], table.iloc[1]
    assert (benefit["member"], benefit["category"], benefit["approved_by"], benefit["document"]) == (
        "BM-0001",
        "benefits_sickness",
        "BM-0002 BM-0007",
        "claim-bm0001.pdf",
    )
    assert tent["member"] == "" and tent["category"] == "admin"
    assert amount(tent["amount"]) == 350


def test_money_out_equals_the_fall_in_fund_money(run, book, bql_of):
    html = run("report", "disclosure", book, *MONTH, "--lang", "en").stdout
    sums = bql_of(book)
    opening = sums(f"{FUND} AND date < 2023-04-01")
    closing = sums(f"{FUND} AND date <= 2023-04-30")
    spent = sums("account ~ '^Expenses:BangMueang:' AND year = 2023 AND month = 4")
    assert f'<b id="opening">{opening:,.2f} THB</b>' in html
    assert f'<b id="closing">{closing:,.2f} THB</b>' in html
    assert f'<b id="spending-total">{spent:,.2f} THB</b>' in html
    assert opening - spent == closing  # nothing came in that April


def test_findings_of_the_month_only(run, book):
    html = run("report", "disclosure", book, *MONTH, "--lang", "en").stdout
    assert "Balance failed for &#39;Assets:BangMueang:Cash&#39;" in html
    assert "missing-document" in html
    may = run(
        "report", "disclosure", book, "--area", "BangMueang", "--month", "2023-05", "--lang", "en"
    ).stdout
    assert "Balance failed" not in may
    assert "BM-0003" in may


def test_latest_seal_check_code_not_the_digest(run, book):
    html = run("report", "disclosure", book, *MONTH, "--lang", "en").stdout
    assert '<p class="seal-code" id="seal-code">5F2B 9C0E 4A7D 1E3F 8A6B</p>' in html
    assert "5f2b9c0e4a7d1e3f8a6b2c9d0e1f2a3b" not in html  # the full digest stays in the book
    assert "THE SEAL IS BROKEN" in html  # not a v1 digest: the seal rule says it cannot hold
    other = run(
        "report", "disclosure", book, "--area", "NongPhai", "--month", "2023-08", "--lang", "en"
    ).stdout
    assert "have not been sealed yet" in other


@pytest.mark.parametrize("fmt", ["csv", "html"])
def test_no_phone_number_is_published(run, book, fmt):
    text = run("report", "disclosure", book, *MONTH, "--format", fmt).stdout
    assert "Tent hire" in text
    assert "081-234-5678" not in text
    assert "5678" not in text.replace("5f2b9c0e4a7d1e3f8a6b2c9d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b", "")


def test_thai_by_default_with_buddhist_era_dates_and_baht(run, book):
    html = run("report", "disclosure", book, *MONTH).stdout
    assert "ประกาศการเงินกองทุนสวัสดิการชุมชนตำบลบางเมือง ประจำเดือนเมษายน 2566" in html
    assert "2 เม.ย. 2566" in html
    assert "บาท</b>" in html
    assert "สมาชิก BM-0001" in html


def test_bad_month_and_unknown_area(run, book):
    result = run(
        "report", "disclosure", book, "--area", "BangMueang", "--month", "2023-13", "--lang", "en", code=2
    )
    assert "--month must be YYYY-MM" in result.stderr
    result = run(
        "report", "disclosure", book, "--area", "Nowhere", "--month", "2023-04", "--lang", "en", code=2
    )
    assert "No area Nowhere" in result.stderr and "BangMueang" in result.stderr


def test_pdf_needs_an_output_file(run, book):
    result = run("report", "disclosure", book, *MONTH, "--format", "pdf", "--lang", "en", code=2)
    assert "--output" in result.stderr
