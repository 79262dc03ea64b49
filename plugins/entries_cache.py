"""Fava's load of a book from our cache: Beancount's entries as pickled, and the findings of the audit.

`welfare serve` has Fava load every book through `load_for_fava` (Fava's own load is uncached).
The entries come from a pickle in the cache while everything the load read is unchanged
(`book_record.Basis`: sources by content, includes, documents folders), else from a plain
Beancount load in which our plugin does not run. The findings come from the cache too
(`book_record.recall`), else, for a province, area by area with only the changed area books
audited again (`plugins.units`), else from the whole audit. They reach Fava as the plugin's
errors, exactly as the plugin would have given them; Beancount's own errors are Beancount's.

The pickle is written in the background after a load (it takes about as long as a tenth of a
load and is not needed before the next start), never beside the books: Beancount's own
`.picklecache` there is left alone.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount.parser import parser
from welfare_ledger.plugins.audit import gc_paused
from welfare_ledger.plugins.book_record import Basis, recall, record_key
from welfare_ledger.plugins.cache import Store, cache_root
from welfare_ledger.plugins.dependencies import now_ns, recording
from welfare_ledger.plugins.findings import WelfareError
from welfare_ledger.plugins.loader import _handed, beancount_load, load_book
from welfare_ledger.plugins.transparency import PLUGIN_NAME

if TYPE_CHECKING:
    from welfare_ledger.plugins.units import Answer

KIND = "entries"
KEPT = 4
"""Pickled books kept (each is about 20 MB for a province of 16,000 entries)."""

Loaded = tuple[list[Any], list[Any], dict[str, Any]]


@dataclasses.dataclass
class EntriesRecord:
    """Where a book's pickled load is and what it was derived from."""

    basis: Basis
    pickle: str


def _pickles() -> Path | None:
    root = cache_root()
    return root / "entries-data" if root is not None else None


def _recall_entries(path: Path) -> Loaded | None:
    record = Store(KIND).load(record_key(KIND, path))
    if not isinstance(record, EntriesRecord) or not record.basis.holds():
        return None
    try:
        with open(record.pickle, "rb") as handle:
            loaded = pickle.load(handle)  # noqa: S301  (our own folder, no one else writes there)
    except Exception:  # a broken pickle is a miss
        return None
    return loaded if isinstance(loaded, tuple) and len(loaded) == 3 else None


def _keep_entries(path: Path, loaded: Loaded, basis: Basis) -> None:
    """Pickle a load (without our findings: they are never taken from here) into the cache."""
    folder = _pickles()
    store = Store(KIND)
    if folder is None or not store.enabled:
        return
    entries, errors, options = loaded
    kept = (entries, [e for e in errors if not isinstance(e, WelfareError)], options)
    key = record_key(KIND, path)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=folder)
        with os.fdopen(handle, "wb") as stream:
            pickle.dump(kept, stream, protocol=pickle.HIGHEST_PROTOCOL)
        target = folder / f"{key}.pickle"
        Path(temp).replace(target)
    except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
        return
    store.save(key, EntriesRecord(basis, str(target)))
    _forget_old(folder)


def _forget_old(folder: Path) -> None:
    pickles = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns)
    for old in pickles[: max(0, len(pickles) - KEPT)]:
        old.unlink(missing_ok=True)


def _plain_load(path: Path) -> tuple[Loaded, Basis | None]:
    """Beancount's load without our rules, and what it read."""
    started = now_ns()
    with _handed(audit_wanted=False), recording() as listed, gc_paused():
        entries, errors, options = beancount_load(path)
    return (entries, errors, options), Basis.of(path, options, entries, listed, started)


def _declares_plugin(options: dict[str, Any]) -> bool:
    return any(name == PLUGIN_NAME for name, _ in options.get("plugin") or ())


def _main_options(book: Path) -> dict[str, Any] | None:
    """The options of the main file alone (where a book's plugins and processing mode are set)."""
    try:
        _, _, options = parser.parse_file(str(book))
    except OSError:
        return None
    return options


def _by_area(book: Path) -> Answer | None:
    """The province's findings area by area.

    None when it is not made of area books, or when most of them would be audited again (then
    one load of the whole is cheaper).
    """
    from welfare_ledger.plugins.trees import WorkingTree
    from welfare_ledger.plugins.units import NotByAreas, _province, audit_by_area_within

    main = os.path.normpath(str(book.resolve()))
    tree = WorkingTree(os.path.dirname(main))
    try:
        province = _province(main, tree)
    except NotByAreas:
        return None
    return audit_by_area_within(main, tree, at_most=len(province.areas) // 2)


def load_for_fava(path: str, *, is_encrypted: bool) -> Loaded:
    """What Fava's `load_uncached` gives, from the cache where it can (see the module)."""
    book = Path(path)
    head = _main_options(book) if not is_encrypted and cache_root() is not None else None
    if head is None or head.get("plugin_processing_mode") == "raw":
        return _favas_own(book, is_encrypted=is_encrypted)
    declared = _declares_plugin(head)
    findings = recall(book) if declared else None
    if declared and findings is None:
        answer = _by_area(book)
        if answer is None or answer.whole is not None:
            return _whole(book)
        findings = answer.findings
    loaded = _recall_entries(book)
    basis = None
    if loaded is None:
        loaded, basis = _plain_load(book)
    entries, errors, options = loaded
    if findings is not None:
        errors = [*errors, *(f.to_error() for f in findings if f.rule != "beancount")]
    if basis is not None:
        threading.Thread(target=_keep_entries, args=(book, loaded, basis), daemon=True).start()
    return entries, errors, options


def _favas_own(book: Path, *, is_encrypted: bool) -> Loaded:
    """Fava's own uncached load."""
    from fava.beans.load import load_uncached

    entries, errors, options = load_uncached(str(book), is_encrypted=is_encrypted)
    return list(entries), list(errors), dict(options)


def _whole(book: Path) -> Loaded:
    """Beancount's own load with every plugin, as Fava makes it; its findings and entries are kept."""
    started = now_ns()
    loaded = load_book(book)
    errors = [e for e in loaded.errors if not isinstance(e, WelfareError)]
    basis = Basis.of(book, loaded.options, loaded.entries, set(), started)
    if basis is not None:
        plain = (loaded.entries, list(errors), loaded.options)
        threading.Thread(target=_keep_entries, args=(book, plain, basis), daemon=True).start()
    errors.extend(f.to_error() for f in loaded.findings if f.rule != "beancount")
    return loaded.entries, errors, loaded.options


def use_for_fava() -> None:
    """Have Fava load books through `load_for_fava` (in `welfare serve`'s process only)."""
    import fava.core

    fava.core.load_uncached = load_for_fava  # type: ignore[attr-defined,assignment]
