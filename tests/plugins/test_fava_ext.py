"""The Fava extension `Transparency`, driven through Fava's own Flask test client.

The test province (`fava_ext_book/`) has planted findings: a benefit with one approver, no
document, to a member who is not paid up; a failing balance assertion; a member code
registered twice; a seal whose digest does not match. Every page is compared with the
functions that `welfare check` and `welfare report` use on the same book.
"""

from __future__ import annotations

import datetime
import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fava.application import create_app
from fava.beans.funcs import hash_entry
from welfare_ledger.plugins.findings import Severity
from welfare_ledger.plugins.i18n import format_amount, format_date
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.plugins.membership import dues_status, payment_history
from welfare_ledger.plugins.statement import member_statement
from welfare_ledger.plugins.summary import area_years, grant_statuses
from welfare_ledger.scripts.serve import build_app

BOOK = Path(__file__).resolve().parent / "fava_ext_book" / "main.beancount"
SLUG = "welfare-test-province"
PAGE = f"/{SLUG}/extension/Transparency/"
YEAR = 2024
THROUGH = datetime.date(2024, 8, 15)
END_OF_PAGE = "<!-- /welfare-transparency -->"


class Elements(HTMLParser):
    """Every element with its attributes and text, flat, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.elements: list[dict] = []
        self.mismatched: list[str] = []
        self._open: list[dict] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, **{k: v or "" for k, v in attrs}, "text": ""}
        self.elements.append(element)
        if tag not in ("input", "br", "meta", "link", "img"):
            self._open.append(element)

    def handle_endtag(self, tag):
        if self._open and self._open[-1]["tag"] != tag:
            self.mismatched.append(f"</{tag}> closes <{self._open[-1]['tag']}> at {self.getpos()}")
        while self._open:
            if self._open.pop()["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find(self, **attrs) -> list[dict]:
        return [e for e in self.elements if all(e.get(k) == v for k, v in attrs.items())]

    def cells(self, row: dict) -> list[str]:
        start = self.elements.index(row)
        cells = []
        for element in self.elements[start + 1 :]:
            if element["tag"] == "tr":
                break
            if element["tag"] == "td":
                cells.append(" ".join(element["text"].split()))
        return cells


@pytest.fixture(scope="module")
def loaded():
    return load_book(BOOK, remember=False)  # audited here, so each finding carries its entry


@pytest.fixture(scope="module")
def client():
    return create_app([str(BOOK)], read_only=True).test_client()


def page(client, **params) -> tuple[str, Elements]:
    response = client.get(PAGE, query_string=params)
    assert response.status_code == 200, response.data[:500]
    text = response.get_data(as_text=True)
    fragment = text[text.index('<div class="welfare-transparency"') : text.index(END_OF_PAGE)]
    own = Elements(fragment)
    assert not own.mismatched, own.mismatched
    assert not own._open, "every element of the page is closed"
    return text, Elements(text)


def test_overview_agrees_with_the_areas_report(client, loaded):
    book = loaded.facts()
    text, doc = page(client, lang="en", year=YEAR)
    expected = {row.area: row for row in area_years(book, YEAR)}
    assert set(expected) == {"BangMueang", "NongBua"}
    day = min(datetime.date(YEAR, 12, 31), THROUGH)
    history = payment_history(book)
    for area, figures in expected.items():
        cells = doc.cells(doc.find(tag="tr", **{"data-area": area})[0])
        paid_up = sum(
            1
            for m in book.register.members_of(area)
            if m.active_on(day) and dues_status(book, history, m, day).paid_up
        )
        errors = sum(f.area == area and f.severity is Severity.ERROR for f in loaded.findings)
        assert cells[0:7] == [
            str(figures.members),
            str(paid_up),
            format_amount(figures.contributions, "en", currency=False),
            format_amount(figures.matching_government, "en", currency=False),
            format_amount(figures.matching_local, "en", currency=False),
            format_amount(figures.benefits, "en", currency=False),
            format_amount(figures.fund_balance, "en", currency=False),
        ]
        audit_row = doc.find(tag="tr", **{"data-area": area})[1]
        assert doc.cells(audit_row)[0] == str(errors)
        assert book.register.area_name(area) in audit_row["text"], "the area's Thai name is shown"
    assert doc.cells(doc.find(tag="tr", **{"data-area": "BangMueang"})[1])[2].startswith("seal broken")
    assert doc.cells(doc.find(tag="tr", **{"data-area": "NongBua"})[1])[2] == "not sealed yet"
    benefits = doc.find(tag="table", **{"class": "welfare-benefits sticky-first"})[0]["text"]
    assert format_amount(expected["NongBua"].benefits_death, "en", currency=False) in benefits
    assert "Overview by area: year 2024" in text


def test_overview_is_thai_by_default_with_buddhist_era_years(client):
    text, doc = page(client, year=YEAR)
    assert 'lang="th"' in text
    assert "ภาพรวมรายพื้นที่: ปี พ.ศ. 2567" in text
    assert "สมาชิกที่ส่งเงินสัจจะครบ" in text
    assert "ตำบลบางเมือง" in text
    english = doc.find(tag="a", **{"data-lang": "en"})[0]
    assert "lang=en" in html.unescape(english["href"])


def test_findings_page_shows_every_finding_with_its_rule_and_a_link_to_its_entry(client, loaded):
    _, doc = page(client, view="findings", lang="en")
    rows = doc.find(tag="tr", **{"class": "welfare-finding"})
    assert len(rows) == len(loaded.findings)
    planted = {"approvals", "missing-document", "lapsed-member", "beancount", "register"}
    assert planted <= {row["data-rule"] for row in rows}
    for row, finding in zip(rows, loaded.findings, strict=True):
        cells = doc.cells(row)
        assert row["data-rule"] == finding.rule == cells[0]
        assert cells[1] == finding.severity.value
        assert cells[2] == (finding.date.isoformat() if finding.date else "-")
        assert cells[3].endswith(f"{Path(finding.file).name}:{finding.line}")
        assert cells[4] == " ".join(finding.message("en").split())
    approvals = next(row for row in rows if row["data-rule"] == "approvals")
    link = doc.elements[doc.elements.index(approvals) + 1 :]
    link = next(e for e in link if e["tag"] == "a")
    finding = next(f for f in loaded.findings if f.rule == "approvals")
    assert link["href"] == f"#context-{hash_entry(finding.entry)}"
    context = client.get(f"/{SLUG}/api/context", query_string={"entry_hash": link["data-entry-hash"]})
    assert context.status_code == 200
    data = context.get_json()["data"]
    assert data["entry"]["meta"]["lineno"] == finding.line
    assert data["entry"]["meta"]["approved-by"] == "BM-0002"


def test_findings_are_grouped_by_area_then_rule(client):
    _, doc = page(client, view="findings", lang="en")
    sections = [s["data-area"] for s in doc.find(tag="section", **{"class": "welfare-area"})]
    assert sections == sorted(sections)
    assert "BangMueang" in sections and "NongBua" in sections
    headings = [e["id"] for e in doc.elements if e["tag"] == "h4" and e.get("id", "").startswith("rule-")]
    assert "rule-NongBua-register" in headings
    bang = [h for h in headings if h.startswith("rule-BangMueang-")]
    assert bang == sorted(bang)


def test_findings_in_thai_have_buddhist_era_dates(client, loaded):
    _, doc = page(client, view="findings")
    finding = next(f for f in loaded.findings if f.rule == "missing-document")
    row = doc.find(tag="tr", **{"data-rule": "missing-document"})[0]
    cells = doc.cells(row)
    assert cells[1] == "ข้อผิดพลาด"
    assert cells[2] == format_date(finding.date, "th") == "20 พ.ค. 2567"
    assert cells[4] == " ".join(finding.message("th").split())


def test_grants_page_agrees_with_grant_statuses(client, loaded):
    _, doc = page(client, view="grants", lang="en")
    statuses = grant_statuses(loaded.facts())
    assert [s.code for s in statuses] == ["BM-G2567-01"]
    for status in statuses:
        cells = doc.cells(doc.find(tag="tr", **{"data-grant": status.code})[0])
        assert cells[3:7] == [
            format_amount(value, "en", currency=False)
            for value in (status.amount, status.received, status.spent, status.left)
        ]
        assert cells[7] == f"{status.declared.isoformat()} – {status.ends.isoformat()}"
        assert cells[8].startswith(status.reported.isoformat())
    thai, _ = page(client, view="grants")
    assert "20 ม.ค. 2568" in thai


def test_member_lookup_shows_the_member_statement(client, loaded):
    book = loaded.facts()
    statement = member_statement(book, "BM-0001", THROUGH)
    _, doc = page(client, view="member", member="bm-0001", lang="en")
    section = doc.find(tag="section", **{"data-member": "BM-0001"})
    assert section, "the statement of BM-0001 is shown (codes are read case-insensitively)"
    assert len(doc.find(tag="tr", **{"data-kind": "contribution"})) == sum(
        line.kind == "contribution" for line in statement.lines
    )
    assert len(doc.find(tag="tr", **{"data-kind": "benefit"})) == sum(
        line.kind == "benefit" for line in statement.lines
    )
    paid_up = doc.find(tag="dd", **{"class": "welfare-paid-up"})[0]
    assert paid_up["data-paid-up"] == ("yes" if statement.paid_up else "no")
    shown = {row["data-type"]: row["data-eligible"] for row in doc.find(tag="tr") if "data-eligible" in row}
    assert shown == {e.type: ("yes" if e.eligible else "no") for e in statement.eligibility}
    assert "Sickness" in shown


def test_member_lookup_on_a_chosen_day_agrees_with_the_member_report(client, loaded):
    day = datetime.date(2024, 3, 1)
    statement = member_statement(loaded.facts(), "BM-0003", day)
    text, doc = page(client, view="member", member="BM-0003", as_of=day.isoformat(), lang="en")
    assert "Statement of member BM-0003 on 2024-03-01" in text
    assert doc.find(tag="dd", **{"class": "welfare-paid-up"})[0]["data-paid-up"] == (
        "yes" if statement.paid_up else "no"
    )
    assert not statement.paid_up
    assert format_amount(statement.shortfall, "en") in text
    assert len(doc.find(tag="tr", **{"data-kind": "contribution"})) == 1
    assert not doc.find(tag="tr", **{"data-kind": "benefit"}), "the May benefit is after that day"
    thai, _ = page(client, view="member", member="BM-0003", as_of=day.isoformat())
    assert "รายการของสมาชิก BM-0003 ณ วันที่ 1 มี.ค. 2567" in thai


def test_member_lookup_of_an_unknown_code(client):
    text, doc = page(client, view="member", member="XX-9999", lang="en")
    assert "No member with code XX-9999 is in the register." in text
    assert not doc.find(tag="section", **{"class": "welfare-statement"})


def test_member_lookup_shows_codes_only(client):
    text, _ = page(client, view="member", member="BM-0003", lang="en")
    assert not re.search(r"\b\d{13}\b|\b\d-\d{4}-\d{5}-\d{2}-\d\b", text)
    assert not re.search(r"\b0[689]\d{8}\b", text)


def test_seals_page_shows_latest_digest_and_state(client, loaded):
    _, doc = page(client, view="seals", lang="en")
    seal = loaded.facts().register.latest_seal("BangMueang")
    bang = doc.find(tag="section", **{"data-area": "BangMueang"})[0]
    assert doc.find(tag="strong", **{"class": "welfare-sealed-through"})[0]["text"] == seal.date.isoformat()
    assert seal.digest in doc.find(tag="details", **{"class": "welfare-digest"})[0]["text"]
    broken = any(f.rule == "seal" and f.area == "BangMueang" for f in loaded.findings)
    assert bang["data-state"] == ("broken" if broken else "intact")
    assert doc.find(tag="section", **{"data-area": "NongBua"})[0]["data-state"] == "none"


def test_endpoints_mode_and_findings(client, loaded):
    mode = client.get(f"{PAGE}mode")
    assert mode.get_json() == {"read_only": True}
    editable = create_app([str(BOOK)]).test_client()
    assert editable.get(f"{PAGE}mode").get_json() == {"read_only": False}
    findings = client.get(f"{PAGE}findings", query_string={"lang": "en"}).get_json()
    assert [{k: v for k, v in f.items() if k != "entry_hash"} for f in findings] == [
        f.to_json("en") for f in loaded.findings
    ]
    assert all(f["entry_hash"] for f in findings)


def test_js_module_is_served(client):
    response = client.get(f"/{SLUG}/extension_js_module/Transparency.js")
    assert response.status_code == 200
    assert b'a[href="#add-transaction"]' in response.data
    assert b"read_only" in response.data


def test_every_label_has_a_thai_translation(client):
    from welfare_ledger.plugins.fava_ext.page import SEAL_STATES, VIEW_TITLES
    from welfare_ledger.plugins.i18n import thai_catalog_ids

    template = (Path(__file__).resolve().parents[2] / "plugins/fava_ext/templates/Transparency.html").read_text()
    msgids = set(re.findall(r"p\.t\('([^']+)'", template)) | set(VIEW_TITLES.values()) | set(SEAL_STATES.values())
    missing = msgids - thai_catalog_ids()
    assert not missing


def test_snapshot_is_computed_once_per_load(tmp_path):
    shutil.copytree(BOOK.parent, tmp_path / "book")
    book = tmp_path / "book" / "main.beancount"
    app = create_app([str(book)], read_only=True)
    client = app.test_client()
    page(client)
    ledger = app.config["LEDGERS"][SLUG]
    extension = ledger.extensions.get_extension("Transparency")
    first = extension.snapshot
    page(client, view="findings")
    assert extension.snapshot is first
    area = tmp_path / "book" / "areas" / "NongBua.beancount"
    area.write_text(
        area.read_text(encoding="utf-8")
        + '\n2024-09-01 * "Death benefit"\n  member: "NB-0001"\n  approved-by: "NB-0003"\n'
        "  Expenses:NongBua:Benefits:Death  100 THB\n  Assets:NongBua:Cash  -100 THB\n",
        encoding="utf-8",
    )
    ledger.load_file()
    assert extension.snapshot is not first
    _, doc = page(client, view="findings", lang="en")
    assert doc.find(tag="tr", **{"data-rule": "approvals", "data-line": str(len(area.read_text().splitlines()) - 4)})


BOOK_WITHOUT_PLUGIN = """
option "title" "No plugin"
option "operating_currency" "THB"
2020-01-01 custom "fava-extension" "welfare_ledger.plugins.fava_ext"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Cash THB
2020-01-01 open Expenses:BangMueang:Admin THB
2021-01-01 custom "member" "BM-0001" "BangMueang"
2021-01-01 custom "member" "BM-0002" "BangMueang"
2021-01-01 custom "committee" "BM-0001" "chair"
2021-01-01 custom "committee" "BM-0002" "treasurer"
2024-01-10 * "Stationery"
  approved-by: "{approvers}"
  document: "main.beancount"
  Expenses:BangMueang:Admin  100 THB
  Assets:BangMueang:Cash  -100 THB
