# probe: io.csv_no_header_default_schema
df = spark.read.csv(DATA + "/io_people.csv")
print(df.dtypes)
print(df.count())

# probe: io.csv_header_all_strings
df = spark.read.csv(DATA + "/io_people.csv", header=True)
print(df.dtypes)
print(df.orderBy("name").collect())

# probe: io.csv_header_infer_schema
df = spark.read.csv(DATA + "/io_people.csv", header=True, inferSchema=True)
df.printSchema()
print(df.orderBy("name").collect())

# probe: io.csv_option_chain_format_load
df = spark.read.format("csv").option("header", "true").option("inferSchema", "true").load(DATA + "/io_people.csv")
print(df.dtypes)

# probe: io.csv_sep_and_null_value
df = spark.read.csv(DATA + "/io_semicolon.csv", sep=";", header=True, inferSchema=True, nullValue="NA")
print(df.dtypes)
print(df.orderBy("id").collect())

# probe: io.csv_sep_without_null_value
df = spark.read.option("delimiter", ";").csv(DATA + "/io_semicolon.csv", header=True, inferSchema=True)
print(df.dtypes)
print(df.orderBy("id").collect())

# probe: io.csv_explicit_ddl_schema
df = spark.read.csv(DATA + "/io_people.csv", header=True, schema="name string, age int, height double, joined date, active boolean")
print(df.dtypes)
print(df.orderBy("name").collect())

# probe: io.csv_permissive_default
df = spark.read.csv(DATA + "/io_malformed.csv", header=True, schema="id int, amount int, note string")
print(df.orderBy("id").collect())

# probe: io.csv_permissive_corrupt_record_column
df = spark.read.csv(DATA + "/io_malformed.csv", header=True, schema="id int, amount int, note string, _corrupt_record string", mode="PERMISSIVE")
print(df.orderBy("id").collect())

# probe: io.csv_dropmalformed
df = spark.read.csv(DATA + "/io_malformed.csv", header=True, schema="id int, amount int, note string", mode="DROPMALFORMED")
print(df.orderBy("id").collect())

# probe: io.csv_failfast
df = spark.read.csv(DATA + "/io_malformed.csv", header=True, schema="id int, amount int, note string", mode="FAILFAST")
try:
    df.collect()
    print("no error")
except Exception as e:
    print("raised", "MALFORMED_RECORD_IN_PARSING" in str(e))

# probe: io.csv_malformed_infer_schema
df = spark.read.csv(DATA + "/io_malformed.csv", header=True, inferSchema=True)
print(df.dtypes)
print(df.orderBy("id").collect())

# probe: io.csv_quoted_fields_multiline
df = spark.read.csv(DATA + "/io_quoted.csv", header=True, multiLine=True, escape='"')
print(df.orderBy("id").collect())

# probe: io.csv_quoted_fields_single_line
df = spark.read.csv(DATA + "/io_quoted.csv", header=True, escape='"')
print(df.count())
print(df.filter(F.col("id").isin("1", "2")).orderBy("id").collect())

# probe: io.csv_infer_types_from_tmp
import os
p = os.path.join(TMP, "t.csv")
with open(p, "w") as f:
    f.write("i,l,d,b,s,dt,ts\n1,3000000000,1.5,true,x,2024-01-02,2024-01-02 03:04:05\n2,1,2,false,y,2024-12-31,2024-12-31 23:59:59\n")
df = spark.read.csv(p, header=True, inferSchema=True)
print(df.dtypes)
print(df.orderBy("i").collect())

# probe: io.csv_infer_mixed_int_double
import os
p = os.path.join(TMP, "m.csv")
with open(p, "w") as f:
    f.write("a,b\n1,x\n2.5,\n,3\n")
df = spark.read.csv(p, header=True, inferSchema=True)
print(df.dtypes)
print(df.collect())

# probe: io.csv_empty_string_vs_null
import os
p = os.path.join(TMP, "e.csv")
with open(p, "w") as f:
    f.write('a,b\n"",x\n,y\n')
print(spark.read.csv(p, header=True).collect())

# probe: io.csv_comment_and_ignore_whitespace
import os
p = os.path.join(TMP, "c.csv")
with open(p, "w") as f:
    f.write("# a comment\n  a , b \n1,2\n")
