# Spark's corr, covar_pop and covar_samp, to the last digit (tests/python/test_recorded.py).
from pyspark.sql import functions as F
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
pairs = spark.createDataFrame([(x, 2 * x) for x in range(20)], ["a", "b"])
pairs.agg(F.corr("a", pairs.b), F.covar_pop("a", "b"), F.covar_samp("a", "b")).show()
noisy = spark.createDataFrame([(float(x), (x * 7919) % 101 / 3.0) for x in range(37)], ["x", "y"])
noisy.agg(F.corr("x", "y"), F.covar_pop("x", "y"), F.covar_samp("y", "x")).show()
spark.sql("select corr(x, y), covar_pop(x, y), covar_samp(x, y) from values (1, 2.0), (2, 4.5), (null, 3), (4, 7.0), (5, 9.5) t(x, y)").show()
spark.sql("select corr(x, y), covar_samp(x, y), covar_pop(x, y) from values (1, 2.0) t(x, y)").show()
spark.sql("select corr(x, y), covar_samp(x, y), covar_pop(x, y) from values (1, 2.0), (1, 3.0) t(x, y)").show()
spark.sql("select corr(x, y) from values (cast(null as int), 1.0) t(x, y)").show()
spark.sql("select k, corr(x, y), covar_samp(x, y) from values (1, 1, 2.0), (1, 2, 4.5), (2, 3, 3.0), (2, 4, 7.0), (2, 5, 9.5) t(k, x, y) group by k order by k").show()
