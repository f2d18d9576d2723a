#!/usr/bin/env bash
# The benchmark suite in one command: builds Ember, installs the peers each into a
# virtualenv of its own (pip's PySpark 4.3.0 of the connect-server set-up, pysail 0.7.2
# with pyspark-client 4.2.0, DataFusion's Python bindings) and matplotlib for the chart,
# then runs benches/suite.py, which generates the data and writes the README's
# Performance section. Takes about half an hour on two cores. Not run in CI; CI runs the
# suite's smoke mode (tests/python/test_bench_suite.py).
#   scripts/bench.sh [suite.py options]      e.g. --workloads tpch --runs 1
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CACHE="${EMBER_BENCH_CACHE:-$HOME/.cache/ember-bench}"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')"
export PYO3_PYTHON="${PYO3_PYTHON:-$PYTHON}"
mkdir -p "$CACHE"

cargo build --release
bash scripts/connect-server.sh install
if [ ! -x "$CACHE/sail-venv/bin/python" ] || ! "$CACHE/sail-venv/bin/python" -c "import pysail, pyspark" 2>/dev/null; then
  rm -rf "$CACHE/sail-venv"
  "$PYTHON" -m venv "$CACHE/sail-venv"
  "$CACHE/sail-venv/bin/pip" install --quiet --disable-pip-version-check pysail==0.7.2 "pyspark-client==4.2.0" pandas pyarrow
fi
if [ ! -x "$CACHE/datafusion-venv/bin/python" ] || ! "$CACHE/datafusion-venv/bin/python" -c "import datafusion" 2>/dev/null; then
  rm -rf "$CACHE/datafusion-venv"
  "$PYTHON" -m venv "$CACHE/datafusion-venv"
  "$CACHE/datafusion-venv/bin/pip" install --quiet --disable-pip-version-check datafusion==55.0.0 pandas pyarrow
fi
"$PYTHON" -m pip install --quiet --disable-pip-version-check matplotlib numpy pyarrow tpchgen-cli
exec "$PYTHON" benches/suite.py --readme "$@"
