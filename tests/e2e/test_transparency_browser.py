"""End to end in a real browser: Debian's Chromium, driven by Playwright, on a real `welfare serve`.

A member opens the transparency overview (Thai by default), follows a finding to its entry
in Fava's context view, and looks a member up. Screenshots go to the `artifacts_dir` fixture.
"""

from __future__ import annotations

import re

import pytest
from e2e.fava_server import SLUG, copy_book, start
from playwright.sync_api import expect, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

EDITING_CONTROLS = [
    'aside a[href="#add-transaction"]',
    'aside a[href*="/editor/"]',
    'aside a[href*="/import/"]',
]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    book = copy_book(tmp_path_factory.mktemp("e2e"))
    running = start([str(book)])
    yield running
    running.stop()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="th-TH")
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, errors


def test_overview_finding_to_entry_and_member_lookup(server, page, artifacts_dir):
    page.goto(f"{server.base}/{SLUG}/extension/Transparency/")
    overview = page.locator(".welfare-transparency")
    expect(overview).to_have_attribute("lang", "th")
    expect(page.locator("h2").first).to_contain_text("ภาพรวมรายพื้นที่")
    expect(page.locator("h2").first).to_contain_text("2567")
    expect(page.locator('table.welfare-audit tr[data-area="BangMueang"]')).to_contain_text("ตราประทับไม่ตรง")
    expect(page.locator("html")).to_have_attribute("data-welfare-read-only", "true")
    for selector in EDITING_CONTROLS:
        expect(page.locator(selector).first).to_be_hidden()
    page.screenshot(path=artifacts_dir / "fava-overview-th.png", full_page=True)

    page.locator('nav.welfare-tabs a[data-tab="findings"]').click()
    row = page.locator('tr.welfare-finding[data-rule="approvals"]').first
    expect(row).to_be_visible()
    expect(row).to_contain_text("20 พ.ค. 2567")
    line = row.get_attribute("data-line")
    row.locator("a.welfare-entry-link").click()
    expect(page).to_have_url(re.compile(r"#context-[0-9a-f]+$"))
    dialog = page.locator("dialog")
    expect(dialog).to_contain_text(f"BangMueang.beancount:{line}")
    expect(dialog).to_contain_text('approved-by: "BM-0002"')
    for button in dialog.locator("form button").all():
        expect(button).to_be_hidden()
    expect(dialog.locator(".cm-content").first).to_have_attribute("contenteditable", "false")
    page.screenshot(path=artifacts_dir / "fava-finding-entry.png")
    page.keyboard.press("Escape")

    page.locator('nav.welfare-tabs a[data-tab="member"]').click()
    page.locator('form.welfare-member-form input[name="member"]').fill("BM-0001")
    page.locator("form.welfare-member-form button[type=submit]").click()
    statement = page.locator('section.welfare-statement[data-member="BM-0001"]')
    expect(statement).to_be_visible()
    expect(statement).to_contain_text("สวัสดิการที่สมาชิกขอรับได้ ณ วันนั้น")
    expect(statement.locator('tr[data-kind="benefit"]')).to_have_count(1)
    expect(statement.locator('tr[data-type="Sickness"]')).to_be_visible()
    page.screenshot(path=artifacts_dir / "fava-member-th.png", full_page=True)

    page.locator('nav.welfare-tabs a[data-lang="en"]').click()
    expect(page.locator(".welfare-transparency")).to_have_attribute("lang", "en")
    expect(page.locator('section.welfare-statement[data-member="BM-0001"]')).to_contain_text(
        "Benefits the member can claim on that day"
    )
    page.screenshot(path=artifacts_dir / "fava-member-en.png", full_page=True)



def test_read_only_hides_editing_controls_on_fava_pages(server, page, artifacts_dir):
    page.goto(f"{server.base}/{SLUG}/journal/")
    expect(page.locator("html")).to_have_attribute("data-welfare-read-only", "true")
    for selector in EDITING_CONTROLS:
        expect(page.locator(selector).first).to_be_hidden()
    page.screenshot(path=artifacts_dir / "fava-journal-read-only.png")


def test_editing_controls_stay_when_editing_is_allowed(tmp_path, page):
    editable = start([str(copy_book(tmp_path)), "--allow-edit"])
    try:
        page.goto(f"{editable.base}/{SLUG}/journal/")
        for selector in EDITING_CONTROLS:
            expect(page.locator(selector).first).to_be_visible()
        expect(page.locator("html")).not_to_have_attribute("data-welfare-read-only", "true")
    finally:
        editable.stop()
