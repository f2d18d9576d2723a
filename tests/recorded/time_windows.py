try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import datetime
from pyspark.sql import functions as sf

df = spark.createDataFrame([(datetime.datetime(2016, 3, 11, 9, 0, 7), 1), (datetime.datetime(2016, 3, 11, 9, 0, 8), 2), (datetime.datetime(2016, 3, 11, 9, 0, 12), 3), (None, 4)], ['dt', 'v'])
w = df.groupBy(sf.window('dt', '5 seconds')).agg(sf.sum('v')).orderBy("window")
w.show(truncate=False)
w.printSchema()
w.select('*', sf.window_time('window')).show(truncate=False)
df.groupBy(sf.window('dt', '1 minute', startTime='15 seconds')).agg(sf.count('v').alias("n")).show(truncate=False)
df.select("v", sf.window("dt", "5 seconds").start.alias("start")).orderBy("v").show()
df.groupBy(sf.window(sf.col('dt').cast("timestamp_ntz"), '5 seconds')).agg(sf.sum('v')).printSchema()
for bad in [lambda: df.select(sf.window("dt", "soon")).collect(), lambda: df.select(sf.window("dt", "1 month")).collect(), lambda: df.select(sf.window("dt", "5 seconds", "10 seconds")).collect()]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0][:300].rstrip(";"))
