# probe: strings.substr_negative_pos
df = spark.sql("SELECT substr('hello', -3, 2) AS a, substr('hello', -3) AS b, substring('hello', -1, 5) AS c")
print(df.dtypes); print(df.collect())

# probe: strings.substr_zero_pos
df = spark.sql("SELECT substr('hello', 0, 2) AS a, substr('hello', 1, 2) AS b, substr('hello', 0) AS c")
print(df.collect())

# probe: strings.substr_far_negative
df = spark.sql("SELECT substr('hello', -10, 3) AS a, substr('hello', -10, 7) AS b, substr('hello', 10, 2) AS c")
print(df.collect())

# probe: strings.substr_negative_len
print(spark.sql("SELECT substr('hello', 2, -1) AS a, substr('hello', 2, 0) AS b").collect())

# probe: strings.substring_df_api
df = spark.createDataFrame([(1, "hello"), (2, "ab"), (3, None)], "i int, s string")
print(df.select("i", F.substring("s", -3, 2).alias("x"), F.substring("s", 0, 2).alias("y")).orderBy("i").collect())

# probe: strings.column_substr_method
df = spark.createDataFrame([("abcdef",)], ["s"])
print(df.select(df.s.substr(2, 3).alias("a"), df.s.substr(-2, 2).alias("b")).collect())

# probe: strings.left_negative
df = spark.sql("SELECT left('abc', -1) AS a, left('abc', 0) AS b, left('abc', 2) AS c, left('abc', 10) AS d")
print(df.dtypes); print(df.collect())

# probe: strings.right_negative
print(spark.sql("SELECT right('abc', -1) AS a, right('abc', 0) AS b, right('abc', 2) AS c, right('abc', 9) AS d").collect())

# probe: strings.regexp_replace_sql_all_matches
df = spark.sql("SELECT regexp_replace('a1b22c333', '[0-9]+', '#') AS r")
print(df.dtypes); print(df.collect())

# probe: strings.regexp_replace_sql_group_ref
print(spark.sql("SELECT regexp_replace('2024-07-15', '(\\\\d+)-(\\\\d+)-(\\\\d+)', '$3/$2/$1') AS r").collect())

# probe: strings.regexp_replace_df_all_matches
df = spark.createDataFrame([("a.b.c",), ("xyz",)], ["s"])
print(df.select(F.regexp_replace("s", r"\.", "-").alias("r")).orderBy("r").collect())

# probe: strings.regexp_replace_position
print(spark.sql("SELECT regexp_replace('aaaa', 'a', 'b', 3) AS r").collect())

# probe: strings.regexp_extract_groups
df = spark.sql("SELECT regexp_extract('foo123bar45', '([a-z]+)([0-9]+)', 2) AS a, regexp_extract('foo', '([0-9]+)', 1) AS b, regexp_extract('x9', '([a-z])([0-9])', 0) AS c")
print(df.collect())

# probe: strings.regexp_extract_all
print(spark.sql("SELECT regexp_extract_all('a1b22c333', '([0-9]+)', 1) AS r").collect())

# probe: strings.rlike_basic
df = spark.createDataFrame([("apple",), ("banana",), ("cherry",), (None,)], ["s"])
print(df.select("s", F.col("s").rlike("^[ab]").alias("m")).orderBy("s").collect())

# probe: strings.regexp_like_sql
print(spark.sql("SELECT regexp_like('abc123', '[0-9]{3}$') AS a, 'ABC' RLIKE 'abc' AS b, 'ABC' RLIKE '(?i)abc' AS c").collect())

# probe: strings.split_empty_pattern
df = spark.sql("SELECT split('abc', '') AS r")
print(df.dtypes); print(df.collect())

# probe: strings.split_with_limit
print(spark.sql("SELECT split('a,b,c,d', ',', 2) AS a, split('a,b,c,d', ',', -1) AS b, split('a,b,,', ',') AS c").collect())

# probe: strings.split_regex_df
df = spark.createDataFrame([("one  two   three",)], ["s"])
print(df.select(F.split("s", r"\s+").alias("p")).collect())

# probe: strings.split_part
print(spark.sql("SELECT split_part('a.b.c', '.', 2) AS a, split_part('a.b.c', '.', -1) AS b, split_part('a.b.c', '.', 5) AS c").collect())

# probe: strings.concat_ws_array_col
df = spark.createDataFrame([(1, ["a", "b", "c"]), (2, []), (3, ["x", None])], "i int, arr array<string>")
print(df.select("i", F.concat_ws("-", "arr").alias("j")).orderBy("i").collect())

