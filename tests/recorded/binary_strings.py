try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

df = spark.createDataFrame([(b'\x01',), (b'\x02',), (None,), (b'\x03',), (b'\x02',)], ['bytes'])
df.select(sf.listagg('bytes', b'B')).show()
df.select(sf.listagg('bytes')).show()
df.select(sf.listagg_distinct('bytes', b'\x00')).show()
df.select(sf.string_agg('bytes', b'--')).show()
spark.createDataFrame([(None,)], "b binary").select(sf.listagg("b")).show()
b = spark.createDataFrame([(bytearray(b'\x01\x23\x45'), bytearray(b'\x12\x34')), (bytearray(b'\x01\x23\x45'), bytearray(b'\x23')), (bytearray(b'abc'), bytearray(b'ab')), (None, bytearray(b'a'))], "a binary, b binary")
b.select(sf.contains("a", "b"), sf.startswith("a", "b"), sf.endswith("a", "b")).show()
spark.sql("select contains(X'0123', X'12') as odd, contains(X'0123', X'23') as even, startswith(X'0123', X'01') as s, endswith(X'0123', X'') as e").show()
