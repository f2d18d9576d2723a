#!/usr/bin/env bash
# TPC-H's 22 queries at a scale factor (default 1) on Ember, real PySpark 4.3.0 (the
# connect-server virtualenv) and raw DataFusion (its Python bindings, in a virtualenv of
# their own), one after the other on the same Parquet files from tpchgen-cli. Prints each
# query's seconds and Ember's ratio to the others. Not a test: machines are shared and
# noisy, so compare ratios from one run.
#   benches/tpch.sh [SCALE]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCALE="${1:-1}"
CACHE="$HOME/.cache/ember-tpch"
DATA="$CACHE/sf$SCALE"
OUT="$CACHE/results-sf$SCALE"
BIN="${PYSPARK_BIN:-$ROOT/target/release/pyspark}"
SPARK_PY="$HOME/.cache/ember-spark/venv/bin/python"
DF_VENV="$CACHE/datafusion-venv"
if [ ! -f "$DATA/lineitem.parquet" ]; then
  tpchgen-cli parquet -s "$SCALE" --output-dir "$DATA"
fi
if [ ! -x "$DF_VENV/bin/python" ]; then
  python3 -m venv "$DF_VENV"
  "$DF_VENV/bin/pip" install --quiet datafusion==55.0.0
fi
rm -rf "$OUT" && mkdir -p "$OUT"
"$BIN" "$ROOT/tests/tpch/run_queries.py" "$DATA" "$OUT/ember"
PYSPARK_PYTHON="$SPARK_PY" "$SPARK_PY" "$ROOT/tests/tpch/run_queries.py" "$DATA" "$OUT/pyspark" 2>/dev/null
"$DF_VENV/bin/python" "$ROOT/benches/tpch_datafusion.py" "$DATA" "$OUT/datafusion"
python3 - "$OUT" <<'PY'
import os, sys
out = sys.argv[1]
def read(engine):
    with open(os.path.join(out, engine, "timings.txt")) as f:
        return dict(line.split() for line in f if line.strip())
ember, spark, fusion = read("ember"), read("pyspark"), read("datafusion")
print("%-5s %9s %9s %11s %14s %16s" % ("query", "ember s", "pyspark s", "datafusion s", "pyspark/ember", "ember/datafusion"))
totals = [0.0, 0.0, 0.0]
for q in sorted(ember):
    e, s, d = float(ember[q]), float(spark[q]), float(fusion[q])
    totals = [totals[0] + e, totals[1] + s, totals[2] + d]
    print("%-5s %9.3f %9.3f %11.3f %14.1f %16.2f" % (q, e, s, d, s / e, e / d))
e, s, d = totals
print("%-5s %9.3f %9.3f %11.3f %14.1f %16.2f" % ("total", e, s, d, s / e, e / d))
PY
