try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# An aggregation may repeat a column name, as a select may: two aggregates the engine
# would name alike stay two columns.
from pyspark.sql import functions as F
spark.range(4).agg(F.sum("id"), F.sum("id")).show()
spark.range(4).agg(F.sum("id"), F.sum(F.col("id").cast("int")), F.max("id")).show()
spark.range(4).selectExpr("id % 2 AS k", "id").groupBy("k").agg(F.count("id"), F.count(F.col("id").cast("string"))).orderBy("k").show()
