"""What the commands share: the book argument, the language, loading once, clear exits.

A mistake on the command line is one line on standard error in the reader's language and
exit 2, whether click finds it (`OneLineCommand`) or the command does (`fail`), and the
arguments that name something in the book (an area, a year, a month) are checked against a
quick scan of its text (`plugins.prescan`) before the slow load.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from welfare_ledger.plugins.i18n import LANGS, Lang, default_lang, render
from welfare_ledger.scripts import progress

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable, Iterator, Sequence

    from welfare_ledger.plugins.loader import LoadedBook
    from welfare_ledger.plugins.prescan import Prescan

F = TypeVar("F", bound="Callable[..., Any]")

DEFAULT_BOOK = "ledgers/main.beancount"
EXIT_UNREADABLE = 2
BE_OFFSET = 543
MISSING_OPTION = "Missing option {option}."
MISSING_ARGUMENT = "Missing argument {option}."
NO_SUCH_OPTION = "No such option: {option}."
NEEDS_VALUE = "Option {option} needs a value."
CHOOSE_ONE = "Invalid value {value} for {option}: choose one of {choices}."
WHOLE_NUMBER = "Invalid value {value} for {option}: give a whole number."
A_DATE = "Invalid value {value} for {option}: give a date as YYYY-MM-DD."
INVALID_VALUE = "Invalid value {value} for {option}."
UNREADABLE_COMMAND = "The command line cannot be read: {detail}. See --help."
NO_SUCH_COMMAND = "No such command: {name} (commands: {listed})."
NO_AREA = "No area {area} in this book (areas: {listed})."
YEAR_OUTSIDE = "No entries in {year}: the book runs from {first} to {last}."
YEAR_OUTSIDE_BE = (
    "No entries in {year}: the book runs from {first} to {last}. "
    "Years are Christian era here: {year} BE is {ce}."
)
MONTH_OUTSIDE = "No entries in {month}: the book runs from {first} to {last}."


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
    say(render(msgid, params, lang))
    raise SystemExit(EXIT_UNREADABLE)


def say(line: str) -> None:
    """One line on standard error, after the progress line is wiped."""
    progress.wipe()
    click.echo(line, err=True)


def load_or_exit(
    book: str, lang: Lang, *, audit: bool = True, shown: progress.Progress | None = None
) -> LoadedBook:
    """Load `book` once for the command, or exit 2 with one line naming the file.

    `audit=False` for a command that shows no findings: no rule runs (see `load_book`).
    `shown` is the command's progress line, which says what is being read.
    """
    from welfare_ledger.plugins.loader import BookUnreadable, load_book

    if shown is not None:
        step = "Reading and checking the book {book}" if audit else "Reading the book {book}"
        shown.step(step, book=book)
    try:
        return load_book(book, audit=audit)
    except BookUnreadable as exc:
        say(exc.message(lang))
        raise SystemExit(EXIT_UNREADABLE) from None


def scan_book(book: str) -> Prescan:
    """The quick scan of `book`'s text that argument checks use (see `plugins.prescan`)."""
    from welfare_ledger.plugins.prescan import prescan

    return prescan(book)


def check_area(scan: Prescan, area: str, lang: Lang) -> None:
    """Stop with one line when the scan knows that the book has no area `area`."""
    if scan.has_area(area) is False:
        listed = ", ".join(scan.known_areas) or "-"
        fail(NO_AREA, lang, area=area, listed=listed)


def check_year(scan: Prescan, year: int, lang: Lang) -> None:
    """Stop with one line when the book has no entries in or around `year`.

    A year before the book's first entry or after its last has nothing to report: an
    all-zero report would look like an answer. A year in the Buddhist era (a common slip)
    is named as such.
    """
    if scan.first is None or scan.last is None:
        return
    if scan.first.year <= year <= scan.last.year:
        return
    first, last = scan.first.year, scan.last.year
    if first <= year - BE_OFFSET <= last:
        fail(YEAR_OUTSIDE_BE, lang, year=year, first=first, last=last, ce=year - BE_OFFSET)
    fail(YEAR_OUTSIDE, lang, year=year, first=first, last=last)


