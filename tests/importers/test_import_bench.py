"""The import is no slower than a plain Beancount load of what it produces (CPU time)."""

from __future__ import annotations

from welfare_ledger.scripts.bench_import import time_import, time_load, write_statement


def test_import_no_slower_than_loading_its_result(tmp_path):
    statement = tmp_path / "statement.csv"
    write_statement(statement, 5000)
    (_, imported_cpu), text, kept = time_import(statement)
    (_, loaded_cpu), count, errors = time_load(text)
    assert kept == 5001
    assert errors == 0
    assert count == kept + 5
    assert imported_cpu <= loaded_cpu, (imported_cpu, loaded_cpu)
