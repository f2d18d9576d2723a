"""Python UDFs on the local engine: `functions.udf` as a call and as a decorator,
`spark.udf.register` for SQL, Spark's conversion of results that do not fit the return
type (NULL), `PYTHON_EXCEPTION` with the UDF's traceback, and the pickled command that a
Spark Connect server's workers load (`pyspark.cloudpickle`, types rebuilt from JSON).
Needs the built binary (PYSPARK_BIN, else target/release/pyspark)."""
import os

import pytest

from test_rdd import run
from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def test_udfs_on_columns_and_in_sql():
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        from pyspark.sql.types import IntegerType, ArrayType, LongType
        df = spark.createDataFrame([("alice", 3), ("bob", None)], ["name", "n"])
        shout = F.udf(lambda s: s.upper() + "!")
        @F.udf("int")
        def plus_one(x):
            return None if x is None else x + 1
        print(df.select(shout("name"), plus_one(df.n).alias("m")).collect())
        print(df.select(F.udf(lambda x: [x, x], ArrayType(LongType()))("n").alias("l")).collect())
        twice = spark.udf.register("TWICE", lambda x: x * 2 if x is not None else None, IntegerType())
        df.createOrReplaceTempView("t")
        print(spark.sql("SELECT name, twice(n) AS t FROM t ORDER BY name").collect())
        print(df.select(twice("n").alias("d")).collect())
        print(plus_one.func(1), plus_one.returnType, plus_one.evalType, plus_one.deterministic)
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[Row(<lambda>(name)='ALICE!', m=4), Row(<lambda>(name)='BOB!', m=None)]",
        "[Row(l=[3, 3]), Row(l=[None, None])]",
        "[Row(name='alice', t=6), Row(name='bob', t=None)]",
        "[Row(d=6), Row(d=None)]",
        # Spark 4.3 makes a plain udf Arrow-optimized (spark.sql.execution.pythonUDF.arrow.enabled).
        "2 IntegerType() 101 True",
    ]


def test_results_that_do_not_fit_become_null_and_any_value_becomes_a_string():
    # Row-at-a-time UDFs (useArrow=False) make a result that does not fit NULL; Spark 4.3's
    # default Arrow-optimized ones cast it as Arrow does, or raise (recorded from PySpark 4.3).
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        df = spark.range(2)
        print(df.select(F.udf(lambda x: "text", "int", useArrow=False)("id").alias("i"), F.udf(lambda x: x + 0.5, "bigint", useArrow=False)("id").alias("b"),
                        F.udf(lambda x: x == 1)("id").alias("s"), F.udf(lambda x: x)("id").alias("t")).collect())
        print(df.select(F.udf(lambda x: x + 0.5, "bigint")("id").alias("b"), F.udf(lambda x: "7", "int")("id").alias("i")).collect())
        for bad in (lambda x: "text", lambda x: True):
            try:
                df.select(F.udf(bad, "int")("id")).collect()
            except Exception as e:
                print(type(e).__name__, str(e).splitlines()[-1])
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "[Row(i=None, b=None, s='false', t='0'), Row(i=None, b=None, s='true', t='1')]",
        "[Row(b=0, i=7), Row(b=1, i=7)]",
        "PythonException pyarrow.lib.ArrowInvalid: Failed to parse string: 'text' as a scalar of type int32",
        "PythonException pyarrow.lib.ArrowTypeError: Expected integer, got bool",
    ]


