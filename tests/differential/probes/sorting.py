# probe: sorting.orderby_single_int
df = spark.createDataFrame([(3,), (1,), (2,)], ["v"])
print(df.orderBy("v").collect())

# probe: sorting.sort_alias_desc
df = spark.createDataFrame([(3,), (1,), (2,)], ["v"])
print(df.sort(F.desc("v")).collect())

# probe: sorting.ascending_false_flag
df = spark.createDataFrame([(3, "a"), (1, "b"), (2, "c")], ["v", "s"])
print(df.orderBy("v", ascending=False).collect())

# probe: sorting.multi_column_mixed_directions
df = spark.createDataFrame([(1, "b"), (2, "a"), (1, "a"), (2, "c")], ["g", "s"])
print(df.orderBy(F.col("g").desc(), F.col("s").asc()).collect())

# probe: sorting.ascending_list_flags
df = spark.createDataFrame([(1, "b"), (2, "a"), (1, "a"), (2, "c")], ["g", "s"])
print(df.orderBy(["g", "s"], ascending=[True, False]).collect())

# probe: sorting.strings_binary_order
df = spark.createDataFrame([("b",), ("B",), ("a",), ("A",), ("",), ("aa",), ("é",), ("Z",)], ["s"])
print([r.s for r in df.orderBy("s").collect()])

# probe: sorting.numeric_strings_lexicographic
df = spark.createDataFrame([("10",), ("9",), ("100",), ("1",)], ["s"])
print([r.s for r in df.orderBy("s").collect()])
print([r.s for r in df.orderBy(F.col("s").cast("int")).collect()])

# probe: sorting.doubles_special_values
df = spark.createDataFrame([(0.0,), (-0.0,), (float("inf"),), (float("-inf"),), (float("nan"),), (-1.5,)], "v double")
print([r.v for r in df.orderBy("v").collect()])

# probe: sorting.doubles_desc_nan_first
df = spark.createDataFrame([(1.0,), (float("nan"),), (float("inf"),)], "v double")
print([r.v for r in df.orderBy(F.desc("v")).collect()])

# probe: sorting.dates_and_timestamps
import datetime
df = spark.createDataFrame([(datetime.date(2024, 3, 1), datetime.datetime(2024, 1, 1, 12)), (datetime.date(2023, 12, 31), datetime.datetime(2024, 1, 1, 1))], "d date, t timestamp")
print([r.d for r in df.orderBy("d").collect()])
print([r.t for r in df.orderBy("t").collect()])

# probe: sorting.booleans
df = spark.createDataFrame([(True,), (False,), (None,), (True,)], "b boolean")
print([r.b for r in df.orderBy("b").collect()])

# probe: sorting.decimals
df = spark.sql("SELECT * FROM VALUES (CAST(1.10 AS DECIMAL(5,2))), (CAST(-3.5 AS DECIMAL(5,2))), (CAST(1.01 AS DECIMAL(5,2))) AS t(d)")
print(df.orderBy("d").collect())

# probe: sorting.by_expression
df = spark.createDataFrame([(1,), (-5,), (3,), (-2,)], ["v"])
print([r.v for r in df.orderBy(F.abs("v")).collect()])

# probe: sorting.by_column_not_selected_sql
spark.sql("SELECT name FROM VALUES ('a', 3), ('b', 1), ('c', 2) AS t(name, rank) ORDER BY rank").show()

# probe: sorting.sql_order_by_ordinal
spark.sql("SELECT v, w FROM VALUES (1, 'z'), (2, 'y'), (3, 'x') AS t(v, w) ORDER BY 2").show()

# probe: sorting.sql_order_by_alias
spark.sql("SELECT v * -1 AS neg FROM VALUES (1), (3), (2) AS t(v) ORDER BY neg").show()

# probe: sorting.sql_multi_key_desc
print(spark.sql("SELECT a, b FROM VALUES (1, 1), (1, 2), (2, 1) AS t(a, b) ORDER BY a DESC, b DESC").collect())

