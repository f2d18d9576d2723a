# try_to_timestamp, try_to_date, to_timestamp_ltz/ntz, timestamp_seconds, regexp_substr, and
# datetime patterns given per row by a column, against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as F
def q(text):
    try:
        df = spark.sql("select " + text + " as v")
        rows = df.collect()
        print(text, "=>", repr(rows[0][0]), df.schema.simpleString())
    except Exception as e:
        print(text, "=>", type(e).__name__, str(e).split("]")[0] + "]")
for t in ["try_to_timestamp('1997-02-28 10:30:00')", "try_to_timestamp('malformed')", "try_to_timestamp('28/02/1997', 'dd/MM/yyyy')", "try_to_timestamp('x', 'dd/MM/yyyy')",
          "try_to_date('1997-02-28')", "try_to_date('foo')", "try_to_date('02/1997', 'MM/yyyy')", "to_timestamp_ltz('2015-04-08 12:12:12')", "to_timestamp_ntz('2015-04-08 12:12:12')", "to_timestamp_ntz('2016-12-31', 'yyyy-MM-dd')",
          "to_timestamp_ntz('2015-04-08 12:12:12+02:00')", "timestamp_seconds(1230219000)", "timestamp_seconds(1230219000.5D)", "timestamp_seconds(1.5)", "timestamp_seconds(NULL)",
          "regexp_substr('1a 2b 14m', '\\\\d+')", "regexp_substr('1a 2b 14m', 'mmm')", "regexp_substr(NULL, 'a')"]:
    q(t)
df = spark.createDataFrame([('2015-04-08', 'yyyy-MM-dd'), ('2025+01+09', 'yyyy+MM+dd')], ['dt', 'fmt'])
df.select('*', F.to_timestamp_ltz('dt', 'fmt'), F.to_timestamp_ntz('dt', 'fmt'), F.try_to_timestamp('dt', 'fmt'), F.try_to_date('dt')).show()
spark.createDataFrame([(1230219000,)], ['seconds']).select('*', F.timestamp_seconds('seconds'), F.regexp_substr(F.lit("a1"), F.lit("\\d"))).show()
import datetime
df = spark.createDataFrame([(datetime.datetime(2024, 5, 6, 7, 8, 9), "yyyy-MM-dd", "2024-05-06", 1700000000, "yyyy-MM-dd"), (datetime.datetime(2023, 1, 2, 3, 4, 5), "HH:mm dd/MM", "06/05/2024", 1600000000, "dd/MM/yyyy")], "t timestamp, f string, s string, n long, g string")
df.createOrReplaceTempView("patterns_t")
spark.sql("select date_format(t, f), from_unixtime(n, f), unix_timestamp(s, g), to_date(s, g), to_timestamp(s, g) from patterns_t").show()
