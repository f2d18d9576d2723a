try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# to_date and try_to_date read a number as text first (ImplicitCastInputTypes), then as a
# date: try_to_date gives NULL where the text is not a date, to_date raises.
from pyspark.sql import functions as F
df = spark.createDataFrame([(2, 0.5, 20240101)], "i int, d double, n bigint")
df.select(F.try_to_date("d"), F.try_to_date("i"), F.try_to_date("n")).show()
df.selectExpr("try_to_date(d)", "try_to_date(n)").show()
for column in [F.to_date("i"), F.to_date("d")]:
    try:
        df.select(column).show()
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0][:160])
