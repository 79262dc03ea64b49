"""Seal the demo's areas through a day, with the project's own seal code (docs/seals.md).

The files are written to a temporary folder and read back by Beancount exactly as they will
be read from `--out`; each area's digest is then computed by `plugins.rules.seal.digest_for`,
the function `welfare seal` uses, and the seal is appended to the file that declares the area
(`registers.beancount`), as `welfare seal` appends it. The digest depends only on the meaning
of the entries and the bytes of the documents, never on the folder, so the seal holds in
`--out`, whether the province book or the area book alone is loaded.

To keep generation fast, the temporary book is one plain Beancount load (no cache file, no
plugins: a seal covers what people wrote, which the plugins do not change) of what the seals
cover: each area's registers and its yearly files up to the sealed day's year, and the
documents dated up to that day. The demo's tests check that every seal holds with every rule
loaded, as `welfare check` and `welfare seal --verify` read the whole book.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from beancount import loader
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.rules.seal import area_lines, digest_for
from welfare_ledger.scripts.seal import seal_line

if TYPE_CHECKING:
    import datetime
    from collections.abc import Sequence

    from welfare_ledger.scripts.demo.model import AreaBook

TOP = "seal-check.beancount"


def _covered(relative: str, through: datetime.date) -> bool:
    """Whether a file can hold something a seal through `through` covers (files are named by date)."""
    name = relative.rsplit("/", 1)[-1]
    if relative.startswith("documents/"):
        return name[:10] <= through.isoformat()
    year = name.removesuffix(".beancount")
    return not year.isdigit() or int(year) <= through.year


def _write(folder: Path, files: dict[str, bytes], through: datetime.date) -> list[str]:
    """Write the files a seal through `through` can cover; return the yearly and register books."""
    books = []
    for relative, data in files.items():
        if (
            relative == "main.beancount"
            or relative.endswith("/area.beancount")
            or not _covered(relative, through)
        ):
            continue
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        if relative.endswith(".beancount"):
            books.append(relative)
    return books


def _append(old: bytes, text: str) -> bytes:
    """`old` with `text` appended the way `welfare seal` appends it."""
    separator = b"" if not old or old.endswith(b"\n\n") else (b"\n" if old.endswith(b"\n") else b"\n\n")
    return old + separator + text.encode("utf-8")


def seal_areas(
    files: dict[str, bytes], books: Sequence[AreaBook], through: datetime.date
) -> dict[str, bytes]:
    """`files` with one seal through `through` appended to the registers of each area in `books`.

    Raises ValueError when Beancount reports an error in the books: a book that does not
    load cleanly is never sealed.
    """
    if not books:
        return files
    with tempfile.TemporaryDirectory(prefix="welfare-demo-seal-") as temp:
        folder = Path(temp)
        slugs = {f"areas/{book.place.slug}/" for book in books}
        wanted = {
            relative: data
            for relative, data in files.items()
            if not relative.startswith("areas/") or relative[: relative.rindex("/") + 1] in slugs
        }
        top = [
            'option "operating_currency" "THB"',
            'option "documents" "documents"',
            *(f'include "{relative}"' for relative in _write(folder, wanted, through)),
        ]
        (folder / TOP).write_text("\n".join(top) + "\n", encoding="utf-8")
        loader.initialize(use_cache=False)
        entries, errors, options = loader.load_file(str(folder / TOP))
        if errors:
            first = str(errors[0].message).strip().splitlines()[0]
            raise ValueError(f"the books do not load cleanly, so they cannot be sealed: {first}")
        facts = build_book(entries, options)
        codes = [book.place.code for book in books]
        area_lines(facts, dict.fromkeys(codes, through))  # one pass over the book for every area
        digests = {code: digest_for(facts, code, through) for code in codes}
    sealed = dict(files)
    for book in books:
        name = f"areas/{book.place.slug}/registers.beancount"
        sealed[name] = _append(sealed[name], seal_line(book.place.code, through, digests[book.place.code]))
    return sealed
