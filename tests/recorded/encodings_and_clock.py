try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as F

# Spark's unbase64 reads with Java's MIME decoder; from_base32 leniently.
for q in ["select unbase64('Zm9v') a, unbase64('Zm9') b, unbase64('Z m 9 v') c, unbase64('Zm9v!!') d, unbase64('Zm9vYg==!!') e",
          "select unbase64('Z') a", "select unbase64('Zm9v=') a", "select unbase64('Zm9=x') a",
          "select from_base32('M') a, from_base32('MZX') c, from_base32('MZXW6Y') f, from_base32('MZ=XW6') g, from_base32('m!z x.w6') h, from_base32('0.5') i"]:
    try:
        print(spark.sql(q).collect())
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
df = spark.createDataFrame([("Zm9", "MZXW6")], "b string, t string")
print(df.select(F.unbase64("b"), F.from_base32("t")).collect())

# An unknown date_trunc unit gives NULL, in SQL and the DataFrame API.
print(spark.sql("select date_trunc('bogus', timestamp'2020-01-01 10:00:00') a, date_trunc('MON', timestamp'2020-03-04 10:00:00') b").collect())
ts = spark.createDataFrame([("2020-03-04 10:11:12",)], "s string").select(F.col("s").cast("timestamp").alias("ts"))
print(ts.select(F.date_trunc("bogus", "ts"), F.date_trunc("yy", "ts")).collect())
print(ts.select(F.trunc(F.lit("2020-03-04").cast("date"), "bogus")).collect())

# The current time: names and types.
now = spark.range(1).select(F.current_timestamp(), F.now(), F.curdate(), F.current_date(), F.localtimestamp(), F.unix_timestamp(), F.current_user())
print(now.columns)
now.printSchema()
print(spark.sql("select current_timestamp(), now(), curdate(), localtimestamp(), unix_timestamp(), user()").columns)
print(now.select((F.col("unix_timestamp(current_timestamp(), yyyy-MM-dd HH:mm:ss)") > 1700000000).alias("recent")).collect())
