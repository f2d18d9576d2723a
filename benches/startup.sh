#!/usr/bin/env bash
# Start-up benchmark: time from launch to the printed result of `spark.range(10).count()`
# piped on stdin, for Ember's release binary and for real PySpark 4.3.0, in one run.
# Reports the median of RUNS runs each and the ratio. Not a test: timings are noisy.
#   REAL_PYSPARK=/path/to/venv/bin/pyspark benches/startup.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EMBER="${EMBER_BIN:-${CARGO_TARGET_DIR:-$ROOT/target}/release/pyspark}"
REAL="${REAL_PYSPARK:-$(command -v pyspark || true)}"
RUNS="${RUNS:-5}"
SCRIPT='print(spark.range(10).count())'

median_seconds() {
  local -a times=()
  for _ in $(seq "$RUNS"); do
    local start end
    start=$(date +%s.%N)
    out=$(echo "$SCRIPT" | "$@" 2>/dev/null)
    end=$(date +%s.%N)
    echo "$out" | grep -qx 10 || { echo "unexpected output: $out" >&2; exit 1; }
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

ember=$(median_seconds "$EMBER" --master 'local[2]')
printf 'ember   %.3f s\n' "$ember"
if [ -n "$REAL" ]; then
  export PYSPARK_PYTHON="${PYSPARK_PYTHON:-$(dirname "$REAL")/python}"
  # Real PySpark defines `spark` only in interactive mode (PYTHONSTARTUP), so its driver
  # runs with -i to read the piped script the way a terminal session would.
  export PYSPARK_DRIVER_PYTHON_OPTS="-i"
  real=$(median_seconds "$REAL" --master 'local[2]')
  printf 'pyspark %.3f s\n' "$real"
  printf 'ratio   %.1fx faster\n' "$(echo "$real / $ember" | bc -l)"
else
  echo "pyspark not found: set REAL_PYSPARK to compare"
fi
