# Collection sizes, flatten, array_prepend, split limits, any_value, star arguments
# (tests/python/test_recorded.py).
from pyspark.sql import Row
from pyspark.sql import functions as F
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
def run(label, f):
    print(label)
    try:
        r = f()
        print(r.columns)
        r.show(truncate=False)
    except Exception as e:
        print(type(e).__name__, str(e).split("]")[0] + "]")
arrays = spark.createDataFrame([([[1, 2], [3]], ["b", "a"], "c"), ([[]], [], "d"), ([None, [4, 5]], None, None), (None, ["x"], "e")], "a ARRAY<ARRAY<INT>>, s ARRAY<STRING>, e STRING")
run("size", lambda: arrays.select(F.size("a"), F.cardinality("a"), F.array_size("a"), F.size("s")))
run("size_sql", lambda: spark.sql("select size(array(array(1, 2), array(3))), cardinality(map(1, 2, 3, 4)), size(map()), array_size(array(array(1)))"))
run("flatten", lambda: arrays.select(F.flatten("a")))
run("posexplode", lambda: arrays.select("e", F.posexplode_outer("a")))
run("explode_outer", lambda: arrays.select("e", F.explode_outer("a")))
run("prepend", lambda: arrays.select(F.array_prepend("s", F.col("e")), F.array_prepend("s", "z"), F.array_append("s", F.col("e"))))
run("prepend_sql", lambda: spark.sql("select array_prepend(array(1, 2), 3), array_prepend(array(1, 2), a), array_append(array(1), a) from values (5), (null) t(a)"))
splits = spark.createDataFrame([("oneAtwoBthreeC", "[ABC]", 2), ("1A2B3C", "[1-9]+", 1), ("aa2bb3cc4", "[1-9]+", -1), ("x,y", ",", None)], ["s", "p", "l"])
run("split_columns", lambda: splits.select(F.split("s", F.col("p"), "l"), F.split("s", F.col("p"), 2), F.split(F.col("s"), "[ABC]", F.col("l"))))
values = spark.createDataFrame([(None, 1), ("a", 2), ("a", 3), ("b", 8), ("b", 2)], ["c1", "c2"])
run("any_value", lambda: values.select(F.any_value("c1"), F.any_value("c2")))
run("any_value_ignore", lambda: values.select(F.any_value("c1", True), F.any_value("c2", F.lit(True))))
run("any_value_sql", lambda: spark.sql("select any_value(v), any_value(w, true) from values (null, null), ('a', 'b') t(v, w)"))
run("any_value_group", lambda: values.groupBy("c1").agg(F.any_value("c2")).orderBy("c1"))
strings = spark.createDataFrame([("ABC", "DEF", 3)], ["c1", "c2", "n"])
run("hash_star", lambda: strings.select("*", F.hash("*"), F.xxhash64("*")))
run("concat_ws_star", lambda: strings.select(F.concat_ws("-", "*")))
run("struct_star", lambda: strings.select(F.struct("*").alias("s")))
run("array_star", lambda: strings.select(F.array(F.col("*")).alias("a")))
