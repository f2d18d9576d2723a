# A failing statement raises the right pyspark.errors class and the session keeps its views.
from pyspark.errors import AnalysisException, ParseException
df = spark.createDataFrame([(1, "a"), (2, "b")], ["id", "v"])
df.createOrReplaceTempView("t")
for bad in ["SELEC 1", "SELECT nope FROM t", "SELECT * FROM missing"]:
    try:
        spark.sql(bad)
    except AnalysisException as e:
        print(type(e).__name__, e.getCondition())
print(spark.sql("SELECT count(*) AS n FROM t").first().n)
try:
    spark.sql("SELECT 1/0 AS x").collect()
except Exception as e:
    print(type(e).__name__, e.getCondition())
print(spark.table("t").count())
