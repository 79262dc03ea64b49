"""The Fava extension `Transparency`: the fund's transparency pages for members, in Thai and English.

Declare it in a book with `custom "fava-extension" "welfare_ledger.plugins.fava_ext"`; the page
is `/<book>/extension/Transparency/`; `welfare serve` gives every book it serves the pages, declared
or not. It is a thin view over the functions of `welfare check` and `welfare report`, computed
once each time Fava loads the book. Under `welfare serve` the editing controls are hidden by a
stylesheet in every page's head; under a Fava started otherwise its JS module hides them once
it has asked the server whether it is read-only (the server refuses edits anyway).
"""

from __future__ import annotations

import dataclasses
import datetime
import time
from typing import TYPE_CHECKING, Any

from fava.ext import FavaExtensionBase, extension_endpoint
from flask import current_app, jsonify, request, send_file, url_for
from welfare_ledger.plugins.config import DEFAULT
from welfare_ledger.plugins.fava_ext.page import Page
from welfare_ledger.plugins.fava_ext.serving import READ_ONLY_KEY
from welfare_ledger.plugins.fava_ext.view import FailedReload, Snapshot, broken_load, take_snapshot

if TYPE_CHECKING:
    from flask.wrappers import Response

STYLESHEET = "welfare.css"


def server_read_only() -> bool:
    """Whether the running Fava refuses changes.

    `welfare serve` says so in the app config; a Fava started otherwise is asked whether it
    installed its own `--read-only` request filter.
    """
    configured = current_app.config.get(READ_ONLY_KEY)
    if configured is not None:
        return bool(configured)
    filters = current_app.before_request_funcs.get(None, [])
    return any(getattr(func, "__name__", "") == "_read_only" for func in filters)


class Transparency(FavaExtensionBase):
    """Overview per area, findings, grants, member lookup and seals of the loaded book."""

    report_title = "ความโปร่งใส / Transparency"
    has_js_module = True

    _snapshot: Snapshot | None = None

    def after_load_file(self) -> None:
        """Recompute everything the pages show, once per load, not per request, and say so.

        When a reload breaks (a syntax error while a treasurer edits, a file half-written), the
        pages keep the last good load and say that the findings shown are from it, instead of
        showing members an empty fund with no findings.
        """
        started = time.perf_counter()
        previous = self._snapshot
        ledger = self.ledger
        if previous is not None and broken_load(ledger.all_entries, ledger.load_errors):
            first = next((str(e.message).strip().splitlines()[0] for e in ledger.load_errors), "")
            self._snapshot = dataclasses.replace(
                previous,
                failed_reload=FailedReload(datetime.datetime.now(), len(ledger.load_errors), first),
            )
            return
        self._snapshot = self._take()
        progress = getattr(self.ledger, "progress", None)
        if progress is not None:
            progress(
                "Checked {book}: {findings} findings, transparency pages ready in {seconds} s.",
                {
                    "book": self.ledger.beancount_file_path,
                    "findings": len(self._snapshot.rows),
                    "seconds": f"{time.perf_counter() - started:.1f}",
                },
            )

    def _take(self) -> Snapshot:
        ledger = self.ledger
        return take_snapshot(ledger.all_entries, ledger.load_errors, ledger.options, DEFAULT.real_today())

    @property
    def snapshot(self) -> Snapshot:
        """The computed pages of the current load (taken again when the day has changed)."""
        current = self._snapshot
        if current is None or (current.failed_reload is None and current.real_today != DEFAULT.real_today()):
            self._snapshot = self._take()
        return self._snapshot

    def page(self) -> Page:
        """The page the current request asks for."""

        def url(**params: Any) -> str:
            return url_for("extension_report", extension_name=self.name, **params)

        return Page.from_args(
            self.snapshot, request.args, read_only=server_read_only(), url=url, fava_url=url_for
        )

    @extension_endpoint
    def style(self) -> Response:
        """The pages' stylesheet, for a Fava started otherwise than by `welfare serve`."""
        return send_file(self.extension_dir / STYLESHEET, mimetype="text/css", max_age=3600)

    @extension_endpoint
    def mode(self) -> Response:
        """Whether the server is read-only, for the JS module that hides editing controls."""
        return jsonify({"read_only": server_read_only()})

    @extension_endpoint
    def findings(self) -> Response:
        """All findings as `welfare check --format json` gives them, with each entry's hash."""
        lang = "en" if request.args.get("lang") == "en" else "th"
        return jsonify(
            [{**row.finding.to_json(lang), "entry_hash": row.entry_hash} for row in self.snapshot.rows]
        )
