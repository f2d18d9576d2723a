try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# DataFrame.scalar() and DataFrame.exists() in filters, correlated by Column.outer().
from pyspark.sql import functions as sf
employees = spark.createDataFrame(
    [(1, "Alice", 45000, 101), (2, "Bob", 54000, 101), (3, "Charlie", 29000, 102),
     (4, "David", 61000, 102), (5, "Eve", 48000, 101)],
    ["id", "name", "salary", "department_id"])
employees.alias("e1").where(
    sf.col("salary") > employees.alias("e2").where(
        sf.col("e2.department_id") == sf.col("e1.department_id").outer()
    ).select(sf.avg("salary")).scalar()
).select("name", "salary", "department_id").orderBy("name").show()
df = spark.range(5)
print(df.where(df.id > spark.range(5).select(sf.avg("id")).scalar()).count())
a = spark.range(4).alias("a")
b = spark.range(2).alias("b")
print(a.where(b.where(sf.col("b.id") == sf.col("a.id").outer()).exists()).count())
a = spark.range(3).alias("a")
b = spark.range(10).alias("b")
a = spark.createDataFrame([(1,), (2,), (3,)], ["k"]).alias("a")
b = spark.createDataFrame([(1, 10), (1, 20), (3, 5)], ["k", "v"]).alias("b")
print(a.where(b.where(sf.col("b.k") == sf.col("a.k").outer()).select(sf.sum("v")).scalar() > 6).collect())
