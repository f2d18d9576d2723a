"""``pyspark.context``: re-exports ``SparkContext`` from ``pyspark.core.context``."""
from pyspark.core.context import SparkContext

__all__ = ["SparkContext"]
