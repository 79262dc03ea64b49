"""Properties over generated books: Hypothesis searches for a way around the facts layer.

1. Conservation: for any transaction touching an area, the recognised outflows minus inflows
   equal the fall in the area's fund money (counted here straight from the postings), and every
   outflow without approvers is reported by `approvals`, so nothing leaves unseen.
2. Seals: any change of meaning to any entry dated in a sealed period, its flag included,
   breaks the seal and names the month.
3. No value crashes: no generated metadata or register value makes a rule, a report or the
   Fava pages raise.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from beancount import loader
from beancount.core.data import Transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from welfare_ledger.plugins.audit import audit
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.rules.seal import check_seals, digest_for
from welfare_ledger.plugins.statement import member_statement
from welfare_ledger.plugins.summary import area_years, grant_statuses

HEAD = """
option "operating_currency" "THB"
2020-01-01 custom "area" "BangMueang" "ตำบลบางเมือง"
2020-01-01 custom "area" "NongBua" "ตำบลหนองบัว"
2020-01-01 custom "member" "BM-0001" "BangMueang"
2020-01-01 custom "member" "BM-0002" "BangMueang"
2020-01-01 custom "member" "NB-0001" "NongBua"
2020-01-01 custom "committee" "BM-0001" "chair"
2020-01-01 custom "committee" "BM-0002" "treasurer"
"""
ACCOUNTS = [
    "Assets:BangMueang:Bank:GSB",
    "Assets:BangMueang:Cash",
    "Assets:BangMueang:Advances:BM-0001",
    "Assets:BangMueang:Hidden",
    "Assets:NongBua:Cash",
    "Income:BangMueang:Contributions",
    "Income:BangMueang:Donations",
    "Income:BangMueang:Grants",
    "Expenses:BangMueang:Benefits:Sickness",
    "Expenses:BangMueang:Admin:Office",
    "Expenses:BangMueang:Projects:Roof",
    "Expenses:Ghost:Admin",
    "Equity:BangMueang:Opening",
    "Liabilities:BangMueang:Loan",
]
AREAS = ("BangMueang", "NongBua", "Ghost")
OPENS = "".join(f"2020-01-01 open {account}\n" for account in ACCOUNTS)

amounts = st.integers(min_value=-50_000_00, max_value=50_000_00).map(lambda cents: Decimal(cents) / 100)
member_values = st.sampled_from(['"BM-0001"', '"BM-0002"', '"NB-0001"', '"XX-9"', "42", '""'])


@st.composite
def transactions(draw: st.DrawFn) -> str:
    """A balanced transaction of 2 to 5 postings over any accounts, members anywhere, no approvals."""
    day = draw(st.dates(datetime.date(2021, 1, 1), datetime.date(2021, 12, 31)))
    count = draw(st.integers(2, 5))
    postings = []
    total = Decimal(0)
    for index in range(count):
        account = draw(st.sampled_from(ACCOUNTS))
        if index < count - 1:
            number = draw(amounts)
            total += number
            line = f"  {account}  {number} THB"
        else:
            line = f"  {account}  {-total} THB"
        if draw(st.booleans()):
            line += f"\n    member: {draw(member_values)}"
        postings.append(line)
    head = f'{day} * "Generated"'
    if draw(st.booleans()):
        head += f"\n  member: {draw(member_values)}"
    return head + "\n" + "\n".join(postings) + "\n"


def _fund_falls(entries: list) -> dict[tuple[int, str], Decimal]:
    """The fall in each area's fund money per transaction, summed straight from the postings."""
    falls: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for entry in entries:
        if not isinstance(entry, Transaction):
            continue
        for posting in entry.postings:
            parts = posting.account.split(":")
            if parts[0] == "Assets" and posting.units.currency == "THB":
                falls[(id(entry), parts[1])] -= posting.units.number
    return falls


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(transactions(), min_size=1, max_size=6))
def test_every_fall_in_fund_money_is_an_outflow_and_is_reported(texts: list[str]) -> None:
    entries, _, options = loader.load_string(HEAD + OPENS + "".join(texts))
    book, findings = audit(entries, options)
    assert book is not None
    recognised: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for outflow in book.outflows:
        recognised[(id(outflow.txn), outflow.area)] += outflow.fund_fall
    for inflow in book.inflows:
        recognised[(id(inflow.txn), inflow.area)] -= inflow.amount
    for key, fall in _fund_falls(entries).items():
        if fall > 0:
            assert recognised[key] == fall, key
        elif fall < 0:
            assert recognised[key] == fall or recognised[key] == 0, key
    approvals = {(f.line, f.area) for f in findings if f.rule == "approvals"}
    for outflow in book.outflows:
        assert (outflow.meta["lineno"], outflow.area) in approvals
    assert not any(f.rule in ("facts", "personal-data") or "could not finish" in f.msgid for f in findings)
    for area in AREAS:
        expected = sum(-fall for (_, code), fall in _fund_falls(entries).items() if code == area)
        assert book.fund.fund_at(area, datetime.date(2021, 12, 31)) == expected


