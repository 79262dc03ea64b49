"""On the demo province every report's own work takes a few seconds; printed beside a plain load.

Run with `-s` to see the table. Times are CPU seconds of this process, so that other work on
the machine does not count; the wall time is printed too. The book is loaded once with every
rule (as `welfare report` does), then each report builds its facts afresh and writes its file.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from beancount import loader
from welfare_ledger.plugins.book import build_book
from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.bench import plain_copy
from welfare_ledger.scripts.reports import annual, areas, disclosure, member, redflags
from welfare_ledger.scripts.reports.output import write_report

DEMO = Path(__file__).resolve().parents[3] / "ledgers" / "main.beancount"
OWN_WORK_LIMIT = 5.0


def timed(action):
    wall, cpu = time.perf_counter(), time.process_time()
    result = action()
    return result, time.perf_counter() - wall, time.process_time() - cpu


@pytest.mark.skipif(not DEMO.exists(), reason="the demo province is written by `welfare demo`")
def test_reports_on_the_demo_province(tmp_path):
    plain = plain_copy(DEMO)
    try:
        _, plain_wall, plain_cpu = timed(lambda: loader.load_file(str(plain)))
    finally:
        plain.unlink()
    loaded, load_wall, load_cpu = timed(lambda: load_book(DEMO))
    first = build_book(loaded.entries, loaded.options)
    area = first.areas[0]
    last = max(o.date for o in first.outflows)
    code = next(c.member for c in reversed(first.contributions) if c.member)
    jobs = {
        "areas": (lambda b: areas.build(b, last.year, "th"), "html"),
        "member": (lambda b: member.build(b, code, last, "th"), "html"),
        "disclosure": (
            lambda b: disclosure.build(b, loaded.findings, area, year=last.year, month=last.month, lang="th"),
            "pdf",
        ),
        "annual": (lambda b: annual.build(b, area, last.year, "th"), "html"),
        "redflags": (lambda b: redflags.build(b, "th"), "html"),
    }
    lines = [
        f"{'':<12}{'wall s':>9}{'cpu s':>9}{'x plain':>9}",
        f"{'plain load':<12}{plain_wall:>9.2f}{plain_cpu:>9.2f}{1:>9.2f}",
        f"{'load+rules':<12}{load_wall:>9.2f}{load_cpu:>9.2f}{load_cpu / plain_cpu:>9.2f}",
    ]
    own = {}
    for name, (make, fmt) in jobs.items():
        target = tmp_path / f"{name}.{fmt}"

        def job(make=make, fmt=fmt, target=target):
            write_report(make(build_book(loaded.entries, loaded.options)), fmt, str(target), "th")

        _, wall, cpu = timed(job)
        own[name] = cpu
        total = load_cpu + cpu
        lines.append(f"{name:<12}{wall:>9.2f}{cpu:>9.2f}{total / plain_cpu:>9.2f}  (with the load)")
        assert target.stat().st_size > 0
    print("\n" + "\n".join(lines))
    slow = {name: cpu for name, cpu in own.items() if cpu > OWN_WORK_LIMIT}
    assert not slow, slow
