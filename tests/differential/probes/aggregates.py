# probe: aggregates.groupby_agg_basic
df = spark.createDataFrame([("a", 1), ("a", 3), ("b", 5), ("b", None)], "k string, v int")
r = df.groupBy("k").agg(F.sum("v"), F.avg("v"), F.min("v"), F.max("v"), F.count("v"), F.count("*"))
print(r.columns); print(r.dtypes); print(r.orderBy("k").collect())

# probe: aggregates.groupby_count_column_name
df = spark.createDataFrame([("a",), ("a",), ("b",)], ["k"])
r = df.groupBy("k").count(); print(r.dtypes); print(r.orderBy("k").collect())

# probe: aggregates.agg_dict_form
df = spark.createDataFrame([("a", 1.5), ("a", 2.5)], ["k", "v"])
r = df.groupBy("k").agg({"v": "max"}); print(r.columns); print(r.collect())

# probe: aggregates.groupby_null_key
df = spark.createDataFrame([(None, 1), ("a", 2), (None, 3)], "k string, v int")
print(df.groupBy("k").sum("v").orderBy("k").collect())

# probe: aggregates.collect_list_drops_nulls
df = spark.createDataFrame([("a", 1), ("a", None), ("a", 2), ("b", None)], "k string, v int")
r = df.groupBy("k").agg(F.array_sort(F.collect_list("v")).alias("l"))
print(r.dtypes); print(r.orderBy("k").collect())

# probe: aggregates.collect_set_drops_nulls
df = spark.createDataFrame([("a", 1), ("a", None), ("a", 1), ("a", 2)], "k string, v int")
print(df.groupBy("k").agg(F.array_sort(F.collect_set("v")).alias("s")).collect())

# probe: aggregates.array_agg_drops_nulls_sql
spark.createDataFrame([(1, "x"), (1, None), (1, "y")], "g int, s string").createOrReplaceTempView("agg_arr")
print(spark.sql("SELECT g, array_sort(array_agg(s)) AS a FROM agg_arr GROUP BY g").collect())

# probe: aggregates.array_agg_df
df = spark.createDataFrame([(1,), (None,), (3,)], "v int")
print([sorted(r.a) for r in df.agg(F.array_agg("v").alias("a")).collect()])

# probe: aggregates.collect_list_empty_input
df = spark.createDataFrame([], "v int")
r = df.agg(F.collect_list("v").alias("l"), F.collect_set("v").alias("s"))
print(r.dtypes); print(r.collect())

# probe: aggregates.collect_list_all_null_group
df = spark.createDataFrame([("a", None), ("a", None)], "k string, v int")
print(df.groupBy("k").agg(F.collect_list("v").alias("l"), F.collect_set("v").alias("s")).collect())

# probe: aggregates.collect_list_empty_input_sql
print(spark.sql("SELECT collect_list(id) AS l, array_agg(id) AS a, count(id) AS c, sum(id) AS s FROM range(0)").collect())

# probe: aggregates.pivot_count_missing_null
df = spark.createDataFrame([("a", "x"), ("a", "y"), ("b", "x")], ["k", "p"])
r = df.groupBy("k").pivot("p").count(); print(r.dtypes); print(r.orderBy("k").collect())

# probe: aggregates.pivot_sum_values_list
df = spark.createDataFrame([("a", "x", 1), ("a", "y", 2), ("b", "x", 3), ("a", "x", 4)], ["k", "p", "v"])
r = df.groupBy("k").pivot("p", ["x", "y", "z"]).sum("v"); print(r.columns); print(r.orderBy("k").collect())

# probe: aggregates.pivot_multiple_aggs
df = spark.createDataFrame([("a", "x", 1), ("a", "y", 2), ("b", "x", 3)], ["k", "p", "v"])
r = df.groupBy("k").pivot("p").agg(F.sum("v").alias("s"), F.max("v").alias("m")); print(r.columns); print(r.orderBy("k").collect())

