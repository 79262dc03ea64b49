"""Rows of a CSV, XLSX or HTML-table file, and the header row found after any preamble rows.

Office files open with a few rows of title, account number or period before the header;
the header is the first row that names every column an importer needs, in Thai or English.
Rows keep their number in the file (the row a spreadsheet shows) so that every problem can
point at it. What a file is comes from its first bytes, not its name: Krungthai's `.xls`
statement is an HTML table, and an old binary `.xls` is refused by name. A control
character anywhere (NUL, escape, bidirectional override) refuses the whole file.
"""

from __future__ import annotations

import collections
import csv
import dataclasses
import functools
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from welfare_ledger.importers.html_table import html_rows
from welfare_ledger.importers.problems import ImportProblem
from welfare_ledger.importers.thai import clean, decode
from welfare_ledger.plugins.markup_chars import code_point, first_file_control

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Sequence

XLSX_SUFFIXES = frozenset({".xlsx", ".xlsm"})
HEAD_ROWS = 30
HEAD_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
_PARENTHESES = re.compile(r"\(.*?\)")
_SPACES = re.compile(r"\s+")

Cells = tuple[Any, ...]
NumberedRow = tuple[int, Cells]


def header_key(text: object) -> str:
    """A header cell made comparable: `จำนวนเงิน (บาท)`, ` Amount: ` -> `จำนวนเงิน`, `amount`."""
    return _SPACES.sub(" ", _PARENTHESES.sub("", clean(text))).strip(" :*.").casefold()


@dataclasses.dataclass(frozen=True, slots=True)
class Field:
    """A column an importer reads, by the names offices give it in Thai and English."""

    key: str
    names: tuple[str, ...]
    required: bool = True

    def matches(self, cell: object) -> bool:
        """Whether a header cell names this field."""
        return header_key(cell) in _keys(self.names)


@functools.lru_cache(maxsize=256)
def _keys(names: tuple[str, ...]) -> frozenset[str]:
    return frozenset(header_key(name) for name in names)


@dataclasses.dataclass(frozen=True, slots=True)
class Header:
    """The header row: its number, and for each field found its column and its label."""

    row: int
    index: dict[str, int]
    labels: dict[str, str]


OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|table|head|meta|body|\?xml)", re.IGNORECASE
)


def file_kind(path: str | Path) -> str:
    """`xlsx`, `html` or `csv`, from the file's first bytes (and, for a workbook, its suffix)."""
    head = _read_bytes(path, 512)
    if head.startswith(OLE2_MAGIC):
        raise ImportProblem(
            "This is an old binary Excel (.xls) workbook; open it and save it as XLSX or CSV.", file=path
        )
    html = _HTML_START.match(head) is not None
    if head.startswith(ZIP_MAGIC) or (Path(path).suffix.lower() in XLSX_SUFFIXES and not html):
        return "xlsx"
    if html:
        return "html"
    return "csv"


def check_controls(text: str, path: str | Path) -> None:
    """Refuse a text with a control character other than tab and line ends, naming its line."""
    index = first_file_control(text)
    if index >= 0:
        raise ImportProblem(
            "This line holds the control character {char}, which no statement or register has; "
            "the file is damaged or not a text file. Save it again as CSV or XLSX.",
            file=path, row=text.count("\n", 0, index) + 1, char=code_point(text[index]),
        )


def _read_bytes(path: str | Path, limit: int | None = None) -> bytes:
    try:
        with Path(path).open("rb") as handle:
            return handle.read(limit) if limit else handle.read()
    except IsADirectoryError:
        raise ImportProblem("This is a folder, not a file.", file=path) from None
    except FileNotFoundError:
        raise ImportProblem("The file does not exist.", file=path) from None
    except OSError as exc:
        raise ImportProblem("The file cannot be read: {reason}", file=path, reason=exc.strerror) from None


def _delimiter(sample: str) -> str:
    """The delimiter that splits most rows of the sample into the same number (>1) of cells.

    On a tie, the one that gives more cells. Preamble rows have one cell whatever the
    delimiter, so they do not vote; csv's Sniffer is misled by them.
    """
    lines = sample.splitlines()[:-1] or sample.splitlines()

    def score(delimiter: str) -> tuple[int, int]:
        try:
            widths = [len(cells) for cells in csv.reader(lines, delimiter=delimiter) if len(cells) > 1]
        except csv.Error:
            return 0, 0
        rows, width = max(((n, w) for w, n in collections.Counter(widths).items()), default=(0, 0))
        return rows, width

    return max(DELIMITERS, key=score)


