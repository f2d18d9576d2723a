# array_repeat of an array column, against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf
df = spark.createDataFrame([(["a", "b"], "x")], ["data", "s"])
df.select(sf.array_repeat(df.data, 2), sf.array_repeat("s", 3), sf.array_repeat(df.data, 0)).show(truncate=False)
