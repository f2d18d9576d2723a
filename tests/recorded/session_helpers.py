try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# spark.sql with format fields and bound parameters, spark.tvf, emptyDataFrame, new
# DataFrame methods (zipWithIndex, transpose, groupingSets, sampleBy, sortWithinPartitions).
from pyspark.sql import functions as sf

mydf = spark.createDataFrame([(1, 4), (2, 4), (3, 6)], ["A", "B"])
spark.sql("SELECT {df.A}, {df[B]} FROM {df} WHERE A > {low}", df=mydf, low=1).show()
spark.sql("SELECT * FROM range(10) WHERE id > :lo AND id < :hi", {"lo": 6, "hi": 9}).show()
spark.sql("SELECT ? AS a, ? AS b", ["x", 2.5]).show()
spark.tvf.explode(sf.array(sf.lit(1), sf.lit(2))).show()
spark.tvf.posexplode(sf.array(sf.lit("a"), sf.lit("b"))).show()
spark.emptyDataFrame("name STRING, age INT").printSchema()
spark.createDataFrame([("a", 1), ("b", 2), ("c", 3)], ["letter", "number"]).zipWithIndex().show()
spark.createDataFrame([("C", 1, 2.5), ("B", 3, 4.0), (None, 5, 6.0), ("A", 7, 8.0)], ["id", "v1", "v2"]).transpose().show()
cars = spark.createDataFrame([("SF", "Civic", 10), ("SF", "CRV", 3), ("LA", "Civic", 20)], ["city", "model", "n"])
cars.groupingSets([("city", "model"), ("city",), ()], "city", "model").agg(sf.sum("n").alias("s")).orderBy("city", "model").show()
print(spark.range(0, 100, 1, 4).select((sf.col("id") % 3).alias("key")).sampleBy("key", {0: 0.1, 1: 0.2}, seed=0).groupBy("key").count().orderBy("key").collect())
print(spark.range(0, 9, 1, 3).sortWithinPartitions(sf.col("id").desc()).collect())
