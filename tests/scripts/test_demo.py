"""`welfare demo`: a deterministic province that keeps every rule, and one that breaks each once."""

from __future__ import annotations

import collections
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

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
from welfare_ledger.scripts.reports import redflags
from welfare_ledger.scripts.reports.benford import NONCONFORMITY


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
SMALL = ["--areas", "2", "--members", "40", "--years", "2", "--seed", "3"]
SEALED = [*SMALL, "--seal-through", "2022-12-31"]
CONVENTIONS = Path("/work/shared/CONVENTIONS.md")
SECTION_6_CODES = (
    "approvals",
    "self-approval",
    "missing-document",
    "unknown-member",
    "inactive-member",
    "lapsed-member",
    "waiting-period",
    "benefit-cap",
    "no-benefit-rule",
    "receipt-sequence",
    "split-payment",
    "duplicate-payment",
    "bank-reconciliation",
    "cash-limit",
    "admin-cap",
    "matching-claim",
    "grant-unknown",
    "grant-overspend",
    "grant-period",
    "grant-unreported",
    "personal-data",
    "weakened-bylaw",
    "seal",
    "beancount",
)


def run_demo(out: Path, *args: str) -> None:
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    assert "Wrote the demo province" in result.output


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "province"
    run_demo(out, *SEALED)
    return out


@pytest.fixture(scope="module")
def loaded(province: Path) -> tuple[list, list, dict]:
    loader.initialize(use_cache=False)
    return loader.load_file(str(province / "main.beancount"))


