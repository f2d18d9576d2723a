try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import Row
from pyspark.sql.functions import col, lit

df = spark.createDataFrame([Row(a=Row(b=1, c=2, d=3, e=Row(f=4, g=5, h=6))), Row(a=None)])
df.withColumn("a", df["a"].withField("b", lit(10))).show()
df.withColumn("a", df["a"].withField("z", lit("new"))).show(truncate=False)
df.withColumn("a", df["a"].withField("e.f", col("a.b") * 100)).show(truncate=False)
df.withColumn("a", df["a"].dropFields("b", "c")).show()
df.withColumn("a", col("a").dropFields("e.g", "e.h", "nope")).show()
df.withColumn("a", df["a"].dropFields("b")).printSchema()
df.select(col("a").withField("e", col("a.e").dropFields("g", "h")).alias("a")).show()
try:
    df.select(col("a").dropFields("b", "c", "d", "e")).collect()
except Exception as e:
    print(type(e).__name__, str(e).split("]")[0] + "]")
try:
    df.select(col("a").withField(1, lit(1)))
except Exception as e:
    print(type(e).__name__, str(e))
