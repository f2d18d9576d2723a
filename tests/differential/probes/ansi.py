# probe: ansi.conf_ansi_enabled_default
print(spark.conf.get("spark.sql.ansi.enabled"))

# probe: ansi.int_add_overflow
df = spark.sql("SELECT 2147483647 + 1 AS a")
print(df.collect())

# probe: ansi.tinyint_add_overflow
df = spark.sql("SELECT CAST(100 AS TINYINT) + CAST(100 AS TINYINT) AS a")
print(df.collect())

# probe: ansi.long_add_overflow
df = spark.sql("SELECT 9223372036854775807L + 1 AS a")
print(df.collect())

# probe: ansi.int_multiply_overflow_api
df = spark.createDataFrame([(65536,)], "x int")
print(df.select((F.col("x") * F.col("x")).alias("p")).collect())

# probe: ansi.long_subtract_overflow_api
df = spark.createDataFrame([(-9223372036854775807 - 1,)], "x long")
print(df.select((F.col("x") - 1).alias("p")).collect())

# probe: ansi.smallint_multiply_overflow
df = spark.sql("SELECT CAST(200 AS SMALLINT) * CAST(200 AS SMALLINT) AS a")
print(df.collect())

# probe: ansi.int_negate_min_overflow
df = spark.sql("SELECT -(CAST(-2147483648 AS INT)) AS a")
print(df.collect())

# probe: ansi.abs_min_long_overflow
df = spark.sql("SELECT abs(-9223372036854775808L) AS a")
print(df.collect())

# probe: ansi.int_add_promotes_with_long
df = spark.sql("SELECT 2147483647 + 1L AS a")
print(df.dtypes); print(df.collect())

# probe: ansi.sum_long_overflow
df = spark.createDataFrame([(9223372036854775807,), (1,)], "x long")
print(df.agg(F.sum("x")).collect())

# probe: ansi.try_add_overflow
df = spark.sql("SELECT try_add(2147483647, 1) AS a, try_subtract(-9223372036854775808L, 1) AS b, try_multiply(3, 4) AS c")
print(df.dtypes); print(df.collect())

# probe: ansi.try_add_api
df = spark.createDataFrame([(2147483647, 1)], "a int, b int")
print(df.select(F.try_add("a", "b").alias("s"), F.try_multiply("a", "b").alias("m")).collect())

# probe: ansi.array_index_out_of_range
df = spark.sql("SELECT array(1, 2, 3)[5] AS a")
print(df.collect())

# probe: ansi.array_index_zero_based_ok
df = spark.sql("SELECT array(1, 2, 3)[0] AS a, array(1, 2, 3)[2] AS b")
print(df.collect())

# probe: ansi.array_index_negative
df = spark.sql("SELECT array(1, 2, 3)[-1] AS a")
print(df.collect())

# probe: ansi.element_at_out_of_range
df = spark.sql("SELECT element_at(array(1, 2, 3), 4) AS a")
print(df.collect())

# probe: ansi.element_at_zero_index
df = spark.sql("SELECT element_at(array(1, 2, 3), 0) AS a")
print(df.collect())

# probe: ansi.element_at_negative_ok
df = spark.sql("SELECT element_at(array(1, 2, 3), -1) AS a, element_at(array(1, 2, 3), 1) AS b")
print(df.collect())

# probe: ansi.element_at_api_out_of_range
df = spark.createDataFrame([([1, 2],)], ["xs"])
print(df.select(F.element_at("xs", 3).alias("e")).collect())

# probe: ansi.getitem_api_out_of_range
df = spark.createDataFrame([([1, 2],)], ["xs"])
print(df.select(F.col("xs")[5].alias("e")).collect())

# probe: ansi.try_element_at
df = spark.sql("SELECT try_element_at(array(1, 2, 3), 10) AS a, try_element_at(map('a', 1), 'b') AS b")
print(df.collect())

# probe: ansi.element_at_map_missing_key
df = spark.sql("SELECT element_at(map('a', 1), 'b') AS a, map('a', 1)['b'] AS b")
print(df.collect())

# probe: ansi.double_remainder_by_zero
df = spark.sql("SELECT 5.5D % 0 AS a")
print(df.collect())

# probe: ansi.int_remainder_by_zero
df = spark.sql("SELECT 5 % 0 AS a")
print(df.collect())

# probe: ansi.pmod_by_zero
df = spark.sql("SELECT pmod(5, 0) AS a")
print(df.collect())

# probe: ansi.remainder_by_zero_api
df = spark.createDataFrame([(7.0, 0.0)], ["a", "b"])
print(df.select((F.col("a") % F.col("b")).alias("r")).collect())

# probe: ansi.divide_by_zero
df = spark.sql("SELECT 1 / 0 AS a")
print(df.collect())

# probe: ansi.double_divide_by_zero
df = spark.sql("SELECT 1.0D / 0D AS a")
print(df.collect())

# probe: ansi.int_div_by_zero
df = spark.sql("SELECT 7 div 0 AS a")
print(df.collect())

# probe: ansi.decimal_divide_by_zero
df = spark.sql("SELECT CAST(1 AS DECIMAL(5,2)) / 0 AS a")
print(df.collect())

