"""toPandas and toArrow benchmark: Ember local[2] against PySpark 4.3.0 local[2], with
PySpark's Arrow conversion off (its default) and on, and pyarrow's own Table.to_pandas as
the floor, in one run.

Each contender runs the same script, which builds
``spark.range(N).selectExpr("id", "id * 2 AS b")`` and times ``toPandas()`` twice (the
first call imports pandas and pyarrow's pandas support), and ``toArrow()`` where it
exists, inside the process, so start-up is not counted. Prints the
median of RUNS runs and the ratios to Ember. Not a test: machines are shared and noisy.

Usage: python3 benches/to_pandas.py   (ROWS=4000000 RUNS=3
       PYSPARK_VENV=~/.cache/ember-spark/venv)
"""
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark")
ROWS = int(os.environ.get("ROWS", "4000000"))
RUNS = int(os.environ.get("RUNS", "3"))
VENV = os.path.expanduser(os.environ.get("PYSPARK_VENV", "~/.cache/ember-spark/venv"))

SCRIPT = """
import json, time
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").config("spark.sql.execution.arrow.pyspark.enabled", "{arrow}").getOrCreate()
frame = spark.range({rows}).selectExpr("id", "id * 2 AS b")
times = {{}}
start = time.perf_counter()
pdf = frame.toPandas()
times["toPandas"] = time.perf_counter() - start
assert len(pdf) == {rows} and int(pdf["b"].sum()) == {rows} * ({rows} - 1)
start = time.perf_counter()
frame.toPandas()
times["toPandas again"] = time.perf_counter() - start
start = time.perf_counter()
table = frame.toArrow()
times["toArrow"] = time.perf_counter() - start
start = time.perf_counter()
table.to_pandas()
times["pyarrow to_pandas"] = time.perf_counter() - start
print("RESULT " + json.dumps(times))
"""


def run(command, arrow, env=None):
    script = SCRIPT.format(rows=ROWS, arrow=arrow)
    result = subprocess.run(command, input=script, capture_output=True, text=True, env=env, cwd=ROOT)
    for line in result.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    sys.exit(f"{command[0]} failed:\n{result.stdout[-1000:]}\n{result.stderr[-2000:]}")


def main():
    contenders = {"ember": ([EMBER, "--master", "local[2]"], "false", None)}
    python = os.path.join(VENV, "bin", "python")
    if os.path.exists(python):
        env = dict(os.environ, PYSPARK_PYTHON=python)
        contenders["pyspark (arrow off)"] = ([python, "-"], "false", env)
        contenders["pyspark (arrow on)"] = ([python, "-"], "true", env)
    samples = {name: [] for name in contenders}
    for _ in range(RUNS):
        for name, (command, arrow, env) in contenders.items():
            samples[name].append(run(command, arrow, env))
    ember = {key: statistics.median(s[key] for s in samples["ember"]) for key in samples["ember"][0]}
    print(f"rows: {ROWS}, runs: {RUNS} (median seconds; ratio = contender / ember)")
    for name, runs in samples.items():
        for key in runs[0]:
            value = statistics.median(r[key] for r in runs)
            print(f"{name:22} {key:18} {value:8.3f} s   x{value / ember[key]:.2f}")


if __name__ == "__main__":
    main()
