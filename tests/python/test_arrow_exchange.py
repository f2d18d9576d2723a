"""A DataFrame read by Arrow consumers through the Arrow C stream interface
(``__arrow_c_stream__``): pyarrow, polars and duckdb see the same rows, and the export
creates no Python object per row. Needs the built binary (PYSPARK_BIN, else
target/release/pyspark) and pyarrow, polars and duckdb (requirements-dev.txt)."""
import os

import pytest

from test_rdd import run
from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def test_pyarrow_polars_and_duckdb_read_a_dataframe():
    code, out, err = run(
        """
        import pyarrow as pa, polars as pl, duckdb
        df = spark.range(100000).selectExpr("id", "id * 2 AS b", "cast(id % 7 AS string) AS s")
        t = pa.table(df)
        print(t.num_rows, t.schema.names, t.column("b").type, pa.compute.sum(t.column("b")).as_py())
        p = pl.DataFrame(df)
        print(p.shape, [str(d) for d in p.dtypes], p["b"].sum())
        print(duckdb.sql("SELECT count(*), sum(b), count(DISTINCT s) FROM df").fetchall())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "100000 ['id', 'b', 's'] int64 9999900000",
        "(100000, 3) ['Int64', 'Int64', 'String'] 9999900000",
        "[(100000, 9999900000, 7)]",
    ]


def test_the_export_creates_no_python_object_per_row():
    # 200,000 rows cross as Arrow buffers: the Python heap grows by a few objects and a
    # few kilobytes, not by anything proportional to the rows.
    code, out, err = run(
        """
        import gc, tracemalloc
        import pyarrow as pa
        df = spark.range(200000).selectExpr("id", "cast(id AS string) AS s")
        pa.table(df)
        gc.collect(); gc.disable()
        before = len(gc.get_objects())
        tracemalloc.start()
        table = pa.table(df)
        peak = tracemalloc.get_traced_memory()[1]
        grown = len(gc.get_objects()) - before
        print(table.num_rows, grown < 2000, peak < 200000, grown, peak)
        """
    )
    assert code == 0, err
    assert out.split()[:3] == ["200000", "True", "True"], out


def test_to_pandas_receives_numeric_columns_without_a_copy():
    # A numeric result of many engine batches reaches pyarrow as one batch, so that
    # to_pandas can give pandas the engine's own buffers; a text column keeps its batches.
    code, out, err = run(
        """
        import pyarrow as pa
        from pyspark.sql._arrow import _Stream
        numbers = spark.range(0, 300000, 1, 3).selectExpr("id", "id / 2 AS half")
        text = spark.range(0, 300000, 1, 3).selectExpr("cast(id AS string) AS s")
        def chunks(df, contiguous):
            stream = _Stream(df._native.collect_stream(df._json(), contiguous))
            return pa.RecordBatchReader.from_stream(stream).read_all().column(0).num_chunks
        print(chunks(numbers, False) > 1, chunks(numbers, True), chunks(text, True) > 1)
        pdf = numbers.toPandas()
        print(len(pdf), pdf.dtypes.tolist(), pdf["half"].sum(), pdf["id"].is_monotonic_increasing)
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["True 1 True", "300000 [dtype('int64'), dtype('float64')] 22499925000.0 True"]
