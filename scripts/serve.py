"""`welfare serve`: the real Fava on one or more books, safe to open to members, read-only by default.

Fava has no login and trusts the books, so the command puts layers around it (see
docs/security.md): security headers on every answer, a Host allowlist against DNS
rebinding, HTTP basic auth when asked, a read-only guard, and inside Fava's app the
changes of `plugins/fava_ext/serving.py` (safe journal, no file outside the book's folder,
no raw source for members). It binds loopback by default and refuses to allow editing on
any other address without `--password-file`.

The server answers as soon as it listens: while the books load in the background it shows
a page that says so, and it prints what it loads as it loads it.
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from welfare_ledger.plugins.fava_ext.guard import (
    BasicAuth,
    PasswordFileError,
    ReadOnlyGuard,
    read_password_file,
)
from welfare_ledger.plugins.fava_ext.headers import HostAllowlist, SecurityHeaders
from welfare_ledger.plugins.fava_ext.ledger import BackgroundLedgers
from welfare_ledger.plugins.fava_ext.loading import WhileLoading
from welfare_ledger.plugins.fava_ext.serving import EXTENSION, install
from welfare_ledger.plugins.i18n import render
from welfare_ledger.scripts.common import DEFAULT_BOOK, fail, lang_option, resolve_lang

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from flask import Flask
    from welfare_ledger.plugins.i18n import Lang

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_unspecified(host: str) -> bool:
    """Whether `host` means every address of the machine (`0.0.0.0`, `::`)."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def allowed_hosts(host: str, extra: Iterable[str], *, allow_edit: bool) -> list[str] | None:
    """The names a request may address this server by; None when any name will do.

    A server on loopback, or one that lets the books be edited, answers only to its own names:
    a web page elsewhere that points its own name at this machine (DNS rebinding) is refused.
    """
    extra = list(extra)
    if not (allow_edit or is_loopback(host) or extra):
        return None
    names = [*LOOPBACK_NAMES, *extra]
    if not is_unspecified(host):
        names.append(f"[{host}]" if ":" in host else host)
    return names


def _quiet(_msgid: str, _params: dict[str, object]) -> None:
    """Say nothing."""


def build_app(
    books: list[Path],
    *,
    read_only: bool,
    users: dict[str, str] | None = None,
    hosts: list[str] | None = None,
    progress: Callable[[str, dict[str, object]], None] = _quiet,
    background: bool = False,
) -> tuple[Flask, object]:
    """Fava's app on `books` and the WSGI app to serve: Fava inside the layers it needs.

    With `background`, the books load in a thread and the WSGI app answers at once with the
    loading page until they are ready; otherwise they are loaded before this returns.
    """
    from fava.application import create_app

    app = create_app([str(book) for book in books], load=False, read_only=read_only)
    ledgers = BackgroundLedgers(app, progress=progress)
    app.config["LEDGERS"] = ledgers
    install(app, read_only=read_only)
    wsgi: object = app.wsgi_app
    if read_only:
        wsgi = ReadOnlyGuard(app.wsgi_app)
    wsgi = WhileLoading(wsgi, ledgers)
    if users:
        wsgi = BasicAuth(wsgi, users)
    if hosts is not None:
        wsgi = HostAllowlist(wsgi, hosts)
    wsgi = SecurityHeaders(wsgi, ledgers.slugs)
    if background:
        ledgers.start()
    else:
        ledgers.load()
    return app, wsgi


def page_urls(app: Flask, base: str) -> list[str]:
    """Where to point a browser: each book's transparency page (every book served has one)."""
    return [f"{base}/{slug}/extension/{EXTENSION}/" for slug, _ in app.config["LEDGERS"].items()]


def _check_books(books: tuple[str, ...], lang: Lang) -> list[Path]:
    paths = [Path(book).resolve() for book in books or (DEFAULT_BOOK,)]
    for path in paths:
        if not path.is_file():
            fail("{path}: no such book file.", lang, path=path)
    return paths


def _users(password_file: str | None, lang: Lang) -> dict[str, str] | None:
    if password_file is None:
        return None
    try:
        users = read_password_file(password_file)
        BasicAuth(lambda *_: [], users)
    except PasswordFileError as exc:
        fail(exc.msgid, lang, **exc.params)
    return users


def _say(lang: Lang) -> Callable[[str, dict[str, object]], None]:
    def say(msgid: str, params: dict[str, object]) -> None:
        click.echo(render(msgid, params, lang))
        sys.stdout.flush()

    return say


@click.command()
@click.argument("books", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on. / ที่อยู่")
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535), help="Port. / พอร์ต")
@click.option(
    "--allow-edit", is_flag=True,
    help="Let Fava change the books (not read-only). / อนุญาตให้แก้ไขบัญชีผ่าน Fava",
)
@click.option(
    "--password-file", type=click.Path(dir_okay=False),
    help="user:password lines; ask for HTTP basic auth. / ไฟล์รหัสผ่าน",
)
@click.option(
    "--allowed-host", "extra_hosts", multiple=True,
    help="Another name members use for this server (repeatable). / ชื่อเครื่องที่อนุญาต",
)
@lang_option()
def serve(
    *,
    books: tuple[str, ...],
    host: str,
    port: int,
    allow_edit: bool,
    password_file: str | None,
    extra_hosts: tuple[str, ...],
    lang: str | None,
) -> None:
    """Open BOOKS in Fava (the province and each area at once), read-only unless --allow-edit.

    เปิดบัญชีใน Fava แบบอ่านอย่างเดียว ยกเว้นเมื่อระบุ --allow-edit
    """
    language = resolve_lang(lang)
    paths = _check_books(books, language)
    if allow_edit and not is_loopback(host) and password_file is None:
        fail(
            "--allow-edit on {host} requires --password-file: Fava has no login of its own.",
            language,
            host=host,
        )
    users = _users(password_file, language)
    say = _say(language)
    bind_host = "127.0.0.1" if host == "localhost" else host
    shown_host = f"[{bind_host}]" if ":" in bind_host else bind_host
    base = f"http://{shown_host}:{port}"
    hosts = allowed_hosts(host, extra_hosts, allow_edit=allow_edit)

    from cheroot.wsgi import Server

    app, wsgi = build_app(
        paths, read_only=not allow_edit, users=users, hosts=hosts, progress=say, background=True
    )
    server = Server((bind_host, port), wsgi)
    try:
        server.prepare()
    except OSError as exc:
        fail("Cannot listen on {host}:{port}: {reason}", language, host=host, port=port, reason=exc)
    mode = "editing allowed" if allow_edit else "read-only"
    say("Fava is listening at {url} ({mode}); the books are loading, members see a page that says so.",
        {"url": f"{base}/", "mode": render(mode, {}, language)})
    _announce_when_ready(app, base, say)
    try:
        server.serve()
    except KeyboardInterrupt:
        server.stop()


def _announce_when_ready(app: Flask, base: str, say: Callable[[str, dict[str, object]], None]) -> None:
    """Print the pages' addresses once the books are loaded, from a thread of its own."""
    import threading

    ledgers: BackgroundLedgers = app.config["LEDGERS"]

    def wait() -> None:
        ledgers.ready.wait()
        if ledgers.failure is not None:
            say("The books could not be loaded: {reason}", {"reason": ledgers.failure})
            return
        say("The books are ready; point a browser at:", {})
        for url in page_urls(app, base):
            click.echo(f"  {url}")
        say("Press Ctrl+C to stop.", {})
        sys.stdout.flush()

    threading.Thread(target=wait, name="welfare-announce", daemon=True).start()
