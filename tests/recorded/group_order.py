try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# The order of groups without orderBy, as Spark's hash aggregate gives it: by the input
# partition of a group's first row, then by the group's shuffle partition (Murmur3 hash
# of the keys), then by first row; no shuffle (one group order) on one partition.
# Runs on local[2] (the partitions of createDataFrame follow defaultParallelism).
from pyspark.sql import functions as sf

print(spark.range(0, 40, 1, 3).selectExpr("id % 11 AS k").groupBy("k").count().collect())
print(spark.range(0, 40, 1, 1).selectExpr("id % 11 AS k").groupBy("k").count().collect())
print(spark.range(0, 40, 1, 4).selectExpr("id % 11 AS k").coalesce(1).groupBy("k").count().collect())
print(spark.range(0, 40, 1, 4).selectExpr("cast(id % 9 AS string) AS s", "id % 2 AS b").groupBy("s", "b").agg(sf.sum("b").alias("t")).collect())
people = spark.createDataFrame(
    [(14, "Tom", "M"), (23, "Alice", "F"), (23, "Alice", "F"), (14, "Tom", None), (31, "Eve", "F"), (16, "Bob", "M"), (31, "Eve", None)],
    ["age", "name", "gender"],
)
people.distinct().show()
people.select("gender").distinct().show()
people.dropDuplicates(["name"]).show()
people.groupBy("gender").agg(sf.collect_list("name").alias("names")).show()
print(people.groupBy("age").count().collect())
left = spark.createDataFrame([("a", 1), ("a", 1), ("a", 1), ("a", 2), ("b", 3), ("c", 4), ("d", 5)], ["C1", "C2"])
right = spark.createDataFrame([("a", 1), ("b", 3)], ["C1", "C2"])
left.exceptAll(right).show()
left.intersectAll(left.union(right)).show()
print(people.limit(5).groupBy("name").count().collect())
