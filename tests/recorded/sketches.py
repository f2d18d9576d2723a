try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf


def attempt(label, thunk, whole=True):
    try:
        thunk()
    except Exception as e:
        # (Ember does not give the position in the SQL text.)
        text = str(e).splitlines()[0].split("; line ")[0]
        print(label, type(e).__name__, text[:400] if whole else text.split("]")[0] + "]")


words = spark.createDataFrame([("apple",), ("pear",), ("apple",), ("",), (None,), ("fig",)], "w string")
nums = spark.createDataFrame([(i, float(i) / 4, i % 7) for i in range(1, 201)], "i int, d double, g int")

# HLL: distinct counts by type, empty strings and NULLs skipped, names with defaults.
words.agg(sf.hll_sketch_estimate(sf.hll_sketch_agg("w"))).show()
nums.agg(sf.hll_sketch_estimate(sf.hll_sketch_agg("i", 10)).alias("i"), sf.hll_sketch_estimate(sf.hll_sketch_agg(sf.col("i").cast("bigint"))).alias("l")).show()
nums.groupBy("g").agg(sf.hll_sketch_estimate(sf.hll_sketch_agg("i")).alias("n")).orderBy("g").show()
spark.sql("SELECT hll_sketch_estimate(hll_sketch_agg(col)) + 1, hll_sketch_estimate(hll_union(hll_sketch_agg(col), hll_sketch_agg(col))) FROM VALUES (1), (2), (2), (NULL) AS t(col)").show()
parts = nums.groupBy("g").agg(sf.hll_sketch_agg("i").alias("s"))
parts.agg(sf.hll_sketch_estimate(sf.hll_union_agg("s"))).show()
spark.sql("SELECT hll_sketch_estimate(hll_sketch_agg(col)) FROM VALUES (1) AS t(col) WHERE col > 5").show()

# Theta: set operations over sketches of overlapping ranges.
a = spark.range(0, 60).select(sf.col("id").alias("v"))
b = spark.range(40, 100).select(sf.col("id").alias("v"))
ta = a.agg(sf.theta_sketch_agg("v").alias("s"))
tb = b.agg(sf.theta_sketch_agg("v").alias("s"))
both = ta.crossJoin(tb.withColumnRenamed("s", "t"))
both.select(
    sf.theta_sketch_estimate(sf.theta_union("s", "t")).alias("union"),
    sf.theta_sketch_estimate(sf.theta_intersection("s", "t")).alias("both"),
    sf.theta_sketch_estimate(sf.theta_difference("s", "t")).alias("only_a"),
).show()
ta.union(tb).agg(sf.theta_sketch_estimate(sf.theta_union_agg("s")).alias("u"), sf.theta_sketch_estimate(sf.theta_intersection_agg("s")).alias("i")).show()
spark.createDataFrame([(1.5,), (-0.0,), (0.0,), (2.5,)], "x double").agg(sf.theta_sketch_estimate(sf.theta_sketch_agg("x"))).show()
spark.sql("SELECT theta_sketch_estimate(theta_sketch_agg(col)) FROM VALUES (array(1, 2)), (array(1, 2)), (array(2, 1)), (array()) AS t(col)").show()
print(spark.sql("SELECT hex(theta_sketch_agg(col)) FROM VALUES (1), (2) AS t(col)").first()[0])

# Tuple: summaries by mode.
kv = spark.createDataFrame([(1, 10.0), (2, 20.0), (2, 30.0), (3, 5.0), (None, 1.0), (4, None)], "k int, v double")
for mode in ["sum", "min", "max", "alwaysone"]:
    kv.agg(sf.tuple_sketch_summary_double(sf.tuple_sketch_agg_double("k", "v", 12, mode), mode)).show()
