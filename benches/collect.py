"""collect() benchmark: Ember local[2] against PySpark 4.3.0 local[2], in one run.

Each contender builds ``spark.range(N)`` with a long, a doubled long and the id as a
string, and times ``collect()`` twice inside the process (start-up is not counted). Prints
the median of RUNS runs and the ratios to Ember. Not a test: machines are shared and noisy.

Usage: python3 benches/collect.py   (ROWS=1000000 RUNS=3 PYSPARK_VENV=~/.cache/ember-spark/venv)
"""
import os

from _side_by_side import compare

ROWS = int(os.environ.get("ROWS", "1000000"))
RUNS = int(os.environ.get("RUNS", "3"))

SCRIPT = """
import json, time
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
frame = spark.range({rows}).selectExpr("id", "id * 2 AS b", "CAST(id AS STRING) AS s")
times = {{}}
for label in ("collect", "collect again"):
    start = time.perf_counter()
    rows = frame.collect()
    times[label] = time.perf_counter() - start
    assert len(rows) == {rows} and rows[-1].b == 2 * ({rows} - 1)
    del rows
print("RESULT " + json.dumps(times))
"""


def main():
    script = SCRIPT.format(rows=ROWS)
    compare(script, {"pyspark": script}, RUNS, f"rows: {ROWS}, runs: {RUNS}")


if __name__ == "__main__":
    main()
