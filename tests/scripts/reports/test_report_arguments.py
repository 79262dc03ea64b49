"""Mistakes on the command line: one line, exit 2, in one language, before the book is loaded.

The book declares a plugin that writes a marker file when Beancount runs it: a refusal that
leaves no marker was made before the load (a misspelled `--area` on the province used to wait
for the whole load). Whole `welfare` processes run under `LANG=C.UTF-8` and `LANG=th_TH.UTF-8`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

WELFARE = Path(sys.executable).with_name("welfare")
BOOKS = Path(__file__).with_name("books")
THAI = re.compile(r"[\u0e00-\u0e7f]")
MARKER_PLUGIN = """
import os
__plugins__ = ("mark",)
def mark(entries, options_map):
    open(os.environ["WELFARE_TEST_MARKER"], "w").close()
    return entries, []
"""


@pytest.fixture
def book(tmp_path):
    (tmp_path / "load_marker.py").write_text(MARKER_PLUGIN, encoding="utf-8")
    main = tmp_path / "main.beancount"
    main.write_text(f'plugin "load_marker"\ninclude "{BOOKS / "disclosure.beancount"}"\n', encoding="utf-8")
    return main


def welfare(book: Path, lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("WELFARE_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    env |= {"LANG": lang, "PYTHONPATH": str(book.parent), "WELFARE_TEST_MARKER": str(book.parent / "loaded")}
    return subprocess.run([str(WELFARE), *args], capture_output=True, text=True, env=env, check=False)


REFUSED_BEFORE_LOADING = {
    "year-far-future": ("report", "areas", "{book}", "--year", "20255"),
    "year-before-the-book": ("report", "areas", "{book}", "--year", "1999"),
    "year-buddhist-era": ("report", "annual", "{book}", "--area", "BangMueang", "--year", "2566"),
    "year-not-a-number": ("report", "areas", "{book}", "--year", "twenty"),
    "year-missing": ("report", "areas", "{book}"),
    "area-unknown": ("report", "annual", "{book}", "--area", "Nope", "--year", "2023"),
    "area-unknown-redflags": ("report", "redflags", "{book}", "--area", "BangMueng"),
    "month-outside": ("report", "disclosure", "{book}", "--area", "BangMueang", "--month", "1999-01"),
    "month-not-a-month": ("report", "disclosure", "{book}", "--area", "BangMueang", "--month", "2023-13"),
    "format-unknown": ("report", "areas", "{book}", "--year", "2023", "--format", "docx"),
    "no-such-report": ("report", "everything", "{book}"),
    "no-such-option": ("report", "areas", "{book}", "--year", "2023", "--colour"),
    "seal-verify-area": ("seal", "--verify", "--area", "Nope", "{book}"),
    "seal-area-unknown": ("seal", "--area", "Nope", "--through", "2023-12-31", "{book}"),
    "seal-day-to-come": ("seal", "--area", "BangMueang", "--through", "2999-12-31", "{book}"),
    "seal-not-a-code": ("seal", "--verify", "--code", "not a code", "{book}"),
    "seal-needs-options": ("seal", "{book}"),
    "check-format": ("check", "{book}", "--format", "xml"),
}


@pytest.mark.parametrize("lang", ["C.UTF-8", "th_TH.UTF-8"])
@pytest.mark.parametrize("case", list(REFUSED_BEFORE_LOADING))
def test_refused_in_one_line_before_the_book_is_loaded(book, lang, case):
    args = [a.format(book=book) for a in REFUSED_BEFORE_LOADING[case]]
    done = welfare(book, lang, *args)
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert not (book.parent / "loaded").exists()
    if lang.startswith("th"):
        assert THAI.search(lines[0]), lines[0]
    else:
        assert not THAI.search(lines[0].replace(str(book), "")), lines[0]


def test_the_messages_name_what_is_wrong(book):
    done = welfare(book, "C.UTF-8", "report", "areas", str(book), "--year", "1999")
    assert done.stderr.strip() == "No entries in 1999: the book runs from 2020 to 2024."
    done = welfare(book, "C.UTF-8", "report", "annual", str(book), "--area", "BangMueang", "--year", "2566")
    assert "2566 BE is 2023" in done.stderr
    done = welfare(book, "C.UTF-8", "report", "annual", str(book), "--area", "Nope", "--year", "2023")
    assert done.stderr.strip() == "No area Nope in this book (areas: BangMueang, NongPhai)."
    done = welfare(book, "th_TH.UTF-8", "report", "areas", str(book), "--year", "twenty")
    assert done.stderr.strip() == "ค่า 'twenty' ของ --year ใช้ไม่ได้: ต้องเป็นจำนวนเต็ม"


def test_legal_neighbours_load_the_book(book):
    for args in (
        ("report", "areas", str(book), "--year", "2020"),  # the book's first year
        ("report", "areas", str(book), "--year", "2024"),  # and its last
        ("report", "disclosure", str(book), "--area", "NongPhai", "--month", "2024-02", "--format", "csv"),
    ):
        (book.parent / "loaded").unlink(missing_ok=True)
        done = welfare(book, "C.UTF-8", *args)
        assert done.returncode == 0, done.stderr
        assert (book.parent / "loaded").exists()
