"""``pyspark.accumulators``: shared variables that tasks can only add to.

Mirrors PySpark's module. A task gets a copy of each accumulator it references, starting
from the zero value; when the task ends, its copies' values travel back to the driver and
are added there (Spark's accumulator updates), so ``value`` is only read in the driver.

>>> a = sc.accumulator(1)
>>> a.value
1
>>> a.value = 2
>>> a.value
2
>>> a += 5
>>> a.value
7
>>> sc.accumulator(1.0).value
1.0
>>> sc.accumulator(1j).value
1j
>>> rdd = sc.parallelize([1,2,3])
>>> def f(x):
...     global a
...     a += x
...
>>> rdd.foreach(f)
>>> a.value
13
>>> b = sc.accumulator(0)
>>> def g(x):
...     b.add(x)
...
>>> rdd.foreach(g)
>>> b.value
6

>>> rdd = sc.parallelize(range(5))
>>> def h(x):
...     global a
...     a.add(x)
...
>>> rdd.foreach(h)
>>> a.value
23
"""
import pickle

from pyspark.errors import PySparkRuntimeError

__all__ = ["Accumulator", "AccumulatorParam"]

# The driver's accumulators, by id.
_accumulatorRegistry = {}
# The copies deserialized by the running task (None outside tasks).
_task_accumulators = None


def _begin_task():
    global _task_accumulators
    _task_accumulators = {}


def _end_task():
    """The pickled ``{id: value}`` of the task's copies; ends the task."""
    global _task_accumulators
    updates = {aid: accumulator._value for aid, accumulator in (_task_accumulators or {}).items()}
    _task_accumulators = None
    return pickle.dumps(updates) if updates else b""


def _apply_updates(updates):
    """Adds the tasks' updates (pickled dicts) to the driver's accumulators."""
    for data in updates:
        if not data:
            continue
        for aid, value in pickle.loads(data).items():
            accumulator = _accumulatorRegistry.get(aid)
            if accumulator is not None:
                accumulator._value = accumulator.accum_param.addInPlace(accumulator._value, value)


def _deserialize_accumulator(aid, zero_value, accum_param):
    accumulator = Accumulator(aid, zero_value, accum_param, _task_copy=True)
    if _task_accumulators is not None:
        _task_accumulators[aid] = accumulator
    return accumulator


class Accumulator:
    """A shared variable that tasks add to with ``add`` or ``+=``; only the driver reads
    ``value``. Create one with ``SparkContext.accumulator``. Mirrors
    ``pyspark.Accumulator``.

    Raises
    ------
    PySparkRuntimeError
        ``VALUE_NOT_ACCESSIBLE`` when a task reads ``value``.
    """

    def __init__(self, aid, value, accum_param, _task_copy=False):
        self.aid = aid
        self.accum_param = accum_param
        self._value = value
        self._deserialized = _task_copy
        if not _task_copy:
            _accumulatorRegistry[aid] = self

    def __reduce__(self):
        return _deserialize_accumulator, (self.aid, self.accum_param.zero(self._value), self.accum_param)

    @property
    def value(self):
        """The accumulated value (driver only)."""
        if self._deserialized:
            raise PySparkRuntimeError(errorClass="VALUE_NOT_ACCESSIBLE", messageParameters={"value": "Accumulator.value"})
        return self._value

    @value.setter
    def value(self, value):
        if self._deserialized:
            raise PySparkRuntimeError(errorClass="VALUE_NOT_ACCESSIBLE", messageParameters={"value": "Accumulator.value"})
        self._value = value

    def add(self, term):
        """Adds ``term`` to this accumulator's value."""
        self._value = self.accum_param.addInPlace(self._value, term)

    def __iadd__(self, term):
        self.add(term)
        return self

    def __str__(self):
        return str(self._value)

    def __repr__(self):
        return "Accumulator<id=%i, value=%s>" % (self.aid, self._value)


class AccumulatorParam:
    """How to add values of a data type: ``zero(value)`` and ``addInPlace(value1, value2)``.
    Mirrors ``pyspark.AccumulatorParam``.

    >>> from pyspark.accumulators import AccumulatorParam
    >>> class VectorAccumulatorParam(AccumulatorParam):
    ...     def zero(self, value):
    ...         return [0.0] * len(value)
    ...     def addInPlace(self, val1, val2):
    ...         for i in range(len(val1)):
    ...             val1[i] += val2[i]
    ...         return val1
    >>> va = sc.accumulator([1.0, 2.0, 3.0], VectorAccumulatorParam())
    >>> va.value
    [1.0, 2.0, 3.0]
    """

    def zero(self, value):
        raise NotImplementedError

    def addInPlace(self, value1, value2):
        raise NotImplementedError


class AddingAccumulatorParam(AccumulatorParam):
    """Adds with ``+``, starting from ``zero_value``."""

    def __init__(self, zero_value):
        self.zero_value = zero_value

    def zero(self, value):
        return self.zero_value

    def addInPlace(self, value1, value2):
        value1 += value2
        return value1


INT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0)
FLOAT_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0)
COMPLEX_ACCUMULATOR_PARAM = AddingAccumulatorParam(0.0j)
