# Scalar iterator pandas UDFs in a projection, a filter, a sort key and SQL are called once per partition.
from typing import Iterator
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf, col

spark = SparkSession.builder.getOrCreate()


@pandas_udf("long")
def position(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    seen = 0
    for batch in batches:
        yield pd.Series(range(seen, seen + len(batch)))
        seen += len(batch)


df = spark.createDataFrame([(i, str(i)) for i in range(30)], "n int, s string")
print(df.rdd.getNumPartitions())
df.select("n", position("n").alias("p")).show(30)
print(df.where(position("n") < 3).count())
df.orderBy(position("n").desc(), "n").show(4)
spark.udf.register("pos_in_part", position)
spark.range(0, 25000, 1, 3).createOrReplaceTempView("t")
spark.sql("SELECT max(pos_in_part(id)) AS m FROM t").show()
spark.sql("SELECT count(*) FROM t WHERE pos_in_part(id) = 0").show()
print(df.repartition(3).select(position("n")).rdd.getNumPartitions())
