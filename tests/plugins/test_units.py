"""Area by area (`welfare check --changed`, the pre-commit hook): the answer is always the whole check's.

A small demo province with every rule broken once (four areas, two years, sealed) is checked
area by area after each kind of change a treasurer makes, and after the tricks that couple
one area to another; every time the answer must equal a cold load of the whole province, and
the areas audited again must be only those the change can reach.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from demo_copies import fresh_copy, write_demo
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.plugins.trees import WorkingTree
from welfare_ledger.plugins.units import Answer, audit_by_area

AREAS = ("bang-mueang", "thai-ban", "bang-pu", "phraeksa")
NEW_AREA = 'include "areas/phraeksa/area.beancount"\n'


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("units") / "province"
    write_demo(out, "--areas", "4", "--members", "20", "--years", "2", "--start-year", "2024", "--violations")
    return out


@pytest.fixture
def main(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the province whose main file includes only its first three areas."""
    book = fresh_copy(template, tmp_path, monkeypatch)
    text = book.read_text(encoding="utf-8")
    assert NEW_AREA in text
    book.write_text(text.replace(NEW_AREA, ""), encoding="utf-8")
    return book


def by_area(main: Path) -> Answer:
    return audit_by_area(str(main), WorkingTree(str(main.parent)))


def as_json(findings: list) -> list[dict]:
    return [f.to_json("en") for f in findings]


def whole(main: Path) -> list[dict]:
    return as_json(load_book(main, remember=False).findings)


def audited(answer: Answer) -> set[str]:
    return {Path(book).parent.name for book in answer.audited}


def checked(main: Path) -> Answer:
    """The answer by areas, which must be the whole check's."""
    answer = by_area(main)
    assert as_json(answer.findings) == whole(main)
    return answer


def area_file(main: Path, area: str, name: str) -> Path:
    return main.parent / "areas" / area / name


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)


def edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert count == 1, pattern
    path.write_text(changed, encoding="utf-8")


def voucher_of(main: Path, area_code: str) -> Path:
    return next(p for p in sorted((main.parent / "documents").rglob("*.pdf")) if f"/{area_code}/" in str(p))


@pytest.fixture
def warm(main: Path) -> Path:
    """The province checked once, so that every area is in the cache."""
    first = checked(main)
    assert first.whole is None, first.whole
    assert audited(first) == set(AREAS[:3])
    again = checked(main)
    assert again.audited == [] and len(again.reused) == 3
    return main


def test_a_change_to_one_areas_yearly_file(warm: Path) -> None:
    edit(
        area_file(warm, "bang-pu", "2025.beancount"), r"^(\d{4}-\d\d-\d\d \* \"[^\"]*)\"", r'\1 (corrected)"'
    )
    assert audited(checked(warm)) == {"bang-pu"}


def test_a_change_to_one_areas_registers(warm: Path) -> None:
    registers = area_file(warm, "thai-ban", "registers.beancount")
    append(registers, '\n2025-06-01 custom "member" "TB-9001" "ThaiBan" 2025-06-01\n')
    answer = checked(warm)
    assert audited(answer) == {"thai-ban"}


def test_a_deleted_voucher(warm: Path) -> None:
    before = as_json(by_area(warm).findings)
    voucher_of(warm, "BangPu").unlink()
    answer = checked(warm)
    assert audited(answer) == {"bang-pu"}
    assert as_json(answer.findings) != before


