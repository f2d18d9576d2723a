try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import datetime
from pyspark.sql import functions as F

spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
print(spark.conf.get("spark.sql.session.timeZone"))
spark.sql("select current_timezone() as z").show()
df = spark.createDataFrame([("2024-03-10 01:30:00", "2024-07-01"), ("2024-11-03 01:30:00", "2024-01-31"), (None, None)], "s string, d string")
df.select(F.col("s").cast("timestamp").alias("ts")).show()
df.select(F.col("s").cast("timestamp").cast("long").alias("secs")).show()
df.select(F.col("d").cast("date").cast("timestamp").alias("midnight")).show()
df.select(F.col("d").cast("date").cast("timestamp").cast("long").alias("midnight_secs")).show()
t = df.select(F.col("s").cast("timestamp").alias("ts"))
t.select(F.hour("ts"), F.minute("ts"), F.dayofmonth("ts"), F.dayofweek("ts"), F.to_date("ts")).show()
t.select(F.date_trunc("day", "ts").alias("day"), F.date_trunc("hour", "ts").alias("hour"), F.date_format("ts", "yyyy-MM-dd HH:mm XXX").alias("f")).show(truncate=False)
t.select(F.col("ts").cast("timestamp_ntz").alias("ntz"), F.col("ts").cast("string").alias("text")).show()
spark.sql("select timestamp '2024-01-15 10:00:00' as t, cast(timestamp '2024-01-15 10:00:00' as long) as s").show()
spark.sql("select timestamp_ntz '2024-01-15 10:00:00' as n, cast(timestamp_ntz '2024-01-15 10:00:00' as timestamp) as t, cast(cast(timestamp_ntz '2024-01-15 10:00:00' as timestamp) as long) as s").show()
spark.sql("select from_unixtime(0) as a, unix_timestamp('1970-01-01 00:00:00') as b, to_unix_timestamp('2015-04-08', 'yyyy-MM-dd') as c").show()
spark.sql("select to_timestamp('2024-06-01 12:00:00') as t, cast(to_timestamp('2024-06-01 12:00:00') as long) as s, to_timestamp('2024-06-01 12:00:00+00:00') as u").show()
spark.sql("select make_timestamp(2014, 12, 28, 6, 30, 45.887) as a, make_timestamp(2014, 12, 28, 6, 30, 45.887, 'CET') as b").show(truncate=False)
spark.sql("select from_utc_timestamp(timestamp '2017-07-14 02:40:00', 'GMT+1') as a, to_utc_timestamp(timestamp '2017-07-14 02:40:00', 'PST') as b").show()
spark.sql("select date_trunc('month', timestamp '2024-03-15 10:00:00') as m, trunc(date '2024-03-15', 'MM') as d").show()
spark.sql("select hour(timestamp '2024-01-15 10:00:00') as h, extract(hour from timestamp '2024-01-15 10:00:00') as e, date_part('day', timestamp '2024-01-15 23:00:00') as d").show()
print(spark.createDataFrame([(datetime.datetime(2024, 1, 1, 12, 0),)], "t timestamp").collect())
spark.createDataFrame([(datetime.datetime(2024, 1, 1, 12, 0),)], "t timestamp").show()
print(spark.sql("select timestamp '2024-01-15 10:00:00' as t").collect())
spark.conf.set("spark.sql.session.timeZone", "+08:00")
spark.sql("select timestamp '2024-01-15 10:00:00' as t, current_timezone() as z, cast(timestamp '2024-01-15 10:00:00' as long) as s").show()
spark.conf.set("spark.sql.session.timeZone", "Asia/Kolkata")
spark.sql("select cast(0 as timestamp) as t, hour(cast(0 as timestamp)) as h, cast(cast(0 as timestamp) as date) as d").show()
try:
    spark.conf.set("spark.sql.session.timeZone", "Mars/Olympus")
except Exception as e:
    print(type(e).__name__, str(e).splitlines()[0])
print(spark.conf.get("spark.sql.session.timeZone"))
spark.conf.unset("spark.sql.session.timeZone")
print(spark.conf.get("spark.sql.session.timeZone"))
spark.sql("select cast(0 as timestamp) as t, current_timezone() as z").show()
