"""`welfare bench`: our cost on top of Beancount's own load, measured side by side in one run.

Beancount's parse and booking is the floor. For demo provinces of growing size the bench times,
each in a fresh process of its own: a plain Beancount load of the book with our plugin line
removed, `welfare check`, each report, `welfare import` of a large bank statement and the Fava
transparency page. It prints each as a ratio to the plain load of the same book, the growth when
the book doubles, and the peak memory of each process, against the goals of issue 8.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from welfare_ledger.plugins.i18n import Lang, gettext, render
from welfare_ledger.scripts.common import atomic_write, lang_option, resolve_lang

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

PLUGIN_LINE = re.compile(r'^\s*plugin\s+"welfare_ledger\.[^"]*".*$', re.MULTILINE)
EXTENSION_LINE = re.compile(r'^\S+\s+custom\s+"fava-extension"\s+"welfare_ledger\.[^"]*".*$', re.MULTILINE)
PLAIN_PREFIX = ".bench-plain-"
UNJUDGED = frozenset({"import", "fava-alone"})
"""No ratio goal: the import reads a file as large as the book, Fava alone is Fava's own floor."""
CHECK_GOAL = 1.25
PAGE_GOAL = 1.5
GROWTH_GOAL = 2.3
REPORTS: dict[str, Callable[[dict[str, Any]], list[str]]] = {
    "areas": lambda f: ["--year", str(f["last_year"]), "--format", "html"],
    "member": lambda f: ["--member", f["member"], "--format", "html"],
    "disclosure": lambda f: ["--area", f["area"], "--month", f["last_month"], "--format", "html"],
    "redflags": lambda f: ["--format", "html"],
}
MEASURES = ("plain", "check", *(f"report-{kind}" for kind in REPORTS), "import", "fava", "fava-alone")
LABELS = {
    "plain": "plain Beancount load",
    "check": "welfare check",
    "import": "welfare import {rows} rows",
    "fava": "Fava transparency page",
    "fava-alone": "Fava alone (plain book, start page)",
    **{f"report-{kind}": f"welfare report {kind}" for kind in REPORTS},
}
BOOKS_LINE = "Books: {areas} areas x {sizes} members x {years} years (seed {seed}); statement: {rows} rows."
SKIPPED = "{measure}: skipped on {members}: {reason}"
CHILD = "import sys; from welfare_ledger.scripts.bench import child_main; child_main(sys.argv[1:])"


@dataclasses.dataclass(frozen=True, slots=True)
class Result:
    """One measurement in its own process.

    `seconds` is the CPU time of the job's second run in the process (the work on the book),
    `start` what the first run took more (imports and first-use caches, paid once per command),
    `peak_mb` the process's peak resident memory. CPU time, not wall time: the figures must
    hold on a shared machine where other work takes turns on the same cores.
    """

    seconds: float | None
    peak_mb: float | None
    note: str | None = None
    start: float | None = None
    facts: dict[str, Any] = dataclasses.field(default_factory=dict)


# ---- the child process: one job, timed, with its peak memory -------------------------------


def _run_cli(args: list[str]) -> None:
    """Run a `welfare` command in this process as a user would, its output thrown away."""
    import contextlib
    import io

    from welfare_ledger.scripts.cli import cli

    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            cli.main(args, prog_name="welfare", standalone_mode=False)
        except SystemExit as exc:
            if exc.code not in (0, 1, None):
                raise RuntimeError(sink.getvalue().strip()[-300:] or f"exit {exc.code}") from None
        except click.ClickException as exc:
            raise RuntimeError(exc.format_message()) from None


def _book_facts(entries: list[Any]) -> dict[str, Any]:
    """What the other measurements need to ask of the book: a year, month, area, member, account."""
    from beancount.core.data import Custom, Open, Transaction

    facts: dict[str, Any] = {"entries": len(entries), "transactions": 0, "postings": 0}
    last = None
    for entry in entries:
        if isinstance(entry, Transaction):
            facts["transactions"] += 1
            facts["postings"] += len(entry.postings)
            last = entry.date
        elif isinstance(entry, Custom) and entry.type == "area":
            facts.setdefault("area", entry.values[0].value)
        elif isinstance(entry, Custom) and entry.type == "member":
            facts.setdefault("member", entry.values[0].value)
        elif isinstance(entry, Open) and ":Bank:" in entry.account:
            facts.setdefault("bank", entry.account)
    if last is not None:
        facts["last_year"] = last.year
        facts["last_month"] = f"{last.year:04d}-{last.month:02d}"
    return facts


