"""`welfare bench`: what people wait for, as whole processes, against a plain Beancount load of the same book.

For each book (the given books, or demo provinces of growing size) the bench runs, each as a
whole process the way a person starts it, in rounds that alternate with a plain load of the
same book (our plugin lines removed, the cycle collector paused as our commands pause it):
`welfare check` cold (no cache) and warm (unchanged books, from the cache), the pre-commit
hook on a one-area commit, `welfare serve` until the first member page (cold and warm), each
report, and `welfare import --book`. It prints the median CPU seconds (user and system of the
process and its children: the machine is shared, wall time swings), the median wall seconds,
the ratio to the plain load's median, the peak memory, and each against its goal. With
`--funds`, it exports that many one-area funds and prints the cost per fund.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from welfare_ledger.plugins.i18n import Lang, gettext, render
from welfare_ledger.scripts.common import atomic_write, lang_option, resolve_lang

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

PLUGIN_LINE = re.compile(r'^\s*plugin\s+"welfare_ledger\.[^"]*".*$', re.MULTILINE)
PLAIN_PREFIX = ".bench-plain-"
PLAIN = "plain Beancount load (collector paused)"
LABELS = {
    "check": "welfare check, cold",
    "check-warm": "welfare check, warm",
    "hook": "pre-commit hook, one-area commit",
    "page": "welfare serve, first page, cold",
    "page-warm": "welfare serve, first page, warm",
    "report-areas": "welfare report areas",
    "report-annual": "welfare report annual",
    "report-redflags": "welfare report redflags",
    "report-member": "welfare report member",
    "report-disclosure": "welfare report disclosure",
    "import": "welfare import --book, {rows} rows",
    "import-result": "plain load of the book with the imported entries",
}
MEASURES = tuple(LABELS)
RATIO_GOALS = {"check": 1.1, "check-warm": 0.5, **{m: 1.5 for m in MEASURES if m.startswith("report-")}}
"""CPU over the plain load's: cold check 1.1x, warm check well under (half), reports 1.5x (issue 8)."""
FLOOR_GOALS = {"import": ("import-result", 1.0)}
"""CPU over another measurement's: an import no slower than a plain load of what it produces."""
PLAIN_LOAD = (
    "import gc, sys; gc.disable(); from beancount import loader; "
    "loader._load([(sys.argv[1], True)], None, None, None)"
)
"""Beancount's load as Fava calls it, the collector paused as our commands pause it."""
PATH_LINE = re.compile(r'^(\s*(?:include|option\s+"documents")\s+")([^"]+)(".*)$', re.MULTILINE)
"""An include or documents folder, whose path is relative to the file that names it."""
WALL_GOALS = {"hook": 2.0, "page-warm": 3.0}
"""Wall seconds a person waits: the hook about 2 s, the first member page about 3 s."""
BOOKS_LINE = "Books: {areas} areas x {sizes} members x {years} years (seed {seed}); statement: {rows} rows."
SKIPPED = "{measure}: skipped on {members}: {reason}"
HEAD = "measurement"
GOAL_LINE = "{label} on {book}: {value} (goal {goal}): {verdict}"
FUNDS_LINE = (
    "export of {funds} funds ({how}): {cpu} s CPU, {wall} s wall; "
    "{per_cpu} s CPU and {per_wall} s wall per fund"
)
READY = "{book}: {transactions} transactions, {postings} postings; book ready in {seconds} s."


@dataclasses.dataclass(frozen=True, slots=True)
class Run:
    """One whole process: CPU seconds (its own and its children's), wall seconds, peak memory."""

    cpu: float
    wall: float
    peak_mb: float


@dataclasses.dataclass
class Figures:
    """The runs of one measurement on one book (or why it could not run)."""

    runs: list[Run] = dataclasses.field(default_factory=list)
    note: str | None = None

    def median(self, which: str) -> float | None:
        """The median of `cpu`, `wall` or `peak_mb` over the runs."""
        values = [getattr(run, which) for run in self.runs]
        return statistics.median(values) if values else None