def _csv_rows(path: str | Path, *, head: bool) -> Iterator[NumberedRow]:
    raw = _read_bytes(path, HEAD_BYTES if head else None)
    text = decode(raw, path) if not head else _decode_head(raw, path)
    check_controls(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text[:8192]))
    try:
        for cells in reader:
            yield reader.line_num, tuple(cells)
    except csv.Error as exc:
        raise ImportProblem(
            "The CSV text cannot be read: {reason}", file=path, row=reader.line_num, reason=str(exc)
        ) from None


def _decode_head(raw: bytes, path: str | Path) -> str:
    """The head of a file, without the line a byte limit may have cut."""
    cut = raw.rfind(b"\n") + 1 if len(raw) >= HEAD_BYTES else len(raw)
    return decode(raw[: cut or len(raw)], path)


def _xlsx_rows(path: str | Path) -> list[NumberedRow]:
    """Every row of the workbook's first sheet (read once however many importers ask)."""
    _read_bytes(path, 1)
    stat = Path(path).stat()
    return _xlsx_cached(str(Path(path).resolve()), stat.st_mtime_ns, stat.st_size, str(path))


@functools.lru_cache(maxsize=4)
def _xlsx_cached(resolved: str, mtime: int, size: int, path: str) -> list[NumberedRow]:
    """The rows of a workbook file version; a damaged workbook is one clear problem."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(resolved, read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            rows = sheet.iter_rows(values_only=True)
            found = [(number, tuple(cells)) for number, cells in enumerate(rows, 1)]
        finally:
            workbook.close()
    except ImportProblem:
        raise
    except Exception as exc:
        raise ImportProblem(
            "The workbook cannot be read (truncated or damaged): {reason}",
            file=path,
            reason=str(exc) or type(exc).__name__,
        ) from None
    for number, cells in found:
        for column, cell in enumerate(cells):
            if isinstance(cell, str) and (index := first_file_control(cell)) >= 0:
                raise ImportProblem(
                    "This cell holds the control character {char}, which no statement or register has.",
                    file=path, row=number, column=_column_letter(column), char=code_point(cell[index]),
                )
    return found


def _column_letter(index: int) -> str:
    """`A`, `B`, ... `AA`: the column as a spreadsheet names it."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _html_rows(path: str | Path) -> list[NumberedRow]:
    """The table rows of an HTML file (Krungthai's `.xls`), numbered from the first `<tr>`."""
    text = decode(_read_bytes(path), path)
    check_controls(text, path)
    return html_rows(text)


def read_rows(path: str | Path, *, head: bool = False) -> Iterator[NumberedRow]:
    """Numbered rows of a CSV, XLSX or HTML file; with `head`, only enough to find the header."""
    kind = file_kind(path)
    if kind != "csv":
        rows: Iterable[NumberedRow] = _xlsx_rows(path) if kind == "xlsx" else _html_rows(path)
        yield from (list(rows)[:HEAD_ROWS] if head else rows)
        return
    for count, row in enumerate(_csv_rows(path, head=head)):
        if head and count >= HEAD_ROWS:
            return
        yield row


def match_header(number: int, cells: Cells, fields: Sequence[Field]) -> Header:
    """Which fields a row names, and in which column (the first one, if named twice)."""
    index: dict[str, int] = {}
    labels: dict[str, str] = {}
    for column, cell in enumerate(cells):
        for field in fields:
            if field.key not in index and field.matches(cell):
                index[field.key] = column
                labels[field.key] = str(cell).strip()
                break
    return Header(number, index, labels)


def find_header(
    rows: Iterable[NumberedRow], fields: Sequence[Field], complete: Callable[[set[str]], bool]
) -> Header | None:
    """The first row among `rows` that names a complete set of fields."""
    for number, cells in rows:
        header = match_header(number, cells, fields)
        if complete(set(header.index)):
            return header
    return None


def best_header(rows: Iterable[NumberedRow], fields: Sequence[Field]) -> Header | None:
    """The row that names the most fields: the header the treasurer most likely meant."""
    best: Header | None = None
    for number, cells in rows:
        header = match_header(number, cells, fields)
        if header.index and (best is None or len(header.index) > len(best.index)):
            best = header
    return best


def is_blank(cells: Cells) -> bool:
    """A row with nothing in it."""
    return all(clean(cell) == "" for cell in cells)
