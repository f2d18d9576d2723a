"""Ember's PySpark: the PySpark API on an embedded Rust engine (Apache DataFusion for
DataFrames and SQL, Ember's own scheduler for RDDs).

The top-level names are imported on first use (PEP 562), so that RDD worker processes,
which import ``pyspark._ember_worker``, start without loading the whole API.
"""
from typing import TYPE_CHECKING

from pyspark._lazy_names import lazy_names
from pyspark.version import __version__

if TYPE_CHECKING:  # what type checkers see of the names imported on first use
    from pyspark.accumulators import Accumulator as Accumulator, AccumulatorParam as AccumulatorParam
    from pyspark.conf import SparkConf as SparkConf
    from pyspark.core.broadcast import Broadcast as Broadcast
    from pyspark.core.context import SparkContext as SparkContext
    from pyspark.core.rdd import RDD as RDD
    from pyspark.sql.types import Row as Row
    from pyspark.storagelevel import StorageLevel as StorageLevel

_LAZY = {
    "SparkConf": "pyspark.conf",
    "SparkContext": "pyspark.core.context",
    "RDD": "pyspark.core.rdd",
    "Broadcast": "pyspark.core.broadcast",
    "Accumulator": "pyspark.accumulators",
    "AccumulatorParam": "pyspark.accumulators",
    "StorageLevel": "pyspark.storagelevel",
    "StatCounter": "pyspark.statcounter",
    "SparkFiles": "pyspark.files",
    "InheritableThread": "pyspark.util",
    "Row": "pyspark.sql.types",
    "StatusTracker": "pyspark.core.status",
    "SparkJobInfo": "pyspark.core.status",
    "SparkStageInfo": "pyspark.core.status",
}

__all__ = [
    "SparkConf", "SparkContext", "RDD", "Broadcast", "Accumulator", "AccumulatorParam",
    "StorageLevel", "StatCounter", "SparkFiles", "InheritableThread", "StatusTracker",
    "SparkJobInfo", "SparkStageInfo", "__version__",
]


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