# probe: aggregates.pivot_sql
spark.createDataFrame([("a", "x", 1), ("b", "y", 2)], ["k", "p", "v"]).createOrReplaceTempView("agg_pv")
print(spark.sql("SELECT * FROM agg_pv PIVOT (sum(v) FOR p IN ('x', 'y')) ORDER BY k").collect())

# probe: aggregates.count_distinct
df = spark.createDataFrame([(1, "a"), (1, "a"), (2, None), (None, "b")], "x int, s string")
r = df.agg(F.countDistinct("x"), F.count_distinct("x", "s"), F.approx_count_distinct("x"))
print(r.columns); print(r.collect())

# probe: aggregates.count_distinct_sql
print(spark.sql("SELECT count(DISTINCT x) AS a, count(x) AS b, count(*) AS c, count(1) AS d FROM VALUES (1), (1), (NULL) t(x)").collect())

# probe: aggregates.count_if_and_bool
df = spark.createDataFrame([(1,), (5,), (None,), (7,)], "v int")
print(df.agg(F.count_if(F.col("v") > 2).alias("c"), F.bool_and(F.col("v") > 0).alias("a"), F.bool_or(F.col("v") > 6).alias("o")).collect())

# probe: aggregates.sum_int_type
df = spark.createDataFrame([(2147483647,), (1,)], "v int")
r = df.agg(F.sum("v").alias("s")); print(r.dtypes); print(r.collect())

# probe: aggregates.sum_long_overflow
df = spark.createDataFrame([(9223372036854775807,), (1,)], "v bigint")
df.agg(F.sum("v")).collect()

# probe: aggregates.try_sum_overflow
df = spark.createDataFrame([(9223372036854775807,), (1,)], "v bigint")
print(df.agg(F.try_sum("v").alias("s")).collect())

# probe: aggregates.sum_avg_decimal
df = spark.sql("SELECT CAST(x AS DECIMAL(10,2)) AS d FROM VALUES (1.10), (2.25), (3.00) t(x)")
r = df.agg(F.sum("d").alias("s"), F.avg("d").alias("a")); print(r.dtypes); print(r.collect())

# probe: aggregates.avg_int_returns_double
df = spark.createDataFrame([(1,), (2,)], "v int")
r = df.agg(F.avg("v").alias("a"), F.mean("v").alias("m")); print(r.dtypes); print(r.collect())

# probe: aggregates.sum_float_double
df = spark.createDataFrame([(0.1, 1.5), (0.2, 2.5)], "d double, f float")
r = df.agg(F.sum("d").alias("sd"), F.sum("f").alias("sf")); print(r.dtypes); print(r.collect())

# probe: aggregates.min_max_strings_dates
df = spark.sql("SELECT * FROM VALUES ('b', DATE'2024-03-01'), ('a', DATE'2023-12-31'), ('c', NULL) t(s, d)")
r = df.agg(F.min("s"), F.max("s"), F.min("d"), F.max("d")); print(r.dtypes); print(r.collect())

# probe: aggregates.min_max_with_nan
df = spark.createDataFrame([(1.0,), (float("nan"),), (-3.0,)], "v double")
print(df.agg(F.min("v").alias("mn"), F.max("v").alias("mx"), F.sum("v").alias("s")).collect())

# probe: aggregates.agg_all_null
df = spark.createDataFrame([(None,), (None,)], "v int")
print(df.agg(F.sum("v"), F.avg("v"), F.max("v"), F.count("v")).collect())

# probe: aggregates.agg_empty_dataframe
df = spark.createDataFrame([], "v double")
print(df.agg(F.sum("v"), F.avg("v"), F.count("v"), F.stddev("v")).collect())

# probe: aggregates.groupby_empty_dataframe
df = spark.createDataFrame([], "k string, v int")
print(df.groupBy("k").count().collect())

# probe: aggregates.first_last_ignorenulls
df = spark.createDataFrame([("a", None), ("a", 5), ("a", None)], "k string, v int")
print(df.groupBy("k").agg(F.first("v", ignorenulls=True).alias("f"), F.last("v", ignorenulls=True).alias("l")).collect())

