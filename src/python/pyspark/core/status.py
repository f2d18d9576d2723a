"""``sc.statusTracker()``: job and stage progress from Ember's jobs model, which both the
DataFrame engine and the RDD engine feed. Mirrors ``pyspark.core.status`` (Spark's
``SparkStatusTracker``)."""
from typing import List, NamedTuple, Optional

__all__ = ["SparkJobInfo", "SparkStageInfo", "StatusTracker"]


class SparkJobInfo(NamedTuple):
    """A job: its id, the ids of its stages, and its status (``RUNNING``, ``SUCCEEDED``,
    ``FAILED``)."""

    jobId: int
    stageIds: List[int]
    status: str


class SparkStageInfo(NamedTuple):
    """A stage: ids, Spark's name (``count at <stdin>:3``) and task counts."""

    stageId: int
    currentAttemptId: int
    name: str
    numTasks: int
    numActiveTasks: int
    numCompletedTasks: int
    numFailedTasks: int


class StatusTracker:
    """Low-level status of jobs and stages (Spark's ``SparkStatusTracker``). Like Spark's,
    its answers may change between calls; the last 1000 jobs are kept
    (``spark.ui.retainedJobs``).

    Examples
    --------
    >>> sc.addJobTag("status-docs")
    >>> sc.parallelize([1, 2], 2).count()
    2
    >>> sc.removeJobTag("status-docs")
    >>> tracker = sc.statusTracker()
    >>> [tracker.getJobInfo(j).status for j in tracker.getJobIdsForTag("status-docs")]
    ['SUCCEEDED']
    >>> tracker.getActiveJobsIds()
    []
    """

    def __init__(self, native=None):
        if native is None:
            from pyspark import _native as native
        self._native = native

    def getJobIdsForGroup(self, jobGroup: Optional[str] = None) -> List[int]:
        """The ids of the known jobs of ``jobGroup`` (``sc.setJobGroup``); with None, of
        the jobs that have no group. Running, failed and finished jobs alike."""
        return [job[0] for job in self._native.jobs_info() if job[3] == jobGroup]

    def getJobIdsForTag(self, jobTag: str) -> List[int]:
        """The ids of the known jobs that carry ``jobTag`` (``sc.addJobTag``, ``spark.addTag``)."""
        return [job[0] for job in self._native.jobs_info() if jobTag in job[4]]

    def getActiveStageIds(self) -> List[int]:
        """The ids of the stages running now, sorted."""
        return sorted(self._native.active_stage_ids())

    def getActiveJobsIds(self) -> List[int]:
        """The ids of the jobs running now, sorted."""
        return sorted(job[0] for job in self._native.jobs_info() if job[2] == "RUNNING")

    def getJobInfo(self, jobId: int) -> Optional[SparkJobInfo]:
        """A ``SparkJobInfo``, or None for an unknown job."""
        for job in self._native.jobs_info():
            if job[0] == jobId:
                return SparkJobInfo(job[0], list(job[1]), job[2])
        return None

    def getStageInfo(self, stageId: int) -> Optional[SparkStageInfo]:
        """A ``SparkStageInfo``, or None for an unknown stage."""
        stage = self._native.stage_info(stageId)
        if stage is None:
            return None
        stage_id, _job, name, tasks, running, completed, failed = stage[:7]
        return SparkStageInfo(stage_id, 0, name, tasks, running, completed, failed)

    def getExecutorInfos(self):
        """Ember has no executors apart from the driver: an empty list."""
        return []
