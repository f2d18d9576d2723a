# The text of spark.sql's ParseException: Spark's message, then where the error is, as
# " (line L, pos P)" and the query under "== SQL ==" with a caret line.
from pyspark.sql import SparkSession

spark = SparkSession.builder.getOrCreate()
queries = [
    "SELEC 1",
    "SELECT 1 +",
    "SELECT a b c FROM t",
    "SELECT (1",
    "SELECT *\nFROM range(3)\nWHERE id ==",
    "SELECT id,\n  id + FROM range(3)",
]
for query in queries:
    try:
        spark.sql(query)
    except Exception as e:
        print(type(e).__name__, e.getCondition(), e.getMessageParameters())
        print(repr(str(e)))