# probe: aggregates.first_single_row_groups
df = spark.createDataFrame([("a", 1), ("b", None)], "k string, v int")
print(df.groupBy("k").agg(F.first("v"), F.last("v")).orderBy("k").collect())

# probe: aggregates.any_value_sql
print(spark.sql("SELECT any_value(x) AS a FROM VALUES (7) t(x)").collect())

# probe: aggregates.stddev_variance
df = spark.createDataFrame([(1.0,), (2.0,), (3.0,), (4.0,)], "v double")
r = df.agg(F.stddev("v"), F.stddev_pop("v"), F.variance("v"), F.var_pop("v"))
print(r.columns); print(r.collect())

# probe: aggregates.stddev_single_row
df = spark.createDataFrame([(5.0,)], "v double")
print(df.agg(F.stddev("v").alias("s"), F.var_samp("v").alias("v"), F.stddev_pop("v").alias("p")).collect())

# probe: aggregates.stddev_int_column
df = spark.createDataFrame([(1,), (3,)], "v int")
r = df.agg(F.stddev("v").alias("s")); print(r.dtypes); print(r.collect())

# probe: aggregates.skew_kurt_corr
df = spark.createDataFrame([(1.0, 2.0), (2.0, 4.0), (3.0, 7.0)], ["x", "y"])
print(df.agg(F.round(F.corr("x", "y"), 6).alias("c"), F.covar_samp("x", "y").alias("cs"), F.covar_pop("x", "y").alias("cp")).collect())

# probe: aggregates.median_percentile
df = spark.createDataFrame([(1,), (2,), (3,), (10,)], "v int")
r = df.agg(F.median("v").alias("m"), F.percentile("v", 0.25).alias("p"), F.percentile_approx("v", 0.5).alias("pa"))
print(r.dtypes); print(r.collect())

# probe: aggregates.max_by_min_by
df = spark.createDataFrame([("x", 3), ("y", 9), ("z", 1)], ["s", "v"])
print(df.agg(F.max_by("s", "v").alias("mx"), F.min_by("s", "v").alias("mn")).collect())

# probe: aggregates.having_sql
spark.createDataFrame([("a", 1), ("a", 2), ("b", 1)], ["k", "v"]).createOrReplaceTempView("agg_h")
print(spark.sql("SELECT k, sum(v) AS s FROM agg_h GROUP BY k HAVING sum(v) > 1 ORDER BY k").collect())

# probe: aggregates.rollup_grouping
df = spark.createDataFrame([("a", "x", 1), ("a", "y", 2), ("b", "x", 3)], ["k", "p", "v"])
r = df.rollup("k", "p").agg(F.sum("v").alias("s"), F.grouping_id().alias("gid"))
print(r.orderBy("gid", "k", "p").collect())

# probe: aggregates.cube_count
df = spark.createDataFrame([("a", "x"), ("b", "x")], ["k", "p"])
print(df.cube("k", "p").count().orderBy(F.col("k").asc_nulls_first(), F.col("p").asc_nulls_first()).collect())

# probe: aggregates.grouping_sets_sql
spark.createDataFrame([("a", "x", 1), ("b", "y", 2)], ["k", "p", "v"]).createOrReplaceTempView("agg_gs")
print(spark.sql("SELECT k, p, sum(v) AS s FROM agg_gs GROUP BY GROUPING SETS ((k), (p), ()) ORDER BY k NULLS FIRST, p NULLS FIRST").collect())

# probe: aggregates.group_by_ordinal_sql
print(spark.sql("SELECT x % 2 AS m, count(*) AS c FROM VALUES (1), (2), (3) t(x) GROUP BY 1 ORDER BY 1").collect())

# probe: aggregates.group_by_expression_df
df = spark.range(10)
print(df.groupBy((F.col("id") % 3).alias("m")).agg(F.sum("id").alias("s")).orderBy("m").collect())

# probe: aggregates.groupby_nan_and_negative_zero
df = spark.createDataFrame([(float("nan"),), (float("nan"),), (0.0,), (-0.0,)], "v double")
print(df.groupBy("v").count().orderBy("v").collect())

