"""The findings of a whole book, kept in the cache with everything they were derived from.

A record holds a book's findings (but those of rule `stale-books`, which depend on today) and
what they came from (`Basis`): the code version, the content digest of every source file, what
each `include` pattern matched, and the state of every folder the load and the rules read
(documents folders walked whole, folders the rules listed, the folders of the source files).
`recall` answers from a record only while all of that is as it was, and runs `stale-books`
itself on the entries it can pick (`StaleTail`), so a new day is seen without a new load.

Nothing is kept when the book runs a plugin that is not Beancount's, Fava's or ours (its code
could read anything), when this reading of the includes disagrees with Beancount's, when a rule
failed, or when a file changed while the load ran.
"""

from __future__ import annotations

import dataclasses
import os
from typing import TYPE_CHECKING, Any

from beancount.core.data import Document
from welfare_ledger.plugins.audit import MSG_RULE_FAILED
from welfare_ledger.plugins.cache import FileDigests, Store, code_version, digest_text
from welfare_ledger.plugins.dependencies import Snapshot, settled
from welfare_ledger.plugins.documents import document_roots
from welfare_ledger.plugins.findings import Finding, sort_findings
from welfare_ledger.plugins.rules.book_options import TRUSTED_PLUGINS
from welfare_ledger.plugins.sources import Patterns, expand, expansions, read_patterns
from welfare_ledger.plugins.stale_tail import TODAY_RULES, StaleTail

if TYPE_CHECKING:
    from pathlib import Path

    from beancount.core.data import Directive
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.loader import LoadedBook

KIND = "books"


@dataclasses.dataclass
class Basis:
    """What a load of a book read: its code, source files, includes and folders, as they were."""

    main: str
    version: str
    sources: dict[str, str]
    patterns: Patterns
    expanded: dict[tuple[str, str], tuple[str, ...]]
    trees: tuple[str, ...]
    folders: tuple[str, ...]
    state: str

    @classmethod
    def of(
        cls, path: Path, options: dict[str, Any], entries: list[Directive], listed: set[str], started_ns: int
    ) -> Basis | None:
        """The basis of a load that began at `started_ns`; None when it cannot be trusted later.

        That is when the book runs a plugin whose code could read anything, when this reading of
        its includes is not Beancount's, or when a file changed while it loaded.
        """
        if not trusted_plugins(options):
            return None
        main = os.path.normpath(str(path.resolve()))
        included = sorted(str(name) for name in options.get("include") or ())
        patterns = read_patterns(included)
        if patterns is None or sorted(expand(main, patterns.get) or ()) != included:
            return None
        digests = FileDigests(os.path.dirname(main))
        sources = {source: digests.digest(source) for source in included}
        trees = document_roots(options)
        folders = watched_folders(entries, included, listed)
        snapshot = Snapshot(trees, folders)
        newest = max([snapshot.newest_ns, *(os.stat(source).st_ctime_ns for source in included)])
        if None in sources.values() or not settled(newest, started_ns):
            return None
        digests.save()
        return cls(
            main=main,
            version=code_version(),
            sources={source: str(found) for source, found in sources.items()},
            patterns=patterns,
            expanded=expansions(patterns),
            trees=trees,
            folders=folders,
            state=snapshot.digest,
        )

    def holds(self) -> bool:
        """Whether the code, every source file, every include and every folder read are as they were."""
        if self.version != code_version():
            return False
        digests = FileDigests(os.path.dirname(self.main))
        if any(digests.digest(source) != found for source, found in self.sources.items()):
            return False
        digests.save()
        if expansions(self.patterns) != self.expanded:
            return False
        return Snapshot(self.trees, self.folders).digest == self.state


@dataclasses.dataclass
class BookRecord:
    """A book's findings and what they were derived from."""

    basis: Basis
    findings: list[Finding]
    tail: StaleTail
    config: AuditConfig


def record_key(kind: str, path: Path) -> str:
    """The key of a book's record of one kind: its full path (one record per book is kept)."""
    return digest_text(kind, os.path.normpath(str(path.resolve())))


def trusted_plugins(options: dict[str, Any]) -> bool:
    """Whether every plugin the book runs is Beancount's, Fava's or ours (nothing reads other files)."""
    if options.get("insert_pythonpath"):
        return False
    return all(str(name).startswith(TRUSTED_PLUGINS) for name, _ in options.get("plugin") or ())


def without_entry(finding: Finding) -> Finding:
    """A finding as kept: its place and message, not the entry object (the whole book)."""
    return dataclasses.replace(finding, entry=None) if finding.entry is not None else finding


def watched_folders(entries: list[Directive], sources: list[str], listed: set[str]) -> tuple[str, ...]:
    """The folders whose files an answer depends on, besides the documents folders walked whole."""
    folders = set(listed) | {os.path.dirname(path) for path in sources}
    folders.update(os.path.dirname(entry.filename) for entry in entries if isinstance(entry, Document))
    return tuple(sorted(folders))


def remember_load(loaded: LoadedBook, listed: set[str], started_ns: int) -> None:
    """Keep the findings of a load just audited, when it can be recalled safely (see the module)."""
    store = Store(KIND)
    audited = loaded.audited
    if not store.enabled or audited is None or audited.book is None:
        return
    if any(f.msgid == MSG_RULE_FAILED for f in loaded.findings):
        return
    basis = Basis.of(loaded.path, loaded.options, loaded.entries, listed, started_ns)
    if basis is None:
        return
    record = BookRecord(
        basis=basis,
        findings=[without_entry(f) for f in loaded.findings if f.rule not in TODAY_RULES],
        tail=StaleTail.of(audited.book),
        config=audited.config,
    )
    store.save(record_key(KIND, loaded.path), record)


def recall(path: Path) -> list[Finding] | None:
    """The findings of the book at `path` from its record, or None when anything it read changed."""
    record = Store(KIND).load(record_key(KIND, path))
    if not isinstance(record, BookRecord) or not record.basis.holds():
        return None
    return sort_findings([*record.findings, *record.tail.findings(record.config)])
