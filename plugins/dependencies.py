"""What an audit read besides its source files, so a cached answer is taken only while all of it is unchanged.

Rules look for documents in folders (`plugins.documents.Folders`, the `extension` rule's link
checks): while `recording()` is on, each folder they list is noted here. Beancount's own
`documents` plugin walks the documents folders, and files next to the entries may be named
by a `document:`. The state of all of these is what a record of findings depends on: for each
folder its real path and its files, each by its stat identity (a write changes `st_ctime`,
which no ordinary tool sets back) or, for a link, where it points.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import os
import stat
import time
from typing import TYPE_CHECKING

from welfare_ledger.plugins.cache import stat_key

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_READ: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar("welfare_folders_read", default=None)
SETTLE_NS = 2_000_000_000
"""A file changed this close to (or after) the start of a load may have been read half-way: the
answer is not kept. Two seconds cover file systems with coarse timestamps."""


def note_folder(folder: str) -> None:
    """Note that an audit listed `folder` (a no-op unless `recording()` is on)."""
    seen = _READ.get()
    if seen is not None:
        seen.add(os.path.normpath(os.path.abspath(folder)))


@contextlib.contextmanager
def recording() -> Iterator[set[str]]:
    """Collect the folders listed inside the block."""
    seen: set[str] = set()
    token = _READ.set(seen)
    try:
        yield seen
    finally:
        _READ.reset(token)


def _entry_state(entry: os.DirEntry[str]) -> tuple[tuple[str, str, object], int] | None:
    """(name, kind, identity) of a file or link in a listing, and its `st_ctime_ns`."""
    try:
        info = entry.stat(follow_symlinks=False)
        if stat.S_ISLNK(info.st_mode):
            return (entry.name, "link", os.readlink(entry.path)), info.st_ctime_ns
        if stat.S_ISREG(info.st_mode):
            return (entry.name, "file", stat_key(info)), info.st_ctime_ns
    except OSError:
        return (entry.name, "gone", None), 0
    return None


def folder_state(folder: str) -> tuple[tuple[object, ...], int]:
    """A folder's real path and its files (not its subfolders) by identity; the newest `st_ctime_ns`."""
    try:
        with os.scandir(folder) as found:
            items = [item for entry in found if (item := _entry_state(entry)) is not None]
    except OSError as exc:
        return (folder, "unlisted", exc.errno), 0
    files = sorted(state for state, _ in items)
    return (folder, os.path.realpath(folder), *files), max((ctime for _, ctime in items), default=0)


class Snapshot:
    """The state of some folders trees and single folders: a digest, and when it last changed."""

    def __init__(self, trees: Iterable[str], folders: Iterable[str]) -> None:
        digest = hashlib.sha256()
        newest = 0
        for tree in sorted(set(trees)):
            digest.update(repr(("tree", tree)).encode("utf-8", "surrogateescape"))
            walked = False
            for folder, subfolders, _ in os.walk(tree):
                subfolders.sort()
                walked = True
                newest = max(newest, self._add(digest, folder))
            if not walked:
                digest.update(b"missing")
        for folder in sorted(set(folders)):
            newest = max(newest, self._add(digest, folder))
        self.digest = digest.hexdigest()
        self.newest_ns = newest

    @staticmethod
    def _add(digest: hashlib._Hash, folder: str) -> int:
        state, newest = folder_state(folder)
        digest.update(repr(state).encode("utf-8", "surrogateescape"))
        return newest


def settled(newest_ns: int, start_ns: int) -> bool:
    """Whether nothing changed from a little before a load began.

    Else the load may have read a file half-written.
    """
    return newest_ns < start_ns - SETTLE_NS


def now_ns() -> int:
    """The wall clock that file timestamps use."""
    return time.time_ns()
