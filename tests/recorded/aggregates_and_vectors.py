# Spark's vector functions, value aggregates and small functions (tests/python/test_recorded.py).
from pyspark.sql import functions as F
from pyspark.sql.types import ArrayType, FloatType, StructField, StructType
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")


def run(label, f):
    print(label)
    try:
        r = f()
        print(r.columns)
        for row in r.collect():
            print(row)
    except Exception as e:
        print(type(e).__name__, str(e).split("]")[0] + "]")


vectors = spark.createDataFrame(
    [([0.1, 0.2, 0.3], [0.7, 0.11, 0.13], "a"), ([3.0, 4.0, 0.0], [1.0, 2.0, 2.0], "a"), ([0.0, 0.0, 0.0], [1.0, 1.0, 1.0], "b"), (None, [1.0, 1.0, 1.0], "b")],
    StructType([StructField("u", ArrayType(FloatType())), StructField("v", ArrayType(FloatType())), StructField("g", "string" and __import__("pyspark.sql.types", fromlist=["StringType"]).StringType())]),
)
run("cosine", lambda: vectors.select(F.vector_cosine_similarity("u", "v"), F.vector_inner_product("u", "v"), F.vector_l2_distance("u", "v")))
run("norm", lambda: vectors.select(F.vector_norm("u"), F.vector_norm("u", F.lit(1.0).cast("float")), F.vector_norm("u", F.lit(float("inf")).cast("float")), F.vector_normalize("v")))
run("norm_degree", lambda: vectors.select(F.vector_norm("u", F.lit(3.0).cast("float"))))
run("dimension", lambda: vectors.select(F.vector_inner_product("u", F.array(F.lit(1.0).cast("float")))))
run("not_float", lambda: spark.range(1).select(F.vector_norm(F.array(F.lit(1.0)))))
run("vector_aggs", lambda: vectors.groupBy("g").agg(F.vector_sum("u"), F.vector_avg("v")).orderBy("g"))
rows = spark.createDataFrame([("a", 1, 2.0), ("b", 3, 4.0), ("a", 5, 1.0), ("a", 5, None), ("b", None, 0.5)], "k string, v int, w double")
run("value_aggs", lambda: rows.groupBy("k").agg(F.count_if(F.col("v") > 1), F.max_by("v", "w"), F.min_by("v", "w"), F.max_by("v", "w", 2), F.product("w"), F.mode("v"), F.try_avg("v")).orderBy("k"))
run("mode_ties", lambda: spark.createDataFrame([(-10,), (0,), (10,)], ["c"]).select(F.mode("c", True)))
run("count_if_type", lambda: rows.select(F.count_if("v")))
run("scalars", lambda: rows.select(F.try_mod("v", F.lit(0)), F.try_mod("v", F.lit(2)), F.dayname(F.lit("2024-01-01").cast("date")), F.get(F.array("v", "v"), F.lit(1)), F.get(F.array("v"), F.lit(-1))))
run("sql", lambda: spark.sql("SELECT count_if(x > 1), mode(x), max_by(x, -x), min_by(x, -x) FROM VALUES (1), (2), (2), (3) t(x)"))
run("duplicates", lambda: rows.select("k", "k", (F.col("v") + 1), (F.col("v") + 1)))
run("struct_star", lambda: spark.sql("SELECT named_struct('a', 1, 'b', 'x') AS s").select("s.*"))
run("mixed_strings", lambda: spark.createDataFrame([(["apple", 1, True, 1.5],)], ["data"]))
run("empty_map", lambda: spark.sql("SELECT * FROM VALUES (1, MAP(1, 2)), (2, MAP()) AS t(i, m)"))
