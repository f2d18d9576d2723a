"""Raw DataFusion (its Python bindings, no Spark semantics) on the TPC-H queries of
tests/tpch/queries, for benches/tpch.sh. Writes OUT_DIR/timings.txt as run_queries.py does.

Usage: python benches/tpch_datafusion.py DATA_DIR OUT_DIR
"""
import os
import sys
import time

from datafusion import SessionContext

HERE = os.path.dirname(os.path.abspath(__file__))
QUERIES = os.path.join(HERE, "..", "tests", "tpch", "queries")
TABLES = ["customer", "lineitem", "nation", "orders", "part", "partsupp", "region", "supplier"]


def main(data_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    context = SessionContext()
    for table in TABLES:
        context.register_parquet(table, os.path.join(data_dir, table + ".parquet"))
    timings = []
    for number in range(1, 23):
        name = "q%02d" % number
        with open(os.path.join(QUERIES, name + ".sql")) as f:
            # DataFusion's views are not TEMPORARY; the rest of the text is standard SQL.
            text = f.read().replace("create temporary view", "create view")
        start = time.perf_counter()
        for statement in [s.strip() for s in text.split(";") if s.strip()]:
            context.sql(statement).collect()
        timings.append("%s %.3f" % (name, time.perf_counter() - start))
    with open(os.path.join(out_dir, "timings.txt"), "w") as f:
        f.write("\n".join(timings) + "\n")


main(*sys.argv[1:3])