# probe: strings.concat_ws_sql_mixed_array
df = spark.sql("SELECT concat_ws('-', 'x', array('a', 'b'), NULL, 'y') AS j")
print(df.dtypes); print(df.collect())

# probe: strings.concat_ws_nulls_skipped
print(spark.sql("SELECT concat_ws(',', 'a', NULL, 'b') AS a, concat_ws(NULL, 'a', 'b') AS b, concat_ws(',') AS c").collect())

# probe: strings.concat_null_propagates
print(spark.sql("SELECT concat('a', NULL, 'b') AS a, concat('a', 'b', 'c') AS b, 'x' || 'y' AS c").collect())

# probe: strings.concat_df_int
df = spark.createDataFrame([("a", 1), ("b", None)], "s string, n int")
print(df.select(F.concat("s", F.col("n").cast("string")).alias("c")).orderBy("s").collect())

# probe: strings.initcap_punct
df = spark.sql("SELECT initcap('hello-world foo_bar') AS a, initcap('jOHN o''neil') AS b, initcap('a.b c') AS c")
print(df.collect())

# probe: strings.initcap_df
df = spark.createDataFrame([("the quick BROWN fox",), ("  leading spaces",)], ["s"])
print(df.select(F.initcap("s").alias("t")).orderBy("t").collect())

# probe: strings.upper_lower
df = spark.createDataFrame([("Hello World",), (None,)], ["s"])
print(df.select(F.upper("s").alias("u"), F.lower("s").alias("l")).orderBy("u").collect())

# probe: strings.like_escape_percent
df = spark.sql(r"SELECT '50%' LIKE '50\\%' AS a, '500' LIKE '50\\%' AS b, '50%x' LIKE '50\\%%' AS c")
print(df.collect())

# probe: strings.like_escape_underscore
df = spark.sql(r"SELECT 'a_b' LIKE 'a\\_b' AS a, 'axb' LIKE 'a\\_b' AS b")
print(df.collect())

# probe: strings.like_underscore_newline
df = spark.sql(r"SELECT 'a\nb' LIKE 'a_b' AS a, 'a\nb' LIKE 'a%b' AS b")
print(df.collect())

# probe: strings.like_escape_df
df = spark.createDataFrame([("10%",), ("100",), ("1_0",)], ["s"])
print(df.select("s", F.col("s").like("10\\%").alias("p"), F.col("s").like("1\\_0").alias("u")).orderBy("s").collect())

# probe: strings.like_custom_escape
print(spark.sql("SELECT 'a%b' LIKE 'a!%b' ESCAPE '!' AS a, 'axb' LIKE 'a!%b' ESCAPE '!' AS b").collect())

# probe: strings.like_basic_patterns
df = spark.createDataFrame([("apple",), ("apricot",), ("banana",), (None,)], ["s"])
print(df.select("s", F.col("s").like("ap%").alias("a"), F.col("s").like("_an%").alias("b")).orderBy("s").collect())

# probe: strings.ilike
print(spark.sql("SELECT 'Apple' ILIKE 'apple' AS a, 'Apple' LIKE 'apple' AS b, 'APPLE' ILIKE 'a%e' AS c").collect())

# probe: strings.like_any_all
print(spark.sql("SELECT 'abc' LIKE ANY ('a%', 'x%') AS a, 'abc' LIKE ALL ('a%', 'x%') AS b").collect())

# probe: strings.chr_mod_256
df = spark.sql("SELECT chr(321) AS a, chr(65) AS b, chr(-1) AS c, chr(256) AS d")
print(df.collect())

# probe: strings.ascii_fn
print(spark.sql("SELECT ascii('A') AS a, ascii('') AS b, ascii('abc') AS c, ascii(NULL) AS d").collect())

# probe: strings.format_number_negative_zero
df = spark.sql("SELECT format_number(-0.5, 0) AS a, format_number(0.5, 0) AS b, format_number(1.5, 0) AS c")
print(df.collect())

# probe: strings.format_number_pattern
df = spark.sql("SELECT format_number(12345.678, '#,###.#') AS a, format_number(12.3, '0000.00') AS b")
print(df.dtypes); print(df.collect())

# probe: strings.format_number_decimals
print(spark.sql("SELECT format_number(1234567.891, 2) AS a, format_number(1234567, 0) AS b, format_number(0.000123, 4) AS c").collect())

# probe: strings.format_number_negative_d
print(spark.sql("SELECT format_number(12.5, -1) AS a").collect())

# probe: strings.format_string
print(spark.sql("SELECT format_string('%s-%05d', 'x', 42) AS a, printf('%x', 255) AS b, format_string('%.2f', 3.14159D) AS c").collect())

