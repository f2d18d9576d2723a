#!/usr/bin/env bash
# Records the differential probes' expected output from real PySpark 4.3.0, in one
# PySpark process (local[2], session time zone UTC): tests/differential/expected/*.out.
# Usage: scripts/record_differential.sh [PROBE_FILE.py …]   (default: every probe file)
# Needs the virtualenv of scripts/connect-server.sh install, and Java 17.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${EMBER_SPARK_VENV:-$HOME/.cache/ember-spark/venv}"
bash "$ROOT/scripts/connect-server.sh" install
cd "$ROOT/tests/differential"
TZ=UTC PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python" \
  "$VENV/bin/python" run_probes.py --out expected "$@"
