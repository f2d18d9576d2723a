#!/usr/bin/env python3
"""Record what a real PySpark web UI REST API (/api/v1/...) returns.

Starts a local SparkSession, runs a few small jobs (a sort-merge join with a
shuffle, an RDD reduceByKey, a cached DataFrame), then fetches a set of REST
endpoints from the driver's UI and saves the responses as pretty-printed JSON
fixtures, so other code can match the real field names.

Usage (from any scratch directory; Spark writes spark-warehouse/ to the cwd):
    V=$HOME/.cache/ember-spark/venv/bin/python
    PYSPARK_PYTHON=$V $V scripts/record-spark-ui.py [OUT_DIR]

OUT_DIR defaults to tests/data/spark_ui next to this script's repo root.
Only the standard library and pyspark are used.
"""

import json
import os
import sys
import urllib.error
import urllib.request

from pyspark.sql import SparkSession
from pyspark.sql.functions import col

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT_DIR = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    REPO_ROOT, "tests", "data", "spark_ui")

# Lists in /environment that are truncated to keep the fixture small and free
# of machine-specific details (paths, user names, ...).
ENV_LISTS = ("sparkProperties", "hadoopProperties", "systemProperties",
             "metricsProperties", "classpathEntries")
ENV_KEEP = 5


def fetch(url):
    """GET url; return (status, content type, body text).

    HTTP errors (4xx/5xx) are returned rather than raised.
    """
    try:
        with urllib.request.urlopen(url, timeout=30) as resp:
            return (resp.status, resp.headers.get("Content-Type"),
                    resp.read().decode("utf-8"))
    except urllib.error.HTTPError as err:
        return (err.code, err.headers.get("Content-Type"),
                err.read().decode("utf-8", "replace"))


def fetch_json(url):
    status, _, body = fetch(url)
    if status != 200:
        raise RuntimeError(f"GET {url} -> {status}: {body[:200]}")
    return json.loads(body)


def save_json(name, data):
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        json.dump(data, f, indent=2, sort_keys=False)
        f.write("\n")
    print("wrote", path)


def save_text(name, url):
    """Save the HTTP status and (short) body of a request expected to fail."""
    status, ctype, body = fetch(url)
    path = os.path.join(OUT_DIR, name)
    with open(path, "w") as f:
        f.write("GET /api/v1" + url.split("/api/v1", 1)[1] + "\n")
        f.write(f"HTTP status: {status}\n")
        f.write(f"Content-Type: {ctype}\n")
        f.write("Body:\n")
        f.write(body[:2000].rstrip() + "\n")
    print("wrote", path, status)


def run_workload(spark):
    sc = spark.sparkContext

    # 1. DataFrame join; broadcast disabled -> SortMergeJoin with exchanges.
    sc.setJobGroup("g1", "a described job")
    left = spark.range(1000).withColumn("k", col("id") % 10)
    right = spark.createDataFrame([(i, f"name{i}") for i in range(10)],
                                  ["k", "name"])
    joined = left.join(right, "k")
    joined.groupBy("name").count().collect()
    # PySpark has no clearJobGroup(); unset the properties setJobGroup set.
    for key in ("spark.jobGroup.id", "spark.job.description",
                "spark.job.interruptOnCancel"):
        sc.setLocalProperty(key, None)

    # 2. RDD job with a shuffle.
    sc.parallelize(range(100), 4).map(lambda x: (x % 3, x)) \
        .reduceByKey(lambda a, b: a + b).collect()

    # 3. Cache a DataFrame so /storage/rdd has an entry.
    cached = spark.range(500).withColumn("sq", col("id") * col("id"))
    cached.cache()
    cached.count()
    return cached


def record(base):
    """Fetch every endpoint below base (".../api/v1") and write fixtures."""
    apps = fetch_json(f"{base}/applications")
    save_json("applications.json", apps)
    app = f"{base}/applications/{apps[0]['id']}"

    jobs = fetch_json(f"{app}/jobs")
    save_json("jobs.json", jobs)
    first_job = min(j["jobId"] for j in jobs)
    save_json("job.json", fetch_json(f"{app}/jobs/{first_job}"))

    stages = fetch_json(f"{app}/stages")
    save_json("stages.json", stages)
    # Pick the completed stage with the most tasks: the most detail.
    done = [s for s in stages if s["status"] == "COMPLETE"] or stages
    stage_id = max(done, key=lambda s: s["numTasks"])["stageId"]
    save_json("stage.json", fetch_json(f"{app}/stages/{stage_id}"))
    status, _, body = fetch(f"{app}/stages/{stage_id}/0/taskList")
    if status == 200:
        save_json("tasks.json", json.loads(body))
    else:
        print(f"taskList -> {status}, not saved")

    sql = fetch_json(f"{app}/sql?details=true")
    save_json("sql.json", sql)
    if sql:
        save_json("sql_one.json", fetch_json(f"{app}/sql/{sql[0]['id']}"))

    env = fetch_json(f"{app}/environment")
    for key in ENV_LISTS:
        if isinstance(env.get(key), list):
            env[key] = env[key][:ENV_KEEP]
    save_json("environment.json", env)

    save_json("executors.json", fetch_json(f"{app}/executors"))
    save_json("allexecutors.json", fetch_json(f"{app}/allexecutors"))
    save_json("storage_rdd.json", fetch_json(f"{app}/storage/rdd"))
    save_json("version.json", fetch_json(f"{base}/version"))

    save_text("unknown_app.txt", f"{base}/applications/nope/jobs")
    save_text("unknown_job.txt", f"{app}/jobs/99999")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    spark = (SparkSession.builder
             .master("local[2]")
             .appName("ember-ui-record")
             .config("spark.ui.port", "4040")  # Spark tries 4041... if taken
             .config("spark.sql.autoBroadcastJoinThreshold", "-1")
             .getOrCreate())
    try:
        run_workload(spark)
        ui = spark.sparkContext.uiWebUrl
        print("Spark UI at", ui)
        record(ui.rstrip("/") + "/api/v1")
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
