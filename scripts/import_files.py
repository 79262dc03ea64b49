"""`welfare import`: bank statements and paper registers into Beancount text, leaving out what the book has.

The flow is beangulp's `extract` command: identify each file, extract, sort the documents,
deduplicate each against the book and the documents before it, print. It differs where the
fund needs it to: the area comes from `--account`; every file is read before anything is
written, and a bad cell stops the run with one message naming file, row, column and value
(exit 2); duplicates are left out rather than commented; each file is named in the output
by its base name only, escaped, so that neither a local path nor a crafted name reaches the
books; and with `--book`, `--account` must be an account the book opens, and the other
accounts the new entries use that the book does not open are opened, so that the output
loads with the book. The area's own rules file (`import-rules.csv` beside the file that
declares the area, or `--rules FILE`) classifies bank rows before the built-in patterns.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import TYPE_CHECKING

import click
from beancount.core import account as account_lib
from beancount.core import data
from beancount.parser import printer
from beangulp import extract
from welfare_ledger.importers.problems import ImportProblem, printable
from welfare_ledger.importers.registry import identify, importers_for
from welfare_ledger.plugins.accounts import BENEFIT_TYPES, area_of, benefit_type
from welfare_ledger.plugins.i18n import Lang, render
from welfare_ledger.scripts.common import (
    EXIT_UNREADABLE,
    atomic_write,
    fail,
    lang_option,
    load_or_exit,
    resolve_lang,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from welfare_ledger.importers.base import SheetImporter

Extracted = list[tuple[str, data.Entries, str, "SheetImporter"]]
HEADER = ";; -*- mode: beancount -*-\n;; welfare import\n"
THAI_NAMES = {"Cash": "เงินสด", "Interest": "ดอกเบี้ย", "Unclassified": "ยังไม่จัดประเภท (รอเหรัญญิกแก้ไข)",
              "Contributions": "เงินสัจจะ", "Government": "เงินสมทบจากรัฐ (พอช.)",
              "Local": "เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น", "WithholdingTax": "ภาษีหัก ณ ที่จ่าย",
              "BankFees": "ค่าธรรมเนียมธนาคาร", "Donations": "เงินบริจาค", "EntryFees": "ค่าสมัคร"}
RULES_FILE = "import-rules.csv"


def extract_files(files: Sequence[str], account: str, existing: data.Entries,
                  rules: str | None = None) -> Extracted:
    """Identify, extract and deduplicate every file, as beangulp's `extract` does."""
    importers = importers_for(account, rules)
    extracted: Extracted = []
    for filepath in files:
        importer = identify(filepath, importers)
        entries = extract.extract_from_file(importer, filepath, existing)
        extracted.append((filepath, entries, importer.account(filepath), importer))
    extract.sort_extracted_entries(extracted)
    known = list(existing)
    for _, entries, _, importer in extracted:
        importer.deduplicate(entries, known)
        known.extend(entries)
    return extracted


def missing_opens(extracted: Extracted, existing: data.Entries, account: str) -> list[data.Open]:
    """`open` entries for the accounts the new entries use that the book does not open."""
    opened = {entry.account for entry in existing if isinstance(entry, data.Open)}
    first: dict[str, data.Directive] = {}
    for _, entries, _, importer in extracted:
        for entry in entries:
            if extract.DUPLICATE in entry.meta:
                continue
            for name in _accounts(entry):
                new = name not in opened and name not in (account, importer.fund_account)
                if new and (name not in first or entry.date < first[name].date):
                    first[name] = entry
    return [
        data.Open({"filename": "<welfare import>", "lineno": 0, "name-th": _thai_name(name)},
                  first[name].date, name, ["THB"], None)
        for name in sorted(first, key=lambda name: (first[name].date, name))
    ]


def _accounts(entry: data.Directive) -> list[str]:
    if isinstance(entry, data.Transaction):
        return [p.account for p in entry.postings]
    name = getattr(entry, "account", None)
    return [name] if isinstance(name, str) else []


def _thai_name(name: str) -> str:
    kind = benefit_type(name)
    if kind in BENEFIT_TYPES:
        return f"สวัสดิการ{BENEFIT_TYPES[kind]}"
    return THAI_NAMES.get(name.rsplit(":", 1)[-1], name.rsplit(":", 1)[-1])


def format_extracted(extracted: Extracted, opens: list[data.Open]) -> tuple[str, int, int]:
    """Beancount text of the new entries, one section per file; and the counts kept and left out."""
    out = io.StringIO()
    out.write(HEADER)
    kept = left_out = 0
    entry_printer = printer.EntryPrinter()  # type: ignore[no-untyped-call]
    if opens:
        out.write("\n")
        for opening in opens:
            out.write(printer.format_entry(opening))
    for filepath, entries, _, _ in extracted:
        out.write(f"\n;; {printable(Path(filepath).name)}\n\n")
        for entry in entries:
            if extract.DUPLICATE in entry.meta:
                left_out += 1
                continue
            kept += 1
            out.write(entry_printer(entry))
            out.write("\n")
    return out.getvalue(), kept, left_out


