"""Reports that show no findings do not run the rules; the notice, which shows them, does.

The rules are counted as they are loaded for an audit (`audit.load_rules`), on a book that
declares the transparency plugin, so an audit inside Beancount's load would count too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from welfare_ledger.plugins import audit

CLEAN = Path(__file__).resolve().parents[1] / "check_books" / "clean.beancount"


@pytest.fixture
def audits(monkeypatch):
    calls: list[int] = []
    real = audit.load_rules

    def counted():
        calls.append(1)
        return real()

    monkeypatch.setattr(audit, "load_rules", counted)
    return calls


@pytest.mark.parametrize(
    "args",
    [
        ("areas", "--year", "2021"),
        ("annual", "--area", "BangMueang", "--year", "2021"),
        ("redflags",),
        ("member", "--member", "BM-0001"),
    ],
    ids=lambda a: a[0],
)
def test_reports_without_findings_run_no_rule(run, audits, args):
    assert 'plugin "welfare_ledger.plugins.transparency"' in CLEAN.read_text(encoding="utf-8")
    run("report", args[0], CLEAN, *args[1:])
    assert audits == []


def test_the_notice_and_check_do_run_them(run, audits, monkeypatch):
    monkeypatch.setenv("WELFARE_CACHE", "off")  # else the check recalls what the notice's audit found
    run("report", "disclosure", CLEAN, "--area", "BangMueang", "--month", "2021-03", "--format", "csv")
    assert len(audits) == 1
    run("check", CLEAN, code=1)  # its claim form is not beside it here: an error, found by the rules
    assert len(audits) == 2


SHOWS_MATPLOTLIB = """
import sys
from welfare_ledger.scripts.cli import cli
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    print("matplotlib" in sys.modules, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "args",
    [
        ("areas", "--year", "2021"),
        ("annual", "--area", "BangMueang", "--year", "2021"),
        ("redflags",),
    ],
    ids=lambda a: a[0],
)
def test_tables_draw_no_chart_and_pages_do(tmp_path, args):
    """A CSV or XLSX has no chart to draw, so it does not pay for matplotlib; the page still has them."""
    import subprocess
    import sys

    def matplotlib_loaded(fmt: str) -> bool:
        out = tmp_path / f"out.{fmt}"
        command = [sys.executable, "-c", SHOWS_MATPLOTLIB, "--lang", "en", "report", args[0], str(CLEAN),
                   *args[1:], "--format", fmt, "--output", str(out)]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
        assert out.stat().st_size > 0
        return done.stderr.strip().splitlines()[-1] == "True"

    assert not matplotlib_loaded("csv")
    assert not matplotlib_loaded("xlsx")
    assert matplotlib_loaded("html")
    assert "data:image/svg+xml" in (tmp_path / "out.html").read_text(encoding="utf-8")
