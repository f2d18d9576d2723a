# A plain udf whose parameters and result are hinted with pandas or pyarrow types is the
# matching pandas_udf or arrow_udf (PySpark's infer_eval_type_for_udf); other hints, or
# useArrow given, keep a row-at-a-time Python UDF.
from typing import Iterator

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import SparkSession
from pyspark.sql.functions import col, udf
from pyspark.sql.types import IntegerType

spark = SparkSession.builder.getOrCreate()


@udf(returnType=IntegerType())
def pd_calc(a: pd.Series, b: pd.Series) -> pd.Series:
    return a + 10 * b


@udf(returnType=IntegerType())
def pa_calc(a: pa.Array, b: pa.Array) -> pa.Array:
    return pc.add(a, pc.multiply(b, 10))


@udf("long")
def pd_iter(batches: Iterator[pd.Series]) -> Iterator[pd.Series]:
    for batch in batches:
        yield batch * 2


@udf("double")
def pd_mean(v: pd.Series) -> float:
    return v.mean()


@udf("int")
def plain(x: int) -> int:
    return x + 1


@udf(returnType=IntegerType(), useArrow=False)
def forced(a: pd.Series) -> pd.Series:
    return a


print(pd_calc.evalType, pa_calc.evalType, pd_iter.evalType, pd_mean.evalType, plain.evalType, forced.evalType)
spark.range(3).select(pd_calc(b=col("id") * 10, a="id")).show()
spark.range(3).select(pa_calc("id", "id")).show()
spark.range(3).select(pd_iter("id")).show()
spark.range(4).groupBy((col("id") % 2).alias("k")).agg(pd_mean("id")).orderBy("k").show()
spark.range(2).select(plain("id")).show()
