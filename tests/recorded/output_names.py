# Output column names and types that Ember once gave otherwise than Spark: a cast of a
# column keeps the column's name, window functions are named with their full window
# specification, repeated names in a SQL select list, INT inline tables and ranking
# functions (tests/python/test_recorded.py).
from pyspark.sql import functions as F, Window as W
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
df = spark.createDataFrame([(1, 2.5, "x", (1, "y"), 2)], "a int, b double, s string, st struct<f:int,g:string>, c int")
df.createOrReplaceTempView("names_t")
print(df.selectExpr("cast(a as string)", "cast(a + 1 as string)", "a::string", "cast(b as int)", "try_cast(s as int)", "cast(s as int) as z").columns)
print(df.select(df.a.cast("string"), (df.a + 1).cast("long"), F.col("b").cast("int"), df.s.try_cast("int")).columns)
print(spark.sql("select cast(st.f as string), cast(cast(a as long) as string), upper(cast(a as string)), cast(a as string) || 'x', cast(a as decimal(5,2)), cast(names_t.b as string) from names_t").columns)
print(df.select(F.upper(F.col("a").cast("string")), F.col("st.f").cast("string"), F.col("st.f"), F.col("st").getField("g")).columns)
print(df.groupBy(F.col("a").cast("string")).count().columns)
print(spark.sql("select sum(cast(a as bigint)), max(cast(b as int)) from names_t").columns)
print(spark.sql("select * from (select cast(a as string), b from names_t) x").columns)
print(spark.sql("select cast(a as string) from names_t union all select s from names_t").columns)
for q in ["select a, a from names_t", "select a as x, c as x from names_t", "select a, cast(a as string) from names_t", "select a + 1, a + 1 from names_t"]:
    out = spark.sql(q)
    print(out.columns, [tuple(r) for r in out.collect()])
w = W.partitionBy("s").orderBy("a")
w2 = W.orderBy(F.desc("a"), "c")
for cols in [
    [F.row_number().over(w), F.rank().over(w2), F.dense_rank().over(w), F.percent_rank().over(w), F.cume_dist().over(w), F.ntile(2).over(w)],
    [F.lag("c").over(w), F.lag("c", 2, 0).over(w), F.lead("c").over(w)],
    [F.sum("c").over(w), F.sum("c").over(W.partitionBy("s")), F.sum("c").over(w.rowsBetween(-1, 1)), F.max("c").over(W.orderBy("a").rangeBetween(W.unboundedPreceding, 2))],
    [F.first("c").over(w), F.count("*").over(W.partitionBy("s")), F.sum("c").over(W.orderBy(F.col("a").desc_nulls_last()))],
]:
    print(df.select(*cols).columns)
print(spark.sql("select sum(c) over (partition by s order by a rows between 1 preceding and current row), row_number() over (order by a), lag(c) over (order by a), sum(c) over () from names_t").columns)
print(spark.sql("select * from values (1, 'a'), (2, 'b') as v(x, y)").dtypes)
print(spark.sql("select * from values (1), (3000000000) as v(x)").dtypes)
print(spark.sql("select regexp_count('aaa', 'a') as r, dense_rank() over (order by 1) as d, row_number() over (order by 1) as n").schema.simpleString())
