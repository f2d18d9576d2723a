try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# approx_count_distinct is Spark's HyperLogLog++ estimate (xxhash64 of each value, seed
# 42; linear counting below the precision's threshold), not an exact count.
from pyspark.sql import functions as F
spark.range(100000).agg(F.approx_count_distinct("id"), F.approx_count_distinct("id", 0.1), F.approx_count_distinct("id", 0.01)).show()
spark.range(300).agg(F.approx_count_distinct("id"), F.approx_count_distinct(F.col("id").cast("int")), F.approx_count_distinct(F.col("id").cast("string"))).show()
spark.range(5000).agg(F.approx_count_distinct("id", 0.2), F.approx_count_distinct(F.col("id") * 1.5)).show()
spark.range(200).selectExpr("id % 7 AS k", "id").groupBy("k").agg(F.approx_count_distinct("id").alias("n")).orderBy("k").show()
df = spark.createDataFrame([(1, "a"), (None, "b"), (1, None)], "x int, s string")
df.agg(F.approx_count_distinct("x"), F.approx_count_distinct("s"), F.approx_count_distinct(F.struct("x", "s"))).show()
df.where("x > 5").agg(F.approx_count_distinct("x")).show()
spark.sql("SELECT approx_count_distinct(id), approx_count_distinct(id, 0.05D) FROM range(1000)").show()
try:
    spark.range(3).agg(F.approx_count_distinct("id", 0.5)).show()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0][:200])
spark.range(3).agg(F.approx_count_distinct("id", 0.39)).show()
