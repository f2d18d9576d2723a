# probe: windows.rows_between_df_sum
df = spark.range(6).withColumn("g", F.col("id") % 2)
w = Window.partitionBy("g").orderBy("id").rowsBetween(-1, 0)
print(df.select("id", "g", F.sum("id").over(w).alias("s")).orderBy("id").collect())

# probe: windows.rows_between_df_centered
df = spark.range(5)
w = Window.orderBy("id").rowsBetween(-1, 1)
print(df.select("id", F.sum("id").over(w).alias("s"), F.count("id").over(w).alias("c")).orderBy("id").collect())

# probe: windows.rows_between_unbounded_following
df = spark.range(5)
w = Window.orderBy("id").rowsBetween(Window.currentRow, Window.unboundedFollowing)
print(df.select("id", F.sum("id").over(w).alias("s")).orderBy("id").collect())

# probe: windows.rows_between_whole_partition
df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 5)], ["k", "v"])
w = Window.partitionBy("k").orderBy("v").rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
print(df.select("k", "v", F.max("v").over(w).alias("m"), F.first("v").over(w).alias("f")).orderBy("k", "v").collect())

# probe: windows.range_between_df
df = spark.createDataFrame([(1,), (2,), (4,), (7,), (8,)], ["x"])
w = Window.orderBy("x").rangeBetween(-2, 0)
print(df.select("x", F.sum("x").over(w).alias("s")).orderBy("x").collect())

# probe: windows.range_between_df_following
df = spark.createDataFrame([(1,), (2,), (4,), (7,), (8,)], ["x"])
w = Window.orderBy("x").rangeBetween(0, 3)
print(df.select("x", F.count("x").over(w).alias("c")).orderBy("x").collect())

# probe: windows.default_frame_ordered_ties
df = spark.createDataFrame([(1, 10), (2, 20), (2, 30), (3, 40)], ["k", "v"])
w = Window.orderBy("k")
print([r.s for r in df.select("k", "v", F.sum("v").over(w).alias("s")).orderBy("k", "v").collect()])

# probe: windows.default_frame_unordered_whole_partition
df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 5)], ["k", "v"])
w = Window.partitionBy("k")
print(df.select("k", "v", F.sum("v").over(w).alias("s"), F.count("*").over(w).alias("n")).orderBy("k", "v").collect())

# probe: windows.default_frame_last_value_ties
df = spark.createDataFrame([(1, "a"), (1, "b"), (2, "c")], ["k", "s"])
w = Window.orderBy("k")
print(df.select("k", F.max("s").over(w).alias("m")).orderBy("k", "m").collect())

# probe: windows.rows_frame_with_ties_explicit
df = spark.createDataFrame([(1, 10), (2, 20), (2, 30), (3, 40)], ["k", "v"])
w = Window.orderBy("k", "v").rowsBetween(Window.unboundedPreceding, Window.currentRow)
print(df.select("k", "v", F.sum("v").over(w).alias("s")).orderBy("k", "v").collect())

# probe: windows.row_number_partitioned
df = spark.createDataFrame([("a", 3), ("a", 1), ("b", 2), ("a", 2)], ["g", "v"])
w = Window.partitionBy("g").orderBy("v")
print(df.select("g", "v", F.row_number().over(w).alias("rn")).orderBy("g", "v").collect())

# probe: windows.rank_dense_rank_ties
df = spark.createDataFrame([(10,), (20,), (20,), (30,), (30,), (40,)], ["v"])
w = Window.orderBy("v")
r = df.select("v", F.rank().over(w).alias("r"), F.dense_rank().over(w).alias("d"))
print(r.dtypes); print(r.orderBy("v").collect())

# probe: windows.rank_desc_nulls
df = spark.createDataFrame([(1,), (None,), (3,), (3,)], "v int")
w = Window.orderBy(F.col("v").desc())
print(df.select("v", F.rank().over(w).alias("r")).orderBy("r").collect())

