"""The engines the benchmark suite (benches/suite.py) runs its workloads on: how each is
started, what a workload script finds defined in it, and what each can run.

A workload script starts with its engine's prelude, which defines ``spark`` (and ``sc``
where the engine has RDDs) as the engine's session on two cores:

- ``ember``: Ember's shell, ``local[2]``; the shell defines both.
- ``pyspark``: pip's PySpark 4.3.0 (the connect-server virtualenv), classic ``local[2]``
  with Arrow on for ``toPandas``.
- ``sail``: pysail's Spark Connect server in the same process, with a PySpark client; no
  RDDs (Spark Connect has none).
- ``datafusion``: DataFusion's Python bindings with two target partitions, behind a
  small ``spark``-shaped adapter that covers ``spark.sql``, Parquet views and ``collect``.
- ``python``: a bare interpreter, the baseline of cold start and word count.
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CACHE = os.path.expanduser(os.environ.get("EMBER_BENCH_CACHE", "~/.cache/ember-bench"))
EMBER = os.environ.get("PYSPARK_BIN") or os.path.join(os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target")), "release", "pyspark")
PYSPARK_VENV = os.path.expanduser(os.environ.get("PYSPARK_VENV", "~/.cache/ember-spark/venv"))
SAIL_VENV = os.path.join(CACHE, "sail-venv")
DATAFUSION_VENV = os.path.join(CACHE, "datafusion-venv")

PYSPARK_PRELUDE = """
from pyspark.sql import SparkSession
spark = (SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false")
         .config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate())
spark.sparkContext.setLogLevel("OFF")
sc = spark.sparkContext
"""

SAIL_PRELUDE = """
from pysail.spark import SparkConnectServer
from pyspark.sql import SparkSession
_server = SparkConnectServer()
_server.start(background=True)
spark = SparkSession.builder.remote("sc://%s:%d" % _server.listening_address).getOrCreate()
"""

DATAFUSION_PRELUDE = """
import datafusion as _datafusion

class _Frame:
    def __init__(self, frame):
        self._frame = frame
    def collect(self):
        return [row for batch in self._frame.collect() for row in batch.to_pylist()]
    def count(self):
        return self._frame.count()
    def toPandas(self):
        return self._frame.to_pandas()
    def createOrReplaceTempView(self, name):
        _context.register_view(name, self._frame)

class _Reader:
    def parquet(self, path):
        return _Frame(_context.read_parquet(path))

class _Spark:
    read = _Reader()
    def sql(self, text):
        return _Frame(_context.sql(text))
    def range(self, count):
        return _Frame(_context.sql("SELECT value AS id FROM range(%d)" % count))

_context = _datafusion.SessionContext(_datafusion.SessionConfig().with_target_partitions(2))
spark = _Spark()
"""


class Engine:
    """One contender: ``argv`` runs a script file; ``prelude`` is put before the script;
    ``rdd`` says whether ``sc`` exists; ``sql_dialect`` is ``spark`` or ``datafusion``."""

    def __init__(self, name, python, prelude, rdd, sql_dialect="spark", env=None):
        self.name, self.python, self.prelude, self.rdd, self.sql_dialect = name, python, prelude, rdd, sql_dialect
        self.env = dict(os.environ, **(env or {}))

    def available(self):
        return os.path.exists(self.python)

    def argv(self, script, options=()):
        if self.name == "ember":
            return [self.python, "--master", "local[2]", *options, script]
        return [self.python, *options, script]


def engines():
    """Every engine, in the suite's order; the caller keeps those that are installed."""
    spark_python = os.path.join(PYSPARK_VENV, "bin", "python")
    return {
        "ember": Engine("ember", EMBER, "", rdd=True),
        "pyspark": Engine("pyspark", spark_python, PYSPARK_PRELUDE, rdd=True, env={"PYSPARK_PYTHON": spark_python, "PYSPARK_DRIVER_PYTHON": spark_python}),
        "sail": Engine("sail", os.path.join(SAIL_VENV, "bin", "python"), SAIL_PRELUDE, rdd=False),
        "datafusion": Engine("datafusion", os.path.join(DATAFUSION_VENV, "bin", "python"), DATAFUSION_PRELUDE, rdd=False, sql_dialect="datafusion"),
        "python": Engine("python", sys.executable, "", rdd=False, sql_dialect=None),
    }
