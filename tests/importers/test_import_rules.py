"""Classification a treasurer can trust: whole words, the bank's own words, the area's rules file."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data
from beancount.parser import parser
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from welfare_ledger.importers.classify import BUILT_IN, Classifier, Pattern, load_rules, tokens
from welfare_ledger.importers.problems import ImportProblem
from welfare_ledger.scripts.cli import cli

IN, OUT = Decimal(1), Decimal(-1)
BANK = "Assets:BangMueang:Bank:Krungthai"


@pytest.mark.parametrize(("text", "number", "account"), [
    ("Hospital treatment", OUT, None),
    ("CASHEW FARM", IN, None),
    ("Cash deposit", IN, "Assets:BangMueang:Cash"),
    ("ATM", OUT, None),
    ("Interest-free loan repaid", IN, None),
    ("Interest", IN, "Income:BangMueang:Interest"),
    ("Interest", OUT, None),
    ("ดอกเบี้ยเงินฝาก", IN, "Income:BangMueang:Interest"),
    ("คืนเงินกู้ปลอดดอกเบี้ย", IN, None),
    ("เงินสมทบจาก พอช.", IN, "Income:BangMueang:Matching:Government"),
    ("Transfer from CODI", IN, "Income:BangMueang:Matching:Government"),
    ("รับโอน อบต.บางเมือง", IN, "Income:BangMueang:Matching:Local"),
    ("เทศบาลตำบลบางเมือง", IN, "Income:BangMueang:Matching:Local"),
    ("โอนให้ นายก อบต.", OUT, None),
    ("ภาษีหัก ณ ที่จ่าย", OUT, "Expenses:BangMueang:Admin:WithholdingTax"),
    ("Interest withholding tax", OUT, "Expenses:BangMueang:Admin:WithholdingTax"),
    ("ค่าธรรมเนียม", OUT, "Expenses:BangMueang:Admin:BankFees"),
])
def test_built_in_patterns_match_whole_words(text, number, account):
    assert Classifier("BangMueang").account(text, number) == account


def test_a_senders_words_never_move_money_to_the_cash_box():
    classifier = Classifier("BangMueang")
    assert classifier.place("Transfer Deposit", "ฝากเงินสด", IN) is None
    assert classifier.place("Transfer Deposit", "Interest", IN) is None
    assert classifier.place("Transfer Deposit", "เงินสมทบจาก พอช.", IN) == "Income:BangMueang:Matching:Government"
    assert classifier.place("ฝากเงินสด", "", IN) == "Assets:BangMueang:Cash"


RULES = """\
คำค้น,บัญชี,ทิศทาง
ค่าไฟ,Expenses:BangMueang:Admin:Utilities,ออก
ร้านทอง,Income:BangMueang:Other,เข้า
ดอกเบี้ยเงินกู้,-,
"""


def rules_file(tmp_path: Path, text: str = RULES) -> Path:
    path = tmp_path / "import-rules.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_area_rules_come_before_the_built_in_ones(tmp_path):
    classifier = Classifier("BangMueang", load_rules(rules_file(tmp_path), "BangMueang"))
    assert classifier.account("ชำระค่าไฟ กฟภ.", OUT) is None, "Thai words match at the start of a word"
    assert classifier.account("ค่าไฟ กฟภ.", OUT) == "Expenses:BangMueang:Admin:Utilities"
    assert classifier.account("ค่าไฟ", IN) is None
    assert classifier.account("ร้านทองบางเมือง", IN) == "Income:BangMueang:Other"
    assert classifier.account("ดอกเบี้ยเงินกู้ สมาชิก", IN) is None, "a pattern with no account stops the built-in"


@pytest.mark.parametrize(("account", "row"), [
    ("Assets:BangMueang:Cash", 2),
    ("Expenses:BanNa:Admin", 2),
    ("Expenses:BangMueang:Food", 2),
    ("Income:BangMueang:Matching:Friends", 2),
])
def test_rules_file_may_only_name_income_and_expenses_of_the_areas_chart(tmp_path, account, row):
    path = rules_file(tmp_path, f"pattern,account\nโอน,{account}\n")
    with pytest.raises(ImportProblem) as raised:
        load_rules(path, "BangMueang")
    assert (raised.value.row, raised.value.column) == (row, "account")
    assert account in str(raised.value)


def test_rules_file_beside_the_area_declaration_is_used_by_the_command(tmp_path):
    area = tmp_path / "areas" / "bangmueang"
    area.mkdir(parents=True)
    (area / "area.beancount").write_text(
        '2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"\n'
        f"2020-01-01 open {BANK} THB\n", encoding="utf-8")
    rules_file(area)
    main = tmp_path / "main.beancount"
    main.write_text('option "operating_currency" "THB"\ninclude "areas/bangmueang/area.beancount"\n',
                    encoding="utf-8")
    statement = tmp_path / "statement.csv"
    statement.write_text("วันที่,รายการ,จำนวนเงิน,คงเหลือ\n02/12/2567,ค่าไฟ เดือน พ.ย.,-356.40,643.60\n",
                         encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "import", str(statement), "--account", BANK,
                                      "--book", str(main)])
    assert result.exit_code == 0, result.output
    txn = next(e for e in parser.parse_string(result.stdout)[0] if isinstance(e, data.Transaction))
    assert (txn.flag, txn.postings[1].account) == ("*", "Expenses:BangMueang:Admin:Utilities")
    broken = rules_file(tmp_path, "pattern,account\nโอน,Assets:BangMueang:Cash\n")
    refused = CliRunner().invoke(cli, ["--lang", "en", "import", str(statement), "--account", BANK,
                                       "--rules", str(broken)])
    assert refused.exit_code == 2
    assert f"{broken}, row 2, column account" in refused.stderr


def test_a_wrapped_line_is_the_senders_words(tmp_path):
    statement = tmp_path / "bbl.csv"
    statement.write_text("Date,Description,Debit,Credit,Balance\n03/02/2025,TRANSFER FROM,,500.00,1500.00\n"
                         ",CASH,,,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["--lang", "en", "import", str(statement), "--account", BANK])
    assert result.exit_code == 0, result.output
    txn = next(e for e in parser.parse_string(result.stdout)[0] if isinstance(e, data.Transaction))
    assert (txn.narration, txn.postings[1].account) == ("TRANSFER FROM CASH", "Income:BangMueang:Unclassified")



def _every_pattern_read(classifier: Classifier, text: str, number: Decimal) -> str | None:
    """The classification with every pattern read against the words, no description passed over."""
    words = tokens(text)
    for pattern in classifier.patterns:
        if pattern.matches(words, number):
            return pattern.account.format(area=classifier.area) if pattern.account else None
    return None


AREA_PATTERNS = [
    Pattern(tokens("co. ltd."), "Expenses:BangMueang:Admin", OUT),
    Pattern(tokens("ธ.ก.ส."), "Income:BangMueang:Donations", IN),
    Pattern(tokens("st."), None, 0),
]
PIECES = st.sampled_from(
    [words for words, _, _ in BUILT_IN] + ["co", "co.", "ltd", "Ltd.", "ธ.ก.ส.", "ธ.ก.", "st", "โอน", "CASH.", "Fee.", "cashew", "TAX", ".", "..", "นาย", " ", "/", "-"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(PIECES | st.text(max_size=6), max_size=6), st.sampled_from([" ", ""]), st.sampled_from([IN, OUT]))
def test_descriptions_passed_over_unread_are_those_no_pattern_matches(parts, glue, number):
    """Passing over descriptions that lack a pattern's words never changes where a row goes."""
    classifier = Classifier("BangMueang", AREA_PATTERNS)
    text = glue.join(parts)
    assert classifier.account(text, number) == _every_pattern_read(classifier, text, number)
