"""Money going out besides benefits: running costs and a CODI project grant with its spending.

Running costs grow with the size of the fund and stay well inside `admin-cap`. Each area gets
one livelihood project grant from CODI: received on the day it is declared, spent in tranches
to different suppliers inside its period, and reported with a document within 60 days.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import BANK, Posting, Register, Txn, Voucher, be_year

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.control import Controls
    from welfare_ledger.scripts.demo.model import AreaBook, Settings
    from welfare_ledger.scripts.demo.people import Roster

ADMIN_ITEMS = (
    # (account, payee, narration, months, per-member low/high baht, least)
    ("Meetings", "ร้านค้าชุมชน", "ค่าอาหารว่างและเครื่องดื่มประชุมกรรมการ", tuple(range(1, 13)), 0.8, 1.5, 100),
    ("Office", "ร้านเครื่องเขียนและถ่ายเอกสาร", "ค่าวัสดุสำนักงานและถ่ายเอกสาร", (3, 6, 9, 12), 1.0, 2.5, 150),
    ("Travel", "รถตู้รับจ้างประจำทาง", "ค่าเดินทางประชุมเครือข่ายสวัสดิการชุมชนจังหวัด", (2, 7, 11), 1.0, 3.0, 200),
)
PROJECT_TRANCHES = (
    # (share of the grant, payee, narration)
    (Decimal("0.30"), "ร้านวัสดุอุปกรณ์การเกษตร", "ค่าวัสดุฝึกอาชีพ"),
    (Decimal("0.15"), "ศูนย์ฝึกอาชีพชุมชน", "ค่าวิทยากรอบรมอาชีพ"),
    (Decimal("0.10"), "ร้านอาหารชุมชน", "ค่าอาหารและเครื่องดื่มผู้เข้าอบรม"),
    (Decimal("0.30"), "ร้านเครื่องมือช่าง", "ค่าเครื่องมือและอุปกรณ์กลุ่มอาชีพ"),
    (Decimal("0.08"), "โรงพิมพ์ในจังหวัด", "ค่าจัดทำเอกสารและรายงานโครงการ"),
)
PROJECT_ACCOUNT = "Livelihood"


def _round10(value: float) -> Decimal:
    return Decimal(int(value / 10) * 10)


def running_costs(
    rng: random.Random, settings: Settings, book: AreaBook, roster: Roster, controls: Controls
) -> list[Txn]:
    """Meetings, office supplies and travel, approved and documented like any outflow."""
    size = len(roster.people)
    txns = []
    for year in range(settings.start_year, settings.start_year + settings.years):
        for account, payee, narration, months, low, high, least in ADMIN_ITEMS:
            for month in months:
                day = datetime.date(
                    year, month, roster.collection_day if account == "Meetings" else rng.randint(1, 28)
                )
                for _ in range(6):
                    amount = max(_round10(size * rng.uniform(low, high)), Decimal(least))
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
    year = settings.start_year + (1 if settings.years > 1 else 0)
    code = f"{book.place.prefix}-G{be_year(year)}-01"
    declared = datetime.date(year, 3, rng.randint(1, 20))
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
    for index, (share, payee, narration) in enumerate(PROJECT_TRANCHES):
        day = declared + datetime.timedelta(
            days=10 + span * index // len(PROJECT_TRANCHES) + rng.randint(0, 10)
        )
        spend = (amount * share / 10).to_integral_value(rounding=ROUND_FLOOR) * 10
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
