"""Bank statements: one transaction per row, exact against the statement's own balances, or refused.

The columns are found by name (see `FIELDS`) whatever the bank calls them, and the money by
whichever form the file uses: withdrawal and deposit columns (withdrawals may be written
negative, as Kasikorn's K BIZ does), one signed amount (SCB writes `+`/`-`), or an unsigned
amount with an in/out direction column (OCR tools). Where the file prints running balances,
each must follow from the one before (`running`); two-digit years are settled from the
file's own four-digit dates (`years`); a brought-forward row is a balance to check against,
not a movement; rows that continue the description of the row above (PDF converters) are
joined to it. The closing balance becomes a `balance` assertion whose `document` is the
statement file.

The other leg is what `classify` finds in the description, marked `*`; money it cannot place
goes to `Income:A:Unclassified` or `Expenses:A:Unclassified`, outside the chart, flagged `!`,
so that `welfare check` fails until the treasurer places it. Descriptions are made safe to
publish: names after honorifics, ID and phone numbers masked (`plugins.privacy`), markup
made its full-width look-alike (`plugins.markup_chars`).
"""

from __future__ import annotations

import collections
import datetime
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from beancount.core import data, flags
from beancount.core.amount import Amount as BeanAmount
from beangulp import extract
from welfare_ledger.importers import running, years
from welfare_ledger.importers.base import CURRENCY, SheetImporter, number_of, posting
from welfare_ledger.importers.chart import unclassified
from welfare_ledger.importers.classify import DIRECTIONS, Classifier, load_rules
from welfare_ledger.importers.columns import Amount, StatementDate, Text
from welfare_ledger.importers.problems import ImportProblem, printable
from welfare_ledger.importers.sheet import Cells, Field, Header, header_key
from welfare_ledger.importers.thai import TwoDigitYear, clean
from welfare_ledger.plugins.markup_chars import neutralise_markup
from welfare_ledger.plugins.privacy import mask_text

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterator

ZERO = Decimal(0)
OpenYears = list[tuple[int, Any]]
Key = tuple[str, datetime.date, Any]
BROUGHT_FORWARD = ("ยอดยกมา", "ยอดเงินยกมา", "ยอดคงเหลือยกมา", "ยกมา", "brought forward",
                   "balance brought forward", "balance b/f", "b/f", "beginning balance", "opening balance",
                   "ยอดเงินคงเหลือยกมา")
ENDING = ("รวม", "ยอดรวม", "total", "ยอดยกไป", "carried forward", "balance c/f", "c/f", "ending balance",
          "closing balance", "ยอดคงเหลือยกไป")
PAGE_MARK = re.compile(r"(?:page|หน้าที่|หน้า)\s*\d+(?:\s*(?:of|/|จาก)\s*\d+)?", re.IGNORECASE)
DIRECTION_WORDS = {**DIRECTIONS, "cr": 1, "dr": -1, "โอนเข้า": 1, "โอนออก": -1, "รายรับ": 1, "รายจ่าย": -1,
                   "income": 1, "expense": -1, "received": 1, "paid": -1, "เงินเข้า": 1, "เงินออก": -1}


def mask_numbers(text: str) -> str:
    """A description fit to publish: names, ID and phone numbers and long numbers masked."""
    return mask_text(text)


