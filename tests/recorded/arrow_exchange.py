try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Arrow in and out: createDataFrame of a pyarrow Table, pyarrow.table(df) through the
# Arrow PyCapsule Interface, and toPandas's column dtypes (printed with str(), which
# depends on the pandas version: this was recorded with pandas 3.1).
import datetime
import decimal

import pyarrow as pa
from pyspark.sql import functions as sf

table = pa.table({
    "i": pa.array([1, None], pa.int32()), "l": [10, 20], "s": pa.array(["a", None], pa.large_string()),
    "d": [1.5, None], "b": [True, False], "dt": [datetime.date(2024, 1, 2), None],
    "dec": pa.array([decimal.Decimal("1.25"), None], pa.decimal128(5, 2)), "arr": [[1, 2], None],
    "st": [{"x": 1, "y": "u"}, None],
})
frame = spark.createDataFrame(table)
frame.printSchema()
print(frame.collect())
renamed = spark.createDataFrame(table.select(["l", "s"]), ["a", "b"])
print(renamed.collect(), renamed.dtypes)
typed = spark.createDataFrame(table.select(["l", "s"]), "l int, s string")
print(typed.collect(), typed.dtypes)
print(spark.createDataFrame(pa.table({"n": pa.array([], pa.int64())})).dtypes)
print(pa.table(spark.range(3).withColumn("h", sf.col("id") * 2)).to_pydict())

rows = spark.createDataFrame(
    [(1, 2, 1.5, 2.5, True, "a", datetime.date(2024, 1, 2), 3, 4, None, None, None), (3, None, None, 0.5, False, None, None, 5, 6, None, None, None)],
    "i int, l bigint, f float, d double, b boolean, s string, dt date, by tinyint, sh smallint, nb boolean, ns string, ni int",
)
pdf = rows.toPandas()
print({name: str(dtype) for name, dtype in pdf.dtypes.items()})
print(pdf.to_dict("list"))
empty = spark.range(0).selectExpr("CAST(id AS INT) i", "CAST(id AS STRING) s", "CAST(id AS DOUBLE) d").toPandas()
print({name: str(dtype) for name, dtype in empty.dtypes.items()}, len(empty))

# arrow_udf: scalar, scalar iterator and grouped aggregate, kinds from the type hints.
from typing import Iterator

import pyarrow.compute as pc
from pyspark.sql.functions import arrow_udf


@arrow_udf("bigint")
def doubled(v: pa.Array) -> pa.Array:
    return pc.multiply(v, 2)


@arrow_udf("bigint")
def plus_one(batches: Iterator[pa.Array]) -> Iterator[pa.Array]:
    for batch in batches:
        yield pc.add(batch, 1)


@arrow_udf("double")
def mean_of(v: pa.Array) -> float:
    return pc.mean(v).as_py()


nums = spark.createDataFrame([(1, 1), (1, 3), (2, 5)], ["k", "v"])
print(nums.select(doubled("v"), plus_one(nums.v)).collect())
print(nums.groupBy("k").agg(mean_of("v")).orderBy("k").collect())
