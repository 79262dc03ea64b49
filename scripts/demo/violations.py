"""`--violations`: one planted case of every rule, in a file of its own, each reported exactly once.

The cases sit in `areas/<slug>/violations.beancount` of the first area, each under a comment
naming its rule and the trick it shows, so that a test (or a trainer) can see every rule fire
once on a realistic book, and delete the file to get a clean book back. Planted money moves
through a second passbook (`Bank:BAAC`) funded by a gift and checked every month it moves, so
the clean part of the book keeps holding: its passbook, cash box and counts stay as they were.
A case that needs the cash box takes the cash from that passbook the same day, so the box
ends the day as the clean book left it. `stale-books` is the one rule no entry can plant: it
compares the book's last day with today, so it fires when the book is read more than 45 days
after `--through` (tests set `WELFARE_TODAY`).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from welfare_ledger.scripts.demo.model import CASH, ONE_DAY, Posting, Txn, Voucher, be_year
from welfare_ledger.scripts.demo.render import money, quote, transaction

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from welfare_ledger.scripts.demo.model import AreaBook, MetaValue, Settings
    from welfare_ledger.scripts.demo.people import Person, Roster
    from welfare_ledger.scripts.demo.policy import Policy

T = TypeVar("T")
SECOND_BANK = "Bank:BAAC"
FUNDING = Decimal(300000)


def first(found: Iterable[T], case: str) -> T:
    """The first of `found`, or a clear refusal naming the case that cannot be planted."""
    for item in found:
        return item
    message = f"--violations finds nobody to plant its {case} case on; use more members or a later --through"
    raise ValueError(message)


def month_after(day: datetime.date) -> datetime.date:
    """The 1st of the month after `day`'s."""
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


