"""The printable reports as PDF: the file opens, its fonts are embedded, and the Thai text is in it.

No PDF library is installed, so the test reads the PDF the plain way: it inflates every stream,
finds the embedded font files, reads each font's ToUnicode map, and decodes the text operators
of the page content with it.
"""

from __future__ import annotations

import re
import shutil
import zlib
from pathlib import Path

import pytest


def inflate_streams(data: bytes) -> list[bytes]:
    """Every Flate stream of a PDF, inflated (object streams included)."""
    found = []
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            found.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return found


def unicode_maps(streams: list[bytes]) -> list[dict[str, str]]:
    """The ToUnicode CMaps: glyph code (4 hex digits) to text."""
    maps = []
    for stream in streams:
        if b"begincmap" not in stream:
            continue
        glyphs: dict[str, str] = {}
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for code, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
                glyphs[code.decode().lower()] = bytes.fromhex(text.decode()).decode("utf-16-be")
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for low, high, text in re.findall(
                rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
            ):
                for code in range(int(low, 16), int(high, 16) + 1):
                    glyphs[f"{code:04x}"] = chr(int(text, 16) + code - int(low, 16))
        maps.append(glyphs)
    return maps


def page_texts(data: bytes) -> list[str]:
    """The page text decoded once with each font's map (the right map gives the right words)."""
    streams = inflate_streams(data)
    contents = [s for s in streams if b"TJ" in s or b"Tj" in s]
    decoded = []
    for glyphs in unicode_maps(streams):
        runs = []
        for stream in contents:
            for array, single in re.findall(rb"\[(.*?)\]\s*TJ|<([0-9a-fA-F]+)>\s*Tj", stream, re.S):
                codes = b"".join(re.findall(rb"<([0-9a-fA-F]*)>", array or b"<" + single + b">")).decode()
                runs.append(
                    "".join(glyphs.get(codes[i : i + 4].lower(), "?") for i in range(0, len(codes), 4))
                )
        decoded.append("\n".join(runs))
    return decoded


def embedded_fonts(data: bytes) -> set[str]:
    """Names of the fonts whose files are embedded (subset prefix removed)."""
    objects = b"\n".join(inflate_streams(data)) + data
    if b"/FontFile" not in objects:
        return set()
    return {name.decode().split("+", 1)[-1] for name in re.findall(rb"/BaseFont\s*/([^\s/>\]]+)", objects)}


@pytest.fixture
def pdf_of(run, books, tmp_path, artifacts_dir):
    def make(name: str, *args: str) -> bytes:
        target = tmp_path / f"{name}.pdf"
        run("report", *args, "--format", "pdf", "--output", target)
        shutil.copy(target, artifacts_dir / f"report-{name}.pdf")
        return target.read_bytes()

    return make


def test_disclosure_pdf_has_thai_text_in_embedded_fonts(pdf_of, books):
    data = pdf_of(
        "disclosure",
        "disclosure",
        books / "disclosure.beancount",
        "--area",
        "BangMueang",
        "--month",
        "2023-04",
    )
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    fonts = embedded_fonts(data)
    assert any(name.startswith("Garuda") for name in fonts), fonts
    texts = page_texts(data)
    assert any("ประกาศการเงินกองทุนสวัสดิการชุมชน" in text for text in texts)
    assert any("เงินกองทุนต้นเดือน" in text for text in texts)
    assert any("74,665.00 บาท" in text for text in texts)
    assert any("2 เม.ย. 2566" in text for text in texts)
    assert not any("081-234-5678" in text for text in texts)


def test_annual_pdf_has_its_charts_and_thai_text(pdf_of, books):
    data = pdf_of("annual", "annual", books / "years.beancount", "--area", "Trend", "--year", "2023")
    assert data.startswith(b"%PDF-")
    assert any("รายงานประจ" in text and "สามขาของกองทุน" in text for text in page_texts(data))
    assert len(data) > 20000  # three vector charts are drawn into it


def page_count(data: bytes) -> int:
    """The pages of a PDF: its page objects, in the file or in its object streams."""
    objects = b"\n".join(inflate_streams(data)) + data
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", objects))


def test_the_notice_is_one_a4_page_with_the_check_code_large(pdf_of, books):
    data = pdf_of(
        "disclosure-one-page",
        "disclosure",
        books / "disclosure.beancount",
        "--area",
        "BangMueang",
        "--month",
        "2023-04",
    )
    assert page_count(data) == 1
    texts = page_texts(data)
    assert any("5F2B 9C0E 4A7D 1E3F 8A6B" in text for text in texts)
    assert not any("5f2b9c0e4a7d1e3f8a6b2c9d0e1f2a3b" in text for text in texts)  # no full digest
    objects = b"\n".join(inflate_streams(data))
    assert re.search(rb"/MediaBox\s*\[0 0 595\.27\d* 841\.88\d*\]", objects)  # A4 portrait, in points


def test_a_long_report_is_several_pages(pdf_of, books):
    data = pdf_of("annual-pages", "annual", books / "years.beancount", "--area", "Trend", "--year", "2023")
    assert page_count(data) > 1  # the page counter can see more than one


DEMO = Path(__file__).resolve().parents[3] / "ledgers" / "main.beancount"


def _busiest_month() -> tuple[str, str, str]:
    """The area and month of the committed demo with the most outflows, and one member paid then."""
    from collections import Counter

    from welfare_ledger.plugins.loader import load_book

    book = load_book(DEMO, audit=False).facts()
    counts = Counter((o.area, f"{o.date:%Y-%m}") for o in book.outflows)
    (area, month), _ = counts.most_common(1)[0]
    member = next(o.member for o in book.outflows if o.area == area and f"{o.date:%Y-%m}" == month and o.member)
    return area, month, str(member)


def test_the_busiest_month_of_the_demo_is_still_one_page(pdf_of):
    area, month, member = _busiest_month()
    data = pdf_of("disclosure-busy", "disclosure", DEMO, "--area", area, "--month", month)
    assert page_count(data) == 1
    assert any(member in text for text in page_texts(data))
