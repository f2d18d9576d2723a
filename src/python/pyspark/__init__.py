"""Ember's PySpark: the PySpark API on an embedded Rust engine (Apache DataFusion)."""
from pyspark.version import __version__
from pyspark.conf import SparkConf
from pyspark.context import SparkContext

__all__ = ["SparkConf", "SparkContext", "__version__"]


def __getattr__(name):
    if name == "Row":
        from pyspark.sql.types import Row

        return Row
    raise AttributeError(name)