def _fava_alone(book: str) -> None:
    """Fava's own cost: Fava on the book without our plugin and extension, its start page."""
    from fava.application import create_app

    app = create_app([book], load=True, read_only=True)
    client = app.test_client()
    for slug, _ in app.config["LEDGERS"].items():
        response = client.get(f"/{slug}/income_statement/")
        if response.status_code != 200:
            raise RuntimeError(f"GET /{slug}/income_statement/: HTTP {response.status_code}")


def _fava_page(book: str) -> None:
    """Start Fava on the book as `welfare serve` does and fetch the transparency page."""
    try:
        from welfare_ledger.scripts.serve import EXTENSION, build_app

        app, _ = build_app([Path(book)], read_only=True)
    except ImportError:
        from fava.application import create_app

        EXTENSION = "Transparency"  # noqa: N806
        app = create_app([book], load=True, read_only=True)
    client = app.test_client()
    for slug, _ in app.config["LEDGERS"].items():
        response = client.get(f"/{slug}/extension/{EXTENSION}/")
        if response.status_code != 200:
            raise RuntimeError(f"GET /{slug}/extension/{EXTENSION}/: HTTP {response.status_code}")


def _plain_load(path: str) -> list[Any]:
    from beancount import loader

    loader.initialize(use_cache=False)
    entries, _, _ = loader.load_file(path)
    return entries


def _task(spec: dict[str, Any]) -> Callable[[], object] | str:
    """The job to time, or why it cannot run yet."""
    measure = spec["measure"]
    if measure == "plain":
        return lambda: _plain_load(spec["plain"])
    if measure == "fava":
        return lambda: _fava_page(spec["book"])
    if measure == "fava-alone":
        return lambda: _fava_alone(spec["alone"])
    from welfare_ledger.scripts.cli import COMMANDS, cli

    name = spec["args"][0]
    if cli.get_command(click.Context(cli), name) is None:
        return f"`welfare {name}` ({COMMANDS[name][0]}) is not there yet"
    return lambda: _run_cli(spec["args"])


def _job(spec: dict[str, Any]) -> dict[str, Any]:
    """Run the job twice: the first run pays the imports, the second is the work on the book."""
    task = _task(spec)
    if isinstance(task, str):
        return {"note": task}
    started = time.process_time()
    task()
    cold = time.process_time() - started
    started = time.process_time()
    outcome = task()
    seconds = time.process_time() - started
    result: dict[str, Any] = {"seconds": seconds, "start": max(cold - seconds, 0.0)}
    if spec["measure"] == "plain":
        result["facts"] = _book_facts(outcome)  # type: ignore[arg-type]
    return result


def child_main(argv: Sequence[str]) -> None:
    """Entry point of a measuring process: read the job, run it, write seconds and peak memory."""
    import resource

    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    try:
        result = _job(spec)
    except Exception as exc:
        result = {"note": f"{type(exc).__name__}: {str(exc).strip()[:300]}"}
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(argv[1]).write_text(json.dumps(result), encoding="utf-8")


def measure(spec: dict[str, Any], workdir: Path) -> Result:
    """Run one job in a fresh interpreter, so that each has its own imports and peak memory."""
    spec_file = workdir / "spec.json"
    result_file = workdir / "result.json"
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    result_file.unlink(missing_ok=True)
    env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(spec_file), str(result_file)],
        env=env, capture_output=True, text=True, check=False,
    )
    if not result_file.exists():
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"]
        return Result(None, None, tail[0])
    data = json.loads(result_file.read_text(encoding="utf-8"))
    return Result(
        data.get("seconds"), data.get("peak_mb"), data.get("note"), data.get("start"), data.get("facts", {})
    )


# ---- the parent: books, jobs, and the table ------------------------------------------------