# probe: strings.length_variants
df = spark.sql("SELECT length('héllo') AS a, char_length('abc ') AS b, octet_length('héllo') AS c, bit_length('ab') AS d, length(NULL) AS e")
print(df.dtypes); print(df.collect())

# probe: strings.trim_family
df = spark.sql("SELECT trim('  x  ') AS a, ltrim('  x  ') AS b, rtrim('  x  ') AS c, trim(BOTH 'x' FROM 'xxaxx') AS d, trim(LEADING 'x' FROM 'xxaxx') AS e")
print(df.collect())

# probe: strings.trim_df_chars
df = spark.createDataFrame([("--abc--",)], ["s"])
print(df.select(F.trim("s", F.lit("-")).alias("t"), F.ltrim("s", F.lit("-")).alias("l"), F.rtrim("s", F.lit("-")).alias("r")).collect())

# probe: strings.btrim
print(spark.sql("SELECT btrim('  a  ') AS a, btrim('yxay', 'xy') AS b").collect())

# probe: strings.lpad_rpad
df = spark.sql("SELECT lpad('7', 3, '0') AS a, rpad('ab', 5, 'xy') AS b, lpad('abcdef', 3, '0') AS c, lpad('a', 3) AS d, rpad('a', 0, 'x') AS e")
print(df.collect())

# probe: strings.lpad_empty_pad
print(spark.sql("SELECT lpad('ab', 5, '') AS a, rpad('ab', -1, 'x') AS b").collect())

# probe: strings.repeat
print(spark.sql("SELECT repeat('ab', 3) AS a, repeat('ab', 0) AS b, repeat('ab', -2) AS c").collect())

# probe: strings.reverse_string
df = spark.createDataFrame([(1, "abc"), (2, ""), (3, None)], "i int, s string")
print(df.select("i", F.reverse("s").alias("r")).orderBy("i").collect())

# probe: strings.instr_locate
df = spark.sql("SELECT instr('hello', 'l') AS a, instr('hello', 'z') AS b, locate('l', 'hello') AS c, locate('l', 'hello', 4) AS d, position('l' IN 'hello') AS e")
print(df.dtypes); print(df.collect())

# probe: strings.locate_zero_start
print(spark.sql("SELECT locate('a', 'abc', 0) AS a, locate('', 'abc') AS b, instr('abc', '') AS c").collect())

# probe: strings.replace_fn
print(spark.sql("SELECT replace('aaa', 'a', 'bb') AS a, replace('abc', 'b') AS b, replace('abc', '', 'x') AS c").collect())

# probe: strings.translate
print(spark.sql("SELECT translate('hello', 'el', 'ip') AS a, translate('hello', 'lo', 'x') AS b").collect())

# probe: strings.overlay
print(spark.sql("SELECT overlay('SparkSQL' PLACING '_' FROM 6) AS a, overlay('SparkSQL' PLACING 'CORE' FROM 6 FOR 0) AS b").collect())

# probe: strings.substring_index
print(spark.sql("SELECT substring_index('a.b.c', '.', 2) AS a, substring_index('a.b.c', '.', -2) AS b, substring_index('a.b.c', '.', 0) AS c").collect())

# probe: strings.startswith_endswith_contains
df = spark.createDataFrame([("foobar",), ("barfoo",), (None,)], ["s"])
print(df.select("s", df.s.startswith("foo").alias("sw"), df.s.endswith("foo").alias("ew"), df.s.contains("ob").alias("c")).orderBy("s").collect())

# probe: strings.startswith_sql
print(spark.sql("SELECT startswith('abc', 'ab') AS a, endswith('abc', 'bc') AS b, contains('abc', 'x') AS c").collect())

# probe: strings.soundex_levenshtein
print(spark.sql("SELECT soundex('Robert') AS a, levenshtein('kitten', 'sitting') AS b, levenshtein('abc', 'abc') AS c").collect())

# probe: strings.base64_roundtrip
df = spark.sql("SELECT base64('Spark') AS a, CAST(unbase64('U3Bhcms=') AS STRING) AS b")
print(df.dtypes); print(df.collect())

# probe: strings.hex_unhex
print(spark.sql("SELECT hex('AB') AS a, hex(255) AS b, CAST(unhex('4142') AS STRING) AS c").collect())

# probe: strings.md5_sha
print(spark.sql("SELECT md5('abc') AS a, sha1('abc') AS b, sha2('abc', 256) AS c, crc32('abc') AS d").collect())

# probe: strings.encode_decode
df = spark.sql("SELECT encode('abc', 'UTF-8') AS a, decode(encode('héllo', 'UTF-8'), 'UTF-8') AS b")
print(df.dtypes); print(df.collect())

