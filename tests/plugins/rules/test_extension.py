"""Rule `extension`: no foreign Fava extension, no include or document outside the book's folder.

Each book is written to a temporary folder, because the rule is about where files are: the
breaking books ask for `evilmod.py` beside the book, `include "/etc/passwd"`, an absolute
`document`, a `document:` that climbs out with `..`, a documents folder outside, and a symlink
that leads out; the legal neighbours use our extension and Fava's own, an area book that uses
the province's documents folder (`../../documents`), and `..` that stays inside.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest
from beancount import loader
from rule_helpers import messages
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.config import DEFAULT
from welfare_ledger.plugins.rules import extension

HEAD = """\
option "title" "Extension test"
option "operating_currency" "THB"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Cash THB
2020-01-01 open Expenses:BangMueang:Admin THB
"""

EVILMOD = 'from pathlib import Path\nPath(__file__).with_name("PWNED").write_text("ran")\n'


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def findings_of(book: Path) -> list:
    entries, _errors, options = loader.load_file(str(book))
    found = extension.check(build_book(entries, options), DEFAULT)
    assert all(f.rule == "extension" and f.severity.value == "error" for f in found)
    return found


def test_a_foreign_extension_is_an_error_and_is_never_imported(tmp_path):
    write(tmp_path, "evilmod.py", EVILMOD)
    book = write(tmp_path, "main.beancount", HEAD + '2020-01-01 custom "fava-extension" "evilmod"\n')
    found = findings_of(book)
    assert [(f.line, f.params["name"]) for f in found] == [(6, "evilmod")]
    english, thai = messages(found[0])
    assert "evilmod" in english and "evilmod" in thai
    assert not (tmp_path / "PWNED").exists()
    assert "evilmod" not in sys.modules


def test_our_extension_and_favas_own_are_allowed(tmp_path):
    book = write(
        tmp_path,
        "main.beancount",
        HEAD
        + '2020-01-01 custom "fava-extension" "welfare_ledger.plugins.fava_ext"\n'
        + '2020-01-01 custom "fava-extension" "fava.ext.portfolio_list"\n',
    )
    assert findings_of(book) == []


def test_a_name_close_to_ours_is_not_ours(tmp_path):
    book = write(tmp_path, "main.beancount", HEAD + '2020-01-01 custom "fava-extension" "welfare_ledger.plugins.fava_ext2"\n')
    assert [f.params["name"] for f in findings_of(book)] == ["welfare_ledger.plugins.fava_ext2"]


def test_include_outside_the_folder(tmp_path):
    outside = write(tmp_path, "elsewhere/secret.beancount", "; nothing\n")
    book = write(tmp_path / "fund", "main.beancount", HEAD + f'include "{outside}"\ninclude "../elsewhere/secret.beancount"\n')
    found = findings_of(book)
    assert [(Path(f.file).name, f.line) for f in found] == [("main.beancount", 6), ("main.beancount", 7)]
    messages(found[0])


def test_include_of_etc_passwd_is_named(tmp_path):
    book = write(tmp_path, "main.beancount", HEAD + 'include "/etc/passwd"\n')
    found = findings_of(book)
    assert [f.params["path"] for f in found] == ["/etc/passwd"]


def test_include_inside_the_folder_is_fine(tmp_path):
    write(tmp_path, "areas/x/area.beancount", "2021-01-01 custom \"member\" \"BM-0001\" \"BangMueang\"\n")
    book = write(tmp_path, "main.beancount", HEAD + 'include "areas/x/area.beancount"\ninclude "areas/../areas/x/area.beancount"\n')
    assert findings_of(book) == []


def test_a_symlink_that_leads_out_is_outside(tmp_path):
    write(tmp_path, "elsewhere/secret.beancount", "; nothing\n")
    (tmp_path / "fund").mkdir()
    (tmp_path / "fund" / "link.beancount").symlink_to(tmp_path / "elsewhere" / "secret.beancount")
    book = write(tmp_path / "fund", "main.beancount", HEAD + 'include "link.beancount"\n')
    assert [f.line for f in findings_of(book)] == [6]


@pytest.mark.parametrize(
    ("directive", "flagged"),
    [
        ('2024-01-01 document Assets:BangMueang:Cash "/etc/hostname"\n', True),
        ('2024-01-01 document Assets:BangMueang:Cash "docs/receipt.pdf"\n', False),
    ],
)
def test_document_directive(tmp_path, directive, flagged):
    write(tmp_path, "docs/receipt.pdf", "%PDF-1.4\n")
    book = write(tmp_path, "main.beancount", HEAD + directive)
    found = findings_of(book)
    assert bool(found) is flagged
    if flagged:
        assert found[0].line == 6 and found[0].area == "BangMueang"
        messages(found[0])


@pytest.mark.parametrize(
    ("document", "flagged"),
    [
        ("../../outside.pdf", True),
        ("/etc/hostname", True),
        ("../fund/docs/receipt.pdf", False),
        ("receipt.pdf", False),
    ],
)
def test_document_metadata(tmp_path, document, flagged):
    book = write(
        tmp_path / "fund",
        "main.beancount",
        HEAD
        + f'2024-01-10 * "Stationery"\n  document: "{document}"\n'
        + "  Expenses:BangMueang:Admin  100 THB\n  Assets:BangMueang:Cash  -100 THB\n",
    )
    found = findings_of(book)
    assert bool(found) is flagged
    if flagged:
        assert found[0].line == 6
        assert found[0].params["path"] == document


@pytest.mark.parametrize(("folder", "flagged"), [("/etc", True), ("../../..", True), ("documents", False)])
def test_documents_option(tmp_path, folder, flagged):
    book = write(tmp_path / "fund", "main.beancount", f'option "documents" "{folder}"\n' + HEAD)
    found = findings_of(book)
    assert [f.line for f in found] == ([1] if flagged else [])


def test_an_area_book_may_use_the_province_documents_folder(tmp_path):
    write(tmp_path, "documents/Expenses/BangMueang/Admin/2024-01-10.receipt.pdf", "%PDF-1.4\n")
    area = write(
        tmp_path,
        "areas/bang-mueang/area.beancount",
        'option "documents" "../../documents"\n'
        + HEAD
        + '2024-01-10 * "Stationery"\n  document: "../../documents/Expenses/BangMueang/Admin/2024-01-10.receipt.pdf"\n'
        + "  Expenses:BangMueang:Admin  100 THB\n  Assets:BangMueang:Cash  -100 THB\n",
    )
    assert findings_of(area) == []
    assert extension.book_root(area) == tmp_path.resolve()


def test_a_book_read_from_a_string_only_checks_extensions():
    entries, _, options = loader.load_string(HEAD + 'include "/etc/passwd"\n2020-01-01 custom "fava-extension" "evilmod"\n')
    found = extension.check(build_book(entries, options), DEFAULT)
    assert [f.params.get("name") for f in found] == ["evilmod"]
