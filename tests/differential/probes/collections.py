# probe: collections.array_subscript_zero_based
df = spark.sql("SELECT array(1, 2)[0] AS a, array(1, 2)[1] AS b")
print(df.dtypes); print(df.collect())

# probe: collections.array_subscript_out_of_range
spark.sql("SELECT array(1, 2)[5] AS a").collect()

# probe: collections.array_subscript_negative
spark.sql("SELECT array(1, 2)[-1] AS a").collect()

# probe: collections.try_element_at_out_of_range
print(spark.sql("SELECT try_element_at(array(1, 2), 5) AS a, try_element_at(array(1, 2), -1) AS b").collect())

# probe: collections.element_at_array_one_based
print(spark.sql("SELECT element_at(array(10, 20, 30), 1) AS a, element_at(array(10, 20, 30), -1) AS b").collect())

# probe: collections.element_at_array_out_of_range
spark.sql("SELECT element_at(array(10, 20), 3) AS a").collect()

# probe: collections.element_at_array_zero
spark.sql("SELECT element_at(array(10, 20), 0) AS a").collect()

# probe: collections.element_at_map_missing_key
df = spark.sql("SELECT element_at(map('a', 1, 'b', 2), 'z') AS a, element_at(map('a', 1, 'b', 2), 'b') AS b")
print(df.dtypes); print(df.collect())

# probe: collections.map_subscript_missing
print(spark.sql("SELECT map('a', 1)['a'] AS a, map('a', 1)['q'] AS b").collect())

# probe: collections.element_at_map_df
df = spark.createDataFrame([({"x": 1},), ({"y": 2},)], "m map<string,int>")
print(df.select(F.element_at("m", F.lit("x")).alias("v")).orderBy(F.col("v").asc_nulls_first()).collect())

# probe: collections.getitem_df_array
df = spark.createDataFrame([([1, 2, 3],)], "a array<int>")
print(df.select(df.a[0].alias("first"), df.a.getItem(2).alias("third")).collect())

# probe: collections.reverse_array
df = spark.sql("SELECT reverse(array(1, 2, 3)) AS a, reverse(array('x', NULL, 'y')) AS b")
print(df.dtypes); print(df.collect())

# probe: collections.reverse_array_df
df = spark.createDataFrame([(1, [1, 2, 3]), (2, [])], "i int, a array<int>")
print(df.select("i", F.reverse("a").alias("r")).orderBy("i").collect())

# probe: collections.array_remove_all
df = spark.sql("SELECT array_remove(array(1, 2, 1, 3, 1), 1) AS a, array_remove(array(1, NULL, 2), NULL) AS b")
print(df.collect())

# probe: collections.array_remove_df
df = spark.createDataFrame([(["a", "b", "a"],)], "a array<string>")
print(df.select(F.array_remove("a", "a").alias("r")).collect())

# probe: collections.array_sort_nulls_last
df = spark.sql("SELECT array_sort(array(3, NULL, 1, 2)) AS a, array_sort(array('b', NULL, 'a')) AS b")
print(df.collect())

# probe: collections.sort_array_nulls
print(spark.sql("SELECT sort_array(array(3, NULL, 1)) AS a, sort_array(array(3, NULL, 1), false) AS b").collect())

# probe: collections.array_sort_comparator
print(spark.sql("SELECT array_sort(array(1, 5, 3), (l, r) -> r - l) AS a").collect())

# probe: collections.array_sort_df_doubles
df = spark.createDataFrame([([2.5, float("nan"), -1.0, None],)], "a array<double>")
print(df.select(F.array_sort("a").alias("s")).collect())

# probe: collections.array_contains_null_elem
df = spark.sql("SELECT array_contains(array(1, NULL), 2) AS a, array_contains(array(1, NULL), 1) AS b, array_contains(array(1, 2), 3) AS c")
print(df.collect())

# probe: collections.array_contains_df
df = spark.createDataFrame([(1, [1, 2]), (2, [3, None]), (3, None), (4, [3])], "i int, a array<int>")
print(df.select("i", F.array_contains("a", 2).alias("c")).orderBy("i").collect())

# probe: collections.arrays_overlap_null
df = spark.sql("SELECT arrays_overlap(array(1, NULL), array(2)) AS a, arrays_overlap(array(1, 2), array(2, 3)) AS b, arrays_overlap(array(1), array(2)) AS c")
print(df.collect())

