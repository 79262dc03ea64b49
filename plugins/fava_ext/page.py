"""One request's view of the transparency pages: which tab, which language, how to write things.

Thai is the default because members read Thai; `?lang=en` switches to English. Amounts are
baht, dates Buddhist Era in Thai, and every label is a msgid of the `fava` catalog.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.i18n import Lang, be_year, format_amount, format_date, render
from welfare_ledger.plugins.summary import BENEFIT_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from decimal import Decimal

    from welfare_ledger.plugins.fava_ext.view import Snapshot
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.statement import Eligibility

VIEWS: tuple[str, ...] = ("overview", "findings", "grants", "member", "seals")
VIEW_TITLES: dict[str, str] = {
    "overview": "Overview by area",
    "findings": "Audit findings",
    "grants": "Project grants",
    "member": "Member lookup",
    "seals": "Seals of closed periods",
}
SEAL_STATES: dict[str, str] = {
    "none": "not sealed yet",
    "intact": "seal intact",
    "broken": "seal broken",
}


@dataclasses.dataclass
class Page:
    """The arguments of one request to the page, and the helpers its template writes with."""

    snapshot: Snapshot
    lang: Lang
    view: str
    year: int
    member_code: str
    as_of: datetime.date
    read_only: bool
    url: Callable[..., str]

    @classmethod
    def from_args(
        cls,
        snapshot: Snapshot,
        args: Mapping[str, str],
        *,
        read_only: bool,
        url: Callable[..., str],
    ) -> Page:
        """Read `lang`, `view`, `year`, `member` and `as_of` from the query string, falling back quietly."""
        lang: Lang = "en" if args.get("lang") == "en" else "th"
        view = args.get("view", "overview")
        member_code = args.get("member", "").strip().upper()
        if member_code and view == "overview" and "view" not in args:
            view = "member"
        try:
            year = int(args.get("year", ""))
        except ValueError:
            year = snapshot.default_year
        if not datetime.MINYEAR < year < datetime.MAXYEAR:
            year = snapshot.default_year
        try:
            as_of = datetime.date.fromisoformat(args.get("as_of", ""))
        except ValueError:
            as_of = snapshot.today
        return cls(
            snapshot=snapshot,
            lang=lang,
            view=view if view in VIEWS else "overview",
            year=year,
            member_code=member_code,
            as_of=as_of,
            read_only=read_only,
            url=url,
        )

    def tabs(self) -> list[tuple[str, str, str]]:
        """(view, title, link) of each tab."""
        return [(view, self.t(VIEW_TITLES[view]), self.view_url(view)) for view in VIEWS]

    def year_label(self, year: int) -> int:
        """A year as the reader counts it: Buddhist Era in Thai."""
        return be_year(year) if self.lang == "th" else year

    def t(self, msgid: str, **params: Any) -> str:
        """A label or message in the page's language."""
        return render(msgid, params, self.lang)

    def amount(self, value: Decimal | None) -> str:
        """Baht with separators, or a dash."""
        return "-" if value is None else format_amount(value, self.lang, currency=False)

    def day(self, value: datetime.date | None) -> str:
        """A date: Buddhist Era in Thai, ISO in English; a dash when there is none."""
        return "-" if value is None else format_date(value, self.lang)

    def message(self, finding: Finding) -> str:
        """A finding's message in the page's language."""
        return finding.message(self.lang)

    def reason(self, eligibility: Eligibility) -> str:
        """Why a member can or cannot claim a benefit type."""
        return render(eligibility.reason_msgid, eligibility.reason_params, self.lang)

    def benefit_name(self, kind: str) -> str:
        """A benefit type in the page's language (Thai names come from the account layout)."""
        return BENEFIT_TYPES.get(kind, kind) if self.lang == "th" else kind

    def benefit_columns(self) -> list[tuple[str, str]]:
        """(type, column of `AreaYear`) for each benefit type, in the conventions' order."""
        return list(BENEFIT_COLUMNS.items())

    def seal_state(self, state: str) -> str:
        """`none`, `intact` or `broken` in words."""
        return self.t(SEAL_STATES[state])

    def view_url(self, view: str, **params: Any) -> str:
        """A link to a tab of the page, keeping the language."""
        return self.url(view=view, lang=self.lang, **params)

    def lang_url(self, lang: Lang) -> str:
        """The same tab in the other language."""
        params: dict[str, Any] = {"view": self.view, "lang": lang}
        if self.view == "overview":
            params["year"] = self.year
        if self.view == "member" and self.member_code:
            params["member"] = self.member_code
            if self.as_of != self.snapshot.today:
                params["as_of"] = self.as_of.isoformat()
        return self.url(**params)

    def short_file(self, path: str) -> str:
        """A path relative to the book's folder, so the page does not show the server's layout."""
        base = self.snapshot.book.options.get("filename", "")
        folder = base.rsplit("/", 1)[0] + "/" if "/" in base else ""
        return path[len(folder):] if folder and path.startswith(folder) else path
