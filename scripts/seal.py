"""`welfare seal`: close a period of an area with a digest, or verify the seals of a book.

The seal is appended to the file that declares the area (`custom "area"`), so the area's
book carries its own seals when it is loaded on its own. Nothing is written when the book
has errors, when the period has findings, when the date is not after the area's last seal
or not yet come, or when the area does not exist. `--verify --code CODE` is for a member
who copied the check code (or the QR code's text) from the notice board: it says whether a
seal of the book has that code and whether it still holds.

Mistakes on the command line (no such area, a code that is not one, a day to come) are
refused in one line with exit 2 before the book is loaded; a refusal after looking at the
book (findings in the period, a broken seal, a code no seal has) exits 1.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from beancount.core.data import Custom
from welfare_ledger.plugins.i18n import LANGS, Lang, format_date, gettext, render
from welfare_ledger.plugins.rules.seal import CODE, check_seals, digest_for, finding_for
from welfare_ledger.plugins.seal_code import codes_match, normalise_code, parse_qr_payload
from welfare_ledger.plugins.seal_digest import parse_digest, short_form
from welfare_ledger.scripts.common import (
    OneLineCommand,
    atomic_write,
    book_argument,
    check_area,
    fail,
    lang_option,
    load_or_exit,
    resolve_lang,
    say,
    scan_book,
)
from welfare_ledger.scripts.progress import Progress, progress

if TYPE_CHECKING:
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.loader import LoadedBook
    from welfare_ledger.plugins.rules.seal import SealCheck

EXIT_REFUSED = 1
SHOWN_FINDINGS = 10

NO_AREA = "Cannot seal: area {code} is not declared in {book}."
NOT_AFTER = (
    "Cannot seal {code} through {through}: the area is already sealed through {last}; "
    "a new seal must come after it."
)
HAS_ERRORS = (
    "Cannot seal {code} through {through}: Beancount reports {count} error(s) in the book; "
    "fix them first."
)
HAS_FINDINGS = (
    "Cannot seal {code} through {through}: {count} finding(s) dated in the period; "
    "fix them first."
)
NOT_A_FILE = "Cannot seal {code}: the area is declared in {file}, which is not a file of this book."
DID_NOT_HOLD = "The new seal of {code} did not hold when the book was read again; nothing was written."
NEEDS_OPTIONS = "Give --area and --through to seal, or --verify to check the seals."
CODE_NEEDS_VERIFY = "--code is for checking a seal: give it with --verify."
NOT_A_CODE = (
    "{text} is not a check code: a check code is 20 letters and digits (0-9, A-F) "
    "such as 6FC2 1340 394C CD06 18E5, or the text of the seal's QR code."
)
OTHER_AREA = "The QR code is of area {qr_area}, not of --area {area}."
NOT_COME = "Cannot seal {code} through {through}: that day has not come yet (today is {today})."
READING = "Computing the seal of {code}"
RECHECKING = "Reading the book again to check the new seal"
CODE_HOLDS = (
    "The check code {short} is the seal of {code} ({name}) through {through}, and the seal holds: "
    "the books of that period are as they were sealed."
)
CODE_BROKEN = (
    "The check code {short} is the seal of {code} ({name}) through {through}, "
    "but THE SEAL IS BROKEN: the books of that period were changed after they were sealed."
)
CODE_UNKNOWN = "No seal of this book has the check code {short}."
CODE_UNKNOWN_AREA = "No seal of {code} ({name}) through {through} has the check code {short}."
CODE_SEALS = "The seals of this book that it was compared with:"
VERIFYING = "Checking the seals"
BOARD_TITLE = "Seal of the books of {code} ({name})"
BOARD_THROUGH = "Sealed through {through}, covering {count} month(s) with entries."
BOARD_CODE = "Check code for the notice board: {short}"
BOARD_WRITTEN = "The seal was appended to {file}:"
VERIFY_NONE = "The book has no seals to verify."
VERIFY_HOLDS = "the seal holds"
VERIFY_BROKEN = "THE SEAL IS BROKEN"
VERIFY_ALL = "All {count} seal(s) hold."
VERIFY_SOME = "{broken} of {count} seal(s) do not hold."


def _say(msgid: str, lang: Lang, **params: Any) -> str:
    return render(msgid, params, lang)


def _refuse(lang: Lang, msgid: str, details: list[str] | None = None, **params: Any) -> None:
    say(_say(msgid, lang, **params))
    for line in details or ():
        click.echo(f"  {line}", err=True)
    raise SystemExit(EXIT_REFUSED)


def _finding_line(finding: Finding, lang: Lang) -> str:
    day = finding.date.isoformat() if finding.date else "-"
    return f"{finding.file}:{finding.line} {day} [{finding.rule}] {finding.message(lang)}"


ABOUT_NOW = frozenset({"stale-books"})
"""Rules about the books' state today, not about the content of any period: they never block a seal."""


