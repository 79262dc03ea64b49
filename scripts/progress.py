"""Progress on standard error while a long command works, so that nobody wonders whether it hangs.

On a province, loading and auditing the books takes many seconds (`welfare check`, the
reports, `welfare seal`, the git hook). The current step is shown in the reader's language
with the seconds so far, as one line rewritten in place, and only when standard error is a
terminal: never in a pipe, a log file or a test's captured output. The line is wiped before
anything else is printed to standard error and when the command is done, so what the
command prints stays as it was.
"""

from __future__ import annotations

import contextlib
import sys
import threading
import time
from typing import TYPE_CHECKING, TextIO

from welfare_ledger.plugins.i18n import render

if TYPE_CHECKING:
    from collections.abc import Iterator

    from welfare_ledger.plugins.i18n import Lang

TICK = 0.5
LINE = "{step}... {seconds} s"


def on_terminal(stream: TextIO) -> bool:
    """Whether `stream` is an interactive terminal."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """One rewritten line on a terminal: the step, and how long the command has run."""

    def __init__(self, lang: Lang, stream: TextIO | None = None) -> None:
        self.lang = lang
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = on_terminal(self.stream)
        self.started = time.monotonic()
        self.text = ""
        self.width = 0
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.ticker: threading.Thread | None = None

    def step(self, msgid: str, **params: object) -> None:
        """Show a new step (an English msgid of the catalogs, with its parameters)."""
        if not self.enabled:
            return
        with self.lock:
            self.text = render(msgid, params, self.lang)
            self._draw()
        if self.ticker is None:
            self.ticker = threading.Thread(target=self._tick, name="welfare-progress", daemon=True)
            self.ticker.start()

    def _tick(self) -> None:
        while not self.stopped.wait(TICK):
            with self.lock:
                if self.text:
                    self._draw()

    def _draw(self) -> None:
        seconds = int(time.monotonic() - self.started)
        line = render(LINE, {"step": self.text, "seconds": seconds}, self.lang)
        padding = " " * max(self.width - len(line), 0)
        self.stream.write("\r" + line + padding)
        self.stream.flush()
        self.width = len(line)

    def wipe(self) -> None:
        """Clear the line (before other output, or at the end)."""
        if not self.enabled:
            return
        with self.lock:
            if self.width:
                self.stream.write("\r" + " " * self.width + "\r")
                self.stream.flush()
                self.width = 0

    def close(self) -> None:
        """Stop the ticking and clear the line."""
        self.stopped.set()
        if self.ticker is not None:
            self.ticker.join()
        self.wipe()
        self.text = ""


_active: list[Progress] = []


def wipe() -> None:
    """Clear the progress line of the running command, if any (before printing to stderr)."""
    for shown in _active:
        shown.wipe()


@contextlib.contextmanager
def progress(lang: Lang, stream: TextIO | None = None) -> Iterator[Progress]:
    """A progress line for the duration of the block, cleared however the block ends."""
    shown = Progress(lang, stream)
    _active.append(shown)
    try:
        yield shown
    finally:
        _active.remove(shown)
        shown.close()
