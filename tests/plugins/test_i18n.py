"""Every message exists in Thai and English; amounts and Buddhist-Era dates read as people write them."""

from __future__ import annotations

import ast
import datetime
from decimal import Decimal
from pathlib import Path

from welfare_ledger.plugins.i18n import format_amount, format_date, render, thai_catalog_ids

REPO = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("plugins", "importers", "scripts")
MSGID_FUNCTIONS = {"gettext", "_", "render", "tr", "fail"}
# Exceptions that carry a msgid for the person who meets them: the first text argument is it.
MSGID_CLASSES = {"UserError", "BookUnreadable", "PasswordFileError"}


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def used_msgids() -> dict[str, str]:
    """msgids in the code: `msgid=` keywords, and first arguments of gettext-like calls."""
    found: dict[str, str] = {}
    for folder in SOURCE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "msgid" and (text := _string(keyword.value)):
                        found[text] = f"{path.relative_to(REPO)}:{node.lineno}"
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in MSGID_FUNCTIONS and node.args and (text := _string(node.args[0])):
                    found[text] = f"{path.relative_to(REPO)}:{node.lineno}"
                if name in MSGID_CLASSES:
                    texts = [text for arg in node.args if (text := _string(arg))]
                    if texts:
                        found[texts[0]] = f"{path.relative_to(REPO)}:{node.lineno}"
    return found


def test_every_message_has_a_thai_translation():
    translated = thai_catalog_ids()
    missing = {msgid: where for msgid, where in used_msgids().items() if msgid not in translated}
    assert not missing, f"messages without Thai: {missing}"


def test_thai_dates_are_buddhist_era():
    assert format_date(datetime.date(2022, 9, 28), "th") == "28 ก.ย. 2565"
    assert format_date(datetime.date(2022, 9, 28), "en") == "2022-09-28"


def test_amounts_in_both_languages():
    assert format_amount(Decimal("12345.5"), "th") == "12,345.50 บาท"
    assert format_amount(Decimal(200), "en") == "200.00 THB"


def test_render_translates_and_formats_parameters():
    text = render("Beancount reports: {detail}", {"detail": "x"}, "th")
    assert text == "Beancount แจ้งข้อผิดพลาด: x"
