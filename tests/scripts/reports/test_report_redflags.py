"""`welfare report redflags`: each flag on a book that has it and a close book that does not."""

from __future__ import annotations

import datetime
import math
import textwrap
from decimal import Decimal

import pytest
from beancount import loader
from welfare_ledger.plugins.book import build_book
from welfare_ledger.scripts.reports.benford import MIN_COUNT, band_of, benford, first_digit
from welfare_ledger.scripts.reports.redflags import build, find_flags, is_free


def header() -> None:
    """
    option "operating_currency" "THB"
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:Coop
    2020-01-01 open Equity:BangMueang:Opening
    2020-01-01 open Expenses:BangMueang:Admin
    2020-01-01 open Expenses:BangMueang:Projects
    2020-01-01 open Expenses:BangMueang:Benefits:Death
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "benefit-rule" "BangMueang" "Death"
      waiting-days: 0
      max-per-claim: 10000 THB
    2020-01-01 custom "benefit-rule" "BangMueang" "Sickness"
      waiting-days: 0
      max-per-claim: 2000 THB
      per-night: 200 THB
    2020-12-31 * "Opening"
      Assets:BangMueang:Bank:Coop  10000000.00 THB
      Equity:BangMueang:Opening
    """


def payment(day: str, amount: str, account: str = "Admin", payee: str = "Shop", member: str = "") -> str:
    who = f'\n  member: "{member}"' if member else ""
    return (
        f'\n{day} * "{payee}" "Payment"{who}\n'
        f"  Expenses:BangMueang:{account}  {amount} THB\n"
        "  Assets:BangMueang:Bank:Coop\n"
    )


def flags_of(*payments: str):
    text = textwrap.dedent(header.__doc__ or "") + "".join(payments)
    entries, errors, options = loader.load_string(text)
    assert not errors, errors
    book = build_book(entries, options)
    found, free = find_flags(book, sorted(book.outflows, key=lambda o: o.date))
    return book, found, free


def kinds(found) -> list[tuple[str, str]]:
    return [(f.kind, str(f.outflow.amount)) for f in found]


# 2023-03-01 is a Wednesday; 2023-03-04 a Saturday, 2023-03-05 a Sunday.
def test_just_under_the_large_amount_limit():
    _, found, _ = flags_of(
        payment("2023-03-01", "9600.00", payee="A"),
        payment("2023-03-02", "9400.00", payee="B"),
        payment("2023-03-03", "9999.99", payee="C"),
        payment("2023-03-06", "10000.10", payee="D"),
    )
    near = [f for f in found if f.kind == "near-limit"]
    assert [str(f.outflow.amount) for f in near] == ["9600.00", "9999.99"]
    assert near[0].detail("en") == (
        "9,600.00 THB is 96.00% of the large-amount limit 10,000.00 THB, just under it."
    )


def test_round_amounts_unless_a_rule_fixes_them():
    book, found, _ = flags_of(
        payment("2023-03-01", "3000.00", payee="Printer"),
        payment("2023-03-02", "3010.00", payee="Printer"),
        payment("2023-03-03", "10000.00", account="Benefits:Death", member="BM-0001"),
        payment("2023-03-06", "8000.00", account="Benefits:Death", member="BM-0002"),
    )
    assert [k for k in kinds(found) if k[0] == "round"] == [("round", "3000.00"), ("round", "8000.00")]
    fixed = [o for o in book.outflows if not is_free(book, o)]
    assert [str(o.amount) for o in fixed] == ["10000.00"]  # the tier's max-per-claim


def test_per_night_multiples_are_fixed_by_the_rule():
    _, _, free = flags_of(
        payment("2023-03-01", "600.00", account="Benefits:Sickness", member="BM-0001"),
        payment("2023-03-02", "650.00", account="Benefits:Sickness", member="BM-0002"),
    )
    assert [str(o.amount) for o in free] == ["650.00"]


def test_weekend_payments():
    _, found, _ = flags_of(
        payment("2023-03-03", "120.00", payee="Friday"),
        payment("2023-03-04", "130.00", payee="Saturday"),
        payment("2023-03-05", "140.00", payee="Sunday"),
        payment("2023-03-06", "150.00", payee="Monday"),
    )
    weekend = [f for f in found if f.kind == "weekend"]
    assert [f.outflow.date.weekday() for f in weekend] == [5, 6]
    assert weekend[0].detail("en") == "Paid on Saturday, when banks and offices are usually closed."
    assert weekend[1].detail("th") == "จ่ายในวันอาทิตย์ ซึ่งธนาคารและสำนักงานมักปิดทำการ"