def test_a_voucher_rewritten_in_place(warm: Path) -> None:
    voucher = voucher_of(warm, "ThaiBan")
    info = voucher.stat()
    voucher.write_bytes(voucher.read_bytes()[::-1])
    os.utime(voucher, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert audited(checked(warm)) == {"thai-ban"}


def test_two_areas_at_once(warm: Path) -> None:
    for area in ("bang-mueang", "bang-pu"):
        edit(area_file(warm, area, "2024.beancount"), r"^(\d{4}-\d\d-\d\d \* \"[^\"]*)\"", r'\1 (checked)"')
    assert audited(checked(warm)) == {"bang-mueang", "bang-pu"}


def test_a_new_area(warm: Path) -> None:
    append(warm, NEW_AREA)
    answer = checked(warm)
    assert audited(answer) == {"phraeksa"}
    assert len(answer.reused) == 3


def test_the_main_files_plugin_config_tightened(warm: Path) -> None:
    edit(
        warm,
        r'^plugin "welfare_ledger.plugins.transparency"$',
        'plugin "welfare_ledger.plugins.transparency" "{\'approvals-required\': 3}"',
    )
    answer = checked(warm)
    assert audited(answer) == set(AREAS[:3])


def test_the_main_files_title_leaves_the_areas_alone(warm: Path) -> None:
    edit(warm, r'^option "title" "[^"]*"$', 'option "title" "Another title"')
    assert checked(warm).audited == []


def test_a_new_day_needs_no_area_again(warm: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = as_json(by_area(warm).findings)
    monkeypatch.setenv("WELFARE_TODAY", "2028-02-01")
    answer = checked(warm)
    assert answer.audited == []
    assert as_json(answer.findings) != before


def test_an_entry_dated_years_ahead_moves_every_areas_last_day(warm: Path) -> None:
    """One area's entry in the future changes what the rules measure in every area."""
    before = as_json(by_area(warm).findings)
    append(area_file(warm, "bang-pu", "2025.beancount"), FUTURE_ENTRY)
    answer = checked(warm)
    assert answer.whole is None
    assert audited(answer) == set(AREAS[:3])
    moved = {f["area"] for f in as_json(answer.findings)} - {"BangPu"}
    assert [f for f in as_json(answer.findings) if f["area"] in moved] != [
        f for f in before if f["area"] in moved
    ]


FUTURE_ENTRY = """
2031-01-05 * "Bank interest"
  Assets:BangPu:Bank:GSB  1.00 THB
  Income:BangPu:Interest  -1.00 THB
"""


def test_an_area_naming_another_areas_member_is_checked_whole(warm: Path) -> None:
    code = re.search(
        r'custom "member" "(BM-\d+)"', area_file(warm, "bang-mueang", "registers.beancount").read_text()
    )
    assert code
    edit(area_file(warm, "bang-pu", "2025.beancount"), r'^(  recorded-by: )"[^"]*"', rf'\1"{code.group(1)}"')
    answer = checked(warm)
    assert answer.whole is not None and code.group(1) in str(answer.whole)


def test_an_area_registering_a_look_alike_of_another_areas_member_is_checked_whole(warm: Path) -> None:
    code = re.search(
        r'custom "member" "(BM-\d+)"', area_file(warm, "bang-mueang", "registers.beancount").read_text()
    )
    assert code
    look_alike = code.group(1).lower()
    append(area_file(warm, "bang-pu", "registers.beancount"), f'\n2025-06-01 custom "member" "{look_alike}" "BangPu"\n')
    answer = checked(warm)
    assert answer.whole is not None
    assert "register" in {f["rule"] for f in as_json(answer.findings)}


def test_an_area_posting_to_another_areas_account_is_checked_whole(warm: Path) -> None:
    append(area_file(warm, "thai-ban", "2025.beancount"), CROSS_ENTRY)
    answer = checked(warm)
    assert answer.whole is not None


CROSS_ENTRY = """
2025-11-03 * "Moved to another fund"
  Assets:ThaiBan:Cash  -10.00 THB
  Assets:BangPu:Cash  10.00 THB
"""


def test_one_voucher_backing_payments_of_two_areas_is_checked_whole(warm: Path) -> None:
    theirs = voucher_of(warm, "BangMueang")
    year = area_file(warm, "bang-pu", "2025.beancount")
    named = os.path.relpath(theirs, year.parent)
    edit(year, r'^(  document: )"[^"]*"', rf'\1"{named}"')
    answer = checked(warm)
    assert answer.whole is not None
    assert "document-reuse" in {f["rule"] for f in as_json(answer.findings)}


def test_an_area_book_with_options_of_its_own_is_checked_whole(warm: Path) -> None:
    edit(
        area_file(warm, "thai-ban", "area.beancount"),
        r'^(option "operating_currency" "THB")$',
        '\\1\noption "plugin_processing_mode" "raw"',
    )
    answer = checked(warm)
    assert answer.whole is not None


def test_a_main_file_with_entries_of_its_own_is_checked_whole(warm: Path) -> None:
    append(warm, "\n2020-01-01 open Assets:Province:Cash THB\n")
    answer = checked(warm)
    assert answer.whole is not None


EDITS = st.lists(
    st.tuples(
        st.sampled_from(AREAS[:3]),
        st.sampled_from(["retitle", "amount", "voucher", "register", "future", "stale"]),
    ),
    min_size=1,
    max_size=2,
)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=EDITS, seed=st.integers(min_value=0, max_value=999))
def test_after_any_edits_by_area_is_the_whole_check(
    warm: Path, edits: list[tuple[str, str]], seed: int
) -> None:
    work = warm.parent.parent / f"work-{seed}-{json.dumps(edits).__hash__() & 0xFFFF}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(warm.parent, work)
    book = work / "main.beancount"
    codes = {"bang-mueang": "BangMueang", "thai-ban": "ThaiBan", "bang-pu": "BangPu"}
    for area, kind in edits:
        year = area_file(book, area, "2025.beancount")
        if kind == "retitle":
            edit(year, r"^(\d{4}-\d\d-\d\d \* \"[^\"]*)\"", rf'\1 ({seed})"')
        elif kind == "amount":
            text = year.read_text(encoding="utf-8")
            amounts = list(re.finditer(r"\d\.\d\d THB", text))
            at = amounts[seed % len(amounts)].start()
            year.write_text(text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1 :], encoding="utf-8")
        elif kind == "voucher":
            voucher_of(book, codes[area]).unlink()
        elif kind == "register":
            append(
                area_file(book, area, "registers.beancount"),
                f'\n2025-03-01 custom "member" "X-{seed}" "{codes[area]}" 2025-03-01\n',
            )
        elif kind == "future":
            append(
                year,
                f'\n2030-0{1 + seed % 9}-02 * "late"\n  Assets:{codes[area]}:Cash  1.00 THB\n  Income:{codes[area]}:Donations  -1.00 THB\n',
            )
        elif kind == "stale":
            os.environ["WELFARE_TODAY"] = f"20{27 + seed % 3}-01-01"
        checked(book)
    os.environ["WELFARE_TODAY"] = "2026-01-15"


def test_a_voucher_copied_from_another_area_gives_the_whole_checks_answer(warm: Path) -> None:
    """Copies are judged inside an area, where an area's audit alone can see them."""
    expenses = warm.parent / "documents" / "Expenses"
    theirs = next(p for p in sorted((expenses / "BangMueang").rglob("*.pdf")))
    mine = next(p for p in sorted((expenses / "BangPu").rglob("*.pdf")))
    mine.write_bytes(theirs.read_bytes())
    checked(warm)
