"""`welfare install-hook`: a git pre-commit hook that refuses a commit bringing new errors to the book.

The hook calls the `welfare` of the environment it was installed from (by absolute path),
which exports the staged tree (the index, as the commit will record it) and HEAD's tree into
temporary folders, audits the book in both exactly as `welfare check` does, and refuses the
commit when the staged book has errors that HEAD's does not. Errors are compared by rule,
file and message, not by line, so that inserting entries above an old error does not make
it new. A book that treasurers have not yet cleaned up can still take clean commits.
"""

from __future__ import annotations

import collections
import dataclasses
import io
import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.i18n import Lang, gettext
from welfare_ledger.scripts.common import atomic_write, book_argument, fail, lang_option, resolve_lang

if TYPE_CHECKING:
    from collections.abc import Sequence

    from welfare_ledger.plugins.units import Answer

Key = tuple[str, str, str]
MARK = "# welfare-ledger pre-commit hook"
EXIT_REFUSED = 1

MSG_NOT_A_REPO = "{path} is not inside a git repository."
MSG_FOREIGN_HOOK = (
    "A pre-commit hook that welfare-ledger did not write is already at {path}; use --force to replace it."
)
MSG_INSTALLED = (
    "Installed the pre-commit hook at {path}: commits that bring new errors to {book} are refused."
)
MSG_OUTSIDE = "The book {book} is not inside the repository {repo}."
MSG_REFUSED = (
    "Commit refused: it brings {count} new error(s) to {book}. Fix them, stage the fix and commit again."
)
MSG_UNREADABLE = "Commit refused: the staged book cannot be read: {reason}"
MSG_CHECKING = "Checking the staged book {book} against the last commit"
MSG_NO_BOOK = "The book {book} is in neither the commit nor HEAD; nothing to check."


def _say(msgid: str, lang: Lang, **params: object) -> str:
    return str(gettext(msgid, lang)).format(**params)


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, check=False)


def repo_root(start: Path) -> Path | None:
    """The top folder of the git work tree holding `start`, or None."""
    done = _git(start, "rev-parse", "--show-toplevel")
    if done.returncode != 0:
        return None
    return Path(done.stdout.decode().strip())


def hooks_dir(root: Path) -> Path:
    """Where git looks for hooks (respects `core.hooksPath`)."""
    path = Path(_git(root, "rev-parse", "--git-path", "hooks").stdout.decode().strip())
    return path if path.is_absolute() else root / path


def welfare_executable() -> str:
    """The `welfare` of this environment, by absolute path."""
    beside = Path(sys.executable).parent / "welfare"
    if beside.exists():
        return str(beside.absolute())
    found = shutil.which("welfare")
    return str(Path(found).absolute()) if found else str(Path(sys.argv[0]).absolute())


def hook_script(welfare: str, book: str, lang: Lang | None) -> str:
    """The text of the pre-commit hook."""
    command = [welfare, *(["--lang", lang] if lang else []), "install-hook", "--run-pre-commit", book]
    return "\n".join(
        [
            "#!/bin/sh",
            f"{MARK}: installed by `welfare install-hook`; run that again to change it.",
            "exec " + " ".join(shlex.quote(part) for part in command),
            "",
        ]
    )


def _export_index(root: Path, target: Path) -> None:
    done = _git(root, "checkout-index", "--all", f"--prefix={target}{os.sep}")
    if done.returncode != 0:
        raise click.ClickException(done.stderr.decode().strip())


def _export_head(root: Path, target: Path) -> bool:
    """HEAD's tree in `target`; False when there is no commit yet."""
    if _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode != 0:
        return False
    done = _git(root, "archive", "--format=tar", "HEAD")
    if done.returncode != 0:
        raise click.ClickException(done.stderr.decode().strip())
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(done.stdout)) as archive:
        archive.extractall(target, filter="data")
    return True


def _relative_name(name: str, base: Path) -> str:
    try:
        return Path(name).resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return name


def _key(finding: Finding) -> Key:
    return finding.rule, finding.file, finding.message("en")


def _staged_errors(tree: Path, book: str) -> list[Finding] | None:
    """The error findings of the staged book, files relative to the tree; None when it is absent."""
    from welfare_ledger.plugins.loader import load_book

    if not (tree / book).exists():
        return None
    loaded = load_book(tree / book)
    return [
        dataclasses.replace(f, file=_relative_name(f.file, tree))
        for f in loaded.findings
        if f.severity is Severity.ERROR
    ]


