"""`welfare demo`: write a realistic, rule-abiding demo province of Samut Prakan's 11 areas."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import click
from welfare_ledger.plugins.i18n import Lang, gettext
from welfare_ledger.scripts.common import fail, lang_option, resolve_lang
from welfare_ledger.scripts.demo.model import Settings
from welfare_ledger.scripts.demo.places import AREAS

NOT_A_FOLDER = "{path}: not a folder; choose another --out."
CANNOT_MAKE = "Cannot make this province: {reason}"
BAD_SEAL_DATE = "--seal-through {value}: give a day as YYYY-MM-DD, or auto, or none."
CANNOT_WRITE = "{path}: cannot write the province: {reason}"
WROTE = (
    "Wrote the demo province to {path}: {areas} area(s), {years} year(s) from {start}, "
    "{files} files. Check it with: welfare check {book}"
)
MESSAGES = (NOT_A_FOLDER, CANNOT_MAKE, BAD_SEAL_DATE, CANNOT_WRITE, WROTE)


def _fail(msgid: str, lang: Lang, **params: object) -> None:
    """One line in the user's language, exit 2."""
    fail(msgid, lang, **params)


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
    default=300,
    show_default=True,
    type=click.IntRange(20, 5000),
    help="Average members per area. / จำนวนสมาชิกเฉลี่ยต่อตำบล",
)
@click.option(
    "--years", default=4, show_default=True, type=click.IntRange(1, 20), help="Years of books. / จำนวนปีของบัญชี"
)
@click.option(
    "--start-year",
    default=2022,
    show_default=True,
    type=click.IntRange(2000, 2100),
    help="First year of the books. / ปีแรกของบัญชี (ค.ศ.)",
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
        "Seal every area through this day (YYYY-MM-DD); 'auto': 2024-12-31, the last year approved "
        "at an annual meeting, when the books go past it; 'none': no seal. / ปิดงวดบัญชีทุกตำบลถึงวันนี้"
    ),
)
@lang_option()
def demo(
    *,
    out: str,
    areas: int,
    members: int,
    years: int,
    start_year: int,
    seed: int,
    violations: bool,
    seal_through: str,
    lang: str | None,
) -> None:
    """Write a realistic demo province of Samut Prakan's 11 target areas to the --out folder.

    สร้างบัญชีตัวอย่างของกองทุนสวัสดิการชุมชน 11 ตำบลในจังหวัดสมุทรปราการ

    Every transparency rule holds on it, so `welfare check` reports nothing; with
    --violations, `areas/<slug>/violations.beancount` breaks each rule once.
    """
    from welfare_ledger.scripts.demo.province import build_province
    from welfare_ledger.scripts.demo.writer import write_province

    language = resolve_lang(lang)
    target = Path(out)
    if target.exists() and not target.is_dir():
        _fail(NOT_A_FOLDER, language, path=target)
    settings = Settings(
        areas=areas, members=members, years=years, seed=seed, start_year=start_year, violations=violations
    )
    if seal_through == "auto":
        settings = dataclasses.replace(settings, seal_through=settings.approved_through)
    elif seal_through != "none":
        try:
            day = datetime.date.fromisoformat(seal_through)
        except ValueError:
            _fail(BAD_SEAL_DATE, language, value=seal_through)
        settings = dataclasses.replace(settings, seal_through=day)
    try:
        files = build_province(settings)
    except ValueError as exc:
        _fail(CANNOT_MAKE, language, reason=exc)
    try:
        write_province(target, files)
    except OSError as exc:
        _fail(CANNOT_WRITE, language, path=target, reason=exc.strerror or exc)
    books = sum(name.endswith("/area.beancount") for name in files)
    click.echo(
        gettext(WROTE, language).format(
            path=target,
            areas=books,
            years=years,
            start=start_year,
            files=len(files),
            book=target / "main.beancount",
        )
    )
