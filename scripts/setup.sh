#!/usr/bin/env bash
# Set up welfare-ledger in .venv. With --system, also install the Debian packages that the
# browser tests and the PDF notices need (Chromium, Thai fonts, Pango), using sudo when not root.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--system" ]; then
  as_root=""
  [ "$(id -u)" -eq 0 ] || as_root="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $as_root apt-get update -qq
  $as_root apt-get install -y -qq chromium fonts-thai-tlwg libpango-1.0-0 libpangoft2-1.0-0 git python3-venv >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e ".[test,parquet,pdf]"