def _start_check(tree: Path, book: str) -> subprocess.Popen[bytes] | None:
    """`welfare check --format json` of HEAD's book, running while the staged book is audited."""
    if not (tree / book).exists():
        return None
    command = [welfare_executable(), "--lang", "en", "check", "--format", "json", str(tree / book)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def _finish_check(process: subprocess.Popen[bytes] | None, tree: Path) -> list[Key]:
    """The errors HEAD's book already had (none when it had no readable book)."""
    if process is None:
        return []
    output, _ = process.communicate()
    if process.returncode not in (0, 1):
        return []
    try:
        items = json.loads(output)
    except ValueError:
        return []
    return [
        (item["rule"], _relative_name(item["file"], tree), item["message"])
        for item in items
        if item.get("severity") == "error"
    ]


def new_errors(before: Sequence[Key], after: Sequence[Finding], tree: Path | None = None) -> list[Finding]:
    """The errors of `after` that `before` does not have, matched by rule, file and message.

    With `tree`, the findings' files and messages are read relative to that folder.
    """
    left = collections.Counter(before)
    fresh = []
    for finding in after:
        key = _error_keys([finding], tree)[0] if tree is not None else _key(finding)
        if left[key] > 0:
            left[key] -= 1
        else:
            fresh.append(finding)
    return fresh


def _error_keys(findings: Sequence[Finding], tree: Path) -> list[Key]:
    """(rule, file, message) of each error, with the tree's folder taken out of both.

    The message is its msgid and parameters (what it says, in any language), so that two
    thousand old errors are compared without being written out.
    """
    base = str(tree) + os.sep
    return [
        (f.rule, f.file.removeprefix(base), repr((f.msgid, _without(f.params, base))))
        for f in findings
        if f.severity is Severity.ERROR
    ]


def _without(params: Any, base: str) -> Any:
    """Message parameters with the tree's folder taken out of every text."""
    if isinstance(params, str):
        return params.replace(base, "")
    if isinstance(params, dict):
        return sorted((key, _without(value, base)) for key, value in params.items())
    if type(params) in (list, tuple):
        return [_without(item, base) for item in params]
    return params


def tree_answer(root: Path, book: str, revision: str | None) -> tuple[Answer, Path] | None:
    """The findings of `book` in git's index (`revision` None) or in a commit, area by area.

    None when that tree has no such book. Areas whose files git holds unchanged come from the
    cache (`plugins.units`); the others are written out into the cache's copy of the tree
    and audited again. The folder of that copy comes with the answer.
    """
    from welfare_ledger.plugins.trees import GitTree, git_blobs
    from welfare_ledger.plugins.units import audit_by_area

    scope = Path(book).parent.as_posix() if "/" in book else ""
    blobs = git_blobs(root, revision, scope)
    if blobs is None or book not in blobs:
        return None
    tree = GitTree(root, "index" if revision is None else "head", blobs, scope)
    return audit_by_area(str(Path(tree.root) / book), tree), Path(tree.root)


def run_pre_commit(root: Path, book: str, lang: Lang) -> int:
    """Audit the staged book against HEAD's; print and refuse new errors (exit 1).

    Both trees are audited area by area from git's own digests: an area whose files the
    commit does not touch comes from the cache, so a commit to one area loads that area only.
    Without a cache (`WELFARE_CACHE=off`) the whole book is checked in both trees.
    """
    from welfare_ledger.plugins.cache import cache_root
    from welfare_ledger.plugins.loader import BookUnreadable
    from welfare_ledger.scripts.check import format_text

    if cache_root() is None:
        return run_whole_pre_commit(root, book, lang)
    has_head = _git(root, "rev-parse", "--verify", "--quiet", "HEAD").returncode == 0
    try:
        staged = tree_answer(root, book, None)
    except BookUnreadable as exc:
        click.echo(_say(MSG_UNREADABLE, lang, reason=exc.message(lang)), err=True)
        return EXIT_REFUSED
    try:
        head = tree_answer(root, book, "HEAD") if has_head else None
    except BookUnreadable:
        head = None
    if staged is None:
        if head is None:
            click.echo(_say(MSG_NO_BOOK, lang, book=book), err=True)
            return 0
        click.echo(_say(MSG_UNREADABLE, lang, reason=book), err=True)
        return EXIT_REFUSED
    after, after_root = staged[0].findings, staged[1]
    before = _error_keys(head[0].findings, head[1]) if head is not None else []
    fresh = new_errors(before, [f for f in after if f.severity is Severity.ERROR], after_root)
    shown = [dataclasses.replace(f, file=_relative_name(f.file, after_root)) for f in fresh]
    return _verdict(shown, book, lang, format_text)


def _verdict(fresh: list[Finding], book: str, lang: Lang, format_text: Any) -> int:
    if not fresh:
        return 0
    click.echo(format_text(fresh, lang), err=True)
    click.echo(_say(MSG_REFUSED, lang, count=len(fresh), book=book), err=True)
    return EXIT_REFUSED


def run_whole_pre_commit(root: Path, book: str, lang: Lang) -> int:
    """The hook without a cache: both trees exported whole and checked whole.

    HEAD's book is checked by a second `welfare check` process while this one audits the
    staged book, so the hook takes about as long as one check on a machine with two cores.
    """
    from welfare_ledger.plugins.loader import BookUnreadable
    from welfare_ledger.scripts.check import format_text
    from welfare_ledger.scripts.progress import progress

    with tempfile.TemporaryDirectory(prefix="welfare-hook-") as temp, progress(lang) as shown:
        staged, head = Path(temp, "staged"), Path(temp, "head")
        shown.step(MSG_CHECKING, book=book)
        _export_index(root, staged)
        process = _start_check(head, book) if _export_head(root, head) else None
        try:
            after = _staged_errors(staged, book)
        except BookUnreadable as exc:
            shown.wipe()
            click.echo(_say(MSG_UNREADABLE, lang, reason=exc.message(lang)), err=True)
            return EXIT_REFUSED
        finally:
            before = _finish_check(process, head)
    if after is None:
        if process is None:
            click.echo(_say(MSG_NO_BOOK, lang, book=book), err=True)
            return 0
        click.echo(_say(MSG_UNREADABLE, lang, reason=book), err=True)
        return EXIT_REFUSED
    return _verdict(new_errors(before, after), book, lang, format_text)


def install(root: Path, book: str, lang: Lang | None, *, force: bool) -> Path | None:
    """Write the hook into the repository; None when another tool's hook is there."""
    target = hooks_dir(root) / "pre-commit"
    foreign = target.exists() and MARK not in target.read_text(encoding="utf-8", errors="replace")
    if foreign and not force:
        return None
    with atomic_write(target) as stream:
        stream.write(hook_script(welfare_executable(), book, lang))
    mode = target.stat().st_mode
    target.chmod(mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return target


def _book_in_repo(book: str, root: Path) -> str | None:
    """BOOK relative to the repository root (relative paths are taken from the root)."""
    path = Path(book)
    if not path.is_absolute():
        return path.as_posix()
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


@click.command("install-hook")
@book_argument()
@click.option(
    "--repo",
    type=click.Path(file_okay=False, exists=True),
    default=None,
    help="The git repository (default: the one holding the current folder). / ที่เก็บ git",
)
@click.option("--force", is_flag=True, help="Replace another pre-commit hook. / เขียนทับ hook เดิม")
@click.option("--run-pre-commit", "run", is_flag=True, hidden=True)
@lang_option()
def install_hook(book: str, repo: str | None, force: bool, run: bool, lang: str | None) -> None:
    """Install a git pre-commit hook that refuses commits bringing new errors to BOOK.

    ติดตั้ง git pre-commit hook ที่ไม่ยอมให้ commit ซึ่งทำให้บัญชีมีข้อผิดพลาดใหม่

    BOOK is relative to the repository root (default ledgers/main.beancount).
    """
    language = resolve_lang(lang)
    start = Path(repo) if repo else Path.cwd()
    root = repo_root(start)
    if root is None:
        fail(MSG_NOT_A_REPO, language, path=start)
        return
    if run:
        raise SystemExit(run_pre_commit(root, book, language))
    relative = _book_in_repo(book, root)
    if relative is None:
        fail(MSG_OUTSIDE, language, book=book, repo=root)
        return
    explicit: Lang | None = "th" if lang == "th" else "en" if lang == "en" else None
    target = install(root, relative, explicit, force=force)
    if target is None:
        path = hooks_dir(root) / "pre-commit"
        fail(MSG_FOREIGN_HOOK, language, path=path)
        return
    click.echo(_say(MSG_INSTALLED, language, path=target, book=relative))
