"""End to end in a real browser: Debian's Chromium, driven by Playwright, on a real `welfare serve`.

A member opens the transparency pages (Thai by default) on a phone (360x740) and a desktop
(1400x1000), follows a finding to its entry, looks a member up and reads the seals; Fava's
own pages work under the Content-Security-Policy with no editing control from the first
paint; and a book full of planted markup runs nothing anywhere. Screenshots go to
`test-artifacts/` (the `artifacts_dir` fixture).
"""

from __future__ import annotations

import re
from pathlib import Path

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
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1400, "height": 1000}
MARKUP_BOOK = Path(__file__).resolve().parent / "markup_book" / "main.beancount"
MARKUP_SLUG = "markup-test"
PAGE = f"/{SLUG}/extension/Transparency/"

EDITING_CONTROLS = [
    'a[href="#add-transaction"]',
    'a[href*="/editor/"]',
    'a[href*="/import/"]',
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


class Watched:
    """A page with its script errors, console messages and blocked-by-policy reports."""

    def __init__(self, page) -> None:
        self.page = page
        self.errors: list[str] = []
        self.console: list[str] = []
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: self.console.append(f"{message.type}: {message.text}"))
        page.on("dialog", lambda dialog: (self.errors.append(f"dialog: {dialog.message}"), dialog.dismiss()))

    def policy_violations(self) -> list[str]:
        return [line for line in self.console if "Content Security Policy" in line]


def open_page(browser, viewport):
    context = browser.new_context(viewport=viewport, locale="th-TH")
    return context, Watched(context.new_page())


@pytest.fixture
def desktop(browser):
    context, watched = open_page(browser, DESKTOP)
    yield watched
    context.close()
    assert not watched.errors, watched.errors
    assert not watched.policy_violations(), watched.policy_violations()


@pytest.fixture
def phone(browser):
    context, watched = open_page(browser, PHONE)
    yield watched
    context.close()
    assert not watched.errors, watched.errors
    assert not watched.policy_violations(), watched.policy_violations()


