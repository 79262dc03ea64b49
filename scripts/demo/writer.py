"""Write the province so that no reader ever sees half of it.

All files go to a hidden staging folder inside the output folder first; then each top-level
item (`main.beancount`, `areas/`, `documents/`) replaces the old one by a rename. On any error
the old items are put back and the staging folder is removed. Other files in the output
folder (a README, a `.gitignore`) are left alone.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping


def write_province(out: Path, files: Mapping[str, bytes]) -> None:
    """Replace the province in `out` with `files` (relative path -> bytes)."""
    out.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".welfare-demo-", dir=out))
    try:
        new = staging / "new"
        old = staging / "old"
        old.mkdir()
        for relative, data in files.items():
            target = new / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            target.chmod(0o644)
        _swap(out, new, old, sorted({relative.split("/")[0] for relative in files}))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap(out: Path, new: Path, old: Path, items: list[str]) -> None:
    moved: list[str] = []
    placed: list[str] = []
    try:
        for item in items:
            if (out / item).exists():
                (out / item).replace(old / item)
                moved.append(item)
            (new / item).replace(out / item)
            placed.append(item)
    except BaseException:
        for item in placed:
            with contextlib.suppress(OSError):
                if (out / item).is_dir():
                    shutil.rmtree(out / item)
                else:
                    (out / item).unlink()
        for item in moved:
            with contextlib.suppress(OSError):
                (old / item).replace(out / item)
        raise
