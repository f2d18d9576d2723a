try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# printSchema of functions of non-nullable columns: Spark states each result non-nullable
# when its inputs are (NullIntolerant), never NULL, or always nullable, function by function.
# Array results keep their inputs' element nullability (containsNull) where covered.
import datetime
from pyspark.sql import functions as F
df = spark.range(3).select(
    F.col("id"),
    F.concat(F.lit("x"), F.col("id").cast("string")).alias("s"),
    F.date_add(F.lit(datetime.date(2024, 1, 15)), F.col("id").cast("int")).alias("dt"),
    F.array(F.col("id"), F.col("id") + 1).alias("arr"),
    F.create_map(F.lit("k"), F.col("id")).alias("m"),
)
df.select(
    F.contains("s", F.lit("x")), F.startswith("s", F.lit("x")), F.find_in_set("s", F.lit("x0,x1")),
    F.levenshtein("s", F.lit("x2")), F.position(F.lit("1"), "s"), F.overlay("s", F.lit("ZZ"), 1),
    F.regexp_extract("s", r"x(\d)", 1), F.regexp_instr("s", F.lit(r"\d")), F.substring_index("s", "x", 1),
    F.date_format("dt", "yyyy"), F.dayname("dt"), F.months_between("dt", "dt"), F.make_date(F.lit(2024), F.lit(1), F.lit(2)),
    F.to_date("s", "yyyy-MM-dd"), F.to_date("s"), F.to_timestamp("s"), F.unix_timestamp("dt", "yyyy-MM-dd"),
    F.array_distinct("arr"), F.array_union("arr", "arr"), F.array_intersect("arr", "arr"),
    F.trunc("dt", "month"), F.array_contains("arr", 1), F.array_position("arr", 1), F.array_join("arr", ","), F.size("arr"),
    F.equal_null("id", F.lit(1)), F.zeroifnull("id"), F.nvl2("id", F.lit(1), F.lit(2)), F.current_database(), F.version(),
).printSchema()
