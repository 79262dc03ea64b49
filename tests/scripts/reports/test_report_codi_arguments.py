"""The CODI forms' mistakes on the command line: one line, exit 2, before the book is loaded.

As in `test_report_arguments`, the book declares a plugin that leaves a marker file when
Beancount runs it: a refusal without the marker came before the load. What only the loaded book
can tell (a fiscal year that began before the area's books, a day before the fund was founded, an
area with accounts but no declaration) is one line and exit 2 as well, after the load. Whole
`welfare` processes run under `LANG=C.UTF-8` and `LANG=th_TH.UTF-8`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

WELFARE = Path(sys.executable).with_name("welfare")
BOOK = Path(__file__).with_name("books") / "codi.beancount"
THAI = re.compile(r"[\u0e00-\u0e7f]")
MARKER_PLUGIN = """
import os
__plugins__ = ("mark",)
def mark(entries, options_map):
    open(os.environ["WELFARE_TEST_MARKER"], "w").close()
    return entries, []
"""
STATUS = ("report", "codi-status", "{book}", "--area", "BangMueang")
MATCHING = ("report", "codi-matching", "{book}", "--area", "BangMueang")


@pytest.fixture
def book(tmp_path):
    (tmp_path / "load_marker.py").write_text(MARKER_PLUGIN, encoding="utf-8")
    main = tmp_path / "main.beancount"
    main.write_text(f'plugin "load_marker"\ninclude "{BOOK}"\n', encoding="utf-8")
    return main


def welfare(book: Path, lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("WELFARE_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")
    }
    env |= {"LANG": lang, "PYTHONPATH": str(book.parent), "WELFARE_TEST_MARKER": str(book.parent / "loaded")}
    return subprocess.run([str(WELFARE), *args], capture_output=True, text=True, env=env, check=False)


REFUSED_BEFORE_LOADING = {
    "status-area-unknown": ("report", "codi-status", "{book}", "--area", "BangMueng"),
    "status-as-of-no-such-day": (*STATUS, "--as-of", "2024-02-30"),
    "status-as-of-words": (*STATUS, "--as-of", "yesterday"),
    "status-as-of-buddhist-era": (*STATUS, "--as-of", "2567-09-30"),
    "status-as-of-before-the-book": (*STATUS, "--as-of", "2020-12-31"),
    "status-as-of-after-the-book": (*STATUS, "--as-of", "2024-10-21"),
    "status-pdf-without-output": (*STATUS, "--format", "pdf"),
    "status-format-unknown": (*STATUS, "--format", "docx"),
    "matching-area-unknown": ("report", "codi-matching", "{book}", "--area", "Nope", "--fiscal-year", "2024"),
    "matching-year-after-the-book": (*MATCHING, "--fiscal-year", "2026"),
    "matching-year-after-the-book-be": (*MATCHING, "--fiscal-year", "2569"),
    "matching-year-before-the-book": (*MATCHING, "--fiscal-year", "2020"),
    "matching-year-not-a-number": (*MATCHING, "--fiscal-year", "twenty"),
    "matching-year-zero": (*MATCHING, "--fiscal-year", "0"),
    "matching-year-missing": MATCHING,
    "matching-xlsx-without-output": (*MATCHING, "--fiscal-year", "2024", "--format", "xlsx"),
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
    def said(*args: str, lang: str = "C.UTF-8") -> str:
        return welfare(book, lang, *(a.format(book=book) for a in args)).stderr.strip()

    assert said(*MATCHING, "--fiscal-year", "2569") == (
        "No entries in fiscal year 2026: the book runs from 2021-01-10 to 2024-10-20."
    )
    assert said(*MATCHING, "--fiscal-year", "2569", lang="th_TH.UTF-8") == (
        "ไม่มีรายการในปีงบประมาณ 2569: บัญชีมีรายการตั้งแต่ 10 ม.ค. 2564 ถึง 20 ต.ค. 2567"
    )
    assert said(*STATUS, "--as-of", "2024-10-21") == (
        "No status on 2024-10-21: the book runs from 2021-01-10 to 2024-10-20."
    )
    assert said(*STATUS, "--as-of", "2567-09-30") == (
        "No status on 2567-09-30: the book runs from 2021-01-10 to 2024-10-20. "
        "Dates are Christian era here: 2567-09-30 in the Buddhist era is 2024-09-30."
    )
    assert said(*STATUS, "--as-of", "2567-09-30", lang="th_TH.UTF-8").endswith("คือ 30 ก.ย. 2567")
    assert said(*STATUS, "--as-of", "2024-02-30") == (
        "Invalid value '2024-02-30' for --as-of: give a date as YYYY-MM-DD."
    )
    assert said(*MATCHING, "--fiscal-year", "0") == (
        "Invalid value '0' for --fiscal-year: give a year such as 2026 or 2569."
    )


@pytest.mark.parametrize(
    "args",
    [
        (*STATUS, "--as-of", "2021-01-15", "--format", "csv"),  # the day of the opening entries
        (*STATUS, "--as-of", "2024-10-20", "--format", "csv"),  # and its last
        (*STATUS, "--format", "csv"),  # the last day the area's books are written through
        (*MATCHING, "--fiscal-year", "2568", "--format", "csv"),  # 2025 BE: the year still running
        (*MATCHING, "--fiscal-year", "2022", "--format", "csv"),  # the first year after the opening
    ],
)
def test_legal_neighbours_load_the_book(book, args):
    done = welfare(book, "C.UTF-8", *(a.format(book=book) for a in args))
    assert done.returncode == 0, done.stderr
    assert (book.parent / "loaded").exists()
    assert done.stdout.startswith("section,item,key,label,value\n")


def refused_after_loading(book: Path, lang: str, *args: str) -> str:
    done = welfare(book, lang, *(a.format(book=book) for a in args))
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert (book.parent / "loaded").exists()
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]


def test_a_fiscal_year_begun_in_the_old_books_is_refused(book):
    line = refused_after_loading(book, "C.UTF-8", *MATCHING, "--fiscal-year", "2021")
    assert line.startswith(
        "Fiscal year 2021 began on 2020-10-01, before the books of BangMueang began on 2021-01-15"
    )
    thai = refused_after_loading(book, "th_TH.UTF-8", *MATCHING, "--fiscal-year", "2564")
    assert thai.startswith("ปีงบประมาณ 2564 เริ่มเมื่อ 1 ต.ค. 2563")


def test_a_fiscal_year_after_the_area_s_last_entry_is_refused(book):
    """NongPhai's last entry is in February 2024: its fiscal 2025 has nothing, though the book does.

    NongPhai has no bylaw, so its fiscal years are calendar years.
    """
    args = ("report", "codi-matching", "{book}", "--area", "NongPhai", "--fiscal-year", "2025")
    line = refused_after_loading(book, "C.UTF-8", *args)
    assert line == "Fiscal year 2025 begins on 2025-01-01, after the last entry of NongPhai (2024-02-01)."


def test_a_day_before_the_founding_and_an_undeclared_area_are_refused(book, tmp_path):
    extra = tmp_path / "extra.beancount"
    extra.write_text(
        "2020-06-01 open Assets:Ghost:Cash THB\n"
        "2020-06-01 open Equity:Ghost:Opening THB\n"
        '2020-12-01 * "Ghost money"\n  Assets:Ghost:Cash  10 THB\n  Equity:Ghost:Opening\n',
        encoding="utf-8",
    )
    book.write_text(book.read_text(encoding="utf-8") + f'include "{extra}"\n', encoding="utf-8")
    line = refused_after_loading(book, "C.UTF-8", *STATUS, "--as-of", "2020-12-15")
    assert line == "BangMueang was founded on 2021-01-10: there is no status of its fund on 2020-12-15."
    line = refused_after_loading(book, "th_TH.UTF-8", *STATUS, "--as-of", "2021-01-14")
    assert line.startswith("บัญชีของพื้นที่ BangMueang เริ่มเมื่อ 15 ม.ค. 2564")
    ghost = ("report", "codi-status", "{book}", "--area", "Ghost", "--as-of", "2021-06-01")
    line = refused_after_loading(book, "C.UTF-8", *ghost)
    assert line == 'Area Ghost is not declared (custom "area"): CODI\'s forms need its name and founding day.'
