"""What the three importers share: beangulp's csvbase importer, fed by CSV or XLSX rows.

csvbase reads one fixed encoding from a fixed first row; office files come in several
encodings, as CSV or XLSX, with preamble rows above a Thai or English header. So `read`
finds the header (see `sheet`) and yields csvbase's row objects, and the rest of csvbase
(columns, `extract`, `metadata`, `finalize`, order detection) works unchanged.
Deduplication is beangulp's `mark_duplicate_entries`, with each entry of the book matching
at most one new entry, so that two equal payments on one day are both kept when the book
has only one of them.
"""

from __future__ import annotations

import copy
import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from beancount.core import data
from beancount.core.amount import Amount
from beangulp import extract
from beangulp.importers import csvbase
from welfare_ledger.importers.columns import Names
from welfare_ledger.importers.problems import ImportProblem, Msg
from welfare_ledger.importers.sheet import (
    HEAD_ROWS,
    Cells,
    Field,
    Header,
    best_header,
    find_header,
    header_key,
    is_blank,
    match_header,
    read_rows,
)
from welfare_ledger.plugins.accounts import area_of, is_fund

if TYPE_CHECKING:
    from collections.abc import Iterator

CURRENCY = "THB"
TOTAL_WORDS = ("รวม", "ยอดรวม", "total", "ยอดยกมา", "ยอดยกไป", "brought forward", "carried forward")


class SheetImporter(csvbase.Importer):
    """A beangulp importer for one kind of office file, CSV or XLSX, found by its header.

    Args:
      account: The account named on the command line; its second component is the area.
      flag: The flag of new transactions.

    """

    FIELDS: ClassVar[tuple[Field, ...]] = ()
    KIND: ClassVar[str] = ""
    WINDOW: ClassVar[datetime.timedelta] = datetime.timedelta(days=2)

    def __init__(self, account: str, flag: str = "*") -> None:
        area = area_of(account)
        if area is None:
            raise ValueError(account)
        super().__init__(account, CURRENCY, flag)
        self.area = area

    @property
    def name(self) -> str:
        """Unique per account, so that Fava's import page can hold one importer per area."""
        return f"{type(self).__module__}.{type(self).__name__}:{self.importer_account}"

    @property
    def fund_account(self) -> str:
        """The fund money the register's cash moves through: the account given, or the cash box."""
        return self.importer_account if is_fund(self.importer_account) else f"Assets:{self.area}:Cash"

    def complete(self, found: set[str]) -> bool:
        """Whether a row naming these fields is this importer's header."""
        return all(field.key in found for field in self.FIELDS if field.required)

    def header(self, filepath: str) -> Header | None:
        """The header row among the first rows of the file, if it is this importer's kind."""
        return find_header(read_rows(filepath, head=True), self.FIELDS, self.complete)

    def identify(self, filepath: str) -> bool:
        """Implement beangulp's `identify`: by the header, in Thai or English."""
        try:
            return self.header(filepath) is not None
        except ImportProblem:
            return False

    def near_miss(self, filepath: str) -> Header | None:
        """The row that names the most of this importer's fields, to say what is missing."""
        return best_header(read_rows(filepath, head=True), self.FIELDS)

    def missing(self, header: Header) -> list[str]:
        """The names of required fields the header lacks, as `Thai/English`."""
        return ["/".join(field.names[:2]) for field in self.FIELDS
                if field.required and field.key not in header.index]

    def read(self, filepath: str) -> Iterator[Any]:
        """Rows for csvbase (cells, then the row number) after the header; no blanks or totals."""
        header: Header | None = None
        row_type: type[tuple[Any, ...]] = tuple
        date_column = -1
        self.preamble: list[Cells] = []
        for number, cells in read_rows(filepath):
            if header is None:
                found = match_header(number, cells, self.FIELDS)
                if self.complete(set(found.index)):
                    header = self.found_header = found
                    names = Names(header)
                    attrs = {name: property(col.getter(names)) for name, col in self.columns.items()}
                    row_type = type("Row", (tuple,), attrs)
                    date_column = header.index.get("date", -1)
                elif number >= HEAD_ROWS:
                    break
                else:
                    self.preamble.append(cells)
                continue
            if is_blank(cells) or self.skipped(cells, date_column) or _repeats(header, cells):
                continue
            yield row_type((*cells, number))
        if header is None:
            raise ImportProblem("No header row of a {kind} was found.", file=filepath, kind=Msg(self.KIND))

    def skipped(self, cells: Cells, date_column: int) -> bool:
        """Whether a row after the header is a total, which the importer does not read."""
        return _is_total(cells, date_column, TOTAL_WORDS)

    def date(self, filepath: str) -> datetime.date | None:
        """Implement beangulp's `date`: the day of the file's last transaction."""
        days = [entry.date for entry in self.extract(filepath, []) if isinstance(entry, data.Transaction)]
        return max(days, default=None)

    def metadata(self, filepath: str, lineno: int, row: Any) -> data.Meta:
        """The row's own number in the file, whatever preamble came before it."""
        return data.new_metadata(filepath, row[-1])

    def entries(self, filepath: str, existing: data.Entries) -> data.Entries:
        """The entries of one file; csvbase's `extract` by default."""
        # csvbase stores the order it infers on the importer; a copy keeps it per file.
        return csvbase.Importer.extract(copy.copy(self), filepath, existing)

    def extract(self, filepath: str, existing: data.Entries) -> data.Entries:
        """Implement beangulp's `extract`; any bad cell becomes one problem naming the file."""
        try:
            return self.entries(filepath, existing)
        except ImportProblem as problem:
            raise problem.located(file=filepath) from None

    def same(self, new: data.Directive, old: data.Directive) -> bool:
        """Whether `old`, in the book, records what `new` records."""
        return bool(self.cmp(new, old))

    def deduplicate(self, entries: data.Entries, existing: data.Entries) -> None:
        """Implement beangulp's `deduplicate`, matching each existing entry at most once.

        beangulp sorts `existing` in place; Fava passes its own ledger, so a copy is sorted.
        """
        claimed: set[int] = set()

        def once(new: data.Directive, old: data.Directive) -> bool:
            if extract.DUPLICATE in new.meta or id(old) in claimed or not self.same(new, old):
                return False
            claimed.add(id(old))
            return True

        extract.mark_duplicate_entries(entries, list(existing), self.WINDOW, once)


def _repeats(header: Header, cells: Cells) -> bool:
    """The header written again (a statement converted from PDF repeats it on every page)."""
    for key, column in header.index.items():
        if column >= len(cells) or str(cells[column] or "").strip() != header.labels[key]:
            return False
    return len(header.index) > 1


def _is_total(cells: Cells, date_column: int, words: tuple[str, ...]) -> bool:
    """A total or carried-forward row: no date, and a cell that says so."""
    if 0 <= date_column < len(cells):
        first = str(cells[date_column] or " ")[:1]
        if first.isdigit() or not isinstance(cells[date_column], str):
            return False
        day = header_key(cells[date_column])
        if day and not day.startswith(words):
            return False
    return any(header_key(cell).startswith(words) for cell in cells)


def number_of(post: data.Posting) -> Any:
    """The number of a posting the importers wrote themselves (they always give units)."""
    assert post.units is not None
    return post.units.number


def posting(account: str, number: Any, meta: data.Meta | None = None) -> data.Posting:
    """A posting in baht."""
    return data.Posting(account, Amount(number, CURRENCY), None, None, None, meta)
