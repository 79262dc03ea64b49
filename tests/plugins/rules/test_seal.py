"""Rule `seal`: a sealed book breaks with every change of meaning, names the month, and with nothing else.

The book is real files (a province book including two area books, yearly files, a documents
folder and Fava's `link_documents` plugin), sealed with the digest the code computes; each
test changes a copy the way a treasurer could and loads it again with Beancount.
"""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from beancount import loader
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.config import DEFAULT
from welfare_ledger.plugins.findings import WelfareError
from welfare_ledger.plugins.i18n import Month
from welfare_ledger.plugins.rules import seal as rule
from welfare_ledger.plugins.seal_digest import parse_digest

BEAN_FORMAT = Path(sys.executable).with_name("bean-format")
THROUGH = datetime.date(2022, 12, 31)

MAIN = """\
option "operating_currency" "THB"
option "documents" "documents"
plugin "fava.plugins.link_documents"
include "areas/bm/area.beancount"
include "areas/kk/area.beancount"
"""

BM_AREA = """\
2020-01-01 custom "area" "BM" "ตำบลบางเมือง"
2020-01-01 open Assets:BM:Cash THB
2020-01-01 open Income:BM:Contributions THB
2020-01-01 open Expenses:BM:Benefits:Sickness THB
2020-01-01 open Expenses:BM:Admin THB
2021-06-01 custom "member" "BM-0001" "BM"
2021-06-01 custom "member" "BM-0002" "BM"
2021-06-01 custom "committee" "BM-0001" "chair"
include "2022.beancount"
include "2023.beancount"
"""

BM_2022 = """\
2022-01-05 * "Collection day"
  Assets:BM:Cash  60.00 THB
  Income:BM:Contributions  -30.00 THB
    member: "BM-0001"
    receipt: "2565-0001"
  Income:BM:Contributions  -30.00 THB
    member: "BM-0002"
    receipt: "2565-0002"

2022-03-10 * "Stationery shop" "Receipt book" #office ^order-7
  approved-by: "BM-0001 BM-0002"
  document: "2022-03-10.receipt-book.pdf"
  Expenses:BM:Admin  45.00 THB
  Assets:BM:Cash

2022-05-20 balance Assets:BM:Cash  15.00 THB
"""

BM_2023 = """\
2023-01-05 * "Collection day"
  Assets:BM:Cash  30.00 THB
  Income:BM:Contributions  -30.00 THB
    member: "BM-0001"
    receipt: "2566-0001"
"""

KK_AREA = """\
2020-01-01 custom "area" "KK" "ตำบลคลองแก้ว"
2020-01-01 open Assets:KK:Cash THB
2020-01-01 open Income:KK:Contributions THB
2021-01-01 custom "member" "KK-0001" "KK"
2022-02-02 * "Collection day"
  Assets:KK:Cash  30.00 THB
  Income:KK:Contributions  -30.00 THB
    member: "KK-0001"
    receipt: "2565-0001"
"""

RECEIPT = "documents/Expenses/BM/Admin/2022-03-10.receipt-book.pdf"
FILES = {
    "main.beancount": MAIN,
    "areas/bm/area.beancount": BM_AREA,
    "areas/bm/2022.beancount": BM_2022,
    "areas/bm/2023.beancount": BM_2023,
    "areas/kk/area.beancount": KK_AREA,
    RECEIPT: "%PDF-1.4 receipt book 45 baht\n",
}


def load(root: Path) -> tuple[list, list, dict]:
    loader.initialize(use_cache=False)
    return loader.load_file(str(root / "main.beancount"))


def seal_findings(root: Path) -> list:
    entries, _, options = load(root)
    return rule.check(build_book(entries, options), DEFAULT)


def edit(root: Path, name: str, old: str, new: str) -> None:
    path = root / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def sealed(tmp_path: Path) -> Path:
    """The book sealed through 2022-12-31 in both areas, every seal holding."""
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    entries, errors, options = load(tmp_path)
    assert errors == []
    book = build_book(entries, options)
    for area, path in (("BM", "areas/bm/area.beancount"), ("KK", "areas/kk/area.beancount")):
        digest = rule.digest_for(book, area, THROUGH)
        with (tmp_path / path).open("a", encoding="utf-8") as handle:
            handle.write(f'\n{THROUGH} custom "seal" "{area}" "{digest}"\n')
    assert seal_findings(tmp_path) == []
    return tmp_path


def assert_broken(root: Path, area: str, months: list[str]) -> None:
    findings = seal_findings(root)
    assert [f.rule for f in findings] == ["seal"], findings
    finding = findings[0]
    assert finding.area == area
    assert finding.date == THROUGH
    assert finding.file.endswith(f"areas/{area.lower()}/area.beancount")
    expected = [Month(int(m[:4]), int(m[5:])) for m in months]
    assert finding.params["months"] == expected
    english = finding.message("en")
    assert f"The seal of {area} through 2022-12-31 no longer holds" in english
    assert ", ".join(months) in english
    thai = finding.message("th")
    assert "ตราประทับของ" in thai
    assert "2565" in thai


