# Datetime and string edge cases where Ember once gave another value than Spark
# (tests/python/test_recorded.py).
from pyspark.sql import functions as F
if "spark" not in globals():  # recording the expected output with PySpark
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").config("spark.sql.session.timeZone", "UTC").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
def q(text):
    try:
        rows = spark.sql("select " + text + " as v").collect()
        print(text, "=>", repr(rows[0][0]))
    except Exception as e:
        print(text, "=>", type(e).__name__, str(e).split("]")[0] + "]")
for text in [
    "to_timestamp(1704067200)", "to_timestamp(1.5D)", "to_char(DATE'2024-01-05', 'dd-MM-yyyy')", "to_char(timestamp'2024-01-05 10:11:12', 'HH:mm')",
    "extract(DOW FROM DATE'2024-05-07')", "extract(DOW FROM DATE'2024-01-07')", "dayofweek(DATE'2024-05-07')", "weekofyear(DATE'2021-01-03')",
    "year('2024-03-05')", "quarter(DATE'2024-05-07')", "hour(timestamp'2024-05-07 10:11:12')", "second(timestamp'2024-05-07 10:11:12')",
    "trunc(DATE'2024-05-17', 'day')", "trunc(DATE'2024-05-17', 'MM')", "trunc(DATE'2024-05-17', 'week')",
    "regexp_extract('café1', '(\\\\w+)', 1)", "regexp_extract('ñandú café', '(\\\\w)(\\\\w)', 2)", "regexp_replace('Ünïcode', '\\\\W', '.')",
    "regexp_extract('x١٢٣', '\\\\d+', 0)", "'x١٢٣' rlike '\\\\d'", "'a b' rlike 'a\\\\sb'", "regexp_count('a1b22', '\\\\d')",
    "ltrim('xxabxx', 'x')", "rtrim('x', 'xxabxx')", "locate('', 'hello', 3)", "locate('l', 'hello', 0)", "split('', '')", "split('a,b,,', ',')",
    "substring_index('aaaa', 'aa', 2)", "substring_index('aaaa', 'aa', -2)", "substring_index('www.apache.org', '.', -2)",
    "arrays_zip(array(1), cast(null as array<int>))", "nvl2(NULL, 1, 2.75)", "case when true then '5' else 1 end", "case when true then 'x' else 1 end",
    "instr('aabcd', 'b')", "levenshtein('kitten', 'sitting')",
    "regexp_replace('aaa', 'a*', 'X')", "regexp_replace('abc', 'x*', '-')", "format_number(1e20D, 3)", "format_number(12332.123456D, 4)",
    "format_number(0.5D, 0)", "format_number(1.5D, 0)", "format_number(-0.125D, 2)",
    "sequence(DATE'2024-01-31', DATE'2024-05-01', INTERVAL 1 MONTH)", "sequence(DATE'2024-03-31', DATE'2024-01-31', INTERVAL -1 MONTH)",
    "sequence(DATE'2024-01-05', DATE'2024-01-01')", "sequence(DATE'2024-01-01', DATE'2024-01-10', INTERVAL 3 DAY)",
    "ceil(1e20D)", "floor(-1e20D)", "ceil(2.5D)", "to_date('2024-1-5', 'yyyy-MM-dd')", "to_date('2024-1-5', 'yyyy-M-d')",
    "to_date('99-01-05', 'yy-MM-dd')", "to_date('20240105', 'yyyyMMdd')", "to_timestamp('2024-01-05 7:08', 'yyyy-MM-dd H:mm')",
    "format_string('%.2f', 1.005D)", "format_string('%.1f', 0.25D)", "format_string('%.0f', 2.5D)", "format_string('%.2f', 0.125D)",
    "format_string('%s: %.3f|%d', 'a', 2.0005D, 3)", "printf('%5.1f%%', 12.25D)", "format_string('%f', 0.1D)",
]:
    q(text)
df = spark.createDataFrame([("hello", None)], "s string, n string")
print(spark.createDataFrame([(1.005, "a")], ["x", "s"]).select(F.format_string("%.2f %s", "x", "s")).collect())
print(df.select(F.locate("l", "n", 0).alias("a"), F.locate("l", "s", 0).alias("b"), F.instr("s", "l", 1, 2).alias("c")).collect())
print(spark.sql("select 1 as x union all select 'two' as x").dtypes)
print(spark.sql("SELECT * FROM VALUES (1, 'a'), (2, 'b')").columns, spark.sql("SELECT col2 FROM VALUES (1, 'a') AS t").collect())
