"""`welfare report KIND`: the reports of CONVENTIONS section 8, each loading the book once.

Every report takes `--lang th|en` (HTML and PDF are Thai unless asked otherwise), `--format`
and `--output FILE` (written atomically; standard output without it, text formats only).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import click
from welfare_ledger.scripts.common import (
    book_argument,
    fail,
    lang_option,
    load_or_exit,
    resolve_lang,
)
from welfare_ledger.scripts.reports.output import check_binary_target, write_report

if TYPE_CHECKING:
    from collections.abc import Callable

    from welfare_ledger.plugins.i18n import Lang

TEXT_FORMATS = ("csv", "xlsx", "html")
PRINT_FORMATS = ("csv", "xlsx", "html", "pdf")


def format_option(choices: tuple[str, ...], default: str) -> Callable[[Any], Any]:
    """`--format` with the formats a report can write."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format. / รูปแบบไฟล์",
    )


def output_option() -> Callable[[Any], Any]:
    """`--output FILE`, written atomically."""
    return click.option(
        "--output",
        "-o",
        type=click.Path(dir_okay=False),
        default=None,
        help="Write to FILE (atomically) instead of standard output. / เขียนลงไฟล์",
    )


def report_lang(lang: str | None, fmt: str) -> Lang:
    """Thai by default for pages and print; the locale's language for CSV and XLSX."""
    return resolve_lang(lang, "th" if fmt in ("html", "pdf") else None)


def parse_month(text: str, lang: Lang) -> tuple[int, int]:
    """`YYYY-MM` as (year, month), or a clear exit."""
    try:
        day = datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        fail("--month must be YYYY-MM, not {text}.", lang, text=repr(text))
    return day.year, day.month


def check_area(area: str, known: list[str], lang: Lang) -> None:
    """Stop with one line when `area` is not an area of the book."""
    if area not in known:
        listed = ", ".join(known) or "-"
        fail("No area {area} in this book (areas: {listed}).", lang, area=area, listed=listed)


@click.group()
def report() -> None:
    """Reports for members, treasurers and auditors (CSV, XLSX, HTML, PDF).

    รายงานสำหรับสมาชิก เหรัญญิก และผู้ตรวจสอบ
    """


@report.command()
@book_argument()
@click.option("--year", type=int, required=True, help="Calendar year (CE). / ปี ค.ศ.")
@format_option(TEXT_FORMATS, "csv")
@output_option()
@lang_option()
def areas(*, book: str, year: int, fmt: str, output: str | None, lang: str | None) -> None:
    """One row per area and a TOTAL row: the legs, benefits by type, projects, running costs.

    สรุปกองทุนรายพื้นที่และรวมทั้งจังหวัด
    """
    from welfare_ledger.scripts.reports import areas as module

    language = report_lang(lang, fmt)
    check_binary_target(fmt, output, language)
    loaded = load_or_exit(book, language)
    write_report(module.build(loaded.facts(), year, language), fmt, output, language)


@report.command()
@book_argument()
@click.option("--member", "code", required=True, help="Member code. / รหัสสมาชิก")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Day of the statement (default: today). / ณ วันที่",
)
@format_option(TEXT_FORMATS, "csv")
@output_option()
@lang_option()
def member(
    *, book: str, code: str, as_of: datetime.datetime | None, fmt: str, output: str | None, lang: str | None
) -> None:
    """A member's own statement: contributions, benefits, paid-up status, what they may claim.

    รายการของสมาชิก: เงินสมทบ สวัสดิการที่ได้รับ สถานะ และสิทธิที่ขอรับได้
    """
    from welfare_ledger.scripts.reports import member as module

    language = report_lang(lang, fmt)
    check_binary_target(fmt, output, language)
    loaded = load_or_exit(book, language)
    facts = loaded.facts()
    if code not in facts.register.members:
        fail("No member {code} in the register.", language, code=code)
    today = as_of.date() if as_of else datetime.date.today()
    write_report(module.build(facts, code, today, language), fmt, output, language)


@report.command()
@book_argument()
@click.option("--area", required=True, help="Area code. / รหัสพื้นที่")
@click.option("--month", required=True, help="Month as YYYY-MM (CE). / เดือน")
@format_option(PRINT_FORMATS, "html")
@output_option()
@lang_option()
def disclosure(*, book: str, area: str, month: str, fmt: str, output: str | None, lang: str | None) -> None:
    """The public monthly notice of an area: money in and out, every outflow, balance, findings.

    ประกาศเปิดเผยข้อมูลการเงินประจำเดือน
    """
    from welfare_ledger.scripts.reports import disclosure as module

    language = report_lang(lang, fmt)
    year, number = parse_month(month, language)
    check_binary_target(fmt, output, language)
    loaded = load_or_exit(book, language)
    facts = loaded.facts()
    check_area(area, module.known_areas(facts), language)
    result = module.build(facts, loaded.findings, area, year=year, month=number, lang=language)
    write_report(result, fmt, output, language)


@report.command()
@book_argument()
@click.option("--area", required=True, help="Area code. / รหัสพื้นที่")
@click.option("--year", type=int, required=True, help="Calendar year (CE). / ปี ค.ศ.")
@format_option(PRINT_FORMATS, "html")
@output_option()
@lang_option()
def annual(*, book: str, area: str, year: int, fmt: str, output: str | None, lang: str | None) -> None:
    """The annual meeting pack: legs, benefits over the years, running costs, reserve.

    รายงานประจำปีสำหรับที่ประชุมใหญ่
    """
    from welfare_ledger.scripts.reports import annual as module

    language = report_lang(lang, fmt)
    check_binary_target(fmt, output, language)
    loaded = load_or_exit(book, language)
    facts = loaded.facts()
    check_area(area, module.known_areas(facts), language)
    write_report(module.build(facts, area, year, language), fmt, output, language)


@report.command()
@book_argument()
@click.option("--area", default=None, help="Only this area. / เฉพาะพื้นที่")
@click.option("--year", type=int, default=None, help="Only this calendar year (CE). / เฉพาะปี")
@format_option(TEXT_FORMATS, "csv")
@output_option()
@lang_option()
def redflags(
    *, book: str, area: str | None, year: int | None, fmt: str, output: str | None, lang: str | None
) -> None:
    """Reasons to look, not verdicts: Benford's law, near-limit, outlying and round amounts.

    จุดที่ควรตรวจดู (ไม่ใช่คำตัดสิน)
    """
    from welfare_ledger.scripts.reports import redflags as module

    language = report_lang(lang, fmt)
    check_binary_target(fmt, output, language)
    loaded = load_or_exit(book, language)
    facts = loaded.facts()
    if area is not None:
        check_area(area, module.known_areas(facts), language)
    write_report(module.build(facts, language, area=area, year=year), fmt, output, language)
