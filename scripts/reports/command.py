"""`welfare report KIND`: the reports of docs/data-model.md section 8, each loading the book once.

Every report takes `--lang th|en` (HTML and PDF are Thai unless asked otherwise), `--format`
and `--output FILE` (written atomically; standard output without it, text formats only).
The arguments that name something in the book (`--area`, `--year`, `--month`, `--as-of`,
`--fiscal-year`) are checked against a quick scan of its text before the slow load; the reports
that show no findings (all but `disclosure`) load the book without running the rules.
"""

from __future__ import annotations

import contextlib
import datetime
import re
import sys
from typing import TYPE_CHECKING, Any

import click
from welfare_ledger.plugins.i18n import UserError, Year, gettext, render
from welfare_ledger.scripts.common import (
    BE_OFFSET,
    OneLineGroup,
    book_argument,
    check_area,
    check_month,
    check_year,
    fail,
    lang_option,
    load_or_exit,
    resolve_lang,
    say,
    scan_book,
)
from welfare_ledger.scripts.progress import on_terminal, progress
from welfare_ledger.scripts.reports.output import check_binary_target, emit, render_report

if TYPE_CHECKING:
    from collections.abc import Callable

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.loader import LoadedBook
    from welfare_ledger.plugins.prescan import Prescan
    from welfare_ledger.scripts.reports.output import Report

Langs = tuple["Lang", "Lang"]
TEXT_FORMATS = ("csv", "xlsx", "html")
PRINT_FORMATS = ("csv", "xlsx", "html", "pdf")
MONTH_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}")
PAGE_URL = re.compile(r"https?://[^\s<>\"']+")
MAKING = "Making the report"
STALE = "Warning: the books are written through {day}, {days} days before today ({today})."
NO_ENTRIES = "Warning: the books have no entries yet."


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


def report_lang(lang: str | None, fmt: str) -> Langs:
    """The report's language (Thai by default for pages and print, else the locale's) and the messages'.

    Messages on standard error follow `--lang`, else the locale: under `LANG=C.UTF-8` every
    error is English, even for a page that is Thai.
    """
    return resolve_lang(lang, "th" if fmt in ("html", "pdf") else None), resolve_lang(lang)


def parse_month(text: str, lang: Lang) -> tuple[int, int]:
    """`YYYY-MM` as (year, month), or a clear exit."""
    try:
        if not MONTH_TEXT.fullmatch(text):
            raise ValueError(text)
        day = datetime.date.fromisoformat(f"{text}-01")
    except ValueError:
        fail("--month must be YYYY-MM, not {text}.", lang, text=repr(text))
    return day.year, day.month


def check_area_loaded(area: str, known: list[str], lang: Lang) -> None:
    """Stop with one line when `area` is not an area of the loaded book."""
    if area not in known:
        listed = ", ".join(known) or "-"
        fail("No area {area} in this book (areas: {listed}).", lang, area=area, listed=listed)


def make(
    book: str, langs: Langs, fmt: str, build: Callable[[LoadedBook], Report], *, audit: bool
) -> str | bytes:
    """Load the book, build the report and render it, with progress on a terminal.

    `langs` are the report's language and the messages' (the locale's, even when a page is
    Thai by default).
    """
    page, messages = langs
    with progress(messages) as shown:
        loaded = load_or_exit(book, messages, audit=audit, shown=shown)
        shown.step(MAKING)
        result = build(loaded)
        try:
            content = render_report(result, fmt, page)
        except UserError as exc:
            fail(exc.msgid, messages, **exc.params)
    warn_if_stale(result, messages)
    return content


def warn_if_stale(result: Report, lang: Lang) -> None:
    """One line on the terminal when the books behind the report are far behind today.

    Pages carry the warning themselves; a script reading a CSV through a pipe is not disturbed.
    """
    through = result.through
    if through is None or not on_terminal(sys.stderr):
        return
    if through.day is None:
        say(gettext(NO_ENTRIES, lang))
    elif through.stale:
        say(render(STALE, {"day": through.day, "days": through.behind, "today": through.today}, lang))


@click.group(cls=OneLineGroup)
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

    langs = report_lang(lang, fmt)
    language, errors = langs
    check_binary_target(fmt, output, errors)
    check_year(scan_book(book), year, errors)
    content = make(book, langs, fmt, lambda loaded: module.build(loaded.facts(), year, language), audit=False)
    emit(content, output, fmt, errors)


