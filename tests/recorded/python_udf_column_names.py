# Columns of Python UDF calls are named as Spark names them: the registered spelling from SQL, no hidden partition argument.
from typing import Iterator
import pandas as pd
from pyspark.sql import SparkSession
from pyspark.sql.functions import pandas_udf, max as max_, udf

spark = SparkSession.builder.getOrCreate()


@pandas_udf("long")
def position(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    seen = 0
    for batch in batches:
        yield pd.Series(range(seen, seen + len(batch)))
        seen += len(batch)


two = spark.range(0, 30000, 1, 2)
print(two.select(position("id")).columns)
print(two.select(max_(position("id"))).columns, two.select(max_(position("id"))).collect())
print(two.groupBy().agg(max_(position("id"))).collect())
print(two.select((position("id") * 2)).columns)
spark.udf.register("posInPart", position)
spark.udf.register("plusOne", udf(lambda x: x + 1, "long"))
two.createOrReplaceTempView("t")
print(spark.sql("SELECT max(posInPart(id)), max(POSINPART(id)) AS m, plusOne(1), PLUSONE(2) FROM t").collect())