print(spark.read.csv(p, comment="#", ignoreLeadingWhiteSpace=True, ignoreTrailingWhiteSpace=True).collect())

# probe: io.csv_custom_date_format
import os
p = os.path.join(TMP, "d.csv")
with open(p, "w") as f:
    f.write("d\n03/04/2024\n31/12/2023\n")
df = spark.read.csv(p, header=True, schema="d date", dateFormat="dd/MM/yyyy")
print(df.orderBy("d").collect())

# probe: io.csv_write_read_roundtrip_header
out = TMP + "/csv"
df = spark.createDataFrame([(1, "a", 1.5), (2, None, None)], "id int, s string, x double")
df.write.csv(out, header=True)
back = spark.read.csv(out, header=True, inferSchema=True)
print(back.dtypes)
print(back.orderBy("id").collect())

# probe: io.csv_write_raw_contents
import glob
df = spark.createDataFrame([(1, "a,b", None), (2, 'q"t', 2.0)], "id int, s string, x double").coalesce(1)
df.write.csv(TMP + "/raw", header=True)
print(sorted(l for p in glob.glob(TMP + "/raw/part-*") for l in open(p).read().splitlines()))

# probe: io.csv_write_null_value_and_sep
import glob
df = spark.createDataFrame([(1, None), (2, "b")], "id int, s string").coalesce(1)
df.write.csv(TMP + "/nv", sep="|", nullValue="NULL")
print(sorted(l for p in glob.glob(TMP + "/nv/part-*") for l in open(p).read().splitlines()))

# probe: io.csv_write_dates_timestamps_raw
import glob, datetime
df = spark.createDataFrame([(datetime.date(2024, 5, 6), datetime.datetime(2024, 5, 6, 7, 8, 9))], "d date, t timestamp")
df.write.csv(TMP + "/dt")
print(sorted(l for p in glob.glob(TMP + "/dt/part-*") for l in open(p).read().splitlines()))

# probe: io.json_read_inferred_schema
df = spark.read.json(DATA + "/io_records.json")
df.printSchema()

# probe: io.json_read_values
df = spark.read.json(DATA + "/io_records.json")
print(df.orderBy("id").collect())

# probe: io.json_20_digit_integer_is_decimal
df = spark.read.json(DATA + "/io_bigint.json")
print(df.dtypes)
print(df.orderBy("id").collect())

# probe: io.json_20_digit_integer_inline
import os
p = os.path.join(TMP, "big.json")
with open(p, "w") as f:
    f.write('{"n": 98765432109876543210}\n{"n": -5}\n')
df = spark.read.json(p)
print(df.dtypes, df.orderBy("n").collect())

# probe: io.json_19_digit_integer_is_long
import os
p = os.path.join(TMP, "l.json")
with open(p, "w") as f:
    f.write('{"n": 9223372036854775807}\n{"n": 3000000000}\n')
df = spark.read.json(p)
print(df.dtypes, df.orderBy("n").collect())

# probe: io.json_prefers_decimal_option
import os
p = os.path.join(TMP, "d.json")
with open(p, "w") as f:
    f.write('{"x": 1.25}\n{"x": 10.5}\n')
print(spark.read.json(p).dtypes, spark.read.json(p, prefersDecimal=True).dtypes)

# probe: io.json_mixed_int_and_float
import os
p = os.path.join(TMP, "m.json")
with open(p, "w") as f:
    f.write('{"x": 1}\n{"x": 2.5}\n{"x": "s"}\n')
df = spark.read.json(p)
print(df.dtypes, df.collect())

# probe: io.json_multiline
df = spark.read.json(DATA + "/io_multiline.json", multiLine=True)
print(df.dtypes, df.orderBy("k").collect())

# probe: io.json_multiline_without_option
df = spark.read.json(DATA + "/io_multiline.json")
print(df.dtypes)

# probe: io.json_permissive_corrupt_record
df = spark.read.json(DATA + "/io_bad.json")
print(df.columns)
print(df.select("id", "v").orderBy("id").collect())

# probe: io.json_dropmalformed
df = spark.read.json(DATA + "/io_bad.json", mode="DROPMALFORMED")
print(df.orderBy("id").collect())

