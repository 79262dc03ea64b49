"""One request's view of the transparency pages: which tab, which language, how to write things.

Thai is the default because members read Thai; `?lang=en` switches to English. Amounts are
baht, dates Buddhist Era in Thai, and every label is a msgid of the `fava` catalog.
"""

from __future__ import annotations

import dataclasses
import datetime
from typing import TYPE_CHECKING, Any

from welfare_ledger.plugins.accounts import BENEFIT_TYPES
from welfare_ledger.plugins.fava_ext.source import excerpt
from welfare_ledger.plugins.i18n import Lang, be_year, format_amount, format_date, gettext, render
from welfare_ledger.plugins.seal_code import check_code, qr_payload, qr_svg
from welfare_ledger.plugins.statement import NOT_PAID_UP
from welfare_ledger.plugins.summary import BENEFIT_COLUMNS

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from decimal import Decimal

    from markupsafe import Markup
    from welfare_ledger.plugins.fava_ext.source import Excerpt
    from welfare_ledger.plugins.fava_ext.view import FindingRow, SealStatus, Snapshot
    from welfare_ledger.plugins.findings import Finding
    from welfare_ledger.plugins.registers import Member
    from welfare_ledger.plugins.statement import Eligibility

VIEWS: tuple[str, ...] = ("overview", "findings", "grants", "member", "seals")
VIEW_TITLES: dict[str, str] = {
    "overview": "Overview by area",
    "findings": "Audit findings",
    "grants": "Project grants",
    "member": "Member lookup",
    "seals": "Seals of closed periods",
}
PAGE_REASONS: dict[str, str] = {
    NOT_PAID_UP: "Cannot claim: members' contributions not paid up, {shortfall} missing.",
}
EXIT_REASONS: dict[str, str] = {
    "deceased": "deceased",
    "resigned": "resigned",
    "moved": "moved away",
    "lapsed": "lapsed",
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
    fava_url: Callable[..., str]
    source_file: str = ""
    source_line: int = 0

    @classmethod
    def from_args(
        cls,
        snapshot: Snapshot,
        args: Mapping[str, str],
        *,
        read_only: bool,
        url: Callable[..., str],
        fava_url: Callable[..., str],
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
            source_line = int(args.get("line", ""))
        except ValueError:
            source_line = 0
        try:
            as_of = datetime.date.fromisoformat(args.get("as_of", ""))
        except ValueError:
            as_of = snapshot.today
        known = view if view == "source" and args.get("filename") else view if view in VIEWS else "overview"
        return cls(
            snapshot=snapshot,
            lang=lang,
            view=known,
            year=year,
            member_code=member_code,
            as_of=as_of,
            read_only=read_only,
            url=url,
            fava_url=fava_url,
            source_file=args.get("filename", ""),
            source_line=source_line,
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
        """Why a member can or cannot claim a benefit type (an exit reason in the reader's words)."""
        params = dict(eligibility.reason_params)
        if isinstance(params.get("reason"), str):
            params["reason"] = self.exit_reason(params["reason"])
        return render(PAGE_REASONS.get(eligibility.reason_msgid, eligibility.reason_msgid), params, self.lang)

    def exit_reason(self, reason: str | None) -> str:
        """Why a membership ended, through the catalog."""
        return self.t(EXIT_REASONS.get(reason or "", reason or "-"))

    def ended(self, member: Member) -> bool:
        """Whether the membership had ended by the day shown."""
        return member.exit_date is not None and member.exit_date <= self.as_of

    def area_name(self, area: str) -> str:
        """The area's own name (Thai, from `custom "area"`), as members know it."""
        return self.snapshot.book.register.area_name(area) if area else "-"

    def stale_warning(self) -> str:
        """The warning that the books are behind, or nothing."""
        if not self.snapshot.stale:
            return ""
        return self.t(
            "The books are written only through {day}, {days} days ago. Payments and benefits since then "
            "are not shown, and every figure here is as of {day}.",
            day=self.snapshot.through,
            days=self.snapshot.days_behind,
        )

    def reload_warning(self) -> str:
        """The warning that the books could not be read again, or nothing."""
        failed = self.snapshot.failed_reload
        if failed is None:
            return ""
        return self.t(
            "The books could not be read again at {time} ({errors} error(s), the first: {first}). "
            "Everything shown here, findings included, is from the last good load; the treasurer must "
            "correct the books.",
            time=failed.at.strftime("%H:%M"),
            errors=failed.errors,
            first=failed.first,
        )

    def finding_link(self, row: FindingRow) -> str:
        """Where a finding's place opens: its entry in Fava's context view, or the lines of its file."""
        if row.entry_hash:
            return f"#context-{row.entry_hash}"
        return self.url(view="source", filename=row.finding.file, line=row.finding.line, lang=self.lang)

    def entry_document_url(self, file: str, line: int, key: str = "document") -> str | None:
        """Fava's own link to the document named in the entry at `file`:`line`."""
        entry_hash = self.snapshot.entry_hash_at(file, line)
        return self.fava_url("statement", entry_hash=entry_hash, key=key) if entry_hash else None

    def grant_report_url(self, code: str) -> str | None:
        """Fava's own link to the report filed for grant `code`."""
        entry_hash = self.snapshot.grant_report_hash(code)
        return self.fava_url("statement", entry_hash=entry_hash, key="document") if entry_hash else None

    def check_code(self, status: SealStatus) -> str:
        """The seal's short check code (`6FC2 1340 394C CD06 18E5`), or a dash when it has none."""
        if status.seal is None:
            return "-"
        try:
            return check_code(status.seal.digest)
        except (ValueError, IndexError):
            return "-"

    def seal_qr(self, status: SealStatus) -> Markup | None:
        """The QR code of what a member compares (area, through-date, check code), as inline SVG."""
        from markupsafe import Markup

        if status.seal is None or self.check_code(status) == "-":
            return None
        payload = qr_payload(status.area, status.seal.date, status.seal.digest)
        return Markup(qr_svg(payload, scale=4))  # noqa: S704 - segno's SVG of our own payload

    def source(self) -> Excerpt | None:
        """The asked lines of one of the book's files, comments left out."""
        options = self.snapshot.book.options
        return excerpt(options, self.source_file, self.source_line)

    def style_url(self) -> str:
        """The extension's stylesheet endpoint (`style`, beside the page)."""
        return self.url().split("?", 1)[0] + "style"

    def label(self, msgid: str) -> str:
        """A column label for the phone layout's cards (the same words as the table's header)."""
        return gettext(msgid, self.lang)

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
        return path[len(folder) :] if folder and path.startswith(folder) else path
