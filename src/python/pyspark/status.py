"""``pyspark.status``: the old name of ``pyspark.core.status`` (kept by PySpark)."""
from pyspark.core.status import SparkJobInfo, SparkStageInfo, StatusTracker  # noqa: F401

__all__ = ["SparkJobInfo", "SparkStageInfo", "StatusTracker"]
