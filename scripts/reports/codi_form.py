"""What CODI's two forms share: their one table, the words for roles, categories and villages, the signers.

The figures come from `plugins.codi` and are only laid out here. CSV and XLSX hold the form as one
long table, `section, item, key, label, value`: `item` and `key` are stable English names a
program can read (`members_by_village`, `5`), `label` is the line in the reader's language, and
`value` a number (counts as whole numbers, amounts as baht), a day (ISO) or a member code.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pandas as pd
from welfare_ledger.plugins.codi import UNKNOWN
from welfare_ledger.plugins.i18n import gettext, render
from welfare_ledger.scripts.reports.labels import cents

if TYPE_CHECKING:
    import datetime

    from welfare_ledger.plugins.i18n import Lang
    from welfare_ledger.plugins.registers import CommitteeTerm

FORM_COLUMNS = ("section", "item", "key", "label", "value")
UNKNOWN_KEY = "unknown"
"""The key of a village or category the register does not give (`-` would read as a formula's start)."""
SIGNERS = ("chair", "treasurer", "auditor")
"""Who signs a form CODI receives: the chair, the treasurer and the fund's auditor."""
MSG_ROLES = {
    "chair": "Chair of the fund",
    "vice-chair": "Vice-chair",
    "treasurer": "Treasurer",
    "secretary": "Secretary",
    "auditor": "Auditor of the fund",
    "member": "Committee member",
}
MSG_CATEGORIES = {
    "general": "General members",
    "child": "Children and youth",
    "elderly": "Elderly members",
    "disadvantaged": "Disadvantaged members",
    "disabled": "Members with disabilities",
    UNKNOWN: "Category not recorded",
}
MSG_VILLAGE = "Village {number}"
MSG_NO_VILLAGE = "Village not recorded"


def role_label(role: str, lang: Lang) -> str:
    """A committee role in the reader's words (a role the register does not know, as written)."""
    return gettext(MSG_ROLES[role], lang) if role in MSG_ROLES else role


def category_label(category: str, lang: Lang) -> str:
    """A member category in the reader's words."""
    return gettext(MSG_CATEGORIES[category], lang) if category in MSG_CATEGORIES else category


def village_label(village: str, lang: Lang) -> str:
    """A village (หมู่ที่) by its number."""
    if village == UNKNOWN:
        return gettext(MSG_NO_VILLAGE, lang)
    return render(MSG_VILLAGE, {"number": village}, lang)


def signers(committee: list[CommitteeTerm]) -> list[tuple[str, list[str]]]:
    """The roles that sign, each with the codes of who holds it (none: the line is left blank)."""
    return [(role, [term.member for term in committee if term.role == role]) for role in SIGNERS]


@dataclasses.dataclass
class FormTable:
    """The lines of a form as the CSV and XLSX hold them."""

    lang: Lang
    rows: list[dict[str, Any]] = dataclasses.field(default_factory=list)

    def add(self, section: str, item: str, value: object, *, key: str = "", label: str = "") -> None:
        """One line: `label` is already in the reader's language."""
        if isinstance(value, Decimal):
            value = cents(value)
        key = UNKNOWN_KEY if key == UNKNOWN else key
        self.rows.append({"section": section, "item": item, "key": key, "label": label, "value": value})

    def frame(self) -> pd.DataFrame:
        """The table, with object values so that counts stay whole numbers and amounts Decimals."""
        table = pd.DataFrame.from_records(self.rows, columns=list(FORM_COLUMNS))
        return table.astype(object)


def iso(day: datetime.date | None) -> str:
    """A day as the table holds it."""
    return day.isoformat() if day else ""
