"""Charts for the reports, drawn with matplotlib (no GUI backend) and embedded in the HTML as SVG data URIs.

Thai labels need a Thai font; the TLWG fonts (Garuda, Loma, Norasi) are asked for first and
the text is drawn as paths, so the SVG looks the same in any browser and in the PDF.
"""

from __future__ import annotations

import base64
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import matplotlib as mpl
from matplotlib.figure import Figure

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

FONTS = ["Garuda", "Loma", "Norasi", "DejaVu Sans"]
COLORS = ["#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#319795", "#718096", "#b7791f"]


def _figure() -> Figure:
    mpl.rcParams["font.family"] = FONTS
    mpl.rcParams["svg.fonttype"] = "path"
    mpl.rcParams["svg.hashsalt"] = "welfare-ledger"
    return Figure(figsize=(7.5, 3.4), dpi=100, layout="constrained")


def _data_uri(figure: Figure) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def stacked_bars(
    labels: Sequence[str], series: Mapping[str, Sequence[Decimal]], title: str, unit: str
) -> str:
    """Bars per label stacked by series (e.g. benefits by type over the years)."""
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
    return _data_uri(figure)


def lines_with_limit(
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    limits: Sequence[Decimal],
    names: tuple[str, str],
    title: str,
) -> str:
    """A measured line against a limit line (e.g. the admin-cost ratio against the bylaw cap)."""
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
    return _data_uri(figure)


def grouped_bars(labels: Sequence[str], series: Mapping[str, Sequence[float]], title: str, unit: str) -> str:
    """Bars side by side per label (e.g. Benford's observed against expected shares)."""
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
    return _data_uri(figure)
