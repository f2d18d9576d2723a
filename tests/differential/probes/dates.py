# probe: dates.date_format_iso_pattern
df = spark.sql("SELECT date_format(DATE'2024-03-05', 'yyyy-MM-dd') AS s")
print(df.dtypes); print(df.collect())

# probe: dates.date_format_api_ts
df = spark.createDataFrame([("2024-03-05 14:07:09",)], ["s"]).select(F.to_timestamp("s").alias("t"))
print(df.select(F.date_format("t", "dd/MM/yyyy HH:mm:ss").alias("f")).collect())

# probe: dates.date_format_month_names
df = spark.sql("SELECT date_format(DATE'2024-09-01', 'MMM') AS a, date_format(DATE'2024-09-01', 'MMMM') AS b, date_format(DATE'2024-09-01', 'M') AS c")
print(df.collect())

# probe: dates.date_format_day_names
df = spark.sql("SELECT date_format(DATE'2024-09-01', 'E') AS a, date_format(DATE'2024-09-01', 'EEEE') AS b")
print(df.collect())

# probe: dates.date_format_12h_ampm
df = spark.sql("SELECT date_format(TIMESTAMP'2024-01-01 15:04:05', 'hh:mm a') AS a, date_format(TIMESTAMP'2024-01-01 03:04:05', 'h:mm a') AS b")
print(df.collect())

# probe: dates.date_format_fraction
df = spark.sql("SELECT date_format(TIMESTAMP'2024-01-01 10:00:00.123456', 'HH:mm:ss.SSS') AS a, date_format(TIMESTAMP'2024-01-01 10:00:00.123456', 'SSSSSS') AS b")
print(df.collect())

# probe: dates.date_format_day_of_year_and_short_year
df = spark.sql("SELECT date_format(DATE'2024-12-31', 'D') AS a, date_format(DATE'2024-12-31', 'yy') AS b, date_format(DATE'2024-02-03', 'd/M/yy') AS c")
print(df.collect())

# probe: dates.date_format_literal_text
df = spark.sql("SELECT date_format(DATE'2024-02-03', \"yyyy'年'MM'月'\") AS a, date_format(DATE'2024-02-03', \"'Q'Q yyyy\") AS b")
print(df.collect())

# probe: dates.date_format_null
df = spark.sql("SELECT date_format(CAST(NULL AS DATE), 'yyyy') AS a")
print(df.dtypes); print(df.collect())

# probe: dates.date_format_string_input
df = spark.sql("SELECT date_format('2024-07-04', 'MM.dd.yyyy') AS a")
print(df.collect())

