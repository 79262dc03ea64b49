"""What the books bring forward from the old register is shown apart, never as a year's contributions.

`books/opening.beancount`: 9,000 baht of members' savings and 4,000 baht of fund money brought
forward on 31 December 2021 against `Equity:Khlong:Opening`; the members' own contributions
are 60 baht in 2022 and 90 in 2023.
"""

from __future__ import annotations

import pytest


@pytest.fixture
def book(books):
    return books / "opening.beancount"


def test_annual_counts_only_the_years_own_contributions(run, book, amount):
    table = run.csv("report", "annual", book, "--area", "Khlong", "--year", "2023").set_index("year")
    assert list(table.index) == ["2022", "2023", "2024"]  # 2021 had nothing but the opening
    assert amount(table.loc["2022", "contributions"]) == 60
    assert amount(table.loc["2022", "income"]) == 60
    assert amount(table.loc["2023", "contributions"]) == 90
    assert amount(table.loc["2023", "fund_balance"]) == 4150


def test_the_opening_year_shows_what_was_brought_forward_apart(run, book, amount):
    row = run.csv("report", "annual", book, "--area", "Khlong", "--year", "2021").iloc[0]
    assert row["year"] == "2021"
    assert amount(row["contributions"]) == 0
    assert (amount(row["brought_forward_fund"]), amount(row["brought_forward_income"])) == (4000, 9000)
    assert amount(row["fund_balance"]) == 4000


def test_the_page_lists_the_brought_forward_balance(run, book):
    html = run("report", "annual", book, "--area", "Khlong", "--year", "2023", "--lang", "en").stdout
    table = html[html.index('<table id="brought-forward">') :]
    table = table[: table.index("</table>")]
    assert "<td>2021-12-31</td>" in table
    assert "4,000.00" in table and "Members&#39; contributions 9,000.00" in table
    legs = html[html.index('<table id="legs">') :]
    assert "9,000.00" not in legs[: legs.index("</table>")]


def test_the_notice_of_the_opening_month_adds_up(run, book):
    html = run("report", "disclosure", book, "--area", "Khlong", "--month", "2021-12", "--lang", "en").stdout
    assert '<b id="opening">0.00 THB</b>' in html
    assert '<b id="income-total">4,000.00 THB</b>' in html  # the fund money, not the 9,000 of savings
    assert '<b id="closing">4,000.00 THB</b>' in html
    assert 'id="brought-forward"' in html
