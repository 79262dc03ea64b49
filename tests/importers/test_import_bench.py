"""The benchmark's statement imports whole and loads clean (its speed is measured by the script, not here)."""

from __future__ import annotations

from welfare_ledger.scripts.bench_import import time_import, time_load, write_statement


def test_benchmark_statement_imports_and_loads(tmp_path):
    statement = tmp_path / "statement.csv"
    write_statement(statement, 2000)
    _, text, kept = time_import(statement)
    _, count, errors = time_load(text)
    assert kept == 2001, "every row and the closing balance"
    assert errors == 0
    assert count == kept + 7
