try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Spark's partitions: which partition holds each row after range slicing, round-robin,
# hash, range and direct repartitioning, coalesce and union, as spark_partition_id()
# shows them, and the row order each gives (Spark lists rows partition by partition).
from pyspark.sql import functions as sf

pid = sf.spark_partition_id().alias("p")
print(spark.range(0, 10, 1, 3).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).repartition(4).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).repartition(3, "id").select("id", pid).collect())
print(spark.range(0, 10, 1, 3).repartition(3, sf.col("id") % 2).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).coalesce(2).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).repartitionByRange(3, sf.col("id").desc()).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).repartitionById(4, (sf.col("id") * 3).cast("int")).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).union(spark.range(0, 4, 1, 2)).select("id", pid).collect())
print(spark.range(0, 10, 1, 3).hint("repartition", 2).rdd.glom().collect())
people = spark.createDataFrame([(14, "Tom"), (23, "Alice"), (16, "Bob"), (None, "Eve")], ["age", "name"]).coalesce(1)
people.repartition(3).select("age", "name", sf.spark_partition_id()).show()
people.repartition(2, "name").select("age", "name", sf.spark_partition_id()).show()
people.repartitionByRange(2, "age").select("age", "name", sf.spark_partition_id()).show()
people.repartition("name").show()
print(spark.range(0, 8, 1, 2).sortWithinPartitions(sf.col("id").desc()).collect())
print(spark.range(0, 8, 1, 2).select("id", sf.monotonically_increasing_id().alias("m"), sf.rand(7).alias("r")).collect())
print(spark.range(0, 10, 1, 3).repartition(2).rdd.getNumPartitions(), spark.range(0, 10, 1, 3).coalesce(5).rdd.getNumPartitions())
print(spark.range(0, 10, 1, 3).groupBy(sf.spark_partition_id().alias("p")).count().orderBy("p").collect())
try:
    spark.range(4).repartitionById(2, "id").collect()
except Exception as e:
    print(type(e).__name__, str(e).split(" SQLSTATE")[0])
