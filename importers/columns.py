"""Column descriptors in beangulp's `csvbase` style, for cells as Thai offices write them.

Each column is found by a field key (see `sheet.Field`) rather than one fixed header, reads
its cell with the parsers of `thai`, and turns a bad value into an `ImportProblem` that
names the row, the column as the file labels it, and the value.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from beangulp.importers import csvbase
from welfare_ledger.importers.problems import CellError, ImportProblem
from welfare_ledger.importers.thai import TwoDigitYear, clean, parse_amount, parse_count, parse_date
from welfare_ledger.plugins.markup_chars import MARKUP

if TYPE_CHECKING:
    from collections.abc import Callable

    from welfare_ledger.importers.sheet import Header

_CODE_SEPARATORS = re.compile(r"[\s,;/、]+")
_PERSONAL_NUMBER = re.compile(r"\+?\d[\d\- ]{8,}\d")


class Names(dict[str, int]):
    """csvbase's column-name map (field key -> column index), knowing the file's labels."""

    def __init__(self, header: Header) -> None:
        super().__init__(header.index)
        self.labels = header.labels


class Cell(csvbase.Column):
    """A text cell; empty cells give `default`, or a problem when the cell is `needed`.

    Registers are the treasurer's own paper, so a cell holding markup (`<`, `>`) is refused
    for them to correct; bank descriptions, which anyone who transfers money can write, are
    neutralised instead (see `bank`).
    """

    refuse_markup = True

    def __init__(self, key: str, default: Any = None, *, needed: bool = False) -> None:
        super().__init__(key, default=default)
        self.key = key
        self.needed = needed

    def getter(self, names: dict[str, int]) -> Callable[[tuple[Any, ...]], Any]:
        """An accessor that reads the cell and says where a bad value is."""
        index = names.get(self.key)
        default = self.default
        if index is None:
            return lambda row: default
        label = names.labels.get(self.key, self.key) if isinstance(names, Names) else self.key
        parse = self.parse
        needed = self.needed
        refuse_markup = self.refuse_markup

        def get(row: tuple[Any, ...]) -> Any:
            value = row[index] if index < len(row) - 1 else None
            if value is None or (isinstance(value, str) and not value.strip()):
                if needed:
                    raise ImportProblem("This cell is empty.", row=row[-1], column=label)
                return default
            if refuse_markup and isinstance(value, str) and any(char in value for char in MARKUP):
                raise ImportProblem("{value} holds < or >, which the books never show; remove them.",
                                    row=row[-1], column=label, value=value)
            try:
                return parse(value)
            except CellError as exc:
                raise ImportProblem(
                    exc.msgid, row=row[-1], column=label, value=exc.value, **exc.params
                ) from None

        return get

    def parse(self, value: Any) -> Any:
        """Text with Thai digits made Arabic."""
        return clean(value)


class Text(Cell):
    """Free text (a bank's description), with spaces collapsed; markup is left to the reader."""

    refuse_markup = False

    def parse(self, value: Any) -> str:
        """The text on one line."""
        return " ".join(str(value).split())


class Date(Cell):
    """A date in any of the forms of `thai.parse_date`."""

    def parse(self, value: Any) -> Any:
        """A `datetime.date`."""
        return parse_date(value)


class StatementDate(Cell):
    """A statement's date, or the `TwoDigitYear` it leaves open, for the file to settle."""

    def parse(self, value: Any) -> Any:
        """A `datetime.date`, or a `TwoDigitYear`."""
        try:
            return parse_date(value)
        except TwoDigitYear as open_year:
            return open_year


class Amount(Cell):
    """Baht, as `thai.parse_amount` reads it."""

    def parse(self, value: Any) -> Any:
        """A Decimal to the satang."""
        return parse_amount(value)


class PositiveAmount(Amount):
    """Baht paid out or in, which the paper writes as a positive number."""

    def parse(self, value: Any) -> Any:
        """A Decimal above zero."""
        number = parse_amount(value)
        if number is None or number <= 0:
            raise CellError("{value} is not an amount above zero.", value)
        return number


class Count(Cell):
    """A whole number (nights in hospital)."""

    def parse(self, value: Any) -> Any:
        """An int."""
        return parse_count(value)


def _code(text: str, value: Any) -> str:
    if _PERSONAL_NUMBER.fullmatch(text):
        raise CellError(
            "{value} looks like an ID card or phone number; write the member code instead.", value
        )
    return text


class Code(Cell):
    """A member code (`BM-0001`); never an ID card or phone number."""

    def parse(self, value: Any) -> str:
        """The code as written, Thai digits made Arabic."""
        return _code(clean(value), value)


class Codes(Cell):
    """Member codes separated by spaces, commas or slashes, as approvers are written."""

    def parse(self, value: Any) -> str:
        """The codes separated by single spaces, as docs/data-model.md, section 5 writes them."""
        codes = [_code(code, value) for code in _CODE_SEPARATORS.split(clean(value)) if code]
        return " ".join(codes)


class FileName(Cell):
    """A supporting document's file name, kept exactly as written."""

    def parse(self, value: Any) -> str:
        """The name without surrounding spaces."""
        return str(value).strip()
