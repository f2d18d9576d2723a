# Types settled as Spark's analyzer settles them (CASE, nvl2, UNION), and RANGE frames with
# value offsets in the DataFrame API (tests/python/test_recorded.py).
from pyspark.sql import functions as F
from pyspark.sql import Window
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
def run(label, f):
    print(label)
    try:
        r = f()
        print(r.schema.simpleString())
        r.show(truncate=False)
    except Exception as e:
        print(type(e).__name__, str(e).split("]")[0] + "]")
df = spark.createDataFrame([(1, 0.1), (2, 0.5), (3, None)], ["i", "d"])
run("when_double", lambda: df.select(F.when(F.col("i") == 1, 1).otherwise(2.5).alias("a")))
run("when_columns", lambda: df.select(F.when(F.col("i") == 1, F.col("i")).otherwise(F.col("d")).alias("b")))
run("when_divide", lambda: df.select(F.when(F.col("i") == 1, F.lit(1)).otherwise(F.col("i") / 4).alias("c")))
run("when_then_arith", lambda: df.withColumn("w", F.when(F.col("i") > 1, 0.5).otherwise(1)).select((F.col("w") * 3).alias("x")))
run("case_sql", lambda: spark.sql("select case when x > 1 then x else x / 2 end as c from values (1), (3) t(x)"))
run("case_literals", lambda: spark.sql("select case when false then 1 else 2.5D end as a, case when false then 1 else 2.5 end as b, nvl2(NULL, 1, 2.75) as c, nvl2(1, 2, 3.5D) as d"))
run("union_sql", lambda: spark.sql("SELECT CAST(1 AS INT) AS x UNION ALL SELECT 2.75"))
run("union_widen", lambda: spark.sql("SELECT CAST(1 AS INT) AS x UNION ALL SELECT CAST(3000000000 AS BIGINT)"))
a = spark.createDataFrame([(1,)], "x int")
b = spark.createDataFrame([(3000000000,)], "x bigint")
run("union_frames", lambda: a.union(b))
frames = spark.createDataFrame([("a", 1, 10), ("a", 2, 20), ("a", 4, 40), ("a", 7, 70), ("b", 1, 5), ("b", 3, 6)], ["k", "o", "v"])
by_o = Window.partitionBy("k").orderBy("o")
run("range_frames", lambda: frames.select("k", "o",
    F.count("*").over(by_o.rangeBetween(-1, 1)).alias("c11"),
    F.count("*").over(by_o.rangeBetween(-2, 0)).alias("c20"),
    F.avg("v").over(by_o.rangeBetween(-2, 0)).alias("a20"),
    F.max("v").over(by_o.rangeBetween(-3, -1)).alias("m31"),
    F.min("v").over(by_o.rangeBetween(1, 3)).alias("n13"),
    F.sum("v").over(Window.orderBy(F.col("o").desc()).rangeBetween(-1, 1)).alias("sd")).orderBy("k", "o"))
