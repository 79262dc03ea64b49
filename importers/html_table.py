"""The rows of an HTML table, as banks save statements that spreadsheets open (`.xls` that is HTML).

Krungthai's statement download is a `<table>` in a file named `.xls`. The standard library's
HTML parser reads it: each `<tr>` is a row, each `<td>`/`<th>` a cell whose text (entities
decoded, tags dropped, `<br>` a space) is what a spreadsheet would show. Nothing in the file
is run or fetched.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

NumberedRow = tuple[int, tuple[Any, ...]]


class _TableReader(HTMLParser):
    """Collects the text of every table cell, row by row."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[NumberedRow] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self._close_row()
            self._row = []
        elif tag in ("td", "th"):
            self._close_cell()
            if self._row is None:
                self._row = []
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self._close_cell()
        elif tag in ("tr", "table"):
            self._close_row()

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
        self._cell = None

    def _close_row(self) -> None:
        self._close_cell()
        if self._row is not None:
            self.rows.append((len(self.rows) + 1, tuple(self._row)))
        self._row = None

    def close(self) -> None:
        super().close()
        self._close_row()


def html_rows(text: str) -> list[NumberedRow]:
    """Every table row of an HTML text, numbered from 1."""
    reader = _TableReader()
    reader.feed(text)
    reader.close()
    return reader.rows
