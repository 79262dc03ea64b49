"""Beancount text of the province: `main.beancount`, and per area its book, registers and years.

Output is sorted by date and then by the generator's own order, and every number is written
the same way, so that the same seed gives the same bytes.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.scripts.demo.model import BANK, CASH, be_year

if TYPE_CHECKING:
    from welfare_ledger.scripts.demo.model import AreaBook, BalanceCheck, MetaValue, Posting, Settings, Txn
    from welfare_ledger.scripts.demo.places import Place

TRANSPARENCY = "welfare_ledger.plugins.transparency"
LINK_DOCUMENTS = "fava.plugins.link_documents"
FAVA_EXTENSION = "welfare_ledger.plugins.fava_ext"


def account_names(book: AreaBook) -> list[tuple[str, str]]:
    """Every account an area opens, with its Thai name."""
    names = [
        (book.account("Assets", BANK), "บัญชีเงินฝากออมทรัพย์ ธนาคารออมสิน"),
        (book.account("Assets", CASH), "เงินสดในมือเหรัญญิก"),
        (book.account("Income", "Contributions"), "เงินสัจจะสมาชิก"),
        (book.account("Income", "Matching", "Government"), "เงินสมทบจากรัฐบาล (ผ่าน พอช.)"),
        (book.account("Income", "Matching", "Local"), "เงินสมทบจากองค์กรปกครองส่วนท้องถิ่น"),
        (book.account("Income", "Donations"), "เงินบริจาค"),
        (book.account("Income", "Interest"), "ดอกเบี้ยเงินฝาก"),
        (book.account("Income", "Grants"), "เงินอุดหนุนโครงการ"),
        (book.account("Income", "EntryFees"), "ค่าสมัครสมาชิก"),
    ]
    names += [
        (book.account("Expenses", "Benefits", kind), f"สวัสดิการ{th}") for kind, th in BENEFIT_TYPES.items()
    ]
    names += [
        (book.account("Expenses", "Projects", "Livelihood"), "โครงการส่งเสริมอาชีพ"),
        (book.account("Expenses", "Admin", "Meetings"), "ค่ารับรองการประชุม"),
        (book.account("Expenses", "Admin", "Office"), "ค่าวัสดุสำนักงาน"),
        (book.account("Expenses", "Admin", "Travel"), "ค่าเดินทาง"),
        (book.account("Equity", "Opening"), "ทุนสะสมยกมา"),
    ]
    return names


def quote(text: str) -> str:
    """A Beancount string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def value(item: MetaValue) -> str:
    """A metadata value as Beancount reads it back with the same type."""
    if isinstance(item, str):
        return quote(item)
    if isinstance(item, datetime.date):
        return item.isoformat()
    return str(item)


def money(amount: Decimal) -> str:
    """An amount with two decimals."""
    return f"{amount:.2f} THB"


def _posting(posting: Posting) -> list[str]:
    amount = f"  {money(posting.amount)}" if posting.amount is not None else ""
    lines = [f"  {posting.account}{amount}"]
    lines += [f"    {key}: {value(item)}" for key, item in posting.meta]
    return lines


def transaction(txn: Txn) -> str:
    """A transaction as a treasurer would write it."""
    head = f"{txn.date} *"
    if txn.payee:
        head += f" {quote(txn.payee)}"
    lines = [f"{head} {quote(txn.narration)}"]
    lines += [f"  {key}: {value(item)}" for key, item in txn.meta.items()]
    for posting in txn.postings:
        lines += _posting(posting)
    return "\n".join(lines) + "\n"


def book_header(place: Place | None, documents: str) -> list[str]:
    """The options and plugins a book needs to load on its own."""
    # Fava makes the book's address from its title and drops Thai vowel and tone marks on the
    # way, so the title stays ASCII; the Thai names are in the area register and on every page.
    if place is None:
        title = "Samut Prakan community welfare funds (demo)"
    else:
        title = f"{place.code} community welfare fund (demo)"
    return [
        f'option "title" {quote(title)}',
        'option "operating_currency" "THB"',
        f'option "documents" "{documents}"',
        f'plugin "{LINK_DOCUMENTS}"',
        f'plugin "{TRANSPARENCY}"',
        "",
    ]


def main_book(settings: Settings, books: list[AreaBook]) -> str:
    """The province book: options, Fava settings and one include per area."""
    lines = [
        "; Samut Prakan community welfare funds: the demo province written by `welfare demo`.",
        f"; {len(books)} areas, {settings.start} to {settings.end}, seed {settings.seed}.",
        "",
        *book_header(None, "documents"),
        f'2020-01-01 custom "fava-extension" "{FAVA_EXTENSION}"',
        "",
    ]
    lines += [f'include "areas/{book.place.slug}/area.beancount"' for book in books]
    return "\n".join(lines) + "\n"


def area_book(settings: Settings, book: AreaBook, *, violations: bool) -> str:
    """An area's book: its own options (ignored when included) and its files."""
    place = book.place
    lines = [
        f"; {place.name_th} ({place.code}): area book of the demo province. It loads on its own;",
        "; main.beancount includes it (Beancount then uses main's options and plugins).",
        "",
        *book_header(place, "../../documents"),
        'include "registers.beancount"',
    ]
    lines += [f'include "{year}.beancount"' for year in years_of(settings)]
    if violations:
        lines.append('include "violations.beancount"')
    return "\n".join(lines) + "\n"


def years_of(settings: Settings) -> list[int]:
    """The yearly files: the opening year and every year of the period."""
    return [settings.opening.year, *settings.years]


def registers_file(book: AreaBook) -> str:
    """Accounts and registers of an area."""
    place = book.place
    out = [
        f"; Accounts and registers of {place.name_th} ({place.code}): members, committee, households,",
        "; nominated beneficiaries, bylaw, benefit rules, standing payments and grants. Members appear",
        "; by code only; a member's facts are their birth date (or year), gender, village and category.",
        "",
        f'{book.founded} custom "area" "{place.code}" "{place.name_th}"',
        f"  villages: {book.villages}",
        "",
    ]
    for account, name in account_names(book):
        out.append(f"{book.founded} open {account} THB\n  name-th: {quote(name)}")
    out.append("")
    for register in sorted(book.registers, key=lambda r: (r.date, r.order)):
        text = register.text.strip("\n")
        out.append(text + "\n" if "\n" in text else text)
    return "\n".join(out) + "\n"


def balance(check: BalanceCheck) -> str:
    """A passbook balance with the statement page that shows it."""
    return (
        f"{check.date} balance {check.account}  {money(check.amount)}\n  document: {quote(check.document)}\n"
    )


def year_files(settings: Settings, book: AreaBook) -> dict[int, str]:
    """One file per year: its transactions, claims approved, cash counts and the bank checks of its months."""
    chunks: dict[int, list[tuple[datetime.date, int, str]]] = defaultdict(list)
    for txn in book.txns:
        chunks[txn.date.year].append((txn.date, txn.order, transaction(txn)))
    for register in book.daily:
        chunks[register.date.year].append((register.date, register.order, register.text))
    for check in book.balances:
        checked = check.date - datetime.timedelta(days=1)
        chunks[checked.year].append((check.date, -1, balance(check)))
    files = {}
    for year in years_of(settings):
        head = f"; {book.place.name_th} ({book.place.code}): ปี {be_year(year)} / {year}.\n\n"
        body = "\n".join(text for _, _, text in sorted(chunks.get(year, []), key=lambda c: (c[0], c[1])))
        files[year] = head + body
    return files