@report.command()
@book_argument()
@click.option("--member", "code", required=True, help="Member code. / รหัสสมาชิก")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Day of the statement (default: the last day the books are written through). / ณ วันที่",
)
@format_option(TEXT_FORMATS, "csv")
@output_option()
@lang_option()
def member(
    *, book: str, code: str, as_of: datetime.datetime | None, fmt: str, output: str | None, lang: str | None
) -> None:
    """A member's own statement: contributions, benefits, paid-up status, what they may claim.

    รายการของสมาชิก: เงินสัจจะ สวัสดิการที่ได้รับ สถานะ และสิทธิที่ขอรับได้
    """
    from welfare_ledger.scripts.reports import member as module

    langs = report_lang(lang, fmt)
    language, errors = langs
    check_binary_target(fmt, output, errors)

    def build(loaded: LoadedBook) -> Report:
        facts = loaded.facts()
        if code not in facts.register.members:
            fail("No member {code} in the register.", errors, code=code)
        return module.build(facts, code, as_of.date() if as_of else None, language)

    emit(make(book, langs, fmt, build, audit=False), output, fmt, errors)


def _page_url(url: str | None, lang: Lang) -> str | None:
    """The address of the fund's pages for the QR code: one http(s) address, no spaces."""
    if url is not None and not PAGE_URL.fullmatch(url):
        fail("--page-url must be one http:// or https:// address, not {url}.", lang, url=repr(url))
    return url


@report.command()
@book_argument()
@click.option("--area", required=True, help="Area code. / รหัสพื้นที่")
@click.option("--month", required=True, help="Month as YYYY-MM (CE). / เดือน")
@click.option(
    "--page-url",
    "page_url",
    default=None,
    help="Address of the fund's pages, put into the seal's QR code. / ที่อยู่หน้าเว็บของกองทุน",
)
@format_option(PRINT_FORMATS, "html")
@output_option()
@lang_option()
def disclosure(
    *, book: str, area: str, month: str, page_url: str | None, fmt: str, output: str | None, lang: str | None
) -> None:
    """The public monthly notice of an area: money in and out, every outflow, balance, findings.

    ประกาศเปิดเผยข้อมูลการเงินประจำเดือน
    """
    from welfare_ledger.scripts.reports import disclosure as module

    langs = report_lang(lang, fmt)
    language, errors = langs
    year, number = parse_month(month, errors)
    url = _page_url(page_url, errors)
    check_binary_target(fmt, output, errors)
    scan = scan_book(book)
    check_area(scan, area, errors)
    check_month(scan, datetime.date(year, number, 1), errors)

    def build(loaded: LoadedBook) -> Report:
        facts = loaded.facts()
        check_area_loaded(area, module.known_areas(facts), errors)
        return module.build(facts, loaded.findings, area, year=year, month=number, lang=language, url=url)

    emit(make(book, langs, fmt, build, audit=True), output, fmt, errors)


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

    langs = report_lang(lang, fmt)
    language, errors = langs
    check_binary_target(fmt, output, errors)
    scan = scan_book(book)
    check_area(scan, area, errors)
    check_year(scan, year, errors)

    def build(loaded: LoadedBook) -> Report:
        facts: Book = loaded.facts()
        check_area_loaded(area, module.known_areas(facts), errors)
        return module.build(facts, area, year, language)

    emit(make(book, langs, fmt, build, audit=False), output, fmt, errors)


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

    langs = report_lang(lang, fmt)
    language, errors = langs
    check_binary_target(fmt, output, errors)
    scan = scan_book(book)
    if area is not None:
        check_area(scan, area, errors)
    if year is not None:
        check_year(scan, year, errors)

    def build(loaded: LoadedBook) -> Report:
        facts = loaded.facts()
        if area is not None:
            check_area_loaded(area, module.known_areas(facts), errors)
        return module.build(facts, language, area=area, year=year)

    emit(make(book, langs, fmt, build, audit=False), output, fmt, errors)


AS_OF_OUTSIDE = "No status on {day}: the book runs from {first} to {last}."
AS_OF_OUTSIDE_BE = (
    "No status on {day}: the book runs from {first} to {last}. "
    "Dates are Christian era here: {day} in the Buddhist era is {ce}."
)
FISCAL_YEAR_OUTSIDE = "No entries in fiscal year {year}: the book runs from {first} to {last}."
NOT_A_FISCAL_YEAR = "Invalid value {value} for --fiscal-year: give a year such as 2026 or 2569."
NOT_DECLARED = 'Area {area} is not declared (custom "area"): CODI\'s forms need its name and founding day.'
BE_FROM = 2400
"""A `--fiscal-year` above this is in the Buddhist era (2569 is 2026)."""


