try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Window functions over different windows in one select: each column keeps its own
# function, whatever order the engine computes the windows in.
from pyspark.sql import functions as F
from pyspark.sql.window import Window as W
df = spark.range(4).select("id", F.concat(F.lit("x"), F.col("id").cast("string")).alias("s"), (F.col("id") > 1).alias("b"))
r = df.select(
    "id",
    F.min("s").over(W.partitionBy("b")).alias("mins"),
    F.max("id").over(W.partitionBy("b").orderBy("id").rowsBetween(-1, 1)).alias("maxid"),
    F.row_number().over(W.orderBy(F.desc("id"))).alias("rn"),
    F.count("s").over(W.partitionBy("b")).alias("n"),
)
r.printSchema()
r.orderBy("id").show()
