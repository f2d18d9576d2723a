"""``pyspark.SparkContext``: the connection to the embedded engine (``sc``).

RDD methods arrive with Ember's RDD scheduler; this class already carries the master,
application name and parallelism.
"""
import getpass
import time

from pyspark.conf import SparkConf
from pyspark.version import __version__

__all__ = ["SparkContext"]


class SparkContext:
    """The entry point to the engine. Mirrors ``pyspark.SparkContext``.

    Examples
    --------
    >>> sc.defaultParallelism >= 1
    True
    """

    _active_spark_context = None

    def __init__(self, master=None, appName=None, sparkHome=None, pyFiles=None, environment=None, batchSize=0, serializer=None, conf=None, gateway=None, jsc=None, profiler_cls=None, udf_profiler_cls=None, memory_profiler_cls=None):
        from pyspark import _native

        self._conf = conf or SparkConf()
        self.master = master or self._conf.get("spark.master", "local[*]")
        self.appName = appName or self._conf.get("spark.app.name", "pyspark-shell")
        self._conf.set("spark.master", self.master).set("spark.app.name", self.appName)
        self._native = _native.Session(self.master)
        self._start_time = int(time.time() * 1000)
        self.applicationId = "local-%d" % self._start_time
        SparkContext._active_spark_context = self

    @classmethod
    def getOrCreate(cls, conf=None, master=None, appName=None):
        """The running SparkContext, created on first use."""
        if cls._active_spark_context is None:
            if conf is not None:
                master = master or conf.get("spark.master")
                appName = appName or conf.get("spark.app.name")
            cls(master=master, appName=appName, conf=conf)
        return cls._active_spark_context

    @property
    def version(self):
        """The Spark version Ember is compatible with."""
        return __version__

    @property
    def defaultParallelism(self):
        """``N`` of ``local[N]``: the number of engine threads."""
        return self._native.parallelism

    @property
    def defaultMinPartitions(self):
        return min(self.defaultParallelism, 2)

    @property
    def startTime(self):
        return self._start_time

    @property
    def sparkUser(self):
        return getpass.getuser

    @property
    def uiWebUrl(self):
        return None

    def getConf(self):
        conf = SparkConf()
        conf.setAll(self._conf.getAll())
        return conf

    def setLogLevel(self, logLevel):
        """Accepted for compatibility; the embedded engine does not log to the console."""

    def setJobDescription(self, value):
        pass

    def setJobGroup(self, groupId, description, interruptOnCancel=False):
        pass

    def stop(self):
        """Kept for compatibility; the embedded engine stops with the shell."""

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.stop()

    def __repr__(self):
        return "<SparkContext master=%s appName=%s>" % (self.master, self.appName)
