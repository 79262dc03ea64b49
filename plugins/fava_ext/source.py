"""A few lines of one of the book's files, for a finding that has no entry to open (a syntax error).

Members are not shown raw source: comments are where a treasurer writes what was never meant
to be published (a name, a phone number, a note about a family). So the excerpt leaves every
comment out, and only files the book itself includes, inside the book's folder, are read.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from welfare_ledger.plugins.rules.extension import book_root, inside

AROUND = 3


@dataclasses.dataclass(frozen=True, slots=True)
class Excerpt:
    """Lines `first`.. of a file, the asked line marked."""

    file: str
    line: int
    lines: list[tuple[int, str]]


def without_comment(text: str) -> str:
    """A line of Beancount without its `;` comment (a `;` inside a string is text, not a comment)."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"' and (index == 0 or text[index - 1] != "\\"):
            quoted = not quoted
        elif char == ";" and not quoted:
            return text[:index].rstrip()
    return text.rstrip()


def excerpt(options: dict[str, Any], file: str, line: int) -> Excerpt | None:
    """Lines around `line` of `file`, comments left out; None unless the book includes that file."""
    main = str(options.get("filename", ""))
    included = {str(Path(path).resolve()) for path in options.get("include") or []}
    if line < 1 or not file or str(Path(file).resolve()) not in included:
        return None
    if not Path(main).is_absolute() or not inside(file, book_root(main)):
        return None
    try:
        text = Path(file).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    first = max(1, line - AROUND)
    last = min(len(text), line + AROUND)
    shown = [(number, without_comment(text[number - 1])) for number in range(first, last + 1)]
    return Excerpt(file=file, line=line, lines=shown)
