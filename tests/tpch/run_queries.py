"""Runs TPC-H queries through `spark.sql` over tpchgen-cli Parquet files and writes each
query's result as text: a header of column names, then one line per row, values joined
by `|`, numbers rounded to 2 decimals, dates in ISO form, NULL for None.

Usage, inside Ember's shell (which defines `spark`) or under real PySpark:
    pyspark tests/tpch/run_queries.py DATA_DIR OUT_DIR [q01 ...]
    python tests/tpch/run_queries.py DATA_DIR OUT_DIR [q01 ...]   # PySpark 4.3.0
Writes OUT_DIR/qNN.txt, or OUT_DIR/qNN.error with the error's first line when the query
fails, and OUT_DIR/timings.txt (seconds per query; wall clock, for the benchmark).
"""
import datetime
import decimal
import os
import sys
import time

TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]
HERE = os.path.dirname(os.path.abspath(__file__))


def session():
    try:
        return spark  # noqa: F821 - defined by Ember's shell
    except NameError:
        from pyspark.sql import SparkSession

        built = SparkSession.builder.master("local[2]").config("spark.ui.enabled", "false").getOrCreate()
        built.sparkContext.setLogLevel("OFF")
        return built


def value_text(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, (float, decimal.Decimal)):
        return "%.2f" % round(float(value), 2)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def statements(path):
    with open(path) as f:
        text = f.read()
    return [s.strip() for s in text.split(";") if s.strip()]


def run(spark, name, out_dir):
    """Runs one query file; the last statement's rows are the result."""
    rows, columns = None, None
    for statement in statements(os.path.join(HERE, "queries", name + ".sql")):
        df = spark.sql(statement)
        columns = df.columns
        rows = df.collect()
    lines = ["|".join(columns)] + ["|".join(value_text(v) for v in row) for row in rows]
    with open(os.path.join(out_dir, name + ".txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


def main(argv):
    data_dir, out_dir = argv[0], argv[1]
    names = argv[2:] or ["q%02d" % i for i in range(1, 23)]
    os.makedirs(out_dir, exist_ok=True)
    spark = session()
    for table in TABLES:
        spark.read.parquet(os.path.join(data_dir, table + ".parquet")).createOrReplaceTempView(table)
    timings = []
    for name in names:
        start = time.perf_counter()
        try:
            run(spark, name, out_dir)
        except Exception as error:  # the failure is the result: recorded, not raised
            first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
            with open(os.path.join(out_dir, name + ".error"), "w") as f:
                f.write(type(error).__name__ + ": " + first_line + "\n")
        timings.append("%s %.3f" % (name, time.perf_counter() - start))
    with open(os.path.join(out_dir, "timings.txt"), "w") as f:
        f.write("\n".join(timings) + "\n")


main(sys.argv[1:])
