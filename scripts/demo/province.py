"""The whole province as files: every area planned, paid and settled, then rendered to text and PDFs.

Each area draws from its own random stream seeded by `(seed, area)`, so adding an area or
changing one never changes another, and the same seed always gives the same bytes.
"""

from __future__ import annotations

import datetime
import random

from welfare_ledger.scripts.demo import income, render, spending
from welfare_ledger.scripts.demo.benefits import pay_benefits
from welfare_ledger.scripts.demo.control import Controls, number_vouchers
from welfare_ledger.scripts.demo.documents import tiny_pdf
from welfare_ledger.scripts.demo.funds import settle
from welfare_ledger.scripts.demo.model import AreaBook, Register, Settings
from welfare_ledger.scripts.demo.people import Roster, plan_people
from welfare_ledger.scripts.demo.places import AREAS, Place
from welfare_ledger.scripts.demo.policy import Policy, make_policy, render_policy
from welfare_ledger.scripts.demo.seals import seal_areas
from welfare_ledger.scripts.demo.violations import plant_violations


def _register_entries(book: AreaBook, roster: Roster, policy: Policy) -> None:
    area = book.place.code
    entries: list[tuple[datetime.date, int, str]] = []
    for person in roster.people.values():
        entries.append((person.joined, 0, f'{person.joined} custom "member" "{person.code}" "{area}"\n'))
        if person.exit is not None:
            entries.append(
                (person.exit, 5, f'{person.exit} custom "member-exit" "{person.code}" "{person.fate}"\n')
            )
    for term in roster.terms:
        entries.append((term.start, 2, f'{term.start} custom "committee" "{term.code}" "{term.role}"\n'))
        if term.end is not None:
            entries.append((term.end, 1, f'{term.end} custom "committee-exit" "{term.code}"\n'))
    for first, second, day in roster.relations:
        entries.append((day, 3, f'{day} custom "related" "{first}" "{second}"\n'))
    entries += [(day, 4, text) for day, text in render_policy(area, policy)]
    for order, (day, rank, text) in enumerate(sorted(entries)):
        book.registers.append(Register(day, text, order * 10 + rank))


def build_area(settings: Settings, place: Place) -> AreaBook:
    """One area's registers, transactions and documents."""
    rng = random.Random(f"welfare-demo:{settings.seed}:{place.code}")  # noqa: S311 (demo data, not secrets)
    founded = datetime.date(rng.randint(2008, 2013), rng.randint(1, 12), 1)
    size = max(20, round(settings.members * rng.uniform(0.7, 1.3)))
    book = AreaBook(place=place, founded=founded)
    roster = plan_people(rng, settings, place.prefix, size, founded)
    revised_on = (
        datetime.date(settings.start_year + settings.years // 2, 7, 1) if settings.years > 1 else None
    )
    policy = make_policy(rng, datetime.date(settings.start_year - 1, 1, 1), revised_on)
    _register_entries(book, roster, policy)
    controls = Controls(book, roster, policy, rng)
    txns = [
        *income.opening(rng, settings, book, roster),
        *income.collections(settings, book, roster),
        *income.matching(rng, settings, book, roster),
        *income.donations(rng, settings, book, roster),
        *pay_benefits(rng, settings, book, roster, policy, controls=controls),
        *spending.running_costs(rng, settings, book, roster, controls),
        *spending.project_grant(rng, settings, book, roster, controls),
    ]
    book.txns = settle(settings, book, roster, policy, txns)
    number_vouchers(book)
    if settings.violations and place == AREAS[0]:
        plant_violations(settings, book, roster, policy)
    return book


def build_province(settings: Settings) -> dict[str, bytes]:
    """Every file of the province, by path relative to the output folder."""
    books = [build_area(settings, place) for place in AREAS[: settings.areas]]
    files: dict[str, bytes] = {"main.beancount": render.main_book(settings, books).encode()}
    for book in books:
        folder = f"areas/{book.place.slug}"
        files[f"{folder}/area.beancount"] = render.area_book(
            settings, book, violations=bool(book.violations)
        ).encode()
        files[f"{folder}/registers.beancount"] = render.registers_file(book).encode()
        for year, text in render.year_files(settings, book).items():
            files[f"{folder}/{year}.beancount"] = text.encode()
        if book.violations:
            files[f"{folder}/violations.beancount"] = book.violations.encode()
        vouchers = [txn.document for txn in book.txns if txn.document is not None]
        for voucher in [*vouchers, *book.extra_documents]:
            files[f"documents/{voucher.folder}/{voucher.name}"] = tiny_pdf(voucher.lines)
    files = dict(sorted(files.items()))
    if settings.seal_through is not None:
        if not settings.opening <= settings.seal_through <= settings.end:
            raise ValueError(
                f"--seal-through {settings.seal_through} is outside the books "
                f"({settings.opening} to {settings.end})"
            )
        # The area with planted violations stays unsealed: its findings would block a seal.
        files = seal_areas(files, [b for b in books if not b.violations], settings.seal_through)
    return files
