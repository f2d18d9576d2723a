"""Python lambdas given to Spark's higher-order functions: PySpark's checks of the
function. (Their results, from Python and SQL, are compared with PySpark's in
tests/recorded/higher_order.py through test_recorded.)"""
import os

import pytest

from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


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
