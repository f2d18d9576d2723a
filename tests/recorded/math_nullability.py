try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# printSchema of math functions over non-nullable columns: Spark states each result's nullability (Floor and the UnaryMathExpressions always nullable; binary math, rand, uuid as their inputs or never).
from pyspark.sql import functions as F
df = spark.range(3).select(F.col("id"), (F.col("id") * 1.5).alias("d"), F.col("id").cast("decimal(5,2)").alias("m"))
df.select(F.floor("d"), F.ceil("d"), F.floor("id"), F.ceil("m"), F.floor("m"), F.round("d"), F.bround("d", 1), F.floor("d", 1), F.ceil("d", 0), F.ceiling("d"), F.rint("d"), F.signum("d"), F.abs("d"), F.sqrt("d"), F.log("d"), F.exp("d"), F.pow("d", 2), F.negative("d"), F.degrees("d"), F.cbrt("d"), F.hex("id"), F.bin("id"), F.factorial("id"), F.log2("d"), F.ln("d"), F.log10("d"), F.log1p("d"), F.sin("d"), F.atan2("d", "d"), F.hypot("d","d"), F.greatest("d","id"), F.least("d","id"), F.pmod("id", F.lit(2)), F.nanvl("d","d"), F.width_bucket("d", F.lit(0.0), F.lit(10.0), F.lit(3)), F.conv(F.col("id").cast("string"), 10, 2), F.shiftleft("id", 1), F.bit_count("id"), F.e(), F.pi(), F.rand(1), F.randn(1), F.uuid()).printSchema()
