"""The files a book is made of, read as Beancount reads its `include` directives, without loading it.

A cached answer is only as good as the list of files it was derived from: a glob may match a
new file, and an include that named a missing file may now find it. `include_patterns` reads a
file's include lines; `expand` follows them as Beancount's loader does (relative to the file,
`glob` with `**`, each file once). Where this reading and Beancount's disagree (includes inside a
multi-line string, escapes), the caller sees a different list than the load's and keeps nothing.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

INCLUDE = re.compile(rb'^[ \t]*include[ \t]+"([^"\\\n]*)"', re.MULTILINE)

Patterns = dict[str, tuple[str, ...]]
"""Each source file's include patterns, as written."""


def include_patterns(data: bytes) -> tuple[str, ...]:
    """The include patterns written in a file's bytes, in order."""
    if b"include" not in data:
        return ()
    return tuple(match.group(1).decode("utf-8", "surrogateescape") for match in INCLUDE.finditer(data))


def matches(source: str, pattern: str) -> list[str]:
    """The files an include pattern of `source` names, as Beancount's loader finds them."""
    search = pattern if os.path.isabs(pattern) else os.path.join(os.path.dirname(source), pattern)
    return [os.path.normpath(found) for found in glob.glob(search, recursive=True)]


def expand(main: str, patterns_of: Callable[[str], tuple[str, ...] | None]) -> list[str] | None:
    """Every file of the book from `main`, in Beancount's order (breadth first).

    None when a file cannot be read.
    """
    seen: list[str] = []
    known: set[str] = set()
    queue = [os.path.normpath(main)]
    while queue:
        path = queue.pop(0)
        if path in known or not os.path.exists(path):
            continue
        known.add(path)
        seen.append(path)
        patterns = patterns_of(path)
        if patterns is None:
            return None
        for pattern in patterns:
            queue.extend(matches(path, pattern))
    return seen


def expansions(patterns: Patterns) -> dict[tuple[str, str], tuple[str, ...]]:
    """What each (file, pattern) matches now.

    An unchanged file still includes the same files only while these are unchanged.
    """
    return {
        (source, pattern): tuple(sorted(matches(source, pattern)))
        for source, listed in patterns.items()
        for pattern in listed
    }


def read_patterns(paths: Iterable[str]) -> Patterns | None:
    """The include patterns of each file (None when one cannot be read)."""
    found: Patterns = {}
    for path in paths:
        try:
            with open(path, "rb") as handle:
                found[path] = include_patterns(handle.read())
        except OSError:
            return None
    return found


def special_file(main: str) -> str | None:
    """The first file of the book that is no regular file (a device, a pipe), else None.

    Beancount would read such an include forever (`/dev/zero`, a named pipe): the audit would
    hang instead of reporting. Unreadable files are left to Beancount, which names them.
    """
    found: list[str] = []

    def patterns_of(path: str) -> tuple[str, ...]:
        if found:
            return ()
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                found.append(path)
                return ()
            with open(path, "rb") as handle:
                return include_patterns(handle.read())
        except OSError:
            return ()

    expand(main, patterns_of)
    return found[0] if found else None