def test_first_time_payee_paid_a_large_sum():
    _, found, _ = flags_of(
        payment("2023-03-01", "500.00", payee="Known builder"),
        payment("2023-03-02", "15000.00", payee="Known builder"),
        payment("2023-03-03", "15000.00", payee="New builder"),
        payment("2023-03-06", "15000.00", payee="New builder"),
        payment("2023-03-07", "10000.00", account="Benefits:Death", member="BM-0001"),
    )
    first = [f for f in found if f.kind == "first-large"]
    assert [(f.outflow.txn.payee, f.outflow.date.day) for f in first] == [("New builder", 3)]


def test_outliers_per_expense_account():
    usual = [payment(f"2023-01-{d:02d}", f"{100 + d}.00", payee=f"P{d}") for d in range(2, 14)]
    other_account = payment("2023-02-01", "5000.00", account="Projects", payee="Project")
    _, found, _ = flags_of(*usual, other_account)
    assert not [f for f in found if f.kind == "outlier"]
    _, found, _ = flags_of(*usual, other_account, payment("2023-02-02", "5000.00", payee="Odd"))
    outliers = [f for f in found if f.kind == "outlier"]
    assert [(f.outflow.txn.payee, str(f.outflow.amount)) for f in outliers] == [("Odd", "5000.00")]
    assert "median" in outliers[0].detail("en")


def benford_amounts(count: int) -> list[str]:
    """Amounts spread evenly on a log scale, which follow Benford's law."""
    return [f"{10 ** (2 + 3 * (i + 0.5) / count):.2f}" for i in range(count)]


def uniform_amounts(count: int) -> list[str]:
    """Amounts whose first digits are all equally common, which do not."""
    return [f"{(i % 9 + 1) * 100 + i % 7}.00" for i in range(count)]


def dated(amounts: list[str]) -> list[str]:
    start = datetime.date(2023, 1, 2)
    return [
        payment((start + datetime.timedelta(days=i)).isoformat(), amount, payee=f"P{i}")
        for i, amount in enumerate(amounts)
    ]


def test_benford_conforms_on_benford_amounts_and_not_on_uniform_ones():
    _, _, free = flags_of(*dated(benford_amounts(300)))
    result = benford(o.amount for o in free)
    assert result.count == 300 and result.band == "close"
    _, _, free = flags_of(*dated(uniform_amounts(300)))
    result = benford(o.amount for o in free)
    assert result.band == "nonconformity"
    observed = [result.counts[d - 1] / result.count for d in range(1, 10)]
    mad = sum(abs(o - math.log10(1 + 1 / d)) for d, o in zip(range(1, 10), observed, strict=True)) / 9
    assert result.mad == pytest.approx(mad)


def test_benford_says_when_there_are_too_few():
    result = benford(Decimal(a) for a in uniform_amounts(MIN_COUNT - 1))
    assert result.band is None and not result.enough and result.mad is None
    assert benford(Decimal(a) for a in uniform_amounts(MIN_COUNT)).enough
    assert benford([Decimal("9.99")] * 200).count == 0  # amounts under 10 baht are left out


@pytest.mark.parametrize(
    ("mad", "band"),
    [
        (0.0059, "close"),
        (0.006, "acceptable"),
        (0.0119, "acceptable"),
        (0.012, "marginal"),
        (0.0149, "marginal"),
        (0.015, "nonconformity"),
    ],
)
def test_nigrini_bands(mad, band):
    assert band_of(mad) == band


def test_first_digit():
    assert [first_digit(Decimal(v)) for v in ("10.00", "987.5", "0.042", "5")] == [1, 9, 4, 5]


def test_report_table_and_page(tmp_path):
    text = textwrap.dedent(header.__doc__ or "") + "".join(dated(uniform_amounts(120)))
    book = tmp_path / "flags.beancount"
    book.write_text(text, encoding="utf-8")
    entries, errors, options = loader.load_file(str(book))
    assert not errors
    report = build(build_book(entries, options), "en", area="BangMueang", year=2023)
    assert list(report.table.columns) == [
        "flag",
        "date",
        "area",
        "member",
        "payee",
        "account",
        "amount",
        "detail",
        "file",
        "line",
    ]
    assert set(report.table["flag"]) >= {"weekend"}
    assert set(report.table["file"]) == {"flags.beancount"}
    benford_sheet = report.sheets["benford"]
    assert list(benford_sheet["band"].unique()) == ["nonconformity"]
    html = report.html("en")
    assert "mean absolute deviation" in html and "nonconformity" in html
    other_year = build(build_book(entries, options), "en", year=2022)
    assert other_year.table.empty
    assert "Only 0 free amounts" in other_year.html("en")
