"""CODI's two forms as rendered (HTML, XLSX, CSV, PDF), checked against an independent count.

The independent count never asks `plugins.codi` or the facts layer: money comes from beanquery
over the loaded entries, members and the committee from the register entries counted directly,
and the fiscal year from its October start. It runs on `books/codi.beancount` (whose figures
are also written out by hand in its header and asserted here) and on one area of the committed
demo province, loaded once for both forms as the commands load it.
"""

from __future__ import annotations

import datetime
import importlib.util
import io
import re
import zipfile
from collections import Counter, defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from beancount import loader
from beancount.core import data
from beanquery.query import run_query
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.reports import codi_matching, codi_status
from welfare_ledger.scripts.reports.output import write_report

HERE = Path(__file__).resolve()
DEMO = HERE.parents[3] / "ledgers" / "main.beancount"
AREA = "BangMueang"
AS_OF = datetime.date(2024, 9, 30)
FISCAL_START = 10
RECEIVED = {
    "contributions": "Income:{a}:Contributions$",
    "matching_government": "Income:{a}:Matching:Government$",
    "matching_local": "Income:{a}:Matching:Local$",
    "donations": "Income:{a}:Donations$",
    "interest": "Income:{a}:Interest$",
    "grants_received": "Income:{a}:Grants$",
    "entry_fees": "Income:{a}:EntryFees$",
    "other_income": "Income:{a}:Other$",
}
SPENT = {
    "benefits": "Expenses:{a}:Benefits:",
    "projects": "Expenses:{a}:Projects",
    "admin": "Expenses:{a}:Admin",
}
THAI = re.compile(r"[\u0e00-\u0e7f]")


def _sibling(name: str):
    """A helper module beside this test (the PDF reader of `test_report_pdf`), loaded by path."""
    spec = importlib.util.spec_from_file_location(f"codi_{name}", HERE.with_name(f"{name}.py"))
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PDF = _sibling("test_report_pdf")


# -- the independent count ---------------------------------------------------------------------


class Query:
    """beanquery over loaded entries."""

    def __init__(self, entries: list, options: dict) -> None:
        self.entries, self.options = entries, options

    def rows(self, query: str) -> list[tuple]:
        return run_query(self.entries, self.options, query)[1]

    def total(self, where: str) -> Decimal:
        rows = self.rows(f"SELECT sum(number) WHERE {where}")
        return rows[0][0] if rows and rows[0][0] is not None else Decimal(0)


def opening(area: str) -> str:
    return f"'Equity:{area}:Opening' IN other_accounts"


def fiscal_year_of(day: datetime.date) -> int:
    return day.year + 1 if day.month >= FISCAL_START else day.year


def fiscal_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year - 1, FISCAL_START, 1), datetime.date(
        year, FISCAL_START, 1
    ) - datetime.timedelta(days=1)


def village_text(meta: dict) -> str:
    return str(int(meta["village"])) if "village" in meta else "-"


class Register:
    """Members, exits and committee terms of one area, read straight from the `custom` entries."""

    def __init__(self, entries: list, area: str) -> None:
        customs = [e for e in entries if isinstance(e, data.Custom)]
        values = lambda e: [v.value for v in e.values]  # noqa: E731
        self.founded = next(e.date for e in customs if e.type == "area" and values(e)[0] == area)
        self.members = {values(e)[0]: e for e in customs if e.type == "member" and values(e)[1] == area}
        self.exits = {
            values(e)[0]: (e.date, values(e)[1])
            for e in customs
            if e.type == "member-exit" and values(e)[0] in self.members
        }
        self.terms = [
            (values(e)[0], values(e)[1], e.date)
            for e in customs
            if e.type == "committee" and values(e)[0] in self.members
        ]
        self.term_ends = defaultdict(list)
        for e in customs:
            if e.type == "committee-exit" and values(e)[0] in self.members:
                self.term_ends[values(e)[0]].append(e.date)

    def joined_by(self, day: datetime.date) -> dict[str, data.Custom]:
        return {code: e for code, e in self.members.items() if e.date <= day}

    def active_on(self, day: datetime.date) -> dict[str, data.Custom]:
        return {
            code: e
            for code, e in self.joined_by(day).items()
            if code not in self.exits or day <= self.exits[code][0]
        }

    def committee_on(self, day: datetime.date) -> set[tuple[str, str]]:
        held = set()
        for member, role, start in self.terms:
            ends = [end for end in self.term_ends[member] if end > start]
            if start <= day and (not ends or day < min(ends)):
                held.add((role, member))
        return held


