"""The command-line contract of `welfare check` (docs/data-model.md, section 8) on real books."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from welfare_ledger.scripts.cli import cli

CLEAN = Path(__file__).with_name("check_books") / "clean.beancount"
PLUGIN_LINE = 'plugin "welfare_ledger.plugins.transparency"\n'
WELFARE = Path(sys.executable).with_name("welfare")
TODAY = "2021-04-10"
"""The books of these tests end in March or April 2021: `stale-books` judges them as of then."""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFARE_TODAY", TODAY)

SELF_APPROVED = """
2021-04-01 * "Sickness benefit approved by the claimant"
  member: "BM-0001"
  received-by: "BM-0001"
  approved-by: "BM-0001 BM-0002"
  recorded-by: "BM-0003"
  document: "2021-04-01.claim-BM-0001.pdf"
  Assets:BangMueang:Cash  -400 THB
  Expenses:BangMueang:Benefits:Sickness
"""
ONE_APPROVER = """
2021-04-02 * "Sickness benefit with one approver"
  member: "BM-0002"
  received-by: "BM-0002"
  approved-by: "BM-0001"
  recorded-by: "BM-0003"
  document: "2021-04-02.claim-BM-0002.pdf"
  Assets:BangMueang:Cash  -300 THB
  Expenses:BangMueang:Benefits:Sickness
"""
RECEIPT_GAP = """
2021-02-05 * "Contribution after a skipped receipt"
  member: "BM-0001"
  receipt: "2564-0006"
  Assets:BangMueang:Cash  30 THB
  Income:BangMueang:Contributions
"""
OTHER_AREA = """
2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
2020-01-01 open Assets:NongBua:Cash THB
2020-01-01 open Income:NongBua:Contributions THB
2021-01-06 * "Contribution of a ghost member"
  member: "NB-0999"
  receipt: "2564-0001"
  Assets:NongBua:Cash  30 THB
  Income:NongBua:Contributions
