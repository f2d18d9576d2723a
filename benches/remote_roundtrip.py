"""The round trip of `spark.range(10).count()` over Spark Connect: Ember (`pyspark
--remote`) beside PySpark 4.3.0's own Connect client, against the same server, timed in
one run. Each side connects once and then times RUNS calls; the medians and their ratio
are printed.

    bash scripts/connect-server.sh start
    python3 benches/remote_roundtrip.py [sc://127.0.0.1:15002]

The PySpark client runs from the server's virtualenv (scripts/connect-server.sh), with
pyspark[connect]==4.3.0 installed there (`pip install "pyspark[connect]==4.3.0"`)."""
import os
import statistics
import subprocess
import sys

URL = sys.argv[1] if len(sys.argv) > 1 else "sc://127.0.0.1:15002"
RUNS = int(os.environ.get("RUNS", "30"))
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EMBER = os.environ.get("PYSPARK_BIN", os.path.join(ROOT, "target", "release", "pyspark"))
CLIENT_PYTHON = os.environ.get("CONNECT_PYTHON", os.path.expanduser("~/.cache/ember-spark/venv/bin/python"))

TIMER = f"""
import time
spark.range(10).count()
times = []
for _ in range({RUNS}):
    start = time.perf_counter()
    assert spark.range(10).count() == 10
    times.append(time.perf_counter() - start)
print(" ".join(repr(t) for t in times))
"""

CLIENT = "from pyspark.sql import SparkSession\nspark = SparkSession.builder.remote(%r).getOrCreate()\n" % URL + TIMER


def times(command, source):
    env = dict(os.environ)
    env.pop("SPARK_REMOTE", None)
    result = subprocess.run(command, input=source, capture_output=True, text=True, env=env, timeout=600)
    if result.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(command), result.stderr[-2000:]))
    return [float(t) for t in result.stdout.split()]


def main():
    ember = times([EMBER, "--remote", URL], TIMER)
    pyspark = times([CLIENT_PYTHON, "-"], CLIENT)
    e, p = statistics.median(ember), statistics.median(pyspark)
    print("spark.range(10).count() round trip, median of %d: Ember %.1f ms, PySpark Connect client %.1f ms, ratio %.2fx" % (RUNS, e * 1000, p * 1000, p / e))


if __name__ == "__main__":
    main()
