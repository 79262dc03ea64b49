"""Time `welfare check` against a plain Beancount load of the same book, and print the ratio.

The audit must cost at most a tenth of what Beancount's own parse and booking costs
(`welfare check` within 1.1x of the plain load, both with the cycle collector paused). Both
loads run in turn, several times, each in a fresh process as a command would, with Beancount's
pickle cache and ours off; the plain load reads
a mirror of the book in which every `plugin "welfare_ledger..."` line is commented out.
`--rules` adds the time of the shared facts and of each rule; `--profile` prints where a check
spends its time.

    .venv/bin/python -m welfare_ledger.scripts.bench_check [BOOK] [--repeat 5] [--rules]
"""

from __future__ import annotations

import cProfile
import io
import json
import os
import pstats
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click
from beancount import loader
from welfare_ledger.plugins.i18n import Lang, render
from welfare_ledger.scripts.common import DEFAULT_BOOK, lang_option, resolve_lang

PLUGIN_LINE = re.compile(r'^(\s*plugin\s+"welfare_ledger\.)', re.MULTILINE)
GOAL = 1.1
TIMES = "{label}: CPU median {median} s, best {best} s; wall median {wall} s ({repeat} runs)"
RATIO = (
    "welfare check / plain Beancount load: {best} by best CPU time, {ratio} by median CPU time, "
    "{wall} by median wall time (goal at most {goal})"
)
PART = "  {name}: {seconds} s"
SYNTHETIC = "No book given and {default} does not exist: timing a synthetic province at {path}."
PLAIN = "plain Beancount load, plugin lines commented out"
CHILD = "import sys; from welfare_ledger.scripts.bench_check import child; child(sys.argv[1], sys.argv[2])"


def mirror_without_plugin(book: Path, into: Path) -> Path:
    """A copy of the book's folder with our plugin lines commented out; other files hard links.

    Hard links, not symbolic links: the documents must be the same regular files for Beancount's
    documents plugin and our rules as in the book itself (a link is resolved at each look).
    """
    root = book.resolve().parent
    for folder, _, names in os.walk(root):
        target = into / Path(folder).relative_to(root)
        target.mkdir(parents=True, exist_ok=True)
        for name in names:
            source = Path(folder) / name
            if name.endswith(".beancount"):
                text = source.read_text(encoding="utf-8")
                (target / name).write_text(PLUGIN_LINE.sub(r"; \1", text), encoding="utf-8")
            else:
                try:
                    os.link(source, target / name)
                except OSError:
                    (target / name).symlink_to(source)
    return into / book.name


def plain_load(path: Path) -> list[Any]:
    """Beancount's own load, without cache: the floor that `welfare check` is measured against.

    The cycle collector is paused, as `welfare check` pauses it for its load: equal footing.
    """
    import gc

    gc.disable()
    loader.initialize(use_cache=False)
    entries: list[Any] = loader.load_file(str(path))[0]
    return entries


def check_load(path: Path) -> list[Any]:
    """What `welfare check` does before printing: load, Beancount's errors, every rule."""
    from welfare_ledger.plugins.loader import load_book

    findings: list[Any] = load_book(path).findings
    return findings


def child(kind: str, path: str) -> None:
    """In a fresh process: one plain load or one check of `path`; print its wall and CPU seconds."""
    job = plain_load if kind == "plain" else check_load
    if kind == "check":
        from welfare_ledger.plugins import loader as _  # noqa: F401  (imported before the clock)
    wall, cpu = time.perf_counter(), time.process_time()
    job(Path(path))
    print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu]))


def _in_child(kind: str, path: Path) -> tuple[float, float]:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, kind, str(path)],
        capture_output=True, text=True, check=True,
        env={**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1", "WELFARE_CACHE": "off"},
    )
    wall, cpu = json.loads(result.stdout.strip().splitlines()[-1])
    return float(wall), float(cpu)


