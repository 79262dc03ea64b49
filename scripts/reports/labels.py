"""The words reports show for columns, benefit types and categories (English msgids, Thai in `reports.po`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.i18n import Lang, gettext

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
}


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
