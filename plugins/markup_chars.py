"""Which characters must never reach a member's browser, a spreadsheet row or a one-line display.

Markup (`<`, `>`) turns a bank description into HTML in a page that forgets to escape it;
control characters (NUL, escape sequences, bidirectional overrides, line separators) hide
text from `git diff`, break one-line messages and reorder what a reader sees. The importers
refuse or neutralise them and the `markup` rule reports those already in the books, both
through this one test.
"""

from __future__ import annotations

import re

MARKUP = "<>"
_CONTROLS = "\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{MARKUP}{_CONTROLS}]")
# Tab, line feed and carriage return are how text files are laid out; any other control is not.
_FILE_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
NEUTRAL = str.maketrans({"<": "\uff1c", ">": "\uff1e"})


def first_unsafe(text: str) -> str | None:
    """The first markup or control character of `text`, or None when it has none."""
    match = _UNSAFE.search(text)
    return match.group() if match else None


def first_file_control(text: str, start: int = 0) -> int:
    """The index of the first control character a text file may not hold, or -1.

    Tab, line feed and carriage return lay out rows and cells; every other control character
    is refused, wherever it is in the file.
    """
    match = _FILE_CONTROL.search(text, start)
    return match.start() if match else -1


def neutralise_markup(text: str) -> str:
    """`<` and `>` made their full-width look-alikes (`＜`, `＞`), which no browser reads as markup."""
    return text.translate(NEUTRAL)


def code_point(char: str) -> str:
    """A character named so that a message can show it without being it: `U+003C`."""
    return f"U+{ord(char):04X}"