class BankImporter(SheetImporter):
    """A bank statement (CSV, XLSX or HTML table) of one of the area's bank accounts.

    Args:
      account: The bank account, `Assets:A:Bank:<Name>`.
      flag: The flag of rows the importer could classify.
      rules: The area's own rules file of patterns (see `classify`), if it has one.

    """

    FIELDS: ClassVar[tuple[Field, ...]] = (
        Field("date", ("วันที่", "Date", "วันที่ทำรายการ", "Transaction date", "Trans. Date", "Trans Date",
                       "วัน/เดือน/ปี", "วันที่รายการ", "Posting date", "Value date", "วันที่มีผล", "Txn Date")),
        Field("description", ("รายการ", "Description", "Descriptions", "Transaction", "Transaction Type",
                              "ประเภทรายการ", "Particulars", "Narrative", "รายการธุรกรรม"), required=False),
        Field("details", ("รายละเอียด", "Details", "Transaction Details", "Detail", "รายละเอียดเพิ่มเติม"),
              required=False),
        Field("code", ("รหัสรายการ", "Transaction Code", "Code", "Tran Code"), required=False),
        Field("withdrawal", ("ถอน", "Withdrawal", "Withdrawals", "ถอนเงิน", "Debit", "เดบิต", "Debit Amount",
                             "ถอนเงิน/โอนออก", "จำนวนเงินถอน", "เงินออก", "Money out", "Paid out", "Withdraw"),
              required=False),
        Field("deposit", ("ฝาก", "Deposit", "Deposits", "ฝากเงิน", "Credit", "เครดิต", "Credit Amount",
                          "ฝากเงิน/โอนเข้า", "จำนวนเงินฝาก", "เงินเข้า", "Money in", "Paid in"), required=False),
        Field("amount", ("จำนวนเงิน", "Amount", "ยอดเงิน", "จำนวน", "Transaction Amount"), required=False),
        Field("direction", ("ทิศทาง", "Direction", "In/Out", "Dr/Cr", "เข้า/ออก", "รับ/จ่าย", "Debit/Credit",
                            "Flow"), required=False),
        Field("balance", ("คงเหลือ", "Balance", "ยอดคงเหลือ", "ยอดเงินคงเหลือ", "Outstanding Balance",
                          "Ledger Balance", "Running Balance", "Available Balance"), required=False),
    )
    KIND = "bank statement"

    date = StatementDate("date")
    description = Text("description", default="")
    details = Text("details", default="")
    code = Text("code", default="")
    withdrawal = Amount("withdrawal")
    deposit = Amount("deposit")
    amount = Amount("amount")
    direction = Text("direction", default="")
    balance = Amount("balance")

    def __init__(self, account: str, flag: str = "*", rules: str | Path | None = None) -> None:
        super().__init__(account, flag)
        self.rules = None if rules is None else str(rules)

    def complete(self, found: set[str]) -> bool:
        """A date, a description, and the money as two columns, one signed amount, or amount and direction."""
        texts = found & {"description", "details"}
        money = found & {"withdrawal", "deposit", "amount"}
        return "date" in found and bool(texts) and bool(money)

    def missing(self, header: Header) -> list[str]:
        """What the header lacks of `complete`: a date, a description, a way to read the money."""
        found = set(header.index)
        lacks = [] if "date" in found else ["วันที่/Date"]
        if not found & {"description", "details"}:
            lacks.append("รายการ/Description")
        if not found & {"withdrawal", "deposit", "amount"}:
            lacks.append("ถอน/Withdrawal + ฝาก/Deposit (or จำนวนเงิน/Amount)")
        return lacks

    def skipped(self, cells: Cells, date_column: int) -> bool:
        """Totals and carried-forward rows are skipped; brought-forward rows are read (their balance)."""
        if 0 <= date_column < len(cells) and str(cells[date_column] or "").lstrip()[:1].isdigit():
            return False
        if any(header_key(cell).startswith(BROUGHT_FORWARD) for cell in cells):
            return False
        return super().skipped(cells, date_column) or _is_ending(cells, date_column) or _is_page_mark(cells)

    @functools.cached_property
    def classifier(self) -> Classifier:
        """The area's patterns (from its rules file) before the built-in ones."""
        patterns = load_rules(self.rules, self.area) if self.rules else []
        return Classifier(self.area, patterns)

    def entries(self, filepath: str, existing: data.Entries) -> data.Entries:
        """The statement's transactions oldest first, and its closing balance."""
        header_labels: dict[str, str] = {}
        lines, open_years = self._lines(filepath, header_labels)
        if not lines:
            return []
        self._settle_years(lines, open_years)
        signs = (1, -1) if "amount" in header_labels and "direction" not in header_labels else (1,)
        statement = running.in_time_order(lines, signs, header_labels.get("date", "date"),
                                          header_labels.get("balance", "balance"))
        entries: data.Entries = [
            self._transaction(filepath, line, statement.sign)
            for line in statement.lines if not line.brought_forward
        ]
        day = running.assertion_day(statement.lines)
        if statement.closing is not None and day is not None and entries:
            document = neutralise_markup(printable(Path(filepath).name))
            meta = data.new_metadata(filepath, statement.lines[-1].row, {"document": document})
            amount = BeanAmount(statement.closing, CURRENCY)
            entries.append(data.Balance(meta, day, self.importer_account, amount, None, None))
        return entries

    def _lines(self, filepath: str, labels: dict[str, str]) -> tuple[list[running.Line], OpenYears]:
        """Every row read into a `Line`; two-digit years left open.

        A row with neither date, money nor balance continues the description of the row above
        (PDF converters wrap it); it is joined to the details, the words a bank's own
        transaction type does not vouch for (see `Classifier.place`).
        """
        lines: list[running.Line] = []
        open_years: list[tuple[int, Any]] = []
        signs: dict[str, tuple[int, int]] = {}
        for row in self.read(filepath):
            if not labels:
                labels.update(self.found_header.labels)
            line = self._line(row, labels, signs)
            if line is None:
                continue
            if line.row < 0:
                if lines:
                    lines[-1].details = f"{lines[-1].details} {line.description}".strip()
                continue
            if isinstance(line.date, TwoDigitYear):
                open_years.append((len(lines), line.date))
            lines.append(line)
        return lines, open_years

    def _line(self, row: Any, labels: dict[str, str], signs: dict[str, tuple[int, int]]) -> Any:
        """One row as a `Line`, or a continuation of the row above (row -1)."""
        number = row[-1]
        if "description" in labels:
            description, details = row.description or row.code, row.details
        else:
            description, details = row.details or row.code, ""
        day = row.date
        balance = row.balance
        text = f"{description} {details}".strip()
        brought_forward = header_key(text).startswith(BROUGHT_FORWARD)
        money = self._money(row, labels, signs, brought_forward=brought_forward)
        if brought_forward:
            if balance is None:
                raise ImportProblem("A brought-forward row needs its balance.", row=number,
                                    column=labels.get("balance", "balance"))
            return running.Line(number, day if isinstance(day, datetime.date) else None, description, details,
                                ZERO, balance, brought_forward=True)
        if day is None and money is None and balance is None:
            return running.Line(-1, None, text, "", ZERO, None)
        if day is None:
            raise ImportProblem("This cell is empty.", row=number, column=labels["date"])
        if money is None:
            column = labels.get("amount") or labels.get("withdrawal") or labels.get("deposit")
            raise ImportProblem("This row moves no money: its amount is empty or zero.", row=number,
                                column=column)
        return running.Line(number, day, description, details, money, balance)

    def _money(self, row: Any, labels: dict[str, str], signs: dict[str, tuple[int, int]], *,
               brought_forward: bool) -> Decimal | None:
        """The row's movement, signed as money into the account; None when the row moves nothing."""
        number = row[-1]
        cells = {key: getattr(row, key) for key in ("withdrawal", "deposit", "amount") if key in labels}
        if brought_forward:
            for key, value in cells.items():
                if value is not None:
                    raise ImportProblem(
                        "A brought-forward row carries a balance only; this one has an amount ({value}).",
                        row=number, column=labels[key], value=value)
            return None
        if "direction" in labels and "amount" in labels:
            return self._directed(row, labels)
        if "amount" in labels and not cells.get("withdrawal") and not cells.get("deposit"):
            amount = cells["amount"]
            return amount if amount else None
        out, into = cells.get("withdrawal") or ZERO, cells.get("deposit") or ZERO
        for key, value in (("withdrawal", out), ("deposit", into)):
            if value:
                _one_sign(signs, key, value, number, labels[key])
        if out and into:
            raise ImportProblem("This row fills both {withdrawal} and {deposit}; a row moves money one way.",
                                row=number, column=labels["deposit"], withdrawal=labels["withdrawal"],
                                deposit=labels["deposit"])
        if into:
            return abs(into)
        return -abs(out) if out else None

    def _directed(self, row: Any, labels: dict[str, str]) -> Decimal | None:
        """An unsigned amount made signed by the direction column (OCR tools' rows)."""
        amount = row.amount
        if amount is None or amount == 0:
            return None
        way = DIRECTION_WORDS.get(row.direction.casefold())
        if way is None or way == 0:
            raise ImportProblem("{value} is not a direction; write in/out (เข้า/ออก).", row=row[-1],
                                column=labels["direction"], value=row.direction)
        if amount < 0:
            raise ImportProblem("The amount {value} is signed, but the direction column gives the sign; "
                                "write it unsigned.", row=row[-1], column=labels["amount"], value=amount)
        return way * amount

    def _settle_years(self, lines: list[running.Line], open_years: list[tuple[int, Any]]) -> None:
        """Dates with two-digit years, in the era the rest of the file shows, or refused."""
        if not open_years:
            return
        row_of = {id(open_year): lines[index].row for index, open_year in open_years}
        label = self.found_header.labels["date"]
        known = years.years_written(cell for cells in self.preamble for cell in cells)
        dated = [line.date for line in lines if isinstance(line.date, datetime.date)]
        try:
            era = years.settle([open_year for _, open_year in open_years], known, dated)
        except TwoDigitYear as exc:
            raise ImportProblem(exc.msgid, row=row_of.get(id(exc)), column=label, value=exc.value,
                                **exc.params) from None
        for index, open_year in open_years:
            try:
                lines[index].date = open_year.resolve(era)
            except TwoDigitYear as exc:
                raise ImportProblem(exc.msgid, row=lines[index].row, column=label, value=exc.value,
                                    **exc.params) from None
            except ValueError as exc:
                msgid = getattr(exc, "msgid", "{value} is not a real date.")
                raise ImportProblem(msgid, row=lines[index].row, column=label, value=open_year.value,
                                    **getattr(exc, "params", {})) from None

    def _transaction(self, filepath: str, line: running.Line, sign: int) -> data.Transaction:
        """The row as a transaction on the bank account and the account its description names."""
        number = sign * line.movement
        assert line.date is not None
        other = self._other_leg(line.description, line.details, number)
        narration = _publishable(" ".join(part for part in (line.description, line.details) if part))
        return data.Transaction(
            data.new_metadata(filepath, line.row), line.date,
            self.flag if other is not None else flags.FLAG_WARNING, None, narration,
            data.EMPTY_SET, data.EMPTY_SET,
            [posting(self.importer_account, number),
             posting(other or unclassified(self.area, number), -number)],
        )

    def _other_leg(self, description: str, details: str, number: Decimal) -> str | None:
        return self.classifier.place(description, details, number)

    def same(self, new: data.Directive, old: data.Directive) -> bool:
        """The same movement of the bank account, or the same balance assertion."""
        return _key(new, self.importer_account) == _key(old, self.importer_account)

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Leave out what the book has, indexed by (date, account, amount): each book entry once.

        A book row matches within `WINDOW` days whatever its other leg (the treasurer may have
        reclassified it); looking each up in the index keeps a 100,000-row import linear.
        """
        index: dict[Hashable, collections.deque[data.Directive]] = collections.defaultdict(collections.deque)
        for old in existing:
            for old_key in _keys(old, self.importer_account):
                index[old_key].append(old)
        if not index:
            return
        claimed: set[int] = set()
        window = sorted(range(-self.WINDOW.days, self.WINDOW.days + 1), key=abs)
        shifts = [datetime.timedelta(days=days) for days in window]
        for new in entries:
            key = _key(new, self.importer_account)
            if key is None or extract.DUPLICATE in new.meta:
                continue
            kind, day, amount = key
            for shift in shifts[:1] if kind == "balance" else shifts:
                bucket = index.get((kind, day + shift, amount))
                while bucket and id(bucket[0]) in claimed:
                    bucket.popleft()
                if bucket:
                    claimed.add(id(bucket.popleft()))
                    new.meta[extract.DUPLICATE] = True
                    break


@functools.lru_cache(maxsize=8192)
def _publishable(text: str) -> str:
    """A description with names and numbers masked and markup neutralised (cached: rows repeat)."""
    return neutralise_markup(mask_text(" ".join(text.split())))


def _key(entry: data.Directive, account: str) -> Key | None:
    if isinstance(entry, data.Balance) and entry.account == account:
        return "balance", entry.date, entry.amount.number
    if isinstance(entry, data.Transaction) and entry.postings and entry.postings[0].account == account:
        return "txn", entry.date, number_of(entry.postings[0])
    return None


def _keys(entry: data.Directive, account: str) -> Iterator[Key]:
    if isinstance(entry, data.Balance) and entry.account == account:
        yield "balance", entry.date, entry.amount.number
    elif isinstance(entry, data.Transaction):
        for p in entry.postings:
            if p.account == account and p.units is not None and p.units.number is not None:
                yield "txn", entry.date, p.units.number


def _is_ending(cells: Cells, date_column: int) -> bool:
    if 0 <= date_column < len(cells) and str(cells[date_column] or "").strip()[:1].isdigit():
        return False
    return any(header_key(cell).startswith(ENDING) for cell in cells)


def _is_page_mark(cells: Cells) -> bool:
    """A page number that a PDF converter left between rows (`Page 1 of 2`, `หน้า 1/2`)."""
    filled = [clean(cell) for cell in cells if clean(cell)]
    return len(filled) == 1 and PAGE_MARK.fullmatch(filled[0]) is not None


def _one_sign(signs: dict[str, tuple[int, int]], key: str, value: Decimal, row: int, label: str) -> None:
    """Every amount of a column has the sign of its first: the file's convention, decided once."""
    sign = 1 if value > 0 else -1
    first = signs.setdefault(key, (sign, row))
    if first[0] != sign:
        raise ImportProblem(
            "{value} has the other sign from the rest of the column (row {first}); the column's sign "
            "convention cannot be told, so the statement is refused.",
            row=row, column=label, value=value, first=first[1],
        )

