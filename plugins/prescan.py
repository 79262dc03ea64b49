"""A quick look at a book's text before Beancount loads it: its files, declared areas and dates.

Loading a province takes many seconds; a misspelled `--area` or a `--year` the books do not
have should be refused at once. This reads the files as Beancount would find them (following
`include`, globs included, relative to the including file) with a few regular expressions and
never runs anything in them. It errs on the side of knowing more: an area is known when it is
declared, opened, or named by an account anywhere in the text (as `book_areas` counts areas
with accounts), and when a file cannot be read the scan says it is incomplete, so that a
command leaves the judgement to the loaded book. The git hook can use
the file list to tell which areas a commit touches.
"""

from __future__ import annotations

import dataclasses
import datetime
import glob
import os
import re
from pathlib import Path

from welfare_ledger.plugins.accounts import ROOTS

_STRING = r'"((?:[^"\\]|\\.)*)"'
_ROOTS = "|".join(sorted(ROOTS))
LINE = re.compile(
    rf"\n(?:[ \t]*include[ \t]+{_STRING}"
    r"|([0-9]{4})[-/]([0-9]{2})[-/]([0-9]{2})[ \t]+(\S+)"
    rf"(?:[ \t]+\"area\"[ \t]+{_STRING}(?:[ \t]+{_STRING})?"
    rf"|[ \t]+(?:{_ROOTS}):([A-Z][A-Za-z0-9-]*))?)"
)
"""The lines that matter, found from their line break (much faster than `^` over megabytes):
an include, or a dated directive with, for `custom "area"`, its code and name, and for `open`
(or any directive naming an account first), the account's area."""
UNDATED_KINDS = frozenset({"open", "close", "commodity", "price"})
"""Directives often written with an early conventional date; they do not say when the books run."""
ENCRYPTED = (".gpg", ".asc")


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@dataclasses.dataclass(frozen=True, slots=True)
class Prescan:
    """What the text of a book says, read without loading it."""

    files: tuple[Path, ...]
    areas: dict[str, str]
    """Declared areas (`custom "area"`): code to Thai name."""
    account_areas: frozenset[str]
    """The area of every account that a dated directive names first (`open` and the like)."""
    first: datetime.date | None
    """The earliest dated entry other than `open`, `close`, `commodity` and `price`."""
    last: datetime.date | None
    complete: bool
    """False when a file or include could not be read: then judge nothing by this scan."""

    @property
    def known_areas(self) -> list[str]:
        """Declared and opened areas, in code order."""
        return sorted(set(self.areas) | self.account_areas)

    def has_area(self, code: str) -> bool | None:
        """Whether the book knows the area; None when the scan cannot tell.

        An area neither declared nor opened may still be named by a posting: the files are
        searched for it then (only on this path, which ends in a refusal otherwise).
        """
        if code in self.areas or code in self.account_areas:
            return True
        if not self.complete:
            return None
        named = re.compile(rf"\b(?:{_ROOTS}):{re.escape(code)}(?![A-Za-z0-9-])")
        for path in self.files:
            try:
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return None
            if f":{code}" in text and named.search(text):
                return True
        return False


class _Scanner:
    def __init__(self) -> None:
        self.files: list[Path] = []
        self.seen: set[str] = set()
        self.areas: dict[str, str] = {}
        self.account_areas: set[str] = set()
        self.first: datetime.date | None = None
        self.last: datetime.date | None = None
        self.complete = True

    def scan(self, top: Path) -> None:
        stack = [os.path.normpath(top.absolute())]
        while stack:
            name = stack.pop(0)
            if name in self.seen:
                continue
            self.seen.add(name)
            if name.endswith(ENCRYPTED):
                self.complete = False
                continue
            try:
                text = Path(name).read_text(encoding="utf-8", errors="replace")
            except OSError:
                self.complete = False
                continue
            self.files.append(Path(name))
            stack.extend(self.read(text, Path(name).parent))

    def read(self, text: str, folder: Path) -> list[str]:
        """Take in one file's text; return the files it includes."""
        included: list[str] = []
        for include, year, month, day, kind, code, name, area in LINE.findall("\n" + text):
            if include:
                included.extend(self.expand(_unescape(include), folder))
                continue
            if code:
                self.areas.setdefault(_unescape(code), _unescape(name or code))
            if area:
                self.account_areas.add(area)
            if kind not in UNDATED_KINDS:
                self.saw(year, month, day)
        return included

    def expand(self, pattern: str, folder: Path) -> list[str]:
        """An include as Beancount expands it: a glob, relative to the including file."""
        search = pattern if Path(pattern).is_absolute() else str(folder / pattern)
        matched = sorted(glob.glob(search, recursive=True))  # noqa: PTH207  (Beancount's own expansion)
        if not matched:
            self.complete = False
        return [os.path.normpath(path) for path in matched]

    def saw(self, year: str, month: str, day: str) -> None:
        try:
            date = datetime.date(int(year), int(month), int(day))
        except ValueError:
            return
        if self.first is None or date < self.first:
            self.first = date
        if self.last is None or date > self.last:
            self.last = date


def prescan(path: str | os.PathLike[str]) -> Prescan:
    """Scan the book at `path` and the files it includes, without loading it."""
    scanner = _Scanner()
    top = Path(path)
    if not top.is_file():
        return Prescan((), {}, frozenset(), None, None, complete=False)
    scanner.scan(top)
    return Prescan(
        files=tuple(scanner.files),
        areas=scanner.areas,
        account_areas=frozenset(scanner.account_areas),
        first=scanner.first,
        last=scanner.last,
        complete=scanner.complete,
    )
