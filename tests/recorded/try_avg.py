try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# try_avg gives NULL where avg of decimals overflows its result type; avg raises.
from decimal import Decimal
import pyspark.sql.functions as sf
df = spark.createDataFrame([(Decimal("1" * 38),), (Decimal(0),)], "number DECIMAL(38, 0)")
df.select(sf.try_avg(df.number)).show()
try: df.select(sf.avg(df.number)).show()
except Exception as e: print(type(e).__name__, e.getCondition())
spark.createDataFrame([(Decimal("1.50"),), (Decimal("2.25"),)], "d DECIMAL(5, 2)").select(sf.try_avg("d"), sf.avg("d")).show()
print(spark.sql("select try_avg(x), avg(x) from values (1), (2) as t(x)").collect())
