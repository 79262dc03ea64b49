"""`welfare`: one click group; each command lives in its own module, imported only when used.

Importing a command lazily keeps `welfare check` from paying for Fava, pandas or matplotlib.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import sys
import traceback
from pathlib import Path

import click
from welfare_ledger.plugins.i18n import LANGS, Lang, UserError, default_lang, render
from welfare_ledger.scripts.common import EXIT_UNREADABLE

COMMANDS: dict[str, tuple[str, str, str]] = {
    # name: (module, attribute, one-line help)
    "check": ("check", "check", "Apply every transparency rule to a book. / ตรวจบัญชีตามกฎความโปร่งใสทุกข้อ"),
    "demo": ("demo.command", "demo", "Write a realistic demo province. / สร้างบัญชีตัวอย่างของจังหวัด"),
    "seal": ("seal", "seal", "Seal a closed period of an area. / ปิดงวดบัญชีด้วยรหัสตรวจสอบ"),
    "import": ("import_files", "import_files", "Import statements and registers. / นำเข้ารายการและทะเบียน"),
    "report": ("reports.command", "report", "Reports for members, treasurers and auditors. / รายงาน"),
    "serve": ("serve", "serve", "Open the books in Fava, read-only. / เปิดบัญชีใน Fava แบบอ่านอย่างเดียว"),
    "install-hook": ("hook", "install_hook", "Install the git pre-commit check. / ติดตั้งการตรวจก่อน commit"),
    "export": ("export", "export", "Export books as Parquet for national roll-ups. / ส่งออกเป็น Parquet"),
    "bench": ("bench", "bench", "Benchmark against a plain Beancount load. / วัดความเร็ว"),
}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands whose modules are installed."""
        return sorted(name for name in COMMANDS if self._available(name))

    @staticmethod
    def _available(name: str) -> bool:
        module = COMMANDS[name][0]
        return importlib.util.find_spec(f"welfare_ledger.scripts.{module}") is not None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """Import the command's module on first use."""
        if cmd_name not in COMMANDS or not self._available(cmd_name):
            return None
        module_name, attribute, _ = COMMANDS[cmd_name]
        module = importlib.import_module(f"welfare_ledger.scripts.{module_name}")
        command: click.Command = getattr(module, attribute)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the commands with their bilingual one-line help."""
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands / คำสั่ง"):
                formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--lang",
    type=click.Choice(LANGS),
    default=None,
    help="Language of messages: th or en (default: from the locale). / ภาษาของข้อความ",
)
@click.pass_context
def cli(ctx: click.Context, lang: str | None) -> None:
    """welfare-ledger: the open books of community welfare funds.

    บัญชีเปิดเผยของกองทุนสวัสดิการชุมชน
    """
    ctx.ensure_object(dict)
    ctx.obj["lang"] = lang or default_lang()


MSG_INTERNAL = (
    "welfare {command} stopped on an unexpected problem ({error} at {place}); nothing was written. "
    "Report it to the project with the command and the book; WELFARE_DEBUG=1 shows the details."
)


def main(args: list[str] | None = None) -> None:
    """Console entry point: a problem the user must fix is one line, never a traceback.

    Each command reports its own problems; this is the last net for the unforeseen, so that a
    treasurer or member meets one line in their language and exit code 2, as for a book that
    cannot be read.
    """
    try:
        cli.main(args, standalone_mode=False)
    except click.exceptions.Abort:
        raise SystemExit(1) from None
    except click.ClickException as exc:
        exc.show()
        raise SystemExit(exc.exit_code) from None
    except UserError as exc:
        click.echo(exc.message(_lang()), err=True)
        raise SystemExit(EXIT_UNREADABLE) from None
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("WELFARE_DEBUG"):
            raise
        frames = traceback.extract_tb(exc.__traceback__)
        place = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "-"
        command = next((arg for arg in sys.argv[1:] if not arg.startswith("-")), "")
        click.echo(
            render(MSG_INTERNAL, {"command": command, "error": type(exc).__name__, "place": place}, _lang()),
            err=True,
        )
        raise SystemExit(EXIT_UNREADABLE) from None


def _lang() -> Lang:
    for index, arg in enumerate(sys.argv):
        if arg == "--lang" and index + 1 < len(sys.argv) and sys.argv[index + 1] in LANGS:
            return "th" if sys.argv[index + 1] == "th" else "en"
        if arg.startswith("--lang=") and arg[7:] in LANGS:
            return "th" if arg[7:] == "th" else "en"
    return default_lang()
