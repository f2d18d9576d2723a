#!/usr/bin/env bash
# Runs every test: Rust unit and binary tests, the Python-layer tests, and the conformance
# cases this project has resolved (diffed byte for byte against PySpark 4.3.0).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="$(python3 -c 'import sys; print(sys.executable)')"
export PYO3_PYTHON="${PYO3_PYTHON:-$PYTHON}"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"

echo "== cargo test (release profile, shares the build with the binary)"
cargo test --release

echo "== pytest tests/python"
set +e
PYSPARK_BIN="$TARGET/release/pyspark" "$PYTHON" -m pytest -q tests/python
status=$?
set -e
# pytest exits 5 when it collects no tests; that is a failure of this suite too.
if [ "$status" -ne 0 ]; then
  echo "pytest failed with status $status" >&2
  exit "$status"
fi

CONFORMANCE="$ROOT/../shared/conformance"
if [ -x "$CONFORMANCE/run" ]; then
  echo "== conformance (resolved cases)"
  "$PYTHON" "$CONFORMANCE/run" --bin "$TARGET/release/pyspark" $(cat tests/conformance-resolved.txt)
else
  echo "== conformance skipped: $CONFORMANCE not found"
fi