# ---- running whole processes ----------------------------------------------------------------


def run_process(command: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> Run:
    """Run a command to its end; its CPU includes the processes it waited for (the hook's, a pool's)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command), env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    stderr = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise RuntimeError((stderr.strip().splitlines() or [f"exit {code}"])[-1][:300])
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _process_cpu(pid: int) -> float:
    """CPU seconds of a running process, all its threads (from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_page(welfare: str, book: Path, env: dict[str, str], timeout: float = 300.0) -> Run:
    """Start `welfare serve` on the book; the time until `/` answers with the member page.

    Not the loading page: that one answers within a second, while the books load behind it.
    """
    port = _free_port()
    started = time.perf_counter()
    server = subprocess.Popen(
        [welfare, "--lang", "en", "serve", str(book), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while time.perf_counter() - started < timeout:
            if server.poll() is not None:
                raise RuntimeError(f"welfare serve stopped (exit {server.returncode})")
            if _member_page(port):
                return Run(_process_cpu(server.pid), time.perf_counter() - started, _peak_mb(server.pid))
            time.sleep(0.05)
        raise RuntimeError("no member page within the time allowed")
    finally:
        server.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            server.wait(timeout=10)
        if server.poll() is None:
            server.kill()
            server.wait()


def _member_page(port: int) -> bool:
    """Whether the server answers `/` with a page of the books (not the loading page)."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as answer:
            return answer.status == 200 and b"welfare-loading" not in answer.read()
    except (OSError, urllib.error.URLError):
        return False


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ---- books, copies and jobs ----------------------------------------------------------------


def demo_book(out: Path, areas: int, members: int, years: int, seed: int) -> Path:
    """Write a demo province with `welfare demo` and return its main book."""
    args = ["demo", "--out", str(out), "--areas", str(areas), "--members", str(members)]
    args += ["--years", str(years), "--seed", str(seed)]
    done = subprocess.run(
        [sys.executable, "-c", "from welfare_ledger.scripts.cli import main; main()", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise click.ClickException(f"welfare demo: {(done.stderr or done.stdout).strip()[-500:]}")
    return out / "main.beancount"


def plain_copy(book: Path) -> Path:
    """The book with our plugin lines removed, beside it so that its includes still resolve.

    Beancount runs only the top file's plugins, so this is the same book without our audit.
    It is written once: a file that changes in the book's folder rightly invalidates the cache.
    """
    plain = book.with_name(PLAIN_PREFIX + book.name)
    text = PLUGIN_LINE.sub("", book.read_text(encoding="utf-8"))
    if not plain.exists() or plain.read_text(encoding="utf-8") != text:
        plain.write_text(text, encoding="utf-8")
    return plain


def write_statement(path: Path, rows: int, year: int, seed: int) -> None:
    """A bank statement of `rows` lines over `year`, with the data model's English headers."""
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


def book_facts(book: Path) -> dict[str, Any]:
    """What the jobs ask of the book: a year, month, area, member, bank account, an area's file."""
    from beancount.core.data import Custom, Open, Transaction
    from welfare_ledger.plugins.loader import load_book

    entries = load_book(book, audit=False, remember=False).entries
    facts: dict[str, Any] = {"transactions": 0, "postings": 0}
    last = None
    for entry in entries:
        if isinstance(entry, Transaction):
            facts["transactions"] += 1
            facts["postings"] += len(entry.postings)
            last = entry
        elif isinstance(entry, Custom) and entry.type == "area":
            facts.setdefault("area", entry.values[0].value)
        elif isinstance(entry, Custom) and entry.type == "member":
            facts.setdefault("member", entry.values[0].value)
        elif isinstance(entry, Open) and ":Bank:" in entry.account:
            facts.setdefault("bank", entry.account)
    if last is not None:
        facts["last_year"] = last.date.year
        facts["last_month"] = f"{last.date.year:04d}-{last.date.month:02d}"
        facts["last_file"] = str(last.meta.get("filename", ""))
    return facts


def report_args(kind: str, facts: dict[str, Any]) -> list[str]:
    """The arguments of each report: the book's last year and month, first area and member."""
    if kind == "areas":
        return ["--year", str(facts["last_year"]), "--format", "html"]
    if kind == "annual":
        return ["--area", facts["area"], "--year", str(facts["last_year"]), "--format", "html"]
    if kind == "member":
        return ["--member", facts["member"], "--format", "html"]
    if kind == "disclosure":
        return ["--area", facts["area"], "--month", facts["last_month"], "--format", "html"]
    return ["--format", "html"]


@dataclasses.dataclass
class Bench:
    """The jobs of one book: each a callable that runs one whole process."""

    book: Path
    work: Path
    facts: dict[str, Any]
    rows: int
    welfare: str = dataclasses.field(default_factory=lambda: str(Path(sys.executable).with_name("welfare")))

    def env(self, cache: str | None) -> dict[str, str]:
        """The environment of a run: no Beancount pickle; our cache off, or in a folder of its own."""
        env = {**os.environ, "BEANCOUNT_DISABLE_LOAD_CACHE": "1", "WELFARE_LANG": "en"}
        env.pop("WELFARE_CACHE_DIR", None)
        if cache is None:
            env["WELFARE_CACHE"] = "off"
        else:
            env["WELFARE_CACHE"] = "on"
            env["WELFARE_CACHE_DIR"] = str(self.work / cache)
        return env

    def plain(self) -> Run:
        """A plain Beancount load of the book without our plugin, the collector paused."""
        return run_process([sys.executable, "-c", PLAIN_LOAD, str(plain_copy(self.book))], self.env(None))

    def welfare_run(self, args: list[str], cache: str | None = None) -> Run:
        """`welfare ARGS` as a whole process (our cache off, or in the named folder)."""
        return run_process([self.welfare, "--lang", "en", *args], self.env(cache))

    def jobs(self) -> dict[str, Callable[[], Run]]:
        """Every measurement, ready to run (the warm ones warm their cache first, once)."""
        book = str(self.book)
        jobs: dict[str, Callable[[], Run]] = {
            "check": lambda: self.welfare_run(["check", book, "--format", "json"]),
            "check-warm": self._warm_check,
            "hook": self._hook_commit,
            "page": lambda: first_page(self.welfare, self.book, self.env(None)),
            "page-warm": self._warm_page,
        }
        for kind in ("areas", "annual", "redflags", "member", "disclosure"):
            args = [
                "report",
                kind,
                book,
                *report_args(kind, self.facts),
                "--output",
                str(self.work / f"{kind}.html"),
            ]
            jobs[f"report-{kind}"] = functools.partial(self.welfare_run, args)
        jobs["import"] = self._import
        jobs["import-result"] = self._plain_result
        return jobs

    def _warm_check(self) -> Run:
        if not (self.work / "check-cache").exists():
            self.welfare_run(["check", str(self.book), "--format", "json"], "check-cache")
        return self.welfare_run(["check", str(self.book), "--format", "json"], "check-cache")

    def _warm_page(self) -> Run:
        cache = self.work / "page-cache"
        if not cache.exists():
            first_page(self.welfare, self.book, self.env("page-cache"))
            deadline = time.monotonic() + 300
            while not list((cache / "entries").glob("*.pickle")) and time.monotonic() < deadline:
                first_page(self.welfare, self.book, self.env("page-cache"))
        return first_page(self.welfare, self.book, self.env("page-cache"))

    def _import(self) -> Run:
        statement = self.work / f"statement-{self.rows}.csv"
        if not statement.exists():
            write_statement(statement, self.rows, int(self.facts.get("last_year", 2024)), 1)
        out = self.work / "imported.beancount"
        args = [
            "import",
            str(statement),
            "--account",
            self.facts["bank"],
            "--book",
            str(self.book),
            "--output",
            str(out),
        ]
        try:
            return self.welfare_run(args)
        finally:
            if out.exists():
                out.replace(self.work / "imported-kept.beancount")

    def _plain_result(self) -> Run:
        """A plain load of what the import produces: the book and the imported entries together.

        The main file is written in the work folder (a file added beside the book would change the
        folder the warm measurements' caches watch), with the book's includes and documents folders
        made absolute.
        """
        imported = self.work / "imported-kept.beancount"
        if not imported.exists():
            self._import()
        folder = self.book.parent

        def absolute(match: re.Match[str]) -> str:
            return f"{match.group(1)}{(folder / match.group(2)).as_posix()}{match.group(3)}"

        text = PATH_LINE.sub(absolute, PLUGIN_LINE.sub("", self.book.read_text(encoding="utf-8")))
        result = self.work / "result.beancount"
        result.write_text(f'{text}\ninclude "{imported.as_posix()}"\n', encoding="utf-8")
        return run_process([sys.executable, "-c", PLAIN_LOAD, str(result)], self.env(None))

    def _hook_commit(self) -> Run:
        """A commit changing one line of one area's yearly file, the hook installed and warm."""
        repo = self.work / "repo"
        env = {
            **self.env("hook-cache"),
            "GIT_AUTHOR_NAME": "t",
            "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t",
            "GIT_COMMITTER_EMAIL": "t@example.org",
        }
        folder = repo / "books"
        if not repo.exists():
            shutil.copytree(self.book.parent, folder, ignore=shutil.ignore_patterns(PLAIN_PREFIX + "*"))
            for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "books"]):
                subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True)
            subprocess.run(
                [self.welfare, "install-hook", "--repo", str(repo), f"books/{self.book.name}"],
                env=env,
                check=True,
                capture_output=True,
            )
            self._edit_and_commit(repo, env)
        return self._edit_and_commit(repo, env)

    def _edit_and_commit(self, repo: Path, env: dict[str, str]) -> Run:
        target = repo / "books" / Path(self.facts["last_file"]).relative_to(self.book.parent)
        with target.open("a", encoding="utf-8") as stream:
            stream.write(f"\n; reviewed {time.time_ns()}\n")
        subprocess.run(["git", "-C", str(repo), "add", "-A"], env=env, check=True, capture_output=True)
        return run_process(["git", "-C", str(repo), "commit", "-q", "-m", "one area"], env)


def bench_book(bench: Bench, measures: Sequence[str], rounds: int, lang: Lang) -> dict[str, Figures]:
    """Rounds of the plain load then every measurement, so that each meets the same machine."""
    figures = {name: Figures() for name in ("plain", *measures)}
    jobs = bench.jobs()
    for _ in range(rounds):
        figures["plain"].runs.append(bench.plain())
        for name in measures:
            if figures[name].note:
                continue
            try:
                figures[name].runs.append(jobs[name]())
            except (RuntimeError, KeyError, OSError, subprocess.CalledProcessError) as exc:
                figures[name].note = str(exc) or type(exc).__name__
                label = gettext(LABELS[name], lang).format(rows=f"{bench.rows:,}")
                click.echo(
                    render(
                        SKIPPED,
                        {"measure": label, "members": bench.book.parent.name, "reason": figures[name].note},
                        lang,
                    )
                )
    return figures


# ---- the table and the goals ------------------------------------------------------------------


def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def table(books: list[str], results: dict[str, dict[str, Figures]], rows: int, lang: Lang) -> str:
    """Median CPU seconds, ratio to the plain load's median, median wall seconds, peak memory."""
    head = [gettext(HEAD, lang)]
    for book in books:
        head += [f"{book}: cpu", "x plain", "wall", "MB"]
    lines = [head]
    for name in ("plain", *MEASURES):
        if not any(name in results[book] for book in books):
            continue
        label = gettext(PLAIN if name == "plain" else LABELS[name], lang).format(rows=f"{rows:,}")
        line = [label]
        for book in books:
            found = results[book].get(name)
            plain = results[book]["plain"].median("cpu")
            cpu = found.median("cpu") if found else None
            line += [_fmt(cpu), _fmt(cpu / plain if cpu is not None and plain else None)]
            line += [
                _fmt(found.median("wall") if found else None),
                _fmt(found.median("peak_mb") if found else None, 0),
            ]
        lines.append(line)
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    return "\n".join(
        "  ".join(
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )


def verdicts(books: list[str], results: dict[str, dict[str, Figures]], lang: Lang) -> list[str]:
    """Each measurement against its goal: a ratio to the plain load, or the wall seconds people wait."""
    lines = []
    for book in books:
        plain = results[book]["plain"].median("cpu")
        for name in MEASURES:
            found = results[book].get(name)
            if found is None or not found.runs:
                continue
            label = gettext(LABELS[name], lang).format(rows="...")
            floor = results[book].get(FLOOR_GOALS[name][0]) if name in FLOOR_GOALS else None
            if floor is not None and floor.runs and floor.median("cpu"):
                base, goal = FLOOR_GOALS[name]
                value = (found.median("cpu") or 0.0) / (floor.median("cpu") or 1.0)
                shown, wanted = f"{value:.2f}x {base}", f"<= {goal}x"
            elif name in RATIO_GOALS and plain:
                value = (found.median("cpu") or 0.0) / plain
                goal = RATIO_GOALS[name]
                shown, wanted = f"{value:.2f}x plain", f"<= {goal}x"
            elif name in WALL_GOALS:
                value, goal = found.median("wall") or 0.0, WALL_GOALS[name]
                shown, wanted = f"{value:.1f} s wall", f"about {goal} s"
            else:
                continue
            verdict = gettext(
                "met" if value <= goal * (1.1 if name in WALL_GOALS else 1.0) else "MISSED", lang
            )
            lines.append(
                render(
                    GOAL_LINE,
                    {"label": label, "book": book, "value": shown, "goal": wanted, "verdict": verdict},
                    lang,
                )
            )
    return lines


# ---- the national export: cost per fund --------------------------------------------------------


def export_per_fund(  # noqa: PLR0917  (the bench's own settings, passed on)
    root: Path, counts: Sequence[int], members: int, years: int, jobs: int, lang: Lang
) -> list[str]:
    """Export growing numbers of one-area funds with the process pool and on Dask; cost per fund."""
    fund = demo_book(root / "fund-template", 1, members, years, 1)
    welfare = str(Path(sys.executable).with_name("welfare"))
    env = {**os.environ, "WELFARE_CACHE": "off", "BEANCOUNT_DISABLE_LOAD_CACHE": "1"}
    lines = []
    for count in counts:
        books = []
        for index in range(count):
            folder = root / f"funds-{count}" / f"fund-{index:04d}"
            if not folder.exists():
                shutil.copytree(fund.parent, folder)
            books.append(str(folder / "main.beancount"))
        for how, extra in (("process pool", []), ("dask, local cluster", ["--scheduler", "local"])):
            out = root / f"parquet-{count}-{len(extra)}"
            shutil.rmtree(out, ignore_errors=True)
            try:
                run = run_process(
                    [welfare, "export", "--parquet", str(out), "--jobs", str(jobs), *extra, *books], env
                )
            except RuntimeError as exc:
                lines.append(render(SKIPPED, {"measure": how, "members": count, "reason": exc}, lang))
                continue
            params = {
                "funds": count,
                "how": how,
                "cpu": f"{run.cpu:.1f}",
                "wall": f"{run.wall:.1f}",
                "per_cpu": f"{run.cpu / count:.2f}",
                "per_wall": f"{run.wall / count:.2f}",
            }
            lines.append(render(FUNDS_LINE, params, lang))
    return lines


# ---- the command --------------------------------------------------------------------------------


@click.command()
@click.option("--areas", type=click.IntRange(min=1), default=11, help="Areas per demo province. / จำนวนพื้นที่")
@click.option(
    "--members",
    "members",
    type=click.IntRange(min=1),
    multiple=True,
    help="Members per area of each demo province (repeat). / จำนวนสมาชิกต่อพื้นที่",
)
@click.option("--years", type=click.IntRange(min=1), default=3, help="Years of books. / จำนวนปี")
@click.option("--seed", type=int, default=1, help="Seed of the demo generator. / ค่าเริ่มสุ่ม")
@click.option(
    "--book",
    "books",
    type=click.Path(exists=True, dir_okay=False),
    multiple=True,
    help="Measure these books (also or instead of demo provinces). / วัดบัญชีที่กำหนด",
)
@click.option(
    "--rows", type=click.IntRange(min=1), default=20_000, help="Statement rows to import. / จำนวนแถว"
)
@click.option(
    "--rounds", type=click.IntRange(min=1), default=3, help="Rounds; medians are printed. / จำนวนรอบ"
)
@click.option(
    "--only", type=click.Choice(MEASURES), multiple=True, help="Measure only these. / วัดเฉพาะรายการ"
)
@click.option(
    "--funds",
    type=click.IntRange(min=1),
    multiple=True,
    help="Also export this many one-area funds (repeat) and print the cost per fund. / จำนวนกองทุนที่ส่งออก",
)
@click.option("--jobs", type=click.IntRange(min=1), default=2, help="Workers of the export. / จำนวนโปรเซส")
@click.option(
    "--workdir", type=click.Path(file_okay=False), default=None, help="Keep the work here. / โฟลเดอร์งาน"
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
    rounds: int,
    only: tuple[str, ...],
    funds: tuple[int, ...],
    jobs: int,
    workdir: str | None,
    lang: str | None,
) -> None:
    """Time what people wait for, as whole processes, against a plain Beancount load of the same books.

    วัดเวลาที่ผู้ใช้ต้องรอ (ทั้งโปรเซส) เทียบกับการโหลดบัญชีด้วย Beancount อย่างเดียว

    Each round runs the plain load, then every measurement; medians over the rounds are printed,
    with each goal. No goal stops the command: it reports.
    """
    language = resolve_lang(lang)
    root = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="welfare-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    chosen = list(only or MEASURES)
    if "import" in chosen and "import-result" not in chosen:
        chosen.append("import-result")
    targets: dict[str, Path] = {}
    for given in books:
        targets[Path(given).resolve().parent.name or Path(given).stem] = Path(given).resolve()
    if members:
        params = {
            "areas": areas,
            "sizes": " / ".join(map(str, members)),
            "years": years,
            "seed": seed,
            "rows": f"{rows:,}",
        }
        click.echo(render(BOOKS_LINE, params, language))
    results: dict[str, dict[str, Figures]] = {}
    try:
        for size in sorted(set(members)):
            targets[str(size)] = demo_book(root / f"members-{size}", areas, size, years, seed)
        for label, path in targets.items():
            started = time.perf_counter()
            facts = book_facts(path)
            params = {
                "book": label,
                "transactions": f"{facts['transactions']:,}",
                "postings": f"{facts['postings']:,}",
                "seconds": f"{time.perf_counter() - started:.1f}",
            }
            click.echo(render(READY, params, language))
            work = root / f"work-{label}"
            work.mkdir(exist_ok=True)
            results[label] = bench_book(Bench(path, work, facts, rows), chosen, rounds, language)
        labels = list(targets)
        if labels:
            click.echo(table(labels, results, rows, language))
            for line in verdicts(labels, results, language):
                click.echo(line)
        for line in export_per_fund(root, sorted(set(funds)), 75, years, jobs, language) if funds else []:
            click.echo(line)
    finally:
        for path in targets.values():
            path.with_name(PLAIN_PREFIX + path.name).unlink(missing_ok=True)
        if not workdir:
            shutil.rmtree(root, ignore_errors=True)
