"""The words reports show for columns, benefit types and categories (English msgids, Thai in `reports.po`)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.i18n import Lang, gettext

if TYPE_CHECKING:
    from welfare_ledger.plugins.book import Book

CENT = Decimal("0.01")

COLUMN_LABELS: dict[str, str] = {
    "area": "Area code",
    "members": "Members active at year end",
    "contributions": "Members' contributions",
    "matching_government": "Government matching (CODI)",
    "matching_local": "Local government matching",
    "donations": "Donations received",
    "interest": "Bank interest",
    "grants_received": "Project grants received",
    "entry_fees": "Entry fees",
    "other_income": "Other income",
    "benefits": "Benefits, all types",
    "benefits_birth": "Birth benefits",
    "benefits_sickness": "Sickness benefits",
    "benefits_elderly": "Elderly benefits",
    "benefits_death": "Death benefits",
    "benefits_education": "Education benefits",
    "benefits_disaster": "Disaster benefits",
    "benefits_disability": "Disability benefits",
    "benefits_other": "Other benefits",
    "projects": "Project spending",
    "admin": "Running costs (admin)",
    "fund_balance": "Fund money at the end of the year",
    "brought_forward": "Brought forward from the old books",
}


EXIT_REASONS: dict[str, str] = {
    "deceased": "the member died",
    "resigned": "the member resigned",
    "moved": "the member moved away",
    "lapsed": "membership lapsed",
}


def exit_reason_label(reason: str, lang: Lang) -> str:
    """Why a membership ended, in the reader's words (a reason the register does not know as written)."""
    if not reason:
        return "-"
    return gettext(EXIT_REASONS[reason], lang) if reason in EXIT_REASONS else reason


def area_label(book: Book, code: str, lang: Lang) -> str:
    """An area as its readers name it: the Thai name (`ตำบลบางเมือง`) in Thai, the code in English."""
    return book.register.area_name(code) if lang == "th" else code


def column_label(column: str, lang: Lang) -> str:
    """The header of a contract column in the reader's language."""
    return gettext(COLUMN_LABELS.get(column, column), lang)


def benefit_label(kind: str, lang: Lang) -> str:
    """A benefit type as members call it (`เจ็บป่วย` / `Sickness`)."""
    if lang == "th":
        return BENEFIT_TYPES.get(kind, kind)
    return kind


def cents(value: Any) -> Any:
    """An amount rounded to satang for tables (other values unchanged)."""
    return value.quantize(CENT) if isinstance(value, Decimal) else value
