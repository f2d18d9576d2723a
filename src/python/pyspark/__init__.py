"""Ember's PySpark: the PySpark API on an embedded Rust engine (Apache DataFusion for
DataFrames and SQL, Ember's own scheduler for RDDs)."""
from pyspark.version import __version__
from pyspark.conf import SparkConf
from pyspark.core.context import SparkContext
from pyspark.core.rdd import RDD
from pyspark.core.broadcast import Broadcast
from pyspark.accumulators import Accumulator, AccumulatorParam
from pyspark.storagelevel import StorageLevel
from pyspark.statcounter import StatCounter
from pyspark.files import SparkFiles
from pyspark.util import InheritableThread

__all__ = [
    "SparkConf", "SparkContext", "RDD", "Broadcast", "Accumulator", "AccumulatorParam",
    "StorageLevel", "StatCounter", "SparkFiles", "InheritableThread", "__version__",
]


def __getattr__(name):
    if name == "Row":
        from pyspark.sql.types import Row

        return Row
    raise AttributeError(name)