kv.agg(sf.tuple_sketch_estimate_double(sf.tuple_sketch_agg_double("k", "v")).alias("n"), sf.tuple_sketch_theta_double(sf.tuple_sketch_agg_double("k", "v")).alias("theta")).show()
ki = spark.createDataFrame([(1, 10, 1), (2, 20, 2), (3, 30, 9)], "k int, v int, t int")
sk = ki.agg(sf.tuple_sketch_agg_integer("k", "v").alias("s"), sf.theta_sketch_agg("t").alias("t"))
sk.select(
    sf.tuple_sketch_summary_integer(sf.tuple_union_theta_integer("s", "t")).alias("u"),
    sf.tuple_sketch_summary_integer(sf.tuple_intersection_theta_integer("s", "t", "max")).alias("i"),
    sf.tuple_sketch_estimate_integer(sf.tuple_difference_theta_integer("s", "t")).alias("d"),
).show()
sk.select(sf.tuple_sketch_summary_integer(sf.tuple_union_integer("s", "s", 12, "min"))).show()
ki.groupBy((sf.col("k") % 2).alias("p")).agg(sf.tuple_sketch_agg_integer("k", "v").alias("s")).agg(
    sf.tuple_sketch_summary_integer(sf.tuple_union_agg_integer("s")).alias("u"),
    sf.tuple_sketch_estimate_integer(sf.tuple_intersection_agg_integer("s")).alias("i"),
).show()

# KLL: quantiles and ranks.
q = nums.agg(sf.kll_sketch_agg_bigint("i").alias("b"), sf.kll_sketch_agg_double("d").alias("d"))
q.select(
    sf.kll_sketch_get_n_bigint("b"),
    sf.kll_sketch_get_quantile_bigint("b", sf.lit(0.25)),
    sf.kll_sketch_get_quantile_double("d", sf.array(sf.lit(0.1), sf.lit(0.9))),
    sf.kll_sketch_get_rank_bigint("b", sf.lit(50)),
    sf.kll_sketch_get_rank_double("d", sf.lit(10.0)),
).show(truncate=False)
q.select(sf.kll_sketch_get_n_bigint(sf.kll_sketch_merge_bigint("b", "b"))).show()
nums.groupBy("g").agg(sf.kll_sketch_agg_bigint("i").alias("s")).agg(sf.kll_sketch_get_quantile_bigint(sf.kll_merge_agg_bigint("s"), sf.lit(0.5)).alias("median")).show()
spark.sql("SELECT kll_sketch_get_n_bigint(kll_merge_agg_bigint(s)) FROM (SELECT kll_sketch_agg_bigint(1) s WHERE false)").show()
print(spark.sql("SELECT typeof(kll_sketch_agg_float(col)), typeof(tuple_sketch_summary_integer(tuple_sketch_agg_integer(col, col))) FROM VALUES (CAST(1 AS FLOAT)) AS t(col)").first())

# Bad input.
attempt("lg", lambda: spark.sql("SELECT hll_sketch_agg(col, 2) FROM VALUES (1) AS t(col)").collect())
attempt("bytes", lambda: spark.sql("SELECT hll_sketch_estimate(X'0102')").collect())
attempt("theta bytes", lambda: spark.sql("SELECT theta_sketch_estimate(X'0102')").collect())
attempt("type", lambda: spark.sql("SELECT hll_sketch_agg(col) FROM VALUES (1.5D) AS t(col)").collect())
attempt("rank", lambda: spark.sql("SELECT kll_sketch_get_quantile_bigint(kll_sketch_agg_bigint(col), 1.5) FROM VALUES (1) AS t(col)").collect())
attempt("k", lambda: spark.sql("SELECT kll_sketch_agg_bigint(col, 4) FROM VALUES (1) AS t(col)").collect())
attempt("mode", lambda: spark.sql("SELECT tuple_sketch_summary_double(tuple_sketch_agg_double(col, col), 'avg') FROM VALUES (1.0D) AS t(col)").collect())
attempt("tuple lg", lambda: spark.sql("SELECT tuple_union_double(tuple_sketch_agg_double(col, col), tuple_sketch_agg_double(col, col), 30, 'x') FROM VALUES (1.0D) AS t(col)").collect())
attempt("theta lg", lambda: spark.sql("SELECT theta_sketch_agg(col, 2) FROM VALUES (1.0D) AS t(col)").collect())
attempt("merge k", lambda: spark.sql("SELECT kll_merge_agg_bigint(s, 70000) FROM (SELECT kll_sketch_agg_bigint(col) s FROM VALUES (1) AS t(col))").collect())
hll10 = spark.sql("SELECT hll_sketch_agg(col, 10) s FROM VALUES (1) AS t(col)")
hll12 = spark.sql("SELECT hll_sketch_agg(col, 12) s FROM VALUES (2) AS t(col)")
# Which two sizes the message names depends on the order the partitions merge in.
attempt("different k", lambda: hll10.union(hll12).agg(sf.hll_union_agg("s")).collect(), whole=False)
hll10.union(hll12).agg(sf.hll_sketch_estimate(sf.hll_union_agg("s", True))).show()
