try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# pandas UDFs (scalar, scalar iterator, grouped aggregate), toArrow, mapInArrow and
# mapInPandas.
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql.functions import pandas_udf

df = spark.createDataFrame([(2, "Alice"), (5, "Bob"), (7, "Bob"), (None, "Cy")], ["age", "name"])


@pandas_udf("int")
def min_udf(v: pd.Series) -> int:
    return v.min()


@pandas_udf("double")
def mean_udf(v: pd.Series) -> float:
    return v.mean()


@pandas_udf("long")
def plus_one(v: pd.Series) -> pd.Series:
    return v + 1


@pandas_udf("string")
def shout(v: pd.Series) -> pd.Series:
    return v.str.upper()


@pandas_udf("long")
def doubled(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    for v in batches:
        yield v * 2


print(df.groupBy("name").agg(min_udf(df.age), mean_udf("age")).sort("name").collect())
print(df.select(min_udf("age").alias("m")).collect())
print(df.select(plus_one("age"), shout("name"), doubled("age")).collect())
print(plus_one.evalType, min_udf.evalType, doubled.evalType)

table = df.coalesce(1).toArrow()
print(table.schema)
print(table.to_pydict())


def evens(batches):
    for batch in batches:
        yield batch.filter(pc.equal(pc.bit_wise_and(batch.column("id"), 1), 0))


print(spark.range(6).mapInArrow(evens, "id long").sort("id").collect())


def renamed(frames):
    for frame in frames:
        yield frame.assign(age=frame.age * 10)[["name", "age"]]


print(df.mapInPandas(renamed, "name string, age double").sort("name", "age").collect())
