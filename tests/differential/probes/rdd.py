# probe: rdd.parallelize_collect
print(sc.parallelize([3, 1, 2]).collect())

# probe: rdd.map
print(sc.parallelize([1, 2, 3, 4]).map(lambda x: x * 10).collect())

# probe: rdd.map_to_tuples
print(sc.parallelize(["a", "bb", "ccc"]).map(lambda s: (s, len(s))).collect())

# probe: rdd.flatmap
print(sc.parallelize(["a b", "c", ""]).flatMap(lambda s: s.split(" ")).collect())

# probe: rdd.filter
print(sc.parallelize(range(10)).filter(lambda x: x % 3 == 0).collect())

# probe: rdd.reduce_sum
print(sc.parallelize(range(1, 11), 3).reduce(lambda a, b: a + b))

# probe: rdd.reduce_empty_raises
try:
    sc.parallelize([], 2).reduce(lambda a, b: a + b)
except ValueError as e:
    print("ValueError", e)

# probe: rdd.fold
print(sc.parallelize([1, 2, 3, 4], 2).fold(0, lambda a, b: a + b))

# probe: rdd.fold_zero_per_partition
print(sc.parallelize([1, 2, 3, 4], 2).fold(1, lambda a, b: a + b))

# probe: rdd.aggregate_sum_count
r = sc.parallelize([1, 2, 3, 4, 5], 2).aggregate((0, 0), lambda acc, x: (acc[0] + x, acc[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1]))
print(r)

# probe: rdd.count
print(sc.parallelize(range(17), 4).count(), sc.parallelize([]).count())

# probe: rdd.first
print(sc.parallelize([5, 4, 3]).first())

# probe: rdd.first_empty_raises
try:
    sc.parallelize([]).first()
except ValueError as e:
    print("ValueError", e)

# probe: rdd.take
print(sc.parallelize(range(10), 3).take(4))
print(sc.parallelize(range(3), 3).take(10))

# probe: rdd.top
print(sc.parallelize([5, 1, 9, 3, 7], 2).top(3))

# probe: rdd.top_with_key
print(sc.parallelize(["aaa", "b", "cc"], 2).top(2, key=len))

# probe: rdd.takeOrdered
print(sc.parallelize([5, 1, 9, 3, 7], 2).takeOrdered(3))

# probe: rdd.takeOrdered_with_key
print(sc.parallelize([5, 1, 9, 3, 7], 2).takeOrdered(3, key=lambda x: -x))

# probe: rdd.reduceByKey
r = sc.parallelize([("a", 1), ("b", 2), ("a", 3), ("b", 4), ("c", 5)], 2).reduceByKey(lambda a, b: a + b)
print(sorted(r.collect()))

# probe: rdd.groupByKey
r = sc.parallelize([("a", 1), ("b", 2), ("a", 3)], 2).groupByKey()
print(sorted((k, sorted(v)) for k, v in r.collect()))

# probe: rdd.groupByKey_mapValues_list
r = sc.parallelize([(1, "x"), (2, "y"), (1, "z")]).groupByKey().mapValues(lambda vs: sorted(vs))
print(sorted(r.collect()))

# probe: rdd.groupBy_function
r = sc.parallelize(range(10), 3).groupBy(lambda x: x % 3)
print(sorted((k, sorted(v)) for k, v in r.collect()))

# probe: rdd.combineByKey_average
r = sc.parallelize([("a", 1.0), ("a", 3.0), ("b", 4.0)], 2).combineByKey(
    lambda v: (v, 1), lambda c, v: (c[0] + v, c[1] + 1), lambda c1, c2: (c1[0] + c2[0], c1[1] + c2[1]))
print(sorted((k, s / n) for k, (s, n) in r.collect()))

# probe: rdd.aggregateByKey
r = sc.parallelize([("a", 1), ("a", 5), ("b", 2)], 2).aggregateByKey(0, max, max)
print(sorted(r.collect()))

# probe: rdd.foldByKey
r = sc.parallelize([("a", 1), ("a", 5), ("b", 2)], 2).foldByKey(0, lambda a, b: a + b)
print(sorted(r.collect()))

# probe: rdd.sortBy
print(sc.parallelize(["bb", "a", "ccc", "dd"], 2).sortBy(lambda s: (len(s), s)).collect())

