try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Rows of several files come in Spark's order without a sort: the largest file first
# (FilePartition packs split files by size), path order among files of one size.
import tempfile

with tempfile.TemporaryDirectory(prefix="a") as d1, tempfile.TemporaryDirectory(prefix="b") as d2:
    spark.createDataFrame([{"age": 30, "name": "Bob"}]).write.mode("overwrite").format("json").save(d1)
    spark.createDataFrame([{"age": 25, "name": "Alice"}]).write.mode("overwrite").format("json").save(d2)
    spark.read.json([d1, d2]).show()
    spark.read.json([d2, d1]).show()
with tempfile.TemporaryDirectory(prefix="c") as d:
    for i, rows in enumerate([[(1, "x")], [(2, "longer text"), (3, "y")], [(4, "zz")]]):
        spark.createDataFrame(rows, "id int, s string").coalesce(1).write.mode("append").option("header", True).csv(d + "/part%d" % i)
    spark.read.option("header", True).csv([d + "/part0", d + "/part1", d + "/part2"]).show()
