try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
from pyspark.sql import functions as sf

df = spark.createDataFrame([
    ("This is an example sentence.",),
    ("Hi there! How's it going? Fine.",),
    ("It costs 3.5 dollars, or 1,000 cents",),
    ("",),
    (None,),
], ["s"])
df.select("*", sf.sentences("s")).show(truncate=False)
df.select(sf.sentences("s", sf.lit("en"), sf.lit("US"))).printSchema()
spark.sql("SELECT sentences('One. Two three!'), sentences('Ok then', 'en')").show(truncate=False)