# probe: collections.array_position
print(spark.sql("SELECT array_position(array(3, 2, 1, 2), 2) AS a, array_position(array(3), 9) AS b").collect())

# probe: collections.array_distinct
print(spark.sql("SELECT array_distinct(array(1, 2, 2, NULL, NULL, 3)) AS a").collect())

# probe: collections.array_union_intersect_except
df = spark.sql("SELECT array_union(array(1, 2), array(2, 3)) AS u, array_intersect(array(1, 2, 2), array(2, 3)) AS i, array_except(array(1, 2, 3), array(2)) AS e")
print(df.collect())

# probe: collections.array_join
print(spark.sql("SELECT array_join(array('a', NULL, 'b'), ',') AS a, array_join(array('a', NULL, 'b'), ',', '?') AS b").collect())

# probe: collections.array_min_max
print(spark.sql("SELECT array_min(array(3, NULL, 1)) AS a, array_max(array(3, NULL, 1)) AS b, array_max(array()) AS c").collect())

# probe: collections.size_and_cardinality
df = spark.sql("SELECT size(array(1, 2)) AS a, size(map('a', 1)) AS b, cardinality(array()) AS c, size(NULL) AS d")
print(df.dtypes); print(df.collect())

# probe: collections.slice
print(spark.sql("SELECT slice(array(1, 2, 3, 4), 2, 2) AS a, slice(array(1, 2, 3, 4), -2, 2) AS b").collect())

# probe: collections.slice_zero_start
spark.sql("SELECT slice(array(1, 2, 3), 0, 1) AS a").collect()

# probe: collections.array_repeat_and_sequence
print(spark.sql("SELECT array_repeat('x', 3) AS a, sequence(1, 5) AS b, sequence(5, 1, -2) AS c").collect())

# probe: collections.sequence_dates
df = spark.sql("SELECT sequence(DATE'2024-01-30', DATE'2024-02-02', INTERVAL 1 DAY) AS d")
print(df.dtypes); print(df.collect())

# probe: collections.flatten
print(spark.sql("SELECT flatten(array(array(1, 2), array(3), array())) AS a").collect())

# probe: collections.array_concat
df = spark.sql("SELECT concat(array(1, 2), array(3)) AS a, concat(array(1), CAST(NULL AS ARRAY<INT>)) AS b")
print(df.dtypes); print(df.collect())

# probe: collections.array_type_widening
df = spark.sql("SELECT array(1, 2.5) AS a, array(1, CAST(2 AS BIGINT)) AS b")
print(df.dtypes); print(df.collect())

# probe: collections.array_append_prepend
print(spark.sql("SELECT array_append(array(1, 2), 3) AS a, array_prepend(array(1, 2), 0) AS b, array_insert(array(1, 3), 2, 2) AS c").collect())

# probe: collections.array_compact
print(spark.sql("SELECT array_compact(array(1, NULL, 2, NULL)) AS a").collect())

# probe: collections.arrays_zip
df = spark.sql("SELECT arrays_zip(array(1, 2), array('a', 'b', 'c')) AS z")
print(df.dtypes); print(df.collect())

# probe: collections.transform_filter
print(spark.sql("SELECT transform(array(1, 2, 3), x -> x * 10) AS a, filter(array(1, 2, 3, 4), x -> x % 2 = 0) AS b, transform(array(5, 6), (x, i) -> x + i) AS c").collect())

# probe: collections.exists_forall
print(spark.sql("SELECT exists(array(1, 2), x -> x > 1) AS a, forall(array(1, 2), x -> x > 1) AS b, exists(array(1, NULL), x -> x > 1) AS c").collect())

# probe: collections.aggregate_reduce
print(spark.sql("SELECT aggregate(array(1, 2, 3), 0, (acc, x) -> acc + x) AS a, reduce(array(1, 2, 3), 10, (acc, x) -> acc + x, acc -> acc * 2) AS b").collect())

# probe: collections.zip_with
print(spark.sql("SELECT zip_with(array(1, 2, 3), array(10, 20), (x, y) -> x + y) AS a").collect())

# probe: collections.transform_df_api
df = spark.createDataFrame([([1, 2, 3],)], "a array<int>")
print(df.select(F.transform("a", lambda x: x * 2).alias("d"), F.filter("a", lambda x: x > 1).alias("f")).collect())

# probe: collections.array_cast_to_string
df = spark.sql("SELECT CAST(array(1, NULL, 3) AS STRING) AS a, CAST(array('x', 'y') AS STRING) AS b")
print(df.collect())

