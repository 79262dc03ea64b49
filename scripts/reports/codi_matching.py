"""`welfare report codi-matching --area A --fiscal-year Y`: CODI's matching request (แบบเสนอขอรับการสนับสนุน).

Laid out as the request a fund files with CODI for a fiscal year: the fund and the share of the
tambon's villages with members (CODI asks for half), the members who completed a year by the
year's end and saved 12 x dues in it (by village), the matching due and received per source,
the benefit types run (CODI asks for three), the committee at the year's end, the members'
meetings of the year, and the signature lines. Every figure is a field of
`plugins.codi.MatchingRequest`; nothing is counted here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from welfare_ledger.plugins.codi import (
    MATCHING_SOURCES,
    MIN_BENEFIT_TYPES,
    MIN_VILLAGE_SHARE,
    matching_request,
)
from welfare_ledger.plugins.i18n import gettext
from welfare_ledger.scripts.reports.codi_form import FormTable, iso, role_label, signers, village_label
from welfare_ledger.scripts.reports.labels import benefit_label, column_label
from welfare_ledger.scripts.reports.output import Report
from welfare_ledger.scripts.reports.privacy import public_text
from welfare_ledger.scripts.reports.through import books_through

if TYPE_CHECKING:
    from decimal import Decimal

    from welfare_ledger.plugins.book import Book
    from welfare_ledger.plugins.codi import MatchingRequest
    from welfare_ledger.plugins.i18n import Lang

SOURCES = tuple(MATCHING_SOURCES.values())
SHARE_PLACES = 1
MSG_LINES = {
    "area": "Area code",
    "tambon": "Tambon",
    "fiscal_year": "Fiscal year (Christian era)",
    "first": "First day of the fiscal year",
    "last": "Last day of the fiscal year",
    "villages": "Villages in the tambon",
    "villages_with_members": "Villages with members",
    "village_outside": "Village number the tambon does not have",
    "village_share": "Share of the villages with members (percent)",
    "villages_met": "Members in at least half the villages",
    "needed_savings": "Savings needed in the year",
    "qualifying": "Members who qualify for matching",
    "per_member": "Matching per member",
    "due": "Matching due",
    "received": "Matching received for the year",
    "still_due": "Still due (negative: received above what is due)",
    "benefit_types_run": "Benefit types run in the year",
    "benefit_types_met": "At least three benefit types",
    "committee": "Committee at the end of the year",
    "meeting": "Members' meeting",
}


def line(item: str, lang: Lang) -> str:
    """The label of a form line."""
    return gettext(MSG_LINES[item], lang)


def share(request: MatchingRequest) -> Decimal | None:
    """The share of villages with members as the form prints it: percent with one decimal."""
    value = request.village_share
    return None if value is None else round(value, SHARE_PLACES)


def table(request: MatchingRequest, lang: Lang) -> FormTable:
    """The request as one long table (see `codi_form`)."""
    form = FormTable(lang)

    def add(section: str, item: str, value: object, key: str = "") -> None:
        form.add(section, item, value, key=key, label=line(item, lang))

    add("1", "area", request.area)
    add("1", "tambon", request.name)
    add("1", "fiscal_year", request.fiscal_year)
    add("1", "first", iso(request.first))
    add("1", "last", iso(request.last))
    add("1", "villages", request.villages)
    add("1", "villages_with_members", request.villages_with_members)
    for village in request.villages_outside:
        add("1", "village_outside", village, key=str(village))
    add("1", "village_share", share(request))
    add("1", "villages_met", request.villages_met)
    add("2", "needed_savings", request.needed_savings)
    add("2", "qualifying", request.qualifying)
    for village, count in request.qualifying_by_village.items():
        form.add("2", "qualifying_by_village", count, key=village, label=village_label(village, lang))
    add("3", "per_member", request.per_member)
    money = {"due": request.due, "received": request.received, "still_due": request.still_due}
    for item, values in money.items():
        for source in SOURCES:
            name = f"{line(item, lang)}: {column_label(source, lang)}"
            form.add("3", item, values[source], key=source, label=name)
    add("4", "benefit_types_run", len(request.benefit_types_run))
    for kind in request.benefit_types_run:
        form.add("4", "benefit_type", kind, key=kind, label=benefit_label(kind, lang))
    add("4", "benefit_types_met", request.benefit_types_met)
    for term in request.committee:
        form.add("5", "committee", term.member, key=term.role, label=role_label(term.role, lang))
    for day, document in request.meetings:
        add("6", "meeting", public_text(document), key=iso(day))
    return form


def build(book: Book, area: str, fiscal_year: int, lang: Lang) -> Report:
    """The matching request of `area` for `fiscal_year` (Christian era)."""
    request = matching_request(book, area, fiscal_year)
    through = books_through(book, area)
    context = {
        "request": request,
        "share": share(request),
        "sources": SOURCES,
        "min_share": int(MIN_VILLAGE_SHARE),
        "min_types": MIN_BENEFIT_TYPES,
        "open_year": through.day is None or through.day < request.last,
        "signers": signers(request.committee),
        "document": public_text,
        "line": lambda item: line(item, lang),
        "label": lambda column: column_label(column, lang),
        "kind_name": lambda kind: benefit_label(kind, lang),
        "village_name": lambda village: village_label(village, lang),
        "role_name": lambda role: role_label(role, lang),
    }
    return Report(
        template="codi_matching.html",
        sheets={"matching": table(request, lang).frame()},
        context=context,
        through=through,
    )