# probe: windows.percent_rank_cume_dist
df = spark.createDataFrame([(1,), (2,), (2,), (4,)], ["v"])
w = Window.orderBy("v")
r = df.select("v", F.percent_rank().over(w).alias("pr"), F.cume_dist().over(w).alias("cd"))
print(r.dtypes); print(r.orderBy("v").collect())

# probe: windows.ntile_uneven
df = spark.range(7)
w = Window.orderBy("id")
print([r.t for r in df.select(F.ntile(3).over(w).alias("t"), "id").orderBy("id").collect()])

# probe: windows.ntile_more_buckets_than_rows
df = spark.range(3)
print([r.t for r in df.select("id", F.ntile(5).over(Window.orderBy("id")).alias("t")).orderBy("id").collect()])

# probe: windows.lag_lead_defaults
df = spark.range(4)
w = Window.orderBy("id")
print(df.select("id", F.lag("id").over(w).alias("lg"), F.lead("id", 2).over(w).alias("ld"), F.lag("id", 1, -1).over(w).alias("lgd")).orderBy("id").collect())

# probe: windows.lag_partitioned
df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 3), ("b", 4)], ["g", "v"])
w = Window.partitionBy("g").orderBy("v")
print(df.select("g", "v", (F.col("v") - F.lag("v").over(w)).alias("d")).orderBy("g", "v").collect())

# probe: windows.lead_ignore_nulls_sql
spark.createDataFrame([(1, 10), (2, None), (3, 30)], "id int, v int").createOrReplaceTempView("win_ln")
print(spark.sql("SELECT id, lead(v, 1) IGNORE NULLS OVER (ORDER BY id) AS n FROM win_ln ORDER BY id").collect())

# probe: windows.first_last_ignore_nulls
df = spark.createDataFrame([(1, None), (2, "b"), (3, None), (4, "d")], "id int, s string")
w = Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.currentRow)
print(df.select("id", F.last("s", ignorenulls=True).over(w).alias("ff")).orderBy("id").collect())

# probe: windows.nth_value
df = spark.range(5)
w = Window.orderBy("id").rowsBetween(Window.unboundedPreceding, Window.unboundedFollowing)
print(df.select("id", F.nth_value("id", 2).over(w).alias("n")).orderBy("id").collect())

# probe: windows.avg_over_partition_types
df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 4)], "g string, v int")
r = df.select("g", F.avg("v").over(Window.partitionBy("g")).alias("a"), F.sum("v").over(Window.partitionBy("g")).alias("s"))
print(r.dtypes); print(r.orderBy("g", "a").collect())

# probe: windows.running_count_distinct_like
df = spark.createDataFrame([(1, "x"), (2, "y"), (3, "x")], ["id", "s"])
w = Window.orderBy("id").rowsBetween(Window.unboundedPreceding, 0)
print(df.select("id", F.size(F.collect_set("s").over(w)).alias("n")).orderBy("id").collect())

# probe: windows.collect_list_over_window
df = spark.createDataFrame([("a", 1), ("a", 2), ("a", 3)], ["g", "v"])
w = Window.partitionBy("g").orderBy("v").rowsBetween(-1, 1)
print(df.select("v", F.collect_list("v").over(w).alias("l")).orderBy("v").collect())

# probe: windows.sql_over_rows_between
spark.range(6).createOrReplaceTempView("win_r")
print(spark.sql("SELECT id, sum(id) OVER (PARTITION BY id % 2 ORDER BY id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM win_r ORDER BY id").collect())

# probe: windows.sql_over_range_between
spark.createDataFrame([(1,), (2,), (4,), (7,)], ["x"]).createOrReplaceTempView("win_rg")
print(spark.sql("SELECT x, sum(x) OVER (ORDER BY x RANGE BETWEEN 2 PRECEDING AND CURRENT ROW) AS s FROM win_rg ORDER BY x").collect())