# probe: collections.map_cast_to_string
print(spark.sql("SELECT CAST(map('a', 1, 'b', NULL) AS STRING) AS m, CAST(named_struct('x', 1, 'y', 'z') AS STRING) AS s").collect())

# probe: collections.map_keys_values_entries
df = spark.sql("SELECT map_keys(map('a', 1, 'b', 2)) AS k, map_values(map('a', 1, 'b', 2)) AS v, map_entries(map('a', 1)) AS e")
print(df.dtypes); print(df.collect())

# probe: collections.map_from_arrays_entries
print(spark.sql("SELECT map_from_arrays(array('a', 'b'), array(1, 2)) AS a, map_from_entries(array(struct('x', 1), struct('y', 2))) AS b").collect())

# probe: collections.map_concat
print(spark.sql("SELECT map_concat(map('a', 1), map('b', 2)) AS m").collect())

# probe: collections.map_duplicate_key
spark.sql("SELECT map('a', 1, 'a', 2) AS m").collect()

# probe: collections.map_null_key
spark.sql("SELECT map(NULL, 1) AS m").collect()

# probe: collections.map_contains_key
print(spark.sql("SELECT map_contains_key(map(1, 'a'), 1) AS a, map_contains_key(map(1, 'a'), 2) AS b").collect())

# probe: collections.map_filter_transform
print(spark.sql("SELECT map_filter(map('a', 1, 'b', 5), (k, v) -> v > 2) AS f, transform_values(map('a', 1), (k, v) -> v + 100) AS t, transform_keys(map('a', 1), (k, v) -> upper(k)) AS u").collect())

# probe: collections.create_map_df
df = spark.createDataFrame([("k1", 1), ("k2", 2)], ["k", "v"])
print(df.select(F.create_map("k", "v").alias("m")).orderBy(F.col("v")).collect())

# probe: collections.map_df_roundtrip
df = spark.createDataFrame([(1, {"a": 1.5})], "id int, m map<string,double>")
print(df.dtypes); print(df.collect())

# probe: collections.struct_named_struct
df = spark.sql("SELECT named_struct('a', 1, 'b', 'x') AS s, struct(1, 'y') AS t")
print(df.dtypes); print(df.collect())

# probe: collections.struct_field_access
df = spark.sql("SELECT named_struct('a', 1, 'b', named_struct('c', 'deep')) AS s")
print(df.select("s.a", "s.b.c", F.col("s").getField("b").alias("b")).collect())

# probe: collections.struct_star_expand
df = spark.sql("SELECT named_struct('a', 1, 'b', 'x') AS s")
r = df.select("s.*"); print(r.dtypes); print(r.collect())

# probe: collections.struct_df_api
df = spark.createDataFrame([(1, "a"), (2, "b")], ["n", "s"])
print(df.select(F.struct("n", "s").alias("st")).orderBy("st.n").collect())

# probe: collections.struct_withfield_dropfields
df = spark.sql("SELECT named_struct('a', 1, 'b', 2) AS s")
print(df.select(df.s.withField("c", F.lit(3)).alias("w"), df.s.dropFields("a").alias("d")).collect())

# probe: collections.struct_compare_sort
df = spark.createDataFrame([((2, "a"),), ((1, "z"),), ((1, "b"),)], "s struct<x:int,y:string>")
print(df.orderBy("s").collect())

# probe: collections.row_nested_to_python
df = spark.createDataFrame([Row(id=1, info=Row(name="a", tags=["x", "y"]))])
print(df.dtypes); r = df.collect()[0]; print(r.info.name, r.info.tags, r.asDict(recursive=True))

# probe: collections.explode_array
df = spark.createDataFrame([(1, [10, 20]), (2, []), (3, None)], "id int, a array<int>")
print(df.select("id", F.explode("a").alias("v")).orderBy("id", "v").collect())

# probe: collections.explode_outer_array
df = spark.createDataFrame([(1, [10, 20]), (2, []), (3, None)], "id int, a array<int>")
print(df.select("id", F.explode_outer("a").alias("v")).orderBy("id", "v").collect())

# probe: collections.posexplode
df = spark.createDataFrame([(1, ["a", "b", "c"])], "id int, a array<string>")
r = df.select("id", F.posexplode("a")); print(r.columns); print(r.orderBy("pos").collect())

# probe: collections.posexplode_outer
df = spark.createDataFrame([(1, None), (2, ["x"])], "id int, a array<string>")
print(df.select("id", F.posexplode_outer("a")).orderBy("id").collect())