def _blocking(loaded: LoadedBook, area: str, through: datetime.date) -> list[Finding]:
    """Findings that keep a period from being sealed: the area's, or the province's, in it."""
    return [
        f
        for f in loaded.findings
        if f.rule != "beancount"
        and f.rule not in ABOUT_NOW
        and f.area in (area, "")
        and (f.date is None or f.date <= through)
    ]


def _refuse_unsealable(loaded: LoadedBook, area: str, through: datetime.date, lang: Lang) -> None:
    register = loaded.facts().register
    if area not in register.areas:
        _refuse(lang, NO_AREA, code=area, book=loaded.path)
    latest = register.latest_seal(area)
    if latest is not None and through <= latest.date:
        _refuse(lang, NOT_AFTER, code=area, through=through, last=latest.date)
    errors = [f for f in loaded.findings if f.rule == "beancount"]
    if errors:
        lines = [_finding_line(f, lang) for f in errors[:SHOWN_FINDINGS]]
        _refuse(lang, HAS_ERRORS, lines, code=area, through=through, count=len(errors))
    blocking = _blocking(loaded, area, through)
    if blocking:
        lines = [_finding_line(f, lang) for f in blocking[:SHOWN_FINDINGS]]
        _refuse(lang, HAS_FINDINGS, lines, code=area, through=through, count=len(blocking))


def _area_file(loaded: LoadedBook, area: str, lang: Lang) -> Path:
    """The file that declares the area: a file of this book, where its seals belong."""
    declared = str(loaded.facts().register.areas[area].meta.get("filename", ""))
    included = {str(Path(name).resolve()) for name in loaded.options.get("include", [])}
    path = Path(declared)
    if not path.is_absolute() or not path.is_file() or str(path.resolve()) not in included:
        _refuse(lang, NOT_A_FILE, code=area, file=declared)
    return path


def seal_line(area: str, through: datetime.date, digest: str) -> str:
    """The directive appended to the area's file."""
    return f'{through.isoformat()} custom "seal" "{area}" "{digest}"\n'


def _append(path: Path, text: str) -> bytes:
    """Append `text` atomically; return the old bytes so that the write can be undone."""
    old = path.read_bytes()
    separator = b"" if not old or old.endswith(b"\n\n") else (b"\n" if old.endswith(b"\n") else b"\n\n")
    with atomic_write(path, "wb") as stream:
        stream.write(old + separator + text.encode("utf-8"))
    return old


def _new_seal_holds(
    book: str, area: str, through: datetime.date, digest: str, *, lang: Lang, shown: Progress
) -> bool:
    """Read the book again: the seal is there, holds, and Beancount reports no error."""
    shown.step(RECHECKING)
    reloaded = load_or_exit(book, lang)
    present = any(
        isinstance(entry, Custom)
        and entry.type == "seal"
        and entry.date == through
        and [v.value for v in entry.values] == [area, digest]
        for entry in reloaded.entries
    )
    return present and not any(
        f.rule == "beancount" or (f.rule == CODE and f.area == area) for f in reloaded.findings
    )


def _board(area: str, name: str, through: datetime.date, digest: str, path: Path) -> str:
    parsed = parse_digest(digest)
    count = len(parsed.months) if parsed else 0
    lines: list[str] = []
    for lang in LANGS:
        lines.append(_say(BOARD_TITLE, lang, code=area, name=name))
        lines.append(_say(BOARD_THROUGH, lang, through=through, count=count))
        lines.append(_say(BOARD_CODE, lang, short=short_form(digest)))
        lines.append("")
    lines.extend(_say(BOARD_WRITTEN, lang, file=path) for lang in LANGS)
    lines.append(seal_line(area, through, digest).rstrip("\n"))
    return "\n".join(lines)


def _verify(loaded: LoadedBook, area: str | None, lang: Lang) -> int:
    results = [r for r in check_seals(loaded.facts()) if area is None or r.seal.area == area]
    if not results:
        click.echo(gettext(VERIFY_NONE, lang))
        return 0
    broken = 0
    for result in results:
        click.echo(_seal_line(result, lang))
        click.echo(f"  {result.seal.digest}")
        if not result.holds:
            broken += 1
            click.echo(f"  {finding_for(result).message(lang)}")
    if broken:
        click.echo(_say(VERIFY_SOME, lang, broken=broken, count=len(results)))
        return EXIT_REFUSED
    click.echo(_say(VERIFY_ALL, lang, count=len(results)))
    return 0


def _seal_line(result: SealCheck, lang: Lang) -> str:
    status = gettext(VERIFY_HOLDS if result.holds else VERIFY_BROKEN, lang)
    day = format_date(result.seal.date, lang)
    return f"{result.seal.area} {day} {short_form(result.seal.digest)} {status}"


def _wanted_code(typed: str, area: str | None, lang: Lang) -> tuple[str, str | None, datetime.date | None]:
    """The code a member typed or scanned, its area and through-day when it came from the QR code."""
    scanned = parse_qr_payload(typed)
    if scanned is not None:
        qr_area, through, code, _ = scanned
        if area is not None and area != qr_area:
            fail(OTHER_AREA, lang, qr_area=qr_area, area=area)
        return code, qr_area, through
    code = normalise_code(typed)
    if code is None:
        fail(NOT_A_CODE, lang, text=repr(typed))
    return code, area, None


