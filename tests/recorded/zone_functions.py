try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as F

spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
df = spark.createDataFrame([(2014, 12, 28, 6, 30, 45.887, "CET"), (2024, 2, 29, 23, 59, 60.0, "Asia/Tokyo"), (2024, 3, 10, 2, 30, 0.0, None)], "y int, m int, d int, h int, mi int, s double, tz string")
df.select(F.make_timestamp("y", "m", "d", "h", "mi", "s")).show(truncate=False)
df.select(F.make_timestamp("y", "m", "d", "h", "mi", "s", "tz").alias("with_zone"), F.make_timestamp_ntz("y", "m", "d", "h", "mi", "s").alias("ntz")).show(truncate=False)
df.select(F.make_timestamp_ltz("y", "m", "d", "h", "mi", "s", "tz")).printSchema()
df.select(F.make_timestamp_ntz("y", "m", "d", "h", "mi", "s")).printSchema()
spark.sql("select try_make_timestamp(2024, 13, 1, 0, 0, 0) as a, try_make_timestamp(2024, 1, 1, 0, 0, 60.5) as b, make_timestamp(2024, 1, 1, 0, 0, 7) as c").show()
for q in ["select make_timestamp(2024, 13, 1, 0, 0, 0)", "select make_timestamp(2024, 1, 1, 0, 0, 60.5)", "select make_timestamp(2024, 2, 30, 0, 0, 0)"]:
    try:
        spark.sql(q).collect()
    except Exception as e:
        print(type(e).__name__, repr(str(e)))
t = spark.createDataFrame([("2017-07-14 02:40:00", "PST"), ("2024-01-01 00:00:00", "+05:30"), ("2024-01-01 00:00:00", None)], "s string, z string").select(F.col("s").cast("timestamp").alias("ts"), "z")
t.select(F.from_utc_timestamp("ts", F.col("z")), F.to_utc_timestamp("ts", F.col("z"))).show()
t.select(F.from_utc_timestamp("ts", "JST").alias("a"), F.to_utc_timestamp("ts", "GMT+1").alias("b")).show()
n = spark.createDataFrame([("2015-04-08 00:00:00",)], "s string").select(F.col("s").cast("timestamp_ntz").alias("dt"))
n.select(F.convert_timezone(None, F.lit("Asia/Hong_Kong"), "dt")).show()
n.select(F.convert_timezone(F.lit("America/Los_Angeles"), F.lit("Asia/Hong_Kong"), "dt")).show()
spark.sql("select convert_timezone('UTC', 'Europe/Paris', timestamp_ntz '2024-07-01 12:00:00') as a, convert_timezone('Europe/Paris', timestamp_ntz '2024-07-01 12:00:00') as b").show()
spark.sql("select current_date() = cast(current_timestamp() as date) as same").show()
spark.conf.unset("spark.sql.session.timeZone")
