try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# A theta sketch of one value is Java's single-item sketch (its flag byte), as Spark writes it.
from pyspark.sql import functions as F
df = spark.createDataFrame([(0.5, 1), (0.5, 2), (1.5, 3)], "d double, i int")
print(df.where("i = 1").select(F.theta_sketch_agg("d", 12)).collect())
print(df.select(F.theta_sketch_agg("d", 12)).collect())
print(df.where("i = 1").select(F.theta_sketch_estimate(F.theta_sketch_agg("d"))).collect())
print(spark.sql("select theta_sketch_estimate(theta_union(theta_sketch_agg(id), theta_sketch_agg(id))) from range(1)").collect())
print(spark.sql("select theta_union_agg(s) from (select theta_sketch_agg(id) s from range(1))").collect())
