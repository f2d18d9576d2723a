try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# hll_sketch_agg writes Spark's updatable image (LIST mode: the coupons in a padded
# array); SQL's length of BINARY counts bytes; SQL's BINARY type.
from pyspark.sql import functions as F
for n in [1, 3, 7]:
    b = spark.range(n).coalesce(1).select(F.hll_sketch_agg("id")).collect()[0][0]
    print(n, len(b), b.hex())
print(spark.range(100).select(F.hll_sketch_estimate(F.hll_sketch_agg("id"))).collect())
print(spark.sql("select hll_sketch_estimate(hll_union(hll_sketch_agg(id), hll_sketch_agg(id + 3))) from range(10)").collect())
print(spark.sql("select length(hll_union_agg(s)) from (select hll_sketch_agg(id) s from range(5))").collect())
print(spark.sql("select length(X'0102'), len(cast('abc' as binary)), length('abc'), character_length(X'01'), cast('ab' as binary)").collect())
