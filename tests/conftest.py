"""Shared test setup: no Beancount pickle cache, and a folder for artifacts such as screenshots."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests keep screenshots and rendered files for people to look at (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
