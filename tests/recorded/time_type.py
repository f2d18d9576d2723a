try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Spark's TIME type: refused with UNSUPPORTED_TIME_TYPE (TIME literals aside) until
# spark.sql.timeType.enabled; then make_time, to_time, try_to_time, time_diff, time_trunc,
# time_from_*/time_to_*, hour/minute/second of a TIME, casts, show() and collect().
for q in ["select make_time(1,2,3)", "select cast('10:00' as time)", "select TIME'10:00'", "select time_from_seconds(5)", "select to_time('10:00')"]:
    try:
        spark.sql(q).show()
    except Exception as e: print(type(e).__name__, str(e).splitlines()[0])
spark.conf.set('spark.sql.timeType.enabled', 'true')

from pyspark.sql import functions as sf
import datetime
df = spark.createDataFrame([(6, 30, 45.887)], ["hour", "minute", "second"])
df.select(sf.make_time("hour", "minute", "second").alias("time")).show()
t = spark.createDataFrame([("HOUR", "13:08:15", "21:30:28"), ("MINUTE", "10:09:16.5", "10:09:16")], ["unit", "start", "end"]).withColumn("start", sf.col("start").cast("time")).withColumn("end", sf.col("end").cast("time"))
t.printSchema()
t.select('*', sf.time_diff('unit', 'start', 'end'), sf.time_trunc('unit', 'start'), sf.hour('start'), sf.minute('start'), sf.second('start'), sf.typeof('start')).show()
print(t.collect())
spark.createDataFrame([(52200.5, 52200500, 52200500000)], ['s', 'ms', 'us']).select(sf.time_from_seconds('s'), sf.time_from_millis('ms'), sf.time_from_micros('us')).show()
x = spark.sql("SELECT TIME'14:30:00.5' as time")
x.select(sf.time_to_seconds('time'), sf.time_to_millis('time'), sf.time_to_micros('time')).show()
x.printSchema()
s = spark.createDataFrame([("10:30:00", "HH:mm:ss"), ("malformed", "HH:mm")], ["str", "format"])
s.select(sf.try_to_time(s.str), sf.try_to_time(s.str, s.format).alias("f")).show()
s.limit(1).select(sf.to_time(s.str), sf.to_time(s.str, s.format)).show()
print(spark.sql("select time_diff('HOUR', TIME'01:00', TIME'03:59:59'), typeof(TIME'01:00')").collect())