# probe: ansi.try_divide_and_try_mod
df = spark.sql("SELECT try_divide(1, 0) AS a, try_mod(5, 0) AS b, try_divide(7, 2) AS c")
print(df.dtypes); print(df.collect())

# probe: ansi.try_divide_api
df = spark.createDataFrame([(1, 0), (6, 3)], ["a", "b"])
print(df.select(F.try_divide("a", "b").alias("q")).orderBy("a").collect())

# probe: ansi.invalid_cast_string_to_int
df = spark.sql("SELECT CAST('abc' AS INT) AS a")
print(df.collect())

# probe: ansi.invalid_cast_string_to_int_api
df = spark.createDataFrame([("12x",)], ["s"])
print(df.select(F.col("s").cast("int").alias("i")).collect())

# probe: ansi.invalid_cast_string_to_double
df = spark.sql("SELECT CAST('1.2.3' AS DOUBLE) AS a")
print(df.collect())

# probe: ansi.invalid_cast_string_to_boolean
df = spark.sql("SELECT CAST('maybe' AS BOOLEAN) AS a")
print(df.collect())

# probe: ansi.invalid_cast_string_to_date
df = spark.sql("SELECT CAST('2024-02-30' AS DATE) AS a")
print(df.collect())

# probe: ansi.invalid_cast_string_to_timestamp
df = spark.sql("SELECT CAST('yesterday noon' AS TIMESTAMP) AS a")
print(df.collect())

# probe: ansi.cast_overflow_int_to_tinyint
df = spark.sql("SELECT CAST(300 AS TINYINT) AS a")
print(df.collect())

# probe: ansi.cast_overflow_double_to_int
df = spark.sql("SELECT CAST(1.0E10D AS INT) AS a")
print(df.collect())

# probe: ansi.cast_overflow_decimal
df = spark.sql("SELECT CAST(12345.6 AS DECIMAL(4,1)) AS a")
print(df.collect())

# probe: ansi.cast_string_out_of_range_int
df = spark.sql("SELECT CAST('3000000000' AS INT) AS a")
print(df.collect())

# probe: ansi.try_cast_family
df = spark.sql("SELECT try_cast('abc' AS INT) AS a, try_cast('300' AS TINYINT) AS b, try_cast('2024-02-30' AS DATE) AS c, try_cast('12' AS INT) AS d")
print(df.dtypes); print(df.collect())

# probe: ansi.try_cast_api
df = spark.createDataFrame([("7",), ("x",)], ["s"])
print(df.select("s", F.col("s").try_cast("int").alias("i")).orderBy("s").collect())

# probe: ansi.try_to_number_and_try_to_binary
df = spark.sql("SELECT try_to_number('abc', '999') AS a, try_to_number('123', '999') AS b")
print(df.dtypes); print(df.collect())

# probe: ansi.try_sum_try_avg_overflow
df = spark.createDataFrame([(9223372036854775807,), (1,)], "x long")
print(df.agg(F.try_sum("x").alias("s"), F.try_avg("x").alias("a")).collect())

# probe: ansi.union_string_into_int_column
a = spark.createDataFrame([(1,)], "x int")
b = spark.createDataFrame([("hello",)], "x string")
r = a.union(b)
print(r.dtypes); print(r.orderBy("x").collect())

# probe: ansi.union_numeric_string_column
a = spark.createDataFrame([(1,)], "x int")
b = spark.createDataFrame([("2",)], "x string")
r = a.union(b)
print(r.dtypes); print(sorted(r.collect(), key=str))

# probe: ansi.to_date_invalid_raises
df = spark.sql("SELECT to_date('2024/13/45', 'yyyy/MM/dd') AS a")
print(df.collect())

# probe: ansi.make_date_invalid_raises
df = spark.sql("SELECT make_date(2024, 13, 1) AS a, try_make_timestamp(2024, 13, 1, 0, 0, 0) AS b")
print(df.collect())

# probe: ansi.string_arith_implicit_cast
df = spark.sql("SELECT '5' + 1 AS a")
print(df.dtypes); print(df.collect())

# probe: ansi.string_arith_fraction_string
df = spark.sql("SELECT '2.5' * 2 AS b")
print(df.dtypes); print(df.collect())

# probe: ansi.string_arith_invalid
df = spark.sql("SELECT 'x' + 1 AS a")
print(df.collect())

# probe: ansi.string_compare_with_int
df = spark.sql("SELECT '10' > 9 AS a, 1 = '1' AS b")
print(df.collect())

# probe: ansi.decimal_add_overflow
df = spark.sql("SELECT CAST(99999999999999999999999999999999999999 AS DECIMAL(38,0)) + 1 AS a")
print(df.collect())

# probe: ansi.interval_overflow
df = spark.sql("SELECT make_ym_interval(178956970, 7) + INTERVAL '1' MONTH AS a")
print(df.collect())

# probe: ansi.try_arithmetic_nulls
df = spark.sql("SELECT try_add(NULL, 1) AS a, try_divide(0, 0) AS b, try_multiply(9223372036854775807L, 2) AS c")
print(df.collect())
