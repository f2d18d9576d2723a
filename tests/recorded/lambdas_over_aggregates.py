# Higher-order functions (transform, filter, exists, aggregate, zip_with, nested lambdas,
# lambdas reading outer columns) over the output of groupBy, where the optimizer merges
# the projections above the aggregate.
from pyspark.sql import SparkSession, functions as F

spark = SparkSession.builder.master("local[2]").getOrCreate()
df = spark.createDataFrame([(1, "b", 3), (1, "a", 4), (2, "d", 5), (2, "c", 6), (3, "e", 7)], ["key", "value", "n"])
g = df.groupBy("key").agg(F.collect_list(F.struct("value", "n")).alias("rs"), F.sum("n").alias("total"))
g.select("key", F.transform("rs", lambda x: x["value"]).alias("values")).orderBy("key").show()
g.select("key", F.transform("rs", lambda x: x["n"] + F.col("total")).alias("plus")).orderBy("key").show()
g.select("key", F.filter("rs", lambda x: x["n"] > 3).alias("big")).orderBy("key").show(truncate=False)
g.select("key", F.aggregate("rs", F.lit(0).cast("bigint"), lambda acc, x: acc + x["n"]).alias("s")).orderBy("key").show()
g.select("key", F.transform("rs", lambda x, i: F.concat(x["value"], F.lit(i).cast("string"))).alias("t")).orderBy("key").show()
g.where(F.exists("rs", lambda x: x["value"] == "a")).select("key").show()
nested = g.select("key", F.transform(F.array(F.col("rs"), F.col("rs")), lambda a: F.transform(a, lambda x: x["n"] * 10)).alias("nested"))
nested.orderBy("key").show(truncate=False)
ids = spark.range(6).groupBy((F.col("id") % 2).alias("parity")).agg(F.collect_list("id").alias("ids"))
ids.select("parity", F.zip_with("ids", "ids", lambda a, b: a * b).alias("squares")).orderBy("parity").show()
ids.select("parity", F.array_sort(F.transform("ids", lambda x: -x)).alias("negated")).orderBy("parity").show()
spark.sql("SELECT key, transform(collect_list(n), x -> x * 2) AS doubled FROM VALUES (1, 2), (1, 3), (2, 4) AS t(key, n) GROUP BY key ORDER BY key").show()
