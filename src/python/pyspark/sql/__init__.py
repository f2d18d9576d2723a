"""``pyspark.sql``: DataFrames, SQL, Row and types."""
from pyspark.sql.types import Row
from pyspark.sql.column import Column
from pyspark.sql.dataframe import DataFrame, DataFrameNaFunctions
from pyspark.sql.group import GroupedData
from pyspark.sql.session import SparkSession
from pyspark.sql.readwriter import DataFrameReader, DataFrameWriter
from pyspark.sql.window import Window, WindowSpec
from pyspark.sql.catalog import Catalog
from pyspark.sql.observation import Observation
from pyspark.sql.merge import MergeIntoWriter

SQLContext = SparkSession

__all__ = [
    "SparkSession", "DataFrame", "Column", "Row", "GroupedData", "DataFrameNaFunctions",
    "DataFrameReader", "DataFrameWriter", "Window", "WindowSpec", "Catalog", "SQLContext",
    "Observation", "MergeIntoWriter",
]