def benefit_nets(
    query: Query, area: str, first: datetime.date, last: datetime.date
) -> dict[str, dict[str, Decimal]]:
    """Net benefits per type and member paid from `first` to `last`."""
    nets: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for account, member, amount in query.rows(
        f"SELECT account, any_meta('member') AS m, sum(number) WHERE account ~ '^Expenses:{area}:Benefits:' "
        f"AND date >= {first} AND date <= {last} GROUP BY account, m"
    ):
        nets[account.rsplit(":", 1)[1]][member] = amount
    return nets


def expected_status(query: Query, register: Register, area: str, as_of: datetime.date) -> dict:
    """Every figure of the status form, counted without the facts layer."""
    founding_end = (
        datetime.date(register.founded.year, register.founded.month, 28) + datetime.timedelta(days=4)
    ).replace(day=1) - datetime.timedelta(days=1)
    joined = register.joined_by(as_of)
    now = register.active_on(as_of)
    left = Counter(reason for code, (day, reason) in register.exits.items() if code in joined and day < as_of)
    through = f"date <= {as_of}"
    received = {
        column: -query.total(f"account ~ '^{pattern.format(a=area)}' AND {through} AND NOT {opening(area)}")
        for column, pattern in RECEIVED.items()
    }
    spent = {
        column: query.total(f"account ~ '^{p.format(a=area)}' AND {through}") for column, p in SPENT.items()
    }
    year_first, _ = fiscal_span(fiscal_year_of(as_of))

    def lines(first: datetime.date) -> dict[str, tuple[int, Decimal]]:
        nets = benefit_nets(query, area, first, as_of)
        return {
            kind: (sum(1 for v in by.values() if v > 0), sum(by.values(), Decimal(0)))
            for kind, by in nets.items()
        }

    return {
        "members_at_founding": sum(1 for e in joined.values() if e.date <= founding_end),
        "members_in_all": len(joined),
        "members_left": sum(left.values()),
        "members_now": len(now),
        "left": dict(left),
        "by_category": dict(Counter(e.meta.get("category", "-") for e in now.values())),
        "by_village": dict(Counter(village_text(e.meta) for e in now.values())),
        "received": received,
        "received_total": sum(received.values(), Decimal(0)),
        "brought_forward_fund": query.total(f"account ~ '^Assets:{area}:' AND {through} AND {opening(area)}"),
        "brought_forward_savings": -query.total(
            f"account ~ '^Income:{area}:Contributions$' AND {through} AND {opening(area)}"
        ),
        "spent": spent,
        "spent_total": sum(spent.values(), Decimal(0)),
        "fund_balance": query.total(f"account ~ '^Assets:{area}:' AND {through}"),
        "year": lines(year_first),
        "since": lines(datetime.date.min),
        "signers": {
            (role, m) for role, m in register.committee_on(as_of) if role in ("chair", "treasurer", "auditor")
        },
    }


def expected_matching(query: Query, register: Register, area: str, year: int) -> dict:
    """Every figure of the matching request, counted without the facts layer."""
    first, last = fiscal_span(year)
    saved = dict(
        query.rows(
            f"SELECT any_meta('member') AS m, sum(number) WHERE account = 'Income:{area}:Contributions' "
            f"AND date >= {first} AND date <= {last} GROUP BY m"
        )
    )
    a_year_before = datetime.date(last.year - 1, last.month, last.day) + datetime.timedelta(days=1)
    qualifying = [
        code for code, e in register.members.items() if e.date <= a_year_before and -saved.get(code, 0) >= 360
    ]
    received: dict[str, Decimal] = defaultdict(Decimal)
    for day, for_year, account, number in query.rows(
        f"SELECT date, any_meta('for-year') AS y, account, number WHERE account ~ '^Income:{area}:Matching:'"
    ):
        matched = (
            int(for_year) - 543 if for_year and int(for_year) > 2400 else int(for_year or fiscal_year_of(day))
        )
        if matched == year:
            source = "matching_government" if account.endswith("Government") else "matching_local"
            received[source] -= number
    active = register.active_on(last)
    nets = benefit_nets(query, area, first, last)
    return {
        "first": first,
        "last": last,
        "qualifying": len(qualifying),
        "by_village": dict(Counter(village_text(register.members[c].meta) for c in qualifying)),
        "due": Decimal(365 * len(qualifying)),
        "received": {s: received[s] for s in ("matching_government", "matching_local")},
        "villages_with_members": len(
            {int(e.meta["village"]) for e in active.values() if "village" in e.meta}
        ),
        "types": {kind for kind, by in nets.items() if any(v > 0 for v in by.values())},
        "committee": register.committee_on(last),
    }


