"""Shared test setup: no Beancount pickle cache, our cache in a folder of the session's own (never
the user's), and a folder for artifacts such as screenshots."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"
os.environ["WELFARE_CACHE_DIR"] = tempfile.mkdtemp(prefix="welfare-test-cache-")

REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture
def artifacts_dir() -> Path:
    """Where tests keep screenshots and rendered files for people to look at (not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
