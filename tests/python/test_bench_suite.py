"""The benchmark suite's smoke mode (benches/suite.py --smoke): every workload runs on
Ember with tiny inputs, beside the bare-Python baselines, and the suite writes its
results, table and chart. It checks that the suite works, not how fast anything is."""
import json
import os
import re
import subprocess
import sys

import pytest

from test_terminal import BINARY

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WORKLOADS = ["cold_start", "warm_tiny_query", "tpch", "h2o_groupby", "word_count", "lambda_pipeline", "to_pandas", "tpch_spill"]

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


@pytest.fixture(scope="module")
def smoke(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench-smoke")
    env = dict(os.environ, PYSPARK_BIN=BINARY, EMBER_BENCH_CACHE=str(tmp_path_factory.mktemp("bench-cache")))
    run = subprocess.run(
        [sys.executable, os.path.join(ROOT, "benches", "suite.py"), "--smoke", "--engines", "ember,python", "--workloads", ",".join(WORKLOADS), "--out", str(out)],
        capture_output=True, text=True, timeout=900, env=env, stdin=subprocess.DEVNULL,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    with open(out / "results.json") as f:
        return out, json.load(f)


def test_every_workload_ran_on_ember(smoke):
    _, results = smoke
    assert sorted(results["summary"]) == sorted(WORKLOADS)
    for workload in WORKLOADS:
        cell = results["summary"][workload]["ember"]
        assert "error" not in cell, (workload, cell)
        assert cell["seconds"] > 0 and cell["peak_rss"] > 0


def test_results_agree_with_the_python_baseline(smoke):
    _, results = smoke
    # The top words of the RDD word count are collections.Counter's.
    assert results["summary"]["word_count"]["python"]["agrees"] is True
    tpch = results["runs"]["tpch"]["ember"][0]
    # Each TPC-H query's row count is the one PySpark 4.3.0 gave at SF0.01 (tests/tpch/expected).
    expected = {}
    for name in tpch["check"]:
        with open(os.path.join(ROOT, "tests", "tpch", "expected", name + ".txt")) as f:
            expected[name] = len(f.read().splitlines()) - 1
    assert len(tpch["parts"]) == 22 and tpch["check"] == expected
    assert len(results["runs"]["h2o_groupby"]["ember"][0]["parts"]) == 10
    assert results["runs"]["to_pandas"]["ember"][0]["check"] == [10_000, 10_000 * 9_999]
    # TPC-H at SF0.1 under --driver-memory 2g: every query gave rows.
    assert len(results["runs"]["tpch_spill"]["ember"][0]["parts"]) == 22


def test_table_and_chart_are_written(smoke):
    out, _ = smoke
    table = (out / "results.md").read_text()
    assert table.count("\n| ") >= len(WORKLOADS) + 1
    # Python's time over Ember's, whichever is faster.
    assert re.search(r"\| RDD word count \| [0-9.]+ s \| [0-9.]+ s \([0-9.]+x\) \|", table), table
    assert (out / "ratios.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
