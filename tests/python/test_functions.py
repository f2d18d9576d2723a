"""`pyspark.sql.functions` on the local engine: PySpark's signatures with their keyword
arguments, the same answer from `F.x(...)` and SQL, and Spark's result names. Expected
values were recorded from PySpark 4.3.0. Needs the built binary (PYSPARK_BIN, else
target/release/pyspark)."""
import os

import pytest

from test_rdd import run
from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def test_first_and_last_take_ignorenulls():
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        df = spark.createDataFrame([(1, None), (1, 5), (2, 7), (2, None)], "k int, v int")
        print(df.groupBy("k").agg(F.first("v", True), F.last("v", ignorenulls=True)).orderBy("k").collect())
        print(str(F.first("v", True)), str(F.last("v")), str(F.approx_count_distinct("v", 0.1)))
        print(spark.range(5).select(F.approx_count_distinct("id", 0.1)).collect())
        df.createOrReplaceTempView("t")
        print(spark.sql("select k, first(v, true), last(v, true) from t group by k order by k").collect())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[Row(k=1, first(v)=5, last(v)=5), Row(k=2, first(v)=7, last(v)=7)]",
        "Column<'first(v, true)'> Column<'last(v, false)'> Column<'approx_count_distinct(v, 0.1)'>",
        "[Row(approx_count_distinct(id)=5)]",
        "[Row(k=1, first(v)=5, last(v)=5), Row(k=2, first(v)=7, last(v)=7)]",
    ]


def test_typeof_names_spark_types_after_spark_typing():
    # The SQL cases are differential probes (casts.typeof_*); this is the DataFrame API.
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        print(spark.range(3).select(F.typeof(F.col("id"))).collect())
        """
    )
    assert code == 0, err
    assert out.strip() == "[Row(typeof(id)='bigint'), Row(typeof(id)='bigint'), Row(typeof(id)='bigint')]"
