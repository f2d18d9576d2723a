"""The web UI in a browser: headless Chromium (Debian's package) driven by Playwright with
``executable_path``. A shell runs a DataFrame join with a shuffle while the Jobs page is
open; the page shows the job appear and complete without a reload, its stage counts agree
with ``sc.statusTracker()``, and the query's plan opens as a tree of operators. Needs the
built binary (PYSPARK_BIN, else target/release/pyspark); ``scripts/setup.sh`` installs
chromium and playwright."""
import json
import os
import shutil
import subprocess
import textwrap

import pytest

from test_terminal import BINARY

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# In CI (`CI` set) a missing browser or Playwright is a failure: scripts/setup.sh installs them.
if not os.environ.get("CI"):
    pytest.importorskip("playwright.sync_api", reason="scripts/setup.sh installs playwright")
from playwright import sync_api  # noqa: E402

pytestmark = [
    pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first"),
    pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"), reason="scripts/setup.sh installs Debian's chromium"),
]

# Waits for the test's go-ahead, runs a join with a shuffle slowed by a Python UDF (so the
# job is seen running), reports what the status tracker says, and waits to be told to end.
WORKLOAD = """
import json, os, sys, time
from pyspark.sql import functions as F
go, done = sys.argv[1], sys.argv[2]
print(json.dumps({"url": sc.uiWebUrl}), flush=True)
while not os.path.exists(go):
    time.sleep(0.05)
@F.udf("long")
def slow(x):
    time.sleep(0.01)
    return x
left = spark.range(0, 400, numPartitions=4).withColumn("k", slow(F.col("id")) % 10)
right = spark.range(0, 10).withColumnRenamed("id", "k").withColumn("name", F.concat(F.lit("n"), F.col("k").cast("string")))
sc.setJobGroup("ui", "a join with a shuffle")
rows = left.join(right, "k").groupBy("name").count().collect()
tracker = sc.statusTracker()
job_id = max(tracker.getJobIdsForGroup("ui"))
info = tracker.getJobInfo(job_id)
stages = [(s, tracker.getStageInfo(s).numTasks, tracker.getStageInfo(s).numCompletedTasks) for s in info.stageIds]
print(json.dumps({"rows": len(rows), "job": job_id, "status": info.status, "stages": stages}), flush=True)
while not os.path.exists(done):
    time.sleep(0.05)
"""

LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def test_the_jobs_page_follows_a_join_and_opens_its_plan(tmp_path):
    script = tmp_path / "workload.py"
    script.write_text(textwrap.dedent(WORKLOAD))
    go, done = tmp_path / "go", tmp_path / "done"
    process = subprocess.Popen([BINARY, "--master", "local[2]", str(script), str(go), str(done)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = json.loads(process.stdout.readline())["url"]
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            page = browser.new_page()
            page.goto(url)
            # The token was exchanged for a cookie: the address no longer carries it.
            assert page.url.endswith("/jobs/"), page.url
            page.wait_for_selector("#completed-jobs")
            page.evaluate("window.notReloaded = true")
            assert page.locator("tr[data-job-id]").count() == 0
            go.write_text("")
            # The job appears while it runs, then completes, on the same page.
            page.wait_for_selector("#active-jobs tr[data-job-id]", timeout=30000)
            page.wait_for_selector("#completed-jobs tr[data-job-id] td.status-SUCCEEDED", timeout=60000)
            assert page.evaluate("window.notReloaded") is True
            facts = json.loads(process.stdout.readline())
            assert facts["status"] == "SUCCEEDED" and facts["rows"] == 10
            row = page.locator(f'#completed-jobs tr[data-job-id="{facts["job"]}"]')
            cell = row.locator("td.stages")
            assert int(cell.get_attribute("data-total")) == len(facts["stages"])
            assert int(cell.get_attribute("data-done")) == sum(1 for _, tasks, completed in facts["stages"] if tasks == completed)
            # The job's page lists its stages with the tracker's task counts.
            row.locator("a").first.click()
            page.wait_for_selector("table.stages tr[data-stage-id]")
            for stage_id, tasks, completed in facts["stages"]:
                label = page.locator(f'table.stages tr[data-stage-id="{stage_id}"] .progress .label').inner_text()
                assert label.startswith(f"{completed}/{tasks}"), (stage_id, label)
            # The query's plan: a tree of DataFusion operators with their metrics.
            page.click("#job-plan-link")
            page.wait_for_selector("#plan .plan-node")
            names = page.locator("#plan .plan-node").evaluate_all("nodes => nodes.map(n => n.dataset.name)")
            assert "HashJoinExec" in names and "RepartitionExec" in names, names
            join = page.locator('#plan .plan-node[data-name="HashJoinExec"]').first
            assert "output_rows" in join.inner_text()
            assert page.locator("#plan .plan-tree ul ul").count() > 0, "operators are nested under their parents"
            browser.close()
    finally:
        done.write_text("")
        go.write_text("")
        try:
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
