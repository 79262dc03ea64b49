"""CSV and XLSX that a spreadsheet opens as data: no cell is ever evaluated as a formula.

A receipt number, payee or document name comes from the book, and a bank description from
anyone who transfers one baht to the fund. Excel and LibreOffice evaluate a cell that starts
with `=`, `+`, `-` or `@` (and Excel also after a leading tab, carriage return or line feed,
and the full-width `＝＋－＠` that East Asian input methods type); `=HYPERLINK(...)` or
`=WEBSERVICE(...)` in a report would then run on the auditor's machine. So:

- CSV: every text cell is quoted, and a text cell whose first visible character would start a
  formula gets a leading apostrophe, the mark spreadsheets use for "text as typed"; so does
  any part of it after a `,`, `;`, tab or line break, where a reader that splits on another
  separator than ours would start a new cell. Numbers stay plain numbers (`-350.00`).
- XLSX: text is written as a string cell, never a formula, with the cell's quote-prefix style set
  when it looks like one (so editing the cell does not turn it into one); amounts are numbers
  with a number format; the header row is frozen; control characters a worksheet cannot hold
  are shown as U+FFFD.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = frozenset("=+-@＝＋－＠")
CONTROL_START = frozenset("\t\r\n")
INVISIBLE = " \u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u3000\ufeff"
TEXT_MARK = "'"
CELL_BOUNDARY = re.compile(r"([,;\t\r\n])")
PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
ILLEGAL_IN_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
AMOUNT_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"
SHARE_FORMAT = "0.0000"
DATE_FORMAT = "yyyy-mm-dd"
WIDEST = 60
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
DATE_TEXT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def formula_like(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula (a plain number is not one)."""
    if not text or PLAIN_NUMBER.fullmatch(text):
        return False
    if text[0] in CONTROL_START:
        return True
    visible = text.lstrip(INVISIBLE + "\t\r\n\x0b\x0c")
    return bool(visible) and visible[0] in FORMULA_START


def safe_text(text: str) -> str:
    """`text` as a CSV cell a spreadsheet shows as text: an apostrophe before every would-be formula.

    Not only at the start: a reader that splits on `;` or a tab (a spreadsheet in another
    locale, a naive script) starts a new cell after it, so a formula there gets its apostrophe too.
    """
    parts = CELL_BOUNDARY.split(text)
    for index in range(2, len(parts), 2):
        if formula_like(parts[index]):
            parts[index] = TEXT_MARK + parts[index]
    marked = "".join(parts)
    return TEXT_MARK + marked if formula_like(text) else marked


def plain_value(value: Any) -> Any:
    """A table value as Python sees it: numpy scalars unwrapped, NaN and None as None."""
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def _csv_cell(value: Any) -> str:
    value = plain_value(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        value = str(value).lower()
    elif isinstance(value, (int, float, Decimal)):
        return str(value)
    text = safe_text(str(value))
    return '"' + text.replace('"', '""') + '"'


def _header_cell(name: str) -> str:
    """A column name: bare when it is a plain name (as the contract's are), else a quoted text cell."""
    return name if IDENTIFIER.fullmatch(name) else _csv_cell(name)


def csv_text(table: pd.DataFrame) -> str:
    """The table as CSV: the contract's columns, numbers plain, every text cell quoted and inert."""
    lines = [",".join(_header_cell(str(column)) for column in table.columns)]
    lines.extend(",".join(_csv_cell(v) for v in row) for row in table.itertuples(index=False, name=None))
    return "\n".join(lines) + "\n"


def _xlsx_value(value: Any, column: str) -> tuple[Any, str | None]:
    """The cell value and its number format."""
    value = plain_value(value)
    if isinstance(value, bool):
        return str(value).lower(), None
    if isinstance(value, Decimal):
        return value, AMOUNT_FORMAT
    if isinstance(value, int):
        return value, COUNT_FORMAT
    if isinstance(value, float):
        return value, SHARE_FORMAT
    if isinstance(value, str) and column == "date" and DATE_TEXT.fullmatch(value):
        try:
            return datetime.date.fromisoformat(value), DATE_FORMAT
        except ValueError:
            pass
    return value, None


def _write_sheet(sheet: Any, table: pd.DataFrame) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    columns = [str(c) for c in table.columns]
    widths = [len(c) for c in columns]
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(table.itertuples(index=False, name=None), start=2):
        for index, (column, raw) in enumerate(zip(columns, row, strict=True)):
            value, number_format = _xlsx_value(raw, column)
            if value is None:
                continue
            cell = sheet.cell(row=row_number, column=index + 1)
            if isinstance(value, str):
                text = ILLEGAL_IN_XLSX.sub("\ufffd", value)
                cell.value = text
                cell.data_type = "s"
                if formula_like(text):
                    cell.quotePrefix = True
                if "\n" in text:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
                widths[index] = max(widths[index], *(len(part) for part in text.split("\n")))
            else:
                cell.value = value
                cell.number_format = number_format or "General"
                widths[index] = max(widths[index], len(str(value)) + 3)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, WIDEST)
    sheet.freeze_panes = "A2"
    if len(table.index):
        sheet.auto_filter.ref = sheet.dimensions


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per table, header frozen, amounts as formatted numbers."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, table in sheets.items():
        _write_sheet(workbook.create_sheet(title=_sheet_title(name)), table)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of the few it forbids."""
    return re.sub(r"[\[\]:*?/\\]", "_", name)[:31] or "sheet"
