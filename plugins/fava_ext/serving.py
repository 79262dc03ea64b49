"""What `welfare serve` changes in Fava's Flask app: safe templates, file limits, read-only from the start.

- Fava 1.30 renders the journal with autoescaping off, so a bank description
  `<img src=x onerror=...>` becomes markup on `/journal/` and every account page. Its
  `_journal_table.html` is served here with autoescaping on (the text is shown, not run).
- Every page's `<head>` links our stylesheet and, when read-only, a stylesheet that hides
  Fava's editing controls and a small script that disables the add-entry shortcut, so they
  are gone from the first paint, not after a request.
- No file outside the book's folder is served or written, whatever the book includes or
  names: documents, statements, sources and uploads are checked against the folder.
- Read-only members get no raw source: `/api/source` is refused (comments carry what the
  treasurer never meant to publish) and an entry's source view is the entry as Beancount
  prints it, without comments.
- `/` leads to the transparency page in the member's language; HEAD is allowed wherever GET is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from beancount.parser import printer
from flask import Blueprint, abort, current_app, g, redirect, request, send_from_directory
from welfare_ledger.plugins.rules.extension import book_root, inside

if TYPE_CHECKING:
    from flask import Flask
    from flask.typing import ResponseReturnValue
    from werkzeug.wrappers import Response as WerkzeugResponse

READ_ONLY_KEY = "WELFARE_READ_ONLY"
EXTENSION = "Transparency"
ASSETS = frozenset({"welfare.css", "read-only.css", "read-only.js"})
HEAD_LINKS = """
    <link rel="stylesheet" href="/_welfare/welfare.css">
    {% if config.WELFARE_READ_ONLY %}
    <link rel="stylesheet" href="/_welfare/read-only.css">
    <script src="/_welfare/read-only.js"></script>
    {% endif %}
  </head>"""
HTML_TAG = '<html{% if config.WELFARE_READ_ONLY %} data-welfare-read-only="true"{% endif %}>'
PATH_FIELDS = ("filename", "file_path", "folder")
SAFE_METHODS = frozenset({"GET", "HEAD"})


class FavaTemplateChangedError(RuntimeError):
    """Fava's templates no longer look as this module expects: refuse to serve rather than serve unsafely."""


def _patch_layout(source: str) -> str:
    if "</head>" not in source or "<html>" not in source:
        raise FavaTemplateChangedError("_layout.html")
    return source.replace("</head>", HEAD_LINKS.strip(), 1).replace("<html>", HTML_TAG, 1)


def _patch_journal(source: str) -> str:
    if "{% autoescape false %}" not in source:
        return source
    return source.replace("{% autoescape false %}", "").replace("{% endautoescape %}", "")


PATCHES = {"_layout.html": _patch_layout, "_journal_table.html": _patch_journal}


class PatchedFavaTemplates(jinja2.BaseLoader):
    """Fava's own templates, with the patches of `PATCHES` applied to their source."""

    def __init__(self, original: jinja2.BaseLoader) -> None:
        self.original = original

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        """Fava's source of `template`, patched when it is one we change."""
        source, filename, uptodate = self.original.get_source(environment, template)
        patch = PATCHES.get(template)
        return (patch(source) if patch else source), filename, uptodate


def root_of_request() -> Path:
    """The folder whose files the current request's book may show."""
    return book_root(g.ledger.beancount_file_path)


def _requested_paths() -> list[str]:
    values = [request.args.get(name, "") for name in PATH_FIELDS]
    values += [request.form.get(name, "") for name in PATH_FIELDS] if request.form else []
    data = request.get_json(silent=True) if request.is_json else None
    if isinstance(data, dict):
        values += [str(data.get(name, "")) for name in PATH_FIELDS]
    return [value for value in values if value]


def _refuse_paths_outside() -> None:
    """Answer 403 to any request naming a file outside the book's folder."""
    if getattr(g, "ledger", None) is None:
        return
    root = root_of_request()
    base = Path(g.ledger.beancount_file_path).parent
    for value in _requested_paths():
        if not inside(base / value, root):
            abort(403)


def _read_only() -> None:
    """Fava's read-only filter, allowing HEAD as well as GET."""
    if request.method not in SAFE_METHODS:
        abort(401)


def _no_source_for_members() -> None:
    if request.endpoint == "json_api.get_source" and current_app.config.get(READ_ONLY_KEY):
        abort(403)


def _printed_source_slice() -> ResponseReturnValue:
    """An entry's source as Beancount prints it: its meaning, without the file's comments."""
    from fava.json_api import json_success

    entry = g.ledger.get_entry(request.args.get("entry_hash", ""))
    return json_success({"sha256sum": "", "slice": printer.format_entry(entry).rstrip("\n")})


def _guarded_statement(original: Any) -> Any:
    def statement() -> ResponseReturnValue:
        path = g.ledger.statement_path(request.args.get("entry_hash", ""), request.args.get("key", ""))
        if not inside(path, root_of_request()):
            abort(403)
        return original()

    return statement


def _member_language() -> str:
    best = request.accept_languages.best_match(["th", "en"], default="th")
    return "en" if best == "en" else "th"


def _index() -> WerkzeugResponse:
    """The transparency page of the asked (or first) book, in the member's language."""
    ledgers = current_app.config["LEDGERS"]
    slug = g.beancount_file_slug or ledgers.first_slug()
    return redirect(f"/{slug}/extension/{EXTENSION}/?lang={_member_language()}")


def _assets() -> Blueprint:
    assets = Blueprint("welfare_assets", __name__)

    @assets.route("/_welfare/<name>")
    def asset(name: str) -> ResponseReturnValue:
        if name not in ASSETS:
            abort(404)
        return send_from_directory(Path(__file__).parent, name, max_age=3600)

    return assets


def install(app: Flask, *, read_only: bool) -> None:
    """Make Fava's app safe to publish to members (see the module's docstring)."""
    app.config[READ_ONLY_KEY] = read_only
    if app.jinja_loader is None:
        raise FavaTemplateChangedError("jinja_loader")
    app.jinja_loader = PatchedFavaTemplates(app.jinja_loader)
    app.register_blueprint(_assets())
    filters = app.before_request_funcs.setdefault(None, [])
    filters[:] = [f for f in filters if getattr(f, "__name__", "") != "_read_only"]
    if read_only:
        filters.append(_read_only)
        app.view_functions["json_api.get_source_slice"] = _printed_source_slice
    filters.append(_refuse_paths_outside)
    filters.append(_no_source_for_members)
    app.view_functions["index"] = _index
    app.view_functions["statement"] = _guarded_statement(app.view_functions["statement"])
