"""Finding the file a `document:` names, as Fava's `link_documents` finds it, and only inside the books.

A document is a path relative to the file of the entry that names it, or a bare file name in the
documents folder of one of the entry's accounts (`<documents>/<Account/Path>/<name>`). It must be
a regular file inside the book's folders: the folder of the main book file or one of its
`option "documents"` folders. `../../etc/passwd` or a folder does not back a payment.
Folder listings are read once per folder, so a province with thousands of vouchers costs a few
hundred `scandir` calls, not one `stat` per document.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


class Folders:
    """File names of folders, each listed once; a missing folder lists as empty."""

    def __init__(self) -> None:
        self._files: dict[str, frozenset[str]] = {}

    def files(self, folder: str) -> frozenset[str]:
        """The names of the regular files in `folder` (a link is not one: it may point anywhere)."""
        names = self._files.get(folder)
        if names is None:
            try:
                with os.scandir(folder) as found:
                    names = frozenset(item.name for item in found if item.is_file(follow_symlinks=False))
            except OSError:
                names = frozenset()
            self._files[folder] = names
        return names

    def is_file(self, path: str) -> bool:
        """Whether `path` is a regular file (one listing per folder)."""
        folder, name = os.path.split(os.path.normpath(path))
        return bool(name) and name in self.files(folder or os.curdir)


def book_folder(options: dict[str, object]) -> str:
    """The folder of the main book file."""
    return os.path.normpath(os.path.abspath(Path(str(options.get("filename") or "")).parent))


def document_roots(options: dict[str, object]) -> tuple[str, ...]:
    """The documents folders of the book, relative to the main book file as Beancount reads them."""
    base = Path(book_folder(options))
    roots = options.get("documents") or ()
    listed: Iterable[object] = roots if isinstance(roots, (list, tuple)) else (roots,)
    return tuple(os.path.normpath(base / str(root)) for root in listed)


def inside(path: str, folders: Sequence[str]) -> bool:
    """Whether `path` (already absolute and normalised) lies within one of `folders`."""
    return any(path == folder or path.startswith(folder.rstrip(os.sep) + os.sep) for folder in folders)


class DocumentFinder:
    """Resolves `document` values to files inside the book's folders."""

    def __init__(self, options: dict[str, object], listing: Folders) -> None:
        self.roots = document_roots(options)
        self.allowed = (book_folder(options), *self.roots)
        self.listing = listing
        self._by_account: dict[str, tuple[tuple[str, frozenset[str]], ...]] = {}

    def _account_folders(self, account: str) -> tuple[tuple[str, frozenset[str]], ...]:
        found = self._by_account.get(account)
        if found is None:
            path = account.replace(":", os.sep)
            found = tuple(
                (folder, self.listing.files(folder))
                for root in self.roots
                if (folder := os.path.join(root, path))
            )
            self._by_account[account] = found
        return found

    def find(self, document: str, entry_file: str, accounts: Iterable[str]) -> str | None:
        """The absolute path of the file `document` names, or None when no such file is in the books."""
        if "\x00" in document or not document.strip():
            return None
        if os.sep not in document and not (os.altsep and os.altsep in document):
            for account in accounts:
                for folder, names in self._account_folders(account):
                    if document in names:
                        return os.path.join(folder, document)
        if os.path.isabs(document):
            return None
        path = os.path.normpath(os.path.join(os.path.abspath(os.path.dirname(entry_file or ".")), document))
        if inside(path, self.allowed) and self.listing.is_file(path):
            return path
        return None
