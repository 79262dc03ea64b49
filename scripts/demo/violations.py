"""`--violations`: one planted case of every rule of CONVENTIONS section 6, in a file of its own.

The cases sit in `areas/<slug>/violations.beancount` of the first area, each under a comment
naming its rule, so that a test (or a trainer) can see every rule fire on a realistic book and
delete the file to get a clean province back. Planted money moves through the cash box or a
second passbook without checks, so that the clean part of the book keeps holding.
"""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING

from welfare_ledger.scripts.demo.model import CASH, Posting, Txn, Voucher, be_year
from welfare_ledger.scripts.demo.render import quote, transaction

if TYPE_CHECKING:
    from collections.abc import Callable

    from welfare_ledger.scripts.demo.model import AreaBook, MetaValue, Settings
    from welfare_ledger.scripts.demo.people import Person, Roster
    from welfare_ledger.scripts.demo.policy import Policy

SECOND_BANK = "Bank:BAAC"


class Planter:
    """Writes planted cases that break exactly the rule they are planted for."""

    def __init__(self, settings: Settings, book: AreaBook, roster: Roster) -> None:
        self.settings = settings
        self.book = book
        self.roster = roster
        self.lines: list[str] = []
        self.serial = 0
        self.used: set[str] = set()
        self.cash_out = Decimal(0)
        self.busy = {
            str(t.meta.get("member")): t.date for t in book.txns if t.outflow and t.meta.get("member")
        }

    def note(self, rule: str, text: str) -> None:
        """A comment naming the rule the next case breaks."""
        self.lines.append(f"; [{rule}] {text}")

    def quiet_member(self, test: Callable[[Person], bool]) -> Person:
        """A member the test accepts, not on the committee, no household, no outflow this year."""
        committee = {t.code for t in self.roster.terms}
        related = {code for pair in self.roster.relations for code in pair[:2]}
        year = self.settings.start_year
        people = sorted(self.roster.people.values(), key=lambda p: p.code)
        choices = [p for p in people if p.code not in committee | related | self.used and test(p)]
        choices = choices or [p for p in people if p.code not in committee and test(p)]
        quiet = [p for p in choices if self.busy.get(p.code, datetime.date.min).year != year]
        chosen = (quiet or choices)[0]
        self.used.add(chosen.code)
        return chosen

    def approvers(self, day: datetime.date, member: str | None, count: int) -> tuple[str, list[str]]:
        """The recorder and `count` approvers allowed to approve a payment to `member`."""
        recorder = self.roster.recorder_on(day, member)
        barred = {recorder, member} | (self.roster.relatives(member) if member else set())
        allowed = [t.code for t in self.roster.committee_on(day) if t.code not in barred]
        return recorder, allowed[:count]

    def outflow(
        self,
        day: datetime.date,
        narration: str,
        account: str,
        amount: Decimal,
        meta: dict[str, MetaValue],
        *,
        payee: str | None = None,
        posting_meta: tuple[tuple[str, MetaValue], ...] = (),
        document: bool = True,
    ) -> None:
        """A payment from the cash box, with a voucher unless `document` is False."""
        full = dict(meta)
        self.cash_out += amount
        if document:
            self.serial += 1
            name = f"{day}.pv-{self.book.place.prefix}{be_year(day.year)}-X{self.serial:03d}.pdf"
            full["document"] = name
            self.book.extra_documents.append(
                Voucher(
                    account.replace(":", "/"),
                    name,
                    (f"Planted case {self.serial}", f"Amount: {amount:,.2f} THB"),
                )
            )
        txn = Txn(
            date=day,
            payee=payee,
            narration=narration,
            postings=[
                Posting(account, amount, posting_meta),
                Posting(self.book.account("Assets", CASH), -amount),
            ],
            meta=full,
        )
        self.lines.append(transaction(txn))

    def benefit(
        self,
        day: datetime.date,
        member: str,
        kind: str,
        amount: Decimal,
        *,
        nights: int | None = None,
        approvers: int = 2,
        extra: tuple[str, ...] = (),
        document: bool = True,
    ) -> None:
        """A benefit that is right in every way but the one being planted."""
        recorder, chosen = self.approvers(day, member, approvers)
        meta: dict[str, MetaValue] = {"member": member, "event-date": day - datetime.timedelta(days=5)}
        if nights is not None:
            meta["nights"] = nights
        meta["approved-by"] = " ".join([*chosen, *extra])
        meta["recorded-by"] = recorder
        account = self.book.account("Expenses", "Benefits", kind)
        self.outflow(day, f"สวัสดิการ (กรณีตัวอย่างผิดกฎ) {kind}", account, amount, meta, document=document)


