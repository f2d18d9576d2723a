"""The embedded engine's memory pool (engine/local/memory.rs): a query larger than the
pool spills and gives the same rows; one that cannot spill enough fails with Spark's
UNABLE_TO_ACQUIRE_MEMORY and the session goes on; memory settings Spark would refuse are
refused with Spark's errors."""
import os
import subprocess

import pytest

from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")

# 3 million groups of strings: about 1 GB resident without a limit.
AGGREGATE = """
frame = spark.range(6_000_000).selectExpr("id % 3000000 AS k", "cast(id AS string) AS s")
rows = frame.groupBy("k").agg({"s": "max"}).orderBy("k", ascending=False).limit(2).collect()
print([tuple(r) for r in rows])
"""


def shell(script, *options):
    return subprocess.run([BINARY, "--master", "local[2]", *options], input=script, capture_output=True, text=True, timeout=300)


def shell_file(tmp_path, script, *options):
    """Runs ``script`` as a file with ``tmp_path/data`` (made once) as its argument."""
    path = tmp_path / "script.py"
    path.write_text(script)
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    return subprocess.run([BINARY, "--master", "local[2]", *options, str(path), str(data)], capture_output=True, text=True, timeout=300)


def test_a_query_over_the_pool_spills_to_local_dir(tmp_path):
    run = shell(AGGREGATE, "--conf", "spark.ember.memory=100m", "--conf", f"spark.local.dir={tmp_path}")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[(2999999, '5999999'), (2999998, '5999998')]\n"


def test_driver_memory_sizes_the_pool():
    run = shell(AGGREGATE, "--driver-memory", "600m")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "[(2999999, '5999999'), (2999998, '5999998')]\n"


def test_a_query_that_cannot_spill_enough_fails_and_the_session_goes_on():
    script = """
frame = spark.range(6_000_000).selectExpr("id % 3000000 AS k", "cast(id AS string) AS s")
try:
    frame.groupBy("k").agg({"s": "max"}).collect()
except Exception as error:
    print(type(error).__name__, error.getCondition(), error.getSqlState(), error.getMessageParameters()["receivedBytes"])
print(spark.range(5).count())
"""
    run = shell(script, "--conf", "spark.ember.memory=30m")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "SparkRuntimeException UNABLE_TO_ACQUIRE_MEMORY 53200 0\n5\n"


def test_memory_settings_spark_refuses():
    small = shell("print(1)", "--driver-memory", "400m")
    assert small.returncode == 1
    assert small.stderr.splitlines()[-2:] == [
        "pyspark.errors.exceptions.base.IllegalArgumentException: [INVALID_DRIVER_MEMORY.SYSTEM_MEMORY] Insufficient driver memory: System memory 419430400 must be at least 471859200.",
        'Please increase heap size using the --driver-memory option or "spark.driver.memory" in Spark configuration. SQLSTATE: F0000',
    ]
    unreadable = shell("print(1)", "--conf", "spark.driver.memory=2x")
    assert unreadable.returncode == 1
    assert unreadable.stderr.splitlines()[-1].startswith("pyspark.errors.exceptions.base.NumberFormatException: Size must be specified as bytes (b)")


JOIN = """
import os, sys
folder = sys.argv[1]
if not os.path.exists(os.path.join(folder, "left")):
    spark.range(2_000_000).selectExpr("id AS k", "cast(id AS string) AS s").write.parquet(os.path.join(folder, "left"))
    spark.range(2_000_000).selectExpr("id * 2 AS k", "id AS v").write.parquet(os.path.join(folder, "right"))
left = spark.read.parquet(os.path.join(folder, "left"))
right = spark.read.parquet(os.path.join(folder, "right"))
joined = left.join(right, "k")
plan = joined._native.explain(joined._json())[2]
print("SortMergeJoinExec" in plan, "HashJoinExec" in plan)
print(joined.count(), joined.selectExpr("sum(v)", "max(s)").first())
"""


