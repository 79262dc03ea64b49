"""Which importer reads a file: the one whose header the file has, for the area of an account."""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.importers.bank import BankImporter
from welfare_ledger.importers.claims import ClaimsImporter
from welfare_ledger.importers.contributions import ContributionsImporter
from welfare_ledger.importers.problems import ImportProblem, Msg
from welfare_ledger.importers.sheet import read_rows
from welfare_ledger.plugins.accounts import is_bank

if TYPE_CHECKING:
    from welfare_ledger.importers.base import SheetImporter

# Registers first: their headers name member codes, which a bank statement never has.
IMPORTERS: tuple[type[SheetImporter], ...] = (ContributionsImporter, ClaimsImporter, BankImporter)


def importers_for(account: str, rules: str | None = None) -> list[SheetImporter]:
    """One importer of each kind for the account on the command line (the bank's with the area's rules)."""
    return [BankImporter(account, rules=rules) if kind is BankImporter else kind(account)
            for kind in IMPORTERS]


def identify(filepath: str, importers: list[SheetImporter]) -> SheetImporter:
    """The importer for a file, or a problem saying what the file lacks.

    A file that cannot be read is reported as such before any header is looked for; a file
    no importer knows is reported at the row that looks most like a header, naming the
    columns it lacks.
    """
    head = list(read_rows(filepath, head=True))
    for importer in importers:
        if importer.identify(filepath):
            if isinstance(importer, BankImporter) and not is_bank(importer.importer_account):
                raise ImportProblem(
                    "A bank statement needs --account Assets:{area}:Bank:<Name>, not {account}.",
                    file=filepath, area=importer.area, account=importer.importer_account,
                )
            return importer
    candidates = [(importer, importer.near_miss(filepath)) for importer in importers]
    found = [(importer, header) for importer, header in candidates if header is not None]
    if not found or not head:
        raise ImportProblem(
            "No header row of a bank statement, contribution register or benefit claims register "
            "was found in the first rows; see docs/importers.md for the columns.",
            file=filepath,
        )
    importer, header = max(found, key=lambda pair: len(pair[1].index))
    cells = next(cells for number, cells in head if number == header.row)
    raise ImportProblem(
        "This looks like the header of a {kind} but it lacks the column(s) {missing}; found {value}.",
        file=filepath,
        row=header.row,
        kind=Msg(importer.KIND),
        missing=", ".join(importer.missing(header)),
        value=" | ".join(str(cell) for cell in cells if cell not in (None, "")),
    )
