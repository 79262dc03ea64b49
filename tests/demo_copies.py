"""Small demo provinces written by `welfare demo`, and fresh copies of them for tests that edit and cache."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

from click.testing import CliRunner
from welfare_ledger.plugins import cache, dependencies
from welfare_ledger.scripts.cli import cli

if TYPE_CHECKING:
    from pathlib import Path

    import pytest

TODAY = "2026-01-15"
"""A day soon after the small provinces' last entries: their books are not stale."""


def write_demo(out: Path, *args: str) -> None:
    """A demo province written by `welfare demo` (sealed, with its vouchers)."""
    result = CliRunner().invoke(cli, ["--lang", "en", "demo", "--out", str(out), *args])
    assert result.exit_code == 0, result.output


def fresh_copy(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the province with a cache of its own, read as of `TODAY`; its main file."""
    shutil.copytree(template, tmp_path / "province")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("WELFARE_TODAY", TODAY)
    monkeypatch.setattr(dependencies, "SETTLE_NS", 0)
    return tmp_path / "province" / "main.beancount"