SEALED = HEAD + OPENS + """
2021-01-05 * "Opening"
  Assets:BangMueang:Bank:GSB  1000 THB
  Equity:BangMueang:Opening
2021-02-10 * "Shop" "Paper" #office ^voucher-1
  approved-by: "BM-0001 BM-0002"
  Assets:BangMueang:Bank:GSB  -120.50 THB
  Expenses:BangMueang:Admin:Office
2021-03-15 * "Benefit"
  member: "BM-0002"
  Assets:BangMueang:Cash  -300 THB
    member: "BM-0002"
  Expenses:BangMueang:Benefits:Sickness
2021-03-20 balance Assets:BangMueang:Bank:GSB  879.50 THB
"""
EDITS = [
    ("-120.50 THB", "-120.51 THB"),
    ("-120.50 THB", "-120.5 THB ; same value"),
    ('"Shop" "Paper"', '"Shop" "Papers"'),
    ('"Shop" "Paper"', '"Shoq" "Paper"'),
    ("#office", "#offices"),
    ("^voucher-1", "^voucher-2"),
    ('approved-by: "BM-0001 BM-0002"', 'approved-by: "BM-0001 BM-0003"'),
    ("2021-02-10 *", "2021-02-10 !"),
    ("2021-02-10 *", "2021-02-10 P"),
    ("2021-02-10 *", "2021-02-11 *"),
    ("Expenses:BangMueang:Admin:Office\n2021-03-15", "Expenses:BangMueang:Projects:Roof\n2021-03-15"),
    ('    member: "BM-0002"\n', '    member: "BM-0001"\n'),
    ("-300 THB", "-301 THB"),
    ("879.50 THB", "879.5 THB ; same value"),
]


@settings(max_examples=len(EDITS) * 3, deadline=None)
@given(st.sampled_from(EDITS), st.booleans())
def test_any_change_in_a_sealed_period_breaks_the_seal_and_names_the_month(edit: tuple[str, str], reorder: bool) -> None:
    entries, _, options = loader.load_string(SEALED)
    digest = digest_for(build_book(entries, options), "BangMueang", datetime.date(2021, 3, 31))
    sealed = SEALED + f'2021-03-31 custom "seal" "BangMueang" "{digest}"\n'
    old, new = edit
    changed = sealed.replace(old, new, 1)
    if reorder:
        changed = changed.replace(OPENS, "".join(reversed(OPENS.splitlines(keepends=True))))
    entries, _, options = loader.load_string(changed)
    results = check_seals(build_book(entries, options))
    assert len(results) == 1
    if "same value" in new:
        assert results[0].holds, edit
        return
    assert not results[0].holds, edit
    assert results[0].months and set(results[0].months) <= {"2021-02", "2021-03"}, (edit, results[0].months)


@settings(max_examples=len(EDITS), deadline=None)
@given(st.booleans())
def test_an_unchanged_or_reordered_book_keeps_its_seal(reorder: bool) -> None:
    entries, _, options = loader.load_string(SEALED)
    digest = digest_for(build_book(entries, options), "BangMueang", datetime.date(2021, 3, 31))
    sealed = SEALED + f'2021-03-31 custom "seal" "BangMueang" "{digest}"\n'
    if reorder:
        sealed = sealed.replace(OPENS, "".join(reversed(OPENS.splitlines(keepends=True))))
    entries, _, options = loader.load_string(sealed)
    assert check_seals(build_book(entries, options))[0].holds


