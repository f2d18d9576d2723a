try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# grouping(col) is a tinyint (Spark's Grouping is ByteType); grouping_id a bigint.
from pyspark.sql import functions as F
df = spark.createDataFrame([("a", 1), ("b", 2)], "k string, v int")
r = df.rollup("k").agg(F.grouping("k"), F.grouping_id(), F.sum("v")).orderBy(F.col("k").asc_nulls_last())
r.printSchema()
r.show()
df.cube("k").agg(F.grouping("k").alias("g")).orderBy("g", "k").show()
