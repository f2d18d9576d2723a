"""Accumulators: variables that tasks add to and only the driver reads.

Ember's version of ``pyspark.accumulators``. ``SparkContext.accumulator`` creates one in
the driver and records it here by id. When a task's function refers to an accumulator,
the pickled function carries only the id, a zero value and the way to add; unpickling it
inside the task yields a task-local copy that starts at zero. When the task ends, the
values of its copies are pickled and returned with its result, and the driver adds them
to its own accumulators (``_apply_updates``), which is what Spark's accumulator updates
do. A task that reads ``value`` gets ``VALUE_NOT_ACCESSIBLE``, as in PySpark.

Examples
--------
>>> hits = sc.accumulator(0)
>>> sc.parallelize(range(10), 3).foreach(lambda n: hits.add(n % 2))
>>> hits.value
5
>>> hits += 10
>>> hits
Accumulator<id=..., value=15>
>>> total = sc.accumulator(0.5)
>>> def count_length(word):
...     global total
...     total += len(word)
>>> sc.parallelize(["spark", "ember"]).foreach(count_length)
>>> total.value
10.5
"""
import pickle
from typing import Generic, TypeVar

from pyspark.errors import PySparkRuntimeError

T = TypeVar("T")

# Accumulators created in this (driver) process, keyed by id.
_accumulatorRegistry = {}
# Copies unpickled by the task running now, keyed by id; None when no task is running.
_task_accumulators = None


def _begin_task():
    """Called by the task runner before it unpickles a task's functions."""
    global _task_accumulators
    _task_accumulators = {}


def _end_task():
    """Called by the task runner when the task is over, even after a failure. Returns the
    values of the task's accumulator copies as a pickled ``{id: value}``, or ``b""`` when
    the task touched no accumulator."""
    global _task_accumulators
    copies, _task_accumulators = _task_accumulators, None
    if not copies:
        return b""
    return pickle.dumps({aid: copy._value for aid, copy in copies.items()})


def _apply_updates(updates):
    """Adds what tasks accumulated to the driver's accumulators.

    ``updates`` is an iterable of ``_end_task`` results; empty ones are skipped, as are
    ids the driver does not know.
    """
    for blob in updates:
        if blob:
            for aid, partial in pickle.loads(blob).items():
                target = _accumulatorRegistry.get(aid)
                if target is not None:
                    target._value = target.accum_param.addInPlace(target._value, partial)


def _deserialize_accumulator(aid, zero_value, accum_param):
    """Unpickles an accumulator (the callable named by ``Accumulator.__reduce__``).

    Inside a task, every reference to one accumulator resolves to the same task-local
    copy, whose value is returned to the driver by ``_end_task``. Outside a task the
    result is a detached copy that starts at ``zero_value`` and whose ``value`` cannot be
    read.
    """
    copies = _task_accumulators
    if copies is not None and aid in copies:
        return copies[aid]
    detached = Accumulator._detached(aid, zero_value, accum_param)
    if copies is not None:
        copies[aid] = detached
    return detached


def _inaccessible():
    return PySparkRuntimeError(errorClass="VALUE_NOT_ACCESSIBLE", messageParameters={"value": "Accumulator.value"})


class Accumulator(Generic[T]):
    """A variable that tasks can only add to (mirrors ``pyspark.Accumulator``).

    Create accumulators with ``SparkContext.accumulator`` rather than directly. Tasks call
    ``add(term)`` or use ``+=``; the driver reads and may overwrite ``value``.

    Parameters
    ----------
    aid : int
        The accumulator's id, unique within the context.
    value : object
        The starting value.
    accum_param : AccumulatorParam
        Supplies the zero value handed to tasks and the addition.

    Raises
    ------
    PySparkRuntimeError
        ``VALUE_NOT_ACCESSIBLE`` when ``value`` is read or set inside a task.
    """

    def __init__(self, aid, value, accum_param):
        self.aid, self.accum_param = aid, accum_param
        self._value = value
        self._task_copy = False  # the driver's own accumulator
        _accumulatorRegistry[aid] = self

    @classmethod
    def _detached(cls, aid, zero_value, accum_param):
        """A copy for a task: starts at ``zero_value``, is not registered, and hides its
        value."""
        copy = cls.__new__(cls)
        copy.aid, copy.accum_param = aid, accum_param
        copy._value = zero_value
        copy._task_copy = True
        return copy

    def __reduce__(self):
        # Tasks receive the id and a zero value, never the driver's current total.
        zero = self.accum_param.zero(self._value)
        return _deserialize_accumulator, (self.aid, zero, self.accum_param)

    def _driver_only(self):
        """Raises ``VALUE_NOT_ACCESSIBLE`` when this is a task's copy."""
        if self._task_copy:
            raise _inaccessible()

    @property
    def value(self):
        """The accumulated value; readable and settable in the driver only."""
        self._driver_only()
        return self._value

    @value.setter
    def value(self, value):
        self._driver_only()
        self._value = value

    def add(self, term):
        """Adds ``term`` with the accumulator's ``AccumulatorParam.addInPlace``."""
        param = self.accum_param
        self._value = param.addInPlace(self._value, term)

    def __iadd__(self, term):
        """``acc += term`` is ``acc.add(term)``."""
        self.add(term)
        return self

    def __str__(self):
        return "%s" % (self._value,)

    def __repr__(self):
        return "Accumulator<id={}, value={}>".format(self.aid, self._value)


class AccumulatorParam(Generic[T]):
    """Describes how values of one type accumulate (mirrors ``pyspark.AccumulatorParam``).

    Subclass it and pass an instance to ``SparkContext.accumulator`` for values other
    than ints, floats and complex numbers. Both methods raise ``NotImplementedError``
    here.

    Examples
    --------
    >>> class SetUnion(AccumulatorParam):
    ...     def zero(self, initial):
    ...         return set()
    ...     def addInPlace(self, value1, value2):
    ...         value1 |= value2
    ...         return value1
    >>> seen = sc.accumulator(set(), SetUnion())
    >>> sc.parallelize(["a", "b", "a", "c"], 2).foreach(lambda x: seen.add({x}))
    >>> sorted(seen.value)
    ['a', 'b', 'c']
    """

    def zero(self, value):
        """The neutral value of the type of ``value``: what each task starts from."""
        raise NotImplementedError()

    def addInPlace(self, value1, value2):
        """``value1`` combined with ``value2``; may update ``value1`` and return it."""
        raise NotImplementedError()


class AddingAccumulatorParam(AccumulatorParam[T]):
    """Accumulates with ``+=``, starting tasks from the fixed ``zero_value``; the default
    for ints, floats and complex numbers."""

    def __init__(self, zero_value):
        self.zero_value = zero_value

    def zero(self, value):
        return self.zero_value

    def addInPlace(self, value1, value2):
        value1 += value2
        return value1


INT_ACCUMULATOR_PARAM, FLOAT_ACCUMULATOR_PARAM, COMPLEX_ACCUMULATOR_PARAM = (
    AddingAccumulatorParam(start) for start in (0, 0.0, 0.0j)
)

__all__ = [Accumulator.__name__, AccumulatorParam.__name__]
