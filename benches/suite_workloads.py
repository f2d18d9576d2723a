"""The benchmark suite's workloads (benches/suite.py): for each, the script body an engine
runs after its prelude (benches/suite_engines.py), and which engines can run it.

A body prints one line ``RESULT {json}``: ``seconds`` (the timed part, inside the
process, so that start-up is not counted), ``check`` (a value every engine must agree
on, such as row counts) and ``parts`` (seconds per query where there are several).
Cold start is the exception: the suite times the whole process from outside.

Sizes come from ``Sizes``: the full suite's, or the smoke mode's tiny ones.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
TPCH_QUERIES = os.path.join(os.path.dirname(HERE), "tests", "tpch", "queries")
TPCH_TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]

# The db-benchmark groupby questions 1-10, in the SQL of its Spark solution (``mean`` as
# ``avg``, and the median as ``median``, which Spark 4, Sail and DataFusion all have).
H2O_QUERIES = [
    "SELECT id1, sum(v1) AS v1 FROM x GROUP BY id1",
    "SELECT id1, id2, sum(v1) AS v1 FROM x GROUP BY id1, id2",
    "SELECT id3, sum(v1) AS v1, avg(v3) AS v3 FROM x GROUP BY id3",
    "SELECT id4, avg(v1) AS v1, avg(v2) AS v2, avg(v3) AS v3 FROM x GROUP BY id4",
    "SELECT id6, sum(v1) AS v1, sum(v2) AS v2, sum(v3) AS v3 FROM x GROUP BY id6",
    "SELECT id4, id5, median(v3) AS median_v3, stddev(v3) AS sd_v3 FROM x GROUP BY id4, id5",
    "SELECT id3, max(v1) - min(v2) AS range_v1_v2 FROM x GROUP BY id3",
    "SELECT id6, largest2_v3 FROM (SELECT id6, v3 AS largest2_v3, row_number() OVER (PARTITION BY id6 ORDER BY v3 DESC) AS order_v3"
    " FROM x WHERE v3 IS NOT NULL) sub_query WHERE order_v3 <= 2",
    "SELECT id2, id4, pow(corr(v1, v2), 2) AS r2 FROM x GROUP BY id2, id4",
    "SELECT id1, id2, id3, id4, id5, id6, sum(v3) AS v3, count(*) AS count FROM x GROUP BY id1, id2, id3, id4, id5, id6",
]


class Sizes:
    """The inputs' sizes: TPC-H scale factor, H2O rows, word-count corpus bytes, integers
    of the lambda pipeline, toPandas rows, repetitions of the warm tiny query."""

    def __init__(self, smoke):
        self.smoke = smoke
        self.tpch_scale = "0.01" if smoke else "1"
        self.h2o_rows = 10_000 if smoke else 10_000_000
        self.corpus_bytes = 1 << 20 if smoke else 50 << 20
        self.integers = 10_000 if smoke else 10_000_000
        self.pandas_rows = 10_000 if smoke else 4_000_000
        self.tiny_repeats = 5 if smoke else 50
        # The memory workload: TPC-H at 10 times the scale, in a 2 GiB driver.
        self.spill_scale = "0.1" if smoke else "10"


def _queries_runner(statements_by_name, passes):
    """A body that runs each named list of SQL statements ``passes`` times and reports
    the last pass: its seconds per query, their total, and each query's row count."""
    return f"""
import json, time
_queries = {statements_by_name!r}
for _pass in range({passes}):
    _parts, _check = {{}}, {{}}
    for _name, _statements in _queries.items():
        _start = time.perf_counter()
        for _statement in _statements:
            _rows = spark.sql(_statement).collect()
        _parts[_name] = time.perf_counter() - _start
        _check[_name] = len(_rows)
print("RESULT " + json.dumps({{"seconds": sum(_parts.values()), "parts": _parts, "check": _check}}))
"""


def _register_parquet(tables):
    return "".join(f"spark.read.parquet({path!r}).createOrReplaceTempView({name!r})\n" for name, path in tables.items())


def cold_start(engine, sizes, data):
    if engine.name == "python":
        return "pass\n"
    return "spark.range(10).count()\n"


def warm_tiny_query(engine, sizes, data):
    return f"""
import json, statistics, time
for _ in range(5):
    spark.range(10).count()
_times = []
for _ in range({sizes.tiny_repeats}):
    _start = time.perf_counter()
    _n = spark.range(10).count()
    _times.append(time.perf_counter() - _start)
print("RESULT " + json.dumps({{"seconds": statistics.median(_times), "check": _n}}))
"""