# probe: io.json_failfast
try:
    spark.read.json(DATA + "/io_bad.json", mode="FAILFAST").collect()
    print("no error")
except Exception as e:
    print("raised", "MALFORMED_RECORD_IN_PARSING" in str(e))

# probe: io.json_explicit_schema_type_mismatch
df = spark.read.json(DATA + "/io_records.json", schema="id int, name int")
print(df.orderBy("id").collect())

# probe: io.json_primitives_as_string
df = spark.read.json(DATA + "/io_records.json", primitivesAsString=True)
print(df.dtypes)

# probe: io.json_write_omits_nulls
import glob
df = spark.createDataFrame([(1, None, [1, 2]), (2, "b", None)], "id int, s string, a array<int>").coalesce(1)
df.write.json(TMP + "/j")
print(sorted(l for p in glob.glob(TMP + "/j/part-*") for l in open(p).read().splitlines()))

# probe: io.json_write_read_roundtrip_types
import datetime, decimal
df = spark.createDataFrame([(1, 2.5, decimal.Decimal("1.10"), datetime.date(2024, 2, 29), True)], "i long, d double, m decimal(5,2), dt date, b boolean")
df.write.json(TMP + "/rt")
back = spark.read.json(TMP + "/rt")
print(back.dtypes)
print(back.collect())

# probe: io.json_write_timestamp_raw
import glob, datetime
df = spark.createDataFrame([(datetime.datetime(2024, 1, 2, 3, 4, 5, 600000),)], "t timestamp")
df.write.json(TMP + "/ts")
print(sorted(l for p in glob.glob(TMP + "/ts/part-*") for l in open(p).read().splitlines()))

# probe: io.parquet_roundtrip_types
import datetime, decimal
df = spark.createDataFrame([(1, 2, 2.5, decimal.Decimal("3.14"), "s", datetime.date(2024, 1, 1), datetime.datetime(2024, 1, 1, 1, 1, 1), [1, 2], {"k": 1})],
    "b tinyint, i int, d double, m decimal(10,2), s string, dt date, ts timestamp, a array<int>, mp map<string,int>")
df.write.parquet(TMP + "/p")
back = spark.read.parquet(TMP + "/p")
print(back.dtypes)
print(back.collect())

# probe: io.parquet_roundtrip_nulls_and_struct
df = spark.createDataFrame([(1, None), (2, (5, "x"))], "id int, st struct<a:int,b:string>")
df.write.parquet(TMP + "/p")
print(spark.read.parquet(TMP + "/p").orderBy("id").collect())

# probe: io.parquet_nullable_after_roundtrip
df = spark.range(3)
df.write.parquet(TMP + "/p")
print([(f.name, f.dataType.simpleString(), f.nullable) for f in spark.read.parquet(TMP + "/p").schema.fields])

# probe: io.parquet_format_save_load
spark.range(4).withColumn("sq", F.col("id") * F.col("id")).write.format("parquet").save(TMP + "/fp")
print(spark.read.format("parquet").load(TMP + "/fp").orderBy("id").collect())

# probe: io.parquet_read_with_schema_subset
spark.createDataFrame([(1, "a", 2.0)], "x int, y string, z double").write.parquet(TMP + "/p")
print(spark.read.schema("z double, x int").parquet(TMP + "/p").collect())

# probe: io.text_read_value_column
import os
p = os.path.join(TMP, "t.txt")
with open(p, "w") as f:
    f.write("first line\n\nthird\n")
df = spark.read.text(p)
print(df.dtypes, df.collect())

# probe: io.text_wholetext
import os
p = os.path.join(TMP, "t.txt")
with open(p, "w") as f:
    f.write("a\nb\n")
print(spark.read.text(p, wholetext=True).collect())

# probe: io.text_line_sep
import os
p = os.path.join(TMP, "t.txt")
with open(p, "w") as f:
    f.write("a;b;c")
print(spark.read.text(p, lineSep=";").collect())

# probe: io.text_write_roundtrip
spark.createDataFrame([("x",), ("y",), (None,)], "v string").write.text(TMP + "/t")
print(sorted(spark.read.text(TMP + "/t").collect(), key=str))

# probe: io.text_write_multiple_columns_fails
spark.createDataFrame([("x", 1)], "v string, n int").write.text(TMP + "/t")

