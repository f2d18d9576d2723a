# Scalar iterator pandas and Arrow UDFs are called once per partition, over batches of
# spark.sql.execution.arrow.maxRecordsPerBatch (10,000) rows.
import datetime
from typing import Iterator, Tuple

import pandas as pd
import pyarrow as pa
from pyspark.sql import SparkSession
from pyspark.sql.functions import arrow_udf, col, count, pandas_udf
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


@pandas_udf("long")
def stamp_position(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    seen = 0
    for batch in batches:
        yield pd.Series(range(seen, seen + len(batch)))
        seen += len(batch)


stamps.select(max_(stamp_position("t")).alias("last")).show()


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