def measure(book: Path, plain: Path, repeat: int) -> dict[str, list[tuple[float, float]]]:
    """Wall and CPU seconds of the plain load and of the check, in turn, each in a fresh process.

    A fresh process is what `welfare check` meets (one load per command) and keeps one run's
    leftovers from slowing the next. CPU time is the fairer measure on a shared machine, where
    other processes stretch wall time; the best of several runs is the least disturbed.
    """
    times: dict[str, list[tuple[float, float]]] = {"plain": [], "check": []}
    for _ in range(repeat):
        times["plain"].append(_in_child("plain", plain))
        times["check"].append(_in_child("check", book))
    return times


def rule_times(plain: Path) -> dict[str, float]:
    """CPU seconds of the shared facts and of each rule on the plain entries (one run each)."""
    from welfare_ledger.plugins.audit import gc_paused
    from welfare_ledger.plugins.book import build_book
    from welfare_ledger.plugins.config import DEFAULT
    from welfare_ledger.plugins.rules import load_rules

    loader.initialize(use_cache=False)
    entries, _, options = loader.load_file(str(plain))
    parts: dict[str, float] = {}
    with gc_paused():
        start = time.process_time()
        book = build_book(entries, options)
        parts["build_book"] = time.process_time() - start
        for rule in load_rules():
            start = time.process_time()
            rule.check(book, DEFAULT)
            parts[rule.CODE] = time.process_time() - start
    return parts


def profile(book: Path, lines: int = 30) -> str:
    """The functions a check spends most time in, cumulative."""
    profiler = cProfile.Profile()
    profiler.runcall(check_load, book)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def _median(times: list[tuple[float, float]], which: int) -> float:
    return statistics.median(t[which] for t in times)


def _report(label: str, times: list[tuple[float, float]], lang: Lang) -> str:
    text: str = render(
        TIMES,
        {"label": label, "median": f"{_median(times, 1):.3f}",
         "best": f"{min(t[1] for t in times):.3f}", "wall": f"{_median(times, 0):.3f}",
         "repeat": len(times)},
        lang,
    )
    return text


@click.command()
@click.argument("book", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--repeat", default=5, show_default=True, help="Runs of each load. / จำนวนรอบ")
@click.option("--rules", "show_rules", is_flag=True, help="Time each rule. / เวลาของแต่ละกฎ")
@click.option("--profile", "show_profile", is_flag=True, help="Profile one check. / โปรไฟล์")
@click.option("--areas", default=10, show_default=True, help="Synthetic book: areas.")
@click.option("--members", default=300, show_default=True, help="Synthetic book: members per area.")
@click.option("--years", default=4, show_default=True, help="Synthetic book: years.")
@lang_option()
def bench_check(
    *,
    book: Path | None, repeat: int, show_rules: bool, show_profile: bool,
    areas: int, members: int, years: int, lang: str | None,
) -> None:
    """Time `welfare check` on BOOK against a plain Beancount load and print the ratio.

    วัดเวลาของ `welfare check` เทียบกับการโหลดบัญชีด้วย Beancount อย่างเดียว
    """
    language = resolve_lang(lang, "en")
    os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"
    with tempfile.TemporaryDirectory(prefix="bench-check-") as temp:
        if book is None and Path(DEFAULT_BOOK).exists():
            book = Path(DEFAULT_BOOK)
        if book is None:
            from welfare_ledger.scripts.bench_book import write_book

            book = write_book(Path(temp) / "synthetic", areas, members, years)
            click.echo(render(SYNTHETIC, {"default": DEFAULT_BOOK, "path": book}, language))
        plain = mirror_without_plugin(book, Path(temp) / "plain")
        times = measure(book, plain, repeat)
        click.echo(_report(render(PLAIN, {}, language), times["plain"], language))
        click.echo(_report("welfare check", times["check"], language))
        ratios = [_median(times["check"], i) / _median(times["plain"], i) for i in (0, 1)]
        best = min(t[1] for t in times["check"]) / min(t[1] for t in times["plain"])
        click.echo(
            render(
                RATIO,
                {"best": f"{best:.3f}", "ratio": f"{ratios[1]:.3f}", "wall": f"{ratios[0]:.3f}",
                 "goal": GOAL},
                language,
            )
        )
        if show_rules:
            for name, seconds in rule_times(plain).items():
                click.echo(render(PART, {"name": name, "seconds": f"{seconds:.4f}"}, language))
        if show_profile:
            click.echo(profile(book))


if __name__ == "__main__":
    bench_check()