def _in_arrears(settings: Settings, roster: Roster) -> tuple[str, datetime.date]:
    """A member who stopped paying, and a day (five days after the event) while still a member."""
    for person in sorted(roster.people.values(), key=lambda p: p.code):
        if person.fate != "lapsed" or person.stop is None:
            continue
        last = min(person.exit or settings.end, settings.end) - datetime.timedelta(days=1)
        day = person.stop + datetime.timedelta(days=5)
        while day <= last:
            if not roster.paid_up(person.code, day - datetime.timedelta(days=5)):
                return person.code, day
            day += datetime.timedelta(days=7)
    message = "no member falls into arrears in this province; use more members or years"
    raise ValueError(message)


def _month_day(settings: Settings, month: int, day: int) -> datetime.date:
    return datetime.date(settings.start_year, month, day)


def plant_violations(settings: Settings, book: AreaBook, roster: Roster, policy: Policy) -> None:
    """Write `book.violations`: one case of every rule code."""
    plant = Planter(settings, book, roster)
    start, after = settings.start, settings.end.year + 1
    old = start - datetime.timedelta(days=3 * 365)
    settled = lambda p: p.fate == "" and p.joined < old  # noqa: E731

    plant.note("approvals", "a sickness benefit approved by one committee member only")
    plant.benefit(
        _month_day(settings, 7, 6),
        plant.quiet_member(settled).code,
        "Sickness",
        Decimal(400),
        nights=2,
        approvers=1,
    )

    plant.note("self-approval", "the recorder also approves the payment")
    day = _month_day(settings, 7, 13)
    member = plant.quiet_member(settled).code
    plant.benefit(day, member, "Sickness", Decimal(380), nights=2, extra=(roster.recorder_on(day, member),))

    plant.note("missing-document", "a benefit without a supporting document")
    plant.benefit(
        _month_day(settings, 7, 20),
        plant.quiet_member(settled).code,
        "Sickness",
        Decimal(360),
        nights=2,
        document=False,
    )

    plant.note("unknown-member", "a benefit to a code that is not in the register")
    plant.benefit(
        _month_day(settings, 7, 27), f"{book.place.prefix}-9999", "Sickness", Decimal(340), nights=2
    )

    plant.note("inactive-member", "a benefit to a member ten days after they resigned or moved")
    gone = next(
        p for p in sorted(roster.people.values(), key=lambda p: p.code) if p.fate in ("resigned", "moved")
    )
    assert gone.exit is not None
    plant.benefit(gone.exit + datetime.timedelta(days=15), gone.code, "Sickness", Decimal(320), nights=2)

    plant.note("lapsed-member", "a benefit to a member who stopped paying months ago")
    lapsed, day = _in_arrears(settings, roster)
    plant.benefit(day, lapsed, "Sickness", Decimal(300), nights=2)

    plant.note("waiting-period", "a benefit a month after joining, before the 180 waiting days")
    new = plant.quiet_member(lambda p: p.joined >= start and p.fate == "")
    plant.benefit(new.joined + datetime.timedelta(days=40), new.code, "Sickness", Decimal(200), nights=1)

    plant.note("benefit-cap", "400 baht for one night at 200 baht a night")
    plant.benefit(
        _month_day(settings, 8, 10), plant.quiet_member(settled).code, "Sickness", Decimal(400), nights=1
    )

    plant.note("no-benefit-rule", "a benefit of type Other, for which the area has no rule")
    plant.benefit(_month_day(settings, 8, 24), plant.quiet_member(settled).code, "Other", Decimal(300))

    plant.note("receipt-sequence", "a contribution without a receipt number")
    day = _month_day(settings, 8, 28)
    payer = plant.quiet_member(settled).code
    plant.lines.append(
        transaction(
            Txn(
                date=day,
                narration="รับเงินสัจจะนอกวันเก็บ",
                postings=[
                    Posting(book.account("Income", "Contributions"), Decimal(-30), (("member", payer),)),
                    Posting(book.account("Assets", CASH), Decimal(30)),
                ],
                meta={"recorded-by": roster.recorder_on(day)},
            )
        )
    )

    _plant_grants(plant, settings, book, roster)
    _plant_after_period(plant, settings, book, roster, policy, year=after)
    plant.note("seal", "a seal whose digest does not match the sealed months")
    through = _month_day(settings, 3, 31)
    months = ",".join(
        f"{settings.start_year}-{m:02d}=" + hashlib.sha256(f"demo-{m}".encode()).hexdigest()[:16]
        for m in (1, 2, 3)
    )
    total = hashlib.sha256(b"demo-violation").hexdigest()
    plant.lines.append(f'{through} custom "seal" "{book.place.code}" "v1:{total}:{months}"\n')
    header = [
        f"; Planted violations of {book.place.name_th} ({book.place.code}): one case of every rule.",
        "; Written by `welfare demo --violations`; delete this file and its include for a clean book.",
        "",
    ]
    book.violations = "\n".join(header + plant.lines) + "\n"


