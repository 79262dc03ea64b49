"""`welfare report annual`: legs, benefits over the years, admin ratio against the cap, the reserve."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

LEGS = ["contributions", "matching_government", "matching_local"]


@pytest.fixture
def book(books):
    return books / "years.beancount"


def test_one_row_a_year_then_the_expected_benefits(run, book):
    table = run.csv("report", "annual", book, "--area", "Trend", "--year", "2023")
    assert list(table["year"]) == ["2020", "2021", "2022", "2023", "2024"]
    assert list(table["kind"]) == ["actual"] * 4 + ["expected"]
    assert table.iloc[-1]["fund_balance"] == ""


def test_yearly_figures_equal_beanquery(run, book, bql_of, amount):
    sums = bql_of(book)
    table = run.csv("report", "annual", book, "--area", "Trend", "--year", "2023").set_index("year")
    for year in range(2020, 2024):
        row = table.loc[str(year)]
        assert amount(row["contributions"]) == -sums(
            f"year = {year} AND account ~ '^Income:Trend:Contributions'"
        )
        assert amount(row["benefits_elderly"]) == sums(
            f"year = {year} AND account ~ '^Expenses:Trend:Benefits:Elderly'"
        )
        assert amount(row["admin"]) == sums(f"year = {year} AND account ~ '^Expenses:Trend:Admin'")
        assert amount(row["fund_balance"]) == sums(f"date <= {year}-12-31 AND account ~ '^Assets:Trend:Cash'")
        ratio = amount(row["admin"]) * 100 / amount(row["income"])
        assert amount(row["admin_ratio"]) == ratio.quantize(Decimal("0.01"))


def test_admin_ratio_against_the_bylaw_in_force(run, book):
    table = run.csv("report", "annual", book, "--area", "Trend", "--year", "2023").set_index("year")
    assert [table.loc[str(y), "admin_cap"] for y in range(2020, 2024)] == ["10", "10", "15", "15"]
    html = run("report", "annual", book, "--area", "Trend", "--year", "2023", "--lang", "en").stdout
    admin = html[html.index('<table id="admin">') :]
    admin = admin[: admin.index("</table>")]
    rows = admin.split("<tr>")[2:]
    over = [row for row in rows if "above the cap" in row]
    assert len(over) == 1 and "<td>2021</td>" in over[0] and "10.8%" in over[0]  # 2,000 of 18,500
    assert sum("within the cap" in row for row in rows) == 3


def test_elderly_trend_is_the_least_squares_line(run, book, amount):
    table = run.csv("report", "annual", book, "--area", "Trend", "--year", "2023")
    history = [float(amount(v)) for v in table["benefits_elderly"][:-1]]
    slope, intercept = np.polyfit(range(len(history)), history, 1)
    expected = slope * len(history) + intercept
    assert float(amount(table.iloc[-1]["benefits_elderly"])) == pytest.approx(expected, abs=0.01)
    sickness = [amount(v) for v in table["benefits_sickness"][:-1]]
    assert amount(table.iloc[-1]["benefits_sickness"]) == sum(sickness[-3:]) / 3
    html = run("report", "annual", book, "--area", "Trend", "--year", "2023", "--lang", "en").stdout
    assert "projected from the trend of the last years" in html


def test_elderly_from_members_ages(run, book, amount):
    table = run.csv("report", "annual", book, "--area", "Ages", "--year", "2023")
    # Born 1950, 1962 and 1964 are 60 or older in 2024; the member born 1958 died; 1990 is young.
    # Each is expected to receive what one elderly member received in 2023: (1,200 + 300) / 2.
    assert amount(table.iloc[-1]["benefits_elderly"]) == 3 * Decimal(750)
    html = run("report", "annual", book, "--area", "Ages", "--year", "2023", "--lang", "en").stdout
    assert "projected from members&#39; ages: 3 members" in html


def test_reserve_against_next_year(run, book, amount):
    table = run.csv("report", "annual", book, "--area", "Trend", "--year", "2023")
    balance = amount(table.iloc[-2]["fund_balance"])
    expected = amount(table.iloc[-1]["benefits"])
    html = run("report", "annual", book, "--area", "Trend", "--year", "2023", "--lang", "en").stdout
    months = (balance / (expected / 12)).quantize(Decimal("0.1"))
    assert f"covers about {months} months" in html
    assert f'id="expected">{expected:,.2f}<' in html


def test_charts_are_embedded(run, book):
    html = run("report", "annual", book, "--area", "Trend", "--year", "2023").stdout
    assert html.count('src="data:image/svg+xml;base64,') == 3
    assert "รายงานประจำปีกองทุนสวัสดิการชุมชนตำบลแนวโน้ม ปี 2566" in html


def test_unknown_area(run, book):
    result = run("report", "annual", book, "--area", "Nowhere", "--year", "2023", "--lang", "en", code=2)
    assert "No area Nowhere" in result.stderr
