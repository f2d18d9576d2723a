try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

print(spark.conf.get("spark.sql.mapKeyDedupPolicy"))
try:
    spark.sql("SELECT map(1, 'a', 1, 'b') as data").collect()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
spark.conf.set("spark.sql.mapKeyDedupPolicy", "LAST_WIN")
print(spark.conf.get("spark.sql.mapKeyDedupPolicy"))
spark.sql("SELECT map(1, 'a', 2, 'x', 1, 'b') as data").show()
spark.sql("SELECT map(1, 'a', 1, 'b') as data").select(sf.map_keys("data"), sf.map_entries("data")).show()
df = spark.sql("SELECT map(1, 'a', 2, 'b') as m1, map(2, 'c', 3, 'd') as m2")
df.select(sf.map_concat("m1", "m2")).show(truncate=False)
spark.range(2).select(sf.create_map(sf.lit("k"), "id", sf.lit("k"), sf.col("id") + 10).alias("m")).show()
try:
    spark.conf.set("spark.sql.mapKeyDedupPolicy", "FIRST_WIN")
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
spark.conf.unset("spark.sql.mapKeyDedupPolicy")
print(spark.conf.get("spark.sql.mapKeyDedupPolicy"))
try:
    df.select(sf.map_concat("m1", "m2")).collect()
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
