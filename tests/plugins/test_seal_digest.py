"""The seal digest follows docs/seals.md: recomputed here by a second implementation of that page.

The implementation below is written from the page only (plain `json.dumps`, `hashlib`,
Beancount's parsed entries), not from `plugins/seal_digest.py`; the two must agree on every
line and on the digest, for the worked example of the page and for a book that uses every
kind of entry and value. The page's own published digest is checked too.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beancount.core.amount import Amount
from beancount.core.position import Cost
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.rules import seal as rule
from welfare_ledger.plugins.seal_digest import (
    changed_months,
    make_digest,
    number_text,
    parse_digest,
    short_form,
)

HERE = Path(__file__).parent
DOCS = HERE.parent.parent / "docs" / "seals.md"
EXAMPLE = HERE / "seal_example.beancount"

# ---------------------------------------------------------------- second implementation


def ref_number(value: Decimal | int) -> str:
    value = Decimal(value)
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".")
    return sign + digits


def ref_value(value):
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (Decimal, int)):
        return ["num", ref_number(value)]
    if isinstance(value, datetime.date):
        return ["date", value.isoformat()]
    if isinstance(value, Amount):
        return ["amount", None if value.number is None else ref_number(value.number), value.currency]
    if isinstance(value, Cost):
        return [
            "cost",
            ref_number(value.number),
            value.currency,
            value.date.isoformat() if value.date else None,
            value.label,
        ]
    return ["text", str(value)]


def ref_meta(meta):
    return {
        k: ref_value(v)
        for k, v in (meta or {}).items()
        if k not in ("filename", "lineno") and not k.startswith("__")
    }


def dumps(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def ref_accounts(entry):
    if isinstance(entry, data.Transaction):
        return [p.account for p in entry.postings]
    if isinstance(entry, data.Pad):
        return [entry.account, entry.source_account]
    if isinstance(entry, data.Custom):
        return [v.value for v in entry.values if v.dtype == "<AccountDummy>"]
    return [entry.account] if hasattr(entry, "account") else []


def ref_sha(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def ref_files(entry, entries, options):
    result = {}
    base = Path(options["filename"]).parent
    doc_roots = [base / d for d in options["documents"]]
    for key, name in entry.meta.items():
        if not re.fullmatch(r"document(-[0-9]+)?", key) or not isinstance(name, str):
            continue
        candidates = [Path(entry.meta["filename"]).parent / name]
        for account in ref_accounts(entry):
            if "/" not in name:
                candidates += [root.joinpath(*account.split(":"), name) for root in doc_roots]
            candidates += [
                Path(other.filename)
                for other in entries
                if isinstance(other, data.Document)
                and other.account == account
                and Path(other.filename).name == name
            ]
        found = {path.resolve() for path in candidates if path.is_file()}
        result[key] = sorted({ref_sha(p) for p in found}) or "missing"
    return result


def ref_line(entry, entries, options) -> str:
    has_doc = any(k.startswith("document") for k in entry.meta)
    own = f"dok-{entry.date}"
    body = {"date": entry.date.isoformat(), "meta": ref_meta(entry.meta)}
    body["files"] = ref_files(entry, entries, options)
    if isinstance(entry, data.Transaction):
        postings = [
            dumps(
                {
                    "account": p.account,
                    "units": ref_value(p.units),
                    "cost": ref_value(p.cost),
                    "price": ref_value(p.price),
                    "flag": p.flag,
                    "meta": ref_meta(p.meta),
                }
            )
            for p in entry.postings
        ]
        body |= {
            "type": "transaction",
            "flag": entry.flag,
            "payee": entry.payee or None,
            "narration": entry.narration or "",
            "tags": sorted(entry.tags),
            "links": sorted(x for x in entry.links if not (has_doc and x == own)),
            "postings": [json.loads(p) for p in sorted(postings)],
        }
    elif isinstance(entry, data.Open):
        body |= {
            "type": "open",
            "account": entry.account,
            "currencies": sorted(entry.currencies or []),
            "booking": entry.booking.name if entry.booking else None,
        }
    elif isinstance(entry, data.Close):
        body |= {"type": "close", "account": entry.account}
    elif isinstance(entry, data.Balance):
        body |= {
            "type": "balance",
            "account": entry.account,
            "amount": ref_value(entry.amount),
            "tolerance": ref_value(entry.tolerance),
        }
    elif isinstance(entry, data.Pad):
        body |= {"type": "pad", "account": entry.account, "source_account": entry.source_account}
    elif isinstance(entry, data.Note):
        body |= {
            "type": "note",
            "account": entry.account,
            "comment": entry.comment,
            "tags": sorted(entry.tags or []),
            "links": sorted(x for x in entry.links or [] if not (has_doc and x == own)),
        }
    elif isinstance(entry, data.Document):
        body |= {
            "type": "document",
            "account": entry.account,
            "name": Path(entry.filename).name,
            "sha256": ref_sha(entry.filename) if Path(entry.filename).is_file() else "missing",
            "tags": sorted(set(entry.tags or []) - {"linked", "discovered"}),
            "links": sorted(x for x in entry.links or [] if not re.fullmatch(r"dok-\d{4}-\d\d-\d\d", x)),
        }
    elif isinstance(entry, data.Custom):
        body |= {
            "type": "custom",
            "custom_type": entry.type,
            "values": [ref_value(v.value) for v in entry.values],
        }
    return dumps(body)


def ref_area_of(entry, members, grants):
    def account_area(account):
        return account.split(":")[1]

    if isinstance(entry, data.Custom):
        values = [v.value for v in entry.values]
        if entry.type in ("area", "bylaw", "benefit-rule"):
            return {values[0]}
        if entry.type in ("member", "grant"):
            return {values[1]}
        if entry.type in ("member-exit", "committee", "committee-exit"):
            return {members[values[0]]}
        if entry.type == "related":
            return {members[values[0]], members[values[1]]}
        if entry.type == "grant-report":
            return {grants[values[0]]}
        return set()
    if isinstance(entry, (data.Price, data.Commodity, data.Event, data.Query)):
        return set()
    return {account_area(a) for a in ref_accounts(entry)}


def ref_digest(path: Path, area: str, through: datetime.date) -> tuple[str, dict[str, list[str]]]:
    entries, errors, options = loader.load_file(str(path))
    assert [e for e in errors if not str(e.message).startswith("Document not found")] == []
    members = {e.values[0].value: e.values[1].value for e in entries if isinstance(e, data.Custom) and e.type == "member"}
    grants = {e.values[0].value: e.values[1].value for e in entries if isinstance(e, data.Custom) and e.type == "grant"}
    months: dict[str, list[str]] = {}
    for entry in entries:
        if entry.meta["lineno"] == 0 or (isinstance(entry, data.Transaction) and entry.flag == "P"):
            continue
        if isinstance(entry, data.Custom) and entry.type == "seal":
            continue
        if entry.date > through or area not in ref_area_of(entry, members, grants):
            continue
        months.setdefault(entry.date.strftime("%Y-%m"), []).append(ref_line(entry, entries, options))
    hashes = {
        m: hashlib.sha256("".join(x + "\n" for x in sorted(lines)).encode()).hexdigest()
        for m, lines in months.items()
    }
    text = f"welfare-seal v1\narea {area}\nthrough {through}\n" + "".join(
        f"{m} {hashes[m]}\n" for m in sorted(hashes)
    )
    total = hashlib.sha256(text.encode()).hexdigest()
    digest = f"v1:{total}:" + ",".join(f"{m}={hashes[m][:16]}" for m in sorted(hashes))
    return digest, months


def ours(path: Path, area: str, through: datetime.date) -> tuple[str, dict[str, list[str]]]:
    entries, errors, options = loader.load_file(str(path))
    assert [e for e in errors if not str(e.message).startswith("Document not found")] == []
    book = build_book(entries, options)
    lines = rule.area_lines(book, {area: through})[area]
    return rule.digest_for(book, area, through), {
        m: [text for _, text in items] for m, items in lines.months.items()
    }


# ---------------------------------------------------------------- tests

RICH = {
    "main.beancount": """\
