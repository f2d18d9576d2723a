# Scalar iterator pandas and Arrow UDFs are called once per partition, over batches of
# spark.sql.execution.arrow.maxRecordsPerBatch (10,000) rows.
import datetime
from typing import Iterator, Tuple

import pandas as pd
import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql.functions import arrow_udf, col, count, pandas_udf, udf
from pyspark.sql.functions import max as max_

spark = SparkSession.builder.getOrCreate()


@pandas_udf("long")
def position(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    seen = 0
    for batch in batches:
        yield pd.Series(range(seen, seen + len(batch)))
        seen += len(batch)


@pandas_udf("int")
def batch_number(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    for number, batch in enumerate(batches):
        yield pd.Series([number] * len(batch))


@pandas_udf("long")
def running_sum(batches: Iterator[Tuple[pd.Series, pd.Series]]) -> Iterator[pd.Series]:
    total = 0
    for a, b in batches:
        out = (a + b).cumsum() + total
        total = int(out.iloc[-1])
        yield out


@arrow_udf("long")
def arrow_position(batches: Iterator[pa.Array]) -> Iterator[pa.Array]:
    seen = 0
    for batch in batches:
        yield pa.array(range(seen, seen + len(batch)), pa.int64())
        seen += len(batch)


one = spark.range(0, 25000, 1, 1)
one.select(max_(position("id")).alias("last")).show()
one.groupBy(batch_number("id").alias("batch")).agg(count("*").alias("rows")).orderBy("batch").show()

two = spark.range(0, 30000, 1, 2)
two.select(max_(position("id")).alias("last"), max_(arrow_position("id")).alias("arrow_last")).show()
two.select((position("id") + 1).alias("p1"), "id").orderBy("id").show(3)
print(two.select(running_sum("id", col("id") * 2).alias("s")).agg(max_("s")).collect())
print(two.withColumn("p", position("id")).filter("id % 7000 = 0").orderBy("id").collect())

stamps = spark.range(0, 12000, 1, 1).selectExpr("timestamp_seconds(id) AS t")


# A timestamp column takes the row-wise conversion, still once per partition.
stamps.select(max_(position("t")).alias("last")).show()


@pandas_udf("long")
def fails_on_second_batch(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    for number, batch in enumerate(batches):
        if number == 1:
            raise ValueError("second batch")
        yield batch


try:
    one.select(fails_on_second_batch("id")).collect()
except Exception as error:
    print(type(error).__name__, "ValueError: second batch" in str(error))
print(one.count())


# The same UDF in a projection, a filter, a sort key and SQL.
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

# Columns of Python UDF calls are named as Spark names them: the registered spelling from
# SQL, no hidden partition argument.
two = spark.range(0, 30000, 1, 2)
print(two.select(position("id")).columns)
print(two.select(max_(position("id"))).columns, two.select(max_(position("id"))).collect())
print(two.groupBy().agg(max_(position("id"))).collect())
print(two.select((position("id") * 2)).columns)
spark.udf.register("posInPart", position)
spark.udf.register("plusOne", udf(lambda x: x + 1, "long"))
two.createOrReplaceTempView("t")
print(spark.sql("SELECT max(posInPart(id)), max(POSINPART(id)) AS m, plusOne(1), PLUSONE(2) FROM t").collect())