# -- reading the rendered forms -----------------------------------------------------------------


class Page(HTMLParser):
    """The text of every element with an `id`, and of every `data-key` element inside each of them."""

    VOID = frozenset({"br", "meta", "img", "link", "input", "hr"})

    def __init__(self, text: str) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None, str | None]] = []
        self.by_id: dict[str, str] = defaultdict(str)
        self.keyed: dict[str, dict[str, str]] = defaultdict(lambda: defaultdict(str))
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            found = dict(attrs)
            self.open.append((tag, found.get("id"), found.get("data-key")))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, text):
        ids = [i for _, i, _ in self.open if i]
        keys = [k for _, _, k in self.open if k]
        for element in ids:
            self.by_id[element] += text
        if ids and keys:
            self.keyed[ids[-1]][keys[-1]] += " " + text

    def text(self, element: str) -> str:
        return " ".join(self.by_id[element].split())

    def cells(self, element: str) -> dict[str, str]:
        return {key: " ".join(value.split()) for key, value in self.keyed[element].items()}


def baht(value: Decimal) -> str:
    return f"{value:,.2f}"


def xlsx_form(content: bytes) -> dict[tuple[str, str], object]:
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    assert header == ["section", "item", "key", "label", "value"]
    return {(row[1], row[2] or ""): row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}