option "operating_currency" "THB"
option "documents" "docs"
plugin "fava.plugins.link_documents"
include "area.beancount"
2022-01-01 commodity THB
2022-01-02 price USD 35.10 THB
""",
    "area.beancount": """\
2021-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2021-01-01 custom "area" "KlongKaew" "ตำบลคลองแก้ว"
2021-01-01 open Assets:BangMueang:Cash THB
2021-01-01 open Assets:BangMueang:Bank:Main THB,USD "STRICT"
2021-01-01 open Assets:BangMueang:Bonds
2021-01-01 open Income:BangMueang:Donations
2021-01-01 open Income:BangMueang:Grants
2021-01-01 open Expenses:BangMueang:Benefits:Death
2021-01-01 open Expenses:BangMueang:Projects
2021-01-01 open Equity:BangMueang:Opening
2021-01-01 open Assets:KlongKaew:Cash THB
2021-02-01 custom "member" "BM-0001" "BangMueang"
2021-02-01 custom "member" "BM-0002" "BangMueang"
2021-02-01 custom "member" "KK-0001" "KlongKaew"
2021-02-01 custom "committee" "BM-0001" "chair"
2021-02-01 custom "related" "BM-0002" "KK-0001"
2021-03-01 custom "bylaw" "BangMueang"
  approvals-required: 2
  large-amount: 10000 THB
  admin-cap: 20.50
