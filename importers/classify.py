"""Where a bank row's money comes from or goes: patterns of words, the area's own first.

A pattern is one or more words; it matches a description that has those words in a row.
English words match whole (`cash` is not in `CASHEW`, `atm` is not in `treatment`,
`interest-free` is one word, not `interest`); Thai is written without spaces, so a Thai word
matches a word that begins with it (`ดอกเบี้ย` in `ดอกเบี้ยเงินฝาก`, not in `ปลอดดอกเบี้ย`). The
first pattern that matches, in the direction the money moved, gives the account; a pattern
with no account keeps the row unclassified (so a treasurer can stop a built-in pattern).

An area's rules file (`import-rules.csv` beside the file that declares the area, or
`--rules FILE`) is a CSV or XLSX with columns `คำค้น`/`pattern`, `บัญชี`/`account` and an
optional `ทิศทาง`/`direction` (`in`/`out`, `เข้า`/`ออก`); its patterns are tried before the
built-in ones. It may only name Income and Expenses accounts of the area's chart: whether
money went to the cash box is not a pattern's to decide.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from beancount.core import account as account_lib
from welfare_ledger.importers.chart import in_chart
from welfare_ledger.importers.problems import ImportProblem
from welfare_ledger.importers.sheet import Field, find_header, read_rows
from welfare_ledger.importers.thai import clean

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from pathlib import Path

_SPLIT = re.compile(r"[\s/,;:()\[\]\"'+|*=_<>\uff1c\uff1e]+")
_THAI = re.compile("[\u0e01-\u0e4e]")
IN, OUT, EITHER = 1, -1, 0

CASH = "Assets:{area}:Cash"
INTEREST = "Income:{area}:Interest"
WITHHOLDING = "Expenses:{area}:Admin:WithholdingTax"
GOVERNMENT = "Income:{area}:Matching:Government"
LOCAL = "Income:{area}:Matching:Local"
FEES = "Expenses:{area}:Admin:BankFees"
DONATIONS = "Income:{area}:Donations"

# What only the bank itself writes (its own transaction words), never what a sender typed.
BANK_ONLY = frozenset({CASH, INTEREST, WITHHOLDING, FEES})
BUILT_IN: tuple[tuple[str, str | None, int], ...] = (
    ("ปลอดดอกเบี้ย", None, EITHER),
    ("interest-free", None, EITHER),
    ("interest free", None, EITHER),
    ("ภาษีหัก", WITHHOLDING, OUT),
    ("หักภาษี", WITHHOLDING, OUT),
    ("ภาษีดอกเบี้ย", WITHHOLDING, OUT),
    ("ภาษี ณ ที่จ่าย", WITHHOLDING, OUT),
    ("withholding", WITHHOLDING, OUT),
    ("wht", WITHHOLDING, OUT),
    ("tax", WITHHOLDING, OUT),
    ("ดอกเบี้ย", INTEREST, IN),
    ("รับดอกเบี้ย", INTEREST, IN),
    ("interest", INTEREST, IN),
    ("พอช", GOVERNMENT, IN),
    ("codi", GOVERNMENT, IN),
    ("สถาบันพัฒนาองค์กรชุมชน", GOVERNMENT, IN),
    ("อบต", LOCAL, IN),
    ("อบจ", LOCAL, IN),
    ("เทศบาล", LOCAL, IN),
    ("องค์การบริหารส่วน", LOCAL, IN),
    ("sao", LOCAL, IN),
    ("municipality", LOCAL, IN),
    ("municipal", LOCAL, IN),
    ("ฝากเงินสด", CASH, IN),
    ("ถอนเงินสด", CASH, OUT),
    ("เงินสด", CASH, EITHER),
    ("cash", CASH, EITHER),
    ("ค่าธรรมเนียม", FEES, OUT),
    ("fee", FEES, OUT),
    ("fees", FEES, OUT),
    ("service charge", FEES, OUT),
    ("บริจาค", DONATIONS, IN),
    ("เงินบริจาค", DONATIONS, IN),
    ("รับบริจาค", DONATIONS, IN),
    ("donation", DONATIONS, IN),
    ("donations", DONATIONS, IN),
)
DIRECTIONS = {
    "": EITHER,
    "both": EITHER,
    "either": EITHER,
    "ทั้งสอง": EITHER,
    "*": EITHER,
    "in": IN,
    "เข้า": IN,
    "รับ": IN,
    "ฝาก": IN,
    "+": IN,
    "deposit": IN,
    "credit": IN,
    "out": OUT,
    "ออก": OUT,
    "จ่าย": OUT,
    "ถอน": OUT,
    "-": OUT,
    "withdrawal": OUT,
    "debit": OUT,
}
RULE_FIELDS = (
    Field("pattern", ("คำค้น", "pattern", "รายการ", "words", "ข้อความ")),
    Field("account", ("บัญชี", "account")),
    Field("direction", ("ทิศทาง", "direction", "เข้า/ออก", "in/out"), required=False),
)


def tokens(text: str) -> tuple[str, ...]:
    """The words of a description, case folded."""
    return tuple(word for word in _SPLIT.split(text.casefold()) if word)


def _word_matches(pattern: str, word: str) -> bool:
    if _THAI.search(pattern):
        return word.startswith(pattern)
    return word.rstrip(".") == pattern.rstrip(".")


def _needle(pattern: str) -> str:
    """What any word that `pattern` matches holds, so a description without it is passed over unread."""
    return pattern if _THAI.search(pattern) else pattern.rstrip(".")


def _needles(words: tuple[str, ...]) -> tuple[str, list[str]]:
    """The first word's needle, looked for first, and the needles of the others."""
    return (_needle(words[0]) if words else ""), [_needle(word) for word in words[1:]]


