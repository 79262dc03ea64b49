"""The facts layer: one pass over a loaded book, classifying every account and posting once.

`build_book` reads the registers, then walks the transactions once, turning each into the facts
of `plugins.facts` (outflows, inflows, benefits, contributions, member uses, grant and matching
postings) and the month sums of the reports. Derived indexes (fund money by day, payment and
benefit histories, effective bylaws, `policy(area, day)`) are built on first use. Rules, reports,
Fava pages and the export all read this one object; nothing else sums money on its own.
"""

from __future__ import annotations

import contextvars
import datetime
import functools
from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from beancount.core.data import Balance, Open, Pad, Transaction
from welfare_ledger.plugins.accounts import Kind, classify
from welfare_ledger.plugins.config import DEFAULT, AuditConfig
from welfare_ledger.plugins.documents import DocumentFinder, Folders
from welfare_ledger.plugins.facts import (
    Benefit,
    Contribution,
    GrantPosting,
    Inflow,
    MatchingPosting,
    MemberUse,
    Opening,
    Outflow,
    documents_of,
)
from welfare_ledger.plugins.findings import Finding, Severity, finding_at
from welfare_ledger.plugins.i18n import Msg
from welfare_ledger.plugins.indexes import BenefitHistory, Flows, FundIndex, PaymentHistory, Running
from welfare_ledger.plugins.policy import EffectiveBylaws, Policies, Policy, effective_bylaws
from welfare_ledger.plugins.register_reader import build_register
from welfare_ledger.plugins.values import Bad, code_text, read_date, read_decimal, split_codes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from beancount.core.data import Directive, Meta, Posting
    from welfare_ledger.plugins.registers import Register

ZERO = Decimal(0)
CURRENCY = "THB"
MSG_META = "The metadata {key} of this entry {reason}; it is not used. Correct it."
MSG_MEMBER_NOT_TEXT = (
    "The member code {member} is written without quotes, so it is read as a number; write it as "
    'text, e.g. member: "{member}".'
)
BROUGHT_FORWARD = "brought_forward"


def contribution_year(value: Any) -> int | None:
    """The year of a `for-year` value; a Buddhist Era year (e.g. 2565) is turned into CE."""
    number = read_decimal(value) if not isinstance(value, datetime.date) else Decimal(value.year)
    if isinstance(number, Bad) or number != number.to_integral_value():
        return None
    year = int(number)
    year = year - 543 if year >= 2400 else year
    return year if datetime.MINYEAR < year < datetime.MAXYEAR else None


def report_column(account: str, *, brought_forward: bool) -> str | None:
    """The report column money on `account` counts in.

    In an opening transaction (`brought_forward`: it posts to `Equity:A:Opening`), income is
    carried over from older books and counts as `brought_forward`; spending carried over counts
    in no column of the year.
    """
    info = classify(account)
    if not brought_forward:
        return info.column
    return BROUGHT_FORWARD if info.income and info.column else None


def opens_balances(txn: Transaction) -> bool:
    """Whether a transaction posts to an area's `Equity:A:Opening`."""
    return any(classify(posting.account).kind is Kind.OPENING for posting in txn.postings)


class _AreaPart:
    """What one transaction did to one area, gathered while its postings are walked."""

    __slots__ = ("cash", "debits", "expenses", "fund", "fund_members", "others", "spending")

    def __init__(self) -> None:
        self.fund = ZERO
        self.cash = ZERO
        self.spending = ZERO
        self.expenses: list[tuple[Posting, str, str | None, Decimal]] = []
        self.others: list[tuple[str, Decimal]] = []
        self.debits: list[tuple[Posting, str, str | None, Decimal]] = []
        """Every posting outside fund money that received money: where an outflow went."""
        self.fund_members: list[str] = []


