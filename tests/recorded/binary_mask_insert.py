# to_binary/try_to_binary, mask and array_insert against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as F
def q(text):
    try:
        rows = spark.sql("select " + text + " as v").collect()
        print(text, "=>", repr(rows[0][0]))
    except Exception as e:
        print(text, "=>", type(e).__name__, str(e).split("]")[0] + "]")
for t in ["to_binary('414243')", "to_binary('abc')", "to_binary('abc', 'utf-8')", "to_binary('QUJD', 'base64')", "to_binary('QUJ', 'BASE64')", "try_to_binary('zz', 'hex')", "to_binary('zz', 'hex')", "to_binary('a', 'x')", "try_to_binary('Q!', 'base64')", "to_binary(NULL, 'hex')",
          "mask('AbCD123-@$#')", "mask('AbCD123-@$#', 'Y', 'y', 'd', '*')", "mask('AbCD123-@$#', NULL, NULL)", "mask('ÄbÇ')",
          "array_insert(array(1,2,3), 2, 9)", "array_insert(array(1,2,3), -1, 9)", "array_insert(array(1,2,3), -2, 9)", "array_insert(array(1,2,3), 6, 9)", "array_insert(array(1), -3, 9)", "array_insert(array(1,2), 0, 9)", "array_insert(array(1,2), 1, 2.5)", "array_insert(array('a'), 1, NULL)"]:
    q(t)
df = spark.createDataFrame([(['a', 'b', 'c'],)], ['data'])
df.select(F.array_insert(df.data, 2, 'd'), F.array_insert(df.data, -2, F.lit(None))).show()
df.select(F.mask(F.lit("Ab1")), F.to_binary(F.lit("41")), F.try_to_binary(F.lit("zz"), F.lit("hex"))).show()
