"""One error type for bad input: it names the file, the row, the column and the value.

A treasurer fixes the paper or the spreadsheet, not our code, so every problem is said in
their language and points at the cell to look at. The message is kept as an English msgid
with parameters and rendered at the last moment, like a finding.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from welfare_ledger.plugins.i18n import Lang, gettext, render


class Msg(str):
    """A parameter that is itself a msgid (such as the kind of file), translated when shown."""

    __slots__ = ()


class CellError(ValueError):
    """A value that cannot be read; the reader adds where it was."""

    def __init__(self, msgid: str, value: object, **params: Any) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.value = value
        self.params = params


class ImportProblem(Exception):  # noqa: N818  (the name says what the treasurer meets)
    """Bad input: one message naming the file and, when known, the row, column and value."""

    def __init__(
        self,
        msgid: str,
        *,
        file: str | Path = "",
        row: int | None = None,
        column: str | None = None,
        value: object = None,
        **params: Any,
    ) -> None:
        super().__init__(msgid)
        self.msgid = msgid
        self.file = str(file)
        self.row = row
        self.column = column
        self.value = value
        self.params = params

    def located(self, *, file: str | Path | None = None, row: int | None = None) -> ImportProblem:
        """The same problem with the file (and row) filled in where they were not known."""
        return ImportProblem(
            self.msgid,
            file=self.file or str(file or ""),
            row=self.row if self.row is not None else row,
            column=self.column,
            value=self.value,
            **self.params,
        )

    def message(self, lang: Lang) -> str:
        """`file, row 7, column ถอน: "abc" is not an amount.` in the reader's language."""
        params = {
            key: gettext(value, lang) if isinstance(value, Msg) else value
            for key, value in self.params.items()
        }
        if self.value is not None:
            params["value"] = _shown(self.value)
        where = {"file": printable(self.file) or "-", "row": self.row, "column": printable(self.column or ""),
                 "problem": printable(render(self.msgid, params, lang))}
        if self.row is not None and self.column is not None:
            return render("{file}, row {row}, column {column}: {problem}", where, lang)
        if self.row is not None:
            return render("{file}, row {row}: {problem}", where, lang)
        return render("{file}: {problem}", where, lang)

    def __str__(self) -> str:
        return self.message("en")


def printable(text: str) -> str:
    r"""`text` on one line: every control or invisible character written as an escape (`\n`, `\x00`).

    File names and cells come from outside; a name with a newline must not add a line to a
    message or to the importer's output.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
                   for char in text)


def _shown(value: object) -> str:
    """A cell value as the treasurer typed it, quoted so that blanks and spaces show."""
    text = printable(str(value))
    if len(text) > 60:
        text = text[:57] + "..."
    return f'"{text}"'
