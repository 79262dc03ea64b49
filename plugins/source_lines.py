"""Where a line is written in a book's files, for findings about options and plugins.

Beancount keeps no line numbers for `option` and `plugin` directives; a finding about one
must still point at it, so the book's files are read (those Beancount loaded, in order) and
the first matching line is taken.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator


def line_of(options: dict[str, Any], pattern: str) -> dict[str, Any]:
    """`{filename, lineno}` of the first line of the book matching `pattern` (line 0 if none)."""
    regex = re.compile(pattern)
    files = options.get("include") or [options.get("filename") or ""]
    for name in files:
        try:
            lines = Path(str(name)).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for number, text in enumerate(lines, start=1):
            if regex.search(text):
                return {"filename": str(name), "lineno": number}
    return {"filename": str(options.get("filename") or ""), "lineno": 0}


def lines_matching(options: dict[str, Any], pattern: str, keyword: str) -> Iterator[dict[str, Any]]:
    """`{filename, lineno}` of every line of the book's files matching `pattern`.

    A file without `keyword` (which every match contains) is not split into lines, so a large
    book pays one substring search per file.
    """
    regex = re.compile(pattern)
    for name in options.get("include") or [options.get("filename") or ""]:
        try:
            text = Path(str(name)).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        if keyword not in text:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if regex.search(line):
                yield {"filename": str(name), "lineno": number}