2021-03-01 custom "benefit-rule" "BangMueang" "Death" 2021-03-01 TRUE Assets:BangMueang:Cash
  max-per-claim: 5,000.00 THB
2021-04-01 custom "grant" "BM-G1" "BangMueang" 1000 THB
  funder: "CODI"
  ends: 2021-12-31
2021-04-02 pad Assets:BangMueang:Cash Equity:BangMueang:Opening
2021-04-03 balance Assets:BangMueang:Cash  500.00 THB
2021-04-03 balance Assets:BangMueang:Bank:Main  0 ~ 0.01 THB
2021-04-05 * "CODI" "Grant \\"phase\\" 1\tpaid" #grant ^BM-G1
  grant: "BM-G1"
  Assets:BangMueang:Cash  1,000.00 THB
  ! Income:BangMueang:Grants  -1000 THB
2021-04-06 * "Bank" "Buy bonds"
  Assets:BangMueang:Bonds  2 BOND {100.00 THB, 2021-04-06, "lot-a"}
  Assets:BangMueang:Cash  -200 THB
2021-04-07 * "Exchange"
  Assets:BangMueang:Bank:Main  10 USD @ 35.00 THB
  Assets:BangMueang:Cash  -350.00 THB
2021-05-01 * "Funeral benefit"
  member: "BM-0002"
  event-date: 2021-04-30
  nights: 0
  paid: TRUE
  approved-by: "BM-0001"
  document: "2021-05-01.death.pdf"
  document-2: "scans/form.pdf"
  document-3: "2021-05-01.nowhere.pdf"
  Expenses:BangMueang:Benefits:Death  300 THB
  Assets:BangMueang:Cash
2021-05-02 note Assets:BangMueang:Cash "Counted with two witnesses" #cash ^count-1
2021-05-03 document Assets:BangMueang:Cash "docs/Assets/BangMueang/Cash/2021-05-03.count.pdf" #scan
2021-05-04 custom "grant-report" "BM-G1"
  document: "scans/form.pdf"
2021-06-30 close Income:BangMueang:Donations
2021-07-01 * "Collection day"
  Assets:KlongKaew:Cash  30 THB
  Assets:BangMueang:Cash  -30 THB
