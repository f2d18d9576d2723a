# applyInPandas, applyInArrow and cogroup().applyInPandas are lazy: the function runs at
# the action, in the Python workers, and an error in it is a PythonException there.
import os

from pyspark.sql import SparkSession
from pyspark.errors import PythonException

spark = SparkSession.builder.getOrCreate()
driver = os.getpid()
calls = []

sales = spark.createDataFrame([("a", 1.0), ("a", 3.0), ("b", 10.0), ("c", 5.0), ("c", 7.0)], "shop string, amount double")


def centred(frame):
    calls.append(1)
    return frame.assign(amount=frame.amount - frame.amount.mean(), remote=int(os.getpid() != driver))


result = sales.groupBy("shop").applyInPandas(centred, "shop string, amount double, remote int")
print("after applyInPandas", len(calls))
print(sorted(result.collect()))
print("after collect", len(calls))


def totals(key, table):
    import pyarrow as pa
    return pa.table({"shop": [key[0].as_py()], "total": [sum(table.column("amount").to_pylist())]})


print(sorted(sales.groupBy("shop").applyInArrow(totals, "shop string, total double").collect()))

stock = spark.createDataFrame([("a", 4), ("d", 2)], "shop string, items int")


def joined(left, right):
    import pandas as pd
    shop = left.shop.iloc[0] if len(left) else right.shop.iloc[0]
    return pd.DataFrame({"shop": [shop], "sales": [len(left)], "items": [int(right["items"].sum())]})


pairs = sales.groupBy("shop").cogroup(stock.groupBy("shop")).applyInPandas(joined, "shop string, sales long, items long")
print(sorted(pairs.collect()))


def broken(frame):
    raise RuntimeError("group of %d rows refused" % len(frame))


lazy = sales.groupBy("shop").applyInPandas(broken, "shop string")
print("no error yet")
try:
    lazy.count()
except PythonException as error:
    print(type(error).__name__, error.getCondition(), "RuntimeError: group of" in str(error))
