# JSON functions (from_json, to_json, get_json_object, json_array_length,
# json_object_keys, json_tuple, schema_of_json) against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as F
import datetime
df = spark.createDataFrame([('{"a": 1, "b": [1.5, 2], "c": {"d": "x"}, "e": null}',), ('{"a": "nope"}',), ('{bad',), (None,), ('[1,2]',)], "j string")
df.select(F.from_json("j", "a INT, b ARRAY<DOUBLE>, c STRUCT<d: STRING>, e STRING").alias("p")).show(truncate=False)
df.select(F.from_json("j", "MAP<STRING,STRING>").alias("m")).show(truncate=False)
df.select(F.from_json("j", "array<int>").alias("m")).show(truncate=False)
df.select(F.get_json_object("j", "$.b[1]").alias("x"), F.get_json_object("j", "$.c").alias("y"), F.get_json_object("j", "$.b[*]").alias("z"), F.get_json_object("j", "$.a").alias("w")).show()
df.select(F.json_array_length("j"), F.json_object_keys("j")).show()
df.select(F.json_tuple("j", "a", "c")).show()
spark.sql("select schema_of_json('[{\"a\": 1, \"b\": null, \"c\": [true]}]') as s, schema_of_json('{\"x y\": 1.5, \"z\": 12345678901234567890}') as t").show(truncate=False)
r = spark.createDataFrame([(1, "x\"y", 2.5, 1e20, datetime.date(2024,1,2), datetime.datetime(2024,1,2,3,4,5), [1, None], {"k": None}, None)], "a int, s string, d double, e double, dt date, ts timestamp, arr array<int>, m map<string,int>, n string")
r.select(F.to_json(F.struct(*r.columns)).alias("j")).show(truncate=False)
r.select(F.to_json(F.struct("dt", "ts"), {"dateFormat": "dd/MM/yyyy"}).alias("j")).show(truncate=False)
print(spark.sql("select from_json('{\"a\":1}', 'a INT') as x, to_json(named_struct('a', 1)), from_json('{\"a\":1}', 'a INT')").columns)
try:
    spark.sql("select from_json('{bad', 'a INT', map('mode', 'FAILFAST'))").show()
except Exception as e: print("MALFORMED_RECORD_IN_PARSING" in str(e))
