"""Fixtures of the report tests: the CLI runner, the small province book, beanquery sums."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from beancount import loader
from beanquery.query import run_query
from click.testing import CliRunner
from welfare_ledger.scripts.cli import cli

BOOKS = Path(__file__).with_name("books")


class Run:
    """`welfare` run in-process with click's runner; standard output and error kept apart."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path, code: int = 0):
        result = self.runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
        assert result.exit_code == code, (result.exit_code, result.output, result.stderr)
        return result

    def csv(self, *args: str | Path) -> pd.DataFrame:
        """A CSV report read back as text columns, so amounts compare exactly as Decimals."""
        result = self(*args, "--format", "csv")
        return pd.read_csv(io.StringIO(result.stdout), dtype=str, keep_default_na=False)


class Sums:
    """`sum(number)` of the postings of a loaded book matching a beanquery `WHERE` clause."""

    def __init__(self, loaded: tuple[list, dict]) -> None:
        self.loaded = loaded

    def __call__(self, where: str) -> Decimal:
        _, rows = run_query(*self.loaded, f"SELECT sum(number) WHERE {where}")
        return rows[0][0] if rows and rows[0][0] is not None else Decimal(0)


@pytest.fixture
def run() -> Run:
    return Run()


@pytest.fixture(scope="session")
def books() -> Path:
    """The folder of the small books these tests read."""
    return BOOKS


@pytest.fixture(scope="session")
def small_book() -> Path:
    """A province of two areas over 2023 and early 2024."""
    return BOOKS / "small.beancount"


@pytest.fixture(scope="session")
def bql(small_book: Path) -> Sums:
    entries, errors, options = loader.load_file(str(small_book))
    assert not errors, errors
    return Sums((entries, options))


@pytest.fixture(scope="session")
def bql_of():
    """Beanquery sums over any book file."""

    def sums(path: Path) -> Sums:
        entries, _, options = loader.load_file(str(path))
        return Sums((entries, options))

    return sums


def dec(text: str) -> Decimal:
    """An amount of a CSV report (empty is zero)."""
    return Decimal(text) if text else Decimal(0)


@pytest.fixture(scope="session")
def amount():
    """`dec`, for tests that read amounts of CSV reports."""
    return dec