any_value = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12).map(
        lambda text: '"' + text.replace("\\", "").replace('"', "") + '"'
    ),
    st.sampled_from(['"NaN"', '"Infinity"', '"-0"', '""', '"๑๒๓"', '"1e400"', '"2024-13-01"', "TRUE", "FALSE"]),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**15), max_value=10**15).map(str),
    st.dates().map(str),
    st.integers(min_value=-(10**12), max_value=10**12).map(lambda n: f"{n} THB"),
)
REGISTER_KEYS = [
    ("bylaw", "approvals-required"),
    ("bylaw", "large-amount"),
    ("bylaw", "cash-limit"),
    ("bylaw", "admin-cap"),
    ("bylaw", "dues-per-month"),
    ("bylaw", "grace-months"),
    ("bylaw", "fiscal-year-start"),
    ("bylaw", "pay-within-days"),
    ("bylaw", "cash-count-months"),
    ("bylaw", "claim-within-days"),
    ("rule", "waiting-days"),
    ("rule", "max-per-claim"),
    ("rule", "max-per-year"),
    ("rule", "per-night"),
    ("rule", "amount"),
    ("rule", "min-age"),
    ("rule", "max-age"),
    ("rule", "every"),
    ("member", "born"),
    ("member", "village"),
    ("member", "gender"),
    ("grant", "ends"),
    ("count", "counted-by"),
]
TXN_KEYS = [
    "member", "approved-by", "recorded-by", "document", "event-date", "nights", "grant", "for-year",
    "receipt", "received-by", "paid-to", "claim",
]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.sampled_from(REGISTER_KEYS), any_value), max_size=6),
    st.lists(st.tuples(st.sampled_from(TXN_KEYS), any_value), max_size=6),
    st.dates(datetime.date(1900, 1, 1), datetime.date(9999, 12, 31)),
)
def test_no_value_makes_a_rule_a_report_or_a_page_raise(
    register_values: list[tuple[tuple[str, str], str]], txn_values: list[tuple[str, str]], day: datetime.date
) -> None:
    meta: dict[str, list[str]] = defaultdict(list)
    for (where, key), value in register_values:
        meta[where].append(f"  {key}: {value}")
    text = HEAD + OPENS + "2020-01-01 open Income:BangMueang:Matching:Government\n"
    text += '2021-01-01 custom "bylaw" "BangMueang"\n' + "\n".join(meta["bylaw"]) + "\n"
    text += '2021-01-01 custom "benefit-rule" "BangMueang" "Sickness"\n' + "\n".join(meta["rule"]) + "\n"
    text += '2021-01-01 custom "member" "BM-0009" "BangMueang"\n' + "\n".join(meta["member"]) + "\n"
    text += '2021-01-01 custom "grant" "G-1" "BangMueang" 1000 THB\n' + "\n".join(meta["grant"]) + "\n"
    text += '2021-06-30 custom "cash-count" "BangMueang" 0 THB\n' + "\n".join(meta["count"]) + "\n"
    txn_meta = "\n".join(f"  {key}: {value}" for key, value in txn_values)
    text += f'{day} * "Anything"\n{txn_meta}\n  Assets:BangMueang:Cash  -10 THB\n  Expenses:BangMueang:Benefits:Sickness\n'
    text += f'{day} * "Matching"\n{txn_meta}\n  Assets:BangMueang:Bank:GSB  10 THB\n  Income:BangMueang:Matching:Government\n'
    entries, errors, options = loader.load_string(text)
    book, findings = audit(entries, options)
    assert book is not None
    assert not [f for f in findings if "could not finish" in f.msgid], [f.message("en") for f in findings]
    for finding in findings:
        finding.message("th")
        finding.message("en")
    for year in {day.year, 2021}:
        area_years(book, year)
    grant_statuses(book)
    for code in book.register.members:
        member_statement(book, code, min(day, datetime.date(2030, 1, 1)))
    from welfare_ledger.plugins.fava_ext.view import take_snapshot

    snapshot = take_snapshot(entries, errors, options, datetime.date(2026, 11, 28))
    snapshot.overview(snapshot.default_year)
