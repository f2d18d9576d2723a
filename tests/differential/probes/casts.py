# probe: casts.double_to_string_small_java_form
df = spark.sql("SELECT CAST(0.00001D AS STRING) AS a, CAST(0.001D AS STRING) AS b, CAST(0.0001D AS STRING) AS c")
print(df.collect())

# probe: casts.double_to_string_large_java_form
df = spark.sql("SELECT CAST(10000000D AS STRING) AS a, CAST(1234567.0D AS STRING) AS b, CAST(1.5E20D AS STRING) AS c")
print(df.collect())

# probe: casts.double_to_string_api
df = spark.createDataFrame([(1e-5,), (1e7,), (123.456,), (-0.0,)], ["x"])
print(df.select(F.col("x").cast("string").alias("s")).collect())

# probe: casts.float_to_string
df = spark.sql("SELECT CAST(CAST(0.1 AS FLOAT) AS STRING) AS a, CAST(CAST(1.0E10 AS FLOAT) AS STRING) AS b")
print(df.collect())

# probe: casts.double_special_to_string
df = spark.sql("SELECT CAST(CAST('NaN' AS DOUBLE) AS STRING) AS a, CAST(CAST('Infinity' AS DOUBLE) AS STRING) AS b, CAST(CAST('-inf' AS DOUBLE) AS STRING) AS c")
print(df.collect())

# probe: casts.concat_double
df = spark.sql("SELECT concat('v=', 1.0E-5D) AS a, concat('v=', 100.0D) AS b")
print(df.collect())

# probe: casts.show_doubles
spark.createDataFrame([(1e-5, 1e7), (0.5, 12345678.9)], ["a", "b"]).show()

# probe: casts.array_to_string_with_null
df = spark.sql("SELECT CAST(array(1, NULL, 3) AS STRING) AS a")
print(df.collect())

# probe: casts.array_of_strings_to_string
df = spark.sql("SELECT CAST(array('a', NULL, 'c') AS STRING) AS a, CAST(array() AS STRING) AS b")
print(df.collect())

# probe: casts.map_struct_to_string
df = spark.sql("SELECT CAST(map('k', 1, 'z', NULL) AS STRING) AS m, CAST(named_struct('a', 1, 'b', CAST(NULL AS STRING)) AS STRING) AS s")
print(df.collect())

