try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

df = spark.createDataFrame([(1, "a", "a"), (3, "a", "a"), (4, "b", "c")], ["c1", "c2", "c3"])
df.cube("c2", "c3").agg(sf.grouping_id(), sf.sum("c1")).orderBy("c2", "c3").show()
df.rollup("c2", "c3").agg(sf.grouping_id("c2", "c3").alias("g"), sf.grouping("c2")).orderBy("c2", "c3").show()
try:
    df.rollup("c2", "c3").agg(sf.grouping_id("c3", "c2")).collect()
except Exception as e:
    print(type(e).__name__, str(e).split("]")[0] + "]")
