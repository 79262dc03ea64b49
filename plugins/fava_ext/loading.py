"""The page members see while `welfare serve` loads the books: it says so, and looks again by itself.

A province takes several seconds to load and audit. Rather than a browser spinning on a
silent socket, the server answers at once with a small page in the member's language (503
with `Retry-After`, and a `<meta http-equiv="refresh">`, no script) that reloads the same
address until the books are ready. If the books cannot be loaded, the page says so.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from welfare_ledger.plugins.i18n import Lang, gettext, render
from werkzeug.wrappers import Request

if TYPE_CHECKING:
    from collections.abc import Iterable
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

    from welfare_ledger.plugins.fava_ext.ledger import BackgroundLedgers

RETRY_SECONDS = 2
PAGE = """<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
{refresh}
<title>{title}</title>
<link rel="stylesheet" href="/_welfare/welfare.css">
</head>
<body class="welfare-loading">
<main>
<h1>{title}</h1>
<p>{text}</p>
</main>
</body>
</html>
"""


def member_language(environ: WSGIEnvironment) -> Lang:
    """Thai unless the browser prefers English."""
    best = Request(environ).accept_languages.best_match(["th", "en"], default="th")
    return "en" if best == "en" else "th"


def loading_page(lang: Lang, *, failed: str | None = None) -> str:
    """The page in `lang`: still loading (refreshing itself), or why the books cannot be shown."""
    if failed is not None:
        title = gettext("The books cannot be shown", lang)
        text = render("The server could not load the books: {reason}", {"reason": failed}, lang)
        refresh = ""
    else:
        title = gettext("The books are loading", lang)
        text = render(
            "The server is reading and checking the books. This page opens by itself when they are ready "
            "(it looks again every {seconds} seconds).",
            {"seconds": RETRY_SECONDS},
            lang,
        )
        refresh = f'<meta http-equiv="refresh" content="{RETRY_SECONDS}">'
    return PAGE.format(lang=lang, refresh=refresh, title=html.escape(title), text=html.escape(text))


class WhileLoading:
    """Answer with the loading page until `ledgers` are ready; then pass every request to Fava."""

    def __init__(self, app: WSGIApplication, ledgers: BackgroundLedgers) -> None:
        self.app = app
        self.ledgers = ledgers

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        """Fava once the books are loaded; the loading (or failure) page before."""
        ready = self.ledgers.ready.is_set()
        if (ready and self.ledgers.failure is None) or environ.get("PATH_INFO", "").startswith("/_welfare/"):
            return self.app(environ, start_response)
        lang = member_language(environ)
        failure = self.ledgers.failure
        failed = (str(failure) or type(failure).__name__).splitlines()[0] if ready else None
        body = loading_page(lang, failed=failed).encode("utf-8")
        headers = [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Cache-Control", "no-store"),
        ]
        if failed is None:
            headers.append(("Retry-After", str(RETRY_SECONDS)))
        start_response("503 Service Unavailable" if failed is None else "500 Internal Server Error", headers)
        return [] if environ.get("REQUEST_METHOD") == "HEAD" else [body]
