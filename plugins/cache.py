"""A private cache of what loading and auditing books derives: always safe to delete, never trusted blindly.

The cache lives in the user's own folder (`$WELFARE_CACHE_DIR`, else `$XDG_CACHE_HOME/welfare-ledger`,
else `~/.cache/welfare-ledger`; `WELFARE_CACHE=off` turns it off), never beside the books: a
record committed with the books or planted in a shared folder could forge an empty audit, and
reading a pickle runs code. So the folder is created for the user alone and refused when anyone
else could write to it. Every record is keyed by the content it was derived from (git's blob ids
of the files) and by the code that derived it; a record that cannot be read is a miss, and
deleting the folder only makes the next run slower.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

CACHE_DIR_ENV = "WELFARE_CACHE_DIR"
SWITCH_ENV = "WELFARE_CACHE"
FOLDER_NAME = "welfare-ledger"
FORMAT = 1
LIMITS = {"books": 64, "units": 1024, "digests": 64, "entries": 8}
"""How many records of each kind are kept; the least recently used go first."""


def cache_root() -> Path | None:
    """The cache folder, created for this user alone; None when caching is off or unsafe."""
    if os.environ.get(SWITCH_ENV, "").strip().lower() in ("off", "0", "no"):
        return None
    configured = os.environ.get(CACHE_DIR_ENV, "").strip()
    if configured:
        root = Path(configured)
    else:
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        root = (Path(base) if base else Path.home() / ".cache") / FOLDER_NAME
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = root.stat()
    except (OSError, RuntimeError):
        return None
    return root if _private(info) else None


def _private(info: os.stat_result) -> bool:
    """Whether only this user can write in a folder with this stat."""
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def digest_text(*parts: object) -> str:
    """A short stable key for values (SHA-256 of their reprs)."""
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:40]


class Store:
    """Pickled records of one kind, one file each, keyed by a digest.

    Each record is kept with the version of the code that made it (`code_version`) and read
    back only by the same code: a record of an older release is a miss, never half-understood.
    """

    def __init__(self, kind: str, root: Path | None = None) -> None:
        self.kind = kind
        self.root = root if root is not None else cache_root()
        self.folder = self.root / kind if self.root is not None else None

    @property
    def enabled(self) -> bool:
        """Whether records can be kept at all."""
        return self.folder is not None

    def _path(self, key: str) -> Path | None:
        return self.folder / f"{key}.pickle" if self.folder is not None else None

    def load(self, key: str) -> Any:
        """The record under `key`, or None (missing, unreadable, from another format)."""
        path = self._path(key)
        if path is None:
            return None
        try:
            with path.open("rb") as handle:
                found = pickle.load(handle)  # noqa: S301  (our own folder, no one else writes there)
            os.utime(path)
        except FileNotFoundError:
            return None
        except Exception:
            path.unlink(missing_ok=True)
            return None
        if not isinstance(found, tuple) or len(found) != 3 or found[:2] != (FORMAT, code_version()):
            return None
        return found[2]

    def save(self, key: str, value: Any) -> None:
        """Keep `value` under `key` (written whole or not at all); errors only lose the record."""
        path = self._path(key)
        if path is None or self.folder is None:
            return
        try:
            self.folder.mkdir(mode=0o700, exist_ok=True)
            handle, temp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=self.folder)
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump((FORMAT, code_version(), value), stream, protocol=pickle.HIGHEST_PROTOCOL)
            Path(temp).replace(path)
        except (OSError, pickle.PicklingError, RecursionError, TypeError, AttributeError):
            Path(temp).unlink(missing_ok=True)
            return
        self._evict()

    def _evict(self) -> None:
        """Drop the least recently used records beyond this kind's limit."""
        assert self.folder is not None
        limit = LIMITS.get(self.kind, 256)
        try:
            records = [(entry.stat().st_mtime_ns, entry.path) for entry in os.scandir(self.folder)]
        except OSError:
            return
        if len(records) <= limit:
            return
        for _, path in sorted(records)[: len(records) - limit]:
            Path(path).unlink(missing_ok=True)


def _package_files() -> list[Path]:
    plugins = Path(__file__).resolve().parent
    return sorted(plugins.rglob("*.py"))


@functools.cache
def code_version() -> str:
    """What derived a record: our rules' code (every module), Beancount, Fava's plugins, Python.

    A record made by other code is never taken: a rule changed by an upgrade (or by a developer)
    must see the books again.
    """
    import beancount

    digest = hashlib.sha256()
    for path in [*_package_files(), *_fava_plugins()]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(f"{beancount.__version__} {sys.version}".encode())
    return digest.hexdigest()[:40]


def _fava_plugins() -> list[Path]:
    """Fava's Beancount plugins (`link_documents` changes the entries), found without importing Fava."""
    spec = importlib.util.find_spec("fava")
    if spec is None or spec.origin is None:
        return []
    return sorted((Path(spec.origin).parent / "plugins").glob("*.py"))


def blob_id(data: bytes) -> str:
    """Git's id of a file with these bytes, so the hook can take digests from git's index."""
    return hashlib.sha1(b"blob %d\x00" % len(data) + data, usedforsecurity=False).hexdigest()


StatKey = tuple[int, int, int, int, int]


def stat_key(info: os.stat_result) -> StatKey:
    """What changes whenever a file is written.

    The kernel sets `st_ctime` on every change, and no ordinary tool can set it back (unlike
    `st_mtime`, which `touch -d` restores).
    """
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class FileDigests:
    """Content digests of files, read again only when a file's stat identity changed.

    One memo per book folder is kept in the cache, so a warm run stats the files and reads none.
    """

    def __init__(self, scope: str, store: Store | None = None) -> None:
        self.store = store if store is not None else Store("digests")
        self.key = digest_text("digests", scope)
        loaded = self.store.load(self.key)
        self._memo: dict[str, tuple[StatKey, str]] = loaded if isinstance(loaded, dict) else {}
        self._changed = False

    def digest(self, path: str) -> str | None:
        """The blob id of the file at `path` (links followed), or None when it cannot be read."""
        try:
            info = os.stat(path)
        except (OSError, ValueError):
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        key = stat_key(info)
        known = self._memo.get(path)
        if known is not None and known[0] == key:
            return known[1]
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        except OSError:
            return None
        found = blob_id(data)
        self._memo[path] = (key, found)
        self._changed = True
        return found

    def save(self) -> None:
        """Keep the memo for the next run (only when it learned something)."""
        if self._changed:
            self.store.save(self.key, self._memo)
            self._changed = False
