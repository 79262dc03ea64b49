"""The files of a book as the area-by-area audit sees them: the working folder, or a git tree.

`welfare check --changed` reads the working folder: a file's content digest is git's blob id
of its bytes (read again only when its stat identity changed), a documents folder's state is
its files' stat identities. The pre-commit hook reads git's index and HEAD: every digest is
the blob id git already keeps, so nothing is read to know what changed, and only when an area
must be audited again are the files written out, into a folder of the cache kept in step with
the tree (only the files that differ are written).
"""

from __future__ import annotations

import bisect
import contextlib
import fcntl
import glob
import hashlib
import os
import shutil
import subprocess
from typing import TYPE_CHECKING

from welfare_ledger.plugins.cache import FileDigests, Store, cache_root, digest_text
from welfare_ledger.plugins.dependencies import Snapshot
from welfare_ledger.plugins.sources import include_patterns, matches

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

LINK_MODE = "120000"
TREES_KEPT = 8
"""Copies of git trees kept in the cache (an index and a HEAD for each of four repositories)."""


class WorkingTree:
    """The books as they are in a folder."""

    scheme = "fs"

    def __init__(self, root: str) -> None:
        self.root = os.path.normpath(root)
        self.digests = FileDigests(self.root)
        self._patterns = Store("includes")

    def digest(self, path: str) -> str | None:
        """Git's blob id of the file's bytes, or None when it is not a readable file."""
        return self.digests.digest(path)

    def read(self, path: str) -> bytes | None:
        """The bytes of a file (None when it cannot be read)."""
        try:
            with open(path, "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def patterns(self, path: str) -> tuple[str, ...] | None:
        """The include patterns of a file (remembered by content)."""
        found = self.digest(path)
        if found is None:
            return None
        known = self._patterns.load(found)
        if isinstance(known, tuple):
            return known
        try:
            with open(path, "rb") as handle:
                patterns = include_patterns(handle.read())
        except OSError:
            return None
        self._patterns.save(found, patterns)
        return patterns

    def matches(self, source: str, pattern: str) -> list[str]:
        """What an include pattern of `source` names (Beancount's glob)."""
        return matches(source, pattern)

    def state(self, trees: Iterable[str], folders: Iterable[str]) -> Snapshot:
        """The state of documents folders (whole trees) and single folders."""
        return Snapshot(trees, folders)

    def prepare(self) -> None:
        """Nothing to write: the files are there."""

    def save(self) -> None:
        """Keep the digests learned for the next run."""
        self.digests.save()


class GitTree:
    """One tree of a git repository (the index, or HEAD) under the book's folder."""

    scheme = "git"

    def __init__(self, repo: Path, name: str, blobs: dict[str, tuple[str, str]], scope: str) -> None:
        """`blobs` maps each path under `scope` (relative to the repository) to (mode, blob id)."""
        self.repo = repo
        self.blobs = blobs
        self.scope = scope.strip("/")
        root = cache_root()
        base = root / "trees" if root is not None else None
        self.where = (base / digest_text("tree", str(repo.resolve()), name)) if base else None
        self.root = os.path.normpath(str(self.where / "files")) if self.where else ""
        self._patterns = Store("includes")
        self._prepared = False
        self._sorted: list[str] | None = None
        self._children: dict[str, list[tuple[str, tuple[str, str]]]] | None = None

    def _relative(self, path: str) -> str:
        return os.path.relpath(os.path.normpath(path), self.root).replace(os.sep, "/")

    def digest(self, path: str) -> str | None:
        """The blob id git keeps for the file (None for a link, a folder or a missing file)."""
        found = self.blobs.get(self._relative(path))
        return None if found is None or found[0] == LINK_MODE else found[1]

    def read(self, path: str) -> bytes | None:
        """The bytes git keeps for a file (None when the tree has no such file)."""
        blob = self.digest(path)
        return None if blob is None else self._cat([blob]).get(blob)

    def patterns(self, path: str) -> tuple[str, ...] | None:
        """The include patterns of a file, read from git's object (remembered by blob id)."""
        blob = self.digest(path)
        if blob is None:
            return None
        known = self._patterns.load(blob)
        if isinstance(known, tuple):
            return known
        data = self._cat([blob]).get(blob)
        if data is None:
            return None
        patterns = include_patterns(data)
        self._patterns.save(blob, patterns)
        return patterns

    def matches(self, source: str, pattern: str) -> list[str]:
        """What an include pattern names: looked up in the tree, or globbed once it is written out."""
        if glob.has_magic(pattern):
            self.prepare()
            return matches(source, pattern)
        search = pattern if os.path.isabs(pattern) else os.path.join(os.path.dirname(source), pattern)
        path = os.path.normpath(search)
        return [path] if self._relative(path) in self.blobs else []

    def state(self, trees: Iterable[str], folders: Iterable[str]) -> _GitState:
        """The blob ids and modes of the files in these folders."""
        return _GitState(self, [self._relative(t) for t in trees], [self._relative(f) for f in folders])

    def _cat(self, blobs: list[str]) -> dict[str, bytes]:
        """The bytes of git objects, in one `git cat-file --batch`."""
        if not blobs:
            return {}
        done = subprocess.run(
            ["git", "-C", str(self.repo), "cat-file", "--batch"],
            input="".join(f"{blob}\n" for blob in blobs).encode(),
            capture_output=True,
            check=False,
        )
        found: dict[str, bytes] = {}
        data = done.stdout
        at = 0
        for blob in blobs:
            end = data.index(b"\n", at)
            header = data[at:end].split()
            at = end + 1
            if len(header) < 3 or header[1] == b"missing":
                continue
            size = int(header[2])
            found[blob] = data[at : at + size]
            at += size + 1
        return found

    def prepare(self) -> None:
        """Write the tree's files under its folder, changing only those that differ from last time."""
        if self._prepared or self.where is None:
            return
        self.where.mkdir(mode=0o700, parents=True, exist_ok=True)
        with _locked(self.where / "lock"):
            manifest_path = self.where / "manifest"
            written = _read_manifest(manifest_path)
            if not os.path.isdir(self.root):
                written = {}
            for path in set(written) - set(self.blobs):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(self.root, path))
            todo = [path for path, entry in self.blobs.items() if written.get(path) != entry]
            contents = self._cat(sorted({self.blobs[path][1] for path in todo}))
            for path in todo:
                mode, blob = self.blobs[path]
                target = os.path.join(self.root, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(target)
                if mode == LINK_MODE:
                    os.symlink(contents[blob].decode("utf-8", "surrogateescape"), target)
                else:
                    with open(target, "wb") as handle:
                        handle.write(contents[blob])
                    if mode == "100755":
                        os.chmod(target, 0o755)  # noqa: S103  (git's executable bit, as git checks files out)
            _write_manifest(manifest_path, self.blobs)
        self._prepared = True
        _forget_old_trees(self.where.parent, keep=self.where)

    def save(self) -> None:
        """Nothing to keep: git keeps the digests."""

    def sorted_paths(self) -> list[str]:
        """The tree's paths in order (for the files under a folder)."""
        if self._sorted is None:
            self._sorted = sorted(self.blobs)
        return self._sorted

    def children(self) -> dict[str, list[tuple[str, tuple[str, str]]]]:
        """The files directly in each folder, in order."""
        if self._children is None:
            found: dict[str, list[tuple[str, tuple[str, str]]]] = {}
            for path in self.sorted_paths():
                folder, _, name = path.rpartition("/")
                found.setdefault(folder, []).append((name, self.blobs[path]))
            self._children = found
        return self._children


class _GitState:
    """The state of folders of a git tree: a digest over their files' modes and blob ids."""

    newest_ns = 0

    def __init__(self, tree: GitTree, trees: list[str], folders: list[str]) -> None:
        digest = hashlib.sha256()
        paths = tree.sorted_paths()
        for root in sorted(set(trees)):
            prefix = root.rstrip("/") + "/"
            start = bisect.bisect_left(paths, prefix)
            end = bisect.bisect_left(paths, prefix[:-1] + "0")
            digest.update(repr(("tree", root, [(p, tree.blobs[p]) for p in paths[start:end]])).encode())
        children = tree.children()
        for folder in sorted(set(folders)):
            digest.update(repr(("folder", folder, children.get(folder.rstrip("/"), []))).encode())
        self.digest = digest.hexdigest()


def _read_manifest(path: Path) -> dict[str, tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return {}
    found: dict[str, tuple[str, str]] = {}
    for line in lines:
        mode, blob, name = line.split(" ", 2)
        found[name] = (mode, blob)
    return found


def _write_manifest(path: Path, blobs: dict[str, tuple[str, str]]) -> None:
    temp = path.with_suffix(".tmp")
    temp.write_text(
        "".join(f"{mode} {blob} {name}\n" for name, (mode, blob) in sorted(blobs.items())), encoding="utf-8"
    )
    temp.replace(path)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer of a tree folder at a time (two hooks running at once wait for each other)."""
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def git_blobs(repo: Path, tree: str | None, scope: str) -> dict[str, tuple[str, str]] | None:
    """(mode, blob id) of each file under `scope`: of the index (`tree` None) or of a commit's tree.

    None when git cannot say (no such commit, not a repository).
    """
    scope = scope.strip("/")
    spec = [scope] if scope else []
    if tree is None:
        command = ["git", "-C", str(repo), "ls-files", "-s", "-z", "--", *spec]
    else:
        command = ["git", "-C", str(repo), "ls-tree", "-r", "-z", "--full-tree", tree, "--", *spec]
    done = subprocess.run(command, capture_output=True, check=False)
    if done.returncode != 0:
        return None
    found: dict[str, tuple[str, str]] = {}
    for record in done.stdout.split(b"\0"):
        if not record:
            continue
        head, _, name = record.decode("utf-8", "surrogateescape").partition("\t")
        fields = head.split()
        if tree is None:
            mode, blob, stage = fields
            if stage != "0":
                return None
        else:
            mode, _kind, blob = fields
            if _kind != "blob":
                continue
        found[name] = (mode, blob)
    return found


def _forget_old_trees(folder: Path, keep: Path, limit: int = TREES_KEPT) -> None:
    """Remove the least recently written trees beyond `limit` (each is rebuilt from git when needed)."""
    os.utime(keep)
    try:
        found = [entry for entry in os.scandir(folder) if entry.is_dir()]
        trees = sorted((entry.stat().st_mtime_ns, entry.path) for entry in found)
    except OSError:
        return
    for _, path in trees[: max(0, len(trees) - limit)]:
        if path == str(keep):
            continue
        with open(os.path.join(path, "lock"), "a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                continue
            shutil.rmtree(path, ignore_errors=True)