def demo_book(out: Path, areas: int, members: int, years: int, seed: int) -> Path:
    """Write a demo province with `welfare demo` and return its main book."""
    args = ["demo", "--out", str(out), "--areas", str(areas), "--members", str(members)]
    args += ["--years", str(years), "--seed", str(seed)]
    done = subprocess.run(
        [sys.executable, "-c", "from welfare_ledger.scripts.cli import main; main()", *args],
        capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        raise click.ClickException(f"welfare demo: {(done.stderr or done.stdout).strip()[-500:]}")
    for main in (out / "main.beancount", out / "ledgers" / "main.beancount"):
        if main.is_file():
            return main
    found = sorted(out.rglob("main.beancount"))
    if not found:
        raise click.ClickException(f"welfare demo wrote no main.beancount under {out}")
    return found[0]


def plain_copy(book: Path, *, extension: bool = True) -> Path:
    """The book with our plugin lines removed, beside it so that its includes still resolve.

    Beancount runs only the top file's plugins, so this is the same book without our audit.
    Without `extension`, our Fava extension's line goes too: Fava alone on the same book.
    """
    text = PLUGIN_LINE.sub("", book.read_text(encoding="utf-8"))
    if not extension:
        text = EXTENSION_LINE.sub("", text)
    plain = book.with_name(PLAIN_PREFIX + ("" if extension else "fava-") + book.name)
    plain.write_text(text, encoding="utf-8")
    return plain


def write_statement(path: Path, rows: int, year: int, seed: int) -> None:
    """A bank statement of `rows` lines over `year`, in the English headers of CONVENTIONS section 9."""
    rng = random.Random(seed)  # noqa: S311  (test data, not secrets)
    balance = 100000.0
    with atomic_write(path) as stream:
        stream.write("Date,Description,Withdrawal,Deposit,Balance\n")
        for index in range(rows):
            day = 1 + index * 365 // rows
            date = time.strftime("%Y-%m-%d", time.strptime(f"{year} {day}", "%Y %j"))
            amount = rng.randrange(100, 500000) / 100
            deposit = rng.random() < 0.6
            balance += amount if deposit else -amount
            withdrawal, credit = ("", f"{amount:.2f}") if deposit else (f"{amount:.2f}", "")
            stream.write(f"{date},Transfer {index:06d},{withdrawal},{credit},{balance:.2f}\n")


def jobs_for(book: Path, plain: Path, facts: dict[str, Any], statement: Path) -> dict[str, dict[str, Any]]:
    """The job of every measurement after the plain load, for one book."""
    jobs: dict[str, dict[str, Any]] = {"check": {"args": ["check", str(book), "--format", "json"]}}
    for kind, extra in REPORTS.items():
        try:
            jobs[f"report-{kind}"] = {"args": ["report", kind, str(book), *extra(facts)]}
        except KeyError as missing:
            jobs[f"report-{kind}"] = {"note": f"the book has no {missing}"}
    account = facts.get("bank")
    jobs["import"] = (
        {"args": ["import", str(statement), "--account", account, "--book", str(book),
                  "--output", str(statement.with_suffix(".beancount"))]}
        if account else {"note": "the book opens no bank account"}
    )
    jobs["fava"] = {"book": str(book)}
    jobs["fava-alone"] = {"alone": str(plain_copy(book, extension=False))}
    for name, job in jobs.items():
        job.update(measure=name, plain=str(plain))
    return jobs


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(sizes: list[str], results: dict[str, dict[str, Result]], rows: int, lang: Lang) -> str:
    """Seconds, ratio to the plain load, growth from the previous size, and peak memory."""
    head = [gettext("measurement", lang)]
    for index, size in enumerate(sizes):
        head += [f"{size}: s", "x plain"] + (["growth"] if index else []) + ["start", "MB"]
    lines = [head]
    for name in MEASURES:
        label = gettext(LABELS[name], lang).format(rows=f"{rows:,}")
        line = [label]
        for index, size in enumerate(sizes):
            result = results[size].get(name)
            plain = results[size]["plain"].seconds
            seconds = result.seconds if result else None
            line += [_fmt(seconds), _fmt(seconds / plain if seconds and plain else None)]
            if index:
                previous = results[sizes[index - 1]].get(name)
                before = previous.seconds if previous else None
                line.append(_fmt(seconds / before if seconds and before else None))
            line.append(_fmt(result.start if result else None))
            line.append(_fmt(result.peak_mb if result else None, 0))
        lines.append(line)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )


