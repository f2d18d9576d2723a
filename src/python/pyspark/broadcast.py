"""``pyspark.broadcast``: re-exports ``Broadcast`` from ``pyspark.core.broadcast``."""
from pyspark.core.broadcast import Broadcast  # noqa: F401

__all__ = ["Broadcast"]