"""


def make_book(folder: Path, *additions: str, plugin: str = PLUGIN_LINE) -> Path:
    """The clean book plus `additions`, with `plugin` in place of its plugin line."""
    text = CLEAN.read_text(encoding="utf-8").replace(PLUGIN_LINE, plugin)
    book = folder / "main.beancount"
    folder.mkdir(parents=True, exist_ok=True)
    book.write_text(text + "".join(additions), encoding="utf-8")
    claims = folder / "documents" / "Expenses" / "BangMueang" / "Benefits" / "Sickness"
    claims.mkdir(parents=True, exist_ok=True)
    for name in ("2021-03-01.claim-BM-0004.pdf", "2021-04-01.claim-BM-0001.pdf", "2021-04-02.claim-BM-0002.pdf"):
        (claims / name).write_bytes(b"%PDF-1.4 claim form " + name.encode())
    return book


def line_of(book: Path, text: str) -> int:
    """The line number of the first line of `book` that contains `text`."""
    lines = book.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def check(*args: str) -> tuple[int, str, str]:
    """Run `welfare <args>` in-process; exit code, standard output and standard error."""
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_text_groups_findings_by_area_then_rule(tmp_path):
    book = make_book(tmp_path, SELF_APPROVED, RECEIPT_GAP, OTHER_AREA)
    code, out, _ = check("check", str(book), "--lang", "en")
    assert code == 1
    lines = out.splitlines()
    headings = [line for line in lines if line.startswith(("==", "  ["))]
    assert headings == [
        "== BangMueang ==",
        "  [receipt-sequence] (1)",
        "  [self-approval] (1)",
        "== NongBua ==",
        "  [unknown-member] (1)",
    ]
    claim = line_of(book, "Sickness benefit approved by the claimant")
    finding = next(line for line in lines if f"main.beancount:{claim} " in line)
    assert "2021-04-01 error:" in finding and "BM-0001 approved the outflow" in finding
    assert "400.00 THB" in finding
    gap = next(line for line in lines if "2564-0005" in line)
    assert "warning:" in gap
    assert lines[-1] == "2 error(s), 1 warning(s)."


def test_json_is_a_list_of_findings_with_the_agreed_keys(tmp_path):
    book = make_book(tmp_path, SELF_APPROVED, RECEIPT_GAP, OTHER_AREA)
    code, out, _ = check("check", str(book), "--format", "json", "--lang", "en")
    assert code == 1
    findings = json.loads(out)
    assert isinstance(findings, list) and len(findings) == 3
    for item in findings:
        assert set(item) == {"rule", "severity", "date", "file", "line", "area", "message"}
        assert item["file"] == str(book.resolve())
    by_rule = {item["rule"]: item for item in findings}
    assert by_rule["self-approval"] == {
        "rule": "self-approval",
        "severity": "error",
        "date": "2021-04-01",
        "file": str(book.resolve()),
        "line": line_of(book, "Sickness benefit approved by the claimant"),
        "area": "BangMueang",
        "message": by_rule["self-approval"]["message"],
    }
    assert by_rule["receipt-sequence"]["severity"] == "warning"
    assert by_rule["unknown-member"]["area"] == "NongBua"
    assert "NB-0999" in by_rule["unknown-member"]["message"]


@pytest.mark.parametrize(
    ("additions", "plain", "strict"),
    [
        ((), 0, 0),
        ((RECEIPT_GAP,), 0, 1),
        ((SELF_APPROVED,), 1, 1),
    ],
    ids=["clean", "warnings-only", "errors"],
)
def test_exit_codes(tmp_path, additions, plain, strict):
    book = make_book(tmp_path, *additions)
    assert check("check", str(book))[0] == plain
    assert check("check", str(book), "--strict")[0] == strict
    assert check("check", str(book), "--strict", "--format", "json")[0] == strict


def test_a_clean_book_says_so_in_either_language(tmp_path):
    book = make_book(tmp_path)
    assert check("check", str(book), "--lang", "en")[1].strip() == "No findings: every rule holds."
    assert check("check", str(book), "--lang", "th")[1].strip() == "ไม่พบข้อสังเกต: บัญชีผ่านกฎทุกข้อ"
    assert json.loads(check("check", str(book), "--format", "json")[1]) == []


def test_messages_in_thai_or_english(tmp_path):
    book = make_book(tmp_path, SELF_APPROVED)
    _, thai, _ = check("check", str(book), "--lang", "th")
    assert "อนุมัติรายจ่าย 400.00 บาท วันที่ 1 เม.ย. 2564" in thai
    assert "ข้อผิดพลาด" in thai and "THB" not in thai
    _, english, _ = check("--lang", "en", "check", str(book))
    assert "approved the outflow of 400.00 THB on 2021-04-01" in english
    _, from_group, _ = check("--lang", "th", "check", str(book), "--format", "json")
    assert "บาท" in json.loads(from_group)[0]["message"]


@pytest.mark.parametrize(
    "content",
    [None, b"\xff\xfe\x00binary\x00", b"this is not a book at all\n"],
    ids=["missing", "not-text", "not-beancount"],
)
def test_an_unreadable_book_gives_one_line_and_exit_2(tmp_path, content):
    book = tmp_path / "main.beancount"
    if content is not None:
        book.write_bytes(content)
    done = subprocess.run(
        [str(WELFARE), "--lang", "en", "check", str(book)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(book) in lines[0]
    assert "Traceback" not in done.stderr


def _rules(book: Path) -> list[tuple[str, int]]:
    findings = json.loads(check("check", str(book), "--format", "json")[1])
    return sorted((item["rule"], item["line"]) for item in findings if item["rule"] != "beancount")


def test_removing_or_loosening_the_plugin_does_not_switch_the_audit_off(tmp_path):
    expected_claims = [SELF_APPROVED, ONE_APPROVER]
    declared = make_book(tmp_path / "declared", *expected_claims)
    removed = make_book(tmp_path / "removed", *expected_claims, plugin="")
    loosened = make_book(
        tmp_path / "loosened",
        *expected_claims,
        plugin='plugin "welfare_ledger.plugins.transparency" "{\'approvals-required\': 1}"\n',
    )
    baseline = _rules(declared)
    assert [rule for rule, _ in baseline] == ["approvals", "self-approval"]
    assert _rules(removed) == [(r, n - 1) for r, n in baseline]
    plugin_line = line_of(loosened, "welfare_ledger.plugins.transparency")
    assert _rules(loosened) == sorted([*baseline, ("book-options", plugin_line)])
    code, out, _ = check("check", str(loosened), "--lang", "en")
    assert code == 1 and "approvals-required" in out and "[approvals] (1)" in out


def test_a_tightening_plugin_config_is_honoured(tmp_path):
    book = make_book(
        tmp_path,
        plugin='plugin "welfare_ledger.plugins.transparency" "{\'approvals-required\': 3}"\n',
    )
    code, out, _ = check("check", str(book), "--format", "json", "--lang", "en")
    assert code == 1
    assert [(item["rule"], item["line"]) for item in json.loads(out)] == [
        ("approvals", line_of(book, "Sickness benefit")),
    ]


def test_an_include_that_never_ends_is_refused_not_read(tmp_path):
    """`include "/dev/zero"` or a named pipe would hang the audit: one line naming it, exit 2."""
    import os
    import subprocess
    import sys

    pipe = tmp_path / "pipe.beancount"
    os.mkfifo(pipe)
    welfare = [sys.executable, "-c", "from welfare_ledger.scripts.cli import main; main()"]
    for target in ("/dev/zero", "pipe.beancount"):
        book = tmp_path / "main.beancount"
        book.write_text(f'option "operating_currency" "THB"\ninclude "{target}"\n', encoding="utf-8")
        for lang in ("en", "th"):
            done = subprocess.run(
                [*welfare, "--lang", lang, "check", str(book)], capture_output=True, text=True, timeout=120,
                check=False,
            )
            assert done.returncode == 2, done.stderr
            lines = (done.stdout + done.stderr).strip().splitlines()
            assert len(lines) == 1 and target.rsplit("/", 1)[-1] in lines[0], lines
    ordinary = tmp_path / "other.beancount"
    ordinary.write_text("", encoding="utf-8")
    book.write_text('option "operating_currency" "THB"\ninclude "other.beancount"\n', encoding="utf-8")
    done = subprocess.run([*welfare, "check", str(book)], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