# probe: aggregates.na_fill_nan
df = spark.createDataFrame([(1, 1.0), (2, float("nan")), (3, None)], "i int, v double")
print(df.na.fill(0.0).orderBy("i").collect())

# probe: aggregates.fillna_nan_subset
df = spark.createDataFrame([(float("nan"), float("nan"), "x"), (None, 2.0, None)], "a double, b double, s string")
print(df.fillna(9.0, subset=["a"]).orderBy("b").collect())

# probe: aggregates.fillna_dict
df = spark.createDataFrame([(None, None, float("nan"))], "n int, s string, d double")
print(df.fillna({"n": 0, "s": "missing", "d": -1.0}).collect())

# probe: aggregates.fillna_type_mismatch_ignored
df = spark.createDataFrame([(None, None)], "n int, s string")
print(df.fillna("z").collect()); print(df.fillna(5).collect())

# probe: aggregates.fillna_int_into_double
df = spark.createDataFrame([(None, None)], "n int, d double")
r = df.na.fill(3); print(r.dtypes); print(r.collect())

# probe: aggregates.na_drop_how
df = spark.createDataFrame([(1, None), (None, None), (3, 4)], "a int, b int")
print(df.na.drop().orderBy("a").collect()); print(df.na.drop(how="all").orderBy("a").collect())

# probe: aggregates.na_drop_thresh_subset
df = spark.createDataFrame([(1, None, None), (None, 2, 3), (None, None, None)], "a int, b int, c int")
print(df.na.drop(thresh=2).collect()); print(df.dropna(subset=["a"]).collect())

# probe: aggregates.na_drop_nan
df = spark.createDataFrame([(1.0,), (float("nan"),), (None,)], "v double")
print(df.na.drop().collect())

# probe: aggregates.na_replace
df = spark.createDataFrame([("a", 1), ("b", 2)], ["s", "n"])
print(df.na.replace("a", "z").orderBy("n").collect()); print(df.replace(1, 10).orderBy("n").collect())

# probe: aggregates.na_replace_nan
df = spark.createDataFrame([(float("nan"),), (1.0,)], "v double")
print(df.na.replace(float("nan"), 0.0).orderBy("v").collect())

# probe: aggregates.na_replace_dict_subset
df = spark.createDataFrame([("a", "a"), ("b", "c")], ["x", "y"])
print(df.replace({"a": "A", "c": "C"}, subset=["y"]).orderBy("x").collect())

# probe: aggregates.describe_numeric_string
df = spark.createDataFrame([(1, "x"), (2, "y"), (4, None)], "n int, s string")
df.describe().show()

# probe: aggregates.summary_default
df = spark.createDataFrame([(1.0,), (2.0,), (3.0,), (10.0,)], "v double")
df.summary().show()

# probe: aggregates.summary_selected_stats
df = spark.createDataFrame([(1,), (5,), (9,)], "v int")
r = df.summary("count", "min", "max"); print(r.dtypes); print(r.collect())

# probe: aggregates.distinct_rows
df = spark.createDataFrame([(1, "a"), (1, "a"), (2, None), (2, None)], "n int, s string")
print(df.distinct().orderBy("n").collect()); print(df.distinct().count())

# probe: aggregates.drop_duplicates_subset
df = spark.createDataFrame([(1, "a", 10), (1, "a", 10), (2, "b", 20)], ["n", "s", "v"])
print(df.dropDuplicates(["n", "s"]).orderBy("n").collect())

# probe: aggregates.drop_duplicates_subset_count
df = spark.createDataFrame([(1, "x"), (1, "y"), (2, "z")], ["n", "s"])
r = df.dropDuplicates(["n"]); print(r.count()); print(sorted(x.n for x in r.collect()))

# probe: aggregates.distinct_nan_values
df = spark.createDataFrame([(float("nan"),), (float("nan"),), (1.0,)], "v double")
print(df.distinct().count())

# probe: aggregates.range_num_partitions
df = spark.range(0, 10, 1, 4)
print(df.rdd.getNumPartitions())