def check_month(scan: Prescan, day: datetime.date, lang: Lang) -> None:
    """Stop with one line when the book has no entries in or around the month of `day`."""
    from welfare_ledger.plugins.i18n import Month

    if scan.first is None or scan.last is None:
        return
    if (scan.first.year, scan.first.month) <= (day.year, day.month) <= (scan.last.year, scan.last.month):
        return
    fail(
        MONTH_OUTSIDE,
        lang,
        month=Month(day.year, day.month),
        first=Month(scan.first.year, scan.first.month),
        last=Month(scan.last.year, scan.last.month),
    )


def _given(args: Sequence[str], names: Sequence[str]) -> str:
    """The value written after one of an option's names (`--year 2025` or `--year=2025`)."""
    for index, arg in enumerate(args):
        for name in names:
            if arg == name and index + 1 < len(args):
                return args[index + 1]
            if arg.startswith(name + "="):
                return arg[len(name) + 1 :]
    return ""


def _lang_of(args: Sequence[str], parent: click.Context | None) -> Lang:
    """The language a command would have used, from its own `--lang`, the group's, or the locale."""
    own = _given(args, ["--lang"])
    if own in LANGS:
        return own
    if parent is not None:
        group = parent.find_root().params.get("lang")
        if group in LANGS:
            return group
    return default_lang()


def _param_name(param: click.Parameter | None) -> str:
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    if param is not None:
        return str(param.human_readable_name).upper()
    return "-"


def usage_message(exc: click.UsageError, args: Sequence[str], lang: Lang) -> str:
    """Click's finding about the command line as one line in `lang`."""
    if isinstance(exc, click.MissingParameter):
        missing = MISSING_OPTION if isinstance(exc.param, click.Option) else MISSING_ARGUMENT
        return render(missing, {"option": _param_name(exc.param)}, lang)
    if isinstance(exc, click.BadParameter) and exc.param is not None:
        return _bad_value(exc.param, args, lang)
    if isinstance(exc, click.NoSuchOption):
        return render(NO_SUCH_OPTION, {"option": exc.option_name}, lang)
    if isinstance(exc, click.BadOptionUsage):
        return render(NEEDS_VALUE, {"option": exc.option_name}, lang)
    return render(UNREADABLE_COMMAND, {"detail": exc.format_message()}, lang)


def _bad_value(param: click.Parameter, args: Sequence[str], lang: Lang) -> str:
    """A value click could not take, with what the option wants."""
    params: dict[str, object] = {
        "option": _param_name(param),
        "value": repr(_given(args, param.opts if isinstance(param, click.Option) else [])),
    }
    if isinstance(param.type, click.Choice):
        params["choices"] = ", ".join(str(c) for c in param.type.choices)
        return render(CHOOSE_ONE, params, lang)
    if isinstance(param.type, click.types.IntParamType):
        return render(WHOLE_NUMBER, params, lang)
    if isinstance(param.type, click.DateTime):
        return render(A_DATE, params, lang)
    return render(INVALID_VALUE, params, lang)


class OneLineCommand(click.Command):
    """A command whose command-line mistakes are one line in the reader's language, exit 2."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        """Parse as click does; a usage error becomes one translated line."""
        given = list(args)
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            say(usage_message(exc, given, _lang_of(given, parent)))
            raise SystemExit(EXIT_UNREADABLE) from None


class OneLineGroup(click.Group):
    """A group of one-line commands; an unknown command name is one translated line too."""

    command_class = OneLineCommand

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        """Find the command; name the known ones when it does not exist."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError:
            listed = ", ".join(self.list_commands(ctx))
            name = args[0] if args else "-"
            say(render(NO_SUCH_COMMAND, {"name": name, "listed": listed}, _lang_of(args, ctx)))
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
