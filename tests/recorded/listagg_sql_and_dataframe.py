try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# listagg / string_agg in SQL and the DataFrame API: DISTINCT keeps first occurrences, bytes join to bytes
# (one partition: across partitions Spark joins in the order the partitions merge).
from pyspark.sql import functions as F
df = spark.createDataFrame([(0.5, "a", b"x"), (1.5, "b", b"y"), (None, None, None)], "d double, s string, b binary").coalesce(1)
df.createOrReplaceTempView("t")
for q in ["select listagg(s) from t", "select listagg(s, ',') from t", "select string_agg(s, '-') from t", "select listagg(d) from t",
          "select listagg(DISTINCT s) from t", "select listagg(b) from t", "select string_agg(DISTINCT s, ',') from (select * from t union all select * from t)"]:
    r = spark.sql(q)
    print(r.columns, r.collect())
print(df.select(F.listagg("s"), F.listagg("s", "|"), F.string_agg("d", ",")).collect())
print(df.select(F.listagg_distinct("s"), F.string_agg_distinct("s", ","), F.listagg("b", F.lit(b"-"))).collect())
u = df.union(df).union(df.select(F.lit(2.5), F.lit("c"), F.lit(b"z")))
print(u.groupBy("s").agg(F.listagg("d"), F.listagg_distinct("d", ",")).orderBy("s").collect())
print(spark.sql("select listagg(s, ',') from t where s is null").collect())