def _fail(message: str) -> None:
    click.echo(message, err=True)
    raise SystemExit(EXIT_UNREADABLE)


def _check_account(account: str, existing: data.Entries | None, lang: Lang) -> None:
    """The account must be an area's (three parts or more), of an area the book declares."""
    area = area_of(account)
    if not account_lib.is_valid(account) or area is None or account.count(":") < 2:
        _fail(render("--account {account} is not an account of an area (e.g. Assets:BangMueang:Cash).",
                     {"account": account}, lang))
    if existing is not None:
        declared = {e.values[0].value for e in existing
                    if isinstance(e, data.Custom) and e.type == "area" and e.values}
        if area not in declared:
            _fail(render("The book declares no area {area} (from --account {account}).",
                         {"area": area, "account": account}, lang))


def _check_open(extracted: Extracted, existing: data.Entries, account: str, lang: Lang) -> None:
    """The account the files move money through must be open in the book on every day they use it."""
    opened = {e.account: e.date for e in existing if isinstance(e, data.Open)}
    closed = {e.account: e.date for e in existing if isinstance(e, data.Close)}
    used: dict[str, list[datetime.date]] = {}
    for _, entries, _, importer in extracted:
        fund = importer.fund_account
        for entry in entries:
            if isinstance(entry, data.Transaction) and extract.DUPLICATE not in entry.meta:
                for name in {account, fund}:
                    used.setdefault(name, []).append(entry.date)
    for name, days in sorted(used.items()):
        if name not in opened:
            fail("The book does not open {account}; open it before importing to it (a mistyped "
                 "--account must not become a new account).", lang, account=name)
        if min(days) < opened[name]:
            fail("{account} is opened on {opened}, after the first entry of the file(s) on {day}.",
                 lang, account=name, opened=opened[name], day=min(days))
        if name in closed and max(days) >= closed[name]:
            fail("{account} is closed on {closed}, before the last entry of the file(s) on {day}.",
                 lang, account=name, closed=closed[name], day=max(days))


def default_rules(existing: data.Entries, account: str) -> str | None:
    """The area's rules file: `import-rules.csv` beside the file that declares the area, if there is one."""
    area = area_of(account)
    for entry in existing:
        if (isinstance(entry, data.Custom) and entry.type == "area" and entry.values
                and entry.values[0].value == area):
            candidate = Path(str(entry.meta.get("filename", ""))).parent / RULES_FILE
            return str(candidate) if candidate.is_file() else None
    return None


@click.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--account", required=True,
              help="The account the files are about; its second part is the area. / บัญชีของไฟล์")
@click.option("--book", type=click.Path(dir_okay=False), default=None,
              help="Leave out entries already in this book. / ไม่นำเข้ารายการที่มีในบัญชีนี้แล้ว")
@click.option("--output", type=click.Path(dir_okay=False), default=None,
              help="Write here (atomically) instead of printing. / เขียนลงไฟล์")
@click.option("--rules", type=click.Path(dir_okay=False), default=None,
              help="The area's rules file of patterns (default: import-rules.csv beside the area's book). "
                   "/ ไฟล์กฎจัดประเภทรายการของพื้นที่")
@lang_option()
def import_files(*, files: tuple[str, ...], account: str, book: str | None, output: str | None,
                 rules: str | None, lang: str | None) -> None:
    """Import bank statements, contribution and benefit claims registers (CSV or XLSX).

    นำเข้ารายการเดินบัญชีธนาคาร ทะเบียนเงินสัจจะ และทะเบียนจ่ายสวัสดิการ (CSV หรือ XLSX)

    Each FILE is identified by its header row, in Thai or English. Entries already in BOOK
    are left out. Bad input stops with one message naming file, row, column and value (exit 2).
    """
    language = resolve_lang(lang)
    existing = list(load_or_exit(book, language, audit=False).entries) if book else None
    _check_account(account, existing, language)
    if rules is None and existing is not None:
        rules = default_rules(existing, account)
    existing = existing or []
    try:
        extracted = extract_files(files, account, existing, rules)
    except ImportProblem as problem:
        _fail(problem.message(language))
    if book:
        _check_open(extracted, existing, account, language)
    opens = missing_opens(extracted, existing, account) if book else []
    text, kept, left_out = format_extracted(extracted, opens)
    if output:
        with atomic_write(output) as stream:
            stream.write(text)
    else:
        click.echo(text, nl=False)
    click.echo(render("{kept} new entries; {left_out} already in the book left out.",
                      {"kept": kept, "left_out": left_out}, language), err=True)
