"""`bench_check`: times a plain load of a plugin-free mirror against `welfare check` and prints the ratio."""

from __future__ import annotations

import re

from beancount import loader
from click.testing import CliRunner
from welfare_ledger.scripts.bench_book import write_book
from welfare_ledger.scripts.bench_check import bench_check, mirror_without_plugin


def test_the_mirror_loads_without_our_plugin(tmp_path):
    book = write_book(tmp_path / "province", areas=1, members=8, years=1)
    plain = mirror_without_plugin(book, tmp_path / "plain")
    _, errors, options = loader.load_file(str(book))
    assert [name for name, _ in options["plugin"]] == ["welfare_ledger.plugins.transparency"]
    entries, errors, options = loader.load_file(str(plain))
    assert not errors and not options["plugin"] and entries
    included = sorted(p.name for p in (tmp_path / "plain" / "areas" / "Area00").iterdir())
    assert included == ["area.beancount", "docs"]


def test_bench_prints_both_times_and_the_ratio(tmp_path):
    book = write_book(tmp_path / "province", areas=1, members=8, years=1)
    result = CliRunner().invoke(bench_check, [str(book), "--repeat", "2", "--rules", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "plain Beancount load, plugin lines commented out: CPU median" in result.output
    assert "welfare check: CPU median" in result.output
    ratio = re.search(r"load: ([\d.]+) by best CPU time, ([\d.]+) by median", result.output)
    assert ratio is not None and float(ratio.group(1)) > 0
    for code in ("build_book", "split-payment", "grant-unreported"):
        assert f"  {code}: " in result.output
    thai = CliRunner().invoke(bench_check, [str(book), "--repeat", "1", "--lang", "th"])
    assert "ตามเวลา CPU ที่ดีที่สุด" in thai.output