def fiscal_year_ce(year: int, lang: Lang) -> int:
    """`--fiscal-year` in the Christian era, whichever era it was given in, or a clear exit."""
    ce = year - BE_OFFSET if year > BE_FROM else year
    if not datetime.MINYEAR < ce < datetime.MAXYEAR:
        fail(NOT_A_FISCAL_YEAR, lang, value=repr(str(year)))
    return ce


def check_fiscal_year(scan: Prescan, year: int, lang: Lang) -> None:
    """Stop with one line when fiscal year `year` cannot overlap the book's entries.

    A fiscal year ends in the year that names it and begins at most eleven months before it,
    so the book's last year and the one after may hold part of it; the loaded book decides the
    rest (`plugins.codi` refuses a year before the area's books or after its last entry).
    """
    if scan.first is None or scan.last is None or scan.first.year <= year <= scan.last.year + 1:
        return
    fail(FISCAL_YEAR_OUTSIDE, lang, year=Year(year), first=scan.first, last=scan.last)


def check_as_of(scan: Prescan, day: datetime.date, lang: Lang) -> None:
    """Stop with one line when `day` is before the book's first entry or after its last.

    A status after the last entry would present the books as if written through that day.
    """
    if scan.first is None or scan.last is None or scan.first <= day <= scan.last:
        return
    if day.year > BE_FROM:
        with contextlib.suppress(ValueError):
            ce = day.replace(year=day.year - BE_OFFSET)
            if scan.first <= ce <= scan.last:
                fail(AS_OF_OUTSIDE_BE, lang, day=day.isoformat(), first=scan.first, last=scan.last, ce=ce)
    fail(AS_OF_OUTSIDE, lang, day=day, first=scan.first, last=scan.last)


def check_declared(book: Book, area: str, lang: Lang) -> None:
    """Stop with one line when the loaded book does not know `area` or does not declare it."""
    from welfare_ledger.plugins.summary import book_areas

    check_area_loaded(area, book_areas(book), lang)
    if area not in book.register.areas:
        fail(NOT_DECLARED, lang, area=area)


@report.command("codi-status")
@book_argument()
@click.option("--area", required=True, help="Area code. / รหัสพื้นที่")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="Day of the status (default: the last day the area's books are written through). / ณ วันที่",
)
@format_option(PRINT_FORMATS, "html")
@output_option()
@lang_option()
def codi_status(
    *, book: str, area: str, as_of: datetime.datetime | None, fmt: str, output: str | None, lang: str | None
) -> None:
    """CODI's fund status form: members, money by source, benefits by type, signature lines.

    แบบแสดงสถานะกองทุนสวัสดิการชุมชน (พอช.)
    """
    from welfare_ledger.scripts.reports import codi_status as module

    langs = report_lang(lang, fmt)
    language, errors = langs
    check_binary_target(fmt, output, errors)
    scan = scan_book(book)
    check_area(scan, area, errors)
    day = as_of.date() if as_of else None
    if day is not None:
        check_as_of(scan, day, errors)

    def build(loaded: LoadedBook) -> Report:
        facts = loaded.facts()
        check_declared(facts, area, errors)
        try:
            return module.build(facts, area, day, language)
        except UserError as exc:
            fail(exc.msgid, errors, **exc.params)

    emit(make(book, langs, fmt, build, audit=False), output, fmt, errors)


@report.command("codi-matching")
@book_argument()
@click.option("--area", required=True, help="Area code. / รหัสพื้นที่")
@click.option(
    "--fiscal-year",
    "fiscal_year",
    type=int,
    required=True,
    help="Fiscal year, named by the year it ends in (CE, or BE above 2400). / ปีงบประมาณ",
)
@format_option(PRINT_FORMATS, "html")
@output_option()
@lang_option()
def codi_matching(
    *, book: str, area: str, fiscal_year: int, fmt: str, output: str | None, lang: str | None
) -> None:
    """CODI's matching request: qualifying members by village, matching due, benefits run, committee.

    แบบเสนอขอรับการสนับสนุนเงินสมทบกองทุนสวัสดิการชุมชน (พอช.)
    """
    from welfare_ledger.scripts.reports import codi_matching as module

    langs = report_lang(lang, fmt)
    language, errors = langs
    year = fiscal_year_ce(fiscal_year, errors)
    check_binary_target(fmt, output, errors)
    scan = scan_book(book)
    check_area(scan, area, errors)
    check_fiscal_year(scan, year, errors)

    def build(loaded: LoadedBook) -> Report:
        facts = loaded.facts()
        check_declared(facts, area, errors)
        try:
            return module.build(facts, area, year, language)
        except UserError as exc:
            fail(exc.msgid, errors, **exc.params)

    emit(make(book, langs, fmt, build, audit=False), output, fmt, errors)