CHANGES = {
    "amount": ("areas/bm/2022.beancount", "Expenses:BM:Admin  45.00 THB", "Expenses:BM:Admin  46.00 THB", ["2022-03"]),
    "account": ("areas/bm/2022.beancount", "Expenses:BM:Admin  45.00", "Expenses:BM:Benefits:Sickness  45.00", ["2022-03"]),
    "date": ("areas/bm/2022.beancount", "2022-03-10 *", "2022-04-10 *", ["2022-03", "2022-04"]),
    "flag": ("areas/bm/2022.beancount", "2022-03-10 *", "2022-03-10 !", ["2022-03"]),
    "payee": ("areas/bm/2022.beancount", '"Stationery shop"', '"Stationery store"', ["2022-03"]),
    "narration": ("areas/bm/2022.beancount", '"Receipt book"', '"Receipt books"', ["2022-03"]),
    "tag": ("areas/bm/2022.beancount", "#office", "#office #urgent", ["2022-03"]),
    "link": ("areas/bm/2022.beancount", "^order-7", "^order-8", ["2022-03"]),
    "entry metadata": ("areas/bm/2022.beancount", '"BM-0001 BM-0002"', '"BM-0002 BM-0001"', ["2022-03"]),
    "posting metadata": ("areas/bm/2022.beancount", '"2565-0002"', '"2565-0003"', ["2022-01"]),
    "entry added": (
        "areas/bm/2022.beancount",
        "2022-05-20 balance",
        '2022-07-01 note Assets:BM:Cash "Counted"\n2022-05-20 balance',
        ["2022-07"],
    ),
    "entry removed": ("areas/bm/2022.beancount", "2022-05-20 balance Assets:BM:Cash  15.00 THB\n", "", ["2022-05"]),
    "register date": ("areas/bm/area.beancount", '2021-06-01 custom "member" "BM-0002"', '2021-07-01 custom "member" "BM-0002"', ["2021-06", "2021-07"]),
    "register value": ("areas/bm/area.beancount", '"BM-0001" "chair"', '"BM-0001" "treasurer"', ["2021-06"]),
}


@pytest.mark.parametrize("kind", list(CHANGES))
def test_each_change_of_meaning_breaks_the_seal_and_names_the_month(sealed: Path, kind: str) -> None:
    name, old, new, months = CHANGES[kind]
    edit(sealed, name, old, new)
    assert_broken(sealed, "BM", months)


def test_a_changed_document_breaks_the_seal(sealed: Path) -> None:
    (sealed / RECEIPT).write_bytes(b"%PDF-1.4 receipt book 4500 baht\n")
    assert_broken(sealed, "BM", ["2022-03"])


def test_a_deleted_document_breaks_the_seal(sealed: Path) -> None:
    (sealed / RECEIPT).unlink()
    assert_broken(sealed, "BM", ["2022-03"])


def test_a_change_in_another_area_names_only_that_area(sealed: Path) -> None:
    edit(sealed, "areas/kk/area.beancount", "Collection day", "Collection")
    assert_broken(sealed, "KK", ["2022-02"])


def _format_all(root: Path) -> None:
    for path in root.rglob("*.beancount"):
        subprocess.run([str(BEAN_FORMAT), "-o", str(path), str(path)], check=True)


def _reverse_entries(root: Path, name: str) -> None:
    path = root / name
    blocks = path.read_text(encoding="utf-8").strip("\n").split("\n\n")
    path.write_text("\n\n".join(reversed(blocks)) + "\n", encoding="utf-8")


def _move_purchase_to_2023_file(root: Path) -> None:
    purchase = BM_2022.split("\n\n")[1]
    edit(root, "areas/bm/2022.beancount", purchase + "\n\n", "")
    edit(root, "areas/bm/2023.beancount", "2023-01-05", purchase + "\n\n2023-01-05")


NO_CHANGE = {
    "bean-format": _format_all,
    "entries reordered": lambda root: _reverse_entries(root, "areas/bm/2022.beancount"),
    "postings reordered": lambda root: edit(
        root,
        "areas/bm/2022.beancount",
        "  Expenses:BM:Admin  45.00 THB\n  Assets:BM:Cash\n",
        "  Assets:BM:Cash  -45 THB\n  Expenses:BM:Admin  45.00 THB\n",
    ),
    "entry moved to another include file": _move_purchase_to_2023_file,
    "number formatting and comments": lambda root: edit(
        root, "areas/bm/2022.beancount", "  Assets:BM:Cash  60.00 THB\n", "  ; counted twice\n  Assets:BM:Cash  60 THB\n"
    ),
    "unsealed year changed": lambda root: edit(root, "areas/bm/2023.beancount", "2566-0001", "2566-0002"),
    "link_documents plugin removed": lambda root: edit(
        root, "main.beancount", 'plugin "fava.plugins.link_documents"\n', ""
    ),
    "province-wide entry added": lambda root: edit(
        root, "main.beancount", 'include "areas/bm', '2022-06-01 commodity THB\ninclude "areas/bm'
    ),
}