# probe: windows.sql_default_frame_ties
spark.createDataFrame([(1, 10), (2, 20), (2, 30), (3, 40)], ["k", "v"]).createOrReplaceTempView("win_t")
print(spark.sql("SELECT k, v, sum(v) OVER (ORDER BY k) AS s FROM win_t ORDER BY k, v").collect())

# probe: windows.sql_named_window
spark.range(4).createOrReplaceTempView("win_nw")
print(spark.sql("SELECT id, row_number() OVER w AS rn, sum(id) OVER w AS s FROM win_nw WINDOW w AS (ORDER BY id DESC) ORDER BY id").collect())

# probe: windows.sql_rank_functions
spark.createDataFrame([("a", 5), ("a", 5), ("a", 3), ("b", 1)], ["g", "v"]).createOrReplaceTempView("win_rk")
print(spark.sql("SELECT g, v, rank() OVER (PARTITION BY g ORDER BY v DESC) AS r, dense_rank() OVER (PARTITION BY g ORDER BY v DESC) AS d FROM win_rk ORDER BY g, v DESC").collect())

# probe: windows.sql_range_interval_dates
spark.createDataFrame([("2024-01-01", 1), ("2024-01-02", 2), ("2024-01-05", 3)], ["d", "v"]).selectExpr("CAST(d AS DATE) AS d", "v").createOrReplaceTempView("win_dt")
print(spark.sql("SELECT d, sum(v) OVER (ORDER BY d RANGE BETWEEN INTERVAL 1 DAY PRECEDING AND CURRENT ROW) AS s FROM win_dt ORDER BY d").collect())

# probe: windows.sql_qualify_like_filter
spark.createDataFrame([("a", 3), ("a", 1), ("b", 2)], ["g", "v"]).createOrReplaceTempView("win_q")
print(spark.sql("SELECT g, v FROM (SELECT g, v, row_number() OVER (PARTITION BY g ORDER BY v DESC) AS rn FROM win_q) WHERE rn = 1 ORDER BY g").collect())

# probe: windows.window_without_order_rank_error
df = spark.range(3)
df.select(F.rank().over(Window.partitionBy("id"))).collect()

# probe: windows.order_by_desc_nulls_last
df = spark.createDataFrame([(1,), (None,), (2,)], "v int")
w = Window.orderBy(F.col("v").asc_nulls_last())
print(df.select("v", F.row_number().over(w).alias("rn")).orderBy("rn").collect())

# probe: windows.multiple_windows_one_select
df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 3)], ["g", "v"])
r = df.select("g", "v", F.sum("v").over(Window.partitionBy("g")).alias("pg"), F.sum("v").over(Window.orderBy("v")).alias("run"))
print(r.orderBy("v").collect())

# probe: windows.window_sum_long_type
df = spark.createDataFrame([(1, 2**40), (2, 2**40)], "id int, v bigint")
r = df.select("id", F.sum("v").over(Window.orderBy("id")).alias("s"))
print(r.dtypes); print(r.orderBy("id").collect())

# probe: windows.window_min_max_strings
df = spark.createDataFrame([("g", "b"), ("g", "a"), ("g", "c")], ["k", "s"])
w = Window.partitionBy("k").orderBy("s")
print(df.select("s", F.min("s").over(w).alias("mn"), F.max("s").over(w).alias("mx")).orderBy("s").collect())

# probe: windows.withcolumn_row_number
df = spark.createDataFrame([("x", 2), ("y", 1)], ["s", "v"])
print(df.withColumn("rn", F.row_number().over(Window.orderBy("v"))).orderBy("rn").collect())

# probe: windows.range_frame_unbounded_current_ties_df
df = spark.createDataFrame([(1, 1), (1, 2), (2, 3)], ["k", "v"])
w = Window.orderBy("k").rangeBetween(Window.unboundedPreceding, Window.currentRow)
print(df.select("k", "v", F.sum("v").over(w).alias("s")).orderBy("k", "v").collect())

# probe: windows.count_over_empty_window_spec
df = spark.range(3)
print(df.select("id", F.count("*").over(Window.partitionBy()).alias("n")).orderBy("id").collect())