# probe: sorting.sort_within_partitions_single_partition
df = spark.createDataFrame([(3,), (1,), (2,)], ["v"]).coalesce(1)
print(df.sortWithinPartitions("v").collect())

# probe: sorting.limit_after_sort
df = spark.range(100).withColumn("k", (F.col("id") * 37) % 100)
print(df.orderBy("k").limit(5).collect())

# probe: sorting.head_and_take_sorted
df = spark.range(20).withColumn("k", 19 - F.col("id"))
print(df.orderBy("k").head(3))
print(df.orderBy(F.desc("k")).take(2))

# probe: sorting.sort_struct_column
df = spark.sql("SELECT * FROM VALUES (named_struct('a', 2, 'b', 'x')), (named_struct('a', 1, 'b', 'z')), (named_struct('a', 1, 'b', 'y')) AS t(s)")
print([r.s for r in df.orderBy("s").collect()])

# probe: sorting.sort_array_column
df = spark.sql("SELECT * FROM VALUES (array(2, 1)), (array(1, 5, 0)), (array(1)), (array()) AS t(a)")
print([r.a for r in df.orderBy("a").collect()])

# probe: sorting.stable_on_ties_with_secondary_key
df = spark.createDataFrame([(1, "d"), (0, "c"), (1, "a"), (0, "b")], ["k", "s"])
print(df.orderBy("k", "s").collect())

# probe: sorting.sort_after_groupby
df = spark.createDataFrame([("x", 1), ("y", 5), ("x", 3), ("z", 2)], ["k", "v"])
print(df.groupBy("k").agg(F.sum("v").alias("s")).orderBy(F.desc("s")).collect())

# probe: sorting.sort_by_column_position_error
df = spark.createDataFrame([(1,)], ["v"])
print(df.orderBy("missing").collect())

# probe: sorting.sort_array_function
print(spark.sql("SELECT sort_array(array(3, 1, NULL, 2)) AS a, sort_array(array(3, 1, NULL, 2), false) AS d").collect())

# probe: sorting.array_sort_function
print(spark.sql("SELECT array_sort(array('b', NULL, 'a')) AS a").collect())

# probe: sorting.window_row_number_order
df = spark.createDataFrame([("a", 3), ("a", 1), ("b", 2), ("a", 2)], ["g", "v"])
w = Window.partitionBy("g").orderBy(F.desc("v"))
print(df.select("g", "v", F.row_number().over(w).alias("rn")).orderBy("g", "rn").collect())

# probe: sorting.rank_dense_rank_ties
df = spark.createDataFrame([(10,), (20,), (20,), (30,)], ["v"])
w = Window.orderBy("v")
print(df.select("v", F.rank().over(w).alias("r"), F.dense_rank().over(w).alias("d")).orderBy("v").collect())

# probe: sorting.orderby_int_index_column
df = spark.createDataFrame([(2, "a"), (1, "b")], ["x", "y"])
print(df.orderBy(1).collect())

# probe: sorting.orderby_negative_index_desc
df = spark.createDataFrame([(2, "a"), (1, "b"), (3, "c")], ["x", "y"])
print(df.orderBy(-1).collect())

# probe: sorting.unicode_and_case
df = spark.createDataFrame([("apple",), ("Banana",), ("cherry",), ("Äpfel",)], ["s"])
print([r.s for r in df.orderBy("s").collect()])
print([r.s for r in df.orderBy(F.lower("s")).collect()])

# probe: sorting.large_longs
df = spark.createDataFrame([(9223372036854775807,), (-9223372036854775808,), (0,)], "v long")
print([r.v for r in df.orderBy("v").collect()])

# probe: sorting.distinct_then_sort
df = spark.createDataFrame([(3,), (1,), (3,), (2,), (1,)], ["v"])
print(df.distinct().orderBy("v").collect())

# probe: sorting.sort_by_casted_string_nulls
df = spark.createDataFrame([("3",), ("x",), ("1",)], ["s"])
print([r.s for r in df.orderBy(F.col("s").try_cast("int")).collect()])
