try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[1]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# DataFrame.transform, unpivot/melt, toJSON, foreach, randomSplit and sample: results, and
# the properties of random splits that hold for any draw (each row in exactly one part).
df = spark.createDataFrame([(1, 11, 1.1), (2, 12, 1.2)], ["id", "int", "double"])
df.unpivot("id", ["int", "double"], "var", "val").orderBy("id", "var").show()
print(df.melt(["id"], None, "k", "v").orderBy("id", "k").collect())
print(spark.range(5).transform(lambda d, n: d.where(d.id >= n), 2).collect())
print(spark.createDataFrame([(2, "Alice", None)], "age int, name string, x double").toJSON().collect())
spark.range(3).foreach(lambda row: None)
spark.range(3).foreachPartition(lambda rows: None)
parts = spark.range(200).randomSplit([1.0, 2.0, 1.0], seed=11)
ids = [sorted(r.id for r in p.collect()) for p in parts]
print(len(parts), sum(len(i) for i in ids), sorted(sum(ids, [])) == list(range(200)))
a = spark.range(500).sample(0.3, seed=5)
print(80 < a.count() < 220, 80 < spark.range(500).sample(False, 0.3, 5).count() < 220)
print(spark.range(10).sample(0.0, seed=1).count(), spark.range(10).sample(1.0, seed=1).count())
for bad in [lambda: spark.range(3).sample("a"), lambda: spark.range(3).sample(0.5, "s"), lambda: spark.range(3).randomSplit([1.0, -1.0]), lambda: spark.range(3).sample(2.0)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, getattr(e, "getCondition", lambda: None)(), str(e).splitlines()[0][:120])
try:
    spark.range(3).transform(lambda d: 1)
except AssertionError as e:
    print("AssertionError", e)