# probe: collections.explode_map
df = spark.createDataFrame([(1, {"a": 1, "b": 2})], "id int, m map<string,int>")
r = df.select("id", F.explode("m")); print(r.columns); print(r.orderBy("key").collect())

# probe: collections.explode_sql_lateral_view
spark.createDataFrame([(1, [1, 2]), (2, [3])], "id int, a array<int>").createOrReplaceTempView("lv_t")
print(spark.sql("SELECT id, v FROM lv_t LATERAL VIEW explode(a) t AS v ORDER BY id, v").collect())

# probe: collections.lateral_view_outer
spark.createDataFrame([(1, [1]), (2, [])], "id int, a array<int>").createOrReplaceTempView("lvo_t")
print(spark.sql("SELECT id, v FROM lvo_t LATERAL VIEW OUTER explode(a) t AS v ORDER BY id").collect())

# probe: collections.explode_in_select_sql
print(spark.sql("SELECT explode(array(3, 1, 2)) AS v ORDER BY v").collect())

# probe: collections.inline_structs
df = spark.sql("SELECT inline(array(struct(1, 'a'), struct(2, 'b')))")
print(df.columns); print(df.orderBy("col1").collect())

# probe: collections.stack
df = spark.sql("SELECT stack(2, 'a', 1, 'b', 2) AS (k, v)")
print(df.dtypes); print(df.orderBy("k").collect())

# probe: collections.explode_nested_arrays
df = spark.createDataFrame([([[1, 2], [3]],)], "a array<array<int>>")
print(df.select(F.explode("a").alias("inner")).select(F.explode("inner").alias("v")).orderBy("v").collect())

# probe: collections.array_df_from_python_lists
df = spark.createDataFrame([([1, None, 3], ["a"])], ["nums", "strs"])
print(df.dtypes); print(df.collect())

# probe: collections.array_literal_lit
df = spark.range(1).select(F.array(F.lit(1), F.lit(2)).alias("a"), F.lit([1, 2, 3]).alias("b"))
print(df.dtypes); print(df.collect())

# probe: collections.array_empty_type
df = spark.sql("SELECT array() AS a, map() AS m")
print(df.dtypes); print(df.collect())

# probe: collections.array_equality
print(spark.sql("SELECT array(1, 2) = array(1, 2) AS a, array(1, 2) < array(1, 3) AS b, array(1) = array(1, NULL) AS c").collect())

# probe: collections.array_null_elements_show
spark.createDataFrame([(1, [1, None]), (2, None)], "i int, a array<int>").orderBy("i").show()

# probe: collections.map_show
spark.createDataFrame([({"a": 1},)], "m map<string,int>").show()

# probe: collections.struct_show
spark.sql("SELECT named_struct('a', 1, 'b', CAST(NULL AS STRING)) AS s, array(named_struct('x', 1)) AS arr").show()

# probe: collections.size_df_null_array
df = spark.createDataFrame([(1, [1, 2, 3]), (2, []), (3, None)], "i int, a array<int>")
print(df.select("i", F.size("a").alias("n")).orderBy("i").collect())

# probe: collections.get_fn
print(spark.sql("SELECT get(array(1, 2), 0) AS a, get(array(1, 2), 5) AS b").collect())

# probe: collections.array_function_nulls
df = spark.sql("SELECT array(NULL, NULL) AS a, array(1, NULL) AS b")
print(df.dtypes); print(df.collect())

# probe: collections.computed_nan_ranked_and_matched
df = spark.createDataFrame([(1, -1.0), (2, 4.0), (3, 9.0)], "o int, x double").select("o", F.sqrt("x").alias("c"))
print(df.orderBy("o").select(F.greatest("c", F.lit(1.0)).alias("g"), F.least("c", F.lit(1.0)).alias("l"), F.array_max(F.array("c", F.lit(2.0))).alias("amax"), F.array_min(F.array("c", F.lit(2.0))).alias("amin")).collect())
print(df.orderBy("o").select(F.array_sort(F.array("c", F.lit(1.0), F.lit(float("nan")))).alias("s"), F.array_distinct(F.array("c", F.lit(float("nan")))).alias("d"), F.array_contains(F.array("c"), float("nan")).alias("ac"), F.col("c").isin(float("nan"), 1.0).alias("i")).collect())
print(df.agg(F.max("c"), F.min("c"), F.max_by("o", "c"), F.min_by("o", "c")).collect())
