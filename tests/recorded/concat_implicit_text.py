try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# concat, concat_ws and || read numbers, booleans, dates and timestamps as Spark text,
# and no column name shows that implicit cast; || of numbers is concat (it was refused).
spark.conf.set("spark.sql.session.timeZone", "UTC")
from pyspark.sql import functions as F
import datetime
df = spark.createDataFrame([(0.5, 1e20, True, datetime.date(2024,1,2), datetime.datetime(2024,1,2,3,4,5), 7, b'ab', [1], ['x'])], ['d','e','b','dt','ts','i','bin','ai','as_'])
df.createOrReplaceTempView('t')
r = df.select(F.concat('d','e','b','dt','ts','i'), F.concat_ws('-', 'd','e','b','dt','ts','i', 'as_'), F.concat('ai','ai'), F.concat('bin','bin'))
r.printSchema(); r.show(truncate=False)
spark.sql("select concat(d, e, b, dt, ts, i), concat_ws('-', d, e, b, dt, ts, i, as_), concat(ai, ai), concat(bin, bin), d || i from t").show(truncate=False)
