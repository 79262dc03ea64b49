"""Rule `markup`: no `<`, `>` or control character in a text that reaches members' browsers."""

from __future__ import annotations

from beancount.core import data
from ledger_doc import ledger_doc
from rule_helpers import line_of, messages, run_rule
from welfare_ledger.plugins.rules import markup


@ledger_doc
def test_markup_and_controls_in_every_text(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
      note: "<script>alert(1)</script>"
    2022-03-01 * "Shop <b>" "Fan repair"
      Assets:BangMueang:Cash  -500 THB
      Expenses:BangMueang:Admin
        document: "x'><img src=x onerror=alert(1)>.pdf"
    2022-03-02 * "Transfer <img src=x onerror=alert(1)>"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    2022-03-03 custom "grant" "BM-G<1>" "BangMueang" 100 THB
    2022-03-04 * "Bidi \u202eevil"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(markup, entries, errors, options_map)
    repair = line_of(entries, "Fan repair")
    member = next(e.meta["lineno"] for e in entries if isinstance(e, data.Custom) and e.type == "member")
    got = sorted((f.line, f.params["field"], f.params["char"]) for f in findings)
    assert got == sorted([
        (member, "note:", "U+003C"),
        (repair, "payee", "U+003C"),
        (repair + 2, "document:", "U+003E"),
        (repair + 4, "narration", "U+003C"),
        (repair + 7, 'custom "grant" value', "U+003C"),
        (repair + 8, "narration", "U+202E"),
    ])
    for finding in findings:
        english, thai = messages(finding)
        assert "<" not in english and "<" not in thai and "\u202e" not in english
    assert {f.area for f in findings} == {"BangMueang"}


@ledger_doc
def test_lookalikes_and_plain_text_are_fine(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Cash THB
    2020-01-01 open Expenses:BangMueang:Admin THB
    2022-03-02 * "Transfer ＜img src=x onerror=alert(1)＞" "a < b is written 'less than'"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
        document: "2022-03-02.receipt.pdf"
    2022-03-03 * "ค่าซ่อม → พัดลม ≥ 2 ตัว"
      Assets:BangMueang:Cash  -1 THB
      Expenses:BangMueang:Admin
    """
    findings = run_rule(markup, entries, errors, options_map)
    assert [(f.params["field"], f.params["char"]) for f in findings] == [("narration", "U+003C")], \
        "only the real less-than sign; the full-width look-alikes the importers write are fine"


def test_tags_and_links_added_by_a_plugin(tmp_path):
    entry = data.Transaction(
        {"filename": "book.beancount", "lineno": 7}, __import__("datetime").date(2022, 3, 1), "*", None, "x",
        frozenset({"a<b"}), frozenset({"l\x00"}), [])
    from welfare_ledger.plugins.book import build_book
    from welfare_ledger.plugins.config import DEFAULT
    findings = markup.check(build_book([entry], {"include": []}), DEFAULT)
    assert sorted((f.line, f.params["field"], f.params["char"]) for f in findings) == [
        (7, "link", "U+0000"), (7, "tag", "U+003C")]
    english, thai = messages(findings[0])
    assert "ช่อง" in thai and "character" in english


def test_a_register_entry_without_values_is_read_without_failing():
    from beancount.parser import parser
    from welfare_ledger.plugins.book import build_book
    from welfare_ledger.plugins.config import DEFAULT
    from welfare_ledger.plugins.rules import personal_data

    entries, errors, options_map = parser.parse_string(
        '2020-01-01 custom "area"\n2020-01-01 custom "area" "BangMueang" "<ตำบลบางเมือง>"\n')
    assert errors == []
    book = build_book(entries, options_map)
    findings = markup.check(book, DEFAULT)
    assert [(f.line, f.params["field"]) for f in findings] == [(2, 'custom "area" value')]
    assert personal_data.check(book, DEFAULT) == []