# probe: io.text_write_non_string_fails
spark.createDataFrame([(1,)], "n int").write.text(TMP + "/t")

# probe: io.write_mode_error_default
spark.range(1).write.parquet(TMP + "/w")
spark.range(2).write.parquet(TMP + "/w")

# probe: io.write_mode_errorifexists
spark.range(1).write.csv(TMP + "/w")
spark.range(2).write.mode("errorifexists").csv(TMP + "/w")

# probe: io.write_mode_overwrite
spark.range(3).write.parquet(TMP + "/w")
spark.range(10, 12).write.mode("overwrite").parquet(TMP + "/w")
print(spark.read.parquet(TMP + "/w").orderBy("id").collect())

# probe: io.write_mode_append
spark.range(2).write.json(TMP + "/w")
spark.range(5, 6).write.mode("append").json(TMP + "/w")
print(spark.read.json(TMP + "/w").orderBy("id").collect())

# probe: io.write_mode_ignore
spark.range(2).write.csv(TMP + "/w")
spark.range(7, 9).write.mode("ignore").csv(TMP + "/w")
print(sorted(spark.read.csv(TMP + "/w").collect()))

# probe: io.write_mode_invalid
spark.range(1).write.mode("sometimes").parquet(TMP + "/w")

# probe: io.write_append_schema_from_first_read
spark.createDataFrame([(1, "a")], "id int, s string").write.parquet(TMP + "/w")
spark.createDataFrame([(2, "b")], "id int, s string").write.mode("append").parquet(TMP + "/w")
df = spark.read.parquet(TMP + "/w")
print(df.dtypes, df.orderBy("id").collect())

# probe: io.partitionby_directories
import os
df = spark.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "a", 30)], "id int, k string, v int")
df.write.partitionBy("k").parquet(TMP + "/pb")
print(sorted(d for d in os.listdir(TMP + "/pb") if not d.startswith(("_", "."))))

# probe: io.partitionby_read_back_column_order
df = spark.createDataFrame([(1, "a", 10), (2, "b", 20), (3, "a", 30)], "id int, k string, v int")
df.write.partitionBy("k").parquet(TMP + "/pb")
back = spark.read.parquet(TMP + "/pb")
print(back.dtypes)
print(back.orderBy("id").collect())

# probe: io.partitionby_int_partition_type_inferred
df = spark.createDataFrame([(1, 2024), (2, 2025)], "id int, year int")
df.write.partitionBy("year").json(TMP + "/pj")
back = spark.read.json(TMP + "/pj")
print(back.dtypes, back.orderBy("id").collect())

# probe: io.partitionby_null_partition_value
import os
df = spark.createDataFrame([(1, "a"), (2, None)], "id int, k string")
df.write.partitionBy("k").csv(TMP + "/pn")
print(sorted(d for d in os.listdir(TMP + "/pn") if not d.startswith(("_", "."))))
print(spark.read.csv(TMP + "/pn").orderBy("_c0").collect())

# probe: io.partitionby_two_levels_filter
df = spark.createDataFrame([(1, "x", 1), (2, "x", 2), (3, "y", 1)], "id int, a string, b int")
df.write.partitionBy("a", "b").parquet(TMP + "/p2")
back = spark.read.parquet(TMP + "/p2")
print(back.columns)
print(back.filter("a = 'x' AND b = 2").collect())

# probe: io.read_partition_subdirectory
df = spark.createDataFrame([(1, "a"), (2, "b")], "id int, k string")
df.write.partitionBy("k").parquet(TMP + "/ps")
print(spark.read.parquet(TMP + "/ps/k=a").collect())

# probe: io.gzip_sc_textFile
import gzip
with gzip.open(TMP + "/data.txt.gz", "wt") as f:
    f.write("line1\nline2\nline3\n")
print(sc.textFile(TMP + "/data.txt.gz").collect())

# probe: io.gzip_sc_textFile_one_split
import gzip
with gzip.open(TMP + "/data.txt.gz", "wt") as f:
    f.write("".join(f"row {i}\n" for i in range(300)))
r = sc.textFile(TMP + "/data.txt.gz", minPartitions=4)
print(r.getNumPartitions(), r.count(), r.first())