def verdicts(
    sizes: list[str], scales: dict[str, float], results: dict[str, dict[str, Result]], lang: Lang
) -> list[str]:
    """Each goal of issue 8 with the figures that meet or miss it."""
    lines = []
    for size in sizes:
        plain = results[size]["plain"].seconds
        for name in MEASURES[1:]:
            result = results[size].get(name)
            if not plain or not result or result.seconds is None:
                continue
            goal = CHECK_GOAL if name == "check" else PAGE_GOAL if name not in UNJUDGED else None
            if goal is None:
                continue
            ratio = result.seconds / plain
            verdict = gettext("met" if ratio <= goal else "MISSED", lang)
            lines.append(
                render("{label} on {members}: {ratio}x plain (goal <= {goal}x): {verdict}",
                       {"label": gettext(LABELS[name], lang).format(rows="..."), "members": size,
                        "ratio": f"{ratio:.2f}",
                        "goal": goal, "verdict": verdict}, lang)
            )
    for before, after in itertools.pairwise(sizes):
        for name in (m for m in MEASURES[1:] if m != "fava-alone"):
            first, second = results[before].get(name), results[after].get(name)
            if not first or not second or not first.seconds or not second.seconds:
                continue
            growth = second.seconds / first.seconds
            limit = GROWTH_GOAL * scales[after] / scales[before] / 2
            verdict = gettext("met" if growth <= limit else "MISSED", lang)
            lines.append(
                render("{label} from {before} to {after}: x{growth} (goal <= x{goal}): {verdict}",
                       {"label": gettext(LABELS[name], lang).format(rows="..."), "before": before,
                        "after": after, "growth": f"{growth:.2f}", "goal": f"{limit:.2f}",
                        "verdict": verdict}, lang)
            )
    return lines


def book_labels(books: Sequence[str]) -> dict[str, Path]:
    """Short distinct column labels for given books: the first folder where their paths differ."""
    paths = [Path(book).resolve() for book in books]
    common = Path(os.path.commonpath([str(p.parent) for p in paths])) if len(paths) > 1 else paths[0].parent
    labels = {}
    for path in paths:
        relative = path.relative_to(common)
        label = relative.parts[0] if len(relative.parts) > 1 else relative.name
        labels[label if label not in labels else str(relative)] = path
    return labels


def _given(path: Path) -> Callable[[], Path]:
    return lambda: path


def _demo(out: Path, shape: tuple[int, int, int, int]) -> Callable[[], Path]:
    made: list[Path] = []

    def make() -> Path:
        if not made:
            made.append(demo_book(out, *shape))
        return made[0]

    return make


@dataclasses.dataclass(frozen=True, slots=True)
class Size:
    """One book to measure: its column label, its scale for growth, and how to get it."""

    label: str
    scale: float
    make: Callable[[], Path]


