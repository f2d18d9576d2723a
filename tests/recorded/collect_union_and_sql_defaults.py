try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# collect_union: the distinct elements of a group's arrays, NULL arrays and NULL elements
# skipped, in SQL and the DataFrame API alike; SQL's assert_true gets its default message.
from pyspark.sql import functions as F
df = spark.createDataFrame([([1, 2],), ([2, 3, None],), (None,), ([1],)], ["a"]).coalesce(1)
df.createOrReplaceTempView("unions")
df.select(F.collect_union("a")).show()
spark.sql("SELECT collect_union(a) FROM unions").show()
spark.sql("SELECT collect_union(a) AS u FROM unions WHERE a IS NULL").printSchema()
spark.sql("SELECT collect_union(a) AS u FROM unions WHERE a IS NULL").show()
spark.createDataFrame([(1, [1]), (1, [2, 1]), (2, [5])], ["k", "a"]).coalesce(1).groupBy("k").agg(F.collect_union("a").alias("u")).orderBy("k").show()
spark.sql("SELECT assert_true(1 > 0)").show()
try:
    spark.sql("SELECT assert_true(id > 1) FROM range(3)").collect()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0][:80])