def _plant_grants(plant: Planter, settings: Settings, book: AreaBook, roster: Roster) -> None:
    grant = next(r.text for r in book.registers if ' custom "grant" ' in r.text)
    code = grant.split('"')[3]
    amount = Decimal(grant.split('"')[6].split()[0])
    ends = datetime.date.fromisoformat(grant.split("ends: ")[1][:10])
    account = book.account("Expenses", "Projects", "Livelihood")

    def spend(day: datetime.date, value: Decimal, grant_code: str, payee: str) -> None:
        recorder, chosen = plant.approvers(day, None, 3 if value >= 10000 else 2)
        meta: dict[str, MetaValue] = {"approved-by": " ".join(chosen), "recorded-by": recorder}
        plant.outflow(
            day,
            f"ค่าใช้จ่ายโครงการ ({grant_code})",
            account,
            value,
            meta,
            payee=payee,
            posting_meta=(("grant", grant_code),),
        )

    plant.note("grant-unknown", "project spending under a grant code that was never declared")
    spend(ends - datetime.timedelta(days=40), Decimal(800), f"{book.place.prefix}-G0000-99", "ร้านอุปกรณ์กีฬา")
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
    spend(
        ends - datetime.timedelta(days=20),
        amount - spent + (amount * Decimal("0.05")).quantize(Decimal(1)),
        code,
        "ร้านผ้าและอุปกรณ์ตัดเย็บ",
    )
    plant.note("grant-period", "spending on the grant after its end")
    spend(ends + datetime.timedelta(days=9), Decimal(600), code, "ร้านถ่ายภาพ")
    plant.note("grant-unreported", "a grant that ended long ago and was never reported")
    declared = datetime.date(settings.start_year, 2, 1)
    unreported = f"{book.place.prefix}-G{be_year(declared.year)}-02"
    plant.lines.append(
        f'{declared} custom "grant" "{unreported}" "{book.place.code}" 5000 THB\n'
        f'  funder: "CODI"\n  ends: {datetime.date(settings.start_year, 6, 30)}\n'
    )