def test_a_join_too_large_to_build_in_the_pool_is_a_sort_merge_join(tmp_path):
    # Two million build rows (their Parquet files give the count) are estimated at about
    # 130 MB, over a third of a 100 MiB pool: Spark's sort-merge join, whose sorts spill,
    # replaces the hash join, which failed with UNABLE_TO_ACQUIRE_MEMORY.
    run = shell_file(tmp_path, JOIN, "--conf", "spark.ember.memory=100m", "--conf", f"spark.local.dir={tmp_path}")
    assert run.returncode == 0, run.stderr
    assert run.stdout == "True False\n1000000 Row(sum(v)=499999500000, max(s)='999998')\n"
    unlimited = shell_file(tmp_path, JOIN)
    assert unlimited.returncode == 0, unlimited.stderr
    assert unlimited.stdout == "False True\n1000000 Row(sum(v)=499999500000, max(s)='999998')\n"


JOIN_TYPES = """
import os, sys
folder = sys.argv[1]
if not os.path.exists(os.path.join(folder, "l")):
    spark.range(1_500_000).selectExpr("id % 700000 AS k", "cast(id AS string) AS s", "id % 13 AS a").write.parquet(os.path.join(folder, "l"))
    spark.range(1_500_000).selectExpr("(id * 3) % 900000 AS k", "id AS v", "id % 7 AS b").write.parquet(os.path.join(folder, "r"))
spark.read.parquet(os.path.join(folder, "l")).createOrReplaceTempView("l")
spark.read.parquet(os.path.join(folder, "r")).createOrReplaceTempView("r")
for q in [
    "SELECT count(*), sum(v), max(s) FROM l JOIN r ON l.k = r.k",
    "SELECT count(*), sum(v), count(v) FROM l LEFT JOIN r ON l.k = r.k AND l.a < r.b",
    "SELECT count(*), sum(v), count(s) FROM l RIGHT JOIN r ON l.k = r.k AND l.a > r.b",
    "SELECT count(*), count(s), count(v) FROM l FULL JOIN r ON l.k = r.k AND l.a = r.b",
    "SELECT count(*) FROM l LEFT SEMI JOIN r ON l.k = r.k AND l.a <> r.b",
    "SELECT count(*) FROM l LEFT ANTI JOIN r ON l.k = r.k AND l.a <> r.b",
    "SELECT count(*) FROM l WHERE k NOT IN (SELECT k FROM r)",
]:
    frame = spark.sql(q)
    plan = frame._native.explain(frame._json())[2]
    print([tuple(row) for row in frame.collect()], "SortMergeJoinExec" in plan)
"""


def test_sort_merge_and_hash_joins_agree_on_every_join_type(tmp_path):
    # The same joins, with filters beside the keys, planned as hash joins (no limit) and as
    # sort-merge joins (a 100 MiB pool): the rows must not change. NOT IN, a null-aware
    # anti join, stays a hash join.
    hashed = shell_file(tmp_path, JOIN_TYPES)
    assert hashed.returncode == 0, hashed.stderr
    merged = shell_file(tmp_path, JOIN_TYPES, "--conf", "spark.ember.memory=100m", "--conf", f"spark.local.dir={tmp_path}")
    assert merged.returncode == 0, merged.stderr
    hash_rows = [line.rsplit(" ", 1) for line in hashed.stdout.splitlines()]
    merge_rows = [line.rsplit(" ", 1) for line in merged.stdout.splitlines()]
    assert len(hash_rows) == 7
    assert [rows for rows, _ in hash_rows] == [rows for rows, _ in merge_rows]
    assert [kind for _, kind in hash_rows] == ["False"] * 7
    assert [kind for _, kind in merge_rows] == ["True"] * 6 + ["False"]
    # What PySpark 4.3.0 gives for the seven queries over the same files.
    assert [rows for rows, _ in hash_rows] == [
        "[(2500010, 1775006416665, '999997')]",
        "[(1862642, 409618101303, 576929)]",
        "[(2239926, 1645387693354, 1730772)]",
        "[(2807691, 1500000, 1500000)]",
        "[(500002,)]",
        "[(999998,)]",
        "[(999998,)]",
    ]