# probe: io.bzip2_sc_textFile
import bz2
with bz2.open(TMP + "/data.txt.bz2", "wt") as f:
    f.write("b1\nb2\n")
print(sc.textFile(TMP + "/data.txt.bz2").collect())

# probe: io.bzip2_sc_textFile_splittable
import bz2
with bz2.open(TMP + "/data.txt.bz2", "wt") as f:
    f.write("".join(f"row {i}\n" for i in range(300)))
r = sc.textFile(TMP + "/data.txt.bz2", minPartitions=4)
lines = r.collect()
print(r.getNumPartitions() > 1, len(lines), len(set(lines)), sorted(lines)[:3])

# probe: io.deflate_sc_textFile
import zlib
with open(TMP + "/data.txt.deflate", "wb") as f:
    f.write(zlib.compress(b"d1\nd2\n"))
print(sc.textFile(TMP + "/data.txt.deflate").collect())

# probe: io.gzip_read_text
import gzip
with gzip.open(TMP + "/t.txt.gz", "wt") as f:
    f.write("hello\nworld\n")
df = spark.read.text(TMP + "/t.txt.gz")
print(df.collect())

# probe: io.gzip_read_text_single_partition
import gzip
with gzip.open(TMP + "/t.txt.gz", "wt") as f:
    f.write("".join(f"line {i}\n" for i in range(500)))
df = spark.read.text(TMP + "/t.txt.gz")
print(df.rdd.getNumPartitions(), df.count())

# probe: io.gzip_read_csv
import gzip
with gzip.open(TMP + "/c.csv.gz", "wt") as f:
    f.write("id,name\n1,ann\n2,bob\n")
df = spark.read.csv(TMP + "/c.csv.gz", header=True, inferSchema=True)
print(df.dtypes, df.orderBy("id").collect())

# probe: io.gzip_read_json
import gzip
with gzip.open(TMP + "/j.json.gz", "wt") as f:
    f.write('{"a": 1, "b": "x"}\n{"a": 2, "b": "y"}\n')
df = spark.read.json(TMP + "/j.json.gz")
print(df.dtypes, df.orderBy("a").collect())

# probe: io.gzip_read_json_big_integer
import gzip
with gzip.open(TMP + "/j.json.gz", "wt") as f:
    f.write('{"n": 12345678901234567890}\n')
df = spark.read.json(TMP + "/j.json.gz")
print(df.dtypes, df.collect())

# probe: io.bzip2_read_text_csv_json
import bz2
with bz2.open(TMP + "/a.txt.bz2", "wt") as f:
    f.write("x,1\ny,2\n")
with bz2.open(TMP + "/b.json.bz2", "wt") as f:
    f.write('{"k": "v"}\n')
print(spark.read.text(TMP + "/a.txt.bz2").collect())
print(spark.read.csv(TMP + "/a.txt.bz2", inferSchema=True).orderBy("_c0").collect())
print(spark.read.json(TMP + "/b.json.bz2").collect())

# probe: io.gzip_read_directory_mixed
import gzip
with gzip.open(TMP + "/part1.csv.gz", "wt") as f:
    f.write("1,a\n")
with open(TMP + "/part2.csv", "w") as f:
    f.write("2,b\n")
print(spark.read.csv(TMP, schema="n int, s string").orderBy("n").collect())

# probe: io.write_csv_compression_gzip
import glob, gzip
spark.createDataFrame([(1, "a"), (2, "b")], "id int, s string").coalesce(1).write.csv(TMP + "/gz", compression="gzip")
files = glob.glob(TMP + "/gz/part-*")
print([f.endswith(".csv.gz") for f in files])
print(sorted(l for p in files for l in gzip.open(p, "rt").read().splitlines()))
print(spark.read.csv(TMP + "/gz").orderBy("_c0").collect())

# probe: io.write_json_compression_gzip
import glob
spark.createDataFrame([(1, "a")], "id int, s string").coalesce(1).write.json(TMP + "/gz", compression="gzip")
print([f.endswith(".json.gz") for f in glob.glob(TMP + "/gz/part-*")])
print(spark.read.json(TMP + "/gz").collect())

