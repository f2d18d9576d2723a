try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

key = (sf.col("id") % 3).alias("key")
value = (sf.randn(42) + key * 10).alias("value")
df = spark.range(0, 1000, 1, 1).select(key, value)
df.select(sf.percentile("value", [0.25, 0.5, 0.75], sf.lit(1))).show(truncate=False)
df.groupBy("key").agg(sf.percentile("value", sf.lit(0.5), sf.lit(1)), sf.percentile_approx("value", 0.5, 1000000), sf.approx_percentile("value", [0.1, 0.9], 1000000)).sort("key").show(truncate=False)
ints = spark.createDataFrame([(1, 2), (2, 1), (3, 3), (4, 0), (None, 5)], "v int, f int")
ints.select(sf.percentile("v", 0.5), sf.percentile("v", 0.5, sf.col("f")), sf.percentile_approx("v", 0.5), sf.percentile_approx("v", [0.0, 1.0])).show()
ints.select(sf.percentile_approx("v", 0.5)).printSchema()
spark.sql("select percentile(v, 0.3) as p, percentile_approx(v, 0.3) as a from values (1), (5), (9), (NULL) t(v)").show()
spark.createDataFrame([(None,)], "v double").select(sf.percentile("v", 0.5), sf.percentile_approx("v", [0.5])).show()
try:
    ints.select(sf.percentile("v", 0.5, "f")).collect()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0].split(";")[0])
