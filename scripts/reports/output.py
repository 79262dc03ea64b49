"""Writing a report: CSV and XLSX with pandas, HTML with Jinja2, PDF with WeasyPrint, all atomically.

Tables keep the contract's column names (docs/data-model.md, section 8) in CSV and XLSX so that tools
can read them in any language; HTML and PDF are for people and speak Thai or English.
"""

from __future__ import annotations

import dataclasses
import functools
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import jinja2
from welfare_ledger.plugins.i18n import (
    Lang,
    be_year,
    format_amount,
    format_date,
    format_month,
    gettext,
    render,
)
from welfare_ledger.scripts.common import atomic_write, fail
from welfare_ledger.scripts.reports.sheets import csv_text, xlsx_bytes

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    import pandas as pd
    from welfare_ledger.scripts.reports.through import BooksThrough

TEMPLATES = Path(__file__).with_name("templates")
BINARY_FORMATS = frozenset({"xlsx", "pdf"})


def percent(value: Decimal | float | None) -> str:
    """A share in percent with one decimal, or a dash when there is nothing to share."""
    if value is None:
        return "-"
    return f"{Decimal(value):.1f}%"


def year_label(year: int, lang: Lang) -> str:
    """A calendar year as the reader counts it: BE in Thai (`2566`), CE in English."""
    return str(be_year(year)) if lang == "th" else str(year)


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )


def render_html(template: str, lang: Lang, **context: Any) -> str:
    """Render `templates/<template>` with the reader's language and formatters."""

    def translate(msgid: str, **params: Any) -> str:
        return render(msgid, params, lang) if params else gettext(msgid, lang)

    def money(value: Decimal | None, *, currency: bool = False) -> str:
        return "-" if value is None else format_amount(value, lang, currency=currency)

    def day(value: datetime.date | None, *, long: bool = False) -> str:
        return "-" if value is None else format_date(value, lang, long=long)

    return (
        _environment()
        .get_template(template)
        .render(
            lang=lang,
            _=translate,
            money=money,
            day=day,
            month=lambda year, number: format_month(year, number, lang),
            year=lambda value: year_label(value, lang),
            percent=percent,
            **context,
        )
    )


def pdf_bytes(html: str) -> bytes:
    """The printable HTML as PDF; the Thai fonts are embedded by WeasyPrint."""
    from weasyprint import HTML

    return bytes(HTML(string=html, base_url=str(TEMPLATES)).write_pdf())


def emit(content: str | bytes, output: str | None, fmt: str, lang: Lang) -> None:
    """Write `content` atomically to `output`, or to standard output when text and no file is given."""
    if output is None:
        if isinstance(content, bytes):
            fail("Format {fmt} is binary: give a file with --output.", lang, fmt=fmt)
        click.echo(content, nl=not str(content).endswith("\n"))
        return
    mode = "wb" if isinstance(content, bytes) else "w"
    with atomic_write(output, mode) as stream:
        stream.write(content)


def check_binary_target(fmt: str, output: str | None, lang: Lang) -> None:
    """Refuse a binary format without `--output` before any work is done."""
    if fmt in BINARY_FORMATS and output is None:
        emit(b"", None, fmt, lang)


@dataclasses.dataclass
class Report:
    """A computed report: its tables (CSV is the first) and what its HTML template shows."""

    template: str
    sheets: dict[str, pd.DataFrame]
    context: dict[str, Any] = dataclasses.field(default_factory=dict)
    through: BooksThrough | None = None
    """Through which day the books behind the report are written (shown on every page)."""
    drawn: Callable[[], dict[str, Any]] | None = None
    """The page's charts, drawn only when a page is made: a CSV or XLSX needs no matplotlib."""

    @property
    def table(self) -> pd.DataFrame:
        """The main table, the one CSV writes."""
        return next(iter(self.sheets.values()))

    def html(self, lang: Lang) -> str:
        """The report as a page for people."""
        context = {**self.context, **(self.drawn() if self.drawn is not None else {})}
        return render_html(self.template, lang, through=self.through, **context)


def render_report(report: Report, fmt: str, lang: Lang) -> str | bytes:
    """The report as the text or bytes of `fmt`."""
    if fmt == "csv":
        return csv_text(report.table)
    if fmt == "xlsx":
        return xlsx_bytes(report.sheets)
    if fmt == "pdf":
        return pdf_bytes(report.html(lang))
    return report.html(lang)


def write_report(report: Report, fmt: str, output: str | None, lang: Lang) -> None:
    """Write `report` in `fmt` to `output` (atomically) or standard output."""
    emit(render_report(report, fmt, lang), output, fmt, lang)
