try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# DataFrame.to (columns matched by name, reordered, cast, others dropped) and withMetadata.
from pyspark.sql.types import StructType, StructField, StringType, LongType
df = spark.createDataFrame([("a", 1, True)], ["i", "j", "k"])
df2 = df.to(StructType([StructField("j", StringType()), StructField("i", StringType(), metadata={"m": 1})]))
print(df2.schema)
print(df2.schema["i"].metadata)
df2.show()
m = df.withMetadata("j", {"unit": "rows"})
print(m.columns, m.schema["j"].metadata, m.schema["i"].metadata)
for bad in [lambda: df.to("j string"), lambda: df.withMetadata("j", 1)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, getattr(e, "getCondition", lambda: None)())
try:
    print(df.to(StructType([StructField("zz", LongType())])).collect())
except Exception as e:
    print(type(e).__name__, e.getCondition())
