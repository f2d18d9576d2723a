"""collect() builds its Rows a column at a time with the cyclic garbage collector paused:
the values are those of the value-at-a-time conversion, and the collector's state is the
caller's again afterwards, also after a failing query."""
import os
import subprocess

PYSPARK = os.environ.get("PYSPARK_BIN", os.path.join(os.path.dirname(__file__), "..", "..", "target", "release", "pyspark"))


def run(script):
    env = dict(os.environ, TZ="UTC")
    result = subprocess.run([PYSPARK, "--master", "local[2]", "--conf", "spark.sql.session.timeZone=UTC"], input=script, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()


def test_typed_columns_and_nulls_come_back_as_python_values():
    lines = run(
        "rows = spark.sql(\"SELECT * FROM VALUES "
        "(1, 2.5D, 'a', true, DATE'2024-02-29', TIMESTAMP'2024-03-01 10:11:12.000013', 7L), "
        "(NULL, NULL, NULL, NULL, NULL, NULL, NULL) AS t(i, f, s, b, d, ts, l)\").collect()\n"
        "print(rows[0])\nprint(rows[1])\nprint([type(v).__name__ for v in rows[0]])\n"
    )
    assert lines == [
        "Row(i=1, f=2.5, s='a', b=True, d=datetime.date(2024, 2, 29), ts=datetime.datetime(2024, 3, 1, 10, 11, 12, 13), l=7)",
        "Row(i=None, f=None, s=None, b=None, d=None, ts=None, l=None)",
        "['int', 'float', 'str', 'bool', 'date', 'datetime', 'int']",
    ]


def test_the_garbage_collector_is_left_as_the_caller_had_it():
    lines = run(
        "import gc\n"
        "print(len(spark.range(50000).collect()), gc.isenabled())\n"
        "gc.disable()\n"
        "print(len(spark.range(10).collect()), gc.isenabled())\n"
        "gc.enable()\n"
        "try:\n"
        "    spark.range(5).selectExpr('assert_true(id < 3)').collect()\n"
        "except Exception as error:\n"
        "    print(type(error).__name__)\n"
        "print(gc.isenabled())\n"
    )
    assert lines == ["50000 True", "10 False", "SparkRuntimeException", "True"]
