"""Audit a province area by area, so a change to one area is judged without loading the others.

A province's main file includes one book per area (`areas/<slug>/area.beancount`), and each
area book loads alone. When the areas are independent, the findings of the province are the
findings of each area's book audited alone, with three things taken from the province: its
options and plugin config (the area book's must be the same), the day its books run through
(`last_date`, which several rules measure from) and rule `stale-books`, which looks at the
province's last entry. An area's answer is kept in the cache under the content of its files,
so `welfare check --changed` and the pre-commit hook audit again only the areas that changed.

The areas are independent when nothing one area writes can change another's findings, and
every run checks this on what each area holds; otherwise the whole province is loaded as
`welfare check` loads it (the answer says why):

- each area book declares one area, all its accounts are that area's, and no other area's;
- no code an area registers (member, grant, claim, area) is registered by another (in any
  spelling a reader cannot tell apart: rule `register`) or named by another;
- no voucher file backs payments of two areas;
- the area book's options and plugins are the province's, and the main file holds nothing
  but its options, plugins, includes and Fava's settings;
- no finding of an area points outside its own files, and no rule failed.
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from beancount.core.account import TYPE as ACCOUNT_TYPE
from beancount.core.data import (
    SORT_ORDER,
    Balance,
    Close,
    Commodity,
    Custom,
    Document,
    Note,
    Open,
    Pad,
    Transaction,
)
from beancount.parser import parser
from welfare_ledger.plugins.accounts import classify
from welfare_ledger.plugins.audit import MSG_RULE_FAILED, audit_book, gc_paused
from welfare_ledger.plugins.book import Book
from welfare_ledger.plugins.book_record import trusted_plugins, watched_folders
from welfare_ledger.plugins.cache import Store, code_version, digest_text
from welfare_ledger.plugins.config import parse_config
from welfare_ledger.plugins.dependencies import now_ns, recording, settled
from welfare_ledger.plugins.documents import document_roots
from welfare_ledger.plugins.findings import Finding, sort_findings
from welfare_ledger.plugins.i18n import Msg
from welfare_ledger.plugins.loader import (
    _handed,
    beancount_finding,
    beancount_load,
    load_book,
)
from welfare_ledger.plugins.register_reader import code_skeleton
from welfare_ledger.plugins.rules.missing_document import resolved_documents
from welfare_ledger.plugins.stale_tail import TODAY_RULES, StaleTail
from welfare_ledger.plugins.transparency import PLUGIN_NAME

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from beancount.core.data import Directive
    from welfare_ledger.plugins.config import AuditConfig
    from welfare_ledger.plugins.registers import Register

KIND = "units"
ROOT_MARK = "\x00root\x00"
MAIN_ENTRY_TYPES = frozenset({"fava-extension", "fava-option"})
OPTIONS_OF_THE_FILE = frozenset(
    {
        "filename",
        "include",
        "input_hash",
        "pythonpath",
        "dcontext",
        "title",
        "documents",
        "operating_currency",
        "commodities",
    }
)
"""Options that differ between a book and the province including it without changing any finding."""
REGISTER_CODES = (
    "areas",
    "members",
    "committee",
    "relations",
    "grants",
    "grant_reports",
    "beneficiaries",
    "standing_payments",
    "claims",
)
"""The registers keyed by codes that any area could name (the others are keyed by area)."""
REGISTER_BY_AREA = ("bylaws", "benefit_rules", "cash_counts", "seals", "findings", "bylaw_problems")
ROOT_OPTIONS = ("name_assets", "name_liabilities", "name_equity", "name_income", "name_expenses")
ATOM = re.compile(r"[^\s,;]+")

MSG_MAIN_ERRORS = "the main file has errors of its own"
MSG_MAIN_ENTRIES = "the main file holds entries of its own"
MSG_NO_AREAS = "the main file includes no area books"
MSG_SHARED_FILES = "two area books include the same file"
MSG_FOREIGN = "the book runs a plugin that is not Beancount's, Fava's or welfare-ledger's"
MSG_GLOB = "an include of the main file does not name exactly one area book"
MSG_TWICE = "the main file declares the transparency plugin twice"
MSG_MAIN_FINDINGS = "the main file's options or settings have findings of their own"
MSG_ALONE = "the area book {book} cannot be audited alone: {why}"
MSG_OPTIONS = "its options or plugins differ from the province's"
MSG_ONE_AREA = "it does not declare exactly one area"
MSG_ACCOUNT = "it uses the account {account}, which is not {area}'s"
MSG_OTHERS_DOCUMENT = "it names {path}, a document of another area's accounts"
MSG_OUTSIDE = "a finding points outside its own files"
MSG_FAILED = "a rule could not finish"
MSG_FACTS = "its facts could not be built"
MSG_REGISTERED = "{code} is registered by {first} and by {second}"
MSG_VOUCHER = "the voucher {voucher} backs payments of {first} and of {second}"
MSG_NAMES = "{area} names {code}, which is {owner}'s"


class Tree(Protocol):
    """Where the area-by-area audit reads the books (`plugins.trees`)."""

    scheme: str
    root: str

    def digest(self, path: str) -> str | None:
        """The content digest of a file (git's blob id), None when there is no such file."""

    def read(self, path: str) -> bytes | None:
        """The bytes of a file."""

    def patterns(self, path: str) -> tuple[str, ...] | None:
        """The include patterns a file writes."""

    def matches(self, source: str, pattern: str) -> list[str]:
        """The files an include pattern of `source` names."""

    def state(self, trees: Iterable[str], folders: Iterable[str]) -> Any:
        """The state of documents folders (`.digest`, and `.newest_ns` for a working folder)."""

    def prepare(self) -> None:
        """Make the files readable at their paths before a load."""

    def save(self) -> None:
        """Keep what was learned about the files for the next run."""


@dataclasses.dataclass
class AreaRecord:
    """One area book's findings as the province has them, and what they depend on."""

    version: str
    area: str
    files: tuple[str, ...]
    trees: tuple[str, ...]
    folders: tuple[str, ...]
    state: str
    context: datetime.date | None
    """The province's last day the findings were computed with."""
    findings: list[Finding]
    last_date: datetime.date | None
    """The date of the area's last transaction or balance."""
    max_date: datetime.date | None
    exports: frozenset[str]
    imports: frozenset[str]
    vouchers: frozenset[str]
    tail: StaleTail
    blocked: Msg | None = None
    """Why this area cannot be taken apart from the province (None when it can)."""


@dataclasses.dataclass
class Answer:
    """The province's findings, and how they were reached."""

    findings: list[Finding]
    audited: list[str] = dataclasses.field(default_factory=list)
    """The area books audited again in this run (the others came from the cache)."""
    reused: list[str] = dataclasses.field(default_factory=list)
    whole: Msg | None = None
    """Why the whole province was loaded instead (None when it was audited by areas)."""


@dataclasses.dataclass
class _Province:
    main: str
    root: str
    entries: list[Directive]
    options: dict[str, Any]
    config: AuditConfig
    problems: list[Finding]
    areas: list[tuple[str, list[str]]]
    environment: str


class NotByAreas(Exception):  # noqa: N818  (a reason, not an error: the whole province is loaded)
    """The province cannot be audited area by area; `reason` says why."""

    def __init__(self, msgid: str, **params: object) -> None:
        super().__init__(msgid)
        self.reason = Msg(msgid, params)


# -- paths kept relative to the province, so a record serves any copy of it ----------------------


def _relative(path: str, root: str) -> str:
    return os.path.relpath(path, root) if path.startswith(root + os.sep) else path


def _absolute(path: str, root: str) -> str:
    return path if not path or os.path.isabs(path) or path.startswith("<") else os.path.join(root, path)


def _swap(value: Any, old: str, new: str) -> Any:
    """`value` with the folder `old` written as `new` wherever a text names it."""
    if isinstance(value, str):
        return value.replace(old, new)
    if type(value) in (list, tuple):
        return type(value)(_swap(item, old, new) for item in value)
    if isinstance(value, Msg):
        return Msg(value.msgid, {key: _swap(item, old, new) for key, item in value.params.items()})
    return value


def _kept(finding: Finding, root: str) -> Finding:
    params = {key: _swap(value, root, ROOT_MARK) for key, value in finding.params.items()}
    return dataclasses.replace(finding, entry=None, file=_relative(finding.file, root), params=params)


def _restored(finding: Finding, root: str) -> Finding:
    params = {key: _swap(value, ROOT_MARK, root) for key, value in finding.params.items()}
    return dataclasses.replace(finding, file=_absolute(finding.file, root), params=params)


def _tail_moved(tail: StaleTail, root: str, place: Callable[[str, str], str]) -> StaleTail:
    """The tail with each entry's file name passed through `place` (kept relative, restored absolute)."""

    def move(entry: Any) -> Any:
        if entry is None:
            return None
        meta = dict(entry.meta)
        meta["filename"] = place(str(meta.get("filename", "")), root)
        return entry._replace(meta=meta)

    return StaleTail(
        [move(e) for e in tail.transactions], [move(e) for e in tail.balances], move(tail.last_entry)
    )


# -- the province: its main file and its area books ------------------------------------------------


def _comparable(options: dict[str, Any], base: str) -> dict[str, Any]:
    """The options that shape a load, with documents folders made absolute.

    Our plugin's config is left out: an area book is audited with the province's config.
    """
    kept = {key: value for key, value in options.items() if key not in OPTIONS_OF_THE_FILE}
    kept["documents"] = sorted(
        os.path.normpath(os.path.join(base, str(d))) for d in options.get("documents") or ()
    )
    kept["plugin"] = [
        (str(name), None if name == PLUGIN_NAME else config) for name, config in options.get("plugin") or ()
    ]
    return kept


def _province(main: str, tree: Tree) -> _Province:
    data = tree.read(main)
    if data is None:
        raise NotByAreas(MSG_MAIN_ERRORS)
    entries, errors, options = parser.parse_file(io.BytesIO(data), report_filename=main)
    if errors:
        raise NotByAreas(MSG_MAIN_ERRORS)
    if any(not (isinstance(e, Custom) and e.type in MAIN_ENTRY_TYPES) for e in entries):
        raise NotByAreas(MSG_MAIN_ENTRIES)
    options = {**options, "filename": main}
    if not trusted_plugins(options):
        raise NotByAreas(MSG_FOREIGN)
    declared = [config for name, config in options.get("plugin") or () if name == PLUGIN_NAME]
    if len(declared) > 1:
        raise NotByAreas(MSG_TWICE)
    config, problems = parse_config(declared[0] if declared else None)
    areas: list[tuple[str, list[str]]] = []
    seen: set[str] = {main}
    for pattern in options.get("include") or ():
        found = tree.matches(main, pattern)
        if len(found) != 1:
            raise NotByAreas(MSG_GLOB)
        files = _closure(found[0], tree)
        if seen & set(files):
            raise NotByAreas(MSG_SHARED_FILES)
        seen.update(files)
        areas.append((found[0], files))
    if not areas:
        raise NotByAreas(MSG_NO_AREAS)
    root = os.path.dirname(main)
    settings = sorted(_comparable(options, root).items(), key=lambda item: item[0])
    settings = [
        (key, [_relative(d, root) for d in value] if key == "documents" else value) for key, value in settings
    ]
    environment = digest_text(code_version(), tree.scheme, repr(settings), repr(config), len(declared))
    return _Province(main, root, entries, options, config, problems, areas, environment)


def _closure(book: str, tree: Tree) -> list[str]:
    """The files of an area book, breadth first as Beancount reads them."""
    files: list[str] = []
    queue = [os.path.normpath(book)]
    while queue:
        path = queue.pop(0)
        if path in files:
            continue
        files.append(path)
        for pattern in tree.patterns(path) or ():
            queue.extend(tree.matches(path, pattern))
    return files


def _area_key(province: _Province, book: str, files: list[str], tree: Tree) -> str:
    """The area's cache key: its files' content, where they sit in the province, the province's settings."""
    root = province.root
    return digest_text(
        province.environment,
        _relative(book, root),
        [(_relative(path, root), tree.digest(path)) for path in files],
        [
            (_relative(p, root), pattern, [_relative(m, root) for m in tree.matches(p, pattern)])
            for p in files
            for pattern in tree.patterns(p) or ()
        ],
    )


# -- one area book audited alone -------------------------------------------------------------------


def _accounts_of(entry: Directive) -> list[str]:
    if isinstance(entry, Transaction):
        return [posting.account for posting in entry.postings]
    if isinstance(entry, Pad):
        return [entry.account, entry.source_account]
    if isinstance(entry, (Open, Close, Balance, Note, Document)):
        return [entry.account]
    if isinstance(entry, Custom):
        return [str(value.value) for value in entry.values or () if value.dtype == ACCOUNT_TYPE]
    return []


def _atoms(entries: Iterable[Directive]) -> set[str]:
    """Every word an area's entries name in metadata, custom values and payees: the codes it uses."""
    found: set[str] = set()

    def add(value: Any) -> None:
        if isinstance(value, str):
            found.update(ATOM.findall(value))
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            found.add(str(value))

    for entry in entries:
        for key, value in (entry.meta or {}).items():
            if key not in ("filename", "lineno"):
                add(value)
        if isinstance(entry, Transaction):
            add(entry.payee)
            for posting in entry.postings:
                for key, value in (posting.meta or {}).items():
                    if key not in ("filename", "lineno"):
                        add(value)
        elif isinstance(entry, Custom):
            for value in entry.values or ():
                add(value.value)
    return found


def _exports(register: Register, entries: Iterable[Directive]) -> set[str]:
    """The codes an area registers, which no other area may register or name."""
    found: set[str] = set()
    for name in REGISTER_CODES:
        table = getattr(register, name)
        for key, value in table.items():
            found.add(str(key))
            if isinstance(value, dict):
                found.update(str(inner) for inner in value)
    found.update(f"commodity:{entry.currency}" for entry in entries if isinstance(entry, Commodity))
    return found


def _blocked_by(facts: Book, options: dict[str, Any], province: _Province) -> Msg | None:
    """Why an area book loaded alone is not the province's share of it (None when it is)."""
    own = _comparable(options, os.path.dirname(str(options.get("filename", ""))))
    if own != _comparable(province.options, province.root):
        return Msg(MSG_OPTIONS)
    if len(facts.register.areas) != 1:
        return Msg(MSG_ONE_AREA)
    (area,) = facts.register.areas
    for entry in facts.entries:
        for account in _accounts_of(entry):
            if classify(account).area != area:
                return Msg(MSG_ACCOUNT, {"account": account, "area": area})
    own_folders = tuple(folder.rstrip(os.sep) + os.sep for folder in _area_documents(province.options, area))
    roots = tuple(root.rstrip(os.sep) + os.sep for root in document_roots(province.options))
    for path in _named_documents(facts.entries):
        if path.startswith(roots) and not path.startswith(own_folders):
            return Msg(MSG_OTHERS_DOCUMENT, {"path": path})
    return None


def _named_documents(entries: Iterable[Directive]) -> Iterator[str]:
    """Every file a `document` value names, as Fava's `link_documents` reads it (next to the entry)."""
    for entry in entries:
        metas = [entry.meta or {}]
        if isinstance(entry, Transaction):
            metas.extend(posting.meta for posting in entry.postings if posting.meta)
        for meta in metas:
            base = os.path.dirname(str(meta.get("filename") or (entry.meta or {}).get("filename", "")))
            for key, value in meta.items():
                if isinstance(key, str) and key.startswith("document") and isinstance(value, str):
                    yield os.path.normpath(os.path.join(base, value))


@dataclasses.dataclass
class _Loaded:
    """An area book loaded alone, before its rules run."""

    book: str
    files: list[str]
    entries: list[Directive]
    errors: list[Any]
    options: dict[str, Any]
    facts: Book | None
    listed: set[str]
    started_ns: int

    @property
    def last_date(self) -> datetime.date | None:
        last = self.facts.last_entry if self.facts is not None else None
        return last.date if last is not None else None


def _load_area(book: str, files: list[str], province: _Province) -> _Loaded:
    """Parse, book and check one area book alone, without our plugin, and build its facts."""
    started = now_ns()
    with _handed(audit_wanted=False), recording() as listed, gc_paused():
        entries, errors, options = beancount_load(Path(book))
        as_in_province = {
            **options,
            "filename": province.main,
            "documents": province.options.get("documents"),
            "include": files,
        }
        try:
            facts: Book | None = Book(entries, as_in_province, province.config)
        except Exception:
            facts = None
    return _Loaded(book, files, entries, errors, options, facts, listed, started)


def _audit_area(loaded: _Loaded, province: _Province, context: datetime.date | None) -> AreaRecord:
    """The area's findings as the province has them (its last day set to the province's)."""
    root = province.root
    facts = loaded.facts
    if facts is None:
        return _blocked_record(loaded, province, context, Msg(MSG_FACTS))
    with recording() as listed, gc_paused():
        own_last = loaded.last_date
        facts.last_date = context
        found = [
            *audit_book(facts, province.config, skip=TODAY_RULES),
            *(beancount_finding(error) for error in loaded.errors),
        ]
        vouchers = {
            path for outflow in facts.outflows for _, path in resolved_documents(facts, outflow) if path
        }
    blocked = _blocked_by(facts, loaded.options, province)
    inside = set(loaded.files)
    if blocked is None and any(f.file not in inside for f in found):
        blocked = Msg(MSG_OUTSIDE)
    if blocked is None and any(f.msgid == MSG_RULE_FAILED for f in found):
        blocked = Msg(MSG_FAILED)
    folders = watched_folders(loaded.entries, loaded.files, loaded.listed | listed)
    area = next(iter(facts.register.areas), "")
    return AreaRecord(
        version=code_version(),
        area=area,
        files=tuple(_relative(f, root) for f in loaded.files),
        trees=tuple(_relative(t, root) for t in _area_documents(province.options, area)),
        folders=tuple(_relative(f, root) for f in folders),
        state="",
        context=context,
        findings=[_kept(f, root) for f in sort_findings(found)],
        last_date=own_last,
        max_date=max((entry.date for entry in loaded.entries), default=None),
        exports=frozenset(_exports(facts.register, loaded.entries)),
        imports=frozenset(_atoms(loaded.entries)),
        vouchers=frozenset(_relative(v, root) for v in vouchers),
        tail=_tail_moved(StaleTail.of(facts), root, _relative),
        blocked=blocked,
    )


def _area_documents(options: dict[str, Any], area: str) -> list[str]:
    """The documents folders of an area's accounts, which Beancount's `documents` plugin reads for it.

    It walks each documents folder and keeps the files under `<Root>/<Area>/...`, the folders
    of the area's accounts; the rest of the folder is other areas' business.
    """
    tops = [str(options.get(name) or "") for name in ROOT_OPTIONS]
    return [os.path.join(folder, top, area) for folder in document_roots(options) for top in tops if top]


def _blocked_record(
    loaded: _Loaded, province: _Province, context: datetime.date | None, why: Msg
) -> AreaRecord:
    return AreaRecord(
        version=code_version(),
        area="",
        files=tuple(loaded.files),
        trees=(),
        folders=(),
        state="",
        context=context,
        findings=[],
        last_date=None,
        max_date=None,
        exports=frozenset(),
        imports=frozenset(),
        vouchers=frozenset(),
        tail=StaleTail([], [], None),
        blocked=why,
    )


# -- the province put together again ---------------------------------------------------------------


def _independent(records: list[AreaRecord], root: str) -> Msg | None:
    """Why these areas' answers cannot simply be put together (None when they can)."""
    for record in records:
        if record.blocked:
            return Msg(MSG_ALONE, {"book": _absolute(record.files[0], root), "why": record.blocked})
    codes: dict[str, str] = {}
    read_as: dict[str, str] = {}
    vouchers: dict[str, str] = {}
    for record in records:
        for code in record.exports:
            seen = read_as.setdefault(code_skeleton(code), code)
            if seen in codes and codes[seen] != record.area:
                return Msg(MSG_REGISTERED, {"code": code, "first": codes[seen], "second": record.area})
            codes[code] = record.area
        for voucher in record.vouchers:
            if voucher in vouchers:
                return Msg(
                    MSG_VOUCHER, {"voucher": voucher, "first": vouchers[voucher], "second": record.area}
                )
            vouchers[voucher] = record.area
    for record in records:
        named = {code for code in record.imports if code in codes and codes[code] != record.area}
        if named:
            code = min(named)
            return Msg(MSG_NAMES, {"area": record.area, "code": code, "owner": codes[code]})
    return None


def _province_last(
    records: Iterable[datetime.date | None], fallback: Iterable[datetime.date | None], province: _Province
) -> datetime.date | None:
    """The day the province's books run through, as `Book.last_date` reads it.

    Its last transaction or balance, else its last entry of any kind.
    """
    dated = [day for day in records if day is not None]
    if dated:
        return max(dated)
    days = [day for day in fallback if day is not None]
    days.extend(entry.date for entry in province.entries)
    return max(days, default=None)


def _file_order(province: _Province, tree: Tree) -> dict[str, int]:
    """Each file's place in Beancount's reading of the province (breadth first from the main file)."""
    order: dict[str, int] = {}
    queue = [province.main]
    while queue:
        path = queue.pop(0)
        if path in order:
            continue
        order[path] = len(order)
        for pattern in tree.patterns(path) or ():
            queue.extend(tree.matches(path, pattern))
    return order


def _province_tail(records: list[AreaRecord], order: dict[str, int], root: str) -> StaleTail:
    """The province's `StaleTail`: the areas' tails merged in the province's order of entries."""
    tails = [_tail_moved(record.tail, root, _absolute) for record in records]

    def key(entry: Any) -> tuple[Any, ...]:
        place = order.get(str(entry.meta.get("filename")), 0)
        return (entry.date, SORT_ORDER.get(type(entry), 0), entry.meta.get("lineno", 0), place)

    transactions = sorted((e for tail in tails for e in tail.transactions), key=key)
    balances = sorted((e for tail in tails for e in tail.balances), key=key)
    lasts = [tail.last_entry for tail in tails if tail.last_entry is not None]
    return StaleTail(transactions, balances, max(lasts, key=key) if lasts else None)


def _main_findings(province: _Province) -> list[Finding]:
    """What the rules find in the main file alone (its options, plugins and Fava settings)."""
    options = {**province.options, "include": [province.main]}
    facts = Book(province.entries, options, province.config)
    return [*audit_book(facts, province.config, skip=TODAY_RULES), *province.problems]


def audit_by_area(main: str, tree: Tree) -> Answer:
    """The province's findings, each area from the cache while what it read is unchanged.

    Falls back to loading the whole province (`Answer.whole` says why) when its areas are not
    independent; either way the answer is what `welfare check` gives.
    """
    answer = audit_by_area_within(main, tree, at_most=None)
    assert answer is not None
    return answer


def audit_by_area_within(main: str, tree: Tree, at_most: int | None) -> Answer | None:
    """`audit_by_area`, or None when more than `at_most` area books would be audited again.

    Then one load of the whole province is cheaper.
    """
    main = os.path.normpath(main)
    try:
        province = _province(main, tree)
    except NotByAreas as refused:
        return _whole(main, tree, refused.reason)
    if _main_findings(province):
        return _whole(main, tree, Msg(MSG_MAIN_FINDINGS))
    store = Store(KIND)
    root = province.root
    books = [book for book, _ in province.areas]
    keys = {book: _area_key(province, book, files, tree) for book, files in province.areas}
    cached: dict[str, AreaRecord] = {}
    for book in books:
        record = store.load(keys[book])
        if isinstance(record, AreaRecord) and record.version == code_version() and _still(record, tree, root):
            cached[book] = record
    if at_most is not None and len(books) - len(cached) > at_most:
        return None
    loaded: dict[str, _Loaded] = {}
    for book, files in province.areas:
        if book not in cached:
            tree.prepare()
            loaded[book] = _load_area(book, files, province)
    context = _province_last(
        [cached[b].last_date if b in cached else loaded[b].last_date for b in books],
        [
            cached[b].max_date if b in cached else max((e.date for e in loaded[b].entries), default=None)
            for b in books
        ],
        province,
    )
    records: dict[str, AreaRecord] = {}
    for book, files in province.areas:
        if book in cached and cached[book].context == context:
            records[book] = cached[book]
            continue
        if book not in loaded:
            tree.prepare()
            loaded[book] = _load_area(book, files, province)
        records[book] = _audit_area(loaded[book], province, context)
        _remember(store, keys[book], records[book], tree, root, loaded[book].started_ns)
    tree.save()
    ordered = [records[book] for book in books]
    reason = _independent(ordered, root)
    if reason is not None:
        return _whole(main, tree, reason)
    findings = [_restored(f, root) for record in ordered for f in record.findings]
    findings.extend(_province_tail(ordered, _file_order(province, tree), root).findings(province.config))
    audited = [book for book in books if book in loaded]
    return Answer(sort_findings(findings), audited=audited, reused=[b for b in books if b not in loaded])


def _still(record: AreaRecord, tree: Tree, root: str) -> bool:
    """Whether the documents an area's answer read are as they were."""
    trees = [_absolute(t, root) for t in record.trees]
    folders = [_absolute(f, root) for f in record.folders]
    return tree.state(trees, folders).digest == record.state


def _remember(  # noqa: PLR0917  (one call site, each argument a different thing)
    store: Store, key: str, record: AreaRecord, tree: Tree, root: str, started_ns: int
) -> None:
    """Keep an area's answer with the state of what it read (not when a file changed meanwhile)."""
    trees = [_absolute(t, root) for t in record.trees]
    folders = [_absolute(f, root) for f in record.folders]
    state = tree.state(trees, folders)
    record.state = state.digest
    if tree.scheme == "fs":
        newest = max([state.newest_ns, *(_ctime(_absolute(f, root)) for f in record.files)])
        if not settled(newest, started_ns):
            return
    store.save(key, record)


def _ctime(path: str) -> int:
    try:
        return os.lstat(path).st_ctime_ns
    except OSError:
        return 0


def _whole(main: str, tree: Tree, reason: Msg) -> Answer:
    tree.prepare()
    loaded = load_book(main, remember=tree.scheme == "fs")
    return Answer(loaded.findings, whole=reason)
