"""Every text of the reports has Thai in the `reports` catalog, and no msgid is shared with another domain."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po
from welfare_ledger.plugins import statement
from welfare_ledger.scripts.reports import labels, redflags

REPO = Path(__file__).resolve().parents[3]
CATALOGS = REPO / "plugins" / "locale" / "th" / "LC_MESSAGES"
SOURCES = REPO / "scripts" / "reports"
CALL = re.compile(r"""(?:\b_|gettext)\(\s*(["'])((?:\\.|(?!\1).)*)\1""")


def catalog(path: Path) -> dict[str, str]:
    with path.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle, locale="th") if m.id}


def used_msgids() -> set[str]:
    found = set()
    for path in sorted(SOURCES.rglob("*")):
        if path.suffix in (".py", ".html"):
            found |= {m.group(2).replace("\\'", "'") for m in CALL.finditer(path.read_text(encoding="utf-8"))}
    found |= set(labels.COLUMN_LABELS.values()) | set(redflags.MESSAGES.values())
    found |= set(redflags.WEEKEND_DAYS.values())
    found |= {statement.ELIGIBLE, statement.INACTIVE, statement.NOT_JOINED, statement.NOT_PAID_UP}
    found |= {statement.WAITING, statement.YEAR_USED}
    return found


def test_every_report_text_has_thai():
    thai = catalog(CATALOGS / "reports.po")
    missing = sorted(msgid for msgid in used_msgids() if not thai.get(msgid))
    assert not missing
    assert len(used_msgids()) > 100


def test_report_msgids_are_not_shared_with_other_domains():
    ours = set(catalog(CATALOGS / "reports.po"))
    shared = {
        po.name: sorted(ours & set(catalog(po)))
        for po in sorted(CATALOGS.glob("*.po"))
        if po.name != "reports.po"
    }
    assert not any(shared.values()), shared


def test_thai_keeps_every_placeholder():
    for msgid, text in catalog(CATALOGS / "reports.po").items():
        assert set(re.findall(r"{(\w+)}", msgid)) == set(re.findall(r"{(\w+)}", text)), msgid


def test_messages_kept_in_constants_have_thai():
    """Messages named by constants (passed to `fail`, `render` or a progress step) are msgids too."""
    from welfare_ledger.plugins.i18n import thai_catalog_ids
    from welfare_ledger.scripts import check, common, hook, progress, seal
    from welfare_ledger.scripts.reports import charts, command

    translated = thai_catalog_ids()
    missing = [
        f"{module.__name__}.{name}"
        for module in (common, seal, progress, command, charts, labels, check, hook)
        for name, value in vars(module).items()
        if name.isupper()
        and isinstance(value, str)
        and " " in value
        and not value.startswith(("#", "DejaVu"))
        and value not in translated
    ]
    missing += [value for value in labels.EXIT_REASONS.values() if value not in translated]
    assert not missing
