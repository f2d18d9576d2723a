# SQL date functions given date text (Spark's implicit casts), against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
for q in ["SELECT date_add('2024-01-01', 10) AS a", "SELECT last_day('2024-12-01') AS c", "select datediff('2024-03-01', '2024-02-01') as d", "select date_sub('2024-01-01', 1) as e", "select add_months('2024-01-31', 1) as f", "select next_day('2024-01-01', 'Mon') as g", "select weekday('2024-01-01') as h", "select dayname('2024-01-01') as i", "select months_between('2024-03-01', '2024-01-01') as j", "select date_diff('2024-03-01', '2024-02-01') as k"]:
    try:
        df = spark.sql(q); print(df.dtypes, df.collect())
    except Exception as e: print(q, type(e).__name__, str(e)[:120])
print(spark.sql("select date_add('2024-01-01', 10), last_day('2024-12-01'), date_sub(timestamp'2024-01-01 10:00:00', 1)").columns)
