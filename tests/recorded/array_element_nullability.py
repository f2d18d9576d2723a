try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Array results state their elements' nullability (containsNull) as Spark does: split,
# sequence, map_keys and array_compact never hold NULL; slice and reverse keep their input's.
from pyspark.sql import functions as F
df = spark.range(3).select(
    F.col("id"),
    F.concat(F.lit("x,"), F.col("id").cast("string")).alias("s"),
    F.array(F.col("id"), F.col("id") + 1).alias("arr"),
    F.array(F.col("id"), F.lit(None).cast("long")).alias("narr"),
    F.create_map(F.lit("k"), F.col("id")).alias("m"),
)
df.select(
    F.split("s", ","), F.sequence(F.lit(1), F.col("id")), F.map_keys("m"), F.array_compact("narr"),
    F.slice("arr", 1, 1), F.slice("narr", 1, 1), F.reverse("arr"), F.reverse("narr"), F.reverse("s"),
).printSchema()
df.select(F.sequence(F.lit(1), F.col("id")).alias("a"), F.sequence(F.col("id"), F.lit(2), F.lit(1)).alias("b")).show()
spark.sql("SELECT sequence(1, 3) AS a, typeof(sequence(1, 3L)) AS t").show()
