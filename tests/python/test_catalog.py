"""The session catalog and the cache, across processes and across actions.

- Tables, views and databases survive a restart of the shell: `tests/catalog/
  restart_first.py` runs in one process and `restart_second.py` in the next, in the same
  working directory; the second prints what PySpark 4.3.0 printed with its Hive metastore
  (`restart_second.expected`).
- An action on a cached DataFrame does not run its source again: a Python UDF records each
  call in a file.
"""
import os
import subprocess
import textwrap

import pytest

from test_terminal import BINARY

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "catalog")

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def run_script(path, cwd):
    run = subprocess.run([BINARY, "--master", "local[2]", path], capture_output=True, text=True, timeout=300, cwd=cwd, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_tables_survive_a_restart(tmp_path):
    assert run_script(os.path.join(HERE, "restart_first.py"), tmp_path).splitlines() == ["created"]
    assert (tmp_path / "spark-warehouse").is_dir()
    second = run_script(os.path.join(HERE, "restart_second.py"), tmp_path)
    with open(os.path.join(HERE, "restart_second.expected")) as f:
        assert second.splitlines() == f.read().splitlines()


def test_a_cached_dataframe_runs_its_source_once(tmp_path):
    script = tmp_path / "cached.py"
    calls = tmp_path / "calls.txt"
    script.write_text(textwrap.dedent(f"""
        from pyspark.sql import functions as F

        @F.udf("long")
        def traced(x):
            with open({str(calls)!r}, "a") as log:
                log.write("x\\n")
            return x * 10

        def runs():
            return len(open({str(calls)!r}).readlines()) if __import__("os").path.exists({str(calls)!r}) else 0

        df = spark.range(5).select(traced("id").alias("v"))
        df.collect(); df.collect()
        print("uncached", runs())
        df.cache()
        df.collect()
        first = runs()
        df.count(); df.collect(); df.agg(F.sum("v")).collect(); df.filter("v > 10").collect()
        df.selectExpr("v + 1 AS w").collect()
        print("cached", first - 10, runs() - first)
        df.unpersist()
        df.collect()
        print("unpersisted", runs() - first)
    """))
    assert run_script(str(script), tmp_path).splitlines() == ["uncached 10", "cached 5 0", "unpersisted 5"]
