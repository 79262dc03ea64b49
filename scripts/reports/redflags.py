"""`welfare report redflags`: reasons to look, not verdicts (docs/data-model.md, section 8).

Benford's first-digit test on free-amount outflows, amounts at 95-99.99% of `large-amount`,
outliers per expense account (robust z-score over the median absolute deviation), round
amounts, payments on weekends, and first payments to a payee that are large. An amount is
*fixed by a rule*, and so not free, when it is a benefit equal to its tier's `max-per-claim` or
a whole multiple of the Sickness rule's `per-night`; every other outflow amount was chosen.
"""

from __future__ import annotations

import contextlib
import dataclasses
import statistics
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from welfare_ledger.plugins.i18n import gettext, render
from welfare_ledger.plugins.summary import book_areas
from welfare_ledger.scripts.reports.benford import DIGITS, MIN_COUNT, BenfordResult, benford
from welfare_ledger.scripts.reports.labels import area_label, cents
from welfare_ledger.scripts.reports.output import Report
from welfare_ledger.scripts.reports.privacy import public_text
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.facts import Benefit, Outflow
    from welfare_ledger.plugins.i18n import Lang

NEAR_LOW = Decimal("0.95")
ROUND_UNIT = Decimal(1000)
OUTLIER_Z = 3.5
OUTLIER_MIN = 10
MAD_TO_SIGMA = 0.6745
FLAG_COLUMNS = (
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
)
MESSAGES = {
    "near-limit": "{amount} is {share} of the large-amount limit {limit}, just under it.",
    "outlier": "{amount} is far from the usual payments of this account (median {median}, robust z {z}).",
    "round": "A round amount of {amount} that no benefit rule fixes.",
    "weekend": "Paid {weekday}, when banks and offices are usually closed.",
    "first-large": "The first payment to this payee is {amount}, at or above the large-amount limit {limit}.",
}
WEEKEND_DAYS = {5: "on Saturday", 6: "on Sunday"}


@dataclasses.dataclass(frozen=True, slots=True)
class Flag:
    """One reason to look at one outflow."""

    kind: str
    outflow: Outflow
    params: dict[str, Any]

    def detail(self, lang: Lang) -> str:
        """Why it is worth a look, in the reader's language."""
        params = dict(self.params)
        if "weekday" in params:
            params["weekday"] = gettext(params["weekday"], lang)
        return render(MESSAGES[self.kind], params, lang)


def known_areas(book: Book) -> list[str]:
    """The areas the report can be limited to."""
    return book_areas(book)


def is_free(book: Book, outflow: Outflow) -> bool:
    """Whether a person chose the amount (it is not fixed by a benefit rule).

    An outflow that pays several members at once (the month's list of a standing benefit) is
    fixed when each of its benefits is.
    """
    if not outflow.benefits:
        return True
    return any(_chosen(book, benefit) for benefit in outflow.benefits)


def _chosen(book: Book, benefit: Benefit) -> bool:
    """Whether one benefit's amount was chosen rather than set by its tier."""
    member = book.register.members.get(benefit.member)
    if benefit.type is None or member is None:
        return True
    tier = book.register.tier_for(benefit.area, benefit.type, member, benefit.event_date)
    if tier is None:
        return True
    if benefit.amount in (tier.max_per_claim, tier.amount):
        return False
    return not (tier.per_night and benefit.amount % tier.per_night == 0)


def _account(outflow: Outflow) -> str:
    return outflow.expense_accounts[0] if outflow.expense_accounts else ""


def _large(book: Book, outflow: Outflow) -> Decimal:
    return book.policy(outflow.area, outflow.date).large_amount


def _outliers(outflows: list[Outflow]) -> list[Flag]:
    by_account: dict[str, list[Outflow]] = defaultdict(list)
    for outflow in outflows:
        by_account[_account(outflow)].append(outflow)
    flags = []
    for group in by_account.values():
        if len(group) < OUTLIER_MIN:
            continue
        amounts = [float(o.amount) for o in group]
        median = statistics.median(amounts)
        spread = statistics.median(abs(a - median) for a in amounts)
        if not spread:
            continue
        for outflow, amount in zip(group, amounts, strict=True):
            z = MAD_TO_SIGMA * (amount - median) / spread
            if abs(z) > OUTLIER_Z:
                params = {"amount": outflow.amount, "median": Decimal(str(median)), "z": f"{z:.1f}"}
                flags.append(Flag("outlier", outflow, params))
    return flags


