"""Jobs, stages and tasks: the console progress bar on a pseudo-terminal (shown during a
job of several seconds, no residue after it), progress handlers, the status tracker, job
groups, and interrupting a running job by tag from a second thread. Needs the built
binary (PYSPARK_BIN, else target/release/pyspark)."""
import os
import re
import subprocess
import textwrap

import pytest

from test_terminal import BINARY
from test_repl import Shell

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")


def piped(script, *args):
    result = subprocess.run([BINARY, "--master", "local[2]", *args], input=textwrap.dedent(script), capture_output=True, text=True, timeout=120)
    return result.returncode, result.stdout, result.stderr


def screen(raw):
    """The lines a terminal shows for ``raw`` output: carriage returns, column moves
    (``ESC [ n G``) and line clears (``ESC [ 2 K``) applied; other sequences dropped."""
    lines, line, column = [], [], 0
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\x1b":
            match = re.match(r"\x1b\[([0-9;?]*)([A-Za-z])", raw[i:])
            if match:
                params, command = match.groups()
                if command == "G":
                    column = int(params or "1") - 1
                elif command == "K" and params == "2":
                    line = []
                i += len(match.group(0))
                continue
            i += 1
            continue
        if c == "\r":
            column = 0
        elif c == "\n":
            lines.append("".join(line).rstrip())
            line, column = [], 0
        else:
            while len(line) <= column:
                line.append(" ")
            line[column] = c
            column += 1
        i += 1
    lines.append("".join(line).rstrip())
    return lines


def test_the_bar_shows_during_a_long_job_and_leaves_no_residue(tmp_path):
    shell = Shell(tmp_path)
    shell.send(b"import time\n")
    raw = shell.send(b"sc.parallelize(range(8), 8).map(lambda x: time.sleep(0.7) or x).count()\n", 60)
    bars = re.findall(r"\[Stage (\d+):[=> ]*\((\d+) \+ (\d+)\) / 8\]", raw)
    assert bars, raw
    assert all(int(done) + int(running) <= 8 for _, done, running in bars)
    assert any(int(done) > 0 for _, done, _ in bars), "the bar moved on as tasks completed"
    shown = screen(raw)
    assert not any("[Stage" in line for line in shown), shown
    assert shown[-2:] == ["8", ">>>"], shown
    # A bar spans the terminal's 100 columns.
    assert any(len(m.group(0)) == 100 for m in re.finditer(r"\[Stage \d+:[=> ]*\(\d+ \+ \d+\) / 8\]", raw))
    assert shell.close() == 0


def test_no_bar_when_turned_off_or_when_stderr_is_not_a_terminal(tmp_path):
    shell = Shell(tmp_path, "--conf", "spark.ui.showConsoleProgress=false")
    shell.send(b"import time\n")
    raw = shell.send(b"sc.parallelize(range(4), 4).map(lambda x: time.sleep(0.5) or x).count()\n", 60)
    assert "[Stage" not in raw and "4" in screen(raw)
    shell.send(b"spark.conf.set('spark.ui.showConsoleProgress', 'true')\n")
    raw = shell.send(b"sc.parallelize(range(4), 4).map(lambda x: time.sleep(0.5) or x).count()\n", 60)
    assert "[Stage" in raw, "spark.conf.set turns the bar on at once"
    assert shell.close() == 0
    code, out, err = piped("import time\nprint(sc.parallelize(range(4), 4).map(lambda x: time.sleep(0.4) or x).count())\n")
    assert code == 0 and out == "4\n" and "[Stage" not in err, err


