"""The web UI and Spark's REST API (src/ui): the token and its cookie, the server bound to
127.0.0.1 only, the port moving on when taken, ``spark.ui.enabled=false``, and field names
that match a response recorded from PySpark 4.3.0's :4040 (tests/data/spark_ui). Needs
the built binary (PYSPARK_BIN, else target/release/pyspark)."""
import json
import os
import socket
import subprocess
import textwrap
import time
import urllib.error
import urllib.request

import pytest

from test_terminal import BINARY

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")

RECORDED = os.path.join(os.path.dirname(__file__), "..", "data", "spark_ui")


def recorded(name):
    with open(os.path.join(RECORDED, name)) as handle:
        return json.load(handle)


# A join with a shuffle, an RDD job with a shuffle in a described job group, and a cached
# DataFrame; then it tells the test what it knows and waits for the test to finish.
WORKLOAD = """
import json, os, sys, time
from pyspark.sql import functions as F
left = spark.range(0, 1000, numPartitions=4).withColumn("k", F.col("id") % 10)
right = spark.range(0, 10).withColumnRenamed("id", "k").withColumn("name", F.concat(F.lit("n"), F.col("k").cast("string")))
sc.setJobGroup("g1", "a described job")
rows = left.join(right, "k").groupBy("name").count().collect()
sc.parallelize(range(100), 4).map(lambda x: (x % 3, x)).reduceByKey(lambda a, b: a + b).collect()
sc.setLocalProperty("spark.jobGroup.id", None)
sc.setLocalProperty("spark.job.description", None)
cached = spark.range(500).withColumn("sq", F.col("id") * F.col("id")).cache()
cached.count()
tracker = sc.statusTracker()
jobs = {}
for job_id in tracker.getJobIdsForGroup("g1"):
    info = tracker.getJobInfo(job_id)
    jobs[job_id] = [(s, tracker.getStageInfo(s).numTasks, tracker.getStageInfo(s).numCompletedTasks) for s in info.stageIds]
print(json.dumps({"url": sc.uiWebUrl, "app": sc.applicationId, "rows": len(rows), "jobs": jobs}), flush=True)
while not os.path.exists(sys.argv[1]):
    time.sleep(0.05)
"""


