"""What sending a plan as JSON costs an action (issue 14, section 5).

Every DataFrame action hands its unresolved plan to the native engine as JSON text: Python's
``json.dumps`` of the plan tree (``_plan.to_json``), then ``serde_json`` parsing it in Rust.
This script times, inside Ember (``pyspark benches/plan_json.py``), for two plans:

- ``spark.range(10).count()``, warm;
- a chain of 20 ``withColumn``/``select`` steps over 50 columns, then ``count()``;

the median latency of the action, of ``json.dumps`` of its plan, and of Python's
``json.loads`` of the same text. Python's ``json.loads`` builds generic objects and is
slower than ``serde_json`` deserialising into typed structs, so dumps + loads is an upper
bound of the round trip. It prints each as a share of the action's latency.

    target/release/pyspark benches/plan_json.py      # RUNS=50 by default
"""
import json
import os
import statistics
import time

from pyspark.sql import functions as F
from pyspark.sql import _plan

RUNS = int(os.environ.get("RUNS", "50"))


def median_seconds(action, runs=RUNS):
    action()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def wide_chain():
    """50 columns, then 20 steps that each add or re-select columns."""
    df = spark.range(1000).select(*[(F.col("id") + i).alias("c%d" % i) for i in range(50)])
    for step in range(20):
        if step % 2 == 0:
            df = df.withColumn("c%d" % (step % 50), F.col("c%d" % ((step + 1) % 50)) * 2 + step)
        else:
            df = df.select(*[F.col(name) for name in df.columns])
    return df


def report(label, df):
    text = _plan.to_json(df._plan)
    action = median_seconds(df.count)
    dumps = median_seconds(lambda: _plan.to_json(df._plan))
    loads = median_seconds(lambda: json.loads(text))
    print("%s: plan %d bytes" % (label, len(text)))
    print("  action median      %8.3f ms" % (action * 1e3))
    print("  json.dumps median  %8.3f ms  (%.1f%% of the action)" % (dumps * 1e3, 100 * dumps / action))
    print("  json.loads median  %8.3f ms  (%.1f%%; upper bound of serde_json's parse)" % (loads * 1e3, 100 * loads / action))
    print("  round trip bound   %8.3f ms  (%.1f%% of the action)" % ((dumps + loads) * 1e3, 100 * (dumps + loads) / action))


report("spark.range(10).count()", spark.range(10))
report("20 withColumn/select steps over 50 columns, count()", wide_chain())
