# Spark's higher-order functions from the DataFrame API and SQL (tests/python/test_recorded.py).
from pyspark.sql import functions as F
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
df = spark.createDataFrame([(1, [1, 2, 3], [10, 20], {"a": 1, "b": 2}, {"a": 5}), (2, [], [7], {}, {"z": 1}), (3, None, None, None, None), (4, [4, None, 6], [1, 2, 3], {"c": None}, {"c": 3})], "id INT, xs ARRAY<INT>, ys ARRAY<INT>, m MAP<STRING,INT>, n MAP<STRING,INT>")
def run(label, f):
    print(label)
    try:
        r = f()
        print(r.columns)
        r.show(truncate=False)
    except Exception as e:
        # The class and condition; message texts are checked in test_errors.
        print(type(e).__name__, str(e).split("]")[0] + "]")
run("t1", lambda: df.select("id", F.transform("xs", lambda x: x * 2)))
run("t2", lambda: df.select(F.transform("xs", lambda x, i: x + i + F.col("id")).alias("t")))
run("f1", lambda: df.select(F.filter("xs", lambda x: x > 1)))
run("f2", lambda: df.select(F.filter("xs", lambda x, i: i % 2 == 0).alias("f")))
run("e1", lambda: df.select(F.exists("xs", lambda x: x > 2), F.forall("xs", lambda x: x > 0)))
run("a1", lambda: df.select(F.aggregate("xs", F.lit(0), lambda acc, x: acc + x)))
run("a2", lambda: df.select(F.aggregate("xs", F.lit(0).cast("bigint"), lambda acc, x: acc + x, lambda acc: acc * 10).alias("a")))
run("r1", lambda: df.select(F.reduce("xs", F.lit(0), lambda acc, x: acc + x).alias("r")))
run("z1", lambda: df.select(F.zip_with("xs", "ys", lambda x, y: F.coalesce(x, F.lit(0)) + F.coalesce(y, F.lit(0)))))
run("m1", lambda: df.select(F.map_filter("m", lambda k, v: v > 1)))
run("m2", lambda: df.select(F.transform_keys("m", lambda k, v: F.upper(k))))
run("m3", lambda: df.select(F.transform_values("m", lambda k, v: v * 100)))
run("m4", lambda: df.select(F.map_zip_with("m", "n", lambda k, v1, v2: F.coalesce(v1, F.lit(0)) + F.coalesce(v2, F.lit(0))).alias("mz")))
run("s1", lambda: spark.sql("SELECT transform(array(1, 2, 3), x -> x * 10), filter(array(1, 2, 3, 4), x -> x % 2 = 0), aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x), exists(array(1, 2), x -> x > 1), forall(array(1, null), x -> x > 0)"))
run("s2", lambda: spark.sql("SELECT transform(array(1, 2, 3), (x, i) -> x + i) t, zip_with(array(1, 2), array('a'), (x, y) -> concat(y, x)) z, map_filter(map(1, 0, 2, 2), (k, v) -> k > v) mf, transform_values(map('a', 1), (k, v) -> v + 1) tv, aggregate(array(1.5, 2.5), 0D, (a, x) -> a + x, a -> a / 2) ag"))
run("s3", lambda: spark.sql("SELECT aggregate(array(1, 2), 0L, (a, x) -> a + x) b, exists(array(1, null), x -> x > 5) e2, transform_keys(map(1, 'a'), (k, v) -> k * 2) tk, reduce(array(1,2,3), 0, (a, x) -> a + x) r"))
run("s4", lambda: spark.sql("SELECT aggregate(array(1, 2), 0L, (a, x) -> a + x + 0.5)"))
run("s5", lambda: spark.sql("SELECT transform(array(1, 2), x -> x + y)"))
run("s6", lambda: spark.sql("SELECT transform(array(array(1, 2), array(3)), a -> transform(a, x -> x * size(a))) nested"))
run("s7", lambda: spark.sql("SELECT transform_keys(map(1, 'a', 2, 'b'), (k, v) -> 0)"))
run("s8", lambda: spark.sql("SELECT filter(array('a', null, 'c'), x -> x is not null) f, exists(array(1), x -> x > 0) e FROM range(2) WHERE EXISTS (SELECT 1) AND NOT exists(SELECT 1 WHERE false)"))
run("e2", lambda: df.select(F.transform("xs", lambda x, y, z, w: x)))
run("e3", lambda: df.select(F.transform("xs", lambda x: 1)))
run("e4", lambda: df.select(F.transform("id", lambda x: x)))
run("n1", lambda: df.select(F.transform("xs", lambda x: F.transform(F.array(x, F.col("id")), lambda y: y + x)).alias("n")))