2021-08-01 custom "committee-exit" "BM-0001"
2021-09-01 custom "member-exit" "BM-0002" "deceased"
2021-10-01 custom "budget" "BangMueang" 100 THB
2021-10-02 event "location" "BangMueang"
""",
    "docs/Expenses/BangMueang/Benefits/Death/2021-05-01.death.pdf": "death certificate",
    "docs/Assets/BangMueang/Cash/2021-05-03.count.pdf": "cash count",
    "scans/form.pdf": "claim form",
}


@pytest.fixture
def rich(tmp_path: Path) -> Path:
    for name, text in RICH.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path / "main.beancount"


def test_the_worked_example_matches_a_second_implementation_and_the_docs() -> None:
    through = datetime.date(2022, 2, 28)
    digest, lines = ours(EXAMPLE, "BangMueang", through)
    expected, ref_lines = ref_digest(EXAMPLE, "BangMueang", through)
    assert {m: sorted(x) for m, x in lines.items()} == {m: sorted(x) for m, x in ref_lines.items()}
    assert digest == expected
    docs = DOCS.read_text(encoding="utf-8")
    assert f'2022-02-28 custom "seal" "BangMueang" "{digest}"' in docs
    assert f"`{short_form(digest)}`" in docs
    for month_lines in lines.values():
        for line in month_lines:
            assert line in docs


@pytest.mark.parametrize(
    ("area", "through"),
    [
        ("BangMueang", datetime.date(2021, 12, 31)),
        ("BangMueang", datetime.date(2021, 5, 1)),
        ("KlongKaew", datetime.date(2021, 12, 31)),
    ],
)
def test_every_kind_of_entry_and_value_matches_a_second_implementation(
    rich: Path, area: str, through: datetime.date
) -> None:
    digest, lines = ours(rich, area, through)
    expected, ref_lines = ref_digest(rich, area, through)
    assert {m: sorted(x) for m, x in lines.items()} == {m: sorted(x) for m, x in ref_lines.items()}
    assert digest == expected


def test_the_rich_book_lines_say_what_the_docs_say(rich: Path) -> None:
    _, lines = ours(rich, "BangMueang", datetime.date(2021, 12, 31))
    every = [json.loads(line) for month in lines.values() for line in month]
    kinds = {line["type"] for line in every}
    assert kinds == {"open", "close", "custom", "pad", "balance", "transaction", "note", "document"}
    assert not any(line["type"] == "transaction" and line["flag"] == "P" for line in every)
    funeral = next(x for x in every if x.get("narration") == "Funeral benefit")
    assert funeral["links"] == []
    assert funeral["meta"]["event-date"] == ["date", "2021-04-30"]
    assert funeral["meta"]["paid"] is True
    assert funeral["files"]["document"] == [hashlib.sha256(b"death certificate").hexdigest()]
    assert funeral["files"]["document-2"] == [hashlib.sha256(b"claim form").hexdigest()]
    assert funeral["files"]["document-3"] == "missing"
    grant = next(x for x in every if x.get("payee") == "CODI")
    assert ["amount", "1000", "THB"] in [p["units"] for p in grant["postings"]]
    assert "!" in [p["flag"] for p in grant["postings"]]
    bonds = next(x for x in every if x.get("narration") == "Buy bonds")
    assert ["cost", "100", "THB", "2021-04-06", "lot-a"] in [p["cost"] for p in bonds["postings"]]
    rule_line = next(x for x in every if x.get("custom_type") == "benefit-rule")
    assert rule_line["values"] == ["BangMueang", "Death", ["date", "2021-03-01"], True, "Assets:BangMueang:Cash"]
    assert rule_line["meta"]["max-per-claim"] == ["amount", "5000", "THB"]
    assert not any(x.get("custom_type") == "budget" for x in every)


def test_a_shared_transaction_and_a_relation_belong_to_both_areas(rich: Path) -> None:
    _, lines = ours(rich, "KlongKaew", datetime.date(2021, 12, 31))
    every = [json.loads(line) for month in lines.values() for line in month]
    assert any(x.get("narration") == "Collection day" for x in every)
    assert any(x.get("custom_type") == "related" for x in every)
    assert not any(x.get("narration") == "Funeral benefit" for x in every)


def test_the_digest_is_the_same_in_every_run_and_folder(rich: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    first, _ = ours(rich, "BangMueang", datetime.date(2021, 12, 31))
    again, _ = ours(rich, "BangMueang", datetime.date(2021, 12, 31))
    other = tmp_path_factory.mktemp("machine-b")
    for name, text in RICH.items():
        (other / name).parent.mkdir(parents=True, exist_ok=True)
        (other / name).write_text(text, encoding="utf-8")
    moved, _ = ours(other / "main.beancount", "BangMueang", datetime.date(2021, 12, 31))
    assert first == again == moved


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (Decimal("30.00"), "30"),
        (Decimal("30"), "30"),
        (Decimal("1250.50"), "1250.5"),
        (Decimal("-0.00"), "0"),
        (Decimal("1E+3"), "1000"),
        (Decimal("-0.0500"), "-0.05"),
        (Decimal("100"), "100"),
        (7, "7"),
    ],
)
def test_numbers_count_by_value(number: Decimal, text: str) -> None:
    assert number_text(number) == text
    assert ref_number(number) == text


def test_digest_parts_and_the_notice_board_code() -> None:
    months = {"2022-01": "a" * 64, "2022-03": "b" * 64}
    digest = make_digest("BM", datetime.date(2022, 3, 31), months)
    parsed = parse_digest(digest)
    assert parsed is not None
    assert parsed.months == {"2022-01": "a" * 16, "2022-03": "b" * 16}
    assert changed_months(parsed, {"2022-01": "a" * 64, "2022-02": "c" * 64, "2022-03": "d" * 64}) == [
        "2022-02",
        "2022-03",
    ]
    code = short_form(digest)
    assert re.fullmatch(r"[0-9A-F]{4}( [0-9A-F]{4}){4}", code)
    assert code.replace(" ", "").lower() == parsed.total[:20]
    assert make_digest("KK", datetime.date(2022, 3, 31), months) != digest
    assert make_digest("BM", datetime.date(2022, 4, 1), months) != digest
    assert parse_digest("v2:" + "0" * 64 + ":") is None
    assert parse_digest("approved at the meeting") is None