class Running:
    """The shell running a script in the background, with what it printed first."""

    def __init__(self, tmp_path, script, *args):
        path = tmp_path / "workload.py"
        path.write_text(textwrap.dedent(script))
        self.done = tmp_path / "done"
        self.process = subprocess.Popen([BINARY, "--master", "local[2]", *args, str(path), str(self.done)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        if not line:
            raise AssertionError("the shell printed nothing: " + self.process.stderr.read())
        self.facts = json.loads(line)
        url = self.facts["url"]
        self.base, _, self.token = url.partition("/?token=")

    def stop(self):
        self.done.write_text("")
        try:
            self.process.wait(timeout=60)
        finally:
            if self.process.poll() is None:
                self.process.kill()


@pytest.fixture(scope="module")
def shell(tmp_path_factory):
    running = Running(tmp_path_factory.mktemp("ui"), WORKLOAD)
    yield running
    running.stop()


def get(url, headers=None):
    """(status, headers, body) of a GET that does not follow redirects."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def api(shell, path):
    status, _, body = get(f"{shell.base}/api/v1/applications/{shell.facts['app']}{path}", {"Authorization": f"Bearer {shell.token}"})
    assert status == 200, body
    return json.loads(body)


def test_the_url_has_a_token_on_the_loopback_address(shell):
    assert shell.base.startswith("http://127.0.0.1:")
    assert len(shell.token) == 32 and int(shell.token, 16) >= 0


def test_a_request_without_the_token_is_forbidden(shell):
    for path in ["/", "/jobs/", "/api/v1/applications", "/static/app.js", "/jobs/?token=0123"]:
        status, _, body = get(shell.base + path)
        assert status == 403, (path, status)
        assert "token" in body
    status, _, _ = get(shell.base + "/api/v1/applications", {"Cookie": f"ember_ui_token_{shell.base.rsplit(':', 1)[1]}=wrong"})
    assert status == 403


def test_the_token_is_exchanged_for_a_cookie(shell):
    status, headers, _ = get(f"{shell.base}/jobs/?token={shell.token}")
    assert status == 303
    assert headers["Location"] == "/jobs/"
    cookie = headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    pair = cookie.split(";")[0]
    status, headers, body = get(shell.base + "/jobs/", {"Cookie": pair})
    assert status == 200 and "<title>" in body
    status, _, body = get(shell.base + "/api/v1/version", {"Cookie": pair})
    assert (status, json.loads(body)) == (200, {"spark": "4.3.0"})
    # The REST API takes the token in its query too, for tools.
    status, _, body = get(f"{shell.base}/api/v1/applications?token={shell.token}")
    assert status == 200 and json.loads(body)[0]["id"] == shell.facts["app"]


def test_the_server_listens_on_127_0_0_1_only(shell):
    port = int(shell.base.rsplit(":", 1)[1])
    others = {"127.0.0.2"}
    try:
        others.update(info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET) if not info[4][0].startswith("127.0.0.1"))
    except OSError:
        pass
    for address in sorted(others):
        with socket.socket() as connection:
            connection.settimeout(5)
            with pytest.raises(ConnectionRefusedError):
                connection.connect((address, port))
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass


def keys(value):
    return set(value) if isinstance(value, dict) else set()


def test_jobs_have_sparks_field_names(shell):
    spark_jobs = recorded("jobs.json")
    ember_jobs = api(shell, "/jobs")
    described = [j for j in ember_jobs if j.get("jobGroup") == "g1"]
    plain = [j for j in ember_jobs if "jobGroup" not in j]
    assert described and plain
    spark_described = next(j for j in spark_jobs if "jobGroup" in j)
    spark_plain = next(j for j in spark_jobs if "jobGroup" not in j)
    assert keys(described[0]) == keys(spark_described)
    assert keys(plain[0]) == keys(spark_plain)
    # Newest first, as Spark lists them.
    ids = [j["jobId"] for j in ember_jobs]
    assert ids == sorted(ids, reverse=True)
    one = api(shell, f"/jobs/{described[0]['jobId']}")
    assert one == described[0] or (one["jobId"], keys(one)) == (described[0]["jobId"], keys(described[0]))


def test_stages_and_tasks_have_sparks_field_names(shell):
    spark_stages = recorded("stages.json")
    ember_stages = api(shell, "/stages")
    spark_complete = next(s for s in spark_stages if s["status"] == "COMPLETE" and "description" in s)
    ember_complete = next(s for s in ember_stages if s["status"] == "COMPLETE" and "description" in s)
    assert keys(ember_complete) == keys(spark_complete)
    assert keys(ember_complete["peakExecutorMetrics"]) == keys(spark_complete["peakExecutorMetrics"])
    detail = api(shell, f"/stages/{ember_complete['stageId']}")
    spark_detail = recorded("stage.json")
    assert isinstance(detail, list) and len(detail) == 1
    assert keys(detail[0]) - {"description"} == keys(spark_detail[0]) - {"description"}
    spark_task = next(iter(spark_detail[0]["tasks"].values()))
    ember_task = next(iter(detail[0]["tasks"].values()))
    assert keys(ember_task) == keys(spark_task)
    assert keys(ember_task["taskMetrics"]) == keys(spark_task["taskMetrics"])
    for part in ["inputMetrics", "outputMetrics", "shuffleReadMetrics", "shuffleWriteMetrics"]:
        assert keys(ember_task["taskMetrics"][part]) == keys(spark_task["taskMetrics"][part]), part
    spark_summary = next(iter(spark_detail[0]["executorSummary"].values()))
    summaries = detail[0]["executorSummary"]
    assert summaries and all(keys(summary) == keys(spark_summary) for summary in summaries.values())
    assert sum(summary["succeededTasks"] for summary in summaries.values()) == ember_complete["numCompleteTasks"]
    tasks = api(shell, f"/stages/{ember_complete['stageId']}/0/taskList")
    assert [keys(t) for t in tasks] == [keys(spark_task)] * len(tasks)
    assert len(tasks) == ember_complete["numTasks"]


def test_the_stage_counts_agree_with_the_status_tracker(shell):
    stages = {s["stageId"]: s for s in api(shell, "/stages")}
    jobs = {j["jobId"]: j for j in api(shell, "/jobs")}
    assert shell.facts["jobs"]
    for job_id, tracked in shell.facts["jobs"].items():
        assert jobs[int(job_id)]["stageIds"] == [s for s, _, _ in tracked]
        for stage_id, num_tasks, completed in tracked:
            assert (stages[stage_id]["numTasks"], stages[stage_id]["numCompleteTasks"]) == (num_tasks, completed)


def test_sql_executions_have_sparks_field_names_and_the_plans_operators(shell):
    spark_execution = recorded("sql.json")[-1]
    executions = api(shell, "/sql")
    assert executions
    join = next(e for e in executions if any(n["nodeName"] == "HashJoinExec" for n in e["nodes"]))
    assert keys(join) == keys(spark_execution)
    assert keys(join["nodes"][0]) == keys(spark_execution["nodes"][0]) - {"wholeStageCodegenId"}
    assert keys(join["edges"][0]) == keys(spark_execution["edges"][0])
    names = [n["nodeName"] for n in join["nodes"]]
    assert "RepartitionExec" in names and "StageTracker" not in names
    rows = {m["name"]: m["value"] for n in join["nodes"] if n["nodeName"] == "HashJoinExec" for m in n["metrics"]}
    assert rows["output_rows"] == "1000"
    assert api(shell, f"/sql/{join['id']}")["id"] == join["id"]


def test_executors_environment_storage_and_applications(shell):
    spark_executor = recorded("executors.json")[0]
    executors = api(shell, "/allexecutors")
    assert keys(executors[0]) == keys(spark_executor)
    assert executors[0]["id"] == "driver" and executors[0]["peakMemoryMetrics"]["ProcessTreePythonRSSMemory"] > 0
    workers = [e for e in executors if e["id"] != "driver"]
    assert workers and all(int(e["id"]) > 0 for e in workers)
    assert sum(e["completedTasks"] for e in workers) >= 4
    for worker in workers:
        assert set(keys(worker)) - {"removeTime", "removeReason"} == keys(spark_executor)
    environment = api(shell, "/environment")
    assert keys(environment) == keys(recorded("environment.json"))
    assert ["spark.master", "local[2]"] in environment["sparkProperties"]
    assert environment["runtime"]["pythonExecutable"]
    storage = api(shell, "/storage/rdd")
    spark_storage = recorded("storage_rdd.json")[0]
    assert storage and keys(storage[0]) <= keys(spark_storage)
    assert storage[0]["numCachedPartitions"] >= 1 and storage[0]["memoryUsed"] > 0
    status, _, body = get(f"{shell.base}/api/v1/applications?token={shell.token}")
    application = json.loads(body)[0]
    spark_application = recorded("applications.json")[0]
    assert keys(application) == keys(spark_application)
    assert keys(application["attempts"][0]) == keys(spark_application["attempts"][0])


def test_unknown_ids_get_sparks_404s(shell):
    headers = {"Authorization": f"Bearer {shell.token}"}
    status, _, body = get(f"{shell.base}/api/v1/applications/nope/jobs", headers)
    assert (status, body) == (404, "no such app: nope")
    status, _, body = get(f"{shell.base}/api/v1/applications/{shell.facts['app']}/jobs/99999", headers)
    assert (status, body) == (404, "unknown job: 99999")


def test_a_taken_port_moves_the_ui_on_and_the_ui_can_be_turned_off(tmp_path):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        script = "print(sc.uiWebUrl)\n"
        result = subprocess.run([BINARY, "--master", "local[1]", "--conf", f"spark.ui.port={port}"], input=script, capture_output=True, text=True, timeout=60)
        url = result.stdout.strip()
        assert url.startswith("http://127.0.0.1:"), result.stderr
        assert int(url.split(":")[2].split("/")[0]) > port
    result = subprocess.run([BINARY, "--master", "local[1]", "--conf", "spark.ui.enabled=false"], input=script, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "None", result.stderr
    result = subprocess.run([BINARY, "--master", "local[1]", "--conf", "spark.ui.port=abc"], input="print(1)\n", capture_output=True, text=True, timeout=60)
    assert "spark.ui.port should be int, but was abc" in result.stderr


def test_a_new_context_after_stop_shows_its_application_on_the_same_ui():
    script = textwrap.dedent(
        """
        import json, urllib.request
        from pyspark import SparkContext
        first_url, first_id = sc.uiWebUrl, sc.applicationId
        sc.stop()
        import time; time.sleep(0.01)
        second = SparkContext("local[1]", "second")
        base, _, token = second.uiWebUrl.partition("/?token=")
        request = urllib.request.Request(base + "/api/v1/applications", headers={"Authorization": "Bearer " + token})
        apps = json.loads(urllib.request.urlopen(request, timeout=10).read())
        print(second.uiWebUrl == first_url, second.applicationId != first_id, [a["id"] for a in apps] == [second.applicationId], apps[0]["name"])
        """
    )
    result = subprocess.run([BINARY, "--master", "local[1]"], input=script, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "True True True second", result.stderr
