# probe: nulls.and_truth_table
spark.sql("SELECT a, b, a AND b AS r FROM VALUES (true, CAST(NULL AS BOOLEAN)), (false, CAST(NULL AS BOOLEAN)), (CAST(NULL AS BOOLEAN), CAST(NULL AS BOOLEAN)) AS t(a, b)").show()

# probe: nulls.or_truth_table
spark.sql("SELECT a, b, a OR b AS r FROM VALUES (true, CAST(NULL AS BOOLEAN)), (false, CAST(NULL AS BOOLEAN)), (CAST(NULL AS BOOLEAN), CAST(NULL AS BOOLEAN)) AS t(a, b)").show()

# probe: nulls.not_null
print(spark.sql("SELECT NOT CAST(NULL AS BOOLEAN) AS r").collect())

# probe: nulls.dataframe_and_or_with_null
df = spark.createDataFrame([(True,), (False,), (None,)], "a boolean")
r = df.select("a", (F.col("a") & F.lit(None).cast("boolean")).alias("and_n"), (F.col("a") | F.lit(None).cast("boolean")).alias("or_n"), (~F.col("a")).alias("neg"))
print(r.collect())

# probe: nulls.comparisons_with_null
print(spark.sql("SELECT 1 = NULL AS eq, 1 <> NULL AS ne, NULL = NULL AS nn, 1 < NULL AS lt, NULL >= NULL AS ge").collect())

# probe: nulls.null_safe_equal_sql
print(spark.sql("SELECT 1 <=> NULL AS a, NULL <=> NULL AS b, 1 <=> 1 AS c, 1 <=> 2 AS d").collect())

# probe: nulls.eq_null_safe_dataframe
df = spark.createDataFrame([(1, 1), (1, None), (None, None)], "a int, b int")
print(df.select((F.col("a") == F.col("b")).alias("eq"), F.col("a").eqNullSafe(F.col("b")).alias("nseq")).collect())

# probe: nulls.filter_drops_null_predicate
df = spark.createDataFrame([(1,), (None,), (3,)], "v int")
print(df.filter(F.col("v") > 1).collect())
print(df.filter(~(F.col("v") > 1)).collect())

# probe: nulls.in_list_with_null
print(spark.sql("SELECT 1 IN (1, NULL) AS a, 2 IN (1, NULL) AS b, NULL IN (1, 2) AS c, 2 NOT IN (1, NULL) AS d").collect())

# probe: nulls.isin_with_null_dataframe
df = spark.createDataFrame([(1,), (2,), (None,)], "v int")
print(df.select("v", F.col("v").isin(1, None).alias("r")).collect())

# probe: nulls.not_in_subquery_null_empties
spark.sql("SELECT v FROM VALUES (1), (2) AS t(v) WHERE v NOT IN (SELECT * FROM VALUES (3), (CAST(NULL AS INT)))").show()

# probe: nulls.coalesce_basic
df = spark.createDataFrame([(None, None, 3), (None, 2, 3), (1, None, None), (None, None, None)], "a int, b int, c int")
print(df.select(F.coalesce("a", "b", "c").alias("r")).collect())

# probe: nulls.coalesce_type_widening
r = spark.sql("SELECT coalesce(NULL, 1, 2.5D) AS a, coalesce(CAST(NULL AS STRING), 'x') AS b, coalesce(NULL, NULL) AS c")
print(r.dtypes, r.collect())

# probe: nulls.nvl_ifnull_nvl2
print(spark.sql("SELECT nvl(NULL, 5) AS a, ifnull(NULL, 'x') AS b, nvl(3, 5) AS c, nvl2(NULL, 'y', 'n') AS d, nvl2(1, 'y', 'n') AS e").collect())

# probe: nulls.nullif
r = spark.sql("SELECT nullif(1, 1) AS a, nullif(1, 2) AS b, nullif(NULL, 1) AS c, nullif('a', 'a') AS d")
print(r.dtypes, r.collect())

# probe: nulls.nullif_dataframe_function
df = spark.createDataFrame([(1, 1), (2, 3)], "a int, b int")
print(df.select(F.nullif("a", "b").alias("r")).collect())

# probe: nulls.ifnull_nvl_dataframe_functions
df = spark.createDataFrame([(None, 7), (4, 7)], "a int, b int")
print(df.select(F.ifnull("a", "b").alias("i"), F.nvl("a", "b").alias("n"), F.nvl2("a", F.lit("has"), F.lit("none")).alias("n2")).collect())

# probe: nulls.isnan_vs_isnull
df = spark.createDataFrame([(1.0,), (float("nan"),), (None,)], "v double")
print(df.select("v", F.isnan("v").alias("nan"), F.isnull("v").alias("null"), F.col("v").isNull().alias("cnull"), F.col("v").isNotNull().alias("cnotnull")).collect())

