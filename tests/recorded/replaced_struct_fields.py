try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# A struct column replaced under its own name (withColumn, select ... alias), then a field of
# the new struct read by name: the field comes from the new struct.
from pyspark.sql import Row
import pyspark.sql.functions as F

df = spark.createDataFrame([Row(id=5, a=Row(b=1, c=2))])
df.withColumn("a", df["a"].withField("d", F.lit(4))).select("a.d").show()
df.withColumn("a", F.col("a").withField("b", F.lit(99))).select("a.b", "a.c").show()
df.withColumn("a", F.struct((F.col("id") + 10).alias("b"))).select("a.b").show()
print(df.select(F.col("a").dropFields("c").alias("a")).select("a.*").collect())
print(df.withColumn("a", F.lit(7)).withColumn("a", F.struct(F.col("a").alias("x"))).select("a.x").collect())
print(df.withColumn("a", df["a"].withField("d", F.lit(4))).selectExpr("a.d + 1 AS e").collect())
