"""Planted cases of the rules about money, grants, registers and the book itself, for `--violations`.

The tricks of a treasurer who splits a large payment, pays a bill twice, lets running costs eat
the fund, keeps cash overnight, claims matching money twice, loosens the bylaw, edits a sealed
month, registers a ghost, makes money vanish into Equity, hides a passbook's difference, pays
nobody by name, reuses a receipt, counts the cash alone, or slips markup or an extension into
what members' browsers show.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import ROUND_CEILING, Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import CASH, ONE_DAY, Posting, Txn, be_year, working_day
from welfare_ledger.scripts.demo.violations import first

if TYPE_CHECKING:
    from welfare_ledger.scripts.demo.model import MetaValue
    from welfare_ledger.scripts.demo.violations import Planter

THOUSAND = Decimal(1000)
HUNDRED = Decimal(100)


def _on(year: int, month: int, day: int) -> datetime.date:
    return working_day(datetime.date(year, month, day))


def plant(plant: Planter) -> None:
    """The money, grant, register and book cases (the passbook checks last, over all planted money)."""
    settings = plant.settings
    year0 = settings.start_year
    full = (
        settings.end.year
        if settings.end >= datetime.date(settings.end.year, 12, 31)
        else settings.end.year - 1
    )
    _receipts_and_cash(plant, year0)
    _grants(plant)
    _registers(plant, year0, full)
    _book(plant, year0)
    _running_costs(plant, full)
    plant.passbook_checks(
        unchecked=datetime.date(year0, 8, 1),
        tolerant=datetime.date(year0, 7, 1),
        wrong=datetime.date(year0, 10, 15),
    )


def _receipts_and_cash(plant: Planter, year: int) -> None:
    book, roster = plant.book, plant.roster
    plant.note("receipt-sequence", "a contribution taken without a receipt number")
    day = _on(year, 8, 28)
    payer = plant.quiet_member(
        "receipt-sequence", lambda p: p.fate == "" and p.joined < plant.settings.start
    ).code
    plant.entry(
        Txn(
            date=day,
            narration="รับเงินสัจจะโอนเข้าบัญชี ธ.ก.ส.",
            postings=[
                Posting(book.account("Income", "Contributions"), Decimal(-30), (("member", payer),)),
                Posting(plant.bank, Decimal(30)),
            ],
            meta={"recorded-by": roster.recorder_on(day)},
        )
    )
    cash = book.account("Assets", CASH)
    plant.note("cash-limit", "a cash gift kept overnight above the cash limit, banked the next day")
    busy = {t.date for t in book.txns if any(p.account == cash for p in t.postings)}
    gift_day = _on(year, 2, 10)
    while gift_day in busy or working_day(gift_day + ONE_DAY) in busy:
        gift_day = working_day(gift_day + ONE_DAY)
    gift = plant.policy.cash_limit + THOUSAND
    recorder = roster.recorder_on(gift_day)
    plant.entry(
        Txn(
            date=gift_day,
            payee="ผู้มีจิตศรัทธาไม่ประสงค์ออกนาม",
            narration="รับบริจาคเงินสด",
            postings=[Posting(cash, gift), Posting(book.account("Income", "Donations"), -gift)],
            meta={"recorded-by": recorder},
        )
    )
    plant.note("personal-data", "a donor's mobile phone number written in the narration")
    plant.entry(
        Txn(
            date=working_day(gift_day + ONE_DAY),
            narration="นำเงินบริจาคฝากธนาคาร ติดต่อผู้บริจาค 0812345678",
            postings=[Posting(plant.bank, gift), Posting(cash, -gift)],
            meta={"recorded-by": recorder},
        )
    )
    plant.note("cash-count", "the cash box counted by the treasurer alone")
    count_day = _on(year, 8, 15)
    held = sum(
        (
            p.amount or Decimal(0)
            for t in book.txns
            if t.date <= count_day
            for p in t.postings
            if p.account == cash
        ),
        Decimal(0),
    )
    treasurer = roster.recorder_on(count_day)
    plant.text(
        f'{count_day} custom "cash-count" "{book.place.code}" {held:.2f} THB\n  counted-by: "{treasurer}"\n'
    )


def _grants(plant: Planter) -> None:
    book = plant.book
    grant = first((r.text for r in book.registers if ' custom "grant" ' in r.text), "grant")
    code = grant.split('"')[3]
    amount = Decimal(grant.split('"')[6].split()[0])
    ends = datetime.date.fromisoformat(grant.split("ends: ")[1][:10])
    account = book.account("Expenses", "Projects", "Livelihood")

    def spend(day: datetime.date, value: Decimal, grant_code: str, payee: str) -> None:
        meta = plant.approved(day, value)
        text = f"ค่าใช้จ่ายโครงการ ({grant_code})"
        plant.outflow(day, text, account, value, meta, payee=payee, posting_meta=(("grant", grant_code),))

    plant.note("grant-unknown", "project spending under a grant code that was never declared")
    spend(_on(ends.year, 9, 15), Decimal(800), f"{book.place.prefix}-G0000-99", "ร้านอุปกรณ์กีฬา")
    plant.note("grant-overspend", "more spending on the grant than was received")
    spent = sum(
        (
            p.amount
            for txn in book.txns
            for p in txn.postings
            if p.account == account and p.amount is not None and ("grant", code) in p.meta
        ),
        Decimal(0),
    )
    over = amount - spent + (amount * Decimal("0.05")).quantize(Decimal(1))
    spend(ends - 20 * ONE_DAY, over, code, "ร้านผ้าและอุปกรณ์ตัดเย็บ")
    plant.note("grant-period", "spending on the grant after its end")
    spend(working_day(ends + 9 * ONE_DAY), Decimal(600), code, "ร้านถ่ายภาพ")
    plant.note("grant-unreported", "a grant that ended long ago and was never reported")
    declared = datetime.date(plant.settings.start_year, 2, 1)
    unreported = f"{book.place.prefix}-G{be_year(declared.year)}-02"
    plant.text(
        f'{declared} custom "grant" "{unreported}" "{book.place.code}" 5000 THB\n'
        f'  funder: "CODI"\n  ends: {datetime.date(plant.settings.start_year, 6, 30)}\n'
    )


def _registers(plant: Planter, year0: int, full: int) -> None:
    book, roster = plant.book, plant.roster
    plant.note("matching-claim", f"CODI's matching money for fiscal year {year0} claimed a second time")
    members = 30
    plant.inflow(
        _on(year0, 12, 12),
        f"เงินสมทบกองทุนสวัสดิการชุมชน ปีงบประมาณ {be_year(year0)} สมาชิก {members} คน (เพิ่มเติม)",
        book.account("Income", "Matching", "Government"),
        Decimal(365 * members),
        payee="สถาบันพัฒนาองค์กรชุมชน (พอช.)",
        meta={"for-year": year0},
    )
    plant.note("weakened-bylaw", "a bylaw that lets one person approve a payment alone")
    day = datetime.date(full, 10, 1)
    bylaw = plant.policy.bylaw(day)
    keys = [(k, "1" if k == "approvals-required" else v) for k, v in bylaw.written()]
    plant.text(
        "\n".join([f'{day} custom "bylaw" "{book.place.code}"', *(f"  {k}: {v}" for k, v in keys)]) + "\n"
    )
    plant.note("register", "a departed member's code registered again for a ghost")
    people = sorted(roster.people.values(), key=lambda p: p.code)
    gone = first((p for p in people if p.fate == "deceased" and p.exit), "register")
    assert gone.exit is not None
    again = min(gone.exit + 30 * ONE_DAY, plant.settings.end)
    plant.text(f'{again} custom "member" "{gone.code}" "{book.place.code}"\n')
    plant.note("seal", "a seal whose digest does not match the sealed months")
    months = ",".join(
        f"{year0}-{m:02d}=" + hashlib.sha256(f"demo-{m}".encode()).hexdigest()[:16] for m in (1, 2, 3)
    )
    total = hashlib.sha256(b"demo-violation").hexdigest()
    plant.text(f'{datetime.date(year0, 3, 31)} custom "seal" "{book.place.code}" "v1:{total}:{months}"\n')


def _book(plant: Planter, year: int) -> None:
    book = plant.book
    plant.note("chart", "money moved from the passbook to Equity after the opening day: it leaves unseen")
    day = _on(year, 9, 15)
    equity = book.account("Equity", "Opening")
    plant.outflow(
        day, "โอนเงินปรับปรุงทุนสะสม", equity, Decimal(5000), plant.approved(day, Decimal(5000)), payee="กองทุน"
    )
    plant.note("advance", "cash advanced to the treasurer for the fair and never settled")
    advance_day = working_day(_on(year, 11, 5))
    holder = plant.roster.recorder_on(advance_day)
    advance = book.account("Assets", "Advances", holder)
    plant.text(f"{book.founded} open {advance} THB\n")
    plant.entry(
        Txn(
            date=advance_day,
            narration="ยืมเงินทดรองจ่ายจัดงานประจำปี",
            postings=[Posting(advance, Decimal(3000)), Posting(plant.bank, Decimal(-3000))],
            meta=plant.approved(advance_day, Decimal(3000), holder),
        )
    )
    plant.note("markup", "a payee written with HTML that would run in a member's browser")
    plant.inflow(
        _on(year, 10, 3),
        "รับบริจาค",
        book.account("Income", "Donations"),
        Decimal(500),
        payee='ร้านค้าชุมชน <img src=x onerror="alert(1)">',
    )
    plant.note("extension", "a Fava extension that is neither Fava's nor this project's")
    plant.text(f'{book.founded} custom "fava-extension" "fava_members_summary"\n')


def _running_costs(plant: Planter, year: int) -> None:
    """Running-cost cases in the last whole year, then the fee that takes that year over the admin cap."""
    book = plant.book
    office = book.account("Expenses", "Admin", "Office")
    travel = book.account("Expenses", "Admin", "Travel")

    def admin(
        day: datetime.date, account: str, value: Decimal, payee: str | None, **extra: MetaValue
    ) -> None:
        meta: dict[str, MetaValue] = {
            **extra,
            **plant.approved(day, value, str(extra.get("member") or "") or None),
        }
        plant.outflow(day, "ค่าใช้จ่ายดำเนินงาน", account, value, meta, payee=payee)

    plant.note("split-payment", "two payments to one shop three days apart, together over the large amount")
    admin(_on(year, 1, 5), office, Decimal(6000), "ร้านวัสดุก่อสร้าง")
    admin(_on(year, 1, 5) + 3 * ONE_DAY, office, Decimal(5000), "ร้านวัสดุก่อสร้าง")
    plant.note("duplicate-payment", "the same bill paid twice to one payee ten days apart")
    admin(_on(year, 1, 19), travel, Decimal(700), "รถตู้รับเหมาเที่ยวเดียว")
    admin(_on(year, 1, 19) + 10 * ONE_DAY, travel, Decimal(700), "รถตู้รับเหมาเที่ยวเดียว")
    plant.note("payee", "running costs paid to nobody by name")
    admin(_on(year, 2, 3), office, Decimal(900), None)
    plant.note("benefit-account", "money paid to a member booked as running costs, past every benefit rule")
    member = plant.quiet_member(
        "benefit-account", lambda p: p.fate == "" and p.joined < plant.settings.start, year=year
    ).code
    admin(_on(year, 2, 17), office, Decimal(1500), None, member=member)
    plant.note("document-reuse", "an office bill paid again on the voucher of an earlier one")
    earlier = first(
        (
            t
            for t in sorted(book.txns, key=lambda t: t.date)
            if t.date.year == year and t.outflow and any(p.account == office for p in t.postings)
        ),
        "document-reuse",
    )
    again = working_day(earlier.date + 45 * ONE_DAY)
    amount = -earlier.fund_change + 17
    meta = plant.approved(again, amount)
    plant.outflow(
        again,
        str(earlier.narration),
        office,
        amount,
        meta,
        payee=earlier.payee,
        document=str(earlier.meta["document"]),
    )
    _admin_fee(plant, year)


def _admin_fee(plant: Planter, year: int) -> None:
    """A consultant's fee on 31 December that takes the year's running costs over the admin cap."""
    book = plant.book
    income = plant.income[year]
    admin = plant.admin[year]
    for txn in book.txns:
        if txn.date.year != year:
            continue
        for posting in txn.postings:
            amount = posting.amount or Decimal(0)
            if posting.account.startswith("Income:"):
                income -= amount
            elif posting.account.startswith(f"Expenses:{book.place.code}:Admin"):
                admin += amount
    day = datetime.date(year, 12, 31)
    cap = Decimal(plant.policy.bylaw(day).admin_cap) / HUNDRED
    fee = (
        max((income * cap * Decimal("1.5") - admin) / THOUSAND, Decimal(10)).to_integral_value(ROUND_CEILING)
        * THOUSAND
    )
    plant.note("admin-cap", f"a consultant's fee that takes the running costs of {year} over the admin cap")
    account = book.account("Expenses", "Admin", "Office")
    plant.outflow(
        day, "ค่าที่ปรึกษาจัดทำระบบบัญชี", account, fee, plant.approved(day, fee), payee="บริษัทที่ปรึกษาด้านบัญชี"
    )