# probe: rdd.sortBy_descending
print(sc.parallelize([3, 1, 2, 5], 2).sortBy(lambda x: x, ascending=False).collect())

# probe: rdd.sortByKey
print(sc.parallelize([(3, "c"), (1, "a"), (2, "b")], 2).sortByKey().collect())

# probe: rdd.sortByKey_descending_with_keyfunc
print(sc.parallelize([("B", 1), ("a", 2), ("C", 3)], 2).sortByKey(False, keyfunc=lambda k: k.lower()).collect())

# probe: rdd.join
a = sc.parallelize([(1, "a"), (2, "b"), (2, "bb")])
b = sc.parallelize([(2, "X"), (3, "Y")])
print(sorted(a.join(b).collect()))

# probe: rdd.leftOuterJoin
a = sc.parallelize([(1, "a"), (2, "b")])
b = sc.parallelize([(2, "X"), (3, "Y")])
print(sorted(a.leftOuterJoin(b).collect()))

# probe: rdd.rightOuterJoin
a = sc.parallelize([(1, "a"), (2, "b")])
b = sc.parallelize([(2, "X"), (3, "Y")])
print(sorted(a.rightOuterJoin(b).collect()))

# probe: rdd.fullOuterJoin
a = sc.parallelize([(1, "a"), (2, "b")])
b = sc.parallelize([(2, "X"), (3, "Y")])
print(sorted(a.fullOuterJoin(b).collect(), key=str))

# probe: rdd.cogroup
a = sc.parallelize([(1, "a"), (2, "b"), (1, "c")])
b = sc.parallelize([(2, "X"), (3, "Y")])
print(sorted((k, (sorted(x), sorted(y))) for k, (x, y) in a.cogroup(b).collect()))

# probe: rdd.distinct
print(sorted(sc.parallelize([1, 2, 2, 3, 1, 3], 3).distinct().collect()))

# probe: rdd.union
a = sc.parallelize([1, 2], 1)
b = sc.parallelize([2, 3], 2)
u = a.union(b)
print(u.collect(), u.getNumPartitions())

# probe: rdd.sc_union
print(sorted(sc.union([sc.parallelize([1]), sc.parallelize([2, 3])]).collect()))

# probe: rdd.zip
a = sc.parallelize(["a", "b", "c"], 2)
b = sc.parallelize([1, 2, 3], 2)
print(a.zip(b).collect())

# probe: rdd.zipWithIndex
print(sc.parallelize(["x", "y", "z", "w"], 3).zipWithIndex().collect())

# probe: rdd.zipWithUniqueId
print(sc.parallelize(["x", "y", "z", "w"], 2).zipWithUniqueId().collect())

# probe: rdd.countByKey
r = sc.parallelize([("a", 1), ("b", 2), ("a", 3)]).countByKey()
print(sorted(r.items()))

# probe: rdd.countByValue
r = sc.parallelize(["x", "y", "x", "x"]).countByValue()
print(sorted(r.items()))

# probe: rdd.stats
s = sc.parallelize([1.0, 2.0, 3.0, 4.0], 2).stats()
print(s.count(), s.mean(), s.sum(), s.min(), s.max(), s.variance(), s.stdev())

# probe: rdd.mean_stdev_variance
r = sc.parallelize([2, 4, 4, 4, 5, 5, 7, 9], 2)
print(r.mean(), r.stdev(), r.variance(), r.sampleStdev(), r.sampleVariance())

# probe: rdd.sum_max_min
r = sc.parallelize([4, -1, 7, 2], 2)
print(r.sum(), r.max(), r.min())

# probe: rdd.max_with_key
print(sc.parallelize(["aa", "b", "cccc"]).max(key=len), sc.parallelize(["aa", "b", "cccc"]).min(key=len))

