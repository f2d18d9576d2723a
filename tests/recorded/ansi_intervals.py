try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import datetime
from pyspark.sql import functions as sf

# Literals: the type, its fields and Spark's text, in every written form.
literals = [
    "INTERVAL 1 YEAR", "INTERVAL '-1-2' YEAR TO MONTH", "interval 3 months", "interval '68 days'",
    "INTERVAL '1 2:03:04.5' DAY TO SECOND", "INTERVAL '2:03' HOUR TO MINUTE", "interval 1 year 2 months",
    "interval '1 day 2 hours'", "interval 1 week", "interval 5 milliseconds", "interval 1.5 seconds",
    "interval 100 hours", "interval -1 day", "-interval 1 year",
]
for text in literals:
    df = spark.sql("select " + text)
    field = df.schema.fields[0]
    print(field.name, "|", field.dataType.simpleString(), field.nullable, "|", df.selectExpr("cast(`%s` as string)" % field.name).first()[0])

# Arithmetic with dates, timestamps and numbers.
spark.sql("""select date'2020-01-31' + interval 1 month as a, date'2020-01-01' - interval '68 days' as b,
    date'2020-01-01' + interval 3 hours as c, timestamp_ntz'2020-01-01 00:00:00' + interval '1 2:03:04' day to second as d,
    interval 1 year + interval 2 month as e, interval 1 day + interval 3 hours as f, interval 3 hours * 1.5 as g,
    interval 1 year / 5 as h, interval 3 hours / 4 as i, interval 1 year - interval 13 months as j,
    interval 1 year > interval 11 months as k, interval 1 day = interval 24 hours as l""").show(truncate=False)
spark.sql("select date'2020-01-01' + interval 2 days, interval 3 hours * 2").printSchema()
spark.sql("select typeof(interval 1 month), typeof(interval '1 day 2 hours'), typeof(make_interval(1))").show(truncate=False)

# Constructors, and the try_ forms that tolerate overflow and a zero divisor.
df = spark.createDataFrame([[2014, 12, 1, 3]], ["year", "month", "week", "day"])
df.select(sf.make_ym_interval("year", "month"), sf.make_ym_interval(df.year), sf.make_ym_interval()).show(truncate=False)
df.select(sf.make_interval("year", "month", "week", "day", sf.lit(5), sf.lit(6), sf.lit(7.25))).show(truncate=False)
df.select(sf.try_make_interval(sf.lit(2147483647)), sf.try_make_interval("year", "month")).show(truncate=False)
iv = spark.range(4).select(sf.make_interval(sf.lit(1)).alias("itvl"), "id")
iv.select("*", sf.try_divide("itvl", "id"), sf.try_multiply("itvl", "id")).show()
dates = spark.sql("SELECT * FROM VALUES (DATE('2015-09-30'), INTERVAL 1 YEAR, INTERVAL '3' DAY) AS TAB(date, ym, dt)")
dates.select("*", sf.try_add("date", "ym"), sf.try_subtract("date", sf.lit(1)), sf.try_add("ym", "ym"), (dates.dt * 2).alias("twice")).show()
spark.sql("select interval 1 year as ym, interval '3' day as dt, interval 1 year * 2 as twice").printSchema()

# Values: a day-time interval collects as a timedelta; the others have no Python value.
print(spark.sql("select interval '1 2:03:04' day to second as a, interval 90 minutes as b").collect())
for text in ["INTERVAL 1 YEAR", "make_interval(1, 2)"]:
    try:
        spark.sql("select " + text).collect()
    except Exception as e:
        print(type(e).__name__, e.getCondition(), str(e))

# Errors: Spark's conditions, and the session goes on.
for text in ["interval 178956971 years", "interval '1.5' hour", "interval 1 day / 0", "make_ym_interval(178956971, 0)"]:
    try:
        spark.sql("select " + text).collect()
    except Exception as e:
        print(type(e).__name__, e.getCondition(), str(e).strip().split("\n")[0])
print(spark.sql("select interval 2 days as ok").first()[0])
