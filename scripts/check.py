"""`welfare check`: every rule on a book, findings grouped by area and rule, exit codes of section 8.

On a terminal, standard error shows what is being read while the book loads (`progress`).
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import click
from welfare_ledger.plugins.findings import Finding, Severity
from welfare_ledger.plugins.i18n import Lang, gettext, render
from welfare_ledger.scripts.common import (
    EXIT_UNREADABLE,
    OneLineCommand,
    book_argument,
    lang_option,
    resolve_lang,
    say,
)
from welfare_ledger.scripts.progress import Progress, progress

EXIT_CLEAN = 0
EXIT_FINDINGS = 1


def format_text(findings: list[Finding], lang: Lang) -> str:
    """Findings grouped by area, then rule, each on a line with file, line, date and message."""
    if not findings:
        return gettext("No findings: every rule holds.", lang)
    lines: list[str] = []
    for area, by_area in itertools.groupby(findings, key=lambda f: f.area):
        lines.append(f"== {area or '-'} ==")
        for rule, by_rule in itertools.groupby(by_area, key=lambda f: f.rule):
            group = list(by_rule)
            lines.append(f"  [{rule}] ({len(group)})")
            for finding in group:
                severity = gettext("error" if finding.severity is Severity.ERROR else "warning", lang)
                day = finding.date.isoformat() if finding.date else "-"
                lines.append(f"    {finding.file}:{finding.line} {day} {severity}: {finding.message(lang)}")
    errors = sum(f.severity is Severity.ERROR for f in findings)
    lines.append(
        gettext("{errors} error(s), {warnings} warning(s).", lang).format(
            errors=errors, warnings=len(findings) - errors
        )
    )
    return "\n".join(lines)


def exit_code(findings: list[Finding], *, strict: bool) -> int:
    """0 when the book passes, 1 when it has errors (or, with `strict`, any finding)."""
    if strict:
        return EXIT_FINDINGS if findings else EXIT_CLEAN
    return EXIT_FINDINGS if any(f.severity is Severity.ERROR for f in findings) else EXIT_CLEAN


MSG_BY_AREA = "Checked area by area: {audited} area book(s) audited again, {reused} taken from the cache."
MSG_WHOLE = "Checked the whole province at once: {reason}."
MSG_READING = "Reading and checking the book {book}"


def findings_or_exit(book: str, lang: Lang, shown: Progress, *, changed: bool = False) -> list[Finding]:
    """Every finding of `book`, or exit 2 in one line.

    From the cache while nothing the audit read changed; with `changed`, area by area, each
    area book audited again only when its files changed (`plugins.units`).
    """
    from welfare_ledger.plugins.loader import BookUnreadable, book_findings, check_readable

    shown.step(MSG_READING, book=book)
    try:
        if not changed:
            return book_findings(book)
        check_readable(Path(book))
        return _by_area(Path(book).resolve(), lang)
    except BookUnreadable as exc:
        say(exc.message(lang))
        raise SystemExit(EXIT_UNREADABLE) from None


def _by_area(main: Path, lang: Lang) -> list[Finding]:
    from welfare_ledger.plugins.trees import WorkingTree
    from welfare_ledger.plugins.units import audit_by_area

    answer = audit_by_area(str(main), WorkingTree(str(main.parent)))
    if answer.whole is not None:
        say(render(MSG_WHOLE, {"reason": answer.whole}, lang))
    else:
        say(render(MSG_BY_AREA, {"audited": len(answer.audited), "reused": len(answer.reused)}, lang))
    return answer.findings


@click.command(cls=OneLineCommand)
@book_argument()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    help="text for people, json for tools. / รูปแบบผลลัพธ์",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too. / ถือว่าคำเตือนเป็นข้อผิดพลาด")
@click.option(
    "--changed",
    is_flag=True,
    help=(
        "Audit again only the area books whose files changed since the last check, the others from "
        "the cache; the answer is the same. / ตรวจซ้ำเฉพาะบัญชีตำบลที่ไฟล์เปลี่ยนไป ผลเหมือนการตรวจทั้งหมด"
    ),
)
@lang_option()
def check(book: str, output_format: str, strict: bool, changed: bool, lang: str | None) -> None:
    """Apply every transparency rule to BOOK, whatever plugins the book declares.

    ตรวจบัญชีตามกฎความโปร่งใสทุกข้อ ไม่ว่าบัญชีจะประกาศปลั๊กอินไว้หรือไม่

    Exit 0: no errors; 1: errors (with --strict: any finding); 2: the book cannot be read.
    """
    language = resolve_lang(lang)
    with progress(language) as shown:
        findings = findings_or_exit(book, language, shown, changed=changed)
    if output_format == "json":
        click.echo(json.dumps([f.to_json(language) for f in findings], ensure_ascii=False, indent=1))
    else:
        click.echo(format_text(findings, language))
    raise SystemExit(exit_code(findings, strict=strict))