@click.command()
@click.option("--areas", type=click.IntRange(min=1), default=11, help="Areas per province. / จำนวนพื้นที่")
@click.option(
    "--members", "members", type=click.IntRange(min=1), multiple=True,
    help="Members per area; repeat for each size (default 150, 300, 600). / จำนวนสมาชิกต่อพื้นที่",
)
@click.option("--years", type=click.IntRange(min=1), default=3, help="Years of books. / จำนวนปี")
@click.option("--seed", type=int, default=1, help="Seed of the demo generator. / ค่าเริ่มสุ่ม")
@click.option(
    "--book", "books", type=click.Path(exists=True, dir_okay=False), multiple=True,
    help="Measure these books instead of demo provinces (smallest first). / วัดบัญชีที่กำหนด",
)
@click.option(
    "--rows", type=click.IntRange(min=1), default=100_000,
    help="Statement rows to import. / จำนวนแถวของรายการเดินบัญชี",
)
@click.option(
    "--repeat", type=click.IntRange(min=1), default=1,
    help="Runs per measurement; the fastest counts. / จำนวนรอบ",
)
@click.option(
    "--only", type=click.Choice(MEASURES[1:]), multiple=True,
    help="Measure only these (the plain load always runs). / วัดเฉพาะรายการ",
)
@click.option(
    "--workdir", type=click.Path(file_okay=False), default=None,
    help="Keep the generated books here. / เก็บบัญชีที่สร้างไว้ที่นี่",
)
@lang_option()
def bench(
    *,
    areas: int,
    members: tuple[int, ...],
    years: int,
    seed: int,
    books: tuple[str, ...],
    rows: int,
    repeat: int,
    only: tuple[str, ...],
    workdir: str | None,
    lang: str | None,
) -> None:
    """Time our commands against a plain Beancount load of the same demo provinces.

    วัดเวลาของคำสั่งต่าง ๆ เทียบกับการโหลดบัญชีด้วย Beancount อย่างเดียว บนบัญชีตัวอย่างหลายขนาด

    Each measurement runs in a fresh process and runs its job twice: `s` is the CPU seconds of the second run,
    `start` what the first run took more (imports), `MB` the process's peak memory. Growth is
    the time over the previous size's. No goal stops the command: it reports.
    """
    language = resolve_lang(lang)
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="welfare-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    if books:
        sizes = [Size(label, 0.0, _given(path)) for label, path in book_labels(books).items()]
    else:
        sizes = [
            Size(str(m), float(m), _demo(root / f"members-{m}", (areas, m, years, seed)))
            for m in sorted(set(members or (150, 300, 600)))
        ]
        click.echo(
            render(
                BOOKS_LINE,
                {"areas": areas, "sizes": " / ".join(s.label for s in sizes), "years": years,
                 "seed": seed, "rows": f"{rows:,}"},
                language,
            )
        )
    chosen = set(only or MEASURES[1:])
    results: dict[str, dict[str, Result]] = {}
    scales: dict[str, float] = {}
    try:
        for size in sizes:
            results[size.label] = _bench_size(
                root, size, rows=rows, repeat=repeat, chosen=chosen, lang=language
            )
            scales[size.label] = size.scale or float(results[size.label]["plain"].facts.get("postings", 1))
    finally:
        for size in sizes:
            for leftover in size.make().parent.glob(PLAIN_PREFIX + "*"):
                leftover.unlink(missing_ok=True)
        if not workdir:
            shutil.rmtree(root, ignore_errors=True)
    labels = [size.label for size in sizes]
    click.echo(table(labels, results, rows, language))
    for line in verdicts(labels, scales, results, language):
        click.echo(line)


def _best(runs: list[Result]) -> Result:
    timed = [run for run in runs if run.seconds is not None]
    if not timed:
        return runs[0]
    fastest = min(timed, key=lambda run: run.seconds or 0.0)
    peak = max(run.peak_mb or 0.0 for run in timed)
    return dataclasses.replace(fastest, peak_mb=peak)


def _bench_size(
    root: Path, size: Size, *, rows: int, repeat: int, chosen: set[str], lang: Lang
) -> dict[str, Result]:
    started = time.perf_counter()
    book = size.make()
    plain = plain_copy(book)
    made = time.perf_counter() - started
    plain_job = {"measure": "plain", "plain": str(plain)}
    results = {"plain": _best([measure(plain_job, root) for _ in range(repeat)])}
    facts = results["plain"].facts
    if results["plain"].seconds is None:
        raise click.ClickException(f"{plain}: {results['plain'].note}")
    click.echo(
        render(
            "{members}: {transactions} transactions, {postings} postings; book ready in {seconds} s.",
            {"members": size.label, "transactions": f"{facts.get('transactions', 0):,}",
             "postings": f"{facts.get('postings', 0):,}", "seconds": f"{made:.1f}"},
            lang,
        )
    )
    statement = root / f"statement-{rows}.csv"
    if "import" in chosen and not statement.exists():
        write_statement(statement, rows, int(facts.get("last_year", 2024)), 1)
    for name, job in jobs_for(book, plain, facts, statement).items():
        if name not in chosen:
            continue
        if "note" in job:
            results[name] = Result(None, None, job["note"])
        else:
            results[name] = _best([measure(job, root) for _ in range(repeat)])
        if results[name].note:
            label = gettext(LABELS[name], lang).format(rows=f"{rows:,}")
            params = {"measure": label, "members": size.label, "reason": results[name].note}
            click.echo(render(SKIPPED, params, lang))
    return results