@pytest.mark.parametrize("kind", list(NO_CHANGE))
def test_changes_without_meaning_keep_the_seal(sealed: Path, kind: str) -> None:
    before = {p: p.read_bytes() for p in sealed.rglob("*.beancount")}
    NO_CHANGE[kind](sealed)
    assert {p: p.read_bytes() for p in sealed.rglob("*.beancount")} != before
    _, errors, _ = load(sealed)
    assert [e for e in errors if "Balance failed" not in str(e.message)] == []
    assert seal_findings(sealed) == []


def test_the_unsealed_year_still_counts_in_a_later_seal(sealed: Path) -> None:
    entries, _, options = load(sealed)
    later = rule.digest_for(build_book(entries, options), "BM", datetime.date(2023, 12, 31))
    edit(sealed, "areas/bm/2023.beancount", "2566-0001", "2566-0002")
    entries, _, options = load(sealed)
    assert rule.digest_for(build_book(entries, options), "BM", datetime.date(2023, 12, 31)) != later


def test_a_copy_in_another_folder_has_the_same_digests(sealed: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    other = tmp_path_factory.mktemp("elsewhere") / "deeper"
    for path in sealed.rglob("*"):
        if path.is_file():
            target = other / path.relative_to(sealed)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    assert seal_findings(other) == []
    checks = rule.check_seals(build_book(*load(other)[::2]))
    assert [c.holds for c in checks] == [True, True]


def test_a_seal_of_an_undeclared_area_is_a_finding(sealed: Path) -> None:
    with (sealed / "main.beancount").open("a", encoding="utf-8") as handle:
        handle.write('2022-12-31 custom "seal" "NoSuchArea" "v1:' + "0" * 64 + ':"\n')
    findings = seal_findings(sealed)
    assert [(f.rule, f.area) for f in findings] == [("seal", "NoSuchArea")]
    assert findings[0].message("en") == "The seal of 2022-12-31 names area NoSuchArea, which is not declared."


def test_an_unreadable_digest_is_a_finding(sealed: Path) -> None:
    text = (sealed / "areas/kk/area.beancount").read_text(encoding="utf-8")
    stored = text.rsplit('"', 2)[1]
    edit(sealed, "areas/kk/area.beancount", stored, "approved at the annual meeting")
    findings = seal_findings(sealed)
    assert [(f.rule, f.area) for f in findings] == [("seal", "KK")]
    assert "is not a v1 digest" in findings[0].message("en")


def test_an_edited_total_is_named_as_an_edited_digest(sealed: Path) -> None:
    text = (sealed / "areas/bm/area.beancount").read_text(encoding="utf-8")
    stored = parse_digest(text.rsplit('"', 2)[1])
    assert stored is not None
    forged = ("f" if stored.total[0] != "f" else "e") + stored.total[1:]
    edit(sealed, "areas/bm/area.beancount", stored.total, forged)
    findings = seal_findings(sealed)
    assert [(f.rule, f.area) for f in findings] == [("seal", "BM")]
    assert "its digest was edited although no month changed" in findings[0].message("en")


def test_the_transparency_plugin_reports_a_broken_seal_at_the_seal_line(sealed: Path) -> None:
    edit(sealed, "main.beancount", "option \"documents\"", 'plugin "welfare_ledger.plugins.transparency"\noption "documents"')
    edit(sealed, "areas/bm/2022.beancount", '"Receipt book"', '"Receipt books"')
    _, errors, _ = load(sealed)
    seals = [e for e in errors if isinstance(e, WelfareError) and e.finding.rule == "seal"]
    assert len(seals) == 1
    assert seals[0].source["filename"].endswith("areas/bm/area.beancount")
    assert "[seal]" in seals[0].message
    assert "2022-03" in seals[0].message


def test_a_newer_seal_covers_the_earlier_period_again(sealed: Path) -> None:
    entries, _, options = load(sealed)
    day = datetime.date(2023, 6, 30)
    digest = rule.digest_for(build_book(entries, options), "BM", day)
    with (sealed / "areas/bm/area.beancount").open("a", encoding="utf-8") as handle:
        handle.write(f'{day} custom "seal" "BM" "{digest}"\n')
    assert seal_findings(sealed) == []
    edit(sealed, "areas/bm/2022.beancount", '"Receipt book"', '"Receipt books"')
    findings = seal_findings(sealed)
    assert [(f.rule, f.area, f.date) for f in findings] == [
        ("seal", "BM", THROUGH),
        ("seal", "BM", day),
    ]
    assert all(f.params["months"] == [Month(2022, 3)] for f in findings)
