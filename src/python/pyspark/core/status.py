"""Job and stage progress for ``SparkContext.statusTracker()``.

Ember's version of ``pyspark.core.status``. The answers come from Ember's jobs registry
(``pyspark._native``), to which DataFrame queries and RDD actions both report their jobs
and stages, so a tracker sees the work of either.
"""
from typing import List, NamedTuple

SparkJobInfo = NamedTuple("SparkJobInfo", [("jobId", int), ("stageIds", List[int]), ("status", str)])
SparkJobInfo.__doc__ = """One job: ``jobId``, the ``stageIds`` of its stages (a list of ints) and
its ``status``: ``"RUNNING"``, ``"SUCCEEDED"`` or ``"FAILED"``.
Mirrors ``pyspark.status.SparkJobInfo``."""

SparkStageInfo = NamedTuple(
    "SparkStageInfo",
    [(field, str if field == "name" else int) for field in (
        "stageId", "currentAttemptId", "name", "numTasks",
        "numActiveTasks", "numCompletedTasks", "numFailedTasks",
    )],
)
SparkStageInfo.__doc__ = """One stage: its ``stageId``, ``currentAttemptId`` (always 0 in Ember,
which does not retry stages), ``name`` as Spark writes it (for example
``"count at <stdin>:1"``), and its task counts: ``numTasks`` in all, then the active,
completed and failed ones. Mirrors ``pyspark.status.SparkStageInfo``."""

SparkExecutorInfo = NamedTuple(
    "SparkExecutorInfo",
    [("host", str)] + [(field, int) for field in (
        "port", "cacheSize", "numRunningTasks",
        "usedOnHeapStorageMemory", "usedOffHeapStorageMemory",
        "totalOnHeapStorageMemory", "totalOffHeapStorageMemory",
    )],
)
SparkExecutorInfo.__doc__ = """One executor's address, running tasks and storage memory, as
PySpark's ``SparkExecutorInfo``. Ember has no executors, so it never makes one."""


class StatusTracker:
    """Reports on jobs and stages (mirrors ``pyspark.StatusTracker``, Spark's
    ``SparkStatusTracker``).

    Obtain one with ``sc.statusTracker()``. The answers are snapshots: they may change
    from one call to the next, and a job is only remembered while it is among the last
    1000 (Spark's default ``spark.ui.retainedJobs``).

    Parameters
    ----------
    native : module, optional
        The jobs registry to ask; ``pyspark._native`` when None.

    Examples
    --------
    >>> sc.addJobTag("tracker-example")
    >>> sc.parallelize(range(6), 3).map(lambda x: x * x).collect()
    [0, 1, 4, 9, 16, 25]
    >>> sc.removeJobTag("tracker-example")
    >>> tracker = sc.statusTracker()
    >>> jobs = [tracker.getJobInfo(i) for i in tracker.getJobIdsForTag("tracker-example")]
    >>> [job.status for job in jobs]
    ['SUCCEEDED']
    >>> stage = tracker.getStageInfo(jobs[0].stageIds[-1])
    >>> stage.numTasks, stage.numCompletedTasks, stage.numFailedTasks
    (3, 3, 0)
    >>> tracker.getJobInfo(10 ** 9) is None, tracker.getActiveJobsIds()
    (True, [])
    """

    def __init__(self, native=None):
        if native is None:
            from pyspark import _native as native
        self._native = native

    def _jobs(self):
        """The known jobs as rows ``(id, stage ids, status, group, tags, ...)``."""
        return self._native.jobs_info()

    def getJobIdsForGroup(self, jobGroup=None):
        """The ids of the remembered jobs, running or finished, of job group
        ``jobGroup`` (set with ``sc.setJobGroup``); when ``jobGroup`` is None, of the jobs
        outside any group. Returns a list of ints."""
        return [row[0] for row in self._jobs() if row[3] == jobGroup]

    def getJobIdsForTag(self, jobTag):
        """The ids of the remembered jobs carrying tag ``jobTag`` (``sc.addJobTag`` or
        ``spark.addTag``). Returns a list of ints."""
        return [row[0] for row in self._jobs() if jobTag in row[4]]

    def getActiveStageIds(self):
        """The ids of the stages running now, in increasing order."""
        return sorted(self._native.active_stage_ids())

    def getActiveJobsIds(self):
        """The ids of the jobs running now, in increasing order."""
        running = (row[0] for row in self._jobs() if row[2] == "RUNNING")
        return sorted(running)

    def getJobInfo(self, jobId):
        """A ``SparkJobInfo`` for job ``jobId``, or None when it is unknown or forgotten."""
        found = next((row for row in self._jobs() if row[0] == jobId), None)
        if found is None:
            return None
        return SparkJobInfo(jobId=found[0], stageIds=list(found[1]), status=found[2])

    def getStageInfo(self, stageId):
        """A ``SparkStageInfo`` for stage ``stageId``, or None when it is unknown."""
        row = self._native.stage_info(stageId)
        if row is None:
            return None
        # Row: id, job id, name, then the total, running, completed and failed tasks.
        sid, name, counts = row[0], row[2], row[3:7]
        return SparkStageInfo(sid, 0, name, *counts)

    def getExecutorInfos(self):
        """The executors' ``SparkExecutorInfo``: an empty list, since Ember runs every
        task in the driver or in its own worker processes."""
        return []


__all__ = [kind.__name__ for kind in (SparkJobInfo, SparkStageInfo, SparkExecutorInfo, StatusTracker)]
