try:
    spark
except NameError:
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.master("local[2]").getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
# Spark's samplers (Bernoulli per partition, Poisson with replacement), randomSplit, the
# as-of and nearest-by joins, sums of doubles in row order, and the XML and ORC sources.
import glob
import os
import tempfile

from pyspark.sql import functions as sf

print(spark.range(0, 10, 1, 1).sample(withReplacement=True, fraction=0.5, seed=3).collect())
print(spark.range(0, 100, 1, 3).sample(True, 0.7, 11).collect())
print(spark.range(0, 100, 1, 3).sample(True, 2.5, 11).count())
print(spark.range(0, 100, 1, 3).sample(0.3, 11).collect())
for args in [(True, -0.5, 1), (False, 1.5, 1)]:
    try:
        spark.range(3).sample(*args).count()
    except Exception as e:
        print(type(e).__name__, e)
print([p.collect() for p in spark.range(0, 20, 1, 2).randomSplit([1.0, 2.0], 7)])

left = spark.createDataFrame([(1, "a"), (5, "b"), (10, "c")], ["a", "left_val"])
right = spark.createDataFrame([(1, 1), (2, 2), (3, 3), (6, 6), (7, 7)], ["a", "right_val"])
joined = left._joinAsOf(right, leftAsOfColumn="a", rightAsOfColumn="a")
print(joined.columns)
print(joined.select(left.a, "left_val", "right_val").sort(left.a).collect())
print(left._joinAsOf(right, "a", "a", direction="nearest").select(left.a, "right_val").sort(left.a).collect())
print(left._joinAsOf(right, "a", "a", how="left", direction="forward", allowExactMatches=False).select(left.a, "right_val").sort(left.a).collect())
print(left._joinAsOf(right, "a", "a", tolerance=sf.lit(1)).select(left.a, "right_val").sort(left.a).collect())
try:
    left._joinAsOf(right, "a", "a", direction="sideways").collect()
except Exception as e:
    print(type(e).__name__, e)

users = spark.createDataFrame([(1, 10.0), (2, 20.0), (3, 30.0)], ["user_id", "score"])
products = spark.createDataFrame([("A", 11.0), ("B", 22.0), ("C", 5.0)], ["product", "pscore"])
nearest = users.nearestByJoin(products, -sf.abs(users.score - products.pscore), 2, "exact", "similarity")
print(nearest.columns)
nearest.orderBy("user_id", "product").show()
users.nearestByJoin(products, sf.abs(users.score - products.pscore), 1, "approx", "distance", joinType="leftouter").orderBy("user_id").show()
for args, kw in [((0, "exact", "distance"), {}), ((1, "fast", "distance"), {}), ((1, "exact", "up"), {}), ((1, "exact", "distance"), dict(joinType="right"))]:
    try:
        users.nearestByJoin(products, sf.abs(users.score - products.pscore), *args, **kw).collect()
    except Exception as e:
        print(type(e).__name__, e)

weights = spark.createDataFrame([("Bob", 40.3), ("Alice", 37.8), ("Tom", 44.1)], ["name", "weight"])
print(weights.coalesce(1).select(sf.avg("weight"), sf.sum("weight")).collect())

d = tempfile.mkdtemp()
people = spark.createDataFrame([(100, "Hyukjin Kwon", ["a", "b"]), (None, "<&>", [])], "age int, name string, tags array<string>")
people.coalesce(1).write.mode("overwrite").option("rowTag", "person").xml(d)
for name in sorted(glob.glob(d + "/part-*")):
    print(open(name).read())
print(spark.read.option("rowTag", "person").xml(d).collect())
xml_df = spark.createDataFrame([("<person id='3'><name>Alice</name><age>25</age><score>1.5</score></person>",), ("<person><name>Bob</name><age>x</age><score>2</score></person>",)], schema="value STRING")
read = spark.read.option("rowTag", "person").xml(xml_df)
print(read.schema.simpleString())
print(read.sort("name").collect())
try:
    people.write.mode("overwrite").xml(d)
except Exception as e:
    print(type(e).__name__, str(e).split("SQLSTATE")[0])

o = tempfile.mkdtemp()
spark.createDataFrame([(1, "a", 2.5), (2, None, None)], ["k", "v", "x"]).coalesce(1).write.mode("overwrite").orc(o)
print(sorted(f.split("-c000")[-1] for f in os.listdir(o) if not f.startswith((".", "_"))))
back = spark.read.orc(o)
print(back.schema.simpleString())
print(back.sort("k").collect())
