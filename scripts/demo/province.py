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
from welfare_ledger.scripts.demo.model import AreaBook, Register, Settings, be_year, with_meta
from welfare_ledger.scripts.demo.people import Person, Roster, plan_people
from welfare_ledger.scripts.demo.places import AREAS, Place
from welfare_ledger.scripts.demo.policy import Policy, make_policy, minutes, render_policy
from welfare_ledger.scripts.demo.seals import seal_areas
from welfare_ledger.scripts.demo.standing import monthly_allowance
from welfare_ledger.scripts.demo.violations import plant_violations, reserved_for_violations


def member_entry(person: Person, area: str) -> str:
    """A member's register entry with the facts the fund keeps (never a name or an ID number)."""
    born = str(person.born.year) if person.born_year_only else person.born.isoformat()
    return (
        f'{person.joined} custom "member" "{person.code}" "{area}"\n'
        f"  born: {born}\n"
        f'  gender: "{person.gender}"\n'
        f"  village: {person.village}\n"
        f'  category: "{person.category}"\n'
    )


def _register_entries(book: AreaBook, roster: Roster, policy: Policy) -> None:
    area = book.place.code
    entries: list[tuple[datetime.date, int, str]] = []
    for person in roster.people.values():
        entries.append((person.joined, 0, member_entry(person, area)))
        if person.nominee is not None:
            nominee = person.nominee
            text = f'{nominee.since} custom "beneficiary" "{person.code}" "{nominee.code}" "{nominee.tie}"\n'
            entries.append((nominee.since, 1, text))
        if person.exit is not None:
            entries.append(
                (person.exit, 6, f'{person.exit} custom "member-exit" "{person.code}" "{person.fate}"\n')
            )
    for term in roster.terms:
        entries.append((term.start, 3, f'{term.start} custom "committee" "{term.code}" "{term.role}"\n'))
        if term.end is not None:
            entries.append((term.end, 2, f'{term.end} custom "committee-exit" "{term.code}"\n'))
    for first, second, day in roster.relations:
        entries.append((day, 4, f'{day} custom "related" "{first}" "{second}"\n'))
    entries += [(day, 5, text) for day, text in render_policy(book.place, policy)]
    for order, (day, rank, text) in enumerate(sorted(entries)):
        book.registers.append(Register(day, text, order * 10 + rank))


def number_claims(book: AreaBook) -> None:
    """Number the approved claims by approval day, one series per Buddhist Era year, and register them.

    Each payment names the claim it settles (`claim:`); the claim is registered on the day the
    committee approved it, in the year file next to the payment.
    """
    numbers: dict[int, int] = {}
    prefix = book.place.prefix
    claimed = [(txn.claim, txn) for txn in book.txns if txn.claim is not None]
    for note, txn in sorted(claimed, key=lambda pair: (pair[0].approved, pair[1].order)):
        series = be_year(note.approved.year)
        numbers[series] = numbers.get(series, 0) + 1
        code = f"{prefix}-C{series}-{numbers[series]:04d}"
        txn.meta = with_meta(txn.meta, "claim", code, before="approved-by")
        text = f'{note.approved} custom "claim" "{code}" "{note.member}" "{note.kind}"\n'
        book.daily.append(Register(note.approved, text, txn.order))


def build_area(settings: Settings, place: Place) -> AreaBook:
    """One area's registers, transactions and documents."""
    rng = random.Random(f"welfare-demo:{settings.seed}:{place.code}")  # noqa: S311 (demo data, not secrets)
    founded = datetime.date(rng.randint(2008, 2013), rng.randint(1, 12), 1)
    size = max(20, round(settings.members * rng.uniform(0.7, 1.3)))
    book = AreaBook(place=place, founded=founded)
    roster = plan_people(rng, settings, place.prefix, size, founded)
    book.villages = roster.villages
    revised_on = datetime.date(settings.middle_year, 4, 1) if len(settings.years) > 1 else None
    policy = make_policy(rng, datetime.date(settings.start_year - 1, 1, 1), revised_on)
    _register_entries(book, roster, policy)
    book.extra_documents += minutes(place, policy)
    controls = Controls(book, roster, policy, rng)
    planted = settings.violations and place == AREAS[0]
    reserved = reserved_for_violations(settings, roster) if planted else frozenset()
    projects = spending.project_grant(rng, settings, book, roster, controls)
    txns = [
        *income.opening(rng, settings, book, roster),
        *income.collections(settings, book, roster, policy),
        *income.matching(rng, settings, book, roster),
        *income.donations(rng, settings, book, roster),
        *monthly_allowance(settings, book, roster, policy, controls),
        *pay_benefits(rng, settings, book, roster, policy, controls=controls, reserved=reserved),
        *spending.running_costs(
            rng, settings, book, roster, controls, projects=[t for t in projects if t.outflow]
        ),
        *projects,
    ]
    book.txns = settle(settings, book, roster, policy, txns)
    number_vouchers(book)
    number_claims(book)
    if planted:
        plant_violations(settings, book, roster, policy)
    return book


def check_settings(settings: Settings) -> None:
    """Refuse a period the generator cannot fill: it needs the first calendar year whole."""
    first_year_end = datetime.date(settings.start_year, 12, 31)
    if settings.through < first_year_end:
        message = (
            f"--through {settings.through} is before {first_year_end}: the books need their first year whole"
        )
        raise ValueError(message)
    if settings.seal_through is not None and not settings.opening <= settings.seal_through <= settings.end:
        first, last = settings.opening, settings.end
        message = f"--seal-through {settings.seal_through} is outside the books ({first} to {last})"
        raise ValueError(message)


def build_province(settings: Settings) -> dict[str, bytes]:
    """Every file of the province, by path relative to the output folder."""
    check_settings(settings)
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
        # The area with planted violations stays unsealed: its findings would block a seal.
        files = seal_areas(files, [b for b in books if not b.violations], settings.seal_through)
    return files
