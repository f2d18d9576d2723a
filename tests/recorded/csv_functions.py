try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import Row, functions as sf

lines = spark.createDataFrame([("1,2.5,x",), ("3,,\"a,b\"",), ("4",), ("bad,1.0,z",), (None,)], ["value"])
lines.select(sf.from_csv("value", "a INT, b DOUBLE, c STRING")).show(truncate=False)
lines.select(sf.from_csv("value", "a INT, b DOUBLE, c STRING").alias("r")).select("r.a", "r.c").show()
lines.select(sf.from_csv("value", "a INT, b DOUBLE, c STRING")).printSchema()
spark.createDataFrame([("1;2;3",)], ["value"]).select(sf.from_csv("value", "a INT, b INT, c INT", {"sep": ";"})).show()
spark.createDataFrame([("  x,  y",)], ["value"]).select(sf.from_csv("value", "s STRING, t STRING", {"ignoreLeadingWhiteSpace": "true"}).alias("r")).select("r.*").show()
spark.range(1).select(
    sf.schema_of_csv(sf.lit("1,abc,true,2.5,2024-01-02,9999999999")),
    sf.schema_of_csv(sf.lit("1|a|"), {"sep": "|"}),
).show(truncate=False)
spark.createDataFrame([("7,8",)], ["value"]).select(sf.from_csv("value", sf.schema_of_csv(sf.lit("1,2")))).show()
people = spark.createDataFrame([(1, Row(age=2, name="Alice", tags=["x", "y"], ok=True, score=1.5))], ("key", "value"))
people.select(sf.to_csv("value")).show(truncate=False)
people.select(sf.to_csv("value", {"sep": "|"})).show(truncate=False)
spark.createDataFrame([(Row(a=None, b='say "hi"', c="a,b"),)], "value struct<a: int, b: string, c: string>").select(sf.to_csv("value")).show(truncate=False)
spark.sql("SELECT from_csv('1,2', 'x INT, y INT') AS r, to_csv(named_struct('a', 1, 'b', 'z')), schema_of_csv('1,a')").show(truncate=False)
