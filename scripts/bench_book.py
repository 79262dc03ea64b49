"""A synthetic province book for timing the audit, shaped like a real one and clean under every rule.

Until the demo province exists, `bench_check` needs a book with the volume of a real fund:
monthly collection days with one posting per member, deposits, benefits with approvers and
documents, running costs, matching money, grants with reports, and monthly bank balances.
Deterministic for a seed; nothing here is used by the audit itself.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from pathlib import Path

START_YEAR = 2021
DUES = 30
BENEFIT = 500
ADMIN = 300
GRANT = 40000


@dataclasses.dataclass
class _Area:
    """One area being written: its code, members, committee and money."""

    code: str
    prefix: str
    members: list[str]
    committee: list[str]
    bank: int = 0
    lines: list[str] = dataclasses.field(default_factory=list)
    receipts: dict[int, int] = dataclasses.field(default_factory=dict)

    def add(self, text: str) -> None:
        self.lines.append(text)


def _txn(day: datetime.date, narration: str, meta: dict[str, str], postings: list[str]) -> str:
    head = f'{day.isoformat()} * "{narration}"'
    body = [f'  {key}: "{value}"' for key, value in meta.items()] + [f"  {p}" for p in postings]
    return "\n".join([head, *body]) + "\n"


def _registers(area: _Area, name: str) -> None:
    start = datetime.date(START_YEAR - 1, 1, 1)
    area.add(f'{start} custom "area" "{area.code}" "{name}"')
    area.add(f'{start} custom "bylaw" "{area.code}"\n  approvals-required: 2\n  cash-limit: 20000 THB')
    area.add(
        f'{start} custom "benefit-rule" "{area.code}" "Sickness"\n  waiting-days: 180\n'
        "  max-per-claim: 600 THB\n  max-per-year: 1000 THB"
    )
    for code in area.members:
        area.add(f'{START_YEAR}-01-01 custom "member" "{code}" "{area.code}"')
    for code, role in zip(area.committee, ("chair", "treasurer", "secretary", "auditor"), strict=True):
        area.add(f'{START_YEAR}-01-01 custom "committee" "{code}" "{role}"')
    for account in ("Assets:{a}:Bank:Krungthai", "Assets:{a}:Cash", "Equity:{a}:Opening",
                    "Income:{a}:Contributions", "Income:{a}:Matching:Government", "Income:{a}:Grants",
                    "Income:{a}:Interest", "Expenses:{a}:Benefits:Sickness", "Expenses:{a}:Admin",
                    "Expenses:{a}:Projects"):
        area.add(f"{start} open {account.format(a=area.code)} THB")


def _collection(area: _Area, day: datetime.date) -> None:
    total = DUES * len(area.members)
    year = day.year + 543
    postings = [f"Assets:{area.code}:Cash  {total} THB"]
    for code in area.members:
        number = area.receipts.get(year, 0) + 1
        area.receipts[year] = number
        postings.append(
            f"Income:{area.code}:Contributions  -{DUES} THB\n"
            f'    member: "{code}"\n    receipt: "{year}-{number:05d}"'
        )
    area.add(_txn(day, "Collection day", {}, postings))
    area.add(_txn(day, "Deposit the collection", {}, [
        f"Assets:{area.code}:Cash  -{total} THB", f"Assets:{area.code}:Bank:Krungthai"]))
    area.bank += total


def _outflow(area: _Area, day: datetime.date, narration: str, account: str, amount: int, *,
             meta: dict[str, str], documents: Path) -> None:
    document = f"{day.isoformat()}.{narration.lower().replace(' ', '-')}-{len(area.lines)}.pdf"
    (documents / document).touch()
    document = f"{documents.name}/{document}"
    chair, treasurer, secretary, auditor = area.committee
    full = {**meta, "approved-by": f"{chair} {secretary}", "recorded-by": treasurer,
            "document": document}
    if meta.get("member") in (chair, secretary):
        full["approved-by"] = f"{auditor} {treasurer}" if meta["member"] == chair else f"{chair} {auditor}"
        full["recorded-by"] = secretary if meta["member"] == chair else chair
    area.add(_txn(day, narration, full, [
        f"Assets:{area.code}:Bank:Krungthai  -{amount} THB", f"Expenses:{area.code}:{account}"]))
    area.bank -= amount


def _month(area: _Area, rng: random.Random, year: int, month: int, documents: Path) -> None:
    _collection(area, datetime.date(year, month, 5))
    _grant_month(area, year, month, documents)
    _outflow(area, datetime.date(year, month, 25), "Stationery", "Admin", ADMIN, meta={}, documents=documents)
    if year > START_YEAR or month > 7:
        for offset, code in enumerate(rng.sample(area.members, max(1, len(area.members) // 40))):
            if rng.random() < 0.5:
                day = datetime.date(year, month, 10 + offset % 15)
                _outflow(area, day, "Hospital stay", "Benefits:Sickness", BENEFIT,
                         meta={"member": code}, documents=documents)
    if month == 12:
        area.add(_txn(datetime.date(year, 12, 31), "Interest", {}, [
            f"Assets:{area.code}:Bank:Krungthai  100 THB", f"Income:{area.code}:Interest"]))
        area.bank += 100
    first_of_next = datetime.date(year + month // 12, month % 12 + 1, 1)
    statement = f"statement-{area.code}-{year}-{month:02d}.pdf"
    (documents / statement).touch()
    area.add(
        f"{first_of_next} balance Assets:{area.code}:Bank:Krungthai  {area.bank} THB\n"
        f'  document: "{documents.name}/{statement}"'
    )


def _grant_month(area: _Area, year: int, month: int, documents: Path) -> None:
    code = f"{area.prefix}-G{year + 543}-01"
    if month == 1 and year > START_YEAR:
        last = f"{area.prefix}-G{year + 542}-01"
        report = f"{year}-01-20.grant-report-{last}.pdf"
        (documents / report).touch()
        area.add(f'{year}-01-20 custom "grant-report" "{last}"\n'
                 f'  document: "{documents.name}/{report}"')
    elif month == 3:
        area.add(f'{year}-03-01 custom "grant" "{code}" "{area.code}" {GRANT} THB\n'
                 f'  funder: "CODI"\n  ends: {year}-12-31')
        area.add(_txn(datetime.date(year, 3, 5), "Grant received", {"grant": code}, [
            f"Assets:{area.code}:Bank:Krungthai  {GRANT} THB", f"Income:{area.code}:Grants"]))
        area.bank += GRANT
    elif month in (4, 6, 9):
        _outflow(area, datetime.date(year, month, 15), "Project work", "Projects", GRANT // 5,
                 meta={"grant": code}, documents=documents)
    elif month == 11 and year > START_YEAR:
        matching = 365 * len(area.members)
        area.add(_txn(datetime.date(year, 11, 20), "Government matching", {"for-year": str(year - 1)}, [
            f"Assets:{area.code}:Bank:Krungthai  {matching} THB",
            f"Income:{area.code}:Matching:Government"]))
        area.bank += matching


def write_book(out: Path, areas: int = 5, members: int = 200, years: int = 3, seed: int = 1) -> Path:
    """Write a province of `areas` areas to `out` and return its main file."""
    rng = random.Random(seed)  # noqa: S311  (made-up test data, not secrets)
    out.mkdir(parents=True, exist_ok=True)
    main = ['option "title" "Synthetic province"', 'option "operating_currency" "THB"',
            'plugin "welfare_ledger.plugins.transparency"', ""]
    for index in range(areas):
        code, prefix = f"Area{index:02d}", f"A{index:02d}"
        codes = [f"{prefix}-{n:04d}" for n in range(1, members + 1)]
        area = _Area(code, prefix, codes, codes[:4])
        folder = out / "areas" / code
        documents = folder / "docs"
        documents.mkdir(parents=True, exist_ok=True)
        _registers(area, f"ตำบลที่ {index + 1}")
        for year in range(START_YEAR, START_YEAR + years):
            for month in range(1, 13):
                _month(area, rng, year, month, documents)
        (folder / "area.beancount").write_text("\n".join(area.lines) + "\n", encoding="utf-8")
        main.append(f'include "areas/{code}/area.beancount"')
    path = out / "main.beancount"
    path.write_text("\n".join(main) + "\n", encoding="utf-8")
    return path