# probe: nulls.nanvl
df = spark.createDataFrame([(1.0, 9.0), (float("nan"), 9.0), (None, 9.0)], "a double, b double")
print(df.select(F.nanvl("a", "b").alias("r")).collect())

# probe: nulls.nan_equality_and_ordering
print(spark.sql("SELECT double('NaN') = double('NaN') AS eq, double('NaN') > 1e308 AS gt, cast('NaN' as double) IS NULL AS isnul").collect())

# probe: nulls.count_star_vs_count_column
df = spark.createDataFrame([(1,), (None,), (3,), (None,)], "v int")
print(df.select(F.count("*").alias("star"), F.count("v").alias("col"), F.count(F.lit(1)).alias("one")).collect())

# probe: nulls.sum_avg_min_max_ignore_null
df = spark.createDataFrame([(1,), (None,), (5,)], "v int")
r = df.agg(F.sum("v"), F.avg("v"), F.min("v"), F.max("v"))
print(r.dtypes)
print(r.collect())

# probe: nulls.aggregates_all_null
df = spark.createDataFrame([(None,), (None,)], "v int")
print(df.agg(F.sum("v"), F.avg("v"), F.min("v"), F.max("v"), F.count("v")).collect())

# probe: nulls.aggregates_empty_input
df = spark.createDataFrame([], "v int")
print(df.agg(F.sum("v"), F.avg("v"), F.max("v"), F.count("v"), F.count("*")).collect())

# probe: nulls.count_distinct_ignores_null
df = spark.createDataFrame([(1,), (None,), (1,), (2,)], "v int")
print(df.agg(F.countDistinct("v").alias("cd")).collect())
print(df.distinct().count())

# probe: nulls.groupby_null_key
df = spark.createDataFrame([("a", 1), (None, 2), (None, 3), ("a", 4)], "k string, v int")
print(df.groupBy("k").agg(F.sum("v").alias("s")).orderBy("k").collect())

# probe: nulls.distinct_treats_nulls_equal
df = spark.createDataFrame([(None, 1), (None, 1), (None, None), (None, None)], "a int, b int")
print(df.distinct().orderBy("a", "b").collect())

# probe: nulls.sort_asc_default_nulls_first
df = spark.createDataFrame([(3,), (None,), (1,)], "v int")
print(df.orderBy("v").collect())
print(df.orderBy(F.col("v").asc()).collect())

# probe: nulls.sort_desc_default_nulls_last
df = spark.createDataFrame([(3,), (None,), (1,)], "v int")
print(df.orderBy(F.col("v").desc()).collect())
print(df.orderBy("v", ascending=False).collect())

# probe: nulls.sort_asc_nulls_last
df = spark.createDataFrame([(3,), (None,), (1,)], "v int")
print(df.orderBy(F.col("v").asc_nulls_last()).collect())

# probe: nulls.sort_desc_nulls_first
df = spark.createDataFrame([(3,), (None,), (1,)], "v int")
print(df.orderBy(F.col("v").desc_nulls_first()).collect())

# probe: nulls.sort_functions_nulls_variants
df = spark.createDataFrame([("b",), (None,), ("a",)], "v string")
print([r.v for r in df.orderBy(F.asc_nulls_first("v")).collect()])
print([r.v for r in df.orderBy(F.asc_nulls_last("v")).collect()])
print([r.v for r in df.orderBy(F.desc_nulls_first("v")).collect()])
print([r.v for r in df.orderBy(F.desc_nulls_last("v")).collect()])

# probe: nulls.sql_order_by_nulls_first_last
print(spark.sql("SELECT v FROM VALUES (2), (NULL), (1) AS t(v) ORDER BY v DESC NULLS FIRST").collect())
print(spark.sql("SELECT v FROM VALUES (2), (NULL), (1) AS t(v) ORDER BY v ASC NULLS LAST").collect())

# probe: nulls.sort_nan_and_null_doubles
df = spark.createDataFrame([(1.0,), (float("nan"),), (None,), (-1.0,), (float("inf"),)], "v double")
print([r.v for r in df.orderBy("v").collect()])
print([r.v for r in df.orderBy(F.col("v").desc()).collect()])

# probe: nulls.arithmetic_with_null
print(spark.sql("SELECT 1 + NULL AS a, NULL * 2 AS b, 'x' || NULL AS c, concat('a', NULL) AS d, -CAST(NULL AS INT) AS e").collect())

# probe: nulls.concat_ws_skips_null
print(spark.sql("SELECT concat_ws('-', 'a', NULL, 'b') AS r").collect())

