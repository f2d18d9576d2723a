"""Spark's higher-order functions (transform, filter, exists, forall, aggregate, reduce,
zip_with, map_filter, transform_keys, transform_values, map_zip_with) from the DataFrame
API with Python lambdas and from SQL with `x -> ...` lambdas. tests/higher_order/cases.py
prints column names, rows and error conditions; tests/higher_order/expected.txt is what
PySpark 4.3.0 printed for it (run with the connect-server virtualenv's Python)."""
import os
import subprocess

import pytest

from test_terminal import BINARY

CASES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "higher_order")

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def test_higher_order_functions_print_what_pyspark_prints():
    run = subprocess.run(
        [BINARY, "--master", "local[2]", os.path.join(CASES, "cases.py")],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stderr
    with open(os.path.join(CASES, "expected.txt")) as f:
        expected = f.read().splitlines()
    assert run.stdout.splitlines() == expected


def test_lambda_parameters_are_checked_in_python():
    from test_rdd import run as pipe

    code, out, err = pipe(
        """
        from pyspark.sql import functions as F
        from pyspark.errors import PySparkValueError
        for f in (lambda *xs: xs[0], lambda x, *, y: x):
            try:
                F.transform("xs", f)
            except PySparkValueError as e:
                print(e.getCondition())
        df = spark.createDataFrame([([1, 2],)], "xs array<int>")
        print(df.select(F.transform("xs", lambda x: x * 2).alias("t")).collect())
        """
    )
    assert code == 0, err
    assert out.splitlines() == [
        "UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION",
        "UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION",
        "[Row(t=[2, 4])]",
    ]