def formulas(content: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return [n for n in archive.namelist() if n.startswith("xl/worksheets/") and b"<f" in archive.read(n)]


# -- the checks, shared by the small book and the demo -----------------------------------------


def check_status_page(page: Page, expected: dict) -> None:
    for field in ("members_at_founding", "members_in_all", "members_left", "members_now"):
        assert page.text(field.replace("_", "-")) == str(expected[field]), field
    assert page.cells("left") == {k: str(v) for k, v in expected["left"].items()}
    assert page.cells("categories") == {k: str(v) for k, v in expected["by_category"].items()}
    assert page.cells("by-village") == {k: str(v) for k, v in expected["by_village"].items()}
    assert page.cells("received") == {k: baht(v) for k, v in expected["received"].items()}
    assert page.text("received-total") == baht(expected["received_total"])
    assert page.text("brought-forward-fund") == baht(expected["brought_forward_fund"])
    assert page.text("brought-forward-savings") == baht(expected["brought_forward_savings"])
    assert page.cells("spent") == {k: baht(v) for k, v in expected["spent"].items()}
    assert page.text("spent-total") == baht(expected["spent_total"])
    assert page.text("fund-balance") == baht(expected["fund_balance"])
    assert not page.text("other-movements")  # the money adds up
    benefits = {}
    for kind, (persons, amount) in expected["since"].items():
        year = expected["year"].get(kind, (0, Decimal(0)))
        benefits[kind] = f"{year[0]} {baht(year[1])} {persons} {baht(amount)}"
    assert {k: v.split(" ", 1)[1] for k, v in page.cells("benefits").items()} == benefits
    assert page.text("benefits-year") == baht(sum((a for _, a in expected["year"].values()), Decimal(0)))
    assert page.text("benefits-since") == baht(sum((a for _, a in expected["since"].values()), Decimal(0)))


def check_status_sheet(cells: dict, expected: dict) -> None:
    for field in ("members_at_founding", "members_in_all", "members_left", "members_now"):
        assert cells[(field, "")] == expected[field], field
    assert {k: v for (i, k), v in cells.items() if i == "members_by_village"} == {
        ("unknown" if k == "-" else k): v for k, v in expected["by_village"].items()
    }
    assert {k: Decimal(str(v)) for (i, k), v in cells.items() if i == "received"} == expected["received"]
    assert Decimal(str(cells[("fund_balance", "")])) == expected["fund_balance"]
    assert Decimal(str(cells[("brought_forward_fund", "")])) == expected["brought_forward_fund"]
    for kind, (persons, amount) in expected["since"].items():
        assert cells[("benefit_persons_since_founding", kind)] == persons
        assert Decimal(str(cells[("benefit_amount_since_founding", kind)])) == amount
    assert {(k, v) for (i, k), v in cells.items() if i == "signer"} == expected["signers"]


def check_matching_page(page: Page, expected: dict) -> None:
    assert page.text("qualifying").split()[0] == str(expected["qualifying"])
    assert page.cells("qualifying-by-village") == {k: str(v) for k, v in expected["by_village"].items()}
    rows = page.cells("matching")
    for source, received in expected["received"].items():
        count, due, got, still = rows[source].split()[-4:]
        assert (count, due, got, still) == (
            str(expected["qualifying"]),
            baht(expected["due"]),
            baht(received),
            baht(expected["due"] - received),
        )
    assert page.text("villages-with-members") == str(expected["villages_with_members"])
    assert set(page.cells("benefit-types")) == expected["types"]
    assert set(page.cells("committee")) == {member for _, member in expected["committee"]}


def check_matching_sheet(cells: dict, expected: dict) -> None:
    assert cells[("qualifying", "")] == expected["qualifying"]
    assert {("unknown" if k == "-" else k): v for k, v in expected["by_village"].items()} == {
        k: v for (i, k), v in cells.items() if i == "qualifying_by_village"
    }
    for source, received in expected["received"].items():
        assert Decimal(str(cells[("due", source)])) == expected["due"]
        assert Decimal(str(cells[("received", source)])) == received
    assert {k for (i, k), _ in cells.items() if i == "benefit_type"} == expected["types"]
    assert cells[("villages_with_members", "")] == expected["villages_with_members"]


# -- the small book -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def book(books) -> Path:
    return books / "codi.beancount"


@pytest.fixture(scope="module")
def independent(book):
    entries, errors, options = loader.load_file(str(book))
    assert not errors, errors
    return Query(entries, options), Register(entries, AREA)


def status_args(book, *more: str) -> list:
    return ["report", "codi-status", book, "--area", AREA, "--as-of", AS_OF.isoformat(), *more]


def matching_args(book, year: str = "2567", *more: str) -> list:
    return ["report", "codi-matching", book, "--area", AREA, "--fiscal-year", year, *more]


def test_status_html_matches_the_independent_count_and_the_hand_count(run, book, independent):
    expected = expected_status(*independent, AREA, AS_OF)
    assert (expected["members_now"], expected["fund_balance"]) == (4, Decimal("3457.34"))  # the book's header
    assert expected["received_total"] == Decimal("4407.34") and expected["spent_total"] == Decimal("5950.00")
    assert expected["year"] == {
        "Sickness": (1, Decimal(800)),
        "Death": (1, Decimal(3000)),
        "Birth": (1, Decimal(1000)),
    }
    page = Page(run(*status_args(book, "--lang", "en")).stdout)
    check_status_page(page, expected)
    assert page.text("villages") == "4"
    assert page.text("books-begin") == "2021-01-15"


def test_status_xlsx_matches_the_independent_count(run, book, independent, tmp_path):
    target = tmp_path / "status.xlsx"
    run(*status_args(book, "--format", "xlsx", "--output", target, "--lang", "th"))
    content = target.read_bytes()
    assert formulas(content) == []
    cells = xlsx_form(content)
    check_status_sheet(cells, expected_status(*independent, AREA, AS_OF))
    labels = [row[3] for row in openpyxl.load_workbook(target).active.iter_rows(min_row=2, values_only=True)]
    assert "สมาชิกปัจจุบัน" in labels and all(THAI.search(label) or label.isascii() for label in labels)


def test_matching_html_and_xlsx_match_the_independent_count(run, book, independent, tmp_path):
    expected = expected_matching(*independent, AREA, 2024)
    assert (expected["qualifying"], expected["due"]) == (3, Decimal(1095))  # the book's header
    assert expected["received"] == {"matching_government": Decimal(1095), "matching_local": Decimal(365)}
    page = Page(run(*matching_args(book, "2567", "--lang", "en")).stdout)
    check_matching_page(page, expected)
    assert page.text("village-share") == "50.0%"
    assert page.text("villages-met") == "requirement met"
    assert page.text("benefit-types-met") == "requirement met"
    assert page.cells("committee") == {
        "BM-0001": "Chair of the fund BM-0001 since 2021-01-20",
        "BM-0002": "Treasurer BM-0002 since 2021-01-25",
        "BM-0005": "Auditor of the fund BM-0005 since 2024-03-01",
    }
    assert "2023-10-15" in page.text("meetings") and "2021-01-05" not in page.text("meetings")
    target = tmp_path / "matching.xlsx"
    run(*matching_args(book, "2024", "--format", "xlsx", "--output", target))
    assert formulas(target.read_bytes()) == []
    check_matching_sheet(xlsx_form(target.read_bytes()), expected)


def test_the_same_year_in_either_era(run, book):
    be = run(*matching_args(book, "2567", "--format", "csv")).stdout
    ce = run(*matching_args(book, "2024", "--format", "csv")).stdout
    assert be == ce and ',"fiscal_year","","' in be and ",2024\n" in be


def test_money_is_counted_through_the_day_asked(run, book, independent):
    """The donation of 2024-09-20 is in the status of the 30th and not in that of the 15th."""
    day = datetime.date(2024, 9, 15)
    expected = expected_status(*independent, AREA, day)
    page = Page(
        run("report", "codi-status", book, "--area", AREA, "--as-of", day.isoformat(), "--lang", "en").stdout
    )
    assert page.cells("received")["donations"] == "0.00"
    check_status_page(page, expected)


def test_villages_below_half_and_too_few_benefit_types_are_said(run, book, tmp_path):
    text = book.read_text(encoding="utf-8").replace("  villages: 4\n", "  villages: 5\n", 1)
    text = text.replace('2024-06-10 * "Birth"', '2024-10-10 * "Birth"')  # Birth leaves fiscal 2024
    changed = tmp_path / "codi.beancount"
    changed.write_text(text, encoding="utf-8")
    page = Page(run(*matching_args(changed, "2567", "--lang", "en")).stdout)
    assert page.text("village-share") == "40.0%"
    assert page.text("villages-met") == "requirement not met"
    assert page.text("benefit-types-met") == "requirement not met"
    assert set(page.cells("benefit-types")) == {"Sickness", "Death"}


def test_a_village_the_tambon_does_not_have_is_named_and_not_counted(run, book, tmp_path):
    """BM-0006 written into village 7 of a tambon of 4 villages: 1 village of 4, not 2."""
    text = book.read_text(encoding="utf-8").replace(
        '"BM-0006" "BangMueang"\n  village: 2', '"BM-0006" "BangMueang"\n  village: 7'
    )
    changed = tmp_path / "codi.beancount"
    changed.write_text(text, encoding="utf-8")
    page = Page(run(*matching_args(changed, "2567", "--lang", "en")).stdout)
    assert page.text("villages-with-members") == "1"
    assert page.text("village-share") == "25.0%"
    assert "(7)" in page.text("villages-outside")
    assert "villages-outside" not in run(*matching_args(book, "2567", "--lang", "en")).stdout


def test_a_tambon_without_its_number_of_villages_cannot_be_judged(run, book, tmp_path):
    changed = tmp_path / "codi.beancount"
    changed.write_text(book.read_text(encoding="utf-8").replace("  villages: 4\n", "", 1), encoding="utf-8")
    page = Page(run(*matching_args(changed, "2567", "--lang", "en")).stdout)
    assert page.text("village-share") == "-"
    assert page.text("villages-met") == "cannot be told"
    assert "not declared" in page.text("villages")


def test_thai_by_default_with_buddhist_era_and_the_forms_headings(run, book):
    status = run(*status_args(book)).stdout
    assert "แบบแสดงสถานะกองทุนสวัสดิการชุมชน" in status
    assert "กองทุนสวัสดิการชุมชนตำบลบางเมือง" in status
    assert "ข้อมูล ณ วันที่ 30 ก.ย. 2567 ปีงบประมาณ 2567" in status
    assert "สมาชิก BM-0001" in status and "ประธานกองทุน" in status and "ผู้ตรวจสอบกองทุน" in status
    matching = run(*matching_args(book)).stdout
    assert "แบบเสนอขอรับการสนับสนุนงบประมาณสมทบกองทุนสวัสดิการชุมชน ปีงบประมาณ 2567" in matching
    assert "ปีงบประมาณ 2567: 1 ต.ค. 2566 ถึง 30 ก.ย. 2567" in matching


def test_members_appear_by_code_and_book_text_is_data(run, book):
    page = run(*matching_args(book, "2567", "--lang", "en")).stdout
    assert "&lt;i&gt;minutes&lt;/i&gt;.pdf" in page and "<i>minutes" not in page
    assert '=HYPERLINK("http' not in page
    assert '=HYPERLINK("http://evil.invalid","x").pdf' in Page(page).text("meetings")
    assert "BM-0005" in page and "NP-0001" not in page


def test_csv_and_xlsx_keep_a_hostile_document_name_inert(run, book, tmp_path):
    text = run(*matching_args(book, "2567", "--format", "csv")).stdout
    assert '"\'=HYPERLINK(""http://evil.invalid"",""x"").pdf"' in text
    assert not re.search(r'(^|,)"?[=+@-]', text, re.M)
    target = tmp_path / "matching.xlsx"
    run(*matching_args(book, "2567", "--format", "xlsx", "--output", target))
    sheet = openpyxl.load_workbook(target).active
    cell = next(row[4] for row in sheet.iter_rows(min_row=2) if str(row[4].value).startswith("=HYPERLINK"))
    assert (cell.data_type, cell.quotePrefix) == ("s", True)
    assert sheet.freeze_panes == "A2"


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("form", ["status", "matching"])
def test_the_pdf_is_one_a4_page_with_the_figures_and_signature_lines(
    run, book, tmp_path, artifacts_dir, form, lang
):
    target = tmp_path / f"{form}.pdf"
    args = status_args(book) if form == "status" else matching_args(book)
    run(*args, "--format", "pdf", "--output", target, "--lang", lang)
    content = target.read_bytes()
    (artifacts_dir / f"report-codi-{form}-{lang}.pdf").write_bytes(content)
    assert PDF.page_count(content) == 1
    assert re.search(rb"/MediaBox\s*\[0 0 595\.27\d* 841\.88\d*\]", b"\n".join(PDF.inflate_streams(content)))
    texts = "\n".join(PDF.page_texts(content))
    assert "BM-0001" in texts and "BM-0002" in texts and "BM-0005" in texts  # chair, treasurer, auditor
    if form == "status":
        assert "3,457.34" in texts and "4,407.34" in texts
    else:
        assert "1,095.00" in texts and "730.00" in texts
    if lang == "th":
        assert "ประธานกองทุน" in texts and "เหรัญญิก" in texts and "ตรวจสอบกองทุน" in texts
        assert "บางเมือง" in texts


def test_a_refused_form_leaves_the_old_file_whole(run, book, tmp_path):
    target = tmp_path / "matching.html"
    target.write_text("last year's form", encoding="utf-8")
    result = run(*matching_args(book, "2021", "--output", target, "--lang", "en"), code=2)
    assert (
        result.stderr.count("\n") == 1
        and "before the books of BangMueang began on 2021-01-15" in result.stderr
    )
    assert target.read_text(encoding="utf-8") == "last year's form"
    assert [p.name for p in tmp_path.iterdir()] == ["matching.html"]


# -- the demo province --------------------------------------------------------------------------


DEMO_AS_OF = datetime.date(2026, 9, 30)
DEMO_YEAR = 2026


@pytest.fixture(scope="module")
def demo_forms():
    """Both forms of one demo area, and their independent count, from one load of the province."""
    loaded = load_book(DEMO, audit=False)
    book, query = loaded.facts(), Query(loaded.entries, loaded.options)
    register = Register(query.entries, AREA)
    expected_s = expected_status(query, register, AREA, DEMO_AS_OF)
    expected_m = expected_matching(query, register, AREA, DEMO_YEAR)
    assert (
        expected_s["members_now"] > 100 and expected_m["qualifying"] > 100 and len(expected_s["since"]) >= 5
    )
    return {
        "status": (codi_status.build(book, AREA, DEMO_AS_OF, "th"), expected_s),
        "matching": (codi_matching.build(book, AREA, DEMO_YEAR, "th"), expected_m),
    }


CHECKS = {
    "status": (check_status_page, check_status_sheet),
    "matching": (check_matching_page, check_matching_sheet),
}


@pytest.mark.parametrize("fmt", ["html", "xlsx", "pdf"])
@pytest.mark.parametrize("form", ["status", "matching"])
def test_demo_forms_match_the_independent_count(demo_forms, tmp_path, artifacts_dir, form, fmt):
    report, expected = demo_forms[form]
    check_page, check_sheet = CHECKS[form]
    target = tmp_path / f"{form}.{fmt}"
    write_report(report, fmt, str(target), "th")
    content = target.read_bytes()
    if fmt == "html":
        check_page(Page(content.decode("utf-8")), expected)
        (artifacts_dir / f"report-codi-{form}-demo.html").write_bytes(content)
    elif fmt == "xlsx":
        assert formulas(content) == []
        check_sheet(xlsx_form(content), expected)
    else:
        (artifacts_dir / f"report-codi-{form}-demo.pdf").write_bytes(content)
        assert PDF.page_count(content) == 1
        texts = "\n".join(PDF.page_texts(content))
        assert "บางเมือง" in texts and "ประธานกองทุน" in texts
        assert baht(expected["fund_balance"] if form == "status" else expected["due"]) in texts
