# pandas and Arrow UDFs beyond the scalar kind, each as PySpark 4.3.0 prints it: named
# arguments, grouped aggregates over an iterator, a grouped aggregate as a sliding window
# function, struct arguments and results, GroupedData.apply and the iterator form of
# applyInPandas / applyInArrow.
import warnings
from typing import Iterator, Tuple

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from pyspark.sql import SparkSession, Window
from pyspark.sql import functions as sf
from pyspark.sql.functions import arrow_udf, pandas_udf, PandasUDFType

warnings.simplefilter("ignore")
spark = SparkSession.builder.master("local[2]").getOrCreate()

df = spark.createDataFrame([(1, 1.0, 2.0), (1, 2.0, 1.0), (2, 3.0, 1.0), (2, 5.0, 3.0), (2, 10.0, 0.5)], ("id", "v", "w"))


@pandas_udf("double")
def scaled(v: pd.Series, factor: pd.Series) -> pd.Series:
    return v * factor


df.select(scaled(factor=df.w, v=df.v)).show()
df.select(scaled(df.v, factor=sf.lit(2.0)).alias("s")).show()


@arrow_udf("double")
def weighted(v: pa.Array, w: pa.Array) -> float:
    return pc.sum(pc.multiply(v, w)).as_py() / pc.sum(w).as_py()


df.groupBy("id").agg(weighted(w=df.w, v=df.v)).orderBy("id").show()


@pandas_udf("double")
def mean_of_batches(batches: Iterator[pd.Series]) -> float:
    total, count = 0.0, 0
    for batch in batches:
        total += batch.sum()
        count += len(batch)
    return total / count


@arrow_udf("double")
def arrow_max(batches: Iterator[Tuple[pa.Array, pa.Array]]) -> float:
    return max(pc.max(pc.multiply(v, w)).as_py() for v, w in batches)


df.groupBy("id").agg(mean_of_batches("v").alias("m")).orderBy("id").show()
df.groupBy("id").agg(arrow_max("v", "w").alias("x")).orderBy("id").show()


@pandas_udf("double")
def mean_udf(v: pd.Series) -> float:
    return v.mean()


sliding = Window.partitionBy("id").orderBy("v").rowsBetween(-1, 0)
df.withColumn("moving", mean_udf("v").over(sliding)).orderBy("id", "v").show()
df.withColumn("whole", mean_udf("v").over(Window.partitionBy("id"))).orderBy("id", "v").show()


@pandas_udf("first string, n long")
def split_name(s: pd.Series) -> pd.DataFrame:
    parts = s.str.split(" ", n=1)
    return pd.DataFrame({"first": parts.str[0], "n": s.str.len()})


@pandas_udf("long")
def struct_sum(p: pd.DataFrame) -> pd.Series:
    return p["a"] + p["b"]


names = spark.createDataFrame([("John Doe",), ("Ada Lovelace",)], ["name"])
names.select(split_name("name").alias("s")).select("s.first", "s.n").show()
spark.range(3).select(struct_sum(sf.struct((sf.col("id") * 2).alias("a"), sf.col("id").alias("b"))).alias("t")).show()

normalize = pandas_udf(lambda pdf: pdf.assign(v=pdf.v - pdf.v.mean()), "id long, v double, w double", PandasUDFType.GROUPED_MAP)
df.groupBy("id").apply(normalize).orderBy("id", "v").show()


def over_two(batches: Iterator[pd.DataFrame]) -> Iterator[pd.DataFrame]:
    for batch in batches:
        yield batch[batch.v > 2.0][["v"]]


def doubled(key: Tuple, batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        yield pa.RecordBatch.from_arrays([pa.array([key[0].as_py()] * batch.num_rows), pc.multiply(batch.column(1), 2)], names=["id", "v2"])


df.groupBy("id").applyInPandas(over_two, "v double").orderBy("v").show()
df.groupBy("id").applyInArrow(doubled, "id long, v2 double").orderBy("id", "v2").show()
try:
    df.groupBy("id").apply(mean_udf)
except Exception as e:
    print(type(e).__name__, e)