# probe: nulls.case_when_null_condition
df = spark.createDataFrame([(1,), (None,)], "v int")
print(df.select(F.when(F.col("v") > 0, "pos").otherwise("other").alias("r")).collect())
print(df.select(F.when(F.col("v") > 0, "pos").alias("r")).collect())

# probe: nulls.na_drop_modes
df = spark.createDataFrame([(1, None), (None, None), (3, 4)], "a int, b int")
print(df.na.drop().collect())
print(df.na.drop(how="all").orderBy("a").collect())
print(df.na.drop(subset=["a"]).orderBy("a").collect())

# probe: nulls.na_drop_thresh
df = spark.createDataFrame([(1, None, None), (1, 2, None), (1, 2, 3)], "a int, b int, c int")
print(df.na.drop(thresh=2).orderBy("b", "c").collect())

# probe: nulls.fillna_by_type
df = spark.createDataFrame([(None, None, None)], "a int, b string, c double")
print(df.fillna(0).collect())
print(df.fillna("z").collect())
print(df.fillna({"a": 7, "b": "q"}).collect())

# probe: nulls.fillna_nan_double
df = spark.createDataFrame([(float("nan"),), (None,), (2.0,)], "v double")
print(df.na.fill(0.0).collect())

# probe: nulls.na_replace_to_null
df = spark.createDataFrame([("a",), ("b",)], "v string")
print(df.na.replace("a", None).collect())

# probe: nulls.null_literal_type
r = spark.sql("SELECT NULL AS n")
print(r.dtypes, r.collect())
r2 = spark.range(1).select(F.lit(None).alias("n"))
print(r2.dtypes, r2.collect())

# probe: nulls.isnull_isnotnull_sql
print(spark.sql("SELECT isnull(NULL) AS a, isnotnull(NULL) AS b, NULL IS NULL AS c, 1 IS NOT NULL AS d").collect())

# probe: nulls.is_distinct_from
print(spark.sql("SELECT NULL IS DISTINCT FROM NULL AS a, 1 IS DISTINCT FROM NULL AS b, 1 IS NOT DISTINCT FROM 1 AS c").collect())

# probe: nulls.greatest_least_skip_null
print(spark.sql("SELECT greatest(1, NULL, 3) AS g, least(NULL, 2, 5) AS l, greatest(NULL, NULL) AS gn").collect())

# probe: nulls.string_functions_null_input
print(spark.sql("SELECT upper(NULL) AS u, length(NULL) AS l, substring(NULL, 1, 2) AS s, trim(NULL) AS t").collect())

# probe: nulls.cast_null_types
r = spark.sql("SELECT CAST(NULL AS INT) AS i, CAST(NULL AS DATE) AS d, CAST(NULL AS ARRAY<INT>) AS a")
print(r.dtypes, r.collect())

# probe: nulls.window_with_null_partition
df = spark.createDataFrame([(None, 1), (None, 2), ("a", 3)], "k string, v int")
w = Window.partitionBy("k")
print(df.select("k", "v", F.sum("v").over(w).alias("s")).orderBy("k", "v").collect())

# probe: nulls.first_last_ignore_nulls
df = spark.createDataFrame([(1, None), (2, 5), (3, None)], "o int, v int").coalesce(1).orderBy("o")
print(df.agg(F.first("v", ignorenulls=True).alias("f"), F.last("v", ignorenulls=True).alias("l")).collect())

# probe: nulls.between_with_null
print(spark.sql("SELECT NULL BETWEEN 1 AND 3 AS a, 2 BETWEEN NULL AND 3 AS b, 5 BETWEEN NULL AND 3 AS c").collect())

# probe: nulls.like_with_null
print(spark.sql("SELECT NULL LIKE 'a%' AS a, 'abc' LIKE NULL AS b").collect())

# probe: nulls.div_by_zero_try_divide
print(spark.sql("SELECT try_divide(1, 0) AS a, 1 / NULL AS b").collect())

# probe: nulls.array_with_nulls_functions
print(spark.sql("SELECT size(array(1, NULL)) AS s, array_max(array(1, NULL, 3)) AS mx, array_min(array(NULL, 2)) AS mn").collect())

# probe: nulls.size_of_null_array
print(spark.sql("SELECT size(CAST(NULL AS ARRAY<INT>)) AS s").collect())

# probe: nulls.null_in_struct_and_map
r = spark.sql("SELECT named_struct('a', NULL, 'b', 1) AS s, map('k', NULL) AS m")
print(r.dtypes, r.collect())

# probe: nulls.show_renders_null
spark.createDataFrame([(None, "x"), (1, None)], "a int, b string").show()

# probe: nulls.dropDuplicates_null
df = spark.createDataFrame([(None, 1), (None, 2), (1, 3)], "k int, v int")
print(df.dropDuplicates(["k"]).count())