# probe: strings.string_compare_order
df = spark.createDataFrame([("b",), ("B",), ("a",), ("",), (None,), ("ab",)], "s string")
print([r.s for r in df.orderBy("s").collect()])

# probe: strings.string_compare_ops
print(spark.sql("SELECT 'a' < 'b' AS a, 'B' < 'a' AS b, 'abc' = 'abc ' AS c, 'abc' <=> NULL AS d").collect())

# probe: strings.cast_string_to_int_ansi
print(spark.sql("SELECT CAST(' 42 ' AS INT) AS a, CAST('7' AS BIGINT) AS b").collect())

# probe: strings.cast_invalid_string_to_int
spark.sql("SELECT CAST('abc' AS INT) AS a").collect()

# probe: strings.try_cast_string
print(spark.sql("SELECT try_cast('abc' AS INT) AS a, try_cast('3.5' AS DOUBLE) AS b").collect())

# probe: strings.cast_bool_to_string
df = spark.sql("SELECT CAST(true AS STRING) AS a, CAST(CAST('yes' AS BOOLEAN) AS STRING) AS b, CAST('t' AS BOOLEAN) AS c")
print(df.collect())

# probe: strings.string_plus_number
df = spark.sql("SELECT '1' + 2 AS a, '3' * 2 AS b")
print(df.dtypes); print(df.collect())

# probe: strings.string_decimal_times_int_ansi
spark.sql("SELECT '1.5' * 2 AS b").collect()

# probe: strings.elt_and_coalesce
print(spark.sql("SELECT elt(2, 'a', 'b', 'c') AS a, coalesce(NULL, 'x', 'y') AS b, nvl(NULL, 'z') AS c").collect())

# probe: strings.space_fn
print(spark.sql("SELECT concat('[', space(3), ']') AS a, concat('[', space(-1), ']') AS b").collect())

# probe: strings.mask
print(spark.sql("SELECT mask('AbCd-123') AS a, mask('AbCd-123', 'X', 'x', 'n') AS b").collect())

# probe: strings.lower_upper_unicode
print(spark.sql("SELECT upper('straße') AS a, lower('ÀÉÎ') AS b").collect())

# probe: strings.str_to_map
df = spark.sql("SELECT str_to_map('a:1,b:2') AS m")
print(df.dtypes); print(df.collect())

# probe: strings.sentences
print(spark.sql("SELECT sentences('Hello world. How are you?') AS s").collect())

# probe: strings.to_number
print(spark.sql("SELECT to_number('$1,234.50', '$9,999.99') AS a").collect())

# probe: strings.quote_and_escape
print(spark.sql(r"SELECT 'it''s' AS a, 'tab\there' AS b, length('a\\b') AS c").collect())

# probe: strings.string_agg
df = spark.createDataFrame([(1, "b"), (1, "a"), (2, "c"), (1, None)], "g int, s string")
df.createOrReplaceTempView("str_agg_t")
print(spark.sql("SELECT g, string_agg(s, ',') WITHIN GROUP (ORDER BY s) AS j FROM str_agg_t GROUP BY g ORDER BY g").collect())

# probe: strings.filter_isin_strings
df = spark.createDataFrame([("a",), ("b",), ("c",), (None,)], "s string")
print(df.filter(df.s.isin("a", "c")).orderBy("s").collect())

# probe: strings.when_otherwise_strings
df = spark.createDataFrame([("x", 1), ("y", 5)], ["s", "n"])
print(df.select("s", F.when(df.n > 2, "big").otherwise("small").alias("size")).orderBy("s").collect())

# probe: strings.show_truncate
df = spark.createDataFrame([("a" * 30, "short")], ["long", "s"])
df.show()
df.show(truncate=False)

# probe: strings.show_vertical_unicode
spark.createDataFrame([("日本語", 1), ("é", 2)], ["s", "n"]).orderBy("n").show()

# probe: strings.lit_string_types
df = spark.range(1).select(F.lit("x").alias("a"), F.lit(None).cast("string").alias("b"))
print(df.dtypes); print(df.collect())

# probe: strings.char_varchar_cast
df = spark.sql("SELECT CAST('ab' AS CHAR(4)) AS a, CAST('abcdef' AS VARCHAR(3)) AS b")
print(df.dtypes); print(df.collect())

# probe: strings.luhn_and_is_valid_utf8
print(spark.sql("SELECT luhn_check('79927398713') AS a, is_valid_utf8('abc') AS b").collect())

# probe: strings.collate_compare
print(spark.sql("SELECT 'ABC' COLLATE UTF8_LCASE = 'abc' AS a, 'ABC' = 'abc' AS b").collect())
