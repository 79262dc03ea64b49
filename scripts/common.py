"""What the commands share: the book argument, the language, loading once, clear exits."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from welfare_ledger.plugins.i18n import LANGS, Lang, default_lang, render

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from welfare_ledger.plugins.loader import LoadedBook

F = TypeVar("F", bound="Callable[..., Any]")

DEFAULT_BOOK = "ledgers/main.beancount"
EXIT_UNREADABLE = 2


def book_argument() -> Callable[[F], F]:
    """The optional BOOK argument, `ledgers/main.beancount` by default."""
    return click.argument("book", required=False, default=DEFAULT_BOOK, type=click.Path(dir_okay=False))


def lang_option() -> Callable[[F], F]:
    """`--lang th|en` on a command; the group's `--lang` or the locale when not given."""
    return click.option(
        "--lang",
        "lang",
        type=click.Choice(LANGS),
        default=None,
        help="Language: th or en. / ภาษา",
    )


def resolve_lang(lang: str | None, fallback: Lang | None = None) -> Lang:
    """The command's `--lang`, else the group's `--lang`, else `fallback`, else the locale."""
    if lang in LANGS:
        return lang
    ctx = click.get_current_context(silent=True)
    if ctx is not None:
        group_lang = ctx.find_root().params.get("lang")
        if group_lang in LANGS:
            return group_lang
    return fallback or default_lang()


def fail(msgid: str, lang: Lang, **params: object) -> NoReturn:
    """Stop with one clear line on standard error, in the reader's language, and exit 2.

    `msgid` is the English text with `{named}` fields; its Thai is in the catalogs, like
    every other message a person reads.
    """
    click.echo(render(msgid, params, lang), err=True)
    raise SystemExit(EXIT_UNREADABLE)


def load_or_exit(book: str, lang: Lang) -> LoadedBook:
    """Load `book` once for the command, or exit 2 with one line naming the file."""
    from welfare_ledger.plugins.loader import BookUnreadable, load_book

    try:
        return load_book(book)
    except BookUnreadable as exc:
        click.echo(exc.message(lang), err=True)
        raise SystemExit(EXIT_UNREADABLE) from None


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "w") -> Iterator[Any]:
    """Write a file through a temporary file in the same folder and rename it into place.

    Readers see the old file or the new one, never half of it; on an error nothing changes.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(handle, mode, encoding=encoding) as stream:
            yield stream
        temp_path = Path(temp_name)
        temp_path.chmod(target.stat().st_mode & 0o777 if target.exists() else 0o644)
        temp_path.replace(target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
