"""The canonical form of an area's entries and the seal digest built from it (docs/seals.md).

A seal must change with every change of meaning and with nothing else, and an auditor must be
able to recompute it with another tool. So every entry becomes one line of canonical JSON
(sorted keys, numbers by value, postings sorted, documents by the SHA-256 of their bytes), the
lines of a month are sorted and hashed, and the month hashes are hashed into the total.
Entries that Beancount or Fava make up while loading are left out, so the digest does not
depend on the plugins a book declares or their order.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import json.encoder
import operator
import os
import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from beancount.core import flags
from beancount.core.amount import Amount
from beancount.core.data import (
    Balance,
    Close,
    Custom,
    Document,
    Note,
    Open,
    Pad,
    Transaction,
)
from beancount.core.position import Cost
from welfare_ledger.plugins import accounts

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

    from beancount.core.data import Directive, Meta, Posting
    from welfare_ledger.plugins.registers import Register

VERSION = "v1"
MONTH_HEX = 16
SHORT_HEX = 20
BLOCK = 4
MISSING = "missing"
_CHUNK = 1 << 20
_DOCUMENT_KEY = re.compile(r"^document(-[0-9]+)?$")
_DOK_LINK = re.compile(r"^dok-[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_GENERATED_TAGS = frozenset({"linked", "discovered"})
_LOCATION = frozenset({"filename", "lineno"})
_esc = json.encoder.encode_basestring
_ACCOUNT = operator.attrgetter("account")
_AREA_FIRST = frozenset({"area", "bylaw", "benefit-rule"})
_MEMBER_FIRST = frozenset({"member-exit", "committee", "committee-exit"})
_DIGEST = re.compile(r"^v1:([0-9a-f]{64}):((?:[0-9]{4}-[0-9]{2}=[0-9a-f]{16},?)*)$")


def number_text(number: Decimal | int) -> str:
    """A number by its value: no exponent, no trailing zeros, no sign on zero (`10.50` -> `10.5`)."""
    value = Decimal(number)
    if value.is_zero():
        return "0"
    text = format(value.normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _cost_json(cost: Cost) -> str:
    date = f'"{cost.date.isoformat()}"' if cost.date else "null"
    label = "null" if cost.label is None else _esc(cost.label)
    return f'["cost",{_esc(number_text(cost.number))},{_esc(cost.currency)},{date},{label}]'


def _amount_json(amount: Amount) -> str:
    number = "null" if amount.number is None else _esc(number_text(amount.number))
    return f'["amount",{number},{_esc(amount.currency)}]'


_VALUES: dict[type, Callable[[Any], str]] = {
    str: _esc,
    type(None): lambda _: "null",
    bool: lambda value: "true" if value else "false",
    Decimal: lambda value: f'["num",{_esc(number_text(value))}]',
    int: lambda value: f'["num",{_esc(number_text(value))}]',
    datetime.date: lambda value: f'["date","{value.isoformat()}"]',
    Amount: _amount_json,
    Cost: _cost_json,
}


def value_json(value: Any) -> str:
    """A metadata, custom or posting value as canonical JSON.

    Strings, booleans and null as themselves; numbers, dates, amounts and costs as tagged
    arrays (`["num","10.5"]`, `["date","2022-01-05"]`, `["amount","30","THB"]`); anything
    else as `["text", str(value)]`.
    """
    encode = _VALUES.get(type(value))
    return encode(value) if encode is not None else f'["text",{_esc(str(value))}]'


def meta_json(meta: Meta | None) -> str:
    """Metadata a person wrote, as a JSON object: without `filename`, `lineno` and `__` keys."""
    return _Encoder().meta(meta)


def _object(fields: Mapping[str, str]) -> str:
    """A JSON object from already encoded values, keys sorted."""
    return "{" + ",".join(f"{_esc(key)}:{fields[key]}" for key in sorted(fields)) + "}"


def _array(items: Iterable[str]) -> str:
    return "[" + ",".join(items) + "]"


def _strings(items: Iterable[str]) -> str:
    return _array(_esc(item) for item in sorted(items))


def pad_locations(entries: Iterable[Directive]) -> frozenset[tuple[str, int]]:
    """Where the book's `pad` directives are written: Beancount's padding transactions carry these."""
    return frozenset(
        (str(e.meta.get("filename", "")), int(e.meta.get("lineno", 0) or 0))
        for e in entries
        if isinstance(e, Pad)
    )


def is_written(entry: Directive, pads: frozenset[tuple[str, int]] = frozenset()) -> bool:
    """Whether a person wrote the entry, rather than Beancount or a plugin while loading.

    Documents found in the documents folder have line 0; padding transactions are made from
    a `pad` and a `balance` (and carry the pad's place), so they change when a later balance
    does. A `P` flag written by hand is a person's entry like any other and is sealed, and so is
    an entry whose `lineno` is written as metadata (a number Beancount reads as a Decimal, where
    the line it records is an int).
    """
    lineno = entry.meta.get("lineno", 0)
    if not isinstance(lineno, int):
        return True
    if not lineno:
        return False
    if isinstance(entry, Transaction) and entry.flag == flags.FLAG_PADDING:
        place = (str(entry.meta.get("filename", "")), int(entry.meta.get("lineno", 0) or 0))
        return place not in pads
    return True


def entry_accounts(entry: Directive) -> tuple[str, ...]:
    """The accounts an entry names, as Fava's `get_entry_accounts` finds them."""
    if isinstance(entry, Transaction):
        return tuple(posting.account for posting in entry.postings)
    if isinstance(entry, Pad):
        return (entry.account, entry.source_account)
    if isinstance(entry, Custom):
        return tuple(v.value for v in entry.values or () if v.dtype == "<AccountDummy>")
    account = getattr(entry, "account", None)
    return (account,) if isinstance(account, str) else ()


def entry_areas(entry: Directive, register: Register) -> frozenset[str]:
    """The areas whose seals cover `entry` (empty for province-wide entries and for seals)."""
    if isinstance(entry, Transaction):
        # A collection day has a posting per member, nearly all to one account: look each
        # distinct account up once.
        return frozenset(filter(None, map(accounts.area_of, set(map(_ACCOUNT, entry.postings)))))
    if isinstance(entry, Custom):
        return _custom_areas(entry, register)
    if isinstance(entry, (Open, Close, Balance, Pad, Document, Note)):
        return frozenset(area for account in entry_accounts(entry) if (area := accounts.area_of(account)))
    return frozenset()


def _custom_areas(entry: Custom, register: Register) -> frozenset[str]:
    values = [v.value for v in entry.values or ()]
    first = values[0] if values and isinstance(values[0], str) else None
    second = values[1] if len(values) > 1 and isinstance(values[1], str) else None
    if first is None:
        return frozenset()
    kind = entry.type
    if kind in _AREA_FIRST:
        return frozenset({first})
    if kind in ("member", "grant"):
        return frozenset({second}) if second else frozenset()
    if kind in _MEMBER_FIRST or kind == "related":
        codes = (first, second) if kind == "related" else (first,)
        return frozenset(member.area for code in codes if code and (member := register.members.get(code)))
    if kind == "grant-report":
        grant = register.grants.get(first)
        return frozenset({grant.area}) if grant else frozenset()
    return frozenset()


def file_name(filename: str) -> str:
    """`Path(filename).name`, without building a `Path` for each of thousands of documents."""
    name = filename.rpartition("/")[2]
    return name if name not in ("", ".", "..") else Path(filename).name


def sha256_of_file(path: str) -> str:
    """SHA-256 of a file's bytes, read in chunks with plain system calls.

    Thousands of small scans are hashed per check; `Path.read_bytes` spent more time making
    the path and the buffered file object than reading and hashing.
    """
    handle = os.open(path, os.O_RDONLY)
    try:
        digest = hashlib.sha256()
        while chunk := os.read(handle, _CHUNK):
            digest.update(chunk)
    finally:
        os.close(handle)
    return digest.hexdigest()


def remembered_sha256(path: str, hashes: dict[str, str]) -> str:
    """`sha256_of_file` of a normalised path, or `missing`, read once for all who share `hashes`."""
    digest = hashes.get(path)
    if digest is None:
        try:
            digest = sha256_of_file(path)
        except OSError:
            digest = MISSING
        hashes[path] = digest
    return digest


class DocumentHasher:
    """SHA-256 of the files that entries name, found as Fava's `link_documents` finds them.

    A `document` value is a path relative to the entry's file, a file of that name in the
    documents folder of one of the entry's accounts (`<folder>/<Account/Path>/<name>`, as the
    `missing-document` rule looks), or the name of a `Document` entry of one of the entry's
    accounts. Every distinct file found counts; each file is read once.
    """

    def __init__(
        self,
        entries: Iterable[Directive],
        roots: Sequence[str] = (),
        exists: Callable[[str], bool] | None = None,
        hashes: dict[str, str] | None = None,
    ) -> None:
        self._roots = tuple(roots)
        self._exists = exists or (lambda path: Path(path).is_file())
        self._by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for entry in entries:
            if isinstance(entry, Document):
                self._by_name[file_name(entry.filename)].append((entry.account, entry.filename))
        self._hashes: dict[str, str] = {} if hashes is None else hashes

    def file_hash(self, filename: str) -> str:
        """SHA-256 of a file's bytes, or `missing` when it cannot be read."""
        return self._hash_of(os.path.normpath(filename))

    def _hash_of(self, key: str) -> str:
        """`file_hash` of a path already normalised: each file is read once per check."""
        return remembered_sha256(key, self._hashes)

    def named(self, entry: Directive, name: str) -> list[str] | str:
        """Sorted hashes of the files `name` resolves to for `entry`, or `missing`.

        The same bytes found at two places count once, so only the content matters.
        """
        candidates: list[str] = []
        source = str(entry.meta.get("filename", ""))
        if source.startswith("/"):
            candidates.append(f"{source.rpartition('/')[0]}/{name}")
        entry_accts = set(entry_accounts(entry))
        if "/" not in name:
            candidates.extend(
                f"{root}/{account.replace(':', '/')}/{name}"
                for root in self._roots
                for account in entry_accts
            )
        candidates.extend(
            filename for account, filename in self._by_name.get(name, ()) if account in entry_accts
        )
        # A file in an account's documents folder is usually also that account's `Document`
        # entry: normalised, the two are one path, asked about and hashed once.
        paths = {os.path.normpath(path) for path in candidates}
        hashes = {self._hash_of(path) for path in paths if self._exists(path)}
        return sorted(hashes - {MISSING}) or MISSING


class _Encoder:
    """Encodes metadata and postings, keeping the encoding of repeated keys, accounts, amounts.

    Metadata keys are `[a-z][A-Za-z0-9_-]*`, so sorting the encoded `"key":value` pairs sorts
    them by key. A book has few distinct key sets, accounts and amounts but a hundred
    thousand postings, so the encoding of each is made once and the hot loop only joins.
    """

    def __init__(self) -> None:
        self._plans: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}
        self._plain: dict[tuple[Any, ...], tuple[str, str]] = {}

    def _plan(self, keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
        """The keys a person wrote, sorted, each with its encoded `"key":` prefix."""
        plan = tuple(
            (key, _esc(key) + ":")
            for key in sorted(keys)
            if key not in _LOCATION and not key.startswith("__")
        )
        self._plans[keys] = plan
        return plan

    def meta(self, meta: Meta | None) -> str:
        if not meta:
            return "{}"
        keys = tuple(meta)
        plan = self._plans.get(keys)
        if plan is None:
            plan = self._plan(keys)
        if not plan:
            return "{}"
        parts = []
        for key, prefix in plan:
            value = meta[key]
            parts.append(prefix + (_esc(value) if type(value) is str else value_json(value)))
        return "{" + ",".join(parts) + "}"

    def _ends(self, posting: Posting) -> tuple[str, str]:
        """A posting's encoding around its metadata: all of it but `meta`, in key order."""
        cost = "null" if posting.cost is None else value_json(posting.cost)
        price = "null" if posting.price is None else value_json(posting.price)
        head = f'{{"account":{_esc(posting.account)},"cost":{cost},"flag":{value_json(posting.flag)},"meta":'
        return head, f',"price":{price},"units":{value_json(posting.units)}}}'

    def postings(self, postings: Iterable[Posting]) -> str:
        """The postings of a transaction, each encoded, sorted.

        Postings with no cost or price share the encoding of all but their metadata by
        account, flag and units (equal units encode alike, as numbers count by value), so the
        loop over a hundred thousand postings mostly joins strings.
        """
        shared = self._plain
        encoded = []
        for posting in postings:
            units = posting.units
            if posting.cost is None and posting.price is None and units is not None:
                key = (posting.account, posting.flag, units.number, units.currency)
                ends = shared.get(key)
                if ends is None:
                    ends = shared[key] = self._ends(posting)
            else:
                ends = self._ends(posting)
            encoded.append(ends[0] + self.meta(posting.meta) + ends[1])
        encoded.sort()
        return "[" + ",".join(encoded) + "]"


def _links(entry: Directive, links: Iterable[str] | None) -> list[str]:
    """Links a person wrote: without the `dok-` links of Fava's `link_documents`."""
    if not links:
        return []
    if isinstance(entry, Document):
        return [link for link in links if not _DOK_LINK.match(link)]
    own = f"dok-{entry.date.isoformat()}"
    has_documents = any(key.startswith("document") for key in entry.meta)
    return [link for link in links if not (has_documents and link == own)]


class Canonical:
    """Canonical JSON lines of entries (docs/seals.md), sharing work across entries."""

    def __init__(self, documents: DocumentHasher) -> None:
        self.documents = documents
        self._encoder = _Encoder()
        self._layouts: dict[tuple[str, ...], tuple[tuple[str, str], ...]] = {}

    def entry(self, entry: Directive) -> str | None:
        """One line of canonical JSON for an entry of a sealed area, or None for other kinds."""
        body = self._body(entry)
        if body is None:
            return None
        body["type"] = _esc(type(entry).__name__.lower())
        body["date"] = f'"{entry.date.isoformat()}"'
        body["meta"] = self._encoder.meta(entry.meta)
        body["files"] = self._object(
            {
                key: _strings(found)
                if isinstance(found := self.documents.named(entry, value), list)
                else _esc(found)
                for key, value in entry.meta.items()
                if key.startswith("document") and _DOCUMENT_KEY.match(key) and isinstance(value, str)
            }
        )
        return self._object(body)

    def _object(self, fields: dict[str, str]) -> str:
        """`_object(fields)`: each kind of entry has one set of fields, sorted once per check."""
        keys = tuple(fields)
        layout = self._layouts.get(keys)
        if layout is None:
            layout = self._layouts[keys] = tuple((key, _esc(key) + ":") for key in sorted(keys))
        parts = []
        for key, prefix in layout:
            parts.append(prefix + fields[key])
        return "{" + ",".join(parts) + "}"

    def _body(self, entry: Directive) -> dict[str, str] | None:
        make = _BODIES.get(type(entry))
        return make(self, entry) if make is not None else None

    def _transaction(self, entry: Transaction) -> dict[str, str]:
        return {
            "flag": value_json(entry.flag),
            "payee": value_json(entry.payee or None),
            "narration": _esc(entry.narration or ""),
            "tags": _strings(entry.tags or ()),
            "links": _strings(_links(entry, entry.links)),
            "postings": self._encoder.postings(entry.postings),
        }

    def _open(self, entry: Open) -> dict[str, str]:
        return {
            "account": _esc(entry.account),
            "currencies": _strings(entry.currencies or ()),
            "booking": value_json(entry.booking.name if entry.booking is not None else None),
        }

    def _close(self, entry: Close) -> dict[str, str]:
        return {"account": _esc(entry.account)}

    def _balance(self, entry: Balance) -> dict[str, str]:
        return {
            "account": _esc(entry.account),
            "amount": value_json(entry.amount),
            "tolerance": value_json(entry.tolerance),
        }

    def _pad(self, entry: Pad) -> dict[str, str]:
        return {"account": _esc(entry.account), "source_account": _esc(entry.source_account)}

    def _note(self, entry: Note) -> dict[str, str]:
        return {
            "account": _esc(entry.account),
            "comment": _esc(entry.comment),
            "tags": _strings(entry.tags or ()),
            "links": _strings(_links(entry, entry.links)),
        }

    def _document(self, entry: Document) -> dict[str, str]:
        return {
            "account": _esc(entry.account),
            "name": _esc(file_name(entry.filename)),
            "sha256": _esc(self.documents.file_hash(entry.filename)),
            "tags": _strings(set(entry.tags or ()) - _GENERATED_TAGS),
            "links": _strings(_links(entry, entry.links)),
        }

    def _custom(self, entry: Custom) -> dict[str, str]:
        return {
            "custom_type": _esc(entry.type),
            "values": _array(value_json(v.value) for v in entry.values or ()),
        }


_BODIES: dict[type, Callable[[Canonical, Any], dict[str, str]]] = {
    Transaction: Canonical._transaction,
    Open: Canonical._open,
    Close: Canonical._close,
    Balance: Canonical._balance,
    Pad: Canonical._pad,
    Note: Canonical._note,
    Document: Canonical._document,
    Custom: Canonical._custom,
}


def month_of(day: datetime.date) -> str:
    """`YYYY-MM`, the unit a seal names when it breaks."""
    return f"{day.year:04d}-{day.month:02d}"


@dataclasses.dataclass
class AreaLines:
    """The canonical lines of one area by month, each with its date, gathered in one pass."""

    months: dict[str, list[tuple[datetime.date, str]]] = dataclasses.field(
        default_factory=lambda: defaultdict(list)
    )
    _memo: dict[tuple[str, datetime.date | None], str] = dataclasses.field(default_factory=dict)

    def month_hash(self, month: str, through: datetime.date) -> str | None:
        """SHA-256 of the month's sorted lines dated up to `through` (None when there are none)."""
        lines = self.months.get(month, [])
        whole = all(day <= through for day, _ in lines)
        key = (month, None if whole else through)
        if key not in self._memo:
            kept = sorted(text for day, text in lines if day <= through)
            if not kept:
                return None
            self._memo[key] = hashlib.sha256(
                "".join(text + "\n" for text in kept).encode("utf-8")
            ).hexdigest()
        return self._memo[key]

    def month_hashes(self, through: datetime.date) -> dict[str, str]:
        """Full month hashes of every month with entries up to `through`."""
        last = month_of(through)
        hashes = {}
        for month in sorted(self.months):
            if month > last:
                break
            digest = self.month_hash(month, through)
            if digest is not None:
                hashes[month] = digest
        return hashes


def gather(
    entries: Iterable[Directive],
    register: Register,
    through: Mapping[str, datetime.date],
    roots: Sequence[str] = (),
    exists: Callable[[str], bool] | None = None,
    *,
    hashes: dict[str, str] | None = None,
) -> dict[str, AreaLines]:
    """Canonical lines of the areas in `through`, up to each area's date, in one pass.

    `roots` are the book's documents folders, where files named by `document` are looked for;
    `exists` tells whether a file is there (by default, asking the file system each time);
    `hashes` holds the digests of files already read in this audit.
    """
    entries = list(entries)
    pads = pad_locations(entries)
    canonical = Canonical(DocumentHasher(entries, roots, exists, hashes))
    result: dict[str, AreaLines] = {area: AreaLines() for area in through}
    # Entries after the newest seal belong to no sealed period: not even their areas are needed.
    last = max(through.values(), default=None)
    for entry in entries:
        if last is None or entry.date > last or (isinstance(entry, Custom) and entry.type == "seal"):
            continue
        areas = [area for area in entry_areas(entry, register) if area in through]
        areas = [area for area in areas if entry.date <= through[area]]
        if not areas or not is_written(entry, pads):
            continue
        text = canonical.entry(entry)
        if text is None:
            continue
        month = month_of(entry.date)
        for area in areas:
            result[area].months[month].append((entry.date, text))
    return result


def total_hash(area: str, through: datetime.date, months: Mapping[str, str]) -> str:
    """SHA-256 binding the area, the last sealed day and every full month hash."""
    text = f"welfare-seal {VERSION}\narea {area}\nthrough {through.isoformat()}\n" + "".join(
        f"{month} {months[month]}\n" for month in sorted(months)
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_digest(area: str, through: datetime.date, months: Mapping[str, str]) -> str:
    """The string stored in the seal: `v1:<total>:<YYYY-MM>=<16 hex>,...`."""
    parts = ",".join(f"{month}={months[month][:MONTH_HEX]}" for month in sorted(months))
    return f"{VERSION}:{total_hash(area, through, months)}:{parts}"


@dataclasses.dataclass(frozen=True, slots=True)
class ParsedDigest:
    """A stored digest taken apart."""

    total: str
    months: dict[str, str]


def parse_digest(text: str) -> ParsedDigest | None:
    """The parts of a `v1` digest, or None when it is not one."""
    match = _DIGEST.match(text.strip())
    if match is None:
        return None
    months = dict(item.split("=", 1) for item in match.group(2).split(",") if item)
    return ParsedDigest(match.group(1), months)


def changed_months(stored: ParsedDigest, months: Mapping[str, str]) -> list[str]:
    """Months whose recomputed hash differs from the stored one, or that appear in one only."""
    short = {month: digest[:MONTH_HEX] for month, digest in months.items()}
    return sorted(m for m in set(stored.months) | set(short) if stored.months.get(m) != short.get(m))


def short_form(digest: str) -> str:
    """What goes on the notice board: the first 20 hex digits of the total, in blocks of four."""
    parsed = parse_digest(digest)
    total = parsed.total if parsed else digest
    head = total[:SHORT_HEX].upper()
    return " ".join(head[i : i + BLOCK] for i in range(0, len(head), BLOCK))