# probe: rdd.histogram_buckets_count
print(sc.parallelize([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2).histogram(3))

# probe: rdd.histogram_explicit_buckets
print(sc.parallelize([0, 1, 5, 10, 11, 20, 25], 2).histogram([0, 10, 20, 30]))

# probe: rdd.histogram_uneven_buckets
print(sc.parallelize([0, 1, 5, 10, 11, 20, 25, 50], 2).histogram([0, 5, 25, 50]))

# probe: rdd.glom
print(sc.parallelize(range(7), 3).glom().collect())

# probe: rdd.getNumPartitions_explicit
print(sc.parallelize(range(10), 4).getNumPartitions(), sc.parallelize(range(10), 1).getNumPartitions())

# probe: rdd.coalesce
r = sc.parallelize(range(10), 4).coalesce(2)
print(r.getNumPartitions(), sorted(r.collect()))

# probe: rdd.repartition
r = sc.parallelize(range(10), 2).repartition(5)
print(r.getNumPartitions(), sorted(r.collect()))

# probe: rdd.mapPartitions
print(sc.parallelize(range(8), 3).mapPartitions(lambda it: [sum(it)]).collect())

# probe: rdd.mapPartitionsWithIndex
print(sc.parallelize(["a", "b", "c", "d"], 2).mapPartitionsWithIndex(lambda i, it: [(i, list(it))]).collect())

# probe: rdd.keys_values
r = sc.parallelize([(1, "a"), (2, "b")])
print(r.keys().collect(), r.values().collect())

# probe: rdd.mapValues
print(sc.parallelize([("a", 1), ("b", 2)]).mapValues(lambda v: v * 100).collect())

# probe: rdd.flatMapValues
print(sc.parallelize([("a", [1, 2]), ("b", []), ("c", [3])]).flatMapValues(lambda v: v).collect())

# probe: rdd.cartesian
a = sc.parallelize([1, 2])
b = sc.parallelize(["x", "y"])
print(sorted(a.cartesian(b).collect()))

# probe: rdd.subtract
print(sorted(sc.parallelize([1, 2, 3, 4, 2]).subtract(sc.parallelize([2, 5])).collect()))

# probe: rdd.subtractByKey
a = sc.parallelize([("a", 1), ("b", 2), ("c", 3)])
b = sc.parallelize([("b", 9)])
print(sorted(a.subtractByKey(b).collect()))

# probe: rdd.intersection
print(sorted(sc.parallelize([1, 2, 3, 3, 4]).intersection(sc.parallelize([3, 4, 4, 5])).collect()))

# probe: rdd.keyBy
print(sc.parallelize(["apple", "kiwi"]).keyBy(len).collect())

# probe: rdd.lookup
print(sorted(sc.parallelize([("a", 1), ("b", 2), ("a", 3)]).lookup("a")))

# probe: rdd.collectAsMap
print(sorted(sc.parallelize([(1, "x"), (2, "y")]).collectAsMap().items()))

# probe: rdd.isEmpty
print(sc.parallelize([]).isEmpty(), sc.parallelize([0]).isEmpty(), sc.emptyRDD().isEmpty())

# probe: rdd.range
r = sc.range(2, 11, 3)
print(r.collect())

# probe: rdd.sum_of_floats
print(sc.parallelize([0.1, 0.2, 0.3], 1).sum())

# probe: rdd.textFile_saveAsTextFile_roundtrip
import os
out = os.path.join(TMP, "out")
sc.parallelize(["one", "two", "three", "four"], 2).saveAsTextFile(out)
print(sorted(sc.textFile(out).collect()))

# probe: rdd.saveAsTextFile_non_strings
import os
out = os.path.join(TMP, "nums")
sc.parallelize([(1, "a"), 2.5, None], 2).saveAsTextFile(out)
print(sorted(sc.textFile(out).collect()))

# probe: rdd.saveAsTextFile_existing_dir_fails
import os
out = os.path.join(TMP, "exists")
sc.parallelize(["a"]).saveAsTextFile(out)
try:
    sc.parallelize(["b"]).saveAsTextFile(out)
    print("no error")
except Exception:
    print("raised")

# probe: rdd.textFile_plain_file
import os
p = os.path.join(TMP, "in.txt")
with open(p, "w") as f:
    f.write("alpha\nbeta\n\ngamma")
r = sc.textFile(p)
print(r.collect(), r.count())

# probe: rdd.textFile_crlf_and_trailing_newline
import os
p = os.path.join(TMP, "crlf.txt")
with open(p, "wb") as f:
    f.write(b"a\r\nb\r\n")
print(sc.textFile(p).collect())

# probe: rdd.textFile_directory_of_files
import os
for i, words in enumerate([["x", "y"], ["z"]]):
    with open(os.path.join(TMP, f"f{i}.txt"), "w") as f:
        f.write("\n".join(words) + "\n")
print(sorted(sc.textFile(TMP).collect()))

# probe: rdd.wholeTextFiles
import os
with open(os.path.join(TMP, "a.txt"), "w") as f:
    f.write("hello\nworld\n")
print([(os.path.basename(k), v) for k, v in sc.wholeTextFiles(TMP).collect()])

# probe: rdd.textFile_gzip
import gzip, os
p = os.path.join(TMP, "lines.txt.gz")
with gzip.open(p, "wt") as f:
    f.write("first\nsecond\nthird\n")
r = sc.textFile(p)
print(r.collect(), r.getNumPartitions())

# probe: rdd.textFile_bz2
import bz2, os
p = os.path.join(TMP, "lines.txt.bz2")
with bz2.open(p, "wt") as f:
    f.write("uno\ndos\n")
print(sc.textFile(p).collect())

# probe: rdd.saveAsTextFile_gzip_codec
import os
out = os.path.join(TMP, "gz")
sc.parallelize(["p", "q", "r"], 2).saveAsTextFile(out, "org.apache.hadoop.io.compress.GzipCodec")
print(sorted(f.endswith(".gz") for f in os.listdir(out) if f.startswith("part-")))
print(sorted(sc.textFile(out).collect()))

# probe: rdd.word_count
lines = sc.parallelize(["the cat", "the dog", "a cat"])
r = lines.flatMap(str.split).map(lambda w: (w, 1)).reduceByKey(lambda a, b: a + b)
print(sorted(r.collect(), key=lambda kv: (-kv[1], kv[0])))

# probe: rdd.toDF_from_tuples
df = sc.parallelize([(1, "a"), (2, "b")]).toDF(["id", "s"])
print(df.dtypes, df.orderBy("id").collect())

# probe: rdd.createDataFrame_from_rdd_of_rows
df = spark.createDataFrame(sc.parallelize([Row(a=1, b=2.5), Row(a=2, b=None)]))
print(df.dtypes, df.orderBy("a").collect())

# probe: rdd.dataframe_rdd_roundtrip
rows = spark.range(3).rdd.map(lambda r: r.id * 2).collect()
print(rows)

# probe: rdd.dataframe_rdd_rows
print(spark.createDataFrame([(1, "x")], ["n", "s"]).rdd.collect())

# probe: rdd.sample_fraction_zero_and_one
r = sc.parallelize(range(5))
print(r.sample(False, 0.0).collect(), sorted(r.sample(False, 1.0).collect()))

# probe: rdd.pipe_like_map_str
print(sc.parallelize([1, None, "s"]).map(str).collect())

# probe: rdd.partitionBy
r = sc.parallelize([(i, i) for i in range(6)]).partitionBy(3, lambda k: k)
print(r.getNumPartitions(), r.glom().map(lambda p: sorted(p)).collect())

# probe: rdd.treeReduce_treeAggregate
r = sc.parallelize(range(1, 21), 4)
print(r.treeReduce(lambda a, b: a + b), r.treeAggregate(0, lambda a, x: a + x, lambda a, b: a + b))

# probe: rdd.foreach_accumulator
acc = sc.accumulator(0)
sc.parallelize([1, 2, 3], 2).foreach(lambda x: acc.add(x))
print(acc.value)

# probe: rdd.broadcast_variable
b = sc.broadcast({"a": 1, "b": 2})
print(sc.parallelize(["a", "b", "a"]).map(lambda k: b.value[k]).collect())

# probe: rdd.cache_and_count
r = sc.parallelize(range(5)).map(lambda x: x + 1).cache()
print(r.count(), r.sum(), r.is_cached)

# probe: rdd.distinct_tuples
print(sorted(sc.parallelize([(1, "a"), (1, "a"), (2, "b")]).distinct().collect()))

# probe: rdd.map_exception_propagates
try:
    sc.parallelize([1, 0]).map(lambda x: 1 // x).collect()
    print("no error")
except Exception as e:
    print(type(e).__name__, "ZeroDivisionError" in str(e))
