try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Parquet files are read largest first too (FilePartition packs split files by size),
# path order among files of one size; partitioned directories the same within a partition.
import tempfile

with tempfile.TemporaryDirectory() as d:
    for i, rows in enumerate([[(1, "x")], [(2, "a much longer text value"), (3, "y")], [(4, "zz")]]):
        spark.createDataFrame(rows, "id int, s string").coalesce(1).write.mode("append").parquet(d + "/part%d" % i)
    spark.read.parquet(d + "/part0", d + "/part1", d + "/part2").show()
    spark.read.parquet(d + "/part2", d + "/part0").show()
with tempfile.TemporaryDirectory() as d:
    spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").coalesce(1).write.mode("append").parquet(d)
    spark.createDataFrame([(3, "a long string here"), (4, "b"), (5, "c")], "id int, s string").coalesce(1).write.mode("append").parquet(d)
    spark.read.parquet(d).show()
    print(spark.read.parquet(d).count())
