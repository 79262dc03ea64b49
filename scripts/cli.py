"""`welfare`: one click group; each command lives in its own module, imported only when used.

Importing a command lazily keeps `welfare check` from paying for Fava, pandas or matplotlib.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import click
from welfare_ledger.plugins.i18n import LANGS, default_lang

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


def main(*args: Any) -> None:
    """Console entry point."""
    cli(*args)
