"""Fava's ledger as `welfare serve` loads it: only trusted extensions, ours always, in the background.

Fava imports whatever module a book names in `custom "fava-extension"`, with the book's folder
first on `sys.path`: a book that names `evilmod` next to an `evilmod.py` runs that file in the
server. Here the book's list is only a wish: this project's extension is always loaded (so
every book served, an area's own book too, has the transparency pages), Fava's own
extensions are loaded when asked for, and nothing else is imported; the `extension` rule
tells the treasurer why.

The books load in a background thread while the server already answers with a page that
says they are loading, and every load (the first and each reload after an edit) runs with
the cycle collector paused and reports what it is doing.
"""

from __future__ import annotations

import importlib
import inspect
import threading
import time
from typing import TYPE_CHECKING

from fava.application import _LedgerSlugLoader
from fava.core import FavaLedger
from fava.core.extensions import ExtensionModule
from fava.ext import FavaExtensionBase
from welfare_ledger.plugins.audit import gc_paused
from welfare_ledger.plugins.rules.extension import ALLOWED_EXTENSIONS, FAVA_OWN, THIS_PROJECT

if TYPE_CHECKING:
    from collections.abc import Callable

    from flask import Flask



def _quiet(_msgid: str, _params: dict[str, object]) -> None:
    """Say nothing (Fava started otherwise than by `welfare serve`)."""


def extension_classes(module_name: str) -> list[type[FavaExtensionBase]]:
    """The extension classes of a trusted module, imported from the installed packages only."""
    module = importlib.import_module(module_name)
    return [
        obj
        for _, obj in inspect.getmembers(module, inspect.isclass)
        if issubclass(obj, FavaExtensionBase) and obj is not FavaExtensionBase
    ]


class TrustedExtensions(ExtensionModule):
    """Fava's extension module, loading this project's extension and Fava's own, nothing else."""

    refused: list[str]

    def load_file(self) -> None:
        """Instantiate the trusted extensions once; remember which names the book asked for in vain."""
        self.errors = []
        asked = {
            str(entry.values[0].value): entry
            for entry in self.ledger.all_entries_by_type.Custom
            if entry.type == "fava-extension" and entry.values
        }
        self.refused = sorted(name for name in asked if name not in ALLOWED_EXTENSIONS)
        wanted = [THIS_PROJECT, *(name for name in FAVA_OWN if name in asked)]
        for name in wanted:
            entry = asked.get(name)
            config = entry.values[1].value if entry is not None and len(entry.values) > 1 else None
            for cls in extension_classes(name):
                if cls not in self._loaded_extensions:
                    self._loaded_extensions.add(cls)
                    extension = cls(self.ledger, config)
                    self._instances[extension.name] = extension


class WelfareLedger(FavaLedger):
    """A Fava ledger with trusted extensions only, loaded with the collector paused, saying so."""

    def __init__(
        self, path: str, *, poll_watcher: bool = False, progress: Callable[..., None] = _quiet
    ) -> None:
        self.progress = progress
        super().__init__(path, poll_watcher=poll_watcher)

    def load_file(self) -> None:
        """Load (or reload) the book as Fava does, with our extension module in place."""
        if not isinstance(self.extensions, TrustedExtensions):
            self.extensions = TrustedExtensions(self)
        started = time.perf_counter()
        self.progress("Loading {book} ...", {"book": self.beancount_file_path})
        with gc_paused():
            super().load_file()
        extensions: TrustedExtensions = self.extensions
        for name in extensions.refused:
            self.progress(
                "Not loading the Fava extension {name} that the book names (rule extension).", {"name": name}
            )
        self.progress(
            "Loaded {book}: {entries} entries in {seconds} s.",
            {
                "book": self.beancount_file_path,
                "entries": len(self.all_entries),
                "seconds": f"{time.perf_counter() - started:.1f}",
            },
        )


class BackgroundLedgers(_LedgerSlugLoader):
    """Fava's ledger loader, building `WelfareLedger`s in a thread while the server answers."""

    def __init__(self, fava_app: Flask, *, progress: Callable[..., None] = _quiet) -> None:
        super().__init__(fava_app, load=False)
        self.progress = progress
        self.ready = threading.Event()
        self.failure: BaseException | None = None

    def _load(self) -> list[FavaLedger]:
        return [
            WelfareLedger(path, poll_watcher=self.poll_watcher, progress=self.progress)
            for path in self.fava_app.config["BEANCOUNT_FILES"]
        ]

    def load(self) -> None:
        """Load every book now, in this thread; mark the loader ready (or failed) when done."""
        try:
            _ = self.ledgers
        except Exception as exc:
            self.failure = exc
            raise
        finally:
            self.ready.set()

    def start(self) -> threading.Thread:
        """Load every book in a daemon thread."""
        thread = threading.Thread(target=self.load, name="welfare-load", daemon=True)
        thread.start()
        return thread

    def slugs(self) -> list[str]:
        """The slugs of the loaded books; none while they load."""
        if not self.ready.is_set() or self.failure is not None:
            return []
        return [slug for slug, _ in self.items()]
