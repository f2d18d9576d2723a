try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
import datetime
from pyspark.sql import functions as F

# Column names Spark gives date arithmetic, DIV, IF and EXTRACT.
df = spark.createDataFrame([(7, datetime.date(2024, 1, 31))], "id long, dt date")
named = df.select(F.col("dt") + 1, F.lit(2) + F.col("dt"), F.col("dt") - 1, F.expr("id div 2"), F.expr("if(id > 0, 'a', 'b')"),
                  F.extract(F.lit("year"), "dt"), F.extract(F.lit("MONTH"), "dt"), F.expr("dt + 1"))
print(named.columns)
print(named.collect())
print(spark.sql("select 7 div 2, if(true, 1, 2), curdate() = current_date(), curdate(), current_date").columns)
print(spark.sql("select date'2024-01-02' + 1, 1 + date'2024-01-02', date'2024-01-02' - 1, date'2024-01-02' + 1 as x, to_varchar(12.5, '99.9')").columns)
print(spark.sql("select dt + 1 from values (date'2024-01-02') as t(dt) order by 1").collect())
