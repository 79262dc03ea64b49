"""`welfare demo`: write a realistic, rule-abiding demo province of Samut Prakan's 11 areas."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import click
from welfare_ledger.plugins.i18n import Lang, gettext
from welfare_ledger.scripts.common import fail, lang_option, resolve_lang
from welfare_ledger.scripts.demo.model import MEMBERS, START_YEAR, THROUGH, Settings
from welfare_ledger.scripts.demo.places import AREAS

NOT_A_FOLDER = "{path}: not a folder; choose another --out."
CANNOT_MAKE = "Cannot make this province: {reason}"
BAD_SEAL_DATE = "--seal-through {value}: give a day as YYYY-MM-DD, or auto, or none."
BAD_THROUGH = "--through {value}: give a day as YYYY-MM-DD."
THROUGH_TOO_EARLY = (
    "--through {value} is before {first_year_end}: the books need their first year whole; "
    "give a later day or an earlier --start-year."
)
SEAL_OUTSIDE = "--seal-through {value} is outside the books ({first} to {last})."
YEARS_AND_THROUGH = "Give --years or --through, not both."
CANNOT_WRITE = "{path}: cannot write the province: {reason}"
WROTE = (
    "Wrote the demo province to {path}: {areas} area(s), {start} to {through}, {files} files. "
    "Check it with: welfare check {book}"
)
MESSAGES = (
    NOT_A_FOLDER,
    CANNOT_MAKE,
    BAD_SEAL_DATE,
    BAD_THROUGH,
    THROUGH_TOO_EARLY,
    SEAL_OUTSIDE,
    YEARS_AND_THROUGH,
    CANNOT_WRITE,
    WROTE,
)


def _day(text: str, msgid: str, lang: Lang) -> datetime.date:
    """A day written as YYYY-MM-DD, or one line and exit 2."""
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        fail(msgid, lang, value=text)
    return day


def _through(through: str | None, years: int | None, start_year: int, lang: Lang) -> datetime.date:
    """The last day of the books: `--through`, else the end of `--years` years, else the demo's present."""
    if through is not None and years is not None:
        fail(YEARS_AND_THROUGH, lang)
    if years is not None:
        return datetime.date(start_year + years - 1, 12, 31)
    day = THROUGH if through is None else _day(through, BAD_THROUGH, lang)
    first_year_end = datetime.date(start_year, 12, 31)
    if day < first_year_end:
        fail(THROUGH_TOO_EARLY, lang, value=day, first_year_end=first_year_end)
    return day


def _sealed(settings: Settings, seal_through: str, lang: Lang) -> Settings:
    """The settings with the day to seal through (`auto`, `none` or a day inside the books)."""
    if seal_through == "none":
        return settings
    if seal_through == "auto":
        return dataclasses.replace(settings, seal_through=settings.approved_through)
    day = _day(seal_through, BAD_SEAL_DATE, lang)
    if not settings.opening <= day <= settings.end:
        fail(SEAL_OUTSIDE, lang, value=day, first=settings.opening, last=settings.end)
    return dataclasses.replace(settings, seal_through=day)


@click.command()
@click.option(
    "--out",
    "out",
    default="ledgers",
    show_default=True,
    type=click.Path(),
    help="Folder to write the province to. / โฟลเดอร์ที่จะเขียนบัญชี",
)
@click.option(
    "--areas",
    default=len(AREAS),
    show_default=True,
    type=click.IntRange(1, len(AREAS)),
    help="How many of the 11 areas. / จำนวนตำบล",
)
@click.option(
    "--members",
    default=MEMBERS,
    show_default=True,
    type=click.IntRange(20, 5000),
    help="Average members per area. / จำนวนสมาชิกเฉลี่ยต่อตำบล",
)
@click.option(
    "--start-year",
    default=START_YEAR,
    show_default=True,
    type=click.IntRange(2000, 2100),
    help="First year of the books. / ปีแรกของบัญชี (ค.ศ.)",
)
@click.option(
    "--through",
    "through",
    default=None,
    help=(
        f"Last day of the books (YYYY-MM-DD); default {THROUGH}, fixed so that the same options give "
        "the same bytes. / วันสุดท้ายของบัญชี"
    ),
)
@click.option(
    "--years",
    default=None,
    type=click.IntRange(1, 20),
    help="Instead of --through: this many whole calendar years. / จำนวนปีเต็มของบัญชี (แทน --through)",
)
@click.option(
    "--seed", default=1, show_default=True, type=int, help="The same seed gives the same bytes. / ค่าเริ่มสุ่ม"
)
@click.option(
    "--violations", is_flag=True, help="Also plant one case of every rule in a separate file. / ใส่กรณีผิดกฎทุกข้อ"
)
@click.option(
    "--seal-through",
    "seal_through",
    default="auto",
    show_default=True,
    help=(
        "Seal every area through this day (YYYY-MM-DD); 'auto': 31 December of the last year an "
        "annual meeting (by the end of March) approved; 'none': no seal. / ปิดงวดบัญชีทุกตำบลถึงวันนี้"
    ),
)
@lang_option()
def demo(
    *,
    out: str,
    areas: int,
    members: int,
    start_year: int,
    through: str | None,
    years: int | None,
    seed: int,
    violations: bool,
    seal_through: str,
    lang: str | None,
) -> None:
    """Write a realistic demo province of Samut Prakan's 11 target areas to the --out folder.

    สร้างบัญชีตัวอย่างของกองทุนสวัสดิการชุมชน 11 ตำบลในจังหวัดสมุทรปราการ

    Every transparency rule holds on it, so `welfare check` reports nothing (read within 45
    days of --through); with --violations, `areas/<slug>/violations.beancount` breaks each rule
    once.
    """
    from welfare_ledger.scripts.demo.province import build_province
    from welfare_ledger.scripts.demo.writer import write_province

    language = resolve_lang(lang)
    target = Path(out)
    if target.exists() and not target.is_dir():
        fail(NOT_A_FOLDER, language, path=target)
    last = _through(through, years, start_year, language)
    settings = Settings(
        areas=areas, members=members, start_year=start_year, through=last, seed=seed, violations=violations
    )
    settings = _sealed(settings, seal_through, language)
    try:
        files = build_province(settings)
    except ValueError as exc:
        fail(CANNOT_MAKE, language, reason=exc)
    try:
        write_province(target, files)
    except OSError as exc:
        fail(CANNOT_WRITE, language, path=target, reason=exc.strerror or exc)
    books = sum(name.endswith("/area.beancount") for name in files)
    click.echo(
        gettext(WROTE, language).format(
            path=target,
            areas=books,
            start=settings.start,
            through=settings.end,
            files=len(files),
            book=target / "main.beancount",
        )
    )
