"""Rules on every outflow and every spending: whom it pays, its papers, its accounts, its dates.

An outflow is any fall in an area's fund money, and every posting to its expenses is spending
needing the same approvals and papers, whatever the other postings are (docs/data-model.md).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from ledger_doc import ledger_doc
from rule_helpers import messages, run_rule
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.membership import dues_status
from welfare_ledger.plugins.rules import (
    approvals,
    benefit_account,
    book_options,
    chart,
    document_reuse,
    duplicate_payment,
    event_date,
    matching_claim,
    payee,
    register,
)

if TYPE_CHECKING:
    from pathlib import Path


@ledger_doc
def test_an_outflow_that_names_nobody(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Admin:Office THB
    2022-01-10 * "Paper"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Admin:Office
    2022-01-11 * "Stationery shop" "Paper"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Admin:Office
    2022-01-12 * "   " "Paper, payee of spaces"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Admin:Office
    """
    findings = run_rule(payee, entries, errors, options_map)
    assert [f.line for f in findings] == [5, 11]
    messages(findings[0])


@ledger_doc
def test_spending_paid_in_kind_needs_approval_too(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Income:BangMueang:Donations THB
    2020-01-01 open Expenses:BangMueang:Admin:Office THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2020-01-01 custom "committee" "BM-0001" "treasurer"
    2020-01-01 custom "committee" "BM-0002" "chair"
    2022-01-10 * "Shop" "Chairs given by a shop, booked as spending"
      Income:BangMueang:Donations  -3000 THB
      Expenses:BangMueang:Admin:Office
    2022-01-11 * "Shop" "Chairs given by a shop, approved"
      approved-by: "BM-0001 BM-0002"
      Income:BangMueang:Donations  -3000 THB
      Expenses:BangMueang:Admin:Office
    """
    findings = run_rule(approvals, entries, errors, options_map)
    assert [f.line for f in findings] == [9]


@ledger_doc
def test_money_paid_to_a_member_outside_the_benefit_accounts(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Projects:Livelihood THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2022-01-10 * "Project money to a member"
      Assets:BangMueang:Bank:GSB  -500 THB
      Expenses:BangMueang:Projects:Livelihood  500 THB
        member: "BM-0001"
    2022-01-11 * "To a member through Equity"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -500 THB
      Equity:BangMueang:Opening
    2022-01-12 * "Sickness benefit"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(benefit_account, entries, errors, options_map)
    assert [(f.line, f.params["account"]) for f in findings] == [
        (10, "Expenses:BangMueang:Projects:Livelihood"),
        (12, "Equity:BangMueang:Opening"),
    ]
    messages(findings[0])


@ledger_doc
def test_an_event_too_old_at_payment(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2022-06-10 * "Revived claim"
      member: "BM-0001"
      event-date: 2021-06-09
      Assets:BangMueang:Bank:GSB  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-06-10 * "Claim of the deadline's last day"
      member: "BM-0001"
      event-date: 2021-06-10
      Assets:BangMueang:Bank:GSB  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    """
    findings = run_rule(event_date, entries, errors, options_map)
    assert [(f.line, f.msgid) for f in findings] == [(6, event_date.MSG_TOO_OLD)]
    messages(findings[0])


@ledger_doc
def test_accounts_off_the_chart_foreign_money_and_late_equity(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB
    2020-01-01 open Assets:BangMueang:Savings THB
    2020-01-01 open Liabilities:BangMueang:Loans THB
    2020-01-01 open Equity:BangMueang:Opening
    2020-01-01 open Expenses:BangMueang:Benefits:Funeral THB
    2021-01-02 * "Opening"
      Assets:BangMueang:Bank:GSB  1000 THB
      Equity:BangMueang:Opening
    2021-02-02 * "Dollars"
      Assets:BangMueang:Bank:GSB  10 USD
      Equity:BangMueang:Opening  -10 USD
    2021-03-02 * "Baht out against Equity"
      Assets:BangMueang:Bank:GSB  -100 THB
      Equity:BangMueang:Opening
    """
    findings = run_rule(chart, entries, errors, options_map)
    assert sorted((f.line, f.msgid) for f in findings) == [
        (4, chart.MSG_OFF_CHART),
        (5, chart.MSG_OFF_CHART),
        (7, chart.MSG_OFF_CHART),
        (11, chart.MSG_CURRENCY),
        (14, chart.MSG_LATE_EQUITY),
    ]
    for finding in findings:
        messages(finding)


@ledger_doc
def test_a_plugin_of_the_books_own_and_a_reserved_flag(entries, errors, options_map):
    """
    plugin "beancount.plugins.auto_accounts"
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2021-01-02 S "Summarised by hand"
      Assets:BangMueang:Bank:GSB  1000 THB
      Equity:BangMueang:Opening
    2021-01-03 ! "Flagged for the auditor"
      Assets:BangMueang:Bank:GSB  1000 THB
      Equity:BangMueang:Opening
    """
    options = {**options_map, "plugin": [*options_map["plugin"], ("evil_plugin", None)]}
    findings = run_rule(book_options, entries, errors, options)
    assert sorted((f.line, f.msgid) for f in findings) == [(0, book_options.MSG_PLUGIN), (4, book_options.MSG_FLAG)]
    for finding in findings:
        messages(finding)


@ledger_doc
def test_metadata_that_cannot_be_read(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Sickness THB
    2020-01-01 open Income:BangMueang:Matching:Government THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
      born: 2030-01-01
      gender: "Q"
    2022-01-10 * "Sickness benefit"
      member: "BM-0001"
      event-date: "last week"
      nights: "two"
      Assets:BangMueang:Bank:GSB  -500 THB
      Expenses:BangMueang:Benefits:Sickness
    2022-01-11 * "Matching"
      for-year: "next"
      Assets:BangMueang:Bank:GSB  500 THB
      Income:BangMueang:Matching:Government
    """
    findings = run_rule(register, entries, errors, options_map)
    assert sorted((f.line, f.params.get("key")) for f in findings) == [
        (6, "born"),
        (6, "gender"),
        (9, "event-date"),
        (9, "nights"),
        (15, "for-year"),
    ]
    for finding in findings:
        messages(finding)


def test_one_voucher_backing_two_payments(tmp_path: Path) -> None:
    from beancount import loader

    folder = tmp_path / "documents" / "Expenses" / "BangMueang" / "Admin" / "Office"
    folder.mkdir(parents=True)
    (folder / "receipt-1.pdf").write_bytes(b"%PDF one")
    (folder / "receipt-2.pdf").write_bytes(b"%PDF two")
    book = tmp_path / "book.beancount"
    book.write_text(
        """option "documents" "documents"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 open Assets:BangMueang:Bank:GSB THB
2020-01-01 open Expenses:BangMueang:Admin:Office THB
2022-01-10 * "Shop" "Paper"
  document: "receipt-1.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
2022-01-11 * "Shop" "Paper again, same voucher by another path"
  document: "documents/Expenses/BangMueang/Admin/Office/receipt-1.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
2022-01-12 * "Shop" "Ink"
  document: "receipt-2.pdf"
  Assets:BangMueang:Bank:GSB  -300 THB
  Expenses:BangMueang:Admin:Office
""",
        encoding="utf-8",
    )
    entries, errors, options = loader.load_file(str(book))
    findings = run_rule(document_reuse, entries, errors, options)
    assert [(f.line, f.severity.value) for f in findings] == [(9, "warning")]
    messages(findings[0])


@ledger_doc
def test_a_standing_allowance_paid_monthly_is_no_duplicate(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Expenses:BangMueang:Benefits:Elderly THB
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2020-01-01 custom "member" "BM-0002" "BangMueang"
    2022-01-01 custom "standing-payment" "BM-0001" "Elderly" 300 THB
    2022-01-05 * "Elderly allowance"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-02-05 * "Elderly allowance"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-02-20 * "Elderly allowance paid twice in February"
      member: "BM-0001"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-01-05 * "Elderly benefit, no standing order"
      member: "BM-0002"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Benefits:Elderly
    2022-02-03 * "Elderly benefit, no standing order"
      member: "BM-0002"
      Assets:BangMueang:Bank:GSB  -300 THB
      Expenses:BangMueang:Benefits:Elderly
    """
    findings = run_rule(duplicate_payment, entries, errors, options_map)
    assert sorted((f.line, f.params["payee"]) for f in findings) == [(16, "BM-0001"), (24, "BM-0002")]


@ledger_doc
def test_matching_counts_by_the_fiscal_year(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Matching:Government THB
    2020-01-01 custom "bylaw" "BangMueang"
      fiscal-year-start: 10
    2022-10-01 custom "member" "BM-0001" "BangMueang"
    2022-10-01 custom "member" "BM-0002" "BangMueang"
    2023-10-05 * "Contributions of fiscal year 2024"
      Assets:BangMueang:Bank:GSB  720 THB
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0001"
        receipt: "1"
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0002"
        receipt: "2"
    2024-10-20 * "Matching for fiscal 2024, two members"
      for-year: 2567
      Assets:BangMueang:Bank:GSB  730 THB
      Income:BangMueang:Matching:Government
    2024-11-20 * "Matching for fiscal 2025, nobody saved yet"
      Assets:BangMueang:Bank:GSB  365 THB
      Income:BangMueang:Matching:Government
    """
    findings = run_rule(matching_claim, entries, errors, options_map)
    assert [(f.line, str(f.params["year"].year)) for f in findings] == [(22, "2025")]
    english, thai = messages(findings[0])
    assert "2025" in english and "2568" in thai and "2024-10-01" in english


@ledger_doc
def test_dues_stop_at_the_exit(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "member" "BM-0001" "BangMueang"
    2021-01-01 custom "member-exit" "BM-0001" "resigned"
    """
    book = build_book(entries, options_map)
    member = book.register.members["BM-0001"]
    at_exit = dues_status(book, book.payments, member, datetime.date(2021, 1, 1))
    years_later = dues_status(book, book.payments, member, datetime.date(2026, 1, 1))
    assert at_exit.due == years_later.due == 9 * 30


@ledger_doc
def test_matching_counts_only_the_years_own_savings_in_the_members_area(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Matching:Government THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-01-01 open Assets:NongBua:Bank:GSB THB
    2020-01-01 open Income:NongBua:Contributions THB
    2015-01-01 custom "member" "BM-0001" "BangMueang"
    2015-01-01 custom "member" "BM-0002" "BangMueang"
    2021-01-02 * "Old register's savings brought forward"
      Equity:BangMueang:Opening  360 THB
      Income:BangMueang:Contributions  -360 THB
        member: "BM-0001"
        receipt: "old-1"
    2021-03-01 * "Saved in the wrong area's books"
      Assets:NongBua:Bank:GSB  360 THB
      Income:NongBua:Contributions  -360 THB
        member: "BM-0002"
        receipt: "1"
    2021-11-20 * "Matching for two members"
      for-year: 2021
      Assets:BangMueang:Bank:GSB  730 THB
      Income:BangMueang:Matching:Government
    """
    findings = run_rule(matching_claim, entries, errors, options_map)
    assert [(f.line, f.params["members"]) for f in findings] == [(22, 0)]


@ledger_doc
def test_the_year_the_books_opened_asks_the_months_these_books_hold(entries, errors, options_map):
    """
    2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
    2020-01-01 open Assets:BangMueang:Bank:GSB THB
    2020-01-01 open Income:BangMueang:Contributions THB
    2020-01-01 open Income:BangMueang:Matching:Government THB
    2020-01-01 open Equity:BangMueang:Opening THB
    2020-10-01 custom "bylaw" "BangMueang"
      fiscal-year-start: 10
      meeting: "minutes.pdf"
    2015-01-01 custom "member" "BM-0001" "BangMueang"
    2015-01-01 custom "member" "BM-0002" "BangMueang"
    2022-12-31 * "Opening: the old register's savings"
      Assets:BangMueang:Bank:GSB  8000 THB
      Income:BangMueang:Contributions  -4000 THB
        member: "BM-0001"
        receipt: "old-1"
      Income:BangMueang:Contributions  -4000 THB
        member: "BM-0002"
        receipt: "old-2"
      Equity:BangMueang:Opening  0 THB
    2023-09-20 * "Nine months of savings in these books"
      Assets:BangMueang:Bank:GSB  270 THB
      Income:BangMueang:Contributions  -270 THB
        member: "BM-0001"
        receipt: "1"
    2023-11-20 * "Matching for fiscal 2023, two members claimed"
      for-year: 2023
      Assets:BangMueang:Bank:GSB  730 THB
      Income:BangMueang:Matching:Government
    """
    findings = run_rule(matching_claim, entries, errors, options_map)
    assert [(f.params["members"], f.params["needed"]) for f in findings] == [(1, 270)]
