# Spark's generators (explode, posexplode, inline, stack and the _outer forms) in SQL and
# the DataFrame API, against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as F, Row
spark.createDataFrame([(1, [1, 2], {"a": 1})], "id int, arr array<int>, m map<string,int>").createOrReplaceTempView("gen_t")
for q in ["select explode(array(1,2))", "select id, explode(arr) from gen_t", "select id, posexplode(arr) from gen_t", "select explode(m) from gen_t",
          "select inline(array(struct(1, 'a'), struct(2, 'b')))", "select stack(2, 1, 'a', 2, 'b')",           "select id, stack(2, 'a', id, 'b', id + 1) as (k, v) from gen_t", "select id, inline(array(named_struct('p', 1, 'q', 'z')))  from gen_t"] :
    try:
        df = spark.sql(q); print(df.columns); df.show()
    except Exception as e: print(q, "=>", type(e).__name__, str(e)[:150])
df = spark.createDataFrame([(1, [1, 2], [Row(a=1, b="x"), Row(a=2, b="y")]), (2, [], []), (3, None, None)], "id int, arr array<int>, st array<struct<a:int,b:string>>")
df.select("id", F.explode_outer("arr")).show()
df.select("id", F.posexplode_outer("arr")).show()
df.select("id", F.inline("st")).show()
df.select("id", F.inline_outer("st")).show()
df.select("id", F.stack(F.lit(2), "id", F.lit("a"), F.col("id") + 10, F.lit("b"))).show()
df.select(F.stack(F.lit(2), "id", "id").alias("x")).show()
df.createOrReplaceTempView("gen3")
spark.sql("select id, explode_outer(arr) as e from gen3").show()
spark.sql("select id, inline_outer(st) from gen3 order by id").show()
spark.sql("select explode(map('a', 1, 'b', 2)) as (k, v)").show()
spark.sql("select posexplode(map('a', 1)) ").show()
# Names given to a generator's columns, and generated names that repeat an input's.
from pyspark.sql import functions as sf
df = spark.createDataFrame([(1, 2, 3)], ['a', 'b', 'c'])
df.select('*', sf.stack(sf.lit(2), df.a, df.b, 'c').alias('x', 'y')).show()
df2 = spark.createDataFrame([Row(a=1, structlist=[Row(a=1, b=2), Row(a=3, b=4)])])
df2.select('*', sf.inline(df2.structlist)).show()
print(df2.select('*', sf.inline(df2.structlist)).columns)
