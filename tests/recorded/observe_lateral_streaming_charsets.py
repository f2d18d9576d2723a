try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# DataFrame.observe with Observation, lateral joins, the streaming methods on batch
# DataFrames, mergeInto and read.changes on session catalog tables, the CSV and JSON
# encoding option, and JSON comments.
import os
import tempfile

from pyspark.sql import Observation, Row
from pyspark.sql import functions as sf


def outcome(action):
    try:
        print("ok", action())
    except Exception as error:
        print(type(error).__name__, error.getCondition(), str(error).split("\n")[0].split(" SQLSTATE")[0])


people = spark.createDataFrame([["Ann", 31], ["Bo", 7], ["Cy", None], ["Di", 7]], ["name", "age"])
seen = Observation("people")
outcome(lambda: seen.get)
observed = people.observe(seen, sf.count(sf.lit(1)).alias("rows"), sf.max("age"), sf.avg("age").alias("mean"), sf.collect_set("age").alias("ages"))
outcome(lambda: people.observe(seen, sf.min("age")))
print(observed.where("age > 10").count())
print(sorted(seen.get.items()))
second = Observation()
people.observe(second, sf.sum("age").alias("total")).orderBy("name").show()
print(second.get)
print(people.observe("by_name", sf.min("age")).count())
for bad in [sf.col("age"), sf.countDistinct("age"), sf.max("age") + sf.col("age")]:
    outcome(lambda: people.observe(Observation(), bad).collect())
outcome(lambda: people.observe(Observation()))
outcome(lambda: people.observe(Observation(), "age"))
outcome(lambda: people.observe(7, sf.max("age")))
outcome(lambda: Observation(""))
outcome(lambda: Observation(1))

customers = spark.createDataFrame([Row(id=1, name="Ann"), Row(id=2, name="Bo"), Row(id=3, name="Cy")])
orders = spark.createDataFrame([
    Row(order=10, id=1, day="2024-01-02", items=[Row(item="pen", n=2), Row(item="ink", n=1)]),
    Row(order=11, id=1, day="2024-02-01", items=[Row(item="pad", n=5)]),
    Row(order=12, id=1, day="2024-03-09", items=[]),
    Row(order=13, id=2, day="2024-01-20", items=[Row(item="pen", n=7)]),
])
customers.join(orders, "id").lateralJoin(spark.tvf.explode(sf.col("items").outer()).select("col.*")).select("id", "order", "item", "n").orderBy("id", "order", "item").show()
customers.alias("c").lateralJoin(
    orders.alias("o").where(sf.col("o.id") == sf.col("c.id").outer()).select("order", "day").orderBy(sf.col("day").desc()).limit(2),
    how="left",
).orderBy("id", "order").show()
customers.alias("c").lateralJoin(
    orders.alias("o").where(sf.col("o.id") == sf.col("c.id").outer()).select(sf.count("*").alias("orders"), sf.max("day").alias("last"))
).orderBy("id").show()
customers.alias("c").lateralJoin(
    orders.alias("o").where(sf.col("o.id") == sf.col("c.id").outer()).select("order"), on=sf.col("order") > 10
).orderBy("id", "order").show()
customers.lateralJoin(spark.range(1).select((sf.length(sf.col("name").outer()) * 100).alias("scaled"))).orderBy("id").show()
print(customers.lateralJoin(spark.range(2)).count(), customers.lateralJoin(spark.range(2)).columns)
outcome(lambda: customers.lateralJoin(spark.range(1), how="right"))

print(people.isStreaming)
stamped = people.withColumn("at", sf.current_timestamp()).withWatermark("at", "10 minutes")
print(stamped.count(), stamped.columns)
print(people.withWatermark("age", "1 hour").orderBy("name").collect())
outcome(lambda: people.withWatermark("age", "soon"))
outcome(lambda: people.withWatermark("age", 5))
pending = people.dropDuplicatesWithinWatermark(["name"])
print(pending.columns)
outcome(lambda: pending.count())
outcome(lambda: people.dropDuplicatesWithinWatermark(["nope"]).collect())
outcome(lambda: people.dropDuplicates(["nope"]).collect())
outcome(lambda: people.dropDuplicatesWithinWatermark("name"))
outcome(lambda: people.writeStream)
outcome(lambda: people.executionInfo)
outcome(lambda: people.metadataColumn("_metadata"))

spark.sql("DROP TABLE IF EXISTS merge_target")
spark.createDataFrame([(1, "x")], ["id", "s"]).write.saveAsTable("merge_target")
source = spark.createDataFrame([(1, "y"), (2, "z")], ["id", "s"]).alias("src")
outcome(lambda: source.mergeInto("merge_target", sf.expr("merge_target.id = src.id")).whenMatched().updateAll().whenNotMatched().insertAll().merge())
outcome(lambda: source.mergeInto("no_such_table", sf.expr("no_such_table.id = src.id")).whenMatched().delete().merge())
outcome(lambda: spark.read.changes("merge_target"))
spark.sql("DROP TABLE merge_target")

folder = tempfile.mkdtemp()
latin = os.path.join(folder, "latin.csv")
with open(latin, "wb") as f:
    f.write("name,city\nJos\u00e9,M\u00fcnchen\nRen\u00e9e,Z\u00fcrich\n".encode("latin-1"))
spark.read.csv(latin, header=True, encoding="ISO-8859-1").show()
spark.read.option("charset", "us-ascii").csv(latin, header=True).show()
spark.read.csv(latin, header=True).show()
outcome(lambda: spark.read.csv(latin, header=True, encoding="latin1").collect())
wide = os.path.join(folder, "wide.csv")
with open(wide, "wb") as f:
    f.write("a,b\n1,\u00e9t\u00e9\n".encode("utf-16"))
spark.read.csv(wide, header=True, encoding="UTF-16").show()
spark.read.csv(wide, header=True, encoding="UTF-16", multiLine=True).show()
noted = os.path.join(folder, "noted.json")
with open(noted, "w") as f:
    f.write('{"a": 1 /* one */}\n// a whole line\n{"a": 2} // two\n{"a": 3} trailing\n')
spark.read.json(noted, allowComments=True).show()
spark.read.json(noted).show()
listed = os.path.join(folder, "listed.json")
with open(listed, "w") as f:
    f.write('[\n{"a": 1}, /* c */\n{"a": 2} // d\n]\n')
spark.read.json(listed, allowComments=True, multiLine=True).show()
outcome(lambda: spark.read.json(listed, encoding="latin1").collect())

# A filter on a column the projection below dropped (Spark's ResolveMissingReferences).
print(people.select("name").where("age > 10").collect())
outcome(lambda: people.groupBy("name").count().where("age > 10").collect())