def test_same_seed_same_bytes(province: Path, tmp_path: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    run_demo(again, *SEALED)
    run_demo(other, *SMALL[:-1], "4", *SEALED[len(SMALL) :])
    assert files_of(again) == files_of(province)
    assert files_of(other) != files_of(province)


def test_layout(province: Path) -> None:
    main = (province / "main.beancount").read_text()
    assert 'plugin "fava.plugins.link_documents"' in main
    assert 'option "documents" "documents"' in main
    includes = re.findall(r'include "(.+)"', main)
    assert includes == ["areas/bang-mueang/area.beancount", "areas/thai-ban/area.beancount"]
    for include in includes:
        area_book = (province / include).read_text()
        assert 'include "registers.beancount"' in area_book
        assert [f'include "{y}.beancount"' in area_book for y in (2021, 2022, 2023)] == [True] * 3


def test_bean_check_clean(province: Path) -> None:
    result = subprocess.run(
        [str(Path(sys.executable).with_name("bean-check")), str(province / "main.beancount")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_welfare_check_finds_nothing(province: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(province / "main.beancount"), "--format", "json"])
    assert json.loads(result.output) == []
    assert result.exit_code == 0


def test_each_area_loads_alone(province: Path, loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    for book in sorted(province.glob("areas/*/area.beancount")):
        alone, errors, options = loader.load_file(str(book))
        assert errors == [], (book, errors[:3])
        code = next(e.values[0].value for e in alone if isinstance(e, Custom) and e.type == "area")
        mine = [e for e in entries if isinstance(e, Transaction) and inv.area(e.postings[0].account) == code]
        assert len([e for e in alone if isinstance(e, Transaction)]) == len(mine) > 50
        assert options["title"].endswith(f"{code} community welfare fund (demo)")


def test_receipts_contiguous(loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    assert inv.receipt_problems(entries) == []
    days = collections.Counter(
        (inv.area(e.postings[0].account), e.date.year, e.date.month)
        for e in entries
        if isinstance(e, Transaction)
        and e.date.year >= 2022
        and any(p.account.endswith(":Contributions") for p in e.postings)
    )
    assert len(days) == 2 * 24
    assert set(days.values()) == {1}


def test_outflows_approved_and_documented(loaded: tuple[list, list, dict]) -> None:
    entries, _, options = loaded
    outflows = inv.outflows(entries)
    assert len(outflows) > 50
    assert inv.approval_problems(entries) == []
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


def test_bank_checked_every_month(loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    assert inv.reconciliation_problems(entries) == []


def test_cash_box_never_above_limit(loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    assert inv.cash_problems(entries) == []


def test_matching_within_paid_up_members(loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    assert inv.matching_problems(entries) == []
    sources = {
        p.account.rsplit(":", 1)[1]
        for e in entries
        if isinstance(e, Transaction)
        for p in e.postings
        if ":Matching:" in p.account
    }
    assert sources == {"Government", "Local"}


def test_money_moves_on_working_days(loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    assert inv.weekend_problems(entries) == []
    collections_days = [
        e.date
        for e in entries
        if isinstance(e, Transaction) and e.narration.startswith("เก็บเงินสัจจะประจำเดือน")
    ]
    assert collections_days and all(day.weekday() < 5 for day in collections_days)


@pytest.mark.parametrize("args", [SMALL, ["--areas", "3", "--members", "80", "--years", "3", "--seed", "5"]])
def test_redflags_find_an_honest_fund(args: list[str], tmp_path: Path) -> None:
    """No weekend payments, free amounts that pass Benford, and hardly any other flag."""
    out = tmp_path / "p"
    run_demo(out, *args)
    loaded_book = load_book(out / "main.beancount")
    report = redflags.build(loaded_book.facts(), "en")
    flags = report.sheets["flags"]
    assert "weekend" not in set(flags["flag"])
    assert len(flags) <= 0.01 * report.context["outflow_count"]
    assert "outlier" not in set(flags["flag"])
    result = report.context["benford"]
    assert result.count >= 100 and result.enough
    assert result.band != NONCONFORMITY, (result.mad, result.counts)
    assert result.band in ("close", "acceptable")


def test_seals_hold(province: Path) -> None:
    """Each area is sealed through the last year an annual meeting approved, and the seals hold."""
    seals = {}
    for registers in sorted(province.glob("areas/*/registers.beancount")):
        lines = [line for line in registers.read_text().splitlines() if ' custom "seal" ' in line]
        assert len(lines) == 1 and lines[0].startswith('2022-12-31 custom "seal" '), lines
        seals[registers.parent.name] = lines[0]
    assert sorted(seals) == ["bang-mueang", "thai-ban"]
    books = [province / "main.beancount", *sorted(province.glob("areas/*/area.beancount"))]
    for book in books:
        result = CliRunner().invoke(cli, ["--lang", "en", "seal", "--verify", str(book)])
        assert result.exit_code == 0, (book, result.output)
        count = 2 if book.name == "main.beancount" else 1
        assert result.output.rstrip().endswith(f"All {count} seal(s) hold."), result.output
        assert "BROKEN" not in result.output


def _seal_lines(folder: Path) -> list[str]:
    return [
        line
        for registers in sorted(folder.glob("areas/*/registers.beancount"))
        for line in registers.read_text().splitlines()
        if ' custom "seal" ' in line
    ]


def test_seal_through_option(tmp_path: Path) -> None:
    one = ["--areas", "1", "--members", "20"]
    run_demo(tmp_path / "auto", *one)  # 2022-2025: sealed through 2024-12-31 by default
    (auto,) = _seal_lines(tmp_path / "auto")
    assert auto.startswith('2024-12-31 custom "seal" "BangMueang" "v1:')
    run_demo(tmp_path / "open", *one, "--years", "3")  # 2022-2024: no year after the approved ones
    assert _seal_lines(tmp_path / "open") == []
    run_demo(tmp_path / "none", *one, "--seal-through", "none")
    assert _seal_lines(tmp_path / "none") == []
    run_demo(tmp_path / "mid", *one, "--years", "2", "--seal-through", "2023-06-30")
    (mid,) = _seal_lines(tmp_path / "mid")
    assert mid.startswith('2023-06-30 custom "seal" "BangMueang" "v1:')
    for folder in ("auto", "mid"):
        book = str(tmp_path / folder / "main.beancount")
        result = CliRunner().invoke(cli, ["check", book, "--format", "json"])
        assert (result.exit_code, json.loads(result.output)) == (0, [])
        assert CliRunner().invoke(cli, ["seal", "--verify", book]).exit_code == 0
    for bad, message in (("2030-01-01", "outside the books"), ("June", "give a day as YYYY-MM-DD")):
        result = CliRunner().invoke(
            cli, ["--lang", "en", "demo", "--out", str(tmp_path / "bad"), *one, "--seal-through", bad]
        )
        assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "bad").exists()


def test_sealed_period_edit_breaks_the_seal(province: Path, tmp_path: Path) -> None:
    """The seal is real: changing a narration in a sealed month is reported by `welfare check`."""
    copy = tmp_path / "copy"
    shutil.copytree(province, copy)
    year = copy / "areas/thai-ban/2022.beancount"
    text = year.read_text()
    assert "เก็บเงินสัจจะประจำเดือน 3/2565" in text
    year.write_text(text.replace("เก็บเงินสัจจะประจำเดือน 3/2565", "เก็บเงินสัจจะ 3/2565", 1))
    result = CliRunner().invoke(
        cli, ["--lang", "en", "check", str(copy / "main.beancount"), "--format", "json"]
    )
    findings = json.loads(result.output)
    assert [(f["rule"], f["area"]) for f in findings] == [("seal", "ThaiBan")]
    assert "2022-03" in findings[0]["message"]


def test_fava_opens_the_province(province: Path) -> None:
    ledger = FavaLedger(str(province / "main.beancount"))
    assert [str(error.message) for error in ledger.errors] == []
    linked = [e for e in ledger.all_entries if isinstance(e, Transaction) and e.meta.get("document")]
    assert linked
    assert all(any(link.startswith("dok-") for link in e.links) for e in linked)


def test_members_come_and_go(loaded: tuple[list, list, dict]) -> None:
    entries, _, _ = loaded
    customs = [e for e in entries if isinstance(e, Custom)]
    exits = {e.values[1].value for e in customs if e.type == "member-exit"}
    assert {"deceased", "resigned", "lapsed"} <= exits
    joined = [e.date.year for e in customs if e.type == "member"]
    assert min(joined) < 2022 <= max(joined)
    assert any(e.type == "committee-exit" for e in customs)
    assert any(e.type == "grant-report" for e in customs)
    sickness_rules = {e.date for e in customs if e.type == "benefit-rule" and e.values[1].value == "Sickness"}
    assert len(sickness_rules) == 2
    assert any(2022 <= day.year <= 2023 for day in sickness_rules)


def test_no_private_data(province: Path) -> None:
    text = "".join(p.read_text() for p in province.rglob("*.beancount"))
    assert not re.search(r"\b0[689]\d{8}\b|\b\d{13}\b|\b\d-\d{4}-\d{5}-\d{2}-\d\b", text)


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
        cli, ["--lang", "th", "demo", "--out", str(tmp_path), "--areas", "1", "--members", "20"]
    )
    assert result.exit_code == 0
    assert result.output.startswith(f"เขียนบัญชีตัวอย่างของจังหวัดไว้ที่ {tmp_path}: 1 ตำบล 4 ปี")


def test_bad_options_exit_2(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    cases = (
        (["--out", str(target)], f"{target}: not a folder; choose another --out.\n"),
        (["--out", str(target / "inside")], f"{target / 'inside'}: cannot write the province: "),
        (["--areas", "12"], "Invalid value for '--areas'"),
        (["--members", "5"], "Invalid value for '--members'"),
    )
    for args, message in cases:
        result = CliRunner().invoke(cli, ["--lang", "en", "demo", *args])
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output
        assert "Traceback" not in result.output
    assert target.read_text() == "x"


def test_violations_every_rule(tmp_path: Path) -> None:
    if CONVENTIONS.exists():
        table = CONVENTIONS.read_text().split("## 6.")[1].split("## 7.")[0]
        assert set(re.findall(r"^\| `([a-z-]+)` \|", table, flags=re.M)) == set(SECTION_6_CODES)
    out = tmp_path / "bad"
    run_demo(out, *SMALL, "--violations")
    result = CliRunner().invoke(cli, ["check", str(out / "main.beancount"), "--format", "json"])
    findings = json.loads(result.output)
    assert result.exit_code == 1
    assert sorted({f["rule"] for f in findings}) == sorted(SECTION_6_CODES)
    outside = [f for f in findings if not f["file"].endswith("areas/bang-mueang/violations.beancount")]
    assert outside == []