def test_progress_handlers_are_called_while_jobs_run_and_once_when_done():
    code, out, err = piped(
        """
        import time
        from pyspark.sql.connect.shell.progress import StageInfo
        calls = []
        def handler(stages, inflight_tasks, operation_id, done):
            calls.append((list(stages), inflight_tasks, operation_id, done))
        spark.registerProgressHandler(handler)
        print(sc.parallelize(range(6), 6).map(lambda x: time.sleep(0.3) or x).count())
        running = [c for c in calls if not c[3]]
        print("during", len(running) >= 2, any(c[1] >= 1 for c in running))
        print("final", [c[3] for c in calls].count(True), calls[-1][3], calls[-1][1])
        print("one operation", len({c[2] for c in calls}) == 1, len(calls[-1][2]))
        last = calls[-1][0]
        print("stages", all(isinstance(s, StageInfo) for s in last), [(s.num_tasks, s.num_completed_tasks, s.done) for s in last])
        calls.clear()
        print(spark.range(0, 10000, numPartitions=2).groupBy("id").count().count())
        print("dataframe", calls[-1][3], sum(s.num_tasks for s in calls[-1][0]) >= 2, any(s.num_bytes_read > 0 for s in calls[-1][0]))
        spark.removeProgressHandler(handler)
        calls.clear()
        spark.range(3).count()
        print("removed", calls)
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "6"
    assert lines[1] == "during True True"
    assert lines[2] == "final 1 True 0"
    assert lines[3] == "one operation True 36"
    assert lines[4] == "stages True [(6, 6, True)]"
    assert lines[5] == "10000"
    assert lines[6] == "dataframe True True True"
    assert lines[7] == "removed []"


def test_status_tracker_and_job_groups():
    code, out, err = piped(
        """
        tracker = sc.statusTracker()
        sc.setJobGroup("nightly", "the nightly counts")
        print(sc.parallelize(range(4), 2).count(), spark.range(5).count())
        sc.setJobGroup(None, None)
        ids = tracker.getJobIdsForGroup("nightly")
        print(len(ids), [tracker.getJobInfo(j).status for j in ids])
        rdd_job = tracker.getJobInfo(ids[0])
        stage = tracker.getStageInfo(rdd_job.stageIds[0])
        print(stage.name, stage.numTasks, stage.numCompletedTasks, stage.numActiveTasks, stage.numFailedTasks)
        print(tracker.getActiveJobsIds(), tracker.getActiveStageIds(), tracker.getJobInfo(10**6), tracker.getStageInfo(10**6))
        print(sorted(ids) == ids and ids[1] == ids[0] + 1)
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "4 5"
    assert lines[1] == "2 ['SUCCEEDED', 'SUCCEEDED']"
    assert lines[2] == "count at <stdin>:4 2 2 0 0"
    assert lines[3] == "[] [] None None"
    assert lines[4] == "True"


def test_interrupt_by_tag_from_a_second_thread_stops_only_that_job():
    code, out, err = piped(
        """
        import threading, time
        from pyspark.errors import SparkRuntimeException
        outcome = {}
        def run():
            spark.addTag("long-running")
            try:
                spark.range(0, 100000).crossJoin(spark.range(0, 100000).withColumnRenamed("id", "j")).selectExpr("sum(id * j)").collect()
                outcome["result"] = "finished"
            except SparkRuntimeException as error:
                outcome["result"] = error.getCondition()
        worker = threading.Thread(target=run)
        worker.start()
        while not sc.statusTracker().getActiveJobsIds():
            time.sleep(0.05)
        time.sleep(0.3)
        print(spark.getTags())
        started = time.time()
        stopped = spark.interruptTag("long-running")
        worker.join(30)
        print(len(stopped), len(stopped[0]), outcome, time.time() - started < 5)
        print(spark.interruptTag("long-running"), spark.interruptAll())
        print(spark.range(4).count())
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "set()", "tags belong to the thread that added them"
    assert lines[1] == "1 36 {'result': 'SPARK_JOB_CANCELLED'} True"
    assert lines[2] == "[] []"
    assert lines[3] == "4"


def test_cancel_job_group_stops_a_running_rdd_job_and_bad_tags_are_refused():
    code, out, err = piped(
        """
        import threading, time
        from pyspark.errors import PySparkValueError, SparkRuntimeException
        outcome = {}
        def run():
            sc.setJobGroup("slow", "sleepy tasks")
            try:
                sc.parallelize(range(20), 20).map(lambda x: time.sleep(1) or x).count()
                outcome["result"] = "finished"
            except SparkRuntimeException as error:
                outcome["result"] = str(error)
        worker = threading.Thread(target=run)
        worker.start()
        time.sleep(1.5)
        started = time.time()
        sc.cancelJobGroup("slow")
        worker.join(30)
        print(outcome["result"].startswith("[SPARK_JOB_CANCELLED] Job"), "part of cancelled job group slow" in outcome["result"], time.time() - started < 5)
        print(sc.parallelize([1, 2, 3]).sum())
        for tag in (None, "", "a,b"):
            try:
                spark.addTag(tag)
            except PySparkValueError as error:
                print(error.getCondition())
        """
    )
    assert code == 0, err
    assert out.splitlines() == ["True True True", "6", "CANNOT_BE_NONE", "VALUE_NOT_NON_EMPTY_STR", "VALUE_ALLOWED"]


@pytest.mark.parametrize("module", ["pyspark.core.status", "pyspark.sql.connect.shell.progress", "pyspark.core.context", "pyspark.sql.session"])
def test_the_examples_in_the_docstrings_run_in_the_shell(module):
    code, out, err = piped(
        f"""
        import doctest, importlib
        module = importlib.import_module({module!r})
        result = doctest.testmod(module, extraglobs={{"sc": sc, "spark": spark}}, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        print(result.attempted > 0, result.failed)
        """
    )
    assert code == 0, err
    assert out.splitlines()[-1] == "True 0", out
