# Regression averages and numeric aggregates over NULL (VOID) columns, against PySpark (tests/python/test_recorded.py).
try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf
for v in ["(1, 2), (2, 2), (2, 3), (2, 4)", "(1, null)", "(null, 1)", "(null, null)"]:
    df = spark.sql("SELECT * FROM VALUES %s AS tab(y, x)" % v)
    df.select(sf.regr_avgx("y", "x"), sf.regr_avgy("y", "x"), sf.avg("x"), sf.sum("x"), sf.regr_count("y", "x")).show()