class Planter:
    """Writes planted cases that break exactly the rule they are planted for."""

    def __init__(self, settings: Settings, book: AreaBook, roster: Roster, policy: Policy) -> None:
        self.settings = settings
        self.book = book
        self.roster = roster
        self.policy = policy
        self.lines: list[str] = []
        self.serial = 0
        self.used: set[str] = set()
        self.bank = book.account("Assets", SECOND_BANK)
        self.cash = book.account("Assets", CASH)
        self.bank_moves: list[tuple[datetime.date, Decimal]] = []
        self.income: dict[int, Decimal] = defaultdict(Decimal)
        self.admin: dict[int, Decimal] = defaultdict(Decimal)
        self.busy = {
            str(t.meta.get("member")): t.date for t in book.txns if t.outflow and t.meta.get("member")
        }

    def note(self, rule: str, text: str) -> None:
        """A comment naming the rule the next case breaks."""
        self.lines.append(f"; [{rule}] {text}")

    def text(self, directive: str) -> None:
        """A directive written as it is."""
        self.lines.append(directive)

    def entry(self, txn: Txn) -> None:
        """A planted transaction, with the money it moves on the second passbook, income and admin kept."""
        for posting in txn.postings:
            amount = posting.amount or Decimal(0)
            if posting.account == self.bank:
                self.bank_moves.append((txn.date, amount))
            elif posting.account.startswith("Income:"):
                self.income[txn.date.year] -= amount
            elif posting.account.startswith(f"Expenses:{self.book.place.code}:Admin"):
                self.admin[txn.date.year] += amount
        self.lines.append(transaction(txn))

    def quiet_member(self, case: str, test: Callable[[Person], bool], year: int | None = None) -> Person:
        """A member the test accepts, not on the committee, no household, no outflow in `year`."""
        committee = {t.code for t in self.roster.terms}
        related = {code for pair in self.roster.relations for code in pair[:2]}
        year = year or self.settings.start_year
        people = sorted(self.roster.people.values(), key=lambda p: p.code)
        choices = [p for p in people if p.code not in committee | related | self.used and test(p)]
        choices = choices or [p for p in people if p.code not in committee and test(p)]
        quiet = [p for p in choices if self.busy.get(p.code, datetime.date.min).year != year]
        chosen = first(quiet or choices, case)
        self.used.add(chosen.code)
        return chosen

    def approvers(self, day: datetime.date, member: str | None, count: int) -> tuple[str, list[str]]:
        """The recorder and `count` approvers allowed to approve a payment to `member`."""
        recorder = self.roster.recorder_on(day, member)
        barred = {recorder, member} | (self.roster.relatives(member) if member else set())
        allowed = [t.code for t in self.roster.committee_on(day) if t.code not in barred]
        return recorder, allowed[:count]

    def approved(
        self, day: datetime.date, amount: Decimal, member: str | None = None
    ) -> dict[str, MetaValue]:
        """`approved-by` and `recorded-by` as the bylaw asks them for `amount`."""
        recorder, chosen = self.approvers(day, member, 3 if amount >= self.policy.large_amount else 2)
        return {"approved-by": " ".join(chosen), "recorded-by": recorder}

    def voucher(self, day: datetime.date, account: str, amount: Decimal) -> str:
        """A new voucher of a planted payment, filed in the account's documents folder."""
        self.serial += 1
        name = f"{day}.pv-{self.book.place.prefix}{be_year(day.year)}-X{self.serial:03d}.pdf"
        lines = (f"Planted case {self.serial}", f"Amount: {amount:,.2f} THB")
        self.book.extra_documents.append(Voucher(account.replace(":", "/"), name, lines))
        return name

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
        document: str | bool = True,
        cash: bool = False,
    ) -> None:
        """A payment from the second passbook (or the cash box, refilled from it the same day)."""
        full = dict(meta)
        if document:
            full["document"] = document if isinstance(document, str) else self.voucher(day, account, amount)
        source = self.cash if cash else self.bank
        if cash:
            self.entry(
                Txn(
                    date=day,
                    narration="ถอนเงินสดจากบัญชี ธ.ก.ส.",
                    postings=[Posting(self.cash, amount), Posting(self.bank, -amount)],
                    meta={"recorded-by": self.roster.recorder_on(day)},
                )
            )
        self.entry(
            Txn(
                date=day,
                payee=payee,
                narration=narration,
                postings=[Posting(account, amount, posting_meta), Posting(source, -amount)],
                meta=full,
            )
        )

    def benefit(
        self,
        day: datetime.date,
        member: str,
        kind: str,
        amount: Decimal,
        *,
        nights: int | None = None,
        approvers: int | None = None,
        extra: tuple[str, ...] = (),
        document: bool = True,
        event: datetime.date | None = None,
        meta: dict[str, MetaValue] | None = None,
        cash: bool = False,
    ) -> None:
        """A benefit that is right in every way but the one being planted."""
        needed = approvers or (3 if amount >= self.policy.large_amount else 2)
        recorder, chosen = self.approvers(day, member, needed)
        full: dict[str, MetaValue] = {
            "member": member,
            "event-date": event or day - datetime.timedelta(days=5),
        }
        if nights is not None:
            full["nights"] = nights
        full.update(meta or {})
        full["approved-by"] = " ".join([*chosen, *extra])
        full["recorded-by"] = recorder
        account = self.book.account("Expenses", "Benefits", kind)
        text = f"สวัสดิการ (กรณีตัวอย่างผิดกฎ) {kind}"
        self.outflow(day, text, account, amount, full, document=document, cash=cash)

    def inflow(
        self,
        day: datetime.date,
        narration: str,
        account: str,
        amount: Decimal,
        *,
        payee: str | None = None,
        meta: dict[str, MetaValue] | None = None,
    ) -> None:
        """Money into the second passbook from an income account."""
        full: dict[str, MetaValue] = {**(meta or {}), "recorded-by": self.roster.recorder_on(day)}
        postings = [Posting(self.bank, amount), Posting(account, -amount)]
        self.entry(Txn(date=day, payee=payee, narration=narration, postings=postings, meta=full))

    def passbook_checks(
        self, *, unchecked: datetime.date, tolerant: datetime.date, wrong: datetime.date
    ) -> None:
        """The second passbook checked, with its statement, every month it moved but the month of `unchecked`.

        The check of `tolerant`'s month allows a difference (`~`, rule `book-options`), and one more
        check on `wrong` asserts a balance the passbook does not show (rule `beancount`).
        """
        months = sorted({(d.year, d.month) for d, _ in self.bank_moves})
        self.note(
            "bank-reconciliation", f"the second passbook moved in {unchecked:%Y-%m} and nobody checked it"
        )
        for year, month in months:
            checked = month_after(datetime.date(year, month, 1))
            if (year, month) == (unchecked.year, unchecked.month) or checked > self.settings.end:
                continue
            held = sum((a for d, a in self.bank_moves if d < checked), Decimal(0))
            tolerance = " ~ 1.00" if (year, month) == (tolerant.year, tolerant.month) else ""
            if tolerance:
                self.note(
                    "book-options", "a tolerance on the second passbook's balance: it may differ unseen"
                )
            self.balance(checked, money(held).replace(" THB", f"{tolerance} THB"), held)
        held = sum((a for d, a in self.bank_moves if d < wrong), Decimal(0))
        self.note("beancount", "a balance copied from an altered passbook, which the books do not show")
        self.balance(wrong, money(held + 99999), held + 99999)

    def balance(self, day: datetime.date, amount: str, shown: Decimal) -> None:
        """A balance of the second passbook, with the statement page it was copied from."""
        name = f"{day}.statement-{self.book.place.prefix}-BAAC.pdf"
        lines = ("BAAC: statement of account", f"Balance on {day}: {shown:,.2f} THB")
        self.book.extra_documents.append(Voucher(self.bank.replace(":", "/"), name, lines))
        self.text(f'{day} balance {self.bank}  {amount}\n  document: "{name}"\n')


def reserved_for_violations(settings: Settings, roster: Roster) -> frozenset[str]:
    """The member whose death benefit `--violations` pays to a stranger (the clean book leaves it unpaid)."""
    for person in sorted(roster.people.values(), key=lambda p: p.code):
        death = person.exit
        if person.fate != "deceased" or death is None or person.nominee is None:
            continue
        if (
            (death - person.joined).days >= 400
            and death + 15 * ONE_DAY <= settings.end
            and roster.paid_up(person.code, death)
        ):
            return frozenset({person.code})
    return frozenset()


def plant_violations(settings: Settings, book: AreaBook, roster: Roster, policy: Policy) -> None:
    """Write `book.violations`: one case of every rule code."""
    from welfare_ledger.scripts.demo import planted_benefits, planted_books

    plant = Planter(settings, book, roster, policy)
    plant.text(f"{book.founded} open {plant.bank} THB\n  name-th: {quote('บัญชีเงินฝาก ธ.ก.ส.')}\n")
    plant.inflow(
        datetime.date(settings.start_year, 1, 16),
        "รับบริจาคเข้าบัญชีเงินฝาก ธ.ก.ส.",
        book.account("Income", "Donations"),
        FUNDING,
        payee="บริษัทในพื้นที่ (กิจกรรมเพื่อสังคม)",
    )
    planted_benefits.plant(plant, reserved_for_violations(settings, roster))
    planted_books.plant(plant)
    header = [
        f"; Planted violations of {book.place.name_th} ({book.place.code}): one case of every rule.",
        "; Written by `welfare demo --violations`; delete this file and its include for a clean book.",
        "",
    ]
    book.violations = "\n".join(header + plant.lines) + "\n"
