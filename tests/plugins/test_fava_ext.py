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

BOOK = Path(__file__).resolve().parent / "fava_ext_book" / "main.beancount"
SLUG = "welfare-test-province"
PAGE = f"/{SLUG}/extension/Transparency/"
YEAR = 2024
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
    return load_book(BOOK)


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
    day = min(datetime.date(YEAR, 12, 31), datetime.date.today())
    history = payment_history(book)
    for area, figures in expected.items():
        cells = doc.cells(doc.find(tag="tr", **{"data-area": area})[0])
        paid_up = sum(
            1
            for m in book.register.members_of(area)
            if m.active_on(day) and dues_status(book, history, m, day).paid_up
        )
        errors = sum(f.area == area and f.severity is Severity.ERROR for f in loaded.findings)
        assert cells[1:8] == [
            str(figures.members),
            str(paid_up),
            format_amount(figures.contributions, "en", currency=False),
            format_amount(figures.matching_government, "en", currency=False),
            format_amount(figures.matching_local, "en", currency=False),
            format_amount(figures.benefits, "en", currency=False),
            format_amount(figures.fund_balance, "en", currency=False),
        ]
        audit = doc.cells(doc.find(tag="tr", **{"data-area": area})[1])
        assert audit[:2] == [str(area), str(errors)]
    assert doc.cells(doc.find(tag="tr", **{"data-area": "BangMueang"})[1])[3].startswith("seal broken")
    assert doc.cells(doc.find(tag="tr", **{"data-area": "NongBua"})[1])[3] == "not sealed yet"
    benefits = doc.find(tag="table", **{"class": "welfare-benefits"})[0]["text"]
    assert format_amount(expected["NongBua"].benefits_death, "en", currency=False) in benefits
    assert "Overview by area: year 2024" in text


def test_overview_is_thai_by_default_with_buddhist_era_years(client):
    text, doc = page(client, year=YEAR)
    assert 'lang="th"' in text
    assert "ภาพรวมรายพื้นที่: ปี พ.ศ. 2567" in text
    assert "สมาชิกที่ส่งสัจจะครบ" in text
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
    statement = member_statement(book, "BM-0001", datetime.date.today())
    _, doc = page(client, view="member", member="bm-0001", lang="en")
    section = doc.find(tag="section", **{"data-member": "BM-0001"})
    assert section, "the statement of BM-0001 is shown (codes are read case-insensitively)"
    assert len(doc.find(tag="tr", **{"data-kind": "contribution"})) == sum(
        line.kind == "contribution" for line in statement.lines
    )
    assert len(doc.find(tag="tr", **{"data-kind": "benefit"})) == sum(
        line.kind == "benefit" for line in statement.lines
    )
    paid_up = doc.find(tag="td", **{"class": "welfare-paid-up"})[0]
    assert paid_up["data-paid-up"] == ("yes" if statement.paid_up else "no")
    shown = {row["data-type"]: row["data-eligible"] for row in doc.find(tag="tr") if "data-eligible" in row}
    assert shown == {e.type: ("yes" if e.eligible else "no") for e in statement.eligibility}
    assert "Sickness" in shown


def test_member_lookup_on_a_chosen_day_agrees_with_the_member_report(client, loaded):
    day = datetime.date(2024, 3, 1)
    statement = member_statement(loaded.facts(), "BM-0003", day)
    text, doc = page(client, view="member", member="BM-0003", as_of=day.isoformat(), lang="en")
    assert "Statement of member BM-0003 on 2024-03-01" in text
    assert doc.find(tag="td", **{"class": "welfare-paid-up"})[0]["data-paid-up"] == (
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
    bang = doc.find(tag="tr", **{"data-area": "BangMueang"})[0]
    cells = doc.cells(bang)
    assert cells[1] == seal.date.isoformat()
    assert cells[3] == seal.digest
    broken = any(f.rule == "seal" and f.area == "BangMueang" for f in loaded.findings)
    assert bang["data-state"] == ("broken" if broken else "intact")
    assert doc.find(tag="tr", **{"data-area": "NongBua"})[0]["data-state"] == "none"


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
