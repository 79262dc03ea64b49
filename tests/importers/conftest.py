"""The importer tests share the banks' sample layouts (`bank_layouts`), kept beside them."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
