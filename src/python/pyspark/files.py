"""``pyspark.SparkFiles``: where files added with ``sc.addFile`` are, in the driver and
in tasks."""
import os

__all__ = ["SparkFiles"]


class SparkFiles:
    """Paths of files added with ``SparkContext.addFile`` or ``addArchive``. Mirrors
    ``pyspark.SparkFiles``."""

    def __init__(self):
        raise NotImplementedError("Do not construct SparkFiles objects")

    @classmethod
    def get(cls, filename):
        """The absolute path of an added file."""
        return os.path.abspath(os.path.join(cls.getRootDirectory(), filename))

    @classmethod
    def getRootDirectory(cls):
        """The directory that holds the added files."""
        from pyspark.core.context import SparkContext

        root = os.environ.get("EMBER_SPARK_FILES")
        if root is None and SparkContext._active_spark_context is not None:
            SparkContext._active_spark_context._temp_directory()
            root = os.environ.get("EMBER_SPARK_FILES")
        return root or os.getcwd()
