"""The quick scan of a book's text knows what the loaded book knows: files, areas and dates."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from beancount import loader
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.prescan import prescan
from welfare_ledger.plugins.summary import book_areas

REPO = Path(__file__).resolve().parents[2]
BOOKS = [
    REPO / "tests/scripts/reports/books/small.beancount",
    REPO / "tests/scripts/reports/books/disclosure.beancount",
    REPO / "tests/scripts/reports/books/years.beancount",
    REPO / "tests/scripts/check_books/clean.beancount",
    REPO / "ledgers/main.beancount",
]


@pytest.mark.parametrize("path", [p for p in BOOKS if p.exists()], ids=lambda p: p.name)
def test_the_scan_agrees_with_beancount(path):
    entries, _, options = loader.load_file(str(path))
    scan = prescan(path)
    assert scan.complete
    assert sorted(str(f) for f in scan.files) == sorted(options["include"])
    areas = book_areas(build_book(entries, options))
    assert all(scan.has_area(area) for area in areas)
    assert set(scan.known_areas) <= set(areas)
    dated = [e.date for e in entries if type(e).__name__ not in ("Open", "Close", "Commodity", "Price")]
    assert (scan.first, scan.last) == (min(dated), max(dated))


def write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder / "main.beancount"


def test_includes_globs_names_and_undeclared_areas(tmp_path):
    book = write(
        tmp_path,
        {
            "main.beancount": 'include "areas/*/area.beancount"\n2019-01-01 open Assets:Old:Cash THB\n',
            "areas/a/area.beancount": '2020/01/01 custom  "area"\t"BangMueang" "ตำบลบางเมือง"\ninclude "y.beancount"\n',
            "areas/a/y.beancount": (
                '2021-03-04 * "x"\n  Assets:BangMueang:Cash  1 THB\n  Income:Ghost:Other  -1 THB\n'
                '; 1999-01-01 custom "area" "Commented" "x"\n'
            ),
        },
    )
    scan = prescan(book)
    assert scan.complete and len(scan.files) == 3
    assert scan.areas == {"BangMueang": "ตำบลบางเมือง"}
    assert scan.known_areas == ["BangMueang", "Old"]
    assert scan.has_area("Ghost") is True  # named by a posting only
    assert scan.has_area("Commented") is False
    assert scan.has_area("Bang") is False  # a prefix of a real area is not one
    assert (scan.first, scan.last) == (datetime.date(2020, 1, 1), datetime.date(2021, 3, 4))


def test_a_missing_include_makes_the_scan_say_it_cannot_tell(tmp_path):
    book = write(
        tmp_path, {"main.beancount": 'include "nowhere.beancount"\n2020-01-01 custom "area" "A" "x"\n'}
    )
    scan = prescan(book)
    assert not scan.complete
    assert scan.has_area("A") is True
    assert scan.has_area("Nope") is None
    assert not prescan(tmp_path / "missing.beancount").complete