def find_flags(book: Book, outflows: list[Outflow]) -> tuple[list[Flag], list[Outflow]]:
    """Every flag of `outflows` (in date order), and the free-amount outflows."""
    flags: list[Flag] = []
    free: list[Outflow] = []
    seen: set[tuple[str, str]] = set()
    for outflow in outflows:
        large = _large(book, outflow)
        amount = outflow.amount
        chosen = is_free(book, outflow)
        if chosen:
            free.append(outflow)
        if large * NEAR_LOW <= amount < large:
            share = f"{amount * 100 / large:.2f}%"
            flags.append(Flag("near-limit", outflow, {"amount": amount, "share": share, "limit": large}))
        if chosen and amount >= ROUND_UNIT and amount % ROUND_UNIT == 0:
            flags.append(Flag("round", outflow, {"amount": amount}))
        if outflow.date.weekday() >= 5:
            weekday = WEEKEND_DAYS[outflow.date.weekday()]
            flags.append(Flag("weekend", outflow, {"weekday": weekday}))
        payee = (outflow.area, outflow.payee_key or "")
        if payee[1] and payee not in seen:
            seen.add(payee)
            if chosen and amount >= large:
                flags.append(Flag("first-large", outflow, {"amount": amount, "limit": large}))
    flags.extend(_outliers(outflows))
    order = {kind: index for index, kind in enumerate(MESSAGES)}
    flags.sort(key=lambda f: (order[f.kind], f.outflow.date, f.outflow.area))
    return flags, free


def where(book: Book, outflow: Outflow) -> str:
    """`file:line` of an outflow, the file relative to the book's folder when it is inside it."""
    name = str(outflow.meta.get("filename", ""))
    top = book.options.get("filename")
    if top and name:
        with contextlib.suppress(ValueError):
            name = Path(name).relative_to(Path(top).parent).as_posix()
    return f"{name}:{outflow.meta.get('lineno', 0)}"


def flag_table(book: Book, flags: list[Flag], lang: Lang) -> pd.DataFrame:
    """One row per flag."""
    records = [
        {
            "flag": f.kind,
            "date": f.outflow.date.isoformat(),
            "area": f.outflow.area,
            "member": f.outflow.member or "",
            "payee": "" if f.outflow.member else public_text(f.outflow.txn.payee),
            "account": _account(f.outflow),
            "amount": cents(f.outflow.amount),
            "detail": f.detail(lang),
            "file": where(book, f.outflow).rsplit(":", 1)[0],
            "line": int(f.outflow.meta.get("lineno", 0) or 0),
        }
        for f in flags
    ]
    return pd.DataFrame.from_records(records, columns=list(FLAG_COLUMNS))


def benford_table(result: BenfordResult) -> pd.DataFrame:
    """Digit, count, observed and expected share, with the MAD and band on every row."""
    return pd.DataFrame(
        {
            "digit": list(DIGITS),
            "count": list(result.counts),
            "observed": [round(v, 4) for v in result.observed],
            "expected": [round(v, 4) for v in result.expected],
            "mad": [None if result.mad is None else round(result.mad, 5)] * len(DIGITS),
            "band": [result.band or "too-few"] * len(DIGITS),
        }
    )


def build(book: Book, lang: Lang, *, area: str | None = None, year: int | None = None) -> Report:
    """The red flags of the book, or of one area and/or year."""
    outflows = sorted(
        (
            o
            for o in book.outflows
            if (area is None or o.area == area) and (year is None or o.date.year == year)
        ),
        key=lambda o: (o.date, o.area, str(o.meta.get("filename")), o.meta.get("lineno", 0)),
    )
    flags, free = find_flags(book, outflows)
    result = benford(o.amount for o in free)

    def drawn() -> dict[str, Any]:
        from welfare_ledger.scripts.reports import charts

        chart = (
            charts.grouped_bars(
                [str(d) for d in DIGITS],
                {
                    gettext("Observed share", lang): list(result.observed),
                    gettext("Benford's expected share", lang): list(result.expected),
                },
                gettext("First digits of free-amount payments", lang),
                gettext("Share of payments", lang),
            )
            if result.count
            else None
        )
        return {"chart": chart}

    counts: dict[str, int] = defaultdict(int)
    for flag in flags:
        counts[flag.kind] += 1
    return Report(
        template="redflags.html",
        sheets={"flags": flag_table(book, flags, lang), "benford": benford_table(result)},
        context={
            "flags": flags,
            "counts": counts,
            "kinds": list(MESSAGES),
            "benford": result,
            "min_count": MIN_COUNT,
            "outflow_count": len(outflows),
            "free_count": len(free),
            "scope_area": area,
            "scope_year": year,
            "where": lambda outflow: where(book, outflow),
            "public": public_text,
            "area_name": lambda code: area_label(book, code, lang),
        },
        through=books_through(book, area),
        drawn=drawn,
    )
