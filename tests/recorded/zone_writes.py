try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import glob, os, shutil, tempfile
from pyspark.sql import functions as F

spark.conf.set("spark.sql.session.timeZone", "America/Los_Angeles")
df = spark.createDataFrame([("2024-01-15 10:00:00", 1)], "s string, n int").select(F.col("s").cast("timestamp").alias("ts"), "n")
out = tempfile.mkdtemp()
df.coalesce(1).write.mode("overwrite").csv(out + "/c")
for name in sorted(glob.glob(out + "/c/part-*")):
    print(open(name).read(), end="")
print(df.select(F.to_json(F.struct("ts", "n")).alias("j")).first().j)
print(spark.read.schema("ts timestamp, n int").csv(out + "/c").collect())
spark.read.schema("ts timestamp, n int").csv(out + "/c").show()
print(df.select(F.date_format("ts", "yyyy-MM-dd HH:mm:ss z VV O")).first()[0])
shutil.rmtree(out)
spark.conf.unset("spark.sql.session.timeZone")
