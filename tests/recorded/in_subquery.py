try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Column.isin of a DataFrame (Spark's In of a ListQuery) in filters, one column or a
# struct against several, and the length mismatch error.
from pyspark.sql.functions import lit, struct
df = spark.createDataFrame([(2, "Alice"), (5, "Bob"), (8, "Mike")], ["age", "name"])
df.where(df.age.isin(spark.range(6))).orderBy("age").show()
df.where(struct(df.age, df.name).isin(spark.range(6).select("id", lit("Bob")))).show()
df.where(~df.age.isin(spark.range(6))).show()
df.where(df.name.isin(df.where("age > 4").select("name"))).show()
try:
    df.where(df.age.isin(spark.range(6).select("id", "id"))).show()
except Exception as e:
    print(type(e).__name__, str(e).split(".")[0])