# probe: io.write_text_compression_gzip
import glob, gzip
spark.createDataFrame([("p",), ("q",)], "v string").coalesce(1).write.text(TMP + "/gz", compression="gzip")
files = glob.glob(TMP + "/gz/part-*")
print([f.endswith(".txt.gz") for f in files])
print(sorted(l for p in files for l in gzip.open(p, "rt").read().splitlines()))

# probe: io.write_text_compression_bzip2
import glob, bz2
spark.createDataFrame([("p",), ("q",)], "v string").coalesce(1).write.text(TMP + "/bz", compression="bzip2")
files = glob.glob(TMP + "/bz/part-*")
print([f.endswith(".txt.bz2") for f in files])
print(sorted(l for p in files for l in bz2.open(p, "rt").read().splitlines()))

# probe: io.write_csv_compression_deflate_readback
import glob
spark.createDataFrame([(1, "a")], "id int, s string").coalesce(1).write.csv(TMP + "/df", compression="deflate")
print([f.endswith(".csv.deflate") for f in glob.glob(TMP + "/df/part-*")])
print(spark.read.csv(TMP + "/df").collect())

# probe: io.write_text_compression_zstd_unavailable
spark.createDataFrame([("z1",), ("z2",)], "v string").write.text(TMP + "/zs", compression="zstd")

# probe: io.write_json_compression_lz4_readback
spark.createDataFrame([(1,), (2,)], "n int").write.json(TMP + "/lz", compression="lz4")
print(spark.read.json(TMP + "/lz").orderBy("n").collect())
print(sorted(sc.textFile(TMP + "/lz").collect()))

# probe: io.write_csv_compression_snappy_readback
spark.createDataFrame([(1, "s")], "n int, s string").write.csv(TMP + "/sn", compression="snappy")
print(spark.read.csv(TMP + "/sn").collect())

# probe: io.write_csv_compression_invalid
spark.range(1).write.csv(TMP + "/x", compression="rar")

# probe: io.parquet_compression_gzip_roundtrip
spark.range(5).write.parquet(TMP + "/pg", compression="gzip")
print(spark.read.parquet(TMP + "/pg").orderBy("id").collect())

# probe: io.read_missing_path
spark.read.csv(TMP + "/does_not_exist.csv").collect()

# probe: io.read_multiple_paths
with open(TMP + "/a.csv", "w") as f:
    f.write("1\n")
with open(TMP + "/b.csv", "w") as f:
    f.write("2\n")
print(spark.read.csv([TMP + "/a.csv", TMP + "/b.csv"], inferSchema=True).orderBy("_c0").collect())

# probe: io.read_glob_pattern
for n in ["x1.json", "x2.json", "y.json"]:
    with open(TMP + "/" + n, "w") as f:
        f.write('{"f": "%s"}\n' % n)
print(spark.read.json(TMP + "/x*.json").orderBy("f").collect())

# probe: io.write_empty_dataframe_csv_header
import glob
spark.createDataFrame([], "a int, b string").write.csv(TMP + "/e", header=True)
print(sorted(l for p in glob.glob(TMP + "/e/part-*") for l in open(p).read().splitlines()))
print(spark.read.csv(TMP + "/e", header=True).columns)

# probe: io.write_success_marker
import os
spark.range(2).write.parquet(TMP + "/s")
print(os.path.exists(TMP + "/s/_SUCCESS"))

# probe: io.csv_header_only_file
with open(TMP + "/h.csv", "w") as f:
    f.write("a,b\n")
df = spark.read.csv(TMP + "/h.csv", header=True, inferSchema=True)
print(df.dtypes, df.collect())

# probe: io.json_empty_lines_and_whitespace
with open(TMP + "/w.json", "w") as f:
    f.write('{"a": 1}\n\n   \n{"a": 2}\n')
print(spark.read.json(TMP + "/w.json").orderBy("a").collect())

# probe: io.json_nested_select
df = spark.read.json(DATA + "/io_records.json")
print(df.select("id", "nested.x", F.size("tags").alias("n")).orderBy("id").collect())

# probe: io.csv_structtype_schema_fewer_columns
df = spark.read.schema(T.StructType([T.StructField("n", T.StringType()), T.StructField("a", T.IntegerType())])).option("header", True).csv(DATA + "/io_people.csv")
print(df.orderBy("n").collect())