# probe: casts.round_half_up_double
df = spark.sql("SELECT round(1.005D, 2) AS a, round(2.5D) AS b, round(-2.5D) AS c, round(0.125D, 2) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.cast_to_decimal_rounds_half_up
df = spark.sql("SELECT CAST(1.005 AS DECIMAL(5,2)) AS a, CAST(-1.005 AS DECIMAL(5,2)) AS b, CAST(1.004 AS DECIMAL(5,2)) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.bround_half_even
df = spark.sql("SELECT bround(2.5D) AS a, bround(3.5D) AS b, bround(2.25, 1) AS c, bround(-2.5D) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.round_negative_scale
df = spark.sql("SELECT round(1234.5, -2) AS a, round(1250, -2) AS b, round(CAST(15 AS INT), -1) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.round_api_decimal_column
df = spark.createDataFrame([("2.345",)], ["s"]).select(F.col("s").cast("decimal(10,3)").alias("d"))
print(df.select(F.round("d", 2).alias("r"), F.bround("d", 2).alias("b")).dtypes)
print(df.select(F.round("d", 2).alias("r"), F.bround("d", 2).alias("b")).collect())

# probe: casts.literal_big_integer_decimal
df = spark.sql("SELECT 12345678901234567890 AS a")
print(df.dtypes); print(df.collect())

# probe: casts.literal_integer_types
df = spark.sql("SELECT 1 AS a, 2147483648 AS b, 10L AS c, 5S AS d, 7Y AS e")
print(df.dtypes)

# probe: casts.literal_decimal_and_double
df = spark.sql("SELECT 1.5 AS a, 1.5D AS b, 1.5F AS c, 1.5BD AS d, 1e3 AS e, .5 AS f")
print(df.dtypes); print(df.collect())

# probe: casts.literal_arithmetic_int_type
df = spark.sql("SELECT 1 + 2 AS a, 7 / 2 AS b, 7 div 2 AS c, 7 % 3 AS d")
print(df.dtypes); print(df.collect())

# probe: casts.api_lit_types
print(spark.range(1).select(F.lit(1).alias("i"), F.lit(2**40).alias("l"), F.lit(1.5).alias("d"), F.lit("x").alias("s"), F.lit(True).alias("b")).dtypes)

# probe: casts.decimal_add_int_result_type
df = spark.sql("SELECT CAST(1 AS DECIMAL(38,9)) + 1 AS a")
print(df.dtypes); print(df.collect())

# probe: casts.decimal_multiply_type
df = spark.sql("SELECT CAST(1.5 AS DECIMAL(10,2)) * CAST(2.25 AS DECIMAL(10,3)) AS a")
print(df.dtypes); print(df.collect())

# probe: casts.decimal_divide_type
df = spark.sql("SELECT CAST(1 AS DECIMAL(10,2)) / CAST(3 AS DECIMAL(10,2)) AS a")
print(df.dtypes); print(df.collect())

# probe: casts.decimal_high_precision_multiply
df = spark.sql("SELECT CAST(1.1 AS DECIMAL(38,18)) * CAST(2.2 AS DECIMAL(38,18)) AS a")
print(df.dtypes); print(df.collect())

# probe: casts.decimal_literal_plus_literal
df = spark.sql("SELECT 0.1 + 0.2 AS a, 1.10 * 3 AS b")
print(df.dtypes); print(df.collect())

# probe: casts.decimal_sum_avg_types
df = spark.createDataFrame([("1.10",), ("2.25",)], ["s"]).select(F.col("s").cast("decimal(5,2)").alias("d"))
r = df.agg(F.sum("d").alias("s"), F.avg("d").alias("a"))
print(r.dtypes); print(r.collect())

# probe: casts.decimal_plus_double
df = spark.sql("SELECT CAST(1.5 AS DECIMAL(5,2)) + 1.5D AS a")
print(df.dtypes); print(df.collect())

# probe: casts.float_times_int_widening
df = spark.sql("SELECT CAST(3.0E38 AS FLOAT) * 10 AS a")
print(df.dtypes); print(df.collect())

# probe: casts.float_plus_int_type
df = spark.createDataFrame([(1.5, 2)], "f float, i int")
r = df.select((F.col("f") + F.col("i")).alias("s"), (F.col("f") * F.col("i")).alias("p"))
print(r.dtypes); print(r.collect())

# probe: casts.int_plus_long_type
df = spark.createDataFrame([(1, 2)], "a int, b long")
r = df.select((F.col("a") + F.col("b")).alias("s"), (F.col("a") / F.col("b")).alias("q"))
print(r.dtypes); print(r.collect())

# probe: casts.shiftleft_int_overflow
df = spark.sql("SELECT shiftleft(1, 31) AS a, shiftleft(1L, 31) AS b, shiftleft(1, 32) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.shiftright_variants
df = spark.sql("SELECT shiftright(-16, 2) AS a, shiftrightunsigned(-16, 28) AS b, 1 << 3 AS c, -16 >> 2 AS d")
print(df.dtypes); print(df.collect())

# probe: casts.log_of_zero_is_null
df = spark.sql("SELECT log(0D) AS a, ln(-1D) AS b, log10(0D) AS c, log(10, 0D) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.log_variants
df = spark.sql("SELECT ln(1D) AS a, log10(1000D) AS b, log2(8D) AS c, log(2, 1024) AS d, log1p(0D) AS e")
print(df.collect())

# probe: casts.log_api
df = spark.createDataFrame([(0.0,), (100.0,)], ["x"])
print(df.select(F.log10("x").alias("a"), F.log(10.0, "x").alias("b")).orderBy("x").collect())

# probe: casts.floor_ceil_double_types
df = spark.sql("SELECT floor(2.7D) AS a, ceil(2.1D) AS b, floor(-2.5D) AS c, ceiling(-2.5D) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.floor_ceil_decimal_types
df = spark.sql("SELECT floor(2.75) AS a, ceil(CAST(2.25 AS DECIMAL(6,2))) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.floor_ceil_with_scale
df = spark.sql("SELECT floor(3.14159, 2) AS a, ceil(3.14159, 3) AS b, ceil(1234, -2) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.floor_api
df = spark.createDataFrame([(2.5,), (-0.5,)], ["x"])
r = df.select(F.floor("x").alias("f"), F.ceil("x").alias("c")).orderBy("f")
print(r.dtypes); print(r.collect())

# probe: casts.try_cast_exponent_to_decimal
df = spark.sql("SELECT try_cast('1e3' AS DECIMAL(10,2)) AS a, CAST('1.5E2' AS DECIMAL(10,2)) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.string_to_int_edge_cases
df = spark.sql("SELECT CAST(' 42 ' AS INT) AS a, CAST('+7' AS INT) AS b, CAST('-0' AS INT) AS c, try_cast('4.7' AS INT) AS d")
print(df.collect())

# probe: casts.string_to_int_invalid
df = spark.sql("SELECT try_cast('12a' AS INT) AS a, try_cast('' AS INT) AS b, try_cast('99999999999' AS INT) AS c")
print(df.collect())

# probe: casts.string_to_double_forms
df = spark.sql("SELECT CAST('1e3' AS DOUBLE) AS a, CAST('.5' AS DOUBLE) AS b, CAST('-Infinity' AS DOUBLE) AS c, CAST('nan' AS DOUBLE) AS d, CAST('  3.25  ' AS DOUBLE) AS e")
print(df.collect())

# probe: casts.string_to_double_suffix
df = spark.sql("SELECT try_cast('1.5d' AS DOUBLE) AS a, try_cast('2f' AS DOUBLE) AS b, try_cast('0x10' AS DOUBLE) AS c")
print(df.collect())

# probe: casts.string_to_long_api
df = spark.createDataFrame([("9223372036854775807",), ("12",)], ["s"])
r = df.select(F.col("s").cast("long").alias("l")).orderBy("l")
print(r.dtypes); print(r.collect())

# probe: casts.string_to_boolean
df = spark.sql("SELECT CAST('true' AS BOOLEAN) AS a, CAST('Y' AS BOOLEAN) AS b, CAST('0' AS BOOLEAN) AS c, CAST(' no ' AS BOOLEAN) AS d, try_cast('maybe' AS BOOLEAN) AS e")
print(df.collect())

# probe: casts.boolean_to_numbers_and_string
df = spark.sql("SELECT CAST(true AS INT) AS a, CAST(false AS DOUBLE) AS b, CAST(true AS STRING) AS c, CAST(true AS DECIMAL(3,1)) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.number_to_boolean
df = spark.sql("SELECT CAST(0 AS BOOLEAN) AS a, CAST(-3 AS BOOLEAN) AS b, CAST(0.0D AS BOOLEAN) AS c, CAST(0.1 AS BOOLEAN) AS d")
print(df.collect())

# probe: casts.double_to_int_truncates
df = spark.sql("SELECT CAST(2.9D AS INT) AS a, CAST(-2.9D AS INT) AS b, CAST(2.5 AS BIGINT) AS c, CAST(-0.5 AS SMALLINT) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.double_to_long_api
df = spark.createDataFrame([(1e10,), (-7.9,)], ["x"])
print(df.select(F.col("x").cast(T.LongType()).alias("l")).orderBy("l").collect())

# probe: casts.int_to_smaller_types
df = spark.sql("SELECT CAST(127 AS TINYINT) AS a, CAST(-32768 AS SMALLINT) AS b, try_cast(128 AS TINYINT) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.int_to_decimal_and_back
df = spark.sql("SELECT CAST(42 AS DECIMAL(10,2)) AS a, CAST(CAST(42.99 AS DECIMAL(10,2)) AS INT) AS b, CAST(42 AS DECIMAL) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.decimal_to_double_and_string
df = spark.sql("SELECT CAST(CAST(0.1 AS DECIMAL(10,5)) AS DOUBLE) AS a, CAST(CAST(0.1 AS DECIMAL(10,5)) AS STRING) AS b, CAST(CAST(0 AS DECIMAL(10,3)) AS STRING) AS c")
print(df.collect())

# probe: casts.double_to_decimal
df = spark.sql("SELECT CAST(0.1D AS DECIMAL(10,5)) AS a, CAST(1.0E-5D AS DECIMAL(10,6)) AS b, CAST(123.456D AS DECIMAL(6,1)) AS c")
print(df.collect())

# probe: casts.decimal_overflow_try_cast
df = spark.sql("SELECT try_cast(12345.678 AS DECIMAL(5,2)) AS a, try_cast('123456' AS DECIMAL(5,0)) AS b")
print(df.collect())

# probe: casts.long_to_double_precision
df = spark.sql("SELECT CAST(9007199254740993L AS DOUBLE) AS a, CAST(CAST(9007199254740993L AS DOUBLE) AS STRING) AS b")
print(df.collect())

# probe: casts.int_to_string_and_padding
df = spark.sql("SELECT CAST(-123 AS STRING) AS a, CAST(CAST(5 AS TINYINT) AS STRING) AS b, CAST(12345678901L AS STRING) AS c")
print(df.collect())

# probe: casts.string_to_binary_and_back
df = spark.sql("SELECT CAST('abc' AS BINARY) AS a, CAST(CAST('abc' AS BINARY) AS STRING) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.cast_api_type_strings
df = spark.createDataFrame([("7",)], ["s"])
r = df.select(F.col("s").cast("int").alias("i"), F.col("s").cast("bigint").alias("l"), F.col("s").cast("float").alias("f"), F.col("s").cast("decimal(4,1)").alias("d"))
print(r.dtypes); print(r.collect())

# probe: casts.astype_alias
df = spark.createDataFrame([(3.75,)], ["x"])
print(df.select(F.col("x").astype("int").alias("i"), F.col("x").astype(T.StringType()).alias("s")).collect())

# probe: casts.cast_null_types
df = spark.sql("SELECT CAST(NULL AS INT) AS a, CAST(NULL AS STRING) AS b, NULL AS c")
print(df.dtypes); print(df.collect())

# probe: casts.array_cast_element_type
df = spark.sql("SELECT CAST(array('1', '2', 'x') AS ARRAY<INT>) AS a")
print(df.collect())

# probe: casts.array_try_cast_element_type
df = spark.sql("SELECT try_cast(array('1', '2', 'x') AS ARRAY<INT>) AS a, CAST(array(1, 2) AS ARRAY<STRING>) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.abs_variants
df = spark.sql("SELECT abs(-5) AS a, abs(-2.5D) AS b, abs(CAST(-1.25 AS DECIMAL(5,2))) AS c, abs(-0.0D) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.sqrt_pow_exp
df = spark.sql("SELECT sqrt(16) AS a, sqrt(-1D) AS b, pow(2, 10) AS c, power(2.0D, -1) AS d, exp(0) AS e")
print(df.dtypes); print(df.collect())

# probe: casts.sqrt_api_column
df = spark.createDataFrame([(2,), (9,)], ["x"])
print(df.select(F.sqrt("x").alias("s"), F.pow("x", 2).alias("p"), F.cbrt("x").alias("c")).orderBy("s").collect())

# probe: casts.sign_signum
df = spark.sql("SELECT sign(-7) AS a, signum(0D) AS b, sign(3.2) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.pmod_vs_mod
df = spark.sql("SELECT pmod(-7, 3) AS a, -7 % 3 AS b, mod(7, -3) AS c, pmod(7.5D, 2) AS d, pmod(-7, -3) AS e")
print(df.dtypes); print(df.collect())

# probe: casts.conv_bases
df = spark.sql("SELECT conv('ff', 16, 10) AS a, conv('255', 10, 2) AS b, conv('-1', 10, 16) AS c, conv('zz', 36, 10) AS d, conv('12', 10, -16) AS e")
print(df.collect())

# probe: casts.hex_unhex_bin
df = spark.sql("SELECT hex(255) AS a, hex(-1) AS b, hex('Spark') AS c, bin(10) AS d, bin(-1) AS e")
print(df.collect())

# probe: casts.unhex_type
df = spark.sql("SELECT unhex('4142') AS a, CAST(unhex('4142') AS STRING) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.trig_functions
df = spark.sql("SELECT round(sin(pi()/2), 6) AS a, cos(0) AS b, round(atan2(1, 1), 6) AS c, degrees(pi()) AS d, radians(180) AS e")
print(df.collect())

# probe: casts.greatest_least_mixed
df = spark.sql("SELECT greatest(1, 2.5, 3L) AS a, least(1, 2.5D, -3) AS b, greatest(1, NULL, 3) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.integer_division
df = spark.sql("SELECT 7 div 2 AS a, -7 div 2 AS b, 7.5 div 2 AS c, 7 / 2 AS d, CAST(7 AS DOUBLE) / 2 AS e")
print(df.dtypes); print(df.collect())

# probe: casts.format_number
df = spark.sql("SELECT format_number(1234567.891, 2) AS a, format_number(0.5, 0) AS b, format_number(12, 3) AS c")
print(df.collect())

# probe: casts.format_string_numbers
df = spark.sql("SELECT format_string('%05d|%.3f|%e|%x', 42, 3.14159D, 12345.678D, 255) AS a")
print(df.collect())

# probe: casts.to_char_to_number
df = spark.sql("SELECT to_char(CAST(12.5 AS DECIMAL(5,2)), '999.99') AS a, to_number('$1,234.50', '$9,999.99') AS b")
print(df.dtypes); print(df.collect())

# probe: casts.typeof_expressions
df = spark.sql("SELECT typeof(1) AS a, typeof(1L) AS b, typeof(1.0) AS c, typeof(1.0D) AS d, typeof(1 + 1.0) AS e, typeof(CAST(1 AS TINYINT) + 1Y) AS f")
print(df.collect())

# probe: casts.typeof_mixed_arith
df = spark.sql("SELECT typeof(1 + 1L) AS a, typeof(1 * 1.5D) AS b, typeof(CAST(1 AS FLOAT) + 1) AS c, typeof(1 / 1) AS d, typeof(2 * CAST(1 AS DECIMAL(3,1))) AS e")
print(df.collect())

# probe: casts.double_equality_and_nan
df = spark.sql("SELECT CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE) AS a, 0.1D + 0.2D AS b, 0.1D + 0.2D = 0.3D AS c, -0.0D = 0.0D AS d")
print(df.collect())

# probe: casts.nan_ordering
df = spark.createDataFrame([(1.0,), (float("nan"),), (-1.0,), (None,)], ["x"])
print(df.orderBy("x").collect())

# probe: casts.double_show_precision
spark.sql("SELECT 1.0D/3 AS third, 2D/3 AS two_thirds, 100D AS hundred, 1.0E-10D AS tiny").show()

# probe: casts.decimal_show
spark.sql("SELECT CAST(1 AS DECIMAL(10,4)) AS a, CAST(-0.5 AS DECIMAL(3,1)) AS b, 12345678901234567890 AS c").show()

# probe: casts.float_collect_repr
df = spark.sql("SELECT CAST(0.1 AS FLOAT) AS a, CAST(1.0E-5 AS FLOAT) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.bitwise_ops
df = spark.sql("SELECT 12 & 10 AS a, 12 | 10 AS b, 12 ^ 10 AS c, ~5 AS d, bit_count(255) AS e")
print(df.dtypes); print(df.collect())

# probe: casts.factorial_and_negative
df = spark.sql("SELECT factorial(5) AS a, factorial(21) AS b, negative(5) AS c, positive(-2) AS d")
print(df.dtypes); print(df.collect())

# probe: casts.round_api_double_column
df = spark.createDataFrame([(2.675,), (0.5,), (-0.5,)], ["x"])
print(df.select("x", F.round("x", 2).alias("r2"), F.round("x").alias("r0")).orderBy("x").collect())

# probe: casts.rint_and_round_float
df = spark.sql("SELECT rint(2.5D) AS a, rint(3.5D) AS b, round(CAST(2.5 AS FLOAT)) AS c")
print(df.dtypes); print(df.collect())

# probe: casts.width_bucket_and_hypot
df = spark.sql("SELECT width_bucket(5.3D, 0.2D, 10.6D, 5) AS a, hypot(3, 4) AS b")
print(df.dtypes); print(df.collect())

# probe: casts.cast_double_overflow_try
df = spark.sql("SELECT try_cast(1.0E20D AS INT) AS a, try_cast(CAST('NaN' AS DOUBLE) AS INT) AS b")
print(df.collect())

# probe: casts.string_to_decimal_forms
df = spark.sql("SELECT CAST('  12.345 ' AS DECIMAL(10,2)) AS a, CAST('-.5' AS DECIMAL(3,2)) AS b, try_cast('1,000' AS DECIMAL(10,0)) AS c")
print(df.collect())

# probe: casts.sum_int_result_long
df = spark.createDataFrame([(2147483647,), (1,)], "x int")
r = df.agg(F.sum("x").alias("s"), F.avg("x").alias("a"))
print(r.dtypes); print(r.collect())

# probe: casts.struct_cast_rename
df = spark.sql("SELECT CAST(named_struct('a', 1, 'b', '2') AS STRUCT<x: STRING, y: INT>) AS s")
print(df.dtypes); print(df.collect())

# probe: casts.cast_string_to_timestamp_numeric_string
df = spark.sql("SELECT try_cast('1700000000' AS TIMESTAMP) AS a")
print(df.collect())

# probe: casts.e_pi_constants
df = spark.sql("SELECT e() AS e, pi() AS p")
print(df.collect())

# probe: casts.string_to_decimal_beyond_38_integral_digits
print(spark.range(1).select(F.lit("1" * 38).cast("decimal(38,0)").alias("a"), F.lit("0." + "1" * 45).cast("decimal(38,10)").alias("b"), F.lit("1e40").try_cast("decimal(38,0)").alias("c")).collect())
spark.range(1).select(F.lit("1e40").cast("decimal(10,2)")).collect()

# probe: casts.string_to_decimal_forty_digits
try:
    spark.range(1).select(F.lit("-" + "1" * 40).cast("decimal(38,0)")).collect()
except Exception as error:
    print(error.getCondition(), error.getMessageParameters(), error.getSqlState())
    print(str(error).splitlines()[0])

# probe: casts.case_branches_widened_to_a_common_type
from decimal import Decimal
df = spark.range(3)
for e in [F.when(F.col("id") > 0, 1).otherwise(2.5) + 1, F.when(F.col("id") > 1, F.lit(Decimal("1.25"))).otherwise(F.col("id")) * 2, F.when(F.col("id") > 1, F.col("id").cast("int")).when(F.col("id") > 0, F.lit(2.5).cast("float")), F.lit(-1) % F.when(F.lit(None).cast("boolean"), F.lit(-7)).otherwise(F.lit(None).cast("bigint"))]:
    r = df.select(e)
    print(r.columns, r.dtypes, r.collect())
print(spark.sql("SELECT CASE WHEN id > 0 THEN 1 ELSE 2.5 END + 1 AS x, CASE id WHEN 1 THEN 1 ELSE id END * 2 AS y FROM range(3)").collect())