def tpch(engine, sizes, data, passes=2, key="tpch"):
    statements = {}
    for number in range(1, 23):
        with open(os.path.join(TPCH_QUERIES, "q%02d.sql" % number)) as f:
            text = f.read()
        if engine.sql_dialect == "datafusion":
            # DataFusion's views are not TEMPORARY; the rest is standard SQL.
            text = text.replace("create temporary view", "create or replace view")
        statements["q%02d" % number] = [s.strip() for s in text.split(";") if s.strip()]
    tables = {name: os.path.join(data[key], name + ".parquet") for name in TPCH_TABLES}
    # The first pass warms file metadata and the engine; the second is reported.
    return _register_parquet(tables) + _queries_runner(statements, passes=passes)


def tpch_spill(engine, sizes, data):
    """The 22 queries once over the larger scale, in a driver of 2 GiB (the workload's
    ``options``): the engine must spill rather than be killed."""
    return tpch(engine, sizes, data, passes=1, key="tpch_spill")


def h2o_groupby(engine, sizes, data):
    statements = {"q%d" % (i + 1): [q] for i, q in enumerate(H2O_QUERIES)}
    return _register_parquet({"x": data["h2o"]}) + _queries_runner(statements, passes=2)


def word_count(engine, sizes, data):
    if engine.name == "python":
        count = "collections.Counter(word for line in open(_path, encoding='utf-8') for word in line.split())"
        return f"""
import collections, json, time
_path = {data['corpus']!r}
_start = time.perf_counter()
_counts = {count}
_top = sorted(_counts.items(), key=lambda kv: (-kv[1], kv[0]))[:10]
print("RESULT " + json.dumps({{"seconds": time.perf_counter() - _start, "check": _top}}))
"""
    return f"""
import json, time
from operator import add
_start = time.perf_counter()
_counts = sc.textFile({data['corpus']!r}).flatMap(lambda line: line.split()).map(lambda word: (word, 1)).reduceByKey(add)
_top = [list(kv) for kv in _counts.takeOrdered(10, key=lambda kv: (-kv[1], kv[0]))]
print("RESULT " + json.dumps({{"seconds": time.perf_counter() - _start, "check": _top}}))
"""


def lambda_pipeline(engine, sizes, data):
    return f"""
import json, time
from operator import add
_start = time.perf_counter()
_pairs = (sc.parallelize(range({sizes.integers}), 2)
          .map(lambda x: x * 3)
          .filter(lambda x: x % 2 == 0)
          .map(lambda x: (x % 1000, x))
          .reduceByKey(add))
_check = sum(v for _, v in _pairs.collect())
print("RESULT " + json.dumps({{"seconds": time.perf_counter() - _start, "check": _check}}))
"""


def to_pandas(engine, sizes, data):
    if engine.sql_dialect == "datafusion":
        frame = f"spark.sql('SELECT value AS id, value * 2 AS b FROM range({sizes.pandas_rows})')"
    else:
        frame = f"spark.range({sizes.pandas_rows}).selectExpr('id', 'id * 2 AS b')"
    return f"""
import json, time
_frame = {frame}
_start = time.perf_counter()
_pdf = _frame.toPandas()
_seconds = time.perf_counter() - _start
print("RESULT " + json.dumps({{"seconds": _seconds, "check": [len(_pdf), int(_pdf['b'].sum())]}}))
"""


class Workload:
    """A row of the suite's table: ``body`` builds the script for an engine; ``engines``
    are the ones that can run it; ``outside`` times the whole process instead;
    ``options`` are command-line options per engine; a workload that is not ``default``
    runs only when named (``--workloads``)."""

    def __init__(self, name, title, body, engines, outside=False, options=None, default=True):
        self.name, self.title, self.body, self.engines, self.outside = name, title, body, engines, outside
        self.options, self.default = options or {}, default


WORKLOADS = [
    Workload("cold_start", "cold start to the first `spark.range(10).count()`", cold_start, ["ember", "pyspark", "sail", "python"], outside=True),
    Workload("warm_tiny_query", "warm `spark.range(10).count()` (median)", warm_tiny_query, ["ember", "pyspark", "sail", "datafusion"]),
    Workload("tpch", "TPC-H, 22 queries, warm total", tpch, ["ember", "pyspark", "sail", "datafusion"]),
    Workload("h2o_groupby", "H2O groupby q1-q10, warm total", h2o_groupby, ["ember", "pyspark", "sail", "datafusion"]),
    Workload("word_count", "RDD word count", word_count, ["ember", "pyspark", "python"]),
    Workload("lambda_pipeline", "Python-lambda map/filter/reduceByKey", lambda_pipeline, ["ember", "pyspark"]),
    Workload("to_pandas", "first `toPandas()` of 2 long columns", to_pandas, ["ember", "pyspark", "sail", "datafusion"]),
    Workload("tpch_spill", "TPC-H SF10, 22 queries, `--driver-memory 2g`", tpch_spill, ["ember"], options={"ember": ["--driver-memory", "2g"]}, default=False),
]
