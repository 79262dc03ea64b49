"""`welfare demo`: a deterministic province that keeps every rule, and one that breaks each once.

Every test reads the books as of a fixed today (`WELFARE_TODAY`), so that `stale-books` judges
the province by its `--through` day, never by the day the tests run.
"""

from __future__ import annotations

import collections
import datetime
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

import pytest
from beancount import loader
from beancount.core.data import Custom, Transaction
from click.testing import CliRunner
from fava.core import FavaLedger
from welfare_ledger.plugins.i18n import thai_catalog_ids
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.cli import cli
from welfare_ledger.scripts.demo.command import MESSAGES
from welfare_ledger.scripts.demo.documents import tiny_pdf
from welfare_ledger.scripts.demo.model import THROUGH
from welfare_ledger.scripts.reports import redflags
from welfare_ledger.scripts.reports.benford import NONCONFORMITY, benford

if TYPE_CHECKING:
    from collections.abc import Iterator


def _load_invariants() -> ModuleType:
    """The invariant checks next to this file (the test folders are not packages)."""
    spec = importlib.util.spec_from_file_location(
        "demo_invariants", Path(__file__).with_name("demo_invariants.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


inv = _load_invariants()
REPO = Path(__file__).resolve().parents[2]
DATA_MODEL = REPO / "docs" / "data-model.md"
START, END = datetime.date(2024, 1, 1), datetime.date(2025, 10, 31)
SMALL = ["--areas", "2", "--members", "40", "--start-year", "2024", "--through", "2025-10-31", "--seed", "3"]
TODAY = "2025-11-03"
"""A few days after the small province's last day: its books are up to date."""
LATER = "2026-01-31"
"""More than 45 days after it: the books are stale (rule `stale-books`)."""


@pytest.fixture(scope="module", autouse=True)
def _today() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WELFARE_TODAY", TODAY)
        yield


def run_demo(out: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert "Wrote the demo province" in result.output
    return result.output


def check(book: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = CliRunner().invoke(cli, ["--lang", "en", "check", str(book), "--format", "json", *args])
    return result.exit_code, json.loads(result.output)


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "province"
    run_demo(out, *SMALL)
    return out


@pytest.fixture(scope="module")
def loaded(province: Path) -> tuple[list[Any], list[Any], dict[str, Any]]:
    loader.initialize(use_cache=False)
    return loader.load_file(str(province / "main.beancount"))


def test_same_seed_same_bytes(province: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    run_demo(again, *SMALL)
    run_demo(other, *SMALL[:-1], "4")
    assert files_of(again) == files_of(province)
    assert files_of(other) != files_of(province)


def test_layout(province: Path) -> None:
    main = (province / "main.beancount").read_text()
    assert 'plugin "fava.plugins.link_documents"' in main
    assert 'option "documents" "documents"' in main
    assert f"2 areas, {START} to {END}, seed 3" in main
    includes = re.findall(r'include "(.+)"', main)
    assert includes == ["areas/bang-mueang/area.beancount", "areas/thai-ban/area.beancount"]
    for include in includes:
        area_book = (province / include).read_text()
        assert 'include "registers.beancount"' in area_book
        assert [f'include "{y}.beancount"' in area_book for y in (2023, 2024, 2025, 2026)] == [True] * 3 + [
            False
        ]
    assert sorted(p.name for p in (province / "documents" / "meetings").iterdir()) == [
        "bang-mueang",
        "thai-ban",
    ]


def test_bean_check_clean(province: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("bean-check")), str(province / "main.beancount")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_welfare_check_strict_finds_nothing(province: Path) -> None:
    assert check(province / "main.beancount", "--strict") == (0, [])


def test_stale_when_read_late(province: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same books read 92 days after their last day: the one finding is `stale-books`."""
    monkeypatch.setenv("WELFARE_TODAY", LATER)
    code, findings = check(province / "main.beancount")
    assert code == 0
    assert [(f["rule"], f["severity"]) for f in findings] == [("stale-books", "warning")]


def test_each_area_loads_and_checks_alone(
    province: Path, loaded: tuple[list[Any], list[Any], dict[str, Any]]
) -> None:
    entries, _, _ = loaded
    for book in sorted(province.glob("areas/*/area.beancount")):
        alone, errors, options = loader.load_file(str(book))
        assert errors == [], (book, errors[:3])
        code = next(e.values[0].value for e in alone if isinstance(e, Custom) and e.type == "area")
        mine = [e for e in entries if isinstance(e, Transaction) and inv.area(e.postings[0].account) == code]
        assert len([e for e in alone if isinstance(e, Transaction)]) == len(mine) > 50
        assert options["title"].endswith(f"{code} community welfare fund (demo)")
        assert check(book, "--strict") == (0, [])


def test_receipts_contiguous(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    assert inv.receipt_problems(entries) == []
    days = collections.Counter(
        (inv.area(e.postings[0].account), e.date.year, e.date.month)
        for e in inv.transactions(entries)
        if e.date >= START and any(p.account.endswith(":Contributions") for p in e.postings)
    )
    assert len(days) == 2 * 22
    assert set(days.values()) == {1}


def test_outflows_approved_and_documented(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, options = loaded
    outflows = inv.outflows(entries)
    assert len(outflows) > 100
    assert inv.approval_problems(entries) == []
    assert inv.outflow_document_problems(entries) == []
    assert inv.document_problems(entries, options) == []
    kinds = {
        p.account.split(":", 2)[2] for t in outflows for p in t.postings if p.account.startswith("Expenses:")
    }
    assert {
        "Benefits:Sickness",
        "Benefits:Death",
        "Benefits:Elderly",
        "Benefits:Birth",
        "Benefits:Education",
        "Admin:Meetings",
        "Projects:Livelihood",
    } <= kinds


def test_every_named_document_exists(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    """Vouchers, signed receipts, bank statements, grant reports and meeting minutes are all files."""
    entries, _, options = loaded
    named = inv.named_documents(entries)
    kinds = {re.sub(r"^\d{4}-\d\d-\d\d\.([a-z-]+)-.*", r"\1", Path(name).name) for _, name in named}
    assert {"pv", "receipt", "statement", "grant-report", "minutes"} <= kinds
    assert inv.document_problems(entries, options) == []


def test_bank_checked_every_month_against_a_statement(
    loaded: tuple[list[Any], list[Any], dict[str, Any]],
) -> None:
    entries, _, _ = loaded
    assert inv.reconciliation_problems(entries) == []


def test_cash_box_counted_by_two_and_never_above_limit(
    loaded: tuple[list[Any], list[Any], dict[str, Any]],
) -> None:
    entries, _, _ = loaded
    assert inv.cash_problems(entries) == []
    assert inv.cash_count_problems(entries) == []
    counts = inv.customs(entries, "cash-count")
    assert {c.date.month for c in counts} == {3, 6, 9, 12}
    assert len(counts) == 2 * 7


def test_matching_within_members_of_the_fiscal_year(
    loaded: tuple[list[Any], list[Any], dict[str, Any]],
) -> None:
    entries, _, _ = loaded
    assert inv.matching_problems(entries) == []
    bylaws = inv.customs(entries, "bylaw")
    assert bylaws and {int(b.meta["fiscal-year-start"]) for b in bylaws} == {10}
    years = {
        (p.account.rsplit(":", 1)[1], int(e.meta["for-year"]))
        for e in inv.transactions(entries)
        for p in e.postings
        if ":Matching:" in p.account
    }
    assert years == {("Government", 2024), ("Local", 2024), ("Local", 2025)}  # CODI pays 2025 in November


def test_money_moves_on_working_days(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    assert inv.weekend_problems(entries) == []


def test_benefits_as_their_rules_say(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    """Fixed amounts in full, ages, claims paid within 30 days, cash signed for, death benefits to nominees."""
    entries, _, _ = loaded
    assert inv.benefit_problems(entries) == []
    benefits = inv.benefit_postings(entries)
    cash = [meta for txn, _, _, _, meta in benefits if any(p.account.endswith(":Cash") for p in txn.postings)]
    assert cash and all("received-by" in meta for meta in cash)
    assert any(kind == "Death" and "paid-to" in meta for _, _, kind, _, meta in benefits)
    assert any("received-by" in meta and meta["received-by"] != meta["member"] for meta in cash)
    assert len(inv.customs(entries, "claim")) > 20


def test_monthly_allowance_by_standing_order(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    assert inv.standing_problems(entries) == []
    rules = [e for e in inv.customs(entries, "benefit-rule") if inv.values(e)[1] == "Elderly"]
    assert rules and all(e.meta["every"] == "month" and int(e.meta["min-age"]) == 60 for e in rules)
    lists = [t for t in inv.outflows(entries) if len(inv.members_paid(t)) > 1]
    assert lists and all(":Benefits:Elderly" in t.postings[0].account for t in lists)
    assert inv.customs(entries, "standing-payment")


def test_opening_balances_and_entry_fees(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    assert inv.opening_problems(entries) == []
    assert inv.entry_fee_problems(entries, START) == []
    fees = [p for t in inv.transactions(entries) for p in t.postings if p.account.endswith(":EntryFees")]
    assert fees


def test_member_facts(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    """Birth (a year for some), gender, a village spread over the tambon's villages, and a category."""
    entries, _, _ = loaded
    members = inv.customs(entries, "member")
    assert all({"born", "gender", "village", "category"} <= set(m.meta) for m in members)
    years_only = [m for m in members if not isinstance(m.meta["born"], datetime.date)]
    assert 0 < len(years_only) < len(members) / 3
    assert {m.meta["gender"] for m in members} == {"F", "M"}
    assert {m.meta["category"] for m in members} <= {
        "general",
        "child",
        "elderly",
        "disadvantaged",
        "disabled",
    }
    for code in ("BangMueang", "ThaiBan"):
        villages = {int(m.meta["village"]) for m in members if inv.values(m)[1] == code}
        assert villages == set(range(1, max(villages) + 1)) and len(villages) >= 6


def test_beneficiaries_are_nominees_not_members(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    members = {inv.values(m)[0] for m in inv.customs(entries, "member")}
    nominees = [inv.values(b) for b in inv.customs(entries, "beneficiary")]
    assert nominees and all(member in members and code not in members for member, code, _ in nominees)


def test_rules_adopted_at_meetings(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    adopted = [e for e in entries if isinstance(e, Custom) and e.type in ("bylaw", "benefit-rule")]
    assert adopted and all(str(e.meta["meeting"]).endswith(".pdf") for e in adopted)
    changed = {e.date for e in adopted}
    assert len(changed) == 2  # the founding rules, and the annual meeting of 2025 that raised some


def free_amounts(entries: list[Any]) -> list[Decimal]:
    """Amounts a person chose: running costs and project bills (benefits are set by their rules)."""
    return [
        p.units.number
        for t in inv.outflows(entries)
        for p in t.postings
        if p.account.split(":")[2:3] in (["Admin"], ["Projects"])
    ]


@pytest.mark.parametrize(
    "args",
    [
        [
            "--areas",
            "2",
            "--members",
            "120",
            "--start-year",
            "2024",
            "--through",
            "2025-10-31",
            "--seed",
            "3",
        ],
        ["--areas", "3", "--members", "80", "--start-year", "2023", "--years", "3", "--seed", "5"],
    ],
)
def test_free_amounts_follow_benford(args: list[str], tmp_path: Path) -> None:
    """Running costs and project bills spread as real bills do (Nigrini's close or acceptable conformity)."""
    run_demo(tmp_path / "p", *args)
    entries, _, _ = loader.load_file(str(tmp_path / "p" / "main.beancount"))
    result = benford(free_amounts(entries))
    assert result.count >= 100 and result.enough
    assert result.band in ("close", "acceptable"), (result.mad, result.counts)


def test_redflags_find_an_honest_fund(province: Path) -> None:
    """No weekend payments, no outliers, free amounts that pass Benford, and hardly any other flag."""
    report = redflags.build(load_book(province / "main.beancount").facts(), "en")
    flags = report.sheets["flags"]
    assert "weekend" not in set(flags["flag"])
    assert "outlier" not in set(flags["flag"])
    assert len(flags) <= 0.01 * report.context["outflow_count"]
    result = report.context["benford"]
    assert result.count >= 100 and result.enough
    assert result.band != NONCONFORMITY, (result.mad, result.counts)


def _seal_lines(folder: Path) -> list[str]:
    return [
        line
        for registers in sorted(folder.glob("areas/*/registers.beancount"))
        for line in registers.read_text().splitlines()
        if ' custom "seal" ' in line
    ]


def test_seals_hold(province: Path) -> None:
    """Each area is sealed through the last year an annual meeting approved, and the seals hold."""
    seals = _seal_lines(province)
    assert len(seals) == 2 and all(line.startswith('2024-12-31 custom "seal" ') for line in seals)
    books = [province / "main.beancount", *sorted(province.glob("areas/*/area.beancount"))]
    for book in books:
        result = CliRunner().invoke(cli, ["--lang", "en", "seal", "--verify", str(book)])
        assert result.exit_code == 0, (book, result.output)
        count = 2 if book.name == "main.beancount" else 1
        assert result.output.rstrip().endswith(f"All {count} seal(s) hold."), result.output
        assert "BROKEN" not in result.output


def test_seal_through_option(tmp_path: Path) -> None:
    one = ["--areas", "1", "--members", "30", "--start-year", "2023"]
    run_demo(tmp_path / "auto", *one, "--through", "2025-04-30")  # the meeting of March 2025 approved 2024
    assert [line[:37] for line in _seal_lines(tmp_path / "auto")] == ['2024-12-31 custom "seal" "BangMueang"']
    run_demo(tmp_path / "early", *one, "--through", "2024-03-15")  # March 2024: 2023 not yet approved
    assert _seal_lines(tmp_path / "early") == []
    run_demo(tmp_path / "none", *one, "--through", "2025-04-30", "--seal-through", "none")
    assert _seal_lines(tmp_path / "none") == []
    run_demo(tmp_path / "mid", *one, "--years", "2", "--seal-through", "2023-06-30")
    assert [line[:37] for line in _seal_lines(tmp_path / "mid")] == ['2023-06-30 custom "seal" "BangMueang"']
    for folder, today in (("auto", "2025-05-02"), ("mid", "2025-01-05")):
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("WELFARE_TODAY", today)
            assert check(tmp_path / folder / "main.beancount", "--strict") == (0, [])
        assert (
            CliRunner().invoke(cli, ["seal", "--verify", str(tmp_path / folder / "main.beancount")]).exit_code
            == 0
        )


def test_through_option(tmp_path: Path) -> None:
    """By default the books run to the demo's fixed present; `--years` ends them on 31 December instead."""
    output = run_demo(tmp_path / "default", "--areas", "1", "--members", "20")
    assert f"2023-01-01 to {THROUGH}" in output
    entries, _, _ = loader.load_file(str(tmp_path / "default" / "main.beancount"))
    last = max(e.date for e in inv.transactions(entries))
    assert THROUGH - datetime.timedelta(days=31) <= last <= THROUGH  # a collection day every month
    assert sorted(p.name for p in (tmp_path / "default" / "areas" / "bang-mueang").glob("20*")) == [
        f"{year}.beancount" for year in range(2022, THROUGH.year + 1)
    ]
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WELFARE_TODAY", (THROUGH + datetime.timedelta(days=1)).isoformat())
        assert check(tmp_path / "default" / "main.beancount", "--strict") == (0, [])
    output = run_demo(
        tmp_path / "years", "--areas", "1", "--members", "20", "--start-year", "2022", "--years", "2"
    )
    assert "2022-01-01 to 2023-12-31" in output


def test_sealed_period_edit_breaks_the_seal(province: Path, tmp_path: Path) -> None:
    """The seal is real: changing a narration in a sealed month is reported by `welfare check`."""
    copy = tmp_path / "copy"
    shutil.copytree(province, copy)
    year = copy / "areas/thai-ban/2024.beancount"
    text = year.read_text()
    assert "เก็บเงินสัจจะประจำเดือน 3/2567" in text
    year.write_text(text.replace("เก็บเงินสัจจะประจำเดือน 3/2567", "เก็บเงินสัจจะ 3/2567", 1))
    _, findings = check(copy / "main.beancount")
    assert [(f["rule"], f["area"]) for f in findings] == [("seal", "ThaiBan")]
    assert "2024-03" in findings[0]["message"]


def test_fava_opens_the_province(province: Path) -> None:
    ledger = FavaLedger(str(province / "main.beancount"))
    assert [str(error.message) for error in ledger.errors] == []
    linked = [e for e in ledger.all_entries if isinstance(e, Transaction) and e.meta.get("document")]
    assert linked
    assert all(any(link.startswith("dok-") for link in e.links) for e in linked)


def test_members_come_and_go(loaded: tuple[list[Any], list[Any], dict[str, Any]]) -> None:
    entries, _, _ = loaded
    customs = [e for e in entries if isinstance(e, Custom)]
    exits = {e.values[1].value for e in customs if e.type == "member-exit"}
    assert {"deceased", "resigned", "lapsed"} <= exits
    joined = [e.date.year for e in customs if e.type == "member"]
    assert min(joined) < 2024 <= max(joined)
    assert any(e.type == "committee-exit" for e in customs)
    assert any(e.type == "grant-report" for e in customs)
    sickness_rules = {e.date for e in customs if e.type == "benefit-rule" and e.values[1].value == "Sickness"}
    assert sickness_rules == {datetime.date(2023, 1, 1), datetime.date(2025, 4, 1)}


def test_no_private_data(province: Path) -> None:
    text = "".join(p.read_text() for p in province.rglob("*.beancount"))
    assert not re.search(r"\b0[689]\d{8}\b|\b\d{13}\b|\b\d-\d{4}-\d{5}-\d{2}-\d\b", text)
    assert not re.search(r"[<>\x00-\x08\x0b-\x1f]", text)


def test_tiny_pdf_is_well_formed() -> None:
    data = tiny_pdf(["Payment voucher (1)", "Amount: 1,000.00 THB"])
    assert data.startswith(b"%PDF-1.4") and data.endswith(b"%%EOF\n")
    start = int(data.rsplit(b"startxref\n", 1)[1].split()[0])
    assert data[start:].startswith(b"xref")
    offsets = [int(line[:10]) for line in data[start:].splitlines()[3:8]]
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj" % number)
    assert b"(Payment voucher \\(1\\)) Tj" in data


def test_rewrite_keeps_other_files(tmp_path: Path) -> None:
    out = tmp_path / "books"
    run_demo(out, "--areas", "2", "--members", "20", "--years", "1")
    (out / "README.md").write_text("kept")
    run_demo(out, "--areas", "1", "--members", "20", "--years", "1")
    assert (out / "README.md").read_text() == "kept"
    assert sorted(p.name for p in (out / "areas").iterdir()) == ["bang-mueang"]
    assert not list(out.glob(".welfare-demo-*"))


def test_messages_in_thai(tmp_path: Path) -> None:
    assert set(MESSAGES) <= thai_catalog_ids()
    result = CliRunner().invoke(
        cli,
        ["--lang", "th", "demo", "--out", str(tmp_path), "--areas", "1", "--members", "20", "--years", "1"],
    )
    assert result.exit_code == 0
    assert result.output.startswith(
        f"เขียนบัญชีตัวอย่างของจังหวัดไว้ที่ {tmp_path}: 1 ตำบล ตั้งแต่ 2023-01-01 ถึง 2023-12-31"
    )


def test_bad_options_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    cases = (
        (["--out", str(target)], f"{target}: not a folder; choose another --out.\n"),
        (
            ["--out", str(target / "inside"), "--areas", "1", "--members", "20", "--years", "1"],
            f"{target / 'inside'}: cannot write the province: ",
        ),
        (["--areas", "12"], "Invalid value for '--areas'"),
        (["--members", "5"], "Invalid value for '--members'"),
        (["--through", "2025-13-01"], "--through 2025-13-01: give a day as YYYY-MM-DD.\n"),
        (
            ["--through", "2023-06-30"],
            "--through 2023-06-30 is before 2023-12-31: the books need their first year whole",
        ),
        (["--years", "2", "--through", "2025-06-30"], "Give --years or --through, not both.\n"),
        (["--years", "1", "--seal-through", "2030-01-01"], "--seal-through 2030-01-01 is outside the books"),
        (["--years", "1", "--seal-through", "June"], "--seal-through June: give a day as YYYY-MM-DD"),
    )
    for args, message in cases:
        out = ["--out", str(tmp_path / "bad")] if "--out" not in args else []
        result = CliRunner().invoke(cli, ["--lang", "en", "demo", *out, *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output
    assert target.read_text() == "x"
    assert not (tmp_path / "bad").exists()


def rule_codes() -> set[str]:
    """The rule codes of the data model's rules table (`docs/data-model.md`, section "Rules")."""
    text = DATA_MODEL.read_text(encoding="utf-8")
    section = re.split(r"^## (?:\d+\.\s*)?Rules\s*$", text, maxsplit=1, flags=re.MULTILINE)[1]
    table = section.split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`([a-z-]+)`\s*\|", table, flags=re.MULTILINE))


def test_violations_every_rule_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each rule of the data model is reported exactly once, on the planted file.

    `stale-books` is judged against today, so the books are read 92 days after their end; it
    points at the book's last entry, which is the clean books' last day.
    """
    codes = rule_codes()
    assert len(codes) >= 38 and {"markup", "extension", "stale-books", "acknowledgement"} <= codes
    out = tmp_path / "bad"
    run_demo(out, *SMALL, "--violations")
    monkeypatch.setenv("WELFARE_TODAY", LATER)
    code, findings = check(out / "main.beancount")
    assert code == 1
    assert collections.Counter(f["rule"] for f in findings) == dict.fromkeys(codes, 1)
    planted = out / "areas/bang-mueang/violations.beancount"
    outside = [
        f
        for f in findings
        if f["rule"] != "stale-books" and not f["file"].endswith(str(planted.relative_to(out)))
    ]
    assert outside == []
    (stale,) = [f for f in findings if f["rule"] == "stale-books"]
    assert stale["date"] <= END.isoformat()
    lines = planted.read_text().splitlines()
    assert {re.match(r"; \[([a-z-]+)\]", line)[1] for line in lines if line.startswith("; [")} == codes - {
        "stale-books"
    }  # type: ignore[index]


def test_violations_leave_the_rest_clean(tmp_path: Path) -> None:
    """Without the planted file (and its include), the violations province is clean again."""
    out = tmp_path / "bad"
    run_demo(out, *SMALL, "--violations")
    (out / "areas/bang-mueang/violations.beancount").unlink()
    book = out / "areas/bang-mueang/area.beancount"
    book.write_text(book.read_text().replace('include "violations.beancount"\n', ""))
    assert check(out / "main.beancount", "--strict") == (0, [])
