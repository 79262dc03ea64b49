"""Fava's load through the cache (`welfare serve`) gives what Fava's own load gives, edits included.

A small demo province with every rule broken once is loaded as Fava loads it (`load_uncached`)
and through `load_for_fava`: cold, from the pickled entries, after an edit to one area, after a
voucher is deleted. Entries and errors (Beancount's and the rules') must be the same each time.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from demo_copies import fresh_copy, write_demo
from fava.beans.load import load_uncached
from welfare_ledger.plugins import cache, entries_cache
from welfare_ledger.plugins.entries_cache import load_for_fava


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fava-cache") / "province"
    write_demo(out, "--areas", "2", "--members", "20", "--years", "2", "--start-year", "2024", "--violations")
    return out


@pytest.fixture
def main(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return fresh_copy(template, tmp_path, monkeypatch)


def errors_of(errors: list) -> list[tuple[str, int, str]]:
    return sorted(
        (str(e.source.get("filename", "")), int(e.source.get("lineno", 0) or 0), str(e.message)) for e in errors
    )


def same_as_favas(main: Path) -> None:
    """`load_for_fava` and Fava's own load agree on entries, errors and options."""
    ours = load_for_fava(str(main), is_encrypted=False)
    for thread in threading.enumerate():
        if getattr(thread, "_target", None) is entries_cache._keep_entries:
            thread.join()
    theirs = load_uncached(str(main), is_encrypted=False)
    assert ours[0] == list(theirs[0])
    assert errors_of(ours[1]) == errors_of(list(theirs[1]))
    assert ours[2]["include"] == theirs[2]["include"]


def kept(main: Path) -> bool:
    return entries_cache._recall_entries(main) is not None


def test_cold_then_from_the_pickle(main: Path) -> None:
    same_as_favas(main)
    assert kept(main)
    same_as_favas(main)


def test_after_an_edit_to_one_area(main: Path) -> None:
    same_as_favas(main)
    year = main.parent / "areas" / "thai-ban" / "2025.beancount"
    text = year.read_text(encoding="utf-8")
    year.write_text(text.replace("Assets:ThaiBan:Cash  -", "Assets:ThaiBan:Cash  -1", 1), encoding="utf-8")
    assert not kept(main)
    same_as_favas(main)


def test_after_a_voucher_is_deleted(main: Path) -> None:
    same_as_favas(main)
    voucher = next(p for p in sorted((main.parent / "documents").rglob("*.pdf")) if "/ThaiBan/" in str(p))
    voucher.unlink()
    assert not kept(main)
    same_as_favas(main)


def test_without_a_cache_it_is_favas_own_load(main: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.SWITCH_ENV, "off")
    same_as_favas(main)
    assert not kept(main)