@dataclasses.dataclass(frozen=True, slots=True)
class Pattern:
    """Words that place a row, the account they place it on (None: leave it), and the direction."""

    words: tuple[str, ...]
    account: str | None
    direction: int

    def matches(self, words: Sequence[str], number: Any) -> bool:
        """Whether the description's words hold this pattern, for money moving this way."""
        if self.direction and (number > 0) != (self.direction > 0):
            return False
        size = len(self.words)
        return any(
            all(_word_matches(mine, words[start + k]) for k, mine in enumerate(self.words))
            for start in range(len(words) - size + 1)
        )


class Classifier:
    """The area's patterns, then the built-in ones."""

    def __init__(self, area: str, patterns: Iterable[Pattern] = ()) -> None:
        self.area = area
        built_in = [Pattern(tokens(words), account, way) for words, account, way in BUILT_IN]
        self.patterns = [*patterns, *built_in]
        self._needles = [(pattern, *_needles(pattern.words)) for pattern in self.patterns]
        self.bank_only = frozenset(name.format(area=area) for name in BANK_ONLY)
        self._placed: dict[tuple[str, str, bool], str | None] = {}

    def place(self, description: str, details: str, number: Any) -> str | None:
        """The other leg of a bank row: the bank's own words first, then what the sender wrote.

        A sender's words (the details of a transfer) may name income, but never move money
        to the cash box or make it the bank's interest, fee or tax: anyone can type those.
        """
        key = (description, details, number > 0)
        if key in self._placed:
            return self._placed[key]
        found = self.account(description, number)
        if found is None and details:
            found = self.account(details, number)
            if found in self.bank_only:
                found = None
        self._placed[key] = found
        return found

    def account(self, text: str, number: Any) -> str | None:
        """The account the first matching pattern names, or None when none places the row."""
        folded = text.casefold()
        words: tuple[str, ...] | None = None
        for pattern, first, rest in self._needles:
            if first not in folded or (rest and not all(needle in folded for needle in rest)):
                continue
            words = tokens(text) if words is None else words
            if pattern.matches(words, number):
                return pattern.account.format(area=self.area) if pattern.account else None
        return None


def load_rules(path: str | Path, area: str) -> list[Pattern]:
    """An area's own patterns from its rules file; a bad row is a problem naming row and column."""
    rows = list(read_rows(path))
    header = find_header(rows, RULE_FIELDS, lambda found: {"pattern", "account"} <= found)
    if header is None:
        raise ImportProblem(
            "No header row of an import rules file (คำค้น/pattern, บัญชี/account) was found.", file=path
        )
    patterns = []
    for number, cells in rows:
        if number <= header.row:
            continue
        cell = {key: clean(cells[index]) if index < len(cells) else "" for key, index in header.index.items()}
        if not any(cell.values()):
            continue
        words = tokens(cell["pattern"])
        if not words:
            raise ImportProblem("This cell is empty.", file=path, row=number, column=header.labels["pattern"])
        patterns.append(
            Pattern(
                words,
                _rule_account(cell["account"], area, path, number, header.labels),
                _direction(cell.get("direction", ""), path, number, header.labels),
            )
        )
    return patterns


def _rule_account(text: str, area: str, path: str | Path, row: int, labels: dict[str, str]) -> str | None:
    if text in ("", "-"):
        return None
    name = text.replace("<A>", area).replace("{area}", area)
    allowed = name.split(":")[0] in ("Income", "Expenses")
    if not account_lib.is_valid(name) or not in_chart(name, area) or not allowed:
        raise ImportProblem(
            "{value} is not an Income or Expenses account of the chart of {area} "
            "(docs/data-model.md, section 3).",
            file=path,
            row=row,
            column=labels["account"],
            value=text,
            area=area,
        )
    return name


def _direction(text: str, path: str | Path, row: int, labels: dict[str, str]) -> int:
    way = DIRECTIONS.get(text.casefold())
    if way is None:
        raise ImportProblem(
            "{value} is not a direction; write in/out (เข้า/ออก) or leave it empty.",
            file=path,
            row=row,
            column=labels.get("direction"),
            value=text,
        )
    return way
