"""Money going out besides benefits: running costs and a CODI project grant with its spending.

Running costs grow with the size of the fund and stay well inside `admin-cap`. Each area gets
one livelihood project grant from CODI: received on the day it is declared, spent in tranches
to different suppliers inside its period, and reported with a document within 60 days.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.digits import bill, first_digit, mantissas
from welfare_ledger.scripts.demo.model import BANK, Posting, Register, Txn, Voucher, be_year, working_day

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.control import Controls
    from welfare_ledger.scripts.demo.model import AreaBook, Settings
    from welfare_ledger.scripts.demo.people import Roster

ADMIN_ITEMS = (
    # (account, payee, narration, months, per-member baht at the low end of the decade, least low end)
    ("Meetings", "ร้านค้าชุมชน", "ค่าอาหารว่างและเครื่องดื่มประชุมกรรมการ", tuple(range(1, 13)), 0.3, 15),
    ("Office", "ร้านเครื่องเขียนและถ่ายเอกสาร", "ค่าวัสดุสำนักงานและถ่ายเอกสาร", (3, 6, 9, 12), 0.45, 20),
    ("Travel", "รถตู้รับจ้างประจำทาง", "ค่าเดินทางประชุมเครือข่ายสวัสดิการชุมชนจังหวัด", (2, 7, 11), 0.5, 25),
)
"""A bill of running costs is log-uniform over one decade from its low end (rounded to the baht):
small and large meetings, a ream of paper or a printer cartridge. Its first digits then follow
Benford's law, and no bill is an outlier of its account (a decade keeps the robust z under 3)."""
PROJECT_TRANCHES = (
    # (payments, payee, narration): one payment per training round or purchase
    (4, "ร้านวัสดุอุปกรณ์การเกษตร", "ค่าวัสดุฝึกอาชีพ"),
    (4, "ศูนย์ฝึกอาชีพชุมชน", "ค่าวิทยากรอบรมอาชีพ"),
    (4, "ร้านอาหารชุมชน", "ค่าอาหารและเครื่องดื่มผู้เข้าอบรม"),
    (4, "ร้านเครื่องมือช่าง", "ค่าเครื่องมือและอุปกรณ์กลุ่มอาชีพ"),
    (2, "โรงพิมพ์ในจังหวัด", "ค่าจัดทำเอกสารและรายงานโครงการ"),
)
PROJECT_SPENT = Decimal("0.93")
"""The share of a grant the project spends; its payments, like running costs, spread over a decade."""
PROJECT_ACCOUNT = "Livelihood"


def _strata(rng: random.Random, count: int) -> list[float]:
    """`count` points spread evenly over [0, 1), in random order.

    Even a few bills of an account then cover their decade: a small sample would otherwise make
    its own outliers and stray from Benford's law by chance alone.
    """
    return [(slot + rng.random()) / count for slot in rng.sample(range(count), count)]


def running_costs(
    rng: random.Random,
    settings: Settings,
    book: AreaBook,
    roster: Roster,
    controls: Controls,
    *,
    projects: list[Txn],
) -> list[Txn]:
    """Meetings, office supplies and travel, approved and documented like any outflow.

    Their amounts' first digits, with those of the `projects` bills, follow Benford's law
    (`scripts.demo.digits`).
    """
    size = len(roster.people)
    bills: list[tuple[datetime.date, tuple[str, str, str, tuple[int, ...], float, int]]] = []
    for year, month in settings.months():
        for item in ADMIN_ITEMS:
            if month not in item[3]:
                continue
            day = (
                roster.collection_on(year, month)
                if item[0] == "Meetings"
                else working_day(datetime.date(year, month, rng.randint(1, 28)))
            )
            if day <= settings.end:
                bills.append((day, item))
    counts = {item[0]: sum(1 for _, i in bills if i is item) for item in ADMIN_ITEMS}
    taken = Counter(first_digit(-t.fund_change) for t in projects)
    shares = {account: iter(values) for account, values in mantissas(rng, counts, taken).items()}
    txns = []
    for day, (account, payee, narration, _, per_member, least) in bills:
        low = max(size * per_member, least)
        for attempt in range(6):
            amount = bill(low, next(shares[account]) if attempt == 0 else rng.random())
            txn = controls.outflow(
                day, narration, book.account("Expenses", "Admin", account), amount, payee=payee
            )
            if txn is not None:
                txns.append(txn)
                break
    return txns


def project_grant(
    rng: random.Random, settings: Settings, book: AreaBook, roster: Roster, controls: Controls
) -> list[Txn]:
    """A CODI livelihood grant: declaration, receipt, spending in tranches and the report."""
    later = settings.start_year + 1
    year = later if settings.end >= datetime.date(later, 12, 31) else settings.start_year
    code = f"{book.place.prefix}-G{be_year(year)}-01"
    declared = working_day(datetime.date(year, 3, rng.randint(1, 20)))
    ends = datetime.date(year, 10, 31)
    size = len(roster.people)
    amount = min(
        max(Decimal(int(size * rng.uniform(250, 450) / 5000) * 5000), Decimal(30000)), Decimal(150000)
    )
    book.registers.append(
        Register(
            declared,
            f'{declared} custom "grant" "{code}" "{book.place.code}" {amount} THB\n'
            f'  funder: "CODI"\n  ends: {ends}\n'
            f'  name-th: "โครงการส่งเสริมอาชีพและรายได้ของสมาชิก {book.place.name_th}"\n',
        )
    )
    grant_meta = (("grant", code),)
    txns = [
        Txn(
            date=declared,
            payee="สถาบันพัฒนาองค์กรชุมชน (พอช.)",
            narration=f"รับเงินอุดหนุนโครงการ {code}",
            postings=[
                Posting(book.account("Assets", BANK), amount),
                Posting(book.account("Income", "Grants"), -amount, grant_meta),
            ],
            meta={"recorded-by": roster.recorder_on(declared)},
        )
    ]
    span = (ends - declared).days - 10
    account = book.account("Expenses", "Projects", PROJECT_ACCOUNT)
    weights = [10**share for share in _strata(rng, sum(parts for parts, _, _ in PROJECT_TRANCHES))]
    scale = amount * PROJECT_SPENT / Decimal(sum(weights))
    bills = iter(weights)
    for index, (parts, payee, narration) in enumerate(PROJECT_TRANCHES):
        for part in range(parts):
            offset = 10 + (span - 30) * part // parts + 5 * index + rng.randint(0, 6)
            day = working_day(declared + datetime.timedelta(days=offset))
            spend = (scale * Decimal(next(bills))).to_integral_value(rounding=ROUND_FLOOR)
            txn = controls.outflow(
                day, f"{narration} ({code})", account, spend, payee=payee, posting_meta=grant_meta
            )
            if txn is not None:
                txns.append(txn)
    reported = ends + datetime.timedelta(days=rng.randint(15, 45))
    name = f"{reported}.grant-report-{code}.pdf"
    folder = book.account("Income", "Grants").replace(":", "/")
    book.extra_documents.append(
        Voucher(
            folder,
            name,
            (
                f"Grant report {code}",
                f"Area: {book.place.code}",
                f"Grant: {amount:,.2f} THB",
                f"Period: {declared} to {ends}",
                f"Filed: {reported}",
            ),
        )
    )
    book.registers.append(
        Register(
            reported,
            f'{reported} custom "grant-report" "{code}"\n  document: "../../documents/{folder}/{name}"\n',
        )
    )
    return txns
