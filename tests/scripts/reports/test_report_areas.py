"""`welfare report areas`: the contract's columns, figures equal to beanquery's, TOTAL the sum."""

from __future__ import annotations

import openpyxl
from welfare_ledger.plugins.summary import COLUMNS

INCOME = {
    "contributions": "Contributions",
    "matching_government": "Matching:Government",
    "matching_local": "Matching:Local",
    "donations": "Donations",
    "interest": "Interest",
    "grants_received": "Grants",
}
EXPENSES = {
    "benefits": "Benefits",
    "benefits_birth": "Benefits:Birth",
    "benefits_sickness": "Benefits:Sickness",
    "benefits_death": "Benefits:Death",
    "benefits_elderly": "Benefits:Elderly",
    "projects": "Projects",
    "admin": "Admin",
}


def test_columns_and_rows(run, small_book):
    table = run.csv("report", "areas", small_book, "--year", "2023")
    assert list(table.columns) == list(COLUMNS)
    assert list(table["area"]) == ["BangMueang", "NongPhai", "TOTAL"]


def test_figures_equal_beanquery_sums(run, small_book, bql, amount):
    table = run.csv("report", "areas", small_book, "--year", "2023").set_index("area")
    for area in ("BangMueang", "NongPhai"):
        row = table.loc[area]
        for column, account in INCOME.items():
            expected = -bql(f"year = 2023 AND account ~ '^Income:{area}:{account}'")
            assert amount(row[column]) == expected, (area, column)
        for column, account in EXPENSES.items():
            expected = bql(f"year = 2023 AND account ~ '^Expenses:{area}:{account}'")
            assert amount(row[column]) == expected, (area, column)
        fund = bql(f"date <= 2023-12-31 AND account ~ '^Assets:{area}:(Bank|Cash)'")
        assert amount(row["fund_balance"]) == fund
    assert amount(table.loc["NongPhai", "benefits_birth"]) == 800  # 1000 paid, 200 paid back


def test_total_is_the_sum_of_the_areas(run, small_book, amount):
    table = run.csv("report", "areas", small_book, "--year", "2023").set_index("area")
    areas = table.drop(index="TOTAL")
    for column in COLUMNS[1:]:
        assert amount(table.loc["TOTAL", column]) == sum(amount(v) for v in areas[column]), column


def test_members_active_at_year_end(run, small_book, amount):
    table = run.csv("report", "areas", small_book, "--year", "2023").set_index("area")
    assert table.loc["BangMueang", "members"] == "3"  # BM-0003 died in May, BM-0004 joined in June
    before = run.csv("report", "areas", small_book, "--year", "2022").set_index("area")
    assert before.loc["BangMueang", "members"] == "3"  # BM-0004 had not joined yet
    assert amount(before.loc["BangMueang", "contributions"]) == 0


def test_xlsx_has_the_same_figures(run, small_book, amount, tmp_path):
    target = tmp_path / "areas.xlsx"
    run("report", "areas", small_book, "--year", "2023", "--format", "xlsx", "--output", target)
    table = run.csv("report", "areas", small_book, "--year", "2023")
    sheet = openpyxl.load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[-1][0] == "TOTAL"
    for got, expected in zip(rows[1:], table.itertuples(index=False), strict=True):
        assert got[0] == expected.area
        assert amount(str(got[COLUMNS.index("fund_balance")])) == amount(expected.fund_balance)
        assert abs(got[COLUMNS.index("contributions")] - float(expected.contributions)) < 0.005
    assert [p.name for p in tmp_path.iterdir()] == ["areas.xlsx"]  # no temporary file is left


def test_binary_format_needs_an_output_file(run, small_book):
    result = run("report", "areas", small_book, "--year", "2023", "--format", "xlsx", code=2)
    assert "--output" in result.stderr


def test_html_in_thai_by_default_and_english_on_request(run, small_book):
    thai = run("report", "areas", small_book, "--year", "2023", "--format", "html").stdout
    assert "กองทุนสวัสดิการชุมชนรายพื้นที่ ปี 2566" in thai
    assert "ตำบลบางเมือง" in thai
    assert "48.4%" in thai  # members' share of BangMueang's three legs: 1,710 of 3,535
    english = run("report", "areas", small_book, "--year", "2023", "--format", "html", "--lang", "en").stdout
    assert "Welfare funds by area, 2023" in english
    assert "Running costs / income" in english


def test_output_file_is_replaced_whole(run, small_book, tmp_path):
    target = tmp_path / "areas.csv"
    target.write_text("old content that is longer than nothing\n" * 100, encoding="utf-8")
    run("report", "areas", small_book, "--year", "2023", "--output", target)
    text = target.read_text(encoding="utf-8")
    assert text.startswith("area,members,")
    assert "old content" not in text


def test_unreadable_book_names_the_file(run, tmp_path):
    missing = tmp_path / "nothing.beancount"
    result = run("report", "areas", missing, "--year", "2023", code=2)
    assert "nothing.beancount" in result.stderr