def _plant_after_period(
    plant: Planter, settings: Settings, book: AreaBook, roster: Roster, policy: Policy, *, year: int
) -> None:
    """Cases dated after the period, where no income makes any running cost too much."""
    office = book.account("Expenses", "Admin", "Office")
    travel = book.account("Expenses", "Admin", "Travel")

    def admin(day: datetime.date, account: str, value: Decimal, payee: str) -> None:
        recorder, chosen = plant.approvers(day, None, 2)
        meta: dict[str, MetaValue] = {"approved-by": " ".join(chosen), "recorded-by": recorder}
        plant.outflow(day, "ค่าใช้จ่ายดำเนินงาน", account, value, meta, payee=payee)

    plant.note("split-payment", "two payments to one shop three days apart, together over large-amount")
    admin(datetime.date(year, 1, 5), office, Decimal(6000), "ร้านวัสดุก่อสร้าง")
    admin(datetime.date(year, 1, 8), office, Decimal(5000), "ร้านวัสดุก่อสร้าง")
    plant.note("duplicate-payment", "the same amount to the same payee twice in ten days")
    admin(datetime.date(year, 1, 15), travel, Decimal(700), "รถตู้รับจ้างประจำทาง")
    admin(datetime.date(year, 1, 25), travel, Decimal(700), "รถตู้รับจ้างประจำทาง")
    plant.note(
        "admin-cap", f"running costs in {year}, a year with hardly any income (the four payments above)"
    )
    bank = book.account("Assets", SECOND_BANK)
    cash = book.account("Assets", CASH)
    plant.note("bank-reconciliation", "a second passbook that moves with no balance check")
    plant.lines.append(f"{book.founded} open {bank} THB\n  name-th: {quote('บัญชีเงินฝาก ธ.ก.ส.')}\n")
    limit = policy.cash_limit + 1000 + plant.cash_out
    plant.note("cash-limit", "a cash gift kept overnight above cash-limit, banked the next day")
    gift = datetime.date(settings.end.year, 2, 10)
    recorder = roster.recorder_on(gift)
    plant.lines.append(
        transaction(
            Txn(
                date=gift,
                payee="ผู้มีจิตศรัทธาไม่ประสงค์ออกนาม",
                narration="รับบริจาคเงินสด",
                postings=[Posting(cash, limit), Posting(book.account("Income", "Donations"), -limit)],
                meta={"recorded-by": recorder},
            )
        )
    )
    plant.note("personal-data", "a mobile phone number written in the narration")
    plant.lines.append(
        transaction(
            Txn(
                date=gift + datetime.timedelta(days=1),
                narration="นำเงินบริจาคฝากธนาคาร ติดต่อผู้บริจาค 0812345678",
                postings=[Posting(bank, limit), Posting(cash, -limit)],
                meta={"recorded-by": recorder},
            )
        )
    )
    plant.note("matching-claim", f"matching money for {year}, a year in which nobody paid")
    plant.lines.append(
        transaction(
            Txn(
                date=datetime.date(year, 2, 20),
                payee=book.place.local_gov_th,
                narration=f"เงินสมทบ ปี {be_year(year)}",
                postings=[
                    Posting(cash, Decimal(1000)),
                    Posting(book.account("Income", "Matching", "Local"), Decimal(-1000)),
                ],
                meta={"for-year": year, "recorded-by": roster.recorder_on(datetime.date(year, 2, 20))},
            )
        )
    )
    plant.note("beancount", "a balance check that the passbook does not show")
    plant.lines.append(f"{datetime.date(year, 4, 15)} balance {bank}  999999.00 THB\n")
    plant.note("weakened-bylaw", "a bylaw that lets one person approve a payment alone")
    plant.lines.append(
        f'{datetime.date(year, 12, 1)} custom "bylaw" "{book.place.code}"\n'
        "  approvals-required: 1\n  approvals-large: 3\n"
    )


def reserved_for_violations(settings: Settings, roster: Roster) -> frozenset[str]:
    """Members whose claims the clean generator leaves to `--violations`."""
    return frozenset()