# probe: dates.from_unixtime_format
df = spark.sql("SELECT from_unixtime(0, 'yyyy-MM-dd') AS a, from_unixtime(1700000000, 'HH:mm') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.from_unixtime_default
df = spark.sql("SELECT from_unixtime(1700000000) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.from_unixtime_api
df = spark.range(1).select(F.from_unixtime(F.lit(86400 * 365), "yyyy/MM/dd HH:mm:ss").alias("a"))
print(df.dtypes); print(df.collect())

# probe: dates.unix_timestamp_with_format
df = spark.sql("SELECT unix_timestamp('2024-01-01', 'yyyy-MM-dd') AS a, unix_timestamp('01/02/2024 03:04', 'MM/dd/yyyy HH:mm') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.unix_timestamp_default
df = spark.sql("SELECT unix_timestamp('2024-01-01 00:00:01') AS a, unix_timestamp(TIMESTAMP'1970-01-02 00:00:00') AS b")
print(df.collect())

# probe: dates.cast_timestamp_to_long
df = spark.sql("SELECT CAST(TIMESTAMP'2024-01-01 00:00:00' AS BIGINT) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.cast_timestamp_to_double
df = spark.sql("SELECT CAST(TIMESTAMP'1970-01-01 00:00:01.5' AS DOUBLE) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.cast_timestamp_to_long_api
df = spark.createDataFrame([("2000-01-01 12:00:00",)], ["s"]).select(F.to_timestamp("s").cast("long").alias("a"))
print(df.collect())

# probe: dates.cast_fractional_to_timestamp
df = spark.sql("SELECT CAST(1.5 AS TIMESTAMP) AS a, CAST(CAST(-0.25 AS DOUBLE) AS TIMESTAMP) AS b")
print(df.dtypes); print(df.collect())

# probe: dates.cast_int_to_timestamp
df = spark.sql("SELECT CAST(86400 AS TIMESTAMP) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.date_minus_date_interval
df = spark.sql("SELECT DATE'2024-03-01' - DATE'2024-01-31' AS d")
print(df.dtypes); print(df.collect())

# probe: dates.ts_minus_ts_interval
df = spark.sql("SELECT TIMESTAMP'2024-01-02 12:30:00' - TIMESTAMP'2024-01-01 01:00:00' AS d")
print(df.dtypes); print(df.collect())

# probe: dates.ts_minus_ts_show
spark.sql("SELECT TIMESTAMP'2024-01-02 12:30:00' - TIMESTAMP'2024-01-01 01:00:00' AS d").show(truncate=False)

# probe: dates.date_plus_interval_minutes
df = spark.sql("SELECT DATE'2024-01-01' + INTERVAL 90 MINUTES AS t")
print(df.dtypes); print(df.collect())

# probe: dates.date_plus_interval_days
df = spark.sql("SELECT DATE'2024-01-01' + INTERVAL 3 DAYS AS t")
print(df.dtypes); print(df.collect())

# probe: dates.ts_plus_interval_month
df = spark.sql("SELECT TIMESTAMP'2024-01-31 10:00:00' + INTERVAL 1 MONTH AS t")
print(df.dtypes); print(df.collect())

# probe: dates.ts_minus_interval_hours
df = spark.sql("SELECT TIMESTAMP'2024-03-01 01:00:00' - INTERVAL '2' HOUR AS t")
print(df.collect())

# probe: dates.interval_literal_show
spark.sql("SELECT INTERVAL '1-2' YEAR TO MONTH AS ym, INTERVAL '3 04:05:06' DAY TO SECOND AS ds").show(truncate=False)

# probe: dates.cast_timestamp_to_string
df = spark.sql("SELECT CAST(TIMESTAMP'2024-05-06 07:08:09' AS STRING) AS a, CAST(TIMESTAMP'2024-05-06 07:08:09.120' AS STRING) AS b")
print(df.collect())

# probe: dates.cast_timestamp_to_string_api
df = spark.createDataFrame([("2024-05-06 00:00:00",)], ["s"]).select(F.to_timestamp("s").cast("string").alias("a"))
print(df.collect())

# probe: dates.cast_date_to_string
df = spark.sql("SELECT CAST(DATE'0999-01-02' AS STRING) AS a, CAST(DATE'2024-12-31' AS STRING) AS b")
print(df.collect())

# probe: dates.date_part_dow
df = spark.sql("SELECT date_part('dow', DATE'2024-09-01') AS a, date_part('dow', DATE'2024-09-07') AS b, date_part('dow', DATE'2024-09-02') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.date_part_dow_iso
df = spark.sql("SELECT date_part('dow_iso', DATE'2024-09-01') AS a, extract(DAYOFWEEK FROM DATE'2024-09-01') AS b, extract(DAYOFWEEK_ISO FROM DATE'2024-09-01') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.extract_fields
df = spark.sql("SELECT extract(YEAR FROM TIMESTAMP'2024-05-06 07:08:09.5') AS y, extract(DOY FROM DATE'2024-12-31') AS doy, extract(SECOND FROM TIMESTAMP'2024-05-06 07:08:09.5') AS s")
print(df.dtypes); print(df.collect())

# probe: dates.date_part_week_quarter
df = spark.sql("SELECT date_part('week', DATE'2021-01-03') AS w, date_part('quarter', DATE'2024-08-15') AS q")
print(df.collect())

# probe: dates.string_to_date_year_only
df = spark.sql("SELECT CAST('2024' AS DATE) AS a, CAST('2024-07' AS DATE) AS b")
print(df.dtypes); print(df.collect())

# probe: dates.string_to_date_compact_digits
df = spark.sql("SELECT try_cast('20240101' AS DATE) AS a")
print(df.collect())

# probe: dates.string_to_date_with_time_suffix
df = spark.sql("SELECT CAST('2024-07-04T10:00:00' AS DATE) AS a, CAST('2024-7-4' AS DATE) AS b, CAST(' 2024-07-04 ' AS DATE) AS c")
print(df.collect())

# probe: dates.string_to_date_invalid_ansi
df = spark.sql("SELECT CAST('2024-13-01' AS DATE) AS a")
print(df.collect())

# probe: dates.string_to_timestamp_forms
df = spark.sql("SELECT CAST('2024-07-04' AS TIMESTAMP) AS a, CAST('2024-07-04T10:11' AS TIMESTAMP) AS b, CAST('2024-07-04 10:11:12.5' AS TIMESTAMP) AS c")
print(df.dtypes); print(df.collect())

# probe: dates.current_timestamp_type
print(spark.sql("SELECT current_timestamp() AS t, current_date() AS d, now() AS n").dtypes)

# probe: dates.current_timestamp_api_type
print(spark.range(1).select(F.current_timestamp().alias("t"), F.current_date().alias("d")).dtypes)

# probe: dates.timestamp_literal_type
print(spark.sql("SELECT TIMESTAMP'2024-01-01 00:00:00' AS t, to_timestamp('2024-01-01') AS u").dtypes)

# probe: dates.timestamp_ntz_literal
df = spark.sql("SELECT TIMESTAMP_NTZ'2024-01-01 10:00:00' AS t, to_timestamp_ntz('2024-01-01 10:00:00') AS u")
print(df.dtypes); print(df.collect())

# probe: dates.create_df_datetime_type
import datetime
df = spark.createDataFrame([(datetime.datetime(2024, 1, 2, 3, 4, 5), datetime.date(2024, 1, 2))], ["t", "d"])
print(df.dtypes); print(df.collect())

# probe: dates.date_add_sub
df = spark.sql("SELECT date_add(DATE'2024-02-28', 2) AS a, date_sub(DATE'2024-03-01', 1) AS b, date_add(DATE'2024-01-01', -1) AS c")
print(df.dtypes); print(df.collect())

# probe: dates.date_add_api_column_days
df = spark.createDataFrame([("2024-01-31", 1), ("2024-12-31", 365)], ["d", "n"])
print(df.select(F.date_add(F.to_date("d"), F.col("n").cast("int")).alias("r")).orderBy("r").collect())

# probe: dates.date_add_string_input
df = spark.sql("SELECT date_add('2024-01-01', 10) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.dateadd_alias
df = spark.sql("SELECT dateadd(DATE'2024-01-01', 7) AS a")
print(df.collect())

# probe: dates.datediff_basic
df = spark.sql("SELECT datediff(DATE'2024-03-01', DATE'2024-02-01') AS a, datediff(DATE'2024-01-01', DATE'2024-12-31') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.datediff_api_timestamps
df = spark.createDataFrame([("2024-01-02 23:00:00", "2024-01-01 01:00:00")], ["a", "b"])
print(df.select(F.datediff(F.to_timestamp("a"), F.to_timestamp("b")).alias("d")).collect())

# probe: dates.add_months_end_of_month
df = spark.sql("SELECT add_months(DATE'2024-01-31', 1) AS a, add_months(DATE'2024-02-29', 12) AS b, add_months(DATE'2024-03-31', -1) AS c")
print(df.dtypes); print(df.collect())

# probe: dates.months_between_rounded
df = spark.sql("SELECT months_between(DATE'2024-03-15', DATE'2024-01-01') AS a, months_between(DATE'2024-01-01', DATE'2024-03-15', false) AS b")
print(df.dtypes); print(df.collect())

# probe: dates.months_between_last_days
df = spark.sql("SELECT months_between(DATE'2024-02-29', DATE'2024-01-31') AS a, months_between(TIMESTAMP'2024-01-01 12:00:00', TIMESTAMP'2024-01-01 00:00:00') AS b")
print(df.collect())

# probe: dates.last_day
df = spark.sql("SELECT last_day(DATE'2024-02-10') AS a, last_day(DATE'2023-02-10') AS b, last_day('2024-12-01') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.next_day
df = spark.sql("SELECT next_day(DATE'2024-09-01', 'Mon') AS a, next_day(DATE'2024-09-01', 'sunday') AS b, next_day(DATE'2024-09-01', 'TU') AS c")
print(df.collect())

# probe: dates.next_day_invalid
df = spark.sql("SELECT next_day(DATE'2024-09-01', 'xyz') AS a")
print(df.collect())

# probe: dates.trunc_date
df = spark.sql("SELECT trunc(DATE'2024-08-15', 'MM') AS a, trunc(DATE'2024-08-15', 'YEAR') AS b, trunc(DATE'2024-08-15', 'week') AS c, trunc(DATE'2024-08-15', 'Q') AS d")
print(df.dtypes); print(df.collect())

# probe: dates.trunc_invalid_unit
df = spark.sql("SELECT trunc(DATE'2024-08-15', 'DD') AS a")
print(df.collect())

# probe: dates.date_trunc_units
df = spark.sql("SELECT date_trunc('HOUR', TIMESTAMP'2024-08-15 10:45:30') AS a, date_trunc('month', TIMESTAMP'2024-08-15 10:45:30') AS b, date_trunc('week', TIMESTAMP'2024-08-15 10:45:30') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.date_trunc_api_on_date
df = spark.createDataFrame([("2024-08-15",)], ["s"]).select(F.date_trunc("year", F.to_date("s")).alias("t"))
print(df.dtypes); print(df.collect())

# probe: dates.to_date_with_format
df = spark.sql("SELECT to_date('15/08/2024', 'dd/MM/yyyy') AS a, to_date('Aug 15 2024', 'MMM dd yyyy') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.to_date_api_default
df = spark.createDataFrame([("2024-08-15",), ("2024-8-5",)], ["s"])
print(df.select(F.to_date("s").alias("d")).orderBy("d").collect())

# probe: dates.to_date_unparseable
df = spark.sql("SELECT to_date('not a date') AS a")
print(df.collect())

# probe: dates.to_date_from_timestamp
df = spark.sql("SELECT to_date(TIMESTAMP'2024-08-15 23:59:59') AS a")
print(df.dtypes); print(df.collect())

# probe: dates.try_to_timestamp_bad
df = spark.sql("SELECT try_to_timestamp('garbage') AS a, try_to_timestamp('2024-01-01 10:00', 'yyyy-MM-dd HH:mm') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.to_timestamp_with_format
df = spark.sql("SELECT to_timestamp('2024-08-15 10:45', 'yyyy-MM-dd HH:mm') AS a, to_timestamp('20240815104530', 'yyyyMMddHHmmss') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.to_timestamp_fraction_format
df = spark.sql("SELECT to_timestamp('2024-08-15 10:45:30.123', 'yyyy-MM-dd HH:mm:ss.SSS') AS a")
print(df.collect())

# probe: dates.to_timestamp_api
df = spark.createDataFrame([("08/15/2024 01:02:03 PM",)], ["s"])
print(df.select(F.to_timestamp("s", "MM/dd/yyyy hh:mm:ss a").alias("t")).collect())

# probe: dates.to_timestamp_numeric
df = spark.sql("SELECT to_timestamp(0) AS a, timestamp_seconds(1.25) AS b, timestamp_millis(1500) AS c, timestamp_micros(1) AS d")
print(df.dtypes); print(df.collect())

# probe: dates.unix_conversions
df = spark.sql("SELECT unix_seconds(TIMESTAMP'1970-01-01 00:01:00') AS a, unix_millis(TIMESTAMP'1970-01-01 00:00:01.5') AS b, unix_date(DATE'1970-01-11') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.year_month_day_api
df = spark.createDataFrame([("2024-02-29",)], ["s"]).select(F.to_date("s").alias("d"))
print(df.select(F.year("d"), F.month("d"), F.dayofmonth("d"), F.dayofyear("d")).collect())

# probe: dates.dayofweek_weekday
df = spark.sql("SELECT dayofweek(DATE'2024-09-01') AS a, dayofweek(DATE'2024-09-07') AS b, weekday(DATE'2024-09-01') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.weekofyear_boundaries
df = spark.sql("SELECT weekofyear(DATE'2021-01-01') AS a, weekofyear(DATE'2024-12-30') AS b, weekofyear(DATE'2024-06-15') AS c")
print(df.collect())

# probe: dates.quarter
df = spark.sql("SELECT quarter(DATE'2024-01-01') AS a, quarter(DATE'2024-04-01') AS b, quarter(DATE'2024-12-31') AS c")
print(df.dtypes); print(df.collect())

# probe: dates.hour_minute_second
df = spark.sql("SELECT hour(TIMESTAMP'2024-01-01 13:14:15') AS h, minute(TIMESTAMP'2024-01-01 13:14:15') AS m, second(TIMESTAMP'2024-01-01 13:14:15.9') AS s")
print(df.dtypes); print(df.collect())

# probe: dates.make_date
df = spark.sql("SELECT make_date(2024, 2, 29) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.make_date_invalid
df = spark.sql("SELECT make_date(2023, 2, 29) AS a")
print(df.collect())

# probe: dates.make_timestamp
df = spark.sql("SELECT make_timestamp(2024, 1, 2, 3, 4, 5.5) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.make_interval_show
spark.sql("SELECT make_interval(1, 2, 0, 3, 4, 5, 6.5) AS i").show(truncate=False)

# probe: dates.make_dt_interval
df = spark.sql("SELECT make_dt_interval(1, 2, 3, 4.5) AS i")
print(df.dtypes); print(df.collect())

# probe: dates.make_ym_interval
df = spark.sql("SELECT make_ym_interval(2, 3) AS i")
print(df.dtypes); df.show(truncate=False)

# probe: dates.date_from_unix_date
df = spark.sql("SELECT date_from_unix_date(19000) AS a")
print(df.dtypes); print(df.collect())

# probe: dates.filter_by_date_range
df = spark.createDataFrame([("2024-01-05",), ("2024-02-05",), ("2024-03-05",)], ["s"]).select(F.to_date("s").alias("d"))
print(df.filter((F.col("d") >= "2024-02-01") & (F.col("d") < F.lit("2024-03-31"))).orderBy("d").collect())

# probe: dates.date_compare_timestamp
df = spark.sql("SELECT DATE'2024-01-01' < TIMESTAMP'2024-01-01 00:00:01' AS a, DATE'2024-01-01' = TIMESTAMP'2024-01-01 00:00:00' AS b")
print(df.collect())

# probe: dates.date_sort_with_nulls
df = spark.createDataFrame([("2024-03-01",), (None,), ("2023-12-31",)], ["s"]).select(F.to_date("s").alias("d"))
print(df.orderBy(F.col("d").desc_nulls_last()).collect())

# probe: dates.group_by_month
df = spark.createDataFrame([("2024-01-05", 1), ("2024-01-20", 2), ("2024-02-01", 5)], ["s", "v"])
df.groupBy(F.date_format(F.to_date("s"), "yyyy-MM").alias("m")).agg(F.sum("v").alias("t")).orderBy("m").show()

# probe: dates.show_date_timestamp
spark.sql("SELECT DATE'2024-01-02' AS d, TIMESTAMP'2024-01-02 03:04:05.678' AS t, TIMESTAMP'2024-01-02 00:00:00' AS z").show()

# probe: dates.date_trunc_quarter_minute
df = spark.sql("SELECT date_trunc('QUARTER', TIMESTAMP'2024-08-15 10:45:30') AS a, date_trunc('MINUTE', TIMESTAMP'2024-08-15 10:45:30.9') AS b")
print(df.collect())

# probe: dates.date_diff_alias_and_timestampdiff
df = spark.sql("SELECT date_diff(DATE'2024-03-01', DATE'2024-02-01') AS a, timestampdiff(HOUR, TIMESTAMP'2024-01-01 00:00:00', TIMESTAMP'2024-01-02 06:30:00') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.timestampadd
df = spark.sql("SELECT timestampadd(MONTH, 1, TIMESTAMP'2024-01-31 00:00:00') AS a, timestampadd(MINUTE, 90, DATE'2024-01-01') AS b")
print(df.dtypes); print(df.collect())

# probe: dates.to_utc_from_utc
df = spark.sql("SELECT from_utc_timestamp(TIMESTAMP'2024-01-01 12:00:00', 'Asia/Tokyo') AS a, to_utc_timestamp(TIMESTAMP'2024-01-01 12:00:00', 'America/New_York') AS b")
print(df.collect())

# probe: dates.date_format_timezone_name
df = spark.sql("SELECT date_format(TIMESTAMP'2024-01-01 12:00:00', 'yyyy-MM-dd HH:mm:ss XXX') AS a")
print(df.collect())

# probe: dates.window_time_bucket
df = spark.createDataFrame([("2024-01-01 10:07:00", 1), ("2024-01-01 10:12:00", 2), ("2024-01-01 10:21:00", 3)], ["s", "v"])
df = df.groupBy(F.window(F.to_timestamp("s"), "10 minutes")).agg(F.sum("v").alias("t"))
print(df.select("window.start", "window.end", "t").orderBy("start").collect())

# probe: dates.date_col_plus_int_sql
df = spark.sql("SELECT DATE'2024-01-30' + 3 AS a, DATE'2024-01-30' - 31 AS b")
print(df.dtypes); print(df.collect())

# probe: dates.cast_date_to_timestamp_and_back
df = spark.sql("SELECT CAST(DATE'2024-01-30' AS TIMESTAMP) AS a, CAST(TIMESTAMP'2024-01-30 23:59:59' AS DATE) AS b")
print(df.dtypes); print(df.collect())

# probe: dates.cast_date_to_int_error
df = spark.sql("SELECT CAST(DATE'2024-01-30' AS INT) AS a")
print(df.collect())

# probe: dates.dayname_monthname
df = spark.sql("SELECT dayname(DATE'2024-09-01') AS a, monthname(DATE'2024-09-01') AS b")
print(df.collect())

# probe: dates.interval_multiply_divide
df = spark.sql("SELECT INTERVAL '2' DAY * 3 AS a, INTERVAL '3' MONTH / 2 AS b")
print(df.dtypes); df.show(truncate=False)

# probe: dates.min_max_dates
df = spark.createDataFrame([("2024-03-01",), ("2023-12-31",), ("2024-01-15",)], ["s"]).select(F.to_date("s").alias("d"))
print(df.agg(F.min("d"), F.max("d"), F.count("d")).collect())

# probe: dates.date_between
df = spark.sql("SELECT DATE'2024-02-15' BETWEEN DATE'2024-02-01' AND DATE'2024-02-29' AS a, DATE'2024-03-15' BETWEEN '2024-02-01' AND '2024-02-29' AS b")
print(df.collect())

# probe: dates.date_minus_date_show
spark.sql("SELECT DATE'2024-03-01' - DATE'2024-01-31' AS d, DATE'2024-01-01' - DATE'2024-01-02' AS e").show()
spark.sql("SELECT DATE'2024-03-01' - DATE'2024-01-31'").printSchema()

# probe: dates.dataframe_date_minus_date
import datetime
df = spark.createDataFrame([(datetime.date(2024, 3, 1), datetime.date(2024, 1, 31))], "a date, b date")
out = df.select(F.col("a") - F.col("b"), (F.col("b") - F.col("a")).alias("back"))
print(out.dtypes); print(out.collect())

# probe: dates.typed_literal_names
import datetime
print(spark.sql("SELECT DATE'2024-1-5', TIMESTAMP'2024-01-05 03:04:05.5', X'0AFF'").columns)
print(spark.range(1).select(F.lit(datetime.datetime(2024, 1, 5, 3, 4, 5)), F.lit(b"\x0a")).columns)