def _verify_code(
    loaded: LoadedBook, code: str, area: str | None, through: datetime.date | None, lang: Lang
) -> int:
    """Whether a seal of the book (of `area` through `through`, when known) has the check code."""
    facts = loaded.facts()
    compared = [
        r
        for r in check_seals(facts)
        if (area is None or r.seal.area == area) and (through is None or r.seal.date == through)
    ]
    short = " ".join(code[i : i + 4] for i in range(0, len(code), 4))
    matching = [r for r in compared if codes_match(r.seal.digest, code)]
    for result in matching:
        name = facts.register.area_name(result.seal.area)
        params = {"short": short, "code": result.seal.area, "name": name, "through": result.seal.date}
        click.echo(_say(CODE_HOLDS if result.holds else CODE_BROKEN, lang, **params))
        if not result.holds:
            click.echo(f"  {finding_for(result).message(lang)}")
    if matching:
        return 0 if all(r.holds for r in matching) else EXIT_REFUSED
    if area is not None and through is not None:
        name = facts.register.area_name(area)
        click.echo(_say(CODE_UNKNOWN_AREA, lang, short=short, code=area, name=name, through=through))
    else:
        click.echo(_say(CODE_UNKNOWN, lang, short=short))
    if compared:
        click.echo(gettext(CODE_SEALS, lang))
        for result in compared:
            click.echo(f"  {_seal_line(result, lang)}")
    return EXIT_REFUSED


def _check_arguments(
    book: str, area: str | None, through: datetime.date | None, lang: Lang, *, sealing: bool
) -> None:
    """Refuse, before the slow load, an area the book does not have or a day to come."""
    if sealing and area is not None and through is not None:
        today = datetime.date.today()
        if through > today:
            fail(NOT_COME, lang, code=area, through=through, today=today)
    if area is None:
        return
    scan = scan_book(book)
    if sealing and scan.complete and area not in scan.areas:
        fail(NO_AREA, lang, code=area, book=book)
    check_area(scan, area, lang)


@click.command(cls=OneLineCommand)
@book_argument()
@click.option("--area", help="The area's code, e.g. BangMueang. / รหัสพื้นที่")
@click.option(
    "--through",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Last day of the sealed period (YYYY-MM-DD). / วันสุดท้ายของงวดที่ปิด",
)
@click.option("--verify", is_flag=True, help="Check every seal instead. / ตรวจตราประทับทั้งหมด")
@click.option(
    "--code",
    "typed_code",
    default=None,
    help="With --verify: the check code (or QR text) from the notice board. / รหัสตรวจสอบจากประกาศ",
)
@lang_option()
def seal(  # noqa: PLR0917  (click passes the options by position)
    book: str,
    area: str | None,
    through: datetime.datetime | None,
    verify: bool,
    typed_code: str | None,
    lang: str | None,
) -> None:
    """Seal the books of an area through a day, or verify the seals of BOOK.

    ปิดงวดบัญชีของพื้นที่ถึงวันที่กำหนดด้วยรหัสตรวจสอบ หรือตรวจตราประทับของบัญชี

    Exit 0: sealed (or the seals hold, or the code is of a seal that holds); 1: refused (or a
    seal does not hold, or no seal has the code); 2: a wrong argument, or the book cannot be read.
    """
    language = resolve_lang(lang)
    if typed_code is not None and not verify:
        fail(CODE_NEEDS_VERIFY, language)
    if verify:
        code, code_area, code_through = (
            _wanted_code(typed_code, area, language) if typed_code is not None else (None, area, None)
        )
        _check_arguments(book, code_area, None, language, sealing=False)
        with progress(language) as shown:
            loaded = load_or_exit(book, language, audit=False, shown=shown)
            shown.step(VERIFYING)
            if code is None:
                outcome = _verify(loaded, area, language)
            else:
                outcome = _verify_code(loaded, code, code_area, code_through, language)
        raise SystemExit(outcome)
    if through is None or not area:
        fail(NEEDS_OPTIONS, language)
        return
    day = through.date()
    _check_arguments(book, area, day, language, sealing=True)
    with progress(language) as shown:
        loaded = load_or_exit(book, language, shown=shown)
        _refuse_unsealable(loaded, area, day, language)
        path = _area_file(loaded, area, language)
        shown.step(READING, code=area)
        digest = digest_for(loaded.facts(), area, day)
        old = _append(path, seal_line(area, day, digest))
        if not _new_seal_holds(book, area, day, digest, lang=language, shown=shown):
            with atomic_write(path, "wb") as stream:
                stream.write(old)
            _refuse(language, DID_NOT_HOLD, code=area)
        name = loaded.facts().register.area_name(area)
    click.echo(_board(area, name, day, digest, path))
