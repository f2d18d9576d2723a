"""``pyspark.core.broadcast``: read-only values shipped once to every task.

The driver pickles the value to a file when the broadcast is created; tasks load it from
that file on first use of ``value`` (PySpark's ``Broadcast`` with its ``_path``).

>>> b = sc.broadcast([1, 2, 3, 4, 5])
>>> b.value
[1, 2, 3, 4, 5]
>>> sc.parallelize([0, 0]).flatMap(lambda x: b.value).collect()
[1, 2, 3, 4, 5, 1, 2, 3, 4, 5]
>>> b.unpersist()

>>> large_broadcast = sc.broadcast(range(10000))
"""
import os
import pickle
import tempfile

from pyspark.errors import PySparkRuntimeError

__all__ = ["Broadcast"]

# Values already loaded in this process, by broadcast id.
_loaded = {}


def _from_path(bid, path):
    broadcast = Broadcast(bid=bid, path=path)
    return broadcast


class Broadcast:
    """A broadcast variable created with ``SparkContext.broadcast``; read it with
    ``value``. Mirrors ``pyspark.Broadcast``.

    Raises
    ------
    PySparkRuntimeError
        ``BROADCAST_VARIABLE_NOT_LOADED`` when read after ``destroy``.
    """

    _next_id = 0

    def __init__(self, sc=None, value=None, pickle_registry=None, path=None, sock_file=None, bid=None):
        if sc is not None:
            Broadcast._next_id += 1
            self._bid = Broadcast._next_id - 1
            handle, self._path = tempfile.mkstemp(prefix="broadcast_", dir=sc._temp_directory())
            with os.fdopen(handle, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            self._value = value
            _loaded[self._bid] = value
        else:
            self._bid = bid
            self._path = path

    @property
    def value(self):
        """The broadcast value."""
        if not hasattr(self, "_value"):
            if self._bid in _loaded:
                self._value = _loaded[self._bid]
            else:
                if self._path is None or not os.path.exists(self._path):
                    raise PySparkRuntimeError(errorClass="BROADCAST_VARIABLE_NOT_LOADED", messageParameters={"variable": str(self._bid)})
                self._value = self.load_from_path(self._path)
                _loaded[self._bid] = self._value
        return self._value

    def dump(self, value, f):
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)

    def load_from_path(self, path):
        with open(path, "rb") as f:
            return self.load(f)

    def load(self, file):
        return pickle.load(file)

    def unpersist(self, blocking=False):
        """Drops the copies held by tasks; the value is loaded again when next used."""

    def destroy(self, blocking=False):
        """Drops the value everywhere; the broadcast can't be used afterwards."""
        if self._path and os.path.exists(self._path):
            os.unlink(self._path)
        _loaded.pop(self._bid, None)
        if hasattr(self, "_value"):
            del self._value
        self._path = None

    def __reduce__(self):
        if self._path is None:
            raise PySparkRuntimeError(errorClass="BROADCAST_VARIABLE_NOT_LOADED", messageParameters={"variable": str(self._bid)})
        return _from_path, (self._bid, self._path)

    def __repr__(self):
        return "<pyspark.core.broadcast.Broadcast object>"
