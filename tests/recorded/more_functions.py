try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import datetime
from pyspark.sql import functions as sf

def attempt(run):
    try:
        run()
    except Exception as e:
        print(type(e).__name__, repr(str(e)))

df = spark.createDataFrame([(b"foobar", "MZXW6YTBOI======"), (b"", ""), (None, None), (b"\x00\xff", "AD7Q====")], ["b", "s"])
df.select(sf.to_base32("b"), sf.from_base32("s"), sf.to_base32(sf.lit("hi"))).show()
spark.sql("select validate_utf8('SparkSQL') as a, try_validate_utf8(X'61FF') as b, validate_utf8(X'6162') as c").show()
attempt(lambda: spark.sql("select validate_utf8(X'61FF')").collect())
p = spark.createDataFrame([(0, 1)], ['a', 'b'])
p.select('*', sf.assert_true(p.a < p.b), sf.assert_true(p.a < p.b, 'error'), sf.assert_true(p.a < p.b, p.a)).show()
attempt(lambda: p.select(sf.assert_true(p.a > p.b)).collect())
attempt(lambda: p.select(sf.assert_true(p.a > p.b, 'My error msg')).collect())
attempt(lambda: p.select(sf.raise_error(sf.lit("boom"))).collect())
print(spark.createDataFrame([('name',)], ['dt']).select(sf.collation('dt')).first())
spark.sql("select collation('a') as c").show(truncate=False)
pairs = [("MARTHA", "MARHTA"), ("DWAYNE", "DUANE"), ("DIXON", "DICKSONX"), ("abc", "xyz"), ("", ""), ("a", ""), ("hello", "hallo"), ("prefixmatch", "prefixmatches"), (None, "x")]
spark.createDataFrame(pairs, "l string, r string").select("l", "r", sf.jaro_winkler_similarity("l", "r")).show()
u = spark.createDataFrame([("a", [1, 2]), ("a", [2, 3]), ("b", [4]), ("b", None), ("c", None)], ("k", "value"))
u.groupBy("k").agg(sf.sort_array(sf.collect_union("value")).alias("u")).orderBy("k").show()
t = spark.createDataFrame([(datetime.datetime(2016, 3, 11, 9, 0, 7), datetime.datetime(2024, 4, 2, 9, 0, 7), 2), (datetime.datetime(2024, 1, 31, 23, 59, 59), datetime.datetime(2024, 2, 29, 23, 59, 58), -1)], ['ts1', 'ts2', 'q'])
t.select(sf.timestamp_add('year', 'q', 'ts1'), sf.timestamp_add('MONTH', sf.lit(1), 'ts1'), sf.timestamp_add('WEEK', 'q', 'ts1'), sf.timestamp_add('hour', 'q', 'ts1')).show()
for unit in ["YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "MICROSECOND"]:
    t.select(sf.timestamp_diff(unit, 'ts1', 'ts2').alias(unit), sf.timestamp_diff(unit, 'ts2', 'ts1').alias("back")).show()
spark.sql("select timestampadd(DAY, 3, timestamp '2024-02-27 10:00:00') as a, timestampdiff(MONTH, timestamp '2024-01-31 00:00:00', timestamp '2024-02-29 00:00:00') as b, dateadd(MONTH, 1, date '2024-01-31') as c").show()
