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
import os

from _side_by_side import compare

ROWS = int(os.environ.get("ROWS", "4000000"))
RUNS = int(os.environ.get("RUNS", "3"))

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


def main():
    scripts = {arrow: SCRIPT.format(rows=ROWS, arrow=arrow) for arrow in ("false", "true")}
    compare(scripts["false"], {"pyspark (arrow off)": scripts["false"], "pyspark (arrow on)": scripts["true"]}, RUNS, f"rows: {ROWS}, runs: {RUNS}")


if __name__ == "__main__":
    main()