def no_horizontal_overflow(page, selectors: list[str]) -> None:
    """The page does not scroll sideways, and each element a member must read fits the screen."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for selector in selectors:
        for box in page.locator(selector).evaluate_all("els => els.map(e => e.getBoundingClientRect().right)"):
            assert box <= width + 0.5, selector


def test_overview_finding_to_entry_and_member_lookup(server, desktop, artifacts_dir):
    page = desktop.page
    page.goto(f"{server.base}{PAGE}")
    overview = page.locator(".welfare-transparency")
    expect(overview).to_have_attribute("lang", "th")
    expect(page.locator(".welfare-transparency h2").first).to_contain_text("ภาพรวมรายพื้นที่")
    expect(page.locator(".welfare-transparency h2").first).to_contain_text("2567")
    expect(page.locator('table.welfare-audit tr[data-area="BangMueang"]')).to_contain_text("ตราประทับไม่ตรง")
    expect(page.locator('table.welfare-audit tr[data-area="BangMueang"]')).to_contain_text("ตำบลบางเมือง")
    expect(page.locator("p.welfare-stale")).to_be_visible()
    page.screenshot(path=artifacts_dir / "desktop-overview-th.png", full_page=True)

    page.locator('nav.welfare-tabs a[data-tab="findings"]').click()
    row = page.locator('tr.welfare-finding[data-rule="beancount"]').first
    expect(row.locator("td.message")).to_contain_text("Balance failed")
    line = row.get_attribute("data-line")
    row.locator("a.welfare-entry-link").click()
    expect(page).to_have_url(re.compile(r"#context-[0-9a-f]+$"))
    dialog = page.locator("dialog")
    expect(dialog).to_contain_text(f"BangMueang.beancount:{line}")
    expect(dialog).not_to_contain_text("No entry found")
    for button in dialog.locator("form button").all():
        expect(button).to_be_hidden()
    page.screenshot(path=artifacts_dir / "desktop-finding-entry.png")
    page.keyboard.press("Escape")

    page.goto(f"{server.base}{PAGE}?view=member")
    page.locator('form.welfare-member-form input[name="member"]').fill("BM-0001")
    page.locator("form.welfare-member-form button[type=submit]").click()
    statement = page.locator('section.welfare-statement[data-member="BM-0001"]')
    expect(statement).to_contain_text("สวัสดิการที่สมาชิกขอรับได้ ณ วันนั้น")
    expect(statement.locator('tr[data-kind="benefit"]')).to_have_count(1)
    document = statement.locator("a.welfare-document")
    expect(document).to_have_text("2024-04-10.sickness-BM-0001.pdf")
    page.screenshot(path=artifacts_dir / "desktop-member-th.png", full_page=True)

    page.locator('nav.welfare-tabs a[data-lang="en"]').click()
    expect(page.locator(".welfare-transparency")).to_have_attribute("lang", "en")
    expect(page.locator('section.welfare-statement[data-member="BM-0001"]')).to_contain_text(
        "Benefits the member can claim on that day"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360x740", "1400x1000"])
def test_pages_for_members_at_phone_and_desktop_width(server, browser, viewport, artifacts_dir):
    context, watched = open_page(browser, viewport)
    page = watched.page
    size = f"{viewport['width']}x{viewport['height']}"
    try:
        page.goto(f"{server.base}{PAGE}?view=member&member=BM-0003")
        status = page.locator("dd.welfare-paid-up")
        expect(status).to_contain_text("ขาดอีก 1,100.00")
        expect(page.locator('tr[data-type="Sickness"] td.message')).to_be_visible()
        no_horizontal_overflow(page, ["dd.welfare-paid-up", 'tr[data-type] td.message', "p.welfare-stale"])
        page.screenshot(path=artifacts_dir / f"member-{size}.png", full_page=True)

        page.goto(f"{server.base}{PAGE}?view=findings")
        messages = page.locator("tr.welfare-finding td.message")
        expect(messages.first).to_be_visible()
        for message in messages.all():
            expect(message).to_be_visible()
            assert message.inner_text().strip()
        no_horizontal_overflow(page, ["tr.welfare-finding td.message", "a.welfare-entry-link"])
        page.screenshot(path=artifacts_dir / f"findings-{size}.png", full_page=True)

        page.goto(f"{server.base}{PAGE}?view=seals")
        code = page.locator('section[data-area="BangMueang"] p.welfare-check-code code')
        expect(code).to_have_text(re.compile(r"^[0-9A-F]{4}( [0-9A-F]{4}){4}$"))
        assert float(code.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 17
        expect(page.locator('section[data-area="BangMueang"] .welfare-qr svg')).to_be_visible()
        expect(page.locator("details.welfare-digest code").first).to_be_hidden()
        no_horizontal_overflow(page, ["p.welfare-check-code code", ".welfare-qr svg"])
        page.screenshot(path=artifacts_dir / f"seals-{size}.png", full_page=True)

        page.goto(f"{server.base}{PAGE}?year=2024")
        table = page.locator(".scroll:has(table.welfare-benefits)")
        table.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
        name = page.locator('table.welfare-benefits tr[data-area="NongBua"] th .welfare-area-name')
        expect(name).to_have_text("ตำบลหนองบัว")
        box = name.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        no_horizontal_overflow(page, [".welfare-through", "p.welfare-stale"])
        page.screenshot(path=artifacts_dir / f"overview-scrolled-{size}.png", full_page=True)
    finally:
        context.close()
    assert not watched.errors and not watched.policy_violations(), (watched.errors, watched.console)


@pytest.mark.parametrize(
    ("name", "path"),
    [("journal", "journal/"), ("account", "account/Assets:BangMueang:Cash/"), ("income", "income_statement/")],
)
def test_read_only_from_the_first_paint(server, browser, name, path, artifacts_dir):
    """No editing control on the first screenshot: the stylesheet comes with the page itself."""
    context, watched = open_page(browser, DESKTOP)
    page = watched.page
    try:
        page.goto(f"{server.base}/{SLUG}/{path}", wait_until="commit")
        expect(page.locator('head link[href="/_welfare/read-only.css"]')).to_have_count(1)
        page.wait_for_selector("aside a", state="attached")
        page.screenshot(path=artifacts_dir / f"first-paint-{name}.png")
        for selector in EDITING_CONTROLS:
            for control in page.locator(selector).all():
                expect(control).to_be_hidden()
        page.keyboard.press("n")
        page.wait_for_timeout(300)
        assert "#add-transaction" not in page.url
        expect(page.locator("dialog form.flex-column")).to_have_count(0)
    finally:
        context.close()
    assert not watched.errors and not watched.policy_violations(), (watched.errors, watched.console)


def test_fava_works_under_the_policy(server, desktop, artifacts_dir):
    page = desktop.page
    page.goto(f"{server.base}/{SLUG}/income_statement/")
    expect(page.locator("svg rect").first).to_be_attached()
    expect(page.locator("article")).to_contain_text("Contributions")
    page.screenshot(path=artifacts_dir / "desktop-income-statement.png")
    page.goto(f"{server.base}/{SLUG}/account/Assets:BangMueang:Cash/")
    expect(page.locator("article")).to_contain_text("Sickness benefit")
    page.goto(f"{server.base}/{SLUG}/journal/")
    expect(page.locator("article")).to_contain_text("Collection day")
    assert not desktop.policy_violations()


def test_the_policy_stops_an_injected_handler(server, desktop):
    """Even markup that slipped into the page could not run: the browser enforces the policy."""
    page = desktop.page
    page.goto(f"{server.base}/{SLUG}/journal/")
    page.evaluate(
        """() => {
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective));
            document.body.insertAdjacentHTML('beforeend', '<img id="injected" src="/nope" onerror="window.__pwned = 1">');
        }"""
    )
    page.wait_for_function("window.__violations.length > 0")
    assert page.evaluate("window.__pwned") is None
    assert any(d.startswith("script-src") for d in page.evaluate("window.__violations"))
    desktop.console.clear()


@pytest.fixture(scope="module")
def markup_server():
    running = start([str(MARKUP_BOOK)])
    yield running
    running.stop()


@pytest.mark.parametrize(
    "path",
    [
        "journal/",
        "account/Assets:BangMueang:Cash/",
        "account/Income:BangMueang:Contributions/",
        "income_statement/",
        "balance_sheet/",
        "errors/",
        "extension/Transparency/",
        "extension/Transparency/?view=findings",
        "extension/Transparency/?view=member&member=BM-0002",
        "extension/Transparency/?view=member&member=%3Csvg%20id%3D%22planted-query%22%20onload%3D%22window.__pwned%3D1%22%3E",
        "extension/Transparency/?view=seals",
        "extension/Transparency/?view=grants",
    ],
)
def test_planted_markup_runs_nowhere(markup_server, browser, path, artifacts_dir):
    context, watched = open_page(browser, DESKTOP)
    page = watched.page
    try:
        page.goto(f"{markup_server.base}/{MARKUP_SLUG}/{path}")
        page.wait_for_load_state("networkidle")
        if path == "journal/":
            expect(page.locator("article")).to_contain_text('<img id="planted-narration"')
            page.screenshot(path=artifacts_dir / "markup-journal.png")
        for row in page.locator("a[href^='#context-']").all()[:3]:
            row.click()
            page.wait_for_timeout(200)
            page.keyboard.press("Escape")
        planted = page.evaluate("[...document.querySelectorAll('[id^=planted]')].map(e => e.id)")
        assert planted == [], planted
        assert page.evaluate("window.__pwned") is None
    finally:
        context.close()
    assert not watched.errors and not watched.policy_violations(), (watched.errors, watched.console)


def test_editing_controls_stay_when_editing_is_allowed(tmp_path, desktop):
    page = desktop.page
    editable = start([str(copy_book(tmp_path)), "--allow-edit"])
    try:
        page.goto(f"{editable.base}/{SLUG}/journal/")
        expect(page.locator('aside a[href*="/editor/"]').first).to_be_visible()
        expect(page.locator('aside a.add-transaction')).to_be_visible()
        expect(page.locator("html")).not_to_have_attribute("data-welfare-read-only", "true")
    finally:
        editable.stop()
