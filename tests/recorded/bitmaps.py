try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

nums = spark.createDataFrame([(1,), (2,), (3,), (32768,), (32769,), (0,), (-5,), (None,)], "a bigint")
nums.select("a", sf.bitmap_bucket_number("a"), sf.bitmap_bit_position("a")).show()
built = nums.groupBy(sf.bitmap_bucket_number("a").alias("bucket")).agg(sf.bitmap_construct_agg(sf.bitmap_bit_position("a")).alias("bm"))
built.select("bucket", sf.bitmap_count("bm"), sf.length("bm"), sf.substring(sf.hex("bm"), 1, 16).alias("head")).orderBy("bucket").show()
parts = spark.createDataFrame([("10",), ("20",), ("40",), (None,)], "a string")
parts.select(sf.bitmap_or_agg(sf.to_binary("a", sf.lit("hex")))).show()
masks = spark.createDataFrame([("F0",), ("70",), ("30",)], "a string")
masks.select(sf.bitmap_and_agg(sf.to_binary("a", sf.lit("hex")))).show()
masks.select(sf.length(sf.bitmap_and_agg(sf.to_binary("a", sf.lit("hex")))).alias("n"), sf.bitmap_count(sf.bitmap_or_agg(sf.to_binary("a", sf.lit("hex")))).alias("c")).show()
spark.sql("SELECT bitmap_count(bitmap_construct_agg(bitmap_bit_position(col))) FROM VALUES (1), (1), (5) AS t(col)").show()
spark.sql("SELECT hex(bitmap_and_agg(b)) = repeat('00', 4096), bitmap_count(bitmap_or_agg(b)) FROM (SELECT bitmap_construct_agg(1) b WHERE false)").show()
