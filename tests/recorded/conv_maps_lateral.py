# conv, map_concat and SQL's LATERAL VIEW [OUTER] against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
for t in ["conv('010101', 2, 16)", "conv('-10', 10, 16)", "conv('ff', 16, -10)", "conv('zz', 36, 10)", "conv('1x', 10, 10)", "conv('x1', 10, 10)", "conv('', 10, 10)", "conv(' 12', 10, 10)", "conv('-ff', 16, -10)", "conv('FFFFFFFFFFFFFFFF', 16, 10)", "conv('FFFFFFFFFFFFFFFFF', 16, 10)", "conv('255', 10, 2)", "conv(255, 10, 16)", "conv('10', 1, 10)", "conv('10', 10, 37)", "conv(NULL, 10, 2)", "conv('18446744073709551616', 10, 16)", "conv('-1', 10, -10)", "conv('12', 10, -16)",
          "map_concat(map(1, 'a'), map(2, 'b'))", "map_concat(map(1, 'a'), map(1, 'b'))", "map_concat(map(1, 'a'), NULL)", "map_concat(map(1, 'a'))", "map_concat(map(1, 'a'), map(2L, 'b'))"]:
    try:
        df = spark.sql("select " + t + " as v"); print(t, repr(df.collect()[0][0]), df.schema.simpleString())
    except Exception as e: print(t, str(e).split("]")[0] + "]")
spark.createDataFrame([(1, [1, 2], {"a": 1}), (2, [], {}), (3, None, None)], "id int, arr array<int>, m map<string,int>").createOrReplaceTempView("lv_t")
for q in ["select id, x from lv_t lateral view explode(arr) v as x order by id, x",
          "select t.id, v.x from lv_t t lateral view outer explode(arr) v as x order by t.id",
          "select * from lv_t lateral view posexplode(arr) p as pos, val order by id",
          "select id, k, v from lv_t lateral view explode(m) e as k, v",
          "select id, x, y from lv_t lateral view explode(arr) a as x lateral view explode(array(10, 20)) b as y order by id, x, y",
          "select id, count(*) from lv_t lateral view explode(arr) v as x group by id order by id"]:
    try:
        df = spark.sql(q); print(df.columns); df.show()
    except Exception as e: print(q, "=>", type(e).__name__, str(e)[:150])
