try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Group-wise Python functions: groupBy().applyInPandas and applyInArrow (with and without
# the key argument), cogroup().applyInPandas and applyInArrow.
import pyarrow as pa
import pyarrow.compute as pc

sales = spark.createDataFrame(
    [("north", "pen", 3, 1.5), ("north", "ink", 1, 4.0), ("south", "pen", 7, 1.25), ("south", "pad", 2, 3.0), ("east", None, 5, 2.0)],
    ["region", "item", "qty", "price"],
)


def centred(pdf):
    return pdf.assign(qty=pdf.qty - pdf.qty.mean())


sales.groupBy("region").applyInPandas(centred, "region string, item string, qty double, price double").orderBy("region", "item").show()


def totals(key, pdf):
    import pandas as pd

    return pd.DataFrame({"region": [key[0]], "revenue": [float((pdf.qty * pdf.price).sum())], "items": [len(pdf)]})


sales.groupBy("region").applyInPandas(totals, "region string, revenue double, items long").orderBy("region").show()
sales.groupBy(sales.region, (sales.qty > 2).alias("big")).applyInPandas(
    lambda key, pdf: pdf[["region"]].assign(big=key[1], n=len(pdf)).head(1), "region string, big boolean, n long"
).orderBy("region", "big").show()


def biggest(table):
    return table.sort_by([("qty", "descending")]).slice(0, 1).select(["region", "qty"])


sales.groupBy("region").applyInArrow(biggest, "region string, qty long").orderBy("region").show()
sales.groupBy("region").applyInArrow(lambda key, table: pa.table({"region": [key[0].as_py()], "rows": [table.num_rows]}), "region string, rows long").orderBy("region").show()

targets = spark.createDataFrame([("north", 10), ("south", 4), ("west", 1)], ["region", "target"])


def against_target(left, right):
    import pandas as pd

    region = left.region.iloc[0] if len(left) else right.region.iloc[0]
    return pd.DataFrame({"region": [region], "sold": [int(left.qty.sum())], "target": [int(right.target.sum())]})


sales.groupBy("region").cogroup(targets.groupBy("region")).applyInPandas(against_target, "region string, sold long, target long").orderBy("region").show()
def sizes(key, left, right):
    import pandas as pd

    return pd.DataFrame({"k": [key[0]], "n": [len(left) + len(right)]})


sales.groupBy("region").cogroup(targets.groupBy("region")).applyInPandas(sizes, "k string, n long").orderBy("k").show()
sales.groupBy("region").cogroup(targets.groupBy("region")).applyInArrow(
    lambda left, right: pa.table({"rows": [left.num_rows], "targets": [right.num_rows]}), "rows long, targets long"
).orderBy("rows", "targets").show()
try:
    sales.groupBy("region").applyInPandas(lambda pdf: pdf[["region"]], "region string, extra long").collect()
except Exception as error:
    print(type(error).__name__, error.getCondition())
