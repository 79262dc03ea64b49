"""Charts draw Thai on a fresh clone and with a stale font cache, and their labels never overlap.

A fresh `MPLCONFIGDIR` makes matplotlib build its font cache anew; a stale one is a cache built
before the Thai fonts were installed (here: a fresh cache with the Thai fonts taken out). In
both, a whole `welfare report` process must draw each Thai letter of the chart titles with a
Thai font's own glyph and print no `findfont` warning.
"""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import FigureCanvasAgg
from welfare_ledger.scripts.reports import charts

WELFARE = Path(sys.executable).with_name("welfare")
BOOKS = Path(__file__).with_name("books")
TITLE = "สามขาของกองทุนรายปี"  # the annual report's first chart title in Thai
AREAS = [
    "ตำบลบางเมือง",
    "ตำบลท้ายบ้าน",
    "ตำบลบางปู",
    "ตำบลแพรกษา",
    "ตำบลบางพลีใหญ่",
    "ตำบลราชาเทวะ",
    "ตำบลบางบ่อ",
    "ตำบลคลองด่าน",
    "ตำบลบางกะเจ้า",
    "ตำบลในคลองบางปลากด",
    "ตำบลศีรษะจรเข้ใหญ่",
]


def garuda() -> ft2font.FT2Font:
    path = next(p for p in font_manager.findSystemFonts() if Path(p).name == "Garuda.ttf")
    return ft2font.FT2Font(path)


def chart_svgs(html: str) -> list[str]:
    return [
        base64.b64decode(b).decode() for b in re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', html)
    ]


def thai_glyphs_drawn(svg: str, text: str) -> bool:
    """Every Thai letter of `text` is drawn with Garuda's own glyph, defined by a non-empty path."""
    font = garuda()
    for letter in set(text):
        index = font.get_char_index(ord(letter))
        match = re.search(rf'<path id="Garuda-{index:x}" d="([^"]+)"', svg)
        if index == 0 or match is None or not match.group(1).strip():
            return False
    return True


def annual_in_a_process(config: Path, tmp_path: Path) -> tuple[str, str]:
    target = tmp_path / "annual.html"
    env = {**os.environ, "MPLCONFIGDIR": str(config)}
    done = subprocess.run(
        [
            str(WELFARE),
            "report",
            "annual",
            str(BOOKS / "years.beancount"),
            "--area",
            "Trend",
            "--year",
            "2023",
            "--lang",
            "th",
            "--output",
            str(target),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return target.read_text(encoding="utf-8"), done.stderr


def test_a_fresh_clone_draws_thai(tmp_path):
    config = tmp_path / "mpl-fresh"
    config.mkdir()
    html, stderr = annual_in_a_process(config, tmp_path)
    assert "findfont" not in stderr
    svgs = chart_svgs(html)
    assert len(svgs) == 3
    assert thai_glyphs_drawn(svgs[0], TITLE)


def test_a_stale_font_cache_still_draws_thai(tmp_path):
    config = tmp_path / "mpl-stale"
    config.mkdir()
    env = {**os.environ, "MPLCONFIGDIR": str(config)}
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=True)
    (cache,) = config.glob("fontlist-*.json")
    fonts = json.loads(cache.read_text(encoding="utf-8"))
    fonts["ttflist"] = [f for f in fonts["ttflist"] if "tlwg" not in f["fname"] and "Thai" not in f["fname"]]
    cache.write_text(json.dumps(fonts), encoding="utf-8")
    plain = subprocess.run(
        [
            sys.executable,
            "-c",
            "import io, matplotlib; matplotlib.rcParams['font.family'] = ['Garuda', 'DejaVu Sans']\n"
            "from matplotlib.figure import Figure\n"
            "f = Figure(); f.text(0, 0, 'ตำบล'); f.savefig(io.BytesIO(), format='svg')",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert "findfont: Font family 'Garuda' not found" in plain.stderr  # the cache is stale indeed
    html, stderr = annual_in_a_process(config, tmp_path)
    assert "findfont" not in stderr
    assert thai_glyphs_drawn(chart_svgs(html)[0], TITLE)


def test_without_the_fix_the_glyphs_would_be_missing():
    svg = base64.b64decode(
        charts.data_uri(charts.stacked_bars_figure(["x"], {"y": [Decimal(1)]}, "Latin only", "THB")).split(
            ","
        )[1]
    ).decode()
    assert not thai_glyphs_drawn(svg, TITLE)  # the check can fail


def overlaps(boxes) -> list[tuple[int, int]]:
    return [
        (i, j)
        for i, a in enumerate(boxes)
        for j, b in enumerate(boxes)
        if i < j and a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1
    ]


def test_eleven_area_names_do_not_overlap():
    series = {"เงินสัจจะ": [Decimal(1000 * (i + 1)) for i in range(11)], "เงินสมทบ": [Decimal(500)] * 11}
    with charts.drawing(AREAS):
        figure = charts.horizontal_bars_figure(AREAS, series, "สามขาของกองทุนแต่ละพื้นที่", "บาท")
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        labels = figure.axes[0].get_yticklabels()
        boxes = [t.get_window_extent(renderer) for t in labels]
        squeezed = charts.stacked_bars_figure(AREAS, series, "x", "y")  # the old vertical layout
        FigureCanvasAgg(squeezed).draw()
        old = [t.get_window_extent(renderer) for t in squeezed.axes[0].get_xticklabels()]
    assert [t.get_text() for t in labels] == AREAS
    assert overlaps(boxes) == []
    width, height = figure.bbox.width, figure.bbox.height
    assert all(b.x0 >= 0 and b.y0 >= 0 and b.x1 <= width and b.y1 <= height for b in boxes)
    assert overlaps(old)  # which is why the areas chart is drawn sideways
