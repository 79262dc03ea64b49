"""Every report on the demo province: written whole, in the format each is read in.

Correctness only: how long the reports take is measured by `welfare bench` (whole processes
beside a plain Beancount load), never asserted in a test on a shared machine. The book is
loaded as the report commands load it: without the rules for the reports that show no
findings, with them for the notice, which lists the month's findings.
"""

from __future__ import annotations

from pathlib import Path

from welfare_ledger.plugins.loader import load_book
from welfare_ledger.scripts.reports import annual, areas, disclosure, member, redflags
from welfare_ledger.scripts.reports.output import write_report

DEMO = Path(__file__).resolve().parents[3] / "ledgers" / "main.beancount"


def test_reports_on_the_demo_province(tmp_path):
    loaded = load_book(DEMO, audit=False)
    assert all(f.rule == "beancount" for f in loaded.findings)
    book = loaded.facts()
    area = book.areas[0]
    last = max(o.date for o in book.outflows)
    code = next(c.member for c in reversed(book.contributions) if c.member)
    audited = load_book(DEMO)
    jobs = {
        "areas": (areas.build(book, last.year, "th"), "html"),
        "member": (member.build(book, code, None, "th"), "html"),
        "disclosure": (
            disclosure.build(
                audited.facts(), audited.findings, area, year=last.year, month=last.month, lang="th"
            ),
            "pdf",
        ),
        "annual": (annual.build(book, area, last.year, "th"), "html"),
        "redflags": (redflags.build(book, "th"), "html"),
    }
    for name, (report, fmt) in jobs.items():
        target = tmp_path / f"{name}.{fmt}"
        write_report(report, fmt, str(target), "th")
        assert target.stat().st_size > 0, name
    table = jobs["areas"][0].table
    assert list(table["area"])[-1] == "TOTAL"
    assert len(table) == len(book.areas) + 1