class Book:
    """A loaded book with its registers and the facts every rule, report and page reads."""

    def __init__(  # noqa: PLR0915  (one statement per fact of the book, each with its docstring)
        self, entries: Sequence[Directive], options: dict[str, Any], config: AuditConfig = DEFAULT
    ) -> None:
        self.entries = entries
        self.options = options
        self.config = config
        self.register: Register = build_register(entries)
        self.transactions: list[Transaction] = []
        self.outflows: list[Outflow] = []
        self.inflows: list[Inflow] = []
        self.benefits: list[Benefit] = []
        self.contributions: list[Contribution] = []
        self.contributions_by_member: dict[str, list[Contribution]] = defaultdict(list)
        self.member_uses: list[MemberUse | Contribution] = []
        """Every use of a member code, in book order. A contribution whose posting names its member
        is that use itself, so a collection day makes one object per member, not two."""
        self.grant_postings: list[GrantPosting] = []
        self.matching: list[MatchingPosting] = []
        self.flows = Flows()
        """Money by area, month and report column: the year's own figures (openings apart)."""
        self.openings: dict[str, list[Opening]] = defaultdict(list)
        """What each area's opening transactions brought forward, in date order."""
        self.findings: list[Finding] = []
        """Metadata values of transactions that could not be read (rule `register`)."""
        self.first_use: dict[str, Transaction] = {}
        """Each account's first transaction: where the chart rule points."""
        self.foreign: list[tuple[Transaction, Posting]] = []
        """Postings of area accounts in a currency other than THB."""
        self.priced: list[tuple[Transaction, Posting]] = []
        """Baht postings of area accounts with a price or cost: their weight is not their baht."""
        self.unreturned: list[Benefit] = []
        """Credited benefit postings naming a member for which no money came back to the fund."""
        self.equity: list[tuple[Transaction, str]] = []
        """Transactions posting to an area's `Equity` accounts, with the area."""
        self.pads: list[Pad] = []
        self.balances: list[Balance] = []
        self.opens: list[Open] = []
        self.seal_lines: dict[str, Any] = {}
        """Canonical lines of sealed areas, gathered once and shared by rule `seal` and `welfare seal`."""
        self.advance_moves: list[tuple[str, Decimal, Transaction]] = []
        """Every change of an `Assets:A:Advances:<Code>` account in date order: cash out and back."""
        self.file_hashes: dict[str, str] = {}
        """SHA-256 of the vouchers read in this audit by normalised path (rules `seal`, `document-reuse`)."""
        self.first_dates: dict[str, datetime.date] = {}
        """The date of each area's first transaction (opening balances belong on it)."""
        self.last_entry: Transaction | Balance | None = None
        """The book's last transaction or balance assertion."""
        self.last_date: datetime.date | None = None
        """The date of the book's last entry: the day through which the books are written."""
        self._fund_moves: dict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
        self._cash_moves: dict[str, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
        self._cash_entries: dict[tuple[str, datetime.date], Transaction] = {}
        self._bank_moves: dict[tuple[str, int, int], Transaction] = {}
        self._padding_sources: set[tuple[str, int]] = set()
        self._scan()

    # -- the one pass -------------------------------------------------------------------------

    def _scan(self) -> None:
        for entry in self.entries:
            if isinstance(entry, Pad):
                self.pads.append(entry)
                self._padding_sources.add(_location(entry.meta))
        last = None
        for entry in self.entries:
            if isinstance(entry, Transaction):
                self.transactions.append(entry)
                self._transaction(entry)
            elif isinstance(entry, Balance):
                self.balances.append(entry)
            elif isinstance(entry, Open):
                self.opens.append(entry)
                continue
            else:
                continue
            if last is None or entry.date >= last.date:
                last = entry
        self.last_entry = last
        self.last_date = last.date if last else max((entry.date for entry in self.entries), default=None)

    def _register_problem(self, txn: Transaction, meta: Meta | None, msgid: str, **params: Any) -> None:
        """A metadata value of a transaction that cannot be read as written: a `register` finding."""
        self.findings.append(
            finding_at(
                "register",
                Severity.ERROR,
                meta,
                date=txn.date,
                area=_first_area(txn),
                msgid=msgid,
                entry=txn,
                **params,
            )
        )

    def meta_problem(self, txn: Transaction, meta: Meta, key: str, bad: Bad) -> None:
        """A metadata value of a transaction that cannot be read."""
        self._register_problem(txn, meta, MSG_META, key=key, reason=Msg(bad.reason, bad.params))

    def _member_code(self, txn: Transaction, meta: Meta | None, value: Any) -> str:
        code = code_text(value)
        if not isinstance(value, str):
            self._register_problem(txn, meta, MSG_MEMBER_NOT_TEXT, member=code)
        return code

    def _transaction(self, txn: Transaction) -> None:  # noqa: PLR0912, PLR0915  (the one hot loop)
        txn_meta = txn.meta
        raw_member = txn_meta.get("member")
        txn_member = self._member_code(txn, txn_meta, raw_member) if raw_member is not None else None
        txn_receipt = txn_meta.get("receipt")
        date = txn.date
        parts: dict[str, _AreaPart] = {}
        totals: dict[str, Decimal] = {}
        has_opening = False
        first_use = self.first_use
        member_uses = self.member_uses
        contributions: list[Contribution] = []
        for posting in txn.postings:
            account = posting.account
            if account not in first_use:
                first_use[account] = txn
            info = classify(account)
            area = info.area
            units = posting.units
            number = units.number if units is not None and units.number is not None else ZERO
            if area is None:
                continue
            if units is not None and units.currency != CURRENCY:
                self.foreign.append((txn, posting))
                continue
            if posting.price is not None or posting.cost is not None:
                self.priced.append((txn, posting))
            totals[account] = totals.get(account, ZERO) + number
            part = parts.get(area)
            if part is None:
                part = parts[area] = _AreaPart()
            meta = posting.meta
            raw = meta.get("member") if meta else None
            member = raw if type(raw) is str or raw is None else self._member_code(txn, meta, raw)
            kind = info.kind
            if info.fund:
                part.fund += number
                if kind is Kind.CASH:
                    part.cash += number
                elif kind is Kind.BANK and number:
                    self._bank_moves.setdefault((account, date.year, date.month), txn)
                elif kind is Kind.ADVANCE and number:
                    self.advance_moves.append((account, number, txn))
                if member is not None:
                    part.fund_members.append(member)
                    member_uses.append(MemberUse(member, date, meta, txn, area))
                continue
            if kind is Kind.CONTRIBUTIONS:
                own = member if member is not None else txn_member
                receipt = meta.get("receipt", txn_receipt) if meta else txn_receipt
                contribution = Contribution(
                    date,
                    area,
                    account,
                    own,
                    -number,
                    receipt if type(receipt) is str or receipt is None else code_text(receipt),
                    meta if meta and ("member" in meta or "receipt" in meta) else txn_meta,
                    txn,
                    False,
                )
                contributions.append(contribution)
                if member is not None:
                    member_uses.append(contribution)
                if number > ZERO:
                    part.debits.append((posting, account, member, number))
                continue
            if number > ZERO:
                part.debits.append((posting, account, member, number))
            if info.expense:
                part.expenses.append((posting, account, member, number))
                if number > ZERO:
                    part.spending += number
                if member is not None:
                    member_uses.append(MemberUse(member, date, meta, txn, area))
                if kind is Kind.PROJECT:
                    self._grant(txn, posting, area, received=False, amount=number)
                continue
            part.others.append((account, number))
            if kind is Kind.OPENING or info.root == "Equity":
                has_opening = has_opening or kind is Kind.OPENING
                self.equity.append((txn, area))
            elif kind is Kind.GRANTS:
                self._grant(txn, posting, area, received=True, amount=-number)
            elif kind is Kind.MATCHING and info.matching_source is not None:
                self._matching(txn, posting, area, info.matching_source, -number)
            if member is not None:
                member_uses.append(MemberUse(member, date, meta, txn, area))
        for contribution in contributions:
            contribution.brought_forward = has_opening
            self.contributions.append(contribution)
            if contribution.member:
                self.contributions_by_member[contribution.member].append(contribution)
        if txn_member is not None:
            self.member_uses.append(MemberUse(txn_member, date, txn_meta, txn, _first_area(txn)))
        # A `lineno` Beancount records is an int; one written as metadata (a Decimal) fakes a pad's place.
        padding = (
            txn.flag == "P"
            and isinstance(txn_meta.get("lineno"), int)
            and _location(txn_meta) in self._padding_sources
        )
        for area, part in parts.items():
            self._area_part(txn, area, part, txn_member, padding)
        if has_opening:
            self._count_opening(txn, totals, parts)
        else:
            self._count_flows(txn, totals)

    def _area_part(
        self, txn: Transaction, area: str, part: _AreaPart, txn_member: str | None, padding: bool
    ) -> None:
        date = txn.date
        self.first_dates.setdefault(area, date)
        if part.fund:
            self._fund_moves[area].append((date, part.fund))
        if part.cash:
            self._cash_moves[area].append((date, part.cash))
            self._cash_entries[(area, date)] = txn
        fall = -part.fund if part.fund < ZERO else ZERO
        if fall == ZERO and part.spending == ZERO:
            if part.fund > ZERO:
                self.inflows.append(Inflow(txn, area, part.fund))
            self._paybacks(txn, area, part, txn_member)
            return
        payer = part.fund_members[0] if part.fund_members else None
        benefits = self._benefits(txn, area, part, txn_member or payer)
        members = tuple(dict.fromkeys(b.member for b in benefits if b.amount > ZERO))
        if not members and (txn_member or payer):
            members = (str(txn_member or payer),)
        recorded = split_codes(txn.meta.get("recorded-by"))
        outflow = Outflow(
            txn=txn,
            area=area,
            amount=max(fall, part.spending),
            fund_fall=fall,
            spending=part.spending,
            expense_accounts=tuple(dict.fromkeys(account for _, account, _, n in part.expenses if n > ZERO)),
            destinations=tuple(dict.fromkeys(account for account, n in part.others if n > ZERO)),
            members=members,
            approvers=split_codes(txn.meta.get("approved-by")),
            recorded_by=recorded[0] if recorded else None,
            documents=documents_of(txn.meta),
            padding=padding,
            benefits=tuple(benefits),
            cash=part.cash < ZERO,
        )
        self.outflows.append(outflow)
        self.benefits.extend(benefits)

    def _benefits(
        self, txn: Transaction, area: str, part: _AreaPart, txn_member: str | None
    ) -> list[Benefit]:
        """The benefits of an outflow: each posting that received money under a member's code.

        The member is the one written on the posting, else on the transaction (or on its fund
        posting). Wherever the money went (an expense, Equity, another area, a contribution
        "refund"), money paid to a member is a benefit; off a benefit account it has no type.
        """
        found: list[Benefit] = []
        for posting, account, member, number in part.debits:
            code = member if member is not None else txn_member
            if code is None:
                continue
            meta = posting.meta if member is not None and posting.meta else txn.meta
            found.append(self._benefit(txn, area, code, account=account, amount=number, meta=meta))
        return found

    def _paybacks(self, txn: Transaction, area: str, part: _AreaPart, txn_member: str | None) -> None:
        """Benefits paid back (credited expense postings naming a member) count against the year's use.

        Only as much as came back into the fund's money: a credit against income or another
        expense returns nothing, so it gives back no share of a cap (it is kept in `unreturned`).
        """
        returned = part.fund if part.fund > ZERO else ZERO
        for posting, account, member, number in part.expenses:
            code = member if member is not None else txn_member
            if code is None or number >= ZERO:
                continue
            meta = posting.meta if member is not None and posting.meta else txn.meta
            back = min(-number, returned)
            returned -= back
            if back:
                self.benefits.append(self._benefit(txn, area, code, account=account, amount=-back, meta=meta))
            if back < -number:
                self.unreturned.append(
                    self._benefit(txn, area, code, account=account, amount=-number - back, meta=meta)
                )

    def _benefit(
        self, txn: Transaction, area: str, member: str, *, account: str, amount: Decimal, meta: Meta
    ) -> Benefit:
        info = classify(account)
        kind = info.benefit_type if info.kind is Kind.BENEFIT and info.area == area else None
        event = txn.date
        raw_event = meta.get("event-date", txn.meta.get("event-date"))
        if raw_event is not None:
            read = read_date(raw_event)
            if isinstance(read, Bad):
                self.meta_problem(txn, meta, "event-date", read)
            else:
                event = read
        nights = None
        raw_nights = meta.get("nights", txn.meta.get("nights"))
        if raw_nights is not None:
            read_nights = read_decimal(raw_nights)
            if isinstance(read_nights, Bad):
                self.meta_problem(txn, meta, "nights", read_nights)
            else:
                nights = read_nights
        return Benefit(txn, area, member, kind, account, amount, event, nights, meta)

    def _grant(
        self, txn: Transaction, posting: Posting, area: str, *, received: bool, amount: Decimal
    ) -> None:
        code: str | None = None
        where = txn.meta
        for meta in (posting.meta, txn.meta):
            if meta and "grant" in meta:
                code = code_text(meta["grant"]) or None
                where = meta
                break
        self.grant_postings.append(GrantPosting(txn, posting, area, code, received, amount, where))

    def _matching(self, txn: Transaction, posting: Posting, area: str, source: str, amount: Decimal) -> None:
        meta = posting.meta if posting.meta and "for-year" in posting.meta else txn.meta
        raw = meta.get("for-year")
        year = None
        if raw is not None:
            year = contribution_year(raw)
            if year is None:
                self.meta_problem(txn, meta, "for-year", Bad("is not a year"))
        self.matching.append(MatchingPosting(txn, meta, area, source, year, amount))

    def _count_flows(self, txn: Transaction, totals: dict[str, Decimal]) -> None:
        date = txn.date
        flows = self.flows
        for account, total in totals.items():
            info = classify(account)
            column = report_column(account, brought_forward=False)
            if column is None or info.area is None or not total:
                continue
            flows.add(info.area, date, column, -total if info.income else total)

    def _count_opening(
        self, txn: Transaction, totals: dict[str, Decimal], parts: dict[str, _AreaPart]
    ) -> None:
        """An opening transaction: what it carries over is kept apart, its income as `brought_forward`."""
        columns: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for account, total in totals.items():
            info = classify(account)
            if info.column is None or info.area is None or not total:
                continue
            amount = -total if info.income else total
            by_column = columns[info.area]
            by_column[info.column] = by_column.get(info.column, ZERO) + amount
            counted = report_column(account, brought_forward=True)
            if counted is not None:
                self.flows.add(info.area, txn.date, counted, amount)
        for area, part in parts.items():
            if part.fund or columns.get(area):
                self.openings[area].append(Opening(txn.date, area, part.fund, columns.get(area, {})))

    # -- derived indexes ----------------------------------------------------------------------

    @functools.cached_property
    def fund(self) -> FundIndex:
        """Fund money and cash box of each area by day, bank moves by month."""
        return FundIndex(
            fund={area: Running(moves) for area, moves in self._fund_moves.items()},
            cash={area: Running(moves) for area, moves in self._cash_moves.items()},
            cash_entries=self._cash_entries,
            bank_moves=self._bank_moves,
        )

    @functools.cached_property
    def documents(self) -> DocumentFinder:
        """Resolves `document:` values to files inside the book's folders (folders listed once)."""
        return DocumentFinder(self.options, Folders())

    @functools.cached_property
    def payments(self) -> PaymentHistory:
        """Members' cumulative contributions."""
        return PaymentHistory(self.contributions_by_member)

    @functools.cached_property
    def savings(self) -> PaymentHistory:
        """Members' own savings in these books, which matching money counts.

        Contributions booked in the member's own area; savings brought forward from an older
        register are left out.
        """
        members = self.register.members
        own: dict[str, list[Contribution]] = defaultdict(list)
        for code, contributions in self.contributions_by_member.items():
            member = members.get(code)
            if member is None:
                continue
            own[code] = [c for c in contributions if c.area == member.area and not c.brought_forward]
        return PaymentHistory(own)

    @functools.cached_property
    def benefit_history(self) -> BenefitHistory:
        """Members' benefits by event, net of paybacks."""
        return BenefitHistory(self.benefits)

    @functools.cached_property
    def bylaws(self) -> EffectiveBylaws:
        """Every bylaw version made effective, with refused values and unbacked loosenings."""
        return effective_bylaws(self.register, self.fund.most_held())

    @functools.cached_property
    def policies(self) -> Policies:
        """`policy(area, day)` over the effective bylaws and the config."""
        return Policies(self.bylaws, self.config)

    def policy(self, area: str, day: datetime.date) -> Policy:
        """The limits in force for `area` on `day`."""
        return self.policies(area, day)

    @property
    def areas(self) -> list[str]:
        """The declared areas, in code order."""
        return sorted(self.register.areas)

    def all_areas(self) -> list[str]:
        """Declared areas and any area whose accounts hold money, in code order."""
        return sorted(set(self.register.areas) | set(self._fund_moves) | self.flows.areas())

    def through(self, today: datetime.date) -> datetime.date:
        """The day the books are read as of: their last entry, never after `today`."""
        return min(self.last_date, today) if self.last_date else today


def _location(meta: Meta | None) -> tuple[str, int]:
    meta = meta or {}
    return str(meta.get("filename", "")), int(meta.get("lineno", 0) or 0)


def _first_area(txn: Transaction) -> str:
    for posting in txn.postings:
        area = classify(posting.account).area
        if area:
            return area
    return ""


HANDOFF: contextvars.ContextVar[list[Book] | None] = contextvars.ContextVar(
    "welfare_book_handoff", default=None
)
"""Set by a command around its load, so the facts the plugin built during the load reach it."""


def build_book(
    entries: Sequence[Directive], options: dict[str, Any], config: AuditConfig | None = None
) -> Book:
    """The facts of `entries`, built in one pass (with `config`'s tightenings, or none).

    Inside a command's load (`HANDOFF` set), the facts the plugin built for the very same entry
    objects are handed back instead of a second pass; `config=None` takes them whatever config
    the plugin was given.
    """
    handed = HANDOFF.get()
    if handed:
        latest = handed[-1]
        same_config = config is None or latest.config == config
        if latest.options is options and same_config and _same_entries(latest.entries, entries):
            return latest
    book = Book(entries, options, config or DEFAULT)
    if handed is not None:
        handed[:] = [book]
    return book


def _same_entries(first: Sequence[Directive], second: Sequence[Directive]) -> bool:
    return len(first) == len(second) and all(a is b for a, b in zip(first, second, strict=True))