# probe: aggregates.range_partition_ids
df = spark.range(0, 8, 1, 4)
print(df.groupBy(F.spark_partition_id().alias("p")).count().orderBy("p").collect())

# probe: aggregates.range_num_partitions_keyword
df = spark.range(10, numPartitions=3)
print(df.rdd.getNumPartitions(), df.count())

# probe: aggregates.range_step_negative
print(spark.range(10, 0, -3).collect())

# probe: aggregates.agg_without_groupby_df
df = spark.range(1, 5)
r = df.agg(F.sum("id").alias("s"), F.product("id").alias("p")); print(r.dtypes); print(r.collect())

# probe: aggregates.sum_distinct
df = spark.createDataFrame([(1,), (1,), (2,)], "v int")
print(df.agg(F.sum_distinct("v").alias("sd"), F.sum("v").alias("s")).collect())

# probe: aggregates.mode_no_ties
df = spark.createDataFrame([(1,), (2,), (2,), (3,)], "v int")
print(df.agg(F.mode("v").alias("m")).collect())

# probe: aggregates.agg_filter_clause_sql
print(spark.sql("SELECT count(*) FILTER (WHERE x > 1) AS c, sum(x) FILTER (WHERE x < 3) AS s FROM VALUES (1), (2), (3) t(x)").collect())

# probe: aggregates.agg_non_grouped_column_error
df = spark.createDataFrame([("a", 1)], ["k", "v"])
df.groupBy("k").agg(F.col("v")).collect()

# probe: aggregates.groupby_multiple_keys
df = spark.createDataFrame([("a", 1, 10), ("a", 1, 20), ("a", 2, 5)], ["k", "n", "v"])
print(df.groupBy("k", "n").agg(F.max("v").alias("m")).orderBy("k", "n").collect())

# probe: aggregates.count_star_vs_col_sql
spark.createDataFrame([(1, None), (2, "x")], "a int, b string").createOrReplaceTempView("agg_cs")
print(spark.sql("SELECT count(*), count(b), count(DISTINCT b), count(a) FROM agg_cs").collect())

# probe: aggregates.avg_decimal_precision
r = spark.sql("SELECT avg(CAST(x AS DECIMAL(38,10))) AS a FROM VALUES (1), (2) t(x)"); print(r.dtypes); print(r.collect())

# probe: aggregates.percentile_approx_array
df = spark.range(1, 101)
print(df.agg(F.percentile_approx("id", [0.25, 0.5, 0.75]).alias("q")).collect())

# probe: aggregates.collect_list_structs_sorted
df = spark.createDataFrame([("a", 2), ("a", 1)], ["k", "v"])
print(df.groupBy("k").agg(F.sort_array(F.collect_list(F.struct("v", "k"))).alias("l")).collect())

# probe: aggregates.fillna_nan_float_column
df = spark.createDataFrame([(1, float("nan")), (2, 2.5)], "i int, f float")
print(df.fillna(0).orderBy("i").collect())

# probe: aggregates.pivot_count_sql_null_cells
spark.createDataFrame([("a", "x"), ("b", "y")], ["k", "p"]).createOrReplaceTempView("agg_pvc")
print(spark.sql("SELECT * FROM agg_pvc PIVOT (count(*) FOR p IN ('x', 'y')) ORDER BY k").collect())

# probe: aggregates.groupby_computed_nan_and_negative_zero
df = spark.createDataFrame([(float("nan"), 1), (-1.0, 2), (0.0, 3), (-0.0, 4)], "k double, v int")
keyed = df.select(F.when(F.col("k") == -1.0, F.sqrt("k")).otherwise(F.col("k")).alias("k"), "v")
print(keyed.groupBy("k").agg(F.sum("v").alias("s")).orderBy("s").collect())
print(keyed.distinct().count(), keyed.select("k").distinct().count(), keyed.dropDuplicates(["k"]).count())
print(keyed.select(F.countDistinct("k"), F.count_distinct("k", "v")).collect())