def test_an_exception_in_a_udf_is_a_python_exception_and_the_session_goes_on():
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        from pyspark.errors import PythonException
        spark.range(3).createOrReplaceTempView("r")
        bad = F.udf(lambda x: 10 // (x - 1), "int")
        try:
            spark.table("r").select(bad("id")).collect()
        except PythonException as e:
            print(e.getCondition())
            print(str(e).splitlines()[0])
            print(str(e).splitlines()[-2:])
        print(spark.table("r").count())
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "PYTHON_EXCEPTION"
    # PySpark's text: the message and a colon, then the traceback from the user's frames on.
    assert lines[1] == "An exception was thrown from the Python worker:"
    assert lines[2].endswith("'ZeroDivisionError: integer division or modulo by zero']")
    assert "<ember>/" not in lines[2]
    assert lines[3] == "3"


def test_bad_arguments_get_pysparks_errors():
    code, out, err = run(
        """
        from pyspark.sql import functions as F
        from pyspark.errors import PySparkTypeError
        for attempt in (lambda: F.udf(42), lambda: F.udf(len, 42), lambda: spark.udf.register("x", F.udf(len), "int")):
            try:
                attempt()
            except PySparkTypeError as e:
                print(e.getCondition())
        try:
            F.udf(42)
        except PySparkTypeError as e:
            print(str(e) == "[NOT_EXPECTED_TYPE] Argument `func` should be callable, got int.")
        """
    )
    assert code == 0, err
    assert out.split() == ["NOT_EXPECTED_TYPE", "NOT_EXPECTED_TYPE", "CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF", "True"]


def test_the_command_is_pickled_as_pysparks_are():
    code, out, err = run(
        """
        import base64, pickle, pickletools
        from pyspark.sql import functions as F
        from pyspark.sql.types import ArrayType, IntegerType
        column = F.udf(lambda x: [x], ArrayType(IntegerType()))("id")
        command = base64.b64decode(column._expr["command"])
        names = {arg for _, arg, _ in pickletools.genops(command) if isinstance(arg, str)}
        print("pyspark.cloudpickle.cloudpickle" in names, "_parse_datatype_json_string" in names)
        func, return_type = pickle.loads(command)
        print(func(7), return_type, column._expr["return_type"], column._expr["python_ver"] == "%d.%d" % __import__("sys").version_info[:2])
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["True True", "[7] ArrayType(IntegerType(), True) array<int> True"]


def test_udf_batches_run_in_the_worker_processes_on_every_core():
    # local[2]: each batch is cut in two and evaluated by two worker processes at once,
    # none of them the driver; accumulators updated inside the UDF reach the driver, and a
    # failing batch leaves the workers serving the next query.
    code, out, err = run(
        """
        import os
        from pyspark.sql import functions as F
        calls = sc.accumulator(0)
        @F.udf("struct<pid:int,value:bigint>")
        def where(x):
            calls.add(1)
            return (os.getpid(), x * 2)
        rows = spark.range(5000).select(where("id").alias("w")).select("w.*").collect()
        pids = {r.pid for r in rows}
        print(len(pids), os.getpid() in pids, [r.value for r in rows[:3]], rows[-1].value, calls.value)
        boom = F.udf(lambda x: 1 // (x - 4000), "int")
        try:
            spark.range(5000).select(boom("id")).collect()
        except Exception as e:
            print(type(e).__name__, "ZeroDivisionError" in str(e))
        again = spark.range(5000).select(where("id").alias("w")).select("w.*").collect()
        print(len({r.pid for r in again} - pids), sum(r.value for r in again))
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["2 False [0, 2, 4] 9998 5000", "PythonException True", "0 24995000"]


def test_local_1_evaluates_udfs_in_the_driver():
    code, out, err = run(
        """
        import os
        from pyspark.sql import functions as F
        pid = F.udf(lambda x: os.getpid(), "int")
        print({r[0] for r in spark.range(3000).select(pid("id")).collect()} == {os.getpid()})
        """,
        master="local[1]",
    )
    assert code == 0, err
    assert out.strip() == "True"


def test_pandas_udf_batches_are_arrow_pieces_of_at_most_ten_thousand_rows_on_both_workers():
    # spark.sql.execution.arrow.maxRecordsPerBatch (10,000) rows per piece, one piece per
    # worker of local[2]; strings and nulls cross as Arrow and come back unchanged.
    code, out, err = run(
        """
        import os
        import pandas as pd
        from pyspark.sql import functions as F
        @F.pandas_udf("long")
        def size(x: pd.Series) -> pd.Series:
            return pd.Series([len(x) * 1000000 + os.getpid() % 1000000] * len(x))
        rows = spark.range(45000).select(size("id").alias("s")).collect()
        sizes = sorted({r.s // 1000000 for r in rows})
        print(max(sizes) <= 10000, len({r.s % 1000000 for r in rows}))
        @F.pandas_udf("string")
        def shout(s: pd.Series) -> pd.Series:
            return s.str.upper()
        df = spark.createDataFrame([("a",), (None,), ("b",)], ["t"])
        print(df.select(shout("t").alias("u")).collect())
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["True 2", "[Row(u='A'), Row(u=None), Row(u='B')]"]
