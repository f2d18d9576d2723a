"""Python UDF benchmark: Ember local[2] against PySpark 4.3.0 local[2], in one run.

Two workloads, each timed inside the process (start-up is not counted) and summed so that
no rows are collected:
- a plain ``udf(lambda a, b: a + b, "long")`` over PLAIN_ROWS rows;
- a scalar ``pandas_udf`` doing the same over pandas Series, over PANDAS_ROWS rows.
PySpark runs with ``spark.sql.execution.arrow.pyspark.enabled`` on. Prints the median of
RUNS runs and the ratios to Ember. Not a test: machines are shared and noisy.

Usage: python3 benches/udfs.py   (PLAIN_ROWS=1000000 PANDAS_ROWS=10000000 RUNS=3
       PYSPARK_VENV=~/.cache/ember-spark/venv)
"""
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark")
PLAIN_ROWS = int(os.environ.get("PLAIN_ROWS", "1000000"))
PANDAS_ROWS = int(os.environ.get("PANDAS_ROWS", "10000000"))
RUNS = int(os.environ.get("RUNS", "3"))
VENV = os.path.expanduser(os.environ.get("PYSPARK_VENV", "~/.cache/ember-spark/venv"))

SCRIPT = """
import json, time
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
from pyspark.sql import functions as F
import pandas as pd

plain = F.udf(lambda a, b: a + b, "long")

@F.pandas_udf("long")
def vectorized(a: pd.Series, b: pd.Series) -> pd.Series:
    return a + b

def timed(rows, function):
    frame = spark.range(rows).selectExpr("id", "id * 2 AS b")
    start = time.perf_counter()
    total = frame.select(function("id", "b").alias("r")).agg(F.sum("r")).first()[0]
    elapsed = time.perf_counter() - start
    assert total == 3 * rows * (rows - 1) // 2, total
    return elapsed

times = {{"plain udf": timed({plain_rows}, plain), "pandas_udf": timed({pandas_rows}, vectorized)}}
print("RESULT " + json.dumps(times))
"""


def run(command, env=None):
    script = SCRIPT.format(plain_rows=PLAIN_ROWS, pandas_rows=PANDAS_ROWS)
    result = subprocess.run(command, input=script, capture_output=True, text=True, env=env, cwd=ROOT)
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    sys.exit(f"{command[0]} failed:\n{result.stdout[-1000:]}\n{result.stderr[-2000:]}")


def main():
    contenders = {"ember": ([EMBER, "--master", "local[2]"], None)}
    python = os.path.join(VENV, "bin", "python")
    if os.path.exists(python):
        contenders["pyspark (arrow on)"] = ([python, "-"], dict(os.environ, PYSPARK_PYTHON=python))
    samples = {name: [] for name in contenders}
    for _ in range(RUNS):
        for name, (command, env) in contenders.items():
            samples[name].append(run(command, env))
    ember = {key: statistics.median(s[key] for s in samples["ember"]) for key in samples["ember"][0]}
    print(f"plain rows: {PLAIN_ROWS}, pandas rows: {PANDAS_ROWS}, runs: {RUNS} (median seconds; ratio = contender / ember)")
    for name, runs in samples.items():
        for key in runs[0]:
            value = statistics.median(r[key] for r in runs)
            print(f"{name:22} {key:12} {value:8.3f} s   x{value / ember[key]:.2f}")


if __name__ == "__main__":
    main()
