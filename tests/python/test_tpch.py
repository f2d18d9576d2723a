"""The 22 TPC-H queries, in their standard text (tests/tpch/queries), through `spark.sql`
over tpchgen-cli Parquet at scale factor 0.01. Each query's rows, rounded to 2 decimals,
must equal the rows real PySpark 4.3.0 gave for the same files (tests/tpch/expected,
recorded with tests/tpch/run_queries.py under the connect-server virtualenv's Python).
Needs the built binary and tpchgen-cli (requirements-dev.txt)."""
import os
import shutil
import subprocess
import sysconfig

import pytest

from test_terminal import BINARY

HERE = os.path.dirname(os.path.abspath(__file__))
TPCH = os.path.join(HERE, "..", "tpch")
QUERIES = ["q%02d" % i for i in range(1, 23)]

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def tpchgen():
    found = shutil.which("tpchgen-cli") or os.path.join(sysconfig.get_path("scripts"), "tpchgen-cli")
    if not os.path.exists(found):
        pytest.fail("tpchgen-cli is missing: scripts/setup.sh installs it (requirements-dev.txt)")
    return found


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    data = tmp_path_factory.mktemp("tpch-sf0.01")
    subprocess.run([tpchgen(), "parquet", "-s", "0.01", "--output-dir", str(data)], check=True, capture_output=True)
    out = tmp_path_factory.mktemp("tpch-results")
    run = subprocess.run(
        [BINARY, os.path.join(TPCH, "run_queries.py"), str(data), str(out)],
        capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stderr
    return out


@pytest.mark.parametrize("query", QUERIES)
def test_query_matches_pyspark(results, query):
    error = results / (query + ".error")
    assert not error.exists(), error.read_text()
    with open(os.path.join(TPCH, "expected", query + ".txt")) as f:
        expected = f.read()
    assert (results / (query + ".txt")).read_text() == expected
