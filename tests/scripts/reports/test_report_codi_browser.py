"""CODI's forms in headless Chromium at 1400 px, with screenshots kept in `test-artifacts/`.

The small book's forms come from the command; the demo area's from one load of the province.
A form must render without script errors, fit the window, and set its three signature boxes
side by side, as on paper.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.reports import codi_matching, codi_status
from welfare_ledger.scripts.reports.output import write_report

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTH = 1400
DEMO = Path(__file__).resolve().parents[3] / "ledgers" / "main.beancount"
HEADINGS = {
    "status": "แบบแสดงสถานะกองทุนสวัสดิการชุมชน",
    "matching": "แบบเสนอขอรับการสนับสนุนงบประมาณสมทบกองทุนสวัสดิการชุมชน",
}


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def look(browser, page_file: Path, form: str, shot: Path) -> dict:
    """Open a form, check what every form must show, keep a full-page screenshot."""
    page = browser.new_page(viewport={"width": WIDTH, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(page_file.as_uri())
    assert HEADINGS[form] in page.inner_text("h1")
    assert "กองทุนสวัสดิการชุมชนตำบลบางเมือง" in page.inner_text(".fund-name")
    layout = page.evaluate(
        """() => ({
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            signatures: [...document.querySelectorAll('.signature')].map(s => Math.round(s.getBoundingClientRect().top)),
            roles: [...document.querySelectorAll('.signature')].map(s => s.dataset.role),
        })"""
    )
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert not errors
    assert layout["overflow"] <= 0, layout
    assert layout["roles"] == ["chair", "treasurer", "auditor"]
    assert len(set(layout["signatures"])) == 1, layout  # one row
    assert shot.stat().st_size > 20000
    return layout


@pytest.mark.parametrize(
    ("form", "options"),
    [
        ("status", ("codi-status", "--as-of", "2024-09-30")),
        ("matching", ("codi-matching", "--fiscal-year", "2567")),
    ],
)
def test_small_book_forms_in_chromium(run, books, tmp_path, artifacts_dir, browser, form, options):
    kind, *more = options
    page_file = tmp_path / f"{form}.html"
    run("report", kind, books / "codi.beancount", "--area", "BangMueang", *more, "--output", page_file)
    look(browser, page_file, form, artifacts_dir / f"report-codi-{form}.png")


def test_demo_forms_in_chromium(tmp_path, artifacts_dir, browser):
    book = load_book(DEMO, audit=False).facts()
    reports = {
        "status": codi_status.build(book, "BangMueang", datetime.date(2026, 9, 30), "th"),
        "matching": codi_matching.build(book, "BangMueang", 2026, "th"),
    }
    for form, report in reports.items():
        page_file = tmp_path / f"{form}.html"
        write_report(report, "html", str(page_file), "th")
        look(browser, page_file, form, artifacts_dir / f"report-codi-{form}-demo.png")
