try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

df = spark.createDataFrame([(bytearray(b"\x01\x02\xff"), "héllo"), (bytearray(b""), ""), (None, None)], "b binary, s string")
df.select(sf.hex(sf.reverse("b")), sf.reverse("s")).show()
t = spark.createDataFrame([("banana",), ("xyz",), (None,)], ["s"])
t.select("*", sf.instr("s", "an"), sf.instr("s", "a", 3), sf.instr("s", "a", 1, 3)).show()
spark.sql("SELECT instr('banana', 'na'), instr('banana', 'na', 4), instr('banana', 'a', 1, 2)").show()
spark.range(0, 4, 1, 1).select(sf.uuid(seed=7).alias("u")).show(truncate=False)
spark.range(0, 3, 1, 1).select(sf.uuid(seed=-42)).show(truncate=False)
print(spark.range(0, 50, 1, 1).select(sf.uuid().alias("u")).distinct().count())
