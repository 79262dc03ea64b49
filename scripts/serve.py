"""`welfare serve`: the real Fava on one or more books, read-only for members unless told otherwise.

Fava has no login, so the command is careful about who can reach it: it binds loopback by
default, is read-only unless `--allow-edit` (Fava's own `--read-only` plus a guard in front
of it), and refuses to allow editing on any other address without `--password-file`, which
puts HTTP basic auth in front of Fava.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import TYPE_CHECKING

import click
from welfare_ledger.plugins.audit import gc_paused
from welfare_ledger.plugins.fava_ext import READ_ONLY_KEY, Transparency
from welfare_ledger.plugins.fava_ext.guard import (
    BasicAuth,
    PasswordFileError,
    ReadOnlyGuard,
    read_password_file,
)
from welfare_ledger.scripts.common import DEFAULT_BOOK, fail, lang_option, resolve_lang

if TYPE_CHECKING:
    from flask import Flask
    from welfare_ledger.plugins.i18n import Lang

EXTENSION = Transparency.__name__


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable only from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def build_app(
    books: list[Path], *, read_only: bool, users: dict[str, str] | None = None
) -> tuple[Flask, object]:
    """Fava's app on `books` and the WSGI app to serve: Fava behind the guards it needs.

    The books are loaded with the cycle collector paused (`gc_paused`), as `load_book`
    does: Fava's load, our audit and the transparency snapshot keep everything they
    build, so collections during the load would only walk the books. Reloads after an
    edit run as Fava runs them.
    """
    from fava.application import create_app

    with gc_paused():
        app = create_app([str(book) for book in books], load=True, read_only=read_only)
    app.config[READ_ONLY_KEY] = read_only
    wsgi: object = app.wsgi_app
    if read_only:
        wsgi = ReadOnlyGuard(app.wsgi_app)
    if users:
        wsgi = BasicAuth(wsgi, users)
    return app, wsgi


def page_urls(app: Flask, base: str) -> list[str]:
    """Where to point a browser: each book's transparency page, or its Fava start page."""
    urls = []
    for slug, ledger in app.config["LEDGERS"].items():
        has_page = ledger.extensions.get_extension(EXTENSION) is not None
        urls.append(f"{base}/{slug}/extension/{EXTENSION}/" if has_page else f"{base}/{slug}/")
    return urls


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
        return read_password_file(password_file)
    except PasswordFileError as exc:
        fail(exc.msgid, lang, **exc.params)


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
@lang_option()
def serve(
    *,
    books: tuple[str, ...],
    host: str,
    port: int,
    allow_edit: bool,
    password_file: str | None,
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
    app, wsgi = build_app(paths, read_only=not allow_edit, users=users)

    from cheroot.wsgi import Server

    bind_host = "127.0.0.1" if host == "localhost" else host
    server = Server((bind_host, port), wsgi)
    try:
        server.prepare()
    except OSError as exc:
        fail("Cannot listen on {host}:{port}: {reason}", language, host=host, port=port, reason=exc)
    _announce(app, bind_host, port, allow_edit=allow_edit)
    try:
        server.serve()
    except KeyboardInterrupt:
        server.stop()


def _announce(app: Flask, host: str, port: int, *, allow_edit: bool) -> None:
    shown_host = f"[{host}]" if ":" in host else host
    mode_th = "แก้ไขได้" if allow_edit else "อ่านอย่างเดียว"
    mode_en = "editing allowed" if allow_edit else "read-only"
    click.echo(f"เปิด Fava แล้ว ({mode_th}) เปิดเบราว์เซอร์ที่:")
    click.echo(f"Fava is up ({mode_en}); point a browser at:")
    for url in page_urls(app, f"http://{shown_host}:{port}"):
        click.echo(f"  {url}")
    click.echo("กด Ctrl+C เพื่อหยุด / Press Ctrl+C to stop")
