"""Spark Connect's progress types, given to progress handlers
(``spark.registerProgressHandler``). Mirrors ``pyspark.sql.connect.shell.progress``."""
import abc
import typing
from dataclasses import dataclass
from typing import Iterable

__all__ = ["StageInfo", "ProgressHandler"]


@dataclass
class StageInfo:
    """One stage of a running operation.

    Attributes
    ----------
    stage_id : int
    num_tasks : int
    num_completed_tasks : int
    num_bytes_read : int
        Input bytes read by the stage's tasks so far (Ember: the Arrow size of the rows
        its scans produced, or of the RDD blocks its tasks read).
    done : bool

    Examples
    --------
    >>> from pyspark.sql.connect.shell.progress import StageInfo
    >>> StageInfo(stage_id=0, num_tasks=2, num_completed_tasks=1, num_bytes_read=64, done=False)
    StageInfo(stage_id=0, num_tasks=2, num_completed_tasks=1, num_bytes_read=64, done=False)
    """

    stage_id: int
    num_tasks: int
    num_completed_tasks: int
    num_bytes_read: int
    done: bool


class ProgressHandler(abc.ABC):
    """What ``spark.registerProgressHandler`` takes: a callable called with keyword
    arguments ``stages`` (list of ``StageInfo``), ``inflight_tasks`` (int),
    ``operation_id`` (str) and ``done`` (bool), while an operation runs and once with
    ``done=True`` at its end."""

    @abc.abstractmethod
    def __call__(
        self,
        stages: typing.Optional[Iterable[StageInfo]],
        inflight_tasks: int,
        operation_id: typing.Optional[str],
        done: bool,
    ) -> None:
        pass
