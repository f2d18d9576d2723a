try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

# A select expression's alias may be written without AS, in selectExpr and in expr().
df = spark.range(3)
print(df.selectExpr("id q", "id + 1 next", "array(id, 2) pair", "named_struct('a', id) s").columns)
df.select(sf.expr("id * 10 tens"), sf.expr("upper('x') AS letter")).show()
for bad in ["id q r", "id +"]:
    try:
        df.selectExpr(bad).show()
    except Exception as e:
        print(type(e).__name__, e.getCondition())
