"""Reports say through which day the books are written, count "today" as that day, and warn
when the books are more than 45 days behind the real today; exit reasons read in Thai."""

from __future__ import annotations

import datetime

import pytest


def book_ending(folder, last: datetime.date):
    """An area whose last transaction is dated `last` (books made relative to the real today)."""
    joined = last - datetime.timedelta(days=400)
    text = f"""option "operating_currency" "THB"
{joined} custom "area" "Near" "ตำบลใกล้"
{joined} open Assets:Near:Cash THB
{joined} open Income:Near:Contributions THB
{joined} custom "member" "NR-0001" "Near"
{last} * "Collection day"
  Income:Near:Contributions  -30.00 THB
    member: "NR-0001"
    receipt: "1-0001"
  Assets:Near:Cash  30.00 THB
"""
    path = folder / "near.beancount"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("behind", "stale"), [(10, False), (45, False), (46, True), (200, True)])
def test_stale_warning_after_45_days(run, tmp_path, behind, stale):
    today = datetime.date.today()
    path = book_ending(tmp_path, today - datetime.timedelta(days=behind))
    result = run(
        "report",
        "areas",
        path,
        "--year",
        str((today - datetime.timedelta(days=behind)).year),
        "--format",
        "html",
        "--lang",
        "en",
    )
    last = (today - datetime.timedelta(days=behind)).isoformat()
    assert f"The books are written through {last}." in result.stdout
    assert ("days before today" in result.stdout) is stale
    assert result.stderr == ""  # not a terminal: the page says it, the pipe stays clean


def test_member_today_is_the_day_the_books_reach(run, small_book):
    html = run(
        "report", "member", small_book, "--member", "BM-0004", "--format", "html", "--lang", "en"
    ).stdout
    assert "as of 2024-02-10" in html  # BangMueang's last entry, not the real today
    # joined 2023-06-01: 8 whole months to 2024-02-10, less 3 months' grace: 150 THB due, 150 paid
    assert '<b id="status" class="ok">' in html
    later = run(
        "report",
        "member",
        small_book,
        "--member",
        "BM-0004",
        "--as-of",
        "2026-06-01",
        "--format",
        "html",
        "--lang",
        "en",
    ).stdout
    assert '<b id="status" class="bad">' in later  # asked for a later day, months are counted


def test_a_member_who_left_owes_nothing_more_and_the_reason_is_in_thai(run, small_book):
    thai = run("report", "member", small_book, "--member", "BM-0003", "--format", "html").stdout
    assert "(เสียชีวิต)" in thai and "deceased" not in thai
    assert "ไม่ต้องส่งเงินสัจจะหลังพ้นสภาพสมาชิก" in thai and "ค้างส่ง" not in thai
    english = run(
        "report", "member", small_book, "--member", "BM-0003", "--format", "html", "--lang", "en"
    ).stdout
    assert "the member died" in english


def test_areas_in_thai_by_name(run, small_book):
    html = run("report", "areas", small_book, "--year", "2023", "--format", "html").stdout
    spending = html[html.index('<table id="spending">') :]
    assert "<td>ตำบลหนองไผ่</td>" in spending
    flags = run("report", "redflags", small_book, "--format", "html").stdout
    assert "ตำบลบางเมือง" in flags


@pytest.mark.parametrize(("behind", "stale"), [(45, False), (46, True)])
def test_the_page_and_the_rule_read_the_same_today(run, tmp_path, monkeypatch, behind, stale):
    """An auditor who reads the books as of a day (`WELFARE_TODAY`) sees the page warn exactly when
    rule `stale-books` does."""
    last = datetime.date(2024, 3, 31)
    path = book_ending(tmp_path, last)
    monkeypatch.setenv("WELFARE_TODAY", (last + datetime.timedelta(days=behind)).isoformat())
    page = run("report", "areas", path, "--year", "2024", "--format", "html", "--lang", "en").stdout
    assert ("days before today" in page) is stale
    checked = run("check", path, "--format", "json").stdout
    assert ('"stale-books"' in checked) is stale