"""


@pytest.mark.parametrize(("approvers", "flagged"), [("BM-0001", True), ("BM-0001 BM-0002", False)])
def test_a_book_without_the_plugin_is_still_audited(tmp_path, approvers, flagged):
    book = tmp_path / "main.beancount"
    book.write_text(BOOK_WITHOUT_PLUGIN.replace("{approvers}", approvers), encoding="utf-8")
    client = create_app([str(book)], read_only=True).test_client()
    response = client.get("/no-plugin/extension/Transparency/", query_string={"view": "findings", "lang": "en"})
    assert response.status_code == 200
    doc = Elements(response.get_data(as_text=True))
    rows = doc.find(tag="tr", **{"data-rule": "approvals"})
    assert bool(rows) is flagged
    if flagged:
        assert "needs 2" in doc.cells(rows[0])[4]


def test_query_arguments_cannot_break_the_page(client):
    text, _ = page(client, view="member", member="<script>alert(1)</script>", lang="en")
    assert "<SCRIPT>" not in text
    assert "&lt;SCRIPT&gt;ALERT(1)&lt;/SCRIPT&gt;" in text
    for year in ("abc", "99999", "-1"):
        text, _ = page(client, year=year, lang="en")
        assert "Overview by area: year 2024" in text
    text, _ = page(client, view="nonsense", lang="en")
    assert "Overview by area: year" in text


def test_every_finding_link_opens_its_entry_even_beancounts_own(client, loaded):
    """A "Balance failed" finding used to open "No entry found for hash"; now every link lands."""
    _, doc = page(client, view="findings", lang="en")
    links = doc.find(tag="a", **{"class": "welfare-entry-link"})
    assert len(links) == len(loaded.findings)
    balance = [f for f in loaded.findings if f.rule == "beancount"]
    assert balance and "Balance failed" in balance[0].message("en")
    for link in links:
        entry_hash = link["data-entry-hash"]
        assert link["href"] == f"#context-{entry_hash}"
        context = client.get(f"/{SLUG}/api/context", query_string={"entry_hash": entry_hash})
        assert context.status_code == 200, link["text"]
        assert link["text"].endswith(f":{context.get_json()['data']['entry']['meta']['lineno']}")


def test_a_finding_without_an_entry_links_to_its_lines_without_comments(tmp_path):
    book = tmp_path / "main.beancount"
    book.write_text(
        'option "title" "Broken"\noption "operating_currency" "THB"\n'
        '; treasurer note: call Somchai 0812345678\n2020-01-01 open Assets:BangMueang:Cash THB\n'
        "2024-01-01 this is not beancount ; another private note\n",
        encoding="utf-8",
    )
    client = build_app([book], read_only=True)[0].test_client()
    response = client.get("/broken/extension/Transparency/", query_string={"view": "findings", "lang": "en"})
    doc = Elements(response.get_data(as_text=True))
    row = doc.find(tag="tr", **{"data-rule": "beancount"})[0]
    link = next(e for e in doc.elements[doc.elements.index(row):] if e["tag"] == "a")
    assert "view=source" in html.unescape(link["href"]) and "line=5" in html.unescape(link["href"])
    lines = client.get("/broken/extension/Transparency/" + html.unescape(link["href"]).split("/Transparency/", 1)[1])
    text = lines.get_data(as_text=True)
    assert "this is not beancount" in text
    assert "0812345678" not in text and "private note" not in text and "Somchai" not in text
    outside = client.get("/broken/extension/Transparency/", query_string={"view": "source", "filename": "/etc/passwd", "line": "1", "lang": "en"})
    assert outside.status_code == 403 and b"root:" not in outside.data
    plain = create_app([str(book)], read_only=True).test_client()
    assert plain.get("/broken/extension/Transparency/").status_code == 404, "plain Fava: the book does not declare it"


def test_pages_say_through_which_date_and_warn_when_the_books_are_old(client):
    _text, doc = page(client, lang="en")
    through = doc.find(tag="p", **{"class": "welfare-through"})[0]
    assert through["data-through"] == THROUGH.isoformat()
    stale = doc.find(tag="p", **{"class": "welfare-stale"})
    assert stale, "the test book ends in August 2024, long before today"
    assert f"only through {THROUGH.isoformat()}" in stale[0]["text"]


def test_fresh_books_have_no_stale_warning(tmp_path):
    day = datetime.date.today() - datetime.timedelta(days=10)
    book = tmp_path / "main.beancount"
    book.write_text(
        BOOK_WITHOUT_PLUGIN.replace("{approvers}", "BM-0001 BM-0002").replace("2024-01-10", day.isoformat()),
        encoding="utf-8",
    )
    client = create_app([str(book)], read_only=True).test_client()
    doc = Elements(client.get("/no-plugin/extension/Transparency/", query_string={"lang": "en"}).get_data(as_text=True))
    assert doc.find(tag="p", **{"class": "welfare-through"})[0]["data-through"] == day.isoformat()
    assert not doc.find(tag="p", **{"class": "welfare-stale"})


def test_seals_show_the_check_code_and_a_qr_code(client, loaded):
    from welfare_ledger.plugins.seal_code import check_code, qr_payload, qr_svg

    text, doc = page(client, view="seals", lang="en")
    seal = loaded.facts().register.latest_seal("BangMueang")
    code = doc.find(tag="p", **{"class": "welfare-check-code"})[0]
    assert check_code(seal.digest) in code["text"]
    assert qr_svg(qr_payload("BangMueang", seal.date, seal.digest), scale=4) in text, "the QR carries area, date and code"
    assert seal.digest in doc.find(tag="details", **{"class": "welfare-digest"})[0]["text"], "the digest is folded away"
    assert not doc.find(tag="section", **{"data-area": "NongBua"})[0]["text"].count("WELFARE-SEAL")


def test_member_documents_link_to_favas_own_route(client, loaded):
    _, doc = page(client, view="member", member="BM-0001", as_of="2024-12-31", lang="en")
    links = doc.find(tag="a", **{"class": "welfare-document"})
    assert [link["text"] for link in links] == ["2024-04-10.sickness-BM-0001.pdf"]
    response = client.get(html.unescape(links[0]["href"]))
    assert response.status_code == 200
    assert response.data.startswith(b"%PDF") or len(response.data) > 0


def test_grant_report_links_to_its_document(client):
    _, doc = page(client, view="grants", lang="en")
    links = doc.find(tag="a", **{"class": "welfare-document"})
    assert [link["text"] for link in links] == ["2025-01-20.grant-report-BM-G2567-01.pdf"]
    assert client.get(html.unescape(links[0]["href"])).status_code == 200


def test_exit_reasons_and_ended_membership_in_thai(client):
    _, doc = page(client, view="member", member="NB-0002", as_of="2024-12-31")
    assert "เสียชีวิต" in doc.find(tag="dd", **{"class": "welfare-exit"})[0]["text"]
    paid_up = doc.find(tag="dd", **{"class": "welfare-paid-up"})[0]
    assert paid_up["data-paid-up"] == "ended", "no arrears after the membership ended"
    assert "deceased" not in paid_up["text"]


def test_a_reload_that_breaks_keeps_the_last_good_findings_and_says_so(tmp_path):
    shutil.copytree(BOOK.parent, tmp_path / "book")
    book = tmp_path / "book" / "main.beancount"
    app = create_app([str(book)], read_only=True)
    client = app.test_client()
    warning = {"tag": "p", "class": "welfare-stale welfare-reload-failed"}
    _, before = page(client, view="findings", lang="en")
    rules_before = [row["data-rule"] for row in before.find(tag="tr") if "data-rule" in row]
    assert rules_before
    area = tmp_path / "book" / "areas" / "NongBua.beancount"
    good = area.read_text(encoding="utf-8")
    area.write_text(good + '\n2024-09-01 * "half-written entry\n  Assets:NongBua:Cash  -1\n', encoding="utf-8")
    ledger = app.config["LEDGERS"][SLUG]
    ledger.load_file()
    _, after = page(client, view="findings", lang="en")
    assert [row["data-rule"] for row in after.find(tag="tr") if "data-rule" in row] == rules_before
    shown = after.find(**warning)
    assert len(shown) == 1 and "last good load" in shown[0]["text"]
    _, thai = page(client, view="findings", lang="th")
    assert "ครั้งล่าสุดที่สำเร็จ" in thai.find(**warning)[0]["text"]
    area.write_text(good, encoding="utf-8")
    ledger.load_file()
    _, repaired = page(client, view="findings", lang="en")
    assert repaired.find(**warning) == []
