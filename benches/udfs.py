"""Python UDF benchmark: Ember local[2] against PySpark 4.3.0 local[2], in one run.

Two workloads, each timed inside the process (start-up is not counted) and summed so that
no rows are collected:
- a plain ``udf(lambda a, b: a + b, "long")`` over PLAIN_ROWS rows;
- a scalar ``pandas_udf`` doing the same over pandas Series, over PANDAS_ROWS rows;
- a scalar iterator ``pandas_udf`` (``Iterator[Tuple[pd.Series, pd.Series]]``), called
  once per partition, over PANDAS_ROWS rows.
PySpark runs with ``spark.sql.execution.arrow.pyspark.enabled`` on. Prints the median of
RUNS runs and the ratios to Ember. Not a test: machines are shared and noisy.

Usage: python3 benches/udfs.py   (PLAIN_ROWS=1000000 PANDAS_ROWS=10000000 RUNS=3
       PYSPARK_VENV=~/.cache/ember-spark/venv)
"""
import os

from _side_by_side import compare

PLAIN_ROWS = int(os.environ.get("PLAIN_ROWS", "1000000"))
PANDAS_ROWS = int(os.environ.get("PANDAS_ROWS", "10000000"))
RUNS = int(os.environ.get("RUNS", "3"))

SCRIPT = """
import json, time
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()
from pyspark.sql import functions as F
import pandas as pd
from typing import Iterator, Tuple

plain = F.udf(lambda a, b: a + b, "long")

@F.pandas_udf("long")
def vectorized(a: pd.Series, b: pd.Series) -> pd.Series:
    return a + b

@F.pandas_udf("long")
def iterated(batches: Iterator[Tuple[pd.Series, pd.Series]]) -> Iterator[pd.Series]:
    for a, b in batches:
        yield a + b

def timed(rows, function):
    frame = spark.range(rows).selectExpr("id", "id * 2 AS b")
    start = time.perf_counter()
    total = frame.select(function("id", "b").alias("r")).agg(F.sum("r")).first()[0]
    elapsed = time.perf_counter() - start
    assert total == 3 * rows * (rows - 1) // 2, total
    return elapsed

times = {{"plain udf": timed({plain_rows}, plain), "pandas_udf": timed({pandas_rows}, vectorized), "iterator pandas_udf": timed({pandas_rows}, iterated)}}
print("RESULT " + json.dumps(times))
"""


def main():
    script = SCRIPT.format(plain_rows=PLAIN_ROWS, pandas_rows=PANDAS_ROWS)
    compare(script, {"pyspark (arrow on)": script}, RUNS, f"plain rows: {PLAIN_ROWS}, pandas rows: {PANDAS_ROWS}, runs: {RUNS}")


if __name__ == "__main__":
    main()
