"""Money coming in: opening balances, contributions brought forward, collection days, matching, gifts.

One transaction per collection day with one `Income:A:Contributions` posting per member, each
carrying `member` and `receipt`; receipts run without gaps in one series per Buddhist Era year.
A member who joins that day also pays the bylaw's entry fee (`Income:A:EntryFees`). Matching
money follows CODI's fiscal year (October to September, named by the year it ends in): after a
year closes, CODI and the local government each match it, never with more than 365 baht for
each member who had completed a year of membership and paid twelve months' dues in it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import BANK, CASH, Posting, Txn, be_year, working_day

if TYPE_CHECKING:
    import random

    from welfare_ledger.scripts.demo.model import AreaBook, Settings
    from welfare_ledger.scripts.demo.people import Roster
    from welfare_ledger.scripts.demo.policy import Policy

MATCH_PER_MEMBER = Decimal(365)
FULL_YEAR = Decimal(360)
MONTHLY_DUES = Decimal(30)


def opening(rng: random.Random, settings: Settings, book: AreaBook, roster: Roster) -> list[Txn]:
    """Opening balances and every member's contributions before the period, from the paper books."""
    recorder = roster.recorder_on(settings.opening)
    equity = book.account("Equity", "Opening")
    bank = Decimal(30000 + len(roster.people) * rng.randint(800, 1500))
    cash = Decimal(rng.randint(10, 30) * 100)
    balances = Txn(
        date=settings.opening,
        narration="ยอดเงินยกมาจากสมุดบัญชีเดิม",
        postings=[
            Posting(book.account("Assets", BANK), bank),
            Posting(book.account("Assets", CASH), cash),
            Posting(equity, None),
        ],
        meta={"recorded-by": recorder},
    )
    series = be_year(settings.opening.year)
    postings: list[Posting] = []
    total = Decimal(0)
    for code in sorted(roster.people):
        rows = [amount for day, amount in roster.payments[code] if day == settings.opening]
        for amount in rows:
            total += amount
            receipt = f"{series}-{len(postings) + 1:04d}"
            postings.append(
                Posting(
                    book.account("Income", "Contributions"), -amount, (("member", code), ("receipt", receipt))
                )
            )
    brought = Txn(
        date=settings.opening,
        narration="เงินสัจจะสะสมของสมาชิกยกมาจากทะเบียนเดิม",
        postings=[*postings, Posting(equity, total)],
        meta={"recorded-by": recorder},
    )
    return [balances, brought] if postings else [balances]


def collections(settings: Settings, book: AreaBook, roster: Roster, policy: Policy) -> list[Txn]:
    """One transaction per collection day, a posting per paying member, receipts in sequence."""
    by_day: dict[datetime.date, list[tuple[str, Decimal]]] = defaultdict(list)
    for code in sorted(roster.people):
        for day, amount in roster.payments[code]:
            if day >= settings.start:
                by_day[day].append((code, amount))
    numbers: dict[int, int] = defaultdict(int)
    txns = []
    account = book.account("Income", "Contributions")
    for day in sorted(by_day):
        series = be_year(day.year)
        postings = []
        for code, amount in by_day[day]:
            numbers[series] += 1
            receipt = f"{series}-{numbers[series]:04d}"
            postings.append(Posting(account, -amount, (("member", code), ("receipt", receipt))))
        fee = policy.bylaw(day).entry_fee
        for code, _ in by_day[day]:
            if roster.people[code].joined == day:
                postings.append(Posting(book.account("Income", "EntryFees"), -fee, (("member", code),)))
        total = sum((-p.amount for p in postings if p.amount is not None), Decimal(0))
        txns.append(
            Txn(
                date=day,
                narration=f"เก็บเงินสัจจะประจำเดือน {day.month}/{series}",
                postings=[*postings, Posting(book.account("Assets", CASH), total)],
                meta={"recorded-by": roster.recorder_on(day)},
            )
        )
    return txns


def fiscal_span(year: int) -> tuple[datetime.date, datetime.date]:
    """First and last day of CODI's fiscal year `year` (October of the year before to September)."""
    return datetime.date(year - 1, 10, 1), datetime.date(year, 9, 30)


def qualifying_members(settings: Settings, roster: Roster, year: int) -> int:
    """Members who had a year of membership by the fiscal year's end and paid its twelve months' dues.

    Contributions brought forward from the paper books count only for the fiscal year's months
    before the books start (30 baht each): the claim is never more than the books can show.
    """
    first, last = fiscal_span(year)
    before = max((settings.start - first).days // 30, 0) if first < settings.start else 0
    count = 0
    for code, person in roster.people.items():
        if (last - person.joined).days < MATCH_PER_MEMBER:
            continue
        paid = roster.paid_between(code, max(first, settings.start), last)
        brought = (
            roster.paid_between(code, settings.opening, settings.opening) if first <= settings.opening else 0
        )
        paid += min(brought, MONTHLY_DUES * before)
        count += paid >= FULL_YEAR
    return count


def matching(rng: random.Random, settings: Settings, book: AreaBook, roster: Roster) -> list[Txn]:
    """Matching money from local government and from government via CODI, for each closed fiscal year."""
    local_rate = Decimal(rng.choice((100, 150, 200)))
    txns = []
    for year in settings.years:
        members = qualifying_members(settings, roster, year)
        for month, source, rate, payee in (
            (10, "Local", local_rate, book.place.local_gov_th),
            (11, "Government", MATCH_PER_MEMBER, "สถาบันพัฒนาองค์กรชุมชน (พอช.)"),
        ):
            amount = (rate * members / 100).to_integral_value(rounding=ROUND_FLOOR) * 100
            day = working_day(datetime.date(year, month, rng.randint(10, 25)))
            if amount <= 0 or day > settings.end:
                continue
            account = book.account("Income", "Matching", source)
            txns.append(
                Txn(
                    date=day,
                    payee=payee,
                    narration=f"เงินสมทบกองทุนสวัสดิการชุมชน ปีงบประมาณ {be_year(year)} สมาชิก {members} คน",
                    postings=[Posting(book.account("Assets", BANK), amount), Posting(account, -amount)],
                    meta={"for-year": year, "recorded-by": roster.recorder_on(day)},
                )
            )
    return txns


def donations(rng: random.Random, settings: Settings, book: AreaBook, roster: Roster) -> list[Txn]:
    """A gift or two from local businesses and temples, never from a named private person."""
    donors = ("บริษัทในพื้นที่ (กิจกรรมเพื่อสังคม)", "วัดในตำบล", "ผู้มีจิตศรัทธาไม่ประสงค์ออกนาม")
    txns = []
    for _ in range(rng.randint(1, 2)):
        day = working_day(
            settings.start
            + datetime.timedelta(days=rng.randint(20, (settings.end - settings.start).days - 25))
        )
        amount = Decimal(rng.randint(4, 40) * 500)
        txns.append(
            Txn(
                date=day,
                payee=rng.choice(donors),
                narration="รับบริจาคเข้ากองทุนสวัสดิการ",
                postings=[
                    Posting(book.account("Assets", BANK), amount),
                    Posting(book.account("Income", "Donations"), -amount),
                ],
                meta={"recorded-by": roster.recorder_on(day)},
            )
        )
    return txns
