"""`welfare install-hook`: a real git repository refuses a commit that adds a self-approved claim."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_copies import write_demo
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.cli import cli
from welfare_ledger.scripts.hook import tree_answer

CLEAN = Path(__file__).with_name("check_books") / "clean.beancount"
BOOK = "ledgers/main.beancount"
CLAIMS = "ledgers/documents/Expenses/BangMueang/Benefits/Sickness"

LEGAL_CLAIM = """
2021-03-20 * "Sickness benefit, second visit"
  member: "BM-0004"
  received-by: "BM-0004"
  approved-by: "BM-0001 BM-0003"
  recorded-by: "BM-0002"
  document: "2021-03-20.claim-BM-0004.pdf"
  Assets:BangMueang:Cash  -400 THB
  Expenses:BangMueang:Benefits:Sickness
"""
SELF_APPROVED = """
2021-03-25 * "Sickness benefit approved by the claimant"
  member: "BM-0001"
  received-by: "BM-0001"
  approved-by: "BM-0001 BM-0002"
  recorded-by: "BM-0003"
  document: "2021-03-25.claim-BM-0001.pdf"
  Assets:BangMueang:Cash  -500 THB
  Expenses:BangMueang:Benefits:Sickness
"""



def git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Treasurer",
        "GIT_AUTHOR_EMAIL": "treasurer@example.org",
        "GIT_COMMITTER_NAME": "Treasurer",
        "GIT_COMMITTER_EMAIL": "treasurer@example.org",
        "WELFARE_LANG": "en",
        "WELFARE_TODAY": "2021-04-10",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=False
    )


def add_claim(repo: Path, text: str, document: str) -> None:
    with (repo / BOOK).open("a", encoding="utf-8") as book:
        book.write(text)
    (repo / CLAIMS / document).write_bytes(b"%PDF-1.4 claim form")
    assert git(repo, "add", "-A").returncode == 0


@pytest.fixture
def repo(tmp_path):
    """A treasurer's repository holding the clean book, committed, with the hook installed."""
    root = tmp_path / "books"
    (root / CLAIMS).mkdir(parents=True)
    shutil.copy(CLEAN, root / BOOK)
    (root / CLAIMS / "2021-03-01.claim-BM-0004.pdf").write_bytes(b"%PDF-1.4 claim form")
    assert git(root, "init", "-q", "-b", "main").returncode == 0
    assert git(root, "add", "-A").returncode == 0
    assert git(root, "commit", "-q", "-m", "Books of 2021").returncode == 0
    result = CliRunner().invoke(cli, ["--lang", "en", "install-hook", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    assert "pre-commit" in result.stdout
    return root


def commits(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD").stdout)


def test_the_hook_calls_this_environments_welfare(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    text = hook.read_text(encoding="utf-8")
    assert os.access(hook, os.X_OK)
    welfare = Path(sys.executable).with_name("welfare")
    assert f"exec {welfare} install-hook --run-pre-commit {BOOK}" in text


def test_a_clean_commit_passes(repo):
    add_claim(repo, LEGAL_CLAIM, "2021-03-20.claim-BM-0004.pdf")
    done = git(repo, "commit", "-m", "Sickness claim of BM-0004")
    assert done.returncode == 0, done.stderr
    assert commits(repo) == 2


def test_a_commit_adding_a_self_approved_claim_is_refused(repo):
    add_claim(repo, SELF_APPROVED, "2021-03-25.claim-BM-0001.pdf")
    done = git(repo, "commit", "-m", "Sickness claim of BM-0001")
    assert done.returncode != 0
    assert commits(repo) == 1
    assert "[self-approval] (1)" in done.stderr
    assert f"{BOOK}:" in done.stderr and "BM-0001 approved the outflow of 500.00 THB" in done.stderr
    assert "Commit refused: it brings 1 new error(s)" in done.stderr


def test_old_errors_do_not_block_new_clean_commits(repo):
    add_claim(repo, SELF_APPROVED, "2021-03-25.claim-BM-0001.pdf")
    assert git(repo, "commit", "-q", "--no-verify", "-m", "Forced past the hook").returncode == 0
    book = repo / BOOK
    book.write_text(
        book.read_text(encoding="utf-8").replace(
            '2021-03-01 * "Sickness benefit"', '; a comment line\n2021-03-01 * "Sickness benefit"'
        ),
        encoding="utf-8",
    )
    add_claim(repo, LEGAL_CLAIM, "2021-03-20.claim-BM-0004.pdf")
    done = git(repo, "commit", "-m", "Another clean claim")
    assert done.returncode == 0, done.stderr


def test_only_the_staged_content_counts(repo):
    add_claim(repo, LEGAL_CLAIM, "2021-03-20.claim-BM-0004.pdf")
    with (repo / BOOK).open("a", encoding="utf-8") as book:
        book.write(SELF_APPROVED)
    done = git(repo, "commit", "-m", "Only the clean claim is staged")
    assert done.returncode == 0, done.stderr
    assert "self-approval" not in done.stderr


def test_another_tools_hook_is_not_replaced_without_force(tmp_path):
    root = tmp_path / "other"
    root.mkdir()
    assert git(root, "init", "-q").returncode == 0
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "install-hook", "--repo", str(root)])
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\nexit 0\n"
    forced = CliRunner().invoke(cli, ["install-hook", "--repo", str(root), "--force"])
    assert forced.exit_code == 0
    assert "--run-pre-commit" in hook.read_text(encoding="utf-8")


def test_outside_a_repository_is_one_clear_line(tmp_path):
    result = CliRunner().invoke(cli, ["--lang", "en", "install-hook", "--repo", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path} is not inside a git repository."


# -- a province: the hook audits only the areas a commit touches ---------------------------------

AREA_FILE = "ledgers/areas/bang-pu/2025.beancount"


@pytest.fixture(scope="module")
def province_files(tmp_path_factory):
    """A demo province of three areas, sealed, with its vouchers."""
    out = tmp_path_factory.mktemp("hook") / "ledgers"
    write_demo(out, "--areas", "3", "--members", "20", "--years", "2", "--start-year", "2024")
    return out


@pytest.fixture
def province_repo(province_files, tmp_path, monkeypatch):
    """A treasurer's repository of the province, committed once, the hook installed, a cache of its own."""
    monkeypatch.setenv("WELFARE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("WELFARE_TODAY", "2026-01-15")
    root = tmp_path / "province"
    shutil.copytree(province_files, root / "ledgers")
    assert git(root, "init", "-q", "-b", "main").returncode == 0
    assert git(root, "add", "-A").returncode == 0
    assert git(root, "commit", "-q", "-m", "The province").returncode == 0
    result = CliRunner().invoke(cli, ["--lang", "en", "install-hook", "--repo", str(root)])
    assert result.exit_code == 0, result.output
    return root


def whole_check_of_the_index(repo: Path, tmp_path: Path) -> list[dict]:
    """`welfare check` of the staged tree, exported whole, files relative to the repository."""
    target = tmp_path / "exported"
    assert git(repo, "checkout-index", "--all", f"--prefix={target}/").returncode == 0
    findings = load_book(target / BOOK, remember=False).findings
    return [{**f.to_json("en"), "file": os.path.relpath(f.file, target)} for f in findings]


def relative(answer, tree: Path) -> list[dict]:
    return [{**f.to_json("en"), "file": os.path.relpath(f.file, tree)} for f in answer.findings]


def stage_an_edit(repo: Path, path: str, old: str, new: str) -> None:
    target = repo / path
    text = target.read_text(encoding="utf-8")
    assert old in text
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert git(repo, "add", "-A").returncode == 0


def test_a_commit_to_one_area_audits_that_area_alone(province_repo, tmp_path):
    first, _ = tree_answer(province_repo, BOOK, None)
    assert len(first.audited) == 3 and first.whole is None
    stage_an_edit(province_repo, AREA_FILE, '"เก็บเงินสัจจะ', '"เก็บเงินสัจจะ ')
    staged, tree = tree_answer(province_repo, BOOK, None)
    head, _ = tree_answer(province_repo, BOOK, "HEAD")
    assert [Path(b).parent.name for b in staged.audited] == ["bang-pu"]
    assert head.audited == [] and staged.whole is None
    assert relative(staged, tree) == whole_check_of_the_index(province_repo, tmp_path)


def test_a_commit_bringing_an_error_to_one_area_is_refused(province_repo):
    assert git(province_repo, "commit", "--allow-empty", "-q", "-m", "warm the cache").returncode == 0
    with (province_repo / AREA_FILE).open("a", encoding="utf-8") as stream:
        stream.write(UNBACKED_PAYMENT)
    assert git(province_repo, "add", "-A").returncode == 0
    done = git(province_repo, "commit", "-m", "An unbacked payment")
    assert done.returncode != 0
    assert "[missing-document]" in done.stderr and "Commit refused" in done.stderr
    assert f"\n    {AREA_FILE}:" in done.stderr
    assert git(province_repo, "reset", "-q", "--hard").returncode == 0
    clean = git(province_repo, "commit", "--allow-empty", "-m", "Nothing new")
    assert clean.returncode == 0, clean.stderr


def test_a_voucher_deleted_from_the_index_is_seen(province_repo, tmp_path):
    tree_answer(province_repo, BOOK, None)
    voucher = next(p for p in sorted((province_repo / "ledgers/documents").rglob("*.pdf")) if "/BangPu/" in str(p))
    assert git(province_repo, "rm", "-q", str(voucher.relative_to(province_repo))).returncode == 0
    staged, tree = tree_answer(province_repo, BOOK, None)
    assert [Path(b).parent.name for b in staged.audited] == ["bang-pu"]
    assert relative(staged, tree) == whole_check_of_the_index(province_repo, tmp_path)


UNBACKED_PAYMENT = """
2025-12-20 * "Office supplies"
  approved-by: "BP-0001 BP-0002"
  recorded-by: "BP-0003"
  Expenses:BangPu:Admin:Office  120.00 THB
  Assets:BangPu:Cash  -120.00 THB
"""
