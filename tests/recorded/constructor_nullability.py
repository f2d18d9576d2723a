try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Spark's nullability of built structs, arrays and maps (CreateNamedStruct, CreateArray,
# CreateMap), the names of SQL struct fields, and field metadata given by alias().
from pyspark.sql import functions as F

df = spark.createDataFrame([(1, None, "x"), (2, 5, None)], "a int, b int, c string")
built = df.select(
    F.struct("a", "b").alias("s"),
    F.array("a", "b").alias("arr"),
    F.create_map(F.lit("k"), F.col("b")).alias("m"),
    F.struct(F.array(F.lit(1)).alias("inner"), F.create_map(F.coalesce("c", F.lit("?")), "a").alias("mm")).alias("nest"),
    F.named_struct(F.lit("x"), F.col("a")).alias("ns"),
)
built.printSchema()
print(built.collect())
built.show()
sql = spark.sql("select struct(1 as a, id, 'x') s, named_struct('x', array(1, 2), 'y', map(1, named_struct('z', 3))) v, array(array(1), array(2, null)) aa, map('k', 1) m from range(2)")
sql.printSchema()
print(sql.collect())
print(spark.range(1).select(F.col("id").alias("n", metadata={"unit": "rows"})).schema["n"].metadata)
print(spark.range(3).select(F.array(F.col("id"), F.lit(None)).alias("a")).collect())
