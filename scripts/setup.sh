#!/usr/bin/env bash
# Set up a virtual environment with welfare-ledger and its test tools in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[test,parquet,pdf]"
