# createDataFrame of pandas DataFrames (numbers through Arrow, typed as PySpark types them;
# mixed frames through rows), and udf(useArrow=True) casting numeric results as Arrow does.
import pandas as pd, numpy as np
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
pdf = pd.DataFrame({"i32": np.array([1, 2, 3], dtype="int32"), "f32": np.array([1.5, np.nan, 3], dtype="float32"),
    "f": [1.0, np.nan, 2.5], "b": [True, False, True], "ni": pd.array([1, None, 3], dtype="Int64"), "u8": np.array([1,2,3], dtype="uint8")})
df = spark.createDataFrame(pdf)
print(df.schema.simpleString())
print(df.collect())
df.show()
print(spark.createDataFrame(pdf, ["a", "b", "c", "d", "e", "g"]).collect())
mixed = pd.DataFrame({"f": [1.0, np.nan], "s": ["x", "y"]})
print(spark.createDataFrame(mixed).collect())
pdf2 = pd.DataFrame({"d": pd.to_datetime(["2024-01-01 10:00", "2024-06-01 12:30", None])})
df2 = spark.createDataFrame(pdf2)
print(df2.schema.simpleString(), df2.collect())
spark.conf.set("spark.sql.execution.arrow.pyspark.enabled", "true")
df = spark.createDataFrame(pdf)
print(df.schema.simpleString())
print(df.collect())
from pyspark.sql import functions as F
f = F.udf(lambda x: x + 1, "long", useArrow=True)
print(f.evalType, spark.range(3).select(f("id")).collect())
g = F.udf(lambda x: x * 1.5, "long", useArrow=True)
print(spark.range(3).select(g("id")).collect())
h = F.udf(lambda x: str(x), "int", useArrow=True)
print(spark.range(3).select(h("id")).collect())
k = F.udf(lambda x: x, "string", useArrow=True)
print(spark.range(3).select(k("id")).collect())
import numpy as np
print(spark.createDataFrame(np.array([[1, 2], [3, 4]])).collect())
print(spark.createDataFrame(np.array([1.5, 2.5])).collect())
try:
    spark.createDataFrame(np.zeros((2, 2, 2)))
except Exception as e:
    print(type(e).__name__, e)
