"""Every message exists in Thai and English; amounts and Buddhist-Era dates read as people write them."""

from __future__ import annotations

import ast
import datetime
from decimal import Decimal
from pathlib import Path

from welfare_ledger.plugins.i18n import format_amount, format_date, render, thai_catalog_ids

REPO = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ("plugins", "importers", "scripts")
MSGID_FUNCTIONS = {"gettext", "_", "render", "tr", "fail", "Msg", "Bad"}
# Module constants with these names hold messages for people, wherever they are passed.
MESSAGE_PREFIXES = ("MSG", "UNUSABLE_")
# Exceptions that carry a msgid for the person who meets them: the first text argument is it.
MSGID_CLASSES = {"UserError", "BookUnreadable", "PasswordFileError"}


def _string(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _constants(tree: ast.Module) -> dict[str, list[str]]:
    """Module-level names bound to text, or to a dict, tuple or list of texts."""
    found: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = node.value
            if (text := _string(value)) is not None:
                found[node.targets[0].id] = [text]
            elif isinstance(value, ast.Dict):
                found[node.targets[0].id] = [t for v in value.values if v and (t := _string(v))]
            elif isinstance(value, (ast.Tuple, ast.List)):
                found[node.targets[0].id] = [t for v in value.elts if (t := _string(v))]
    return found


def _texts(node: ast.AST, constants: dict[str, list[str]]) -> list[str]:
    """The texts an expression naming a msgid can stand for: a literal, a constant, a choice of them."""
    if (text := _string(node)) is not None:
        return [text]
    if isinstance(node, ast.Name):
        return constants.get(node.id, [])
    if isinstance(node, ast.IfExp):
        return _texts(node.body, constants) + _texts(node.orelse, constants)
    if isinstance(node, ast.Subscript):
        return _texts(node.value, constants)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        return _texts(node.func.value, constants) + [t for arg in node.args for t in _texts(arg, constants)]
    return []


def used_msgids() -> dict[str, str]:
    """msgids in the code: `msgid=` keywords, first arguments of gettext-like calls, and the constants they name."""
    found: dict[str, str] = {}
    for folder in SOURCE_DIRS:
        for path in sorted((REPO / folder).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            constants = _constants(tree)
            for name, texts in constants.items():
                if name.startswith(MESSAGE_PREFIXES):
                    found.update(dict.fromkeys(texts, f"{path.relative_to(REPO)}:{name}"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                where = f"{path.relative_to(REPO)}:{node.lineno}"
                for keyword in node.keywords:
                    if keyword.arg == "msgid":
                        found.update(dict.fromkeys(_texts(keyword.value, constants), where))
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name in MSGID_FUNCTIONS and node.args:
                    found.update(dict.fromkeys(_texts(node.args[0], constants), where))
                if name in MSGID_CLASSES:
                    texts = [text for arg in node.args for text in _texts(arg, constants)]
                    if texts:
                        found[texts[0]] = where
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
