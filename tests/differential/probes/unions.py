# probe: unions.union_int_double_widening
a = spark.createDataFrame([(1,)], "x int")
b = spark.createDataFrame([(2.5,)], "x double")
u = a.union(b); print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_int_long_widening
a = spark.createDataFrame([(1,)], "x int")
b = spark.createDataFrame([(2**40,)], "x bigint")
u = a.union(b); print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_date_timestamp_widening
a = spark.sql("SELECT DATE'2024-01-02' AS t")
b = spark.sql("SELECT TIMESTAMP'2024-01-03 10:30:00' AS t")
u = a.union(b); print(u.dtypes); print(u.orderBy("t").collect())

# probe: unions.union_string_int
a = spark.createDataFrame([("abc",)], "x string")
b = spark.createDataFrame([(5,)], "x int")
u = a.union(b); print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_int_string_sql
df = spark.sql("SELECT 1 AS x UNION ALL SELECT 'two' AS x")
print(df.dtypes); print(sorted(r.x for r in df.collect()))

# probe: unions.union_int_decimal
a = spark.sql("SELECT 1 AS x")
b = spark.sql("SELECT CAST(2.25 AS DECIMAL(5,2)) AS x")
u = a.union(b); print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_float_double
a = spark.createDataFrame([(1.5,)], "x float")
b = spark.createDataFrame([(2.25,)], "x double")
u = a.union(b); print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_null_type
u = spark.sql("SELECT NULL AS x UNION ALL SELECT 3 AS x")
print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_keeps_duplicates
a = spark.createDataFrame([(1,), (2,)], ["x"])
u = a.union(a); print(u.count()); print(u.orderBy("x").collect())

# probe: unions.union_all_alias
a = spark.createDataFrame([(1,)], ["x"])
print(a.unionAll(a).orderBy("x").collect())

# probe: unions.sql_union_distinct
print(spark.sql("SELECT 1 AS x UNION SELECT 1 UNION SELECT 2 ORDER BY x").collect())

# probe: unions.union_positional_names
a = spark.createDataFrame([(1, "a")], ["n", "s"])
b = spark.createDataFrame([("b", 2)], ["s", "n"])
u = a.union(b); print(u.columns); print(u.dtypes); print(u.orderBy("s").collect())

# probe: unions.union_column_count_mismatch
a = spark.createDataFrame([(1, 2)], ["a", "b"])
b = spark.createDataFrame([(1,)], ["a"])
a.union(b).collect()

# probe: unions.union_by_name_reorders
a = spark.createDataFrame([(1, "a")], ["n", "s"])
b = spark.createDataFrame([("b", 2)], ["s", "n"])
u = a.unionByName(b); print(u.dtypes); print(u.orderBy("n").collect())

# probe: unions.union_by_name_allow_missing
a = spark.createDataFrame([(1, "a")], ["n", "s"])
b = spark.createDataFrame([(2, 3.5)], ["n", "d"])
u = a.unionByName(b, allowMissingColumns=True); print(u.columns); print(u.dtypes); print(u.orderBy("n").collect())

# probe: unions.union_by_name_missing_error
a = spark.createDataFrame([(1, "a")], ["n", "s"])
b = spark.createDataFrame([(2,)], ["n"])
a.unionByName(b).collect()

# probe: unions.union_by_name_widening
a = spark.createDataFrame([(1, "x")], "n int, s string")
b = spark.createDataFrame([("y", 2**35)], "s string, n bigint")
u = a.unionByName(b); print(u.dtypes); print(u.orderBy("n").collect())

# probe: unions.intersect_distinct
a = spark.createDataFrame([(1,), (2,), (2,), (3,)], ["x"])
b = spark.createDataFrame([(2,), (2,), (3,), (4,)], ["x"])
print(a.intersect(b).orderBy("x").collect())

# probe: unions.intersect_all
a = spark.createDataFrame([(1,), (2,), (2,), (2,), (3,)], ["x"])
b = spark.createDataFrame([(2,), (2,), (3,)], ["x"])
print(a.intersectAll(b).orderBy("x").collect())

# probe: unions.except_all_vs_subtract
a = spark.createDataFrame([(1,), (1,), (2,), (3,)], ["x"])
b = spark.createDataFrame([(1,), (3,)], ["x"])
print(a.subtract(b).orderBy("x").collect()); print(a.exceptAll(b).orderBy("x").collect())

# probe: unions.sql_except_intersect
print(spark.sql("SELECT * FROM VALUES (1), (2), (2), (3) t(x) EXCEPT SELECT * FROM VALUES (2) s(x) ORDER BY x").collect())
print(spark.sql("SELECT * FROM VALUES (1), (2) t(x) INTERSECT SELECT * FROM VALUES (2), (5) s(x)").collect())

# probe: unions.intersect_with_nulls
a = spark.createDataFrame([(None,), (1,)], "x int")
b = spark.createDataFrame([(None,), (2,)], "x int")
print(a.intersect(b).collect()); print(a.subtract(b).collect())

# probe: unions.except_widening_int_long
a = spark.createDataFrame([(1,), (2,)], "x int")
b = spark.createDataFrame([(2,)], "x bigint")
r = a.subtract(b); print(r.dtypes); print(r.collect())

# probe: unions.union_struct_mismatch_error
a = spark.sql("SELECT named_struct('a', 1) AS s")
b = spark.sql("SELECT 1 AS s")
a.union(b).collect()

# probe: unions.union_array_widening
a = spark.sql("SELECT array(1, 2) AS a")
b = spark.sql("SELECT array(1.5D) AS a")
u = a.union(b); print(u.dtypes); print(sorted(u.collect(), key=str))

# probe: unions.union_many_distinct_count
dfs = [spark.createDataFrame([(i % 3,)], ["x"]) for i in range(6)]
u = dfs[0]
for d in dfs[1:]:
    u = u.union(d)
print(u.count(), u.distinct().count())

# probe: unions.union_bool_int_error
a = spark.sql("SELECT true AS x")
b = spark.sql("SELECT 1 AS x")
u = a.union(b); print(u.dtypes); print(sorted(u.collect(), key=str))

# probe: unions.union_numeric_string_int_ok
a = spark.createDataFrame([("7",)], "x string")
b = spark.createDataFrame([(5,)], "x int")
u = a.union(b); print(u.dtypes); print(u.orderBy("x").collect())

# probe: unions.union_date_string_sql
df = spark.sql("SELECT DATE'2024-05-06' AS d UNION ALL SELECT '2024-01-01' AS d")
print(df.dtypes); print(df.orderBy("d").collect())
