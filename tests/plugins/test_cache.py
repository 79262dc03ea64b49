"""The cache of findings: a second check answers from it, and nothing that changed is ever hidden by it.

Each test copies a small demo province (one area, two years, sealed through 2024, with its
vouchers), checks it once to fill the cache, changes something the way a treasurer (or a
thief) would, and compares the answer that may come from the cache with a cold load's.
"""

from __future__ import annotations

import os
import pickle
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from demo_copies import fresh_copy, write_demo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from welfare_ledger.plugins import book_record, cache, dependencies, loader
from welfare_ledger.plugins.loader import book_findings, load_book
from welfare_ledger.scripts.cli import cli

YEAR_FILE = "areas/bang-mueang/2024.beancount"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cache") / "province"
    write_demo(out, "--areas", "1", "--members", "20", "--years", "2", "--start-year", "2024")
    return out


@pytest.fixture
def main(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the province, a cache of its own, and no settling wait (nothing else writes)."""
    return fresh_copy(template, tmp_path, monkeypatch)


def as_json(findings: list) -> list[dict]:
    return [f.to_json("en") for f in findings]


def cold(main: Path) -> list[dict]:
    """What a load that keeps and reads nothing finds."""
    return as_json(load_book(main, remember=False).findings)


def cached(main: Path) -> bool:
    return book_record.recall(main) is not None


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (as long) and put the file's times back, as `touch -d` would."""
    assert len(old.encode()) == len(new.encode())
    info = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


def documents_of(main: Path) -> list[Path]:
    return sorted(p for p in (main.parent / "documents").rglob("*.pdf") if p.is_file())


def test_a_second_check_answers_from_the_cache(main: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = as_json(book_findings(main))
    assert cached(main)

    def no_load(_path: Path) -> None:
        raise AssertionError("loaded again")

    monkeypatch.setattr(loader, "beancount_load", no_load)
    assert as_json(book_findings(main)) == first
    monkeypatch.undo()
    monkeypatch.setenv("WELFARE_TODAY", "2026-01-15")
    assert first == cold(main)


def test_a_same_size_edit_with_its_time_put_back_is_seen(main: Path) -> None:
    before = as_json(book_findings(main))
    same_size_edit(main.parent / YEAR_FILE, "Assets:BangMueang:Cash", "Assets:BangMueang:Cas_")
    assert not cached(main)
    after = as_json(book_findings(main))
    assert after == cold(main)
    assert after != before


def test_a_deleted_voucher_is_seen(main: Path) -> None:
    before = as_json(book_findings(main))
    voucher = next(p for p in documents_of(main) if "pv-" in p.name)
    voucher.unlink()
    after = as_json(book_findings(main))
    assert after == cold(main)
    assert {f["rule"] for f in after} - {f["rule"] for f in before} >= {"missing-document"}


def test_a_sealed_voucher_rewritten_in_place_is_seen(main: Path) -> None:
    as_json(book_findings(main))
    voucher = next(p for p in documents_of(main) if p.name.startswith("2024-"))
    info = voucher.stat()
    data = voucher.read_bytes()
    voucher.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    os.utime(voucher, ns=(info.st_atime_ns, info.st_mtime_ns))
    after = as_json(book_findings(main))
    assert after == cold(main)
    assert "seal" in {f["rule"] for f in after}


def test_a_file_a_glob_now_matches_is_seen(main: Path) -> None:
    area = main.parent / "areas/bang-mueang/area.beancount"
    area.write_text(area.read_text(encoding="utf-8") + 'include "extra/*.beancount"\n', encoding="utf-8")
    before = as_json(book_findings(main))
    assert cached(main)
    extra = area.parent / "extra"
    extra.mkdir()
    (extra / "late.beancount").write_text(
        '2025-06-01 * "stray"\n  Assets:BangMueang:Cash  -5.00 THB\n  Income:Nowhere  5.00 THB\n',
        encoding="utf-8",
    )
    assert not cached(main)
    after = as_json(book_findings(main))
    assert after == cold(main)
    assert after != before


def test_a_new_day_is_seen_without_a_load(main: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WELFARE_TODAY", "2025-12-31")
    early = as_json(book_findings(main))
    assert "stale-books" not in {f["rule"] for f in early}
    monkeypatch.setenv("WELFARE_TODAY", "2027-03-01")
    expected = cold(main)
    monkeypatch.setattr(loader, "beancount_load", None)
    late = as_json(book_findings(main))
    assert late == expected
    assert "stale-books" in {f["rule"] for f in late}


def test_a_record_made_by_other_code_is_not_taken(main: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book_findings(main)
    monkeypatch.setattr(cache, "code_version", lambda: "another version of the rules")
    assert not cached(main)


def test_a_broken_record_is_a_miss(main: Path) -> None:
    first = as_json(book_findings(main))
    (record,) = (Path(os.environ[cache.CACHE_DIR_ENV]) / book_record.KIND).glob("*.pickle")
    record.write_bytes(b"\x80\x05not a pickle")
    assert not cached(main)
    assert not record.exists()
    assert as_json(book_findings(main)) == first


def test_a_cache_others_may_write_is_not_used(main: Path) -> None:
    root = Path(os.environ[cache.CACHE_DIR_ENV])
    root.mkdir()
    root.chmod(0o777)
    assert cache.cache_root() is None
    book_findings(main)
    assert not cached(main)
    assert list(root.iterdir()) == []


def test_nothing_is_kept_for_a_book_running_a_foreign_plugin(main: Path) -> None:
    text = main.read_text(encoding="utf-8")
    main.write_text(
        text.replace("plugin ", 'plugin "welfare_cache_test_foreign"\nplugin ', 1), encoding="utf-8"
    )
    book_findings(main)
    assert not cached(main)


def test_a_file_written_while_the_book_loads_is_not_trusted(
    main: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dependencies, "SETTLE_NS", 10**15)
    book_findings(main)
    assert not cached(main)


def test_beancounts_own_pickle_cache_is_never_read_written_or_deleted(main: Path, tmp_path: Path) -> None:
    canary = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple:
            return (Path.touch, (canary,))

    planted = main.with_name(".main.beancount.picklecache")
    planted.write_bytes(pickle.dumps(Planted()))
    before = planted.read_bytes()
    for _ in range(2):
        result = CliRunner().invoke(cli, ["--lang", "en", "check", str(main)])
        assert result.exit_code in (0, 1), result.output
    assert not canary.exists()
    assert planted.read_bytes() == before


def flip_a_digit(path: Path, pick: int) -> None:
    """Change one digit of one amount, keeping the file's size and times."""
    text = path.read_text(encoding="utf-8")
    amounts = list(re.finditer(r"\d\.\d\d THB", text))
    at = amounts[pick % len(amounts)].start()
    digit = "1" if text[at] != "1" else "2"
    same_size_edit(path, text[at - 40 : at + 8], text[at - 40 : at] + digit + text[at + 1 : at + 8])


EDITS = st.lists(
    st.sampled_from(
        ["delete voucher", "rewrite voucher", "edit amount", "rename voucher", "new day", "nothing"]
    ),
    min_size=1,
    max_size=3,
)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, pick=st.integers(min_value=0, max_value=10_000))
def test_after_any_edits_the_answer_is_a_cold_loads(main: Path, edits: list[str], pick: int) -> None:
    """Whatever a treasurer changes between two checks, the second check is what a cold load finds."""
    work = main.parent.parent / f"work-{pick}-{len(edits)}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(main.parent, work)
    book = work / "main.beancount"
    book_findings(book)
    for edit in edits:
        vouchers = documents_of(book)
        voucher = vouchers[pick % len(vouchers)]
        if edit == "delete voucher":
            voucher.unlink()
        elif edit == "rewrite voucher":
            info = voucher.stat()
            voucher.write_bytes(voucher.read_bytes()[::-1])
            os.utime(voucher, ns=(info.st_atime_ns, info.st_mtime_ns))
        elif edit == "rename voucher":
            voucher.rename(voucher.with_name("x" + voucher.name[1:]))
        elif edit == "edit amount":
            flip_a_digit(work / YEAR_FILE, pick)
        elif edit == "new day":
            os.environ["WELFARE_TODAY"] = "2027-06-01"
        assert as_json(book_findings(book)) == cold(book)
    os.environ["WELFARE_TODAY"] = "2026-01-15"
