"""Each HTML report rendered in headless Chromium, with a screenshot kept in the test artifacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPORTS = {
    "areas": (("areas", "small.beancount", "--year", "2023"), "กองทุนสวัสดิการชุมชนรายพื้นที่ ปี 2566", 1),
    "member": (
        ("member", "small.beancount", "--member", "BM-0001", "--as-of", "2024-03-01"),
        "รายการบัญชีสมาชิก BM-0001",
        0,
    ),
    "disclosure": (
        ("disclosure", "disclosure.beancount", "--area", "BangMueang", "--month", "2023-04"),
        "ประกาศการเงินกองทุนสวัสดิการชุมชนตำบลบางเมือง",
        0,
    ),
    "annual": (("annual", "years.beancount", "--area", "Trend", "--year", "2023"), "รายงานประจำปี", 3),
    "redflags": (("redflags", "small.beancount"), "จุดที่ควรตรวจดู", 1),
}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("name", list(REPORTS))
def test_report_renders_in_chromium(run, books, tmp_path, artifacts_dir, browser, name):
    (kind, book, *options), heading, charts = REPORTS[name]
    page_file = tmp_path / f"{name}.html"
    run("report", kind, books / book, *options, "--format", "html", "--output", page_file)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    assert heading in page.inner_text("h1")
    assert page.locator("table").count() >= 1
    loaded = page.evaluate("() => [...document.images].filter(i => i.complete && i.naturalWidth > 0).length")
    assert loaded == charts
    page.screenshot(path=str(artifacts_dir / f"report-{name}.png"), full_page=True)
    page.close()
    assert not errors
    assert (artifacts_dir / f"report-{name}.png").stat().st_size > 10000


def test_redflags_text_columns_are_not_squeezed_to_one_word(run, books, tmp_path, artifacts_dir, browser):
    page_file = tmp_path / "redflags.html"
    run(
        "report",
        "redflags",
        books / "small.beancount",
        "--format",
        "html",
        "--lang",
        "en",
        "--output",
        page_file,
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(page_file.as_uri())
    widths = page.evaluate(
        """() => [...document.querySelectorAll('#flags tbody tr')].map(row => ({
            detail: row.querySelector('td.detail').getBoundingClientRect().width,
            reason: row.querySelector('td.reason').getBoundingClientRect().width,
            lines: Math.round(row.querySelector('td.detail').getBoundingClientRect().height
                   / parseFloat(getComputedStyle(row.querySelector('td.detail')).lineHeight)),
        }))"""
    )
    page.screenshot(path=str(artifacts_dir / "report-redflags-columns.png"), full_page=True)
    page.close()
    assert widths
    for row in widths:
        assert row["detail"] >= 240, row  # about 16 em: a sentence, not a column of single words
        assert row["reason"] >= 120, row
        assert row["lines"] <= 4, row
