"""``pyspark.sql``: DataFrames, SQL, Row and types."""
from typing import TYPE_CHECKING

from pyspark._lazy_names import lazy_names
from pyspark.sql.types import Row
from pyspark.sql.column import Column
from pyspark.sql.dataframe import DataFrame, DataFrameNaFunctions
from pyspark.sql.session import SparkSession

if TYPE_CHECKING:  # what type checkers see of the names imported on first use
    from pyspark.sql.catalog import Catalog as Catalog
    from pyspark.sql.group import GroupedData as GroupedData
    from pyspark.sql.merge import MergeIntoWriter as MergeIntoWriter
    from pyspark.sql.observation import Observation as Observation
    from pyspark.sql.readwriter import DataFrameReader as DataFrameReader, DataFrameWriter as DataFrameWriter
    from pyspark.sql.window import Window as Window, WindowSpec as WindowSpec

# Names a session does not need to start are imported on first use (PEP 562), which keeps
# their modules out of the shell's start-up.
_LAZY = {
    "GroupedData": "pyspark.sql.group",
    "DataFrameReader": "pyspark.sql.readwriter",
    "DataFrameWriter": "pyspark.sql.readwriter",
    "Window": "pyspark.sql.window",
    "WindowSpec": "pyspark.sql.window",
    "Catalog": "pyspark.sql.catalog",
    "Observation": "pyspark.sql.observation",
    "MergeIntoWriter": "pyspark.sql.merge",
}

SQLContext = SparkSession

__all__ = [
    "SparkSession", "DataFrame", "Column", "Row", "GroupedData", "DataFrameNaFunctions",
    "DataFrameReader", "DataFrameWriter", "Window", "WindowSpec", "Catalog", "SQLContext",
    "Observation", "MergeIntoWriter",
]


__getattr__, __dir__ = lazy_names(globals(), _LAZY)
