"""``pyspark.rdd``: re-exports the RDD API from ``pyspark.core.rdd``."""
from pyspark.core.rdd import RDD, PipelinedRDD, portable_hash  # noqa: F401

__all__ = ["RDD"]
