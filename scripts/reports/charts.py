"""Charts for the reports, drawn with matplotlib (no GUI backend) and embedded in the HTML as SVG data URIs.

Thai labels need a Thai font, and matplotlib finds fonts through a cache file built the first
time it runs: on a machine where the Thai fonts were installed after that (a fresh clone on a
used machine, a CI image), the cache does not know them and every Thai label is drawn as empty
boxes, with a `findfont` warning per label. So the installed Thai fonts are found on disk and
registered with the font manager explicitly (`thai_fonts`) before any chart is drawn, whatever
the cache says. Text is drawn as paths, so the SVG looks the same in any browser and in the PDF.
Labels run along the axis that has room for them: areas as horizontal bars, one name a row.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from matplotlib.figure import Figure
from welfare_ledger.plugins.i18n import UserError

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping, Sequence
    from decimal import Decimal

    Series = Mapping[str, Sequence[Decimal]]

THAI_FAMILIES = (
    "Garuda",
    "Loma",
    "Norasi",
    "Waree",
    "Sarabun",
    "Noto Sans Thai",
    "Kinnari",
    "Laksaman",
    "Umpush",
)
"""Thai font families in order of preference (the TLWG fonts Debian's `fonts-thai-tlwg` installs first)."""
LATIN_FALLBACK = "DejaVu Sans"
THAI_LETTER = 0x0E01
THAI_TEXT = re.compile(r"[\u0e00-\u0e7f]")
COLORS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#718096", "#b7791f"]
WIDTH = 7.5
HEIGHT = 3.4
ROW_HEIGHT = 0.42
NO_THAI_FONT = (
    "No Thai font is installed, so the Thai labels of the charts cannot be drawn: install fonts-thai-tlwg."
)


def _font_name_matches(path: str) -> bool:
    stem = Path(path).stem.replace(" ", "").replace("-", "").lower()
    return any(stem.startswith(family.replace(" ", "").lower()) for family in THAI_FAMILIES)


@functools.cache
def thai_fonts() -> tuple[str, ...]:
    """Register every installed Thai font with matplotlib's font manager; their families, preferred first.

    The files are listed from the system (fontconfig and the font folders), not from
    matplotlib's cache; a font counts when it really has Thai letters.
    """
    from matplotlib import font_manager, ft2font

    found: set[str] = set()
    for path in sorted(font_manager.findSystemFonts(fontext="ttf")):
        if not _font_name_matches(path):
            continue
        try:
            font = ft2font.FT2Font(path)
        except (OSError, RuntimeError, ValueError):
            continue
        if not font.get_char_index(THAI_LETTER):
            continue
        font_manager.fontManager.addfont(path)
        found.add(font.family_name)
    preferred = [family for family in THAI_FAMILIES if family in found]
    return (*preferred, *sorted(found - set(preferred)))


@contextlib.contextmanager
def drawing(texts: Sequence[str]) -> Iterator[None]:
    """Our chart settings (fonts, text as paths), for the duration of one chart only."""
    import matplotlib as mpl

    families = thai_fonts()
    if not families and any(THAI_TEXT.search(text) for text in texts):
        raise UserError(NO_THAI_FONT)
    with mpl.rc_context(
        {"font.family": [*families, LATIN_FALLBACK], "svg.fonttype": "path", "svg.hashsalt": "welfare-ledger"}
    ):
        yield


def _figure(height: float = HEIGHT) -> Figure:
    return Figure(figsize=(WIDTH, height), dpi=100, layout="constrained")


def data_uri(figure: Figure) -> str:
    """The figure as an SVG data URI."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _texts(*parts: Sequence[str] | Mapping[str, Any] | str) -> list[str]:
    found: list[str] = []
    for part in parts:
        found.extend([part] if isinstance(part, str) else list(part))
    return found


def stacked_bars_figure(labels: Sequence[str], series: Series, title: str, unit: str) -> Figure:
    """Vertical bars per label stacked by series (few short labels, such as years)."""
    figure = _figure()
    axes = figure.add_subplot()
    bottom = [0.0] * len(labels)
    for color, (name, values) in zip(COLORS * 3, series.items(), strict=False):
        numbers = [float(v) for v in values]
        if not any(numbers):
            continue
        axes.bar(labels, numbers, bottom=bottom, label=name, color=color)
        bottom = [b + n for b, n in zip(bottom, numbers, strict=True)]
    axes.set_title(title)
    axes.set_ylabel(unit)
    axes.grid(axis="y", alpha=0.3)
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize="small")
    return figure


def stacked_bars(labels: Sequence[str], series: Series, title: str, unit: str) -> str:
    """Bars per label stacked by series (e.g. benefits by type over the years), as a data URI."""
    with drawing(_texts(labels, series, title, unit)):
        return data_uri(stacked_bars_figure(labels, series, title, unit))


def horizontal_bars_figure(labels: Sequence[str], series: Series, title: str, unit: str) -> Figure:
    """Horizontal bars per label stacked by series: one row per label, names written out in full.

    Eleven area names side by side under vertical bars overlap; one a row they never do,
    and the chart grows with the number of rows.
    """
    figure = _figure(max(HEIGHT, ROW_HEIGHT * len(labels) + 1.6))
    axes = figure.add_subplot()
    rows = list(range(len(labels)))
    left = [0.0] * len(labels)
    for color, (name, values) in zip(COLORS * 3, series.items(), strict=False):
        numbers = [float(v) for v in values]
        if not any(numbers):
            continue
        axes.barh(rows, numbers, left=left, label=name, color=color)
        left = [a + n for a, n in zip(left, numbers, strict=True)]
    axes.set_yticks(rows, list(labels))
    axes.invert_yaxis()
    axes.set_title(title)
    axes.set_xlabel(unit)
    axes.grid(axis="x", alpha=0.3)
    axes.xaxis.set_major_formatter("{x:,.0f}")
    if axes.get_legend_handles_labels()[0]:
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.06), ncols=3, fontsize="small", frameon=False)
    return figure


def horizontal_bars(labels: Sequence[str], series: Series, title: str, unit: str) -> str:
    """Horizontal stacked bars (e.g. the three legs of each area), as a data URI."""
    with drawing(_texts(labels, series, title, unit)):
        return data_uri(horizontal_bars_figure(labels, series, title, unit))


def lines_with_limit(
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    limits: Sequence[Decimal],
    names: tuple[str, str],
    title: str,
) -> str:
    """A measured line against a limit line (e.g. the admin-cost ratio against the bylaw cap)."""
    with drawing(_texts(labels, names, title)):
        figure = _figure()
        axes = figure.add_subplot()
        axes.plot(
            labels,
            [float(v) if v is not None else float("nan") for v in values],
            marker="o",
            label=names[0],
            color=COLORS[0],
        )
        axes.plot(labels, [float(v) for v in limits], linestyle="--", label=names[1], color="#c53030")
        axes.set_title(title)
        axes.set_ylabel("%")
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(fontsize="small")
        return data_uri(figure)


def grouped_bars(labels: Sequence[str], series: Mapping[str, Sequence[float]], title: str, unit: str) -> str:
    """Bars side by side per label (e.g. Benford's observed against expected shares)."""
    with drawing(_texts(labels, series, title, unit)):
        figure = _figure()
        axes = figure.add_subplot()
        width = 0.8 / max(len(series), 1)
        positions = list(range(len(labels)))
        for index, (color, (name, values)) in enumerate(zip(COLORS, series.items(), strict=False)):
            axes.bar([p + index * width for p in positions], list(values), width, label=name, color=color)
        axes.set_xticks([p + width * (len(series) - 1) / 2 for p in positions], list(labels))
        axes.set_title(title)
        axes.set_ylabel(unit)
        axes.grid(axis="y", alpha=0.3)
        axes.legend(fontsize="small")
        return data_uri(figure)
