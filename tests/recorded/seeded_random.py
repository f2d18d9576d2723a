try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

df = spark.range(0, 6, 1, 1)
df.select("*", sf.rand(seed=42), sf.randn(seed=42)).show()
df.select(sf.rand(7).alias("a"), sf.rand(7).alias("b")).show()
spark.range(0, 10, 1, 1).select(sf.uniform(5, 105, 3), sf.uniform(0.0, 1.0, 3).alias("d"), sf.uniform(sf.lit(-10), sf.lit(10), sf.lit(9))).show()
spark.range(0, 5, 1, 1).select(sf.randstr(16, 3), sf.randstr(sf.lit(3), sf.lit(0))).show()
spark.range(0, 3, 1, 1).createOrReplaceTempView("three")
spark.sql("select rand(42) as r, randn(42) as n, random(42) as q from three").show()
print(spark.range(0, 4, 1, 1).select(sf.rand(1).alias("r")).collect() == spark.range(0, 4, 1, 1).select(sf.rand(1).alias("r")).collect())
print(spark.range(0, 3, 1, 1).select(sf.rand()).columns[0].startswith("rand("))
