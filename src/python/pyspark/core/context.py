"""``pyspark.core.context``: ``SparkContext``, the entry point to Ember's engines (``sc``).

It carries the master, application name and parallelism, and creates RDDs on Ember's RDD
engine (``pyspark._native.RddContext``): tasks run in ``N`` worker processes for
``local[N]`` with N > 1 when cloudpickle is installed, in the driver otherwise.
"""
import os
import pickle
import sys
import time

from typing import TYPE_CHECKING, Iterable, Optional, TypeVar

from pyspark.conf import SparkConf
from pyspark.version import __version__

if TYPE_CHECKING:
    from pyspark.core.rdd import RDD

T = TypeVar("T")

_NO_CLOUDPICKLE = "cloudpickle is not installed, so RDD tasks run in the driver process"

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

        if SparkContext._active_spark_context is not None:
            active = SparkContext._active_spark_context
            raise ValueError(
                "Cannot run multiple SparkContexts at once; existing SparkContext(app=%s, master=%s)"
                " created by __init__" % (active.appName, active.master)
            )
        self._conf = conf or SparkConf()
        self.master = master or self._conf.get("spark.master", "local[*]")
        self.appName = appName or self._conf.get("spark.app.name", "pyspark-shell")
        self._conf.set("spark.master", self.master).set("spark.app.name", self.appName)
        # The one reading of a master (Rust's spark::master); a spark.remote URL is
        # checked by the Spark Connect client's own rules.
        remote = self._conf.get("spark.remote") == self.master
        if remote or _native.parse_master(self.master) == "connect":
            # Spark Connect: DataFrames and SQL run on the server; there is no RDD API.
            import uuid

            self._native = _native.Session.connect(self.master, str(uuid.uuid4()))
            # From here on the connection string is kept without its token.
            self.master = self._native.url
            self._conf.set("spark.master", self.master)
        else:
            # The engine's memory pool and spill folders come from spark.driver.memory,
            # spark.memory.fraction, spark.ember.memory and spark.local.dir.
            self._native = _native.Session(self.master, self._conf.getAll())
        self._rdd_context = None
        self._temp_dir = None
        self._announced = False
        self._py_file_paths = []
        self._checkpoint_dir = None
        self._files = []
        self._archives = []
        self._next_accumulator_id = 0
        self._start_time = int(time.time() * 1000)
        self.applicationId = "local-%d" % self._start_time
        # Spark's web UI (Rust's ui module), on the embedded engine only: a Spark Connect
        # server has its own.
        self._ui_url = None
        if not (remote or self.master.startswith("sc://")):
            from pyspark import _ember_ui

            self._ui_url = _ember_ui.start(self)
        SparkContext._active_spark_context = self
        for path in pyFiles or []:
            self.addPyFile(path)
        for path in filter(None, self._conf.get("spark.submit.pyFiles", "").split(",")):
            self.addPyFile(path)

    @classmethod
    def getOrCreate(cls, conf: Optional["SparkConf"] = None, master: Optional[str] = None, appName: Optional[str] = None) -> "SparkContext":
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

    def sparkUser(self):
        """The user running the shell."""
        import getpass

        return getpass.getuser()

    @property
    def uiWebUrl(self):
        """The web UI's URL with its access token (``http://127.0.0.1:4040/?token=...``),
        or None when ``spark.ui.enabled`` is false or on Spark Connect. Mirrors
        ``SparkContext.uiWebUrl``; the UI listens on 127.0.0.1 only, at ``spark.ui.port``
        or the next free port.

        Returns
        -------
        str or None

        Examples
        --------
        >>> sc.uiWebUrl is None or "/?token=" in sc.uiWebUrl
        True
        """
        return self._ui_url

    def getConf(self):
        """A copy of this context's configuration (``SparkContext.getConf``): changing
        it does not change the running context."""
        return SparkConf().setAll(self._conf.getAll())

    def setLogLevel(self, logLevel):
        """Accepted for compatibility; the embedded engine does not log to the console."""

    def stop(self):
        """Stops the RDD engine's workers and removes its temporary files; the session
        can keep working and starts new ones on demand."""
        self._rdd_context = None
        if SparkContext._active_spark_context is self:
            SparkContext._active_spark_context = None
        if self._temp_dir is not None:
            import shutil

            shutil.rmtree(self._temp_dir, ignore_errors=True)
            self._temp_dir = None

    # ------------------------------------------------------------- RDD engine
    def _temp_directory(self):
        if self._temp_dir is None:
            import tempfile

            self._temp_dir = tempfile.mkdtemp(prefix="ember-")
            # SparkFiles' root, inherited by worker processes started later.
            os.makedirs(os.path.join(self._temp_dir, "files"), exist_ok=True)
            os.environ["EMBER_SPARK_FILES"] = os.path.join(self._temp_dir, "files")
        return self._temp_dir

    def _workers(self):
        """Worker processes for local[N]: N when N > 1 and cloudpickle is found."""
        if self.defaultParallelism <= 1:
            return 0, "RDD tasks run in the driver process (local[1])"
        import importlib.util

        if importlib.util.find_spec("cloudpickle") is None:
            return 0, _NO_CLOUDPICKLE
        return self.defaultParallelism, None

    @property
    def _is_remote(self):
        """Whether this context talks to a Spark Connect server (``--remote``)."""
        return self._native.is_remote

    def _rdd_engine(self):
        if self._is_remote:
            from pyspark.errors import PySparkRuntimeError

            raise PySparkRuntimeError(
                errorClass="UNSUPPORTED_CONNECT_FEATURE.RDD",
                messageParameters={},
                message="[UNSUPPORTED_CONNECT_FEATURE.RDD] Feature is not supported in Spark Connect: "
                "Resilient Distributed Datasets (RDDs). Spark Connect has no RDD API; use the DataFrame "
                "API instead (spark.createDataFrame, spark.read, spark.range).",
            )
        if self._rdd_context is None:
            from pyspark import _native

            workers, self._in_process_reason = self._workers()
            memory = int(self._conf.get("spark.ember.shuffle.memoryBytes", str(512 * 1024 * 1024)))
            spill = os.path.join(self._temp_directory(), "shuffle")
            path = os.pathsep.join(p for p in sys.path if p)
            # F of local[N,F]: the attempts a failing task gets (Spark's local default, 1).
            attempts = _native.max_task_failures(self.master)
            context = _native.RddContext(workers, path, memory, spill, attempts)
            if workers:
                # The workers start while cloudpickle (tens of ms) is imported here.
                context.start_workers()
                try:
                    from pyspark import cloudpickle  # noqa: F401  (what pickles the commands)
                except ImportError:
                    context = _native.RddContext(0, path, memory, spill, attempts)
                    self._in_process_reason = _NO_CLOUDPICKLE
                else:
                    # SQL Python UDFs run in the same worker processes.
                    context.serve_udfs()
            self._rdd_context = context
        return self._rdd_context

    def _announce_execution(self):
        """Says once, on stderr, when tasks run in the driver (local[1], or no cloudpickle)."""
        engine = self._rdd_engine()
        if not self._announced and not engine.uses_workers:
            sys.stderr.write("Ember: %s.\n" % self._in_process_reason)
        self._announced = True

    def _new_rdd(self, rid, kind="ParallelCollectionRDD"):
        from pyspark.core.rdd import RDD

        return RDD(rid, self, kind)

    def parallelize(self, c: Iterable[T], numSlices: Optional[int] = None) -> "RDD[T]":
        """Turns a local collection into an RDD. Mirrors ``SparkContext.parallelize``.

        The records are pickled in batches of ``len(c) // numSlices`` (1 to 1024 records)
        and the batches are shared out between the partitions as PySpark shares them,
        so ``glom()`` shows the same partitions as in PySpark. A ``range`` is not
        materialised: each partition produces its own slice of it.

        Parameters
        ----------
        c : iterable
            Any finite iterable (a list, tuple, set, generator, ``range``...).
        numSlices : int, default ``defaultParallelism``
            The number of partitions.

        Returns
        -------
        RDD
            An RDD of the items of ``c``, in their order.

        Examples
        --------
        >>> sc.parallelize(["ant", "bee", "cat", "dog"], 3).glom().collect()
        [['ant'], ['bee'], ['cat', 'dog']]
        >>> sc.parallelize(range(10, 20, 3), 3).glom().collect()
        [[10], [13], [16, 19]]
        """
        numSlices = self.defaultParallelism if numSlices is None else int(numSlices)
        if isinstance(c, range):
            return self._parallelize_range(c, numSlices)
        items = list(c)
        size = len(c) if "__len__" in dir(c) else len(items)
        batch_size = max(1, min(size // max(numSlices, 1), 1024))
        batches = [pickle.dumps(items[i:i + batch_size], protocol=pickle.HIGHEST_PROTOCOL) for i in range(0, len(items), batch_size)]
        return self._new_rdd(self._rdd_engine().parallelize(batches, numSlices))

    def _parallelize_range(self, values, slices):
        """``parallelize`` of a range: partition ``p`` holds the items from position
        ``int(p * len(values) / slices)`` up to where partition ``p + 1`` starts."""
        length = len(values)
        if length == 0:
            return self.parallelize([], slices)
        first = values[0]
        stride = values.step if length > 1 else 1

        def boundary(index):
            return first + int(index * length / slices) * stride

        def own_slice(index, _ignored):
            return range(boundary(index), boundary(index + 1), stride)

        return self.parallelize([], slices).mapPartitionsWithIndex(own_slice)

    def range(self, start, end=None, step=1, numSlices=None):
        """An RDD of the integers of ``range(start, end, step)``; with ``end`` left out,
        ``start`` is the end and the range starts at 0. Mirrors ``SparkContext.range``.

        Parameters
        ----------
        start : int
        end : int, default None
        step : int, default 1
        numSlices : int, default ``defaultParallelism``

        Returns
        -------
        RDD
            An RDD of ints, spread over ``numSlices`` partitions like ``parallelize``.

        Examples
        --------
        >>> sc.range(4).collect()
        [0, 1, 2, 3]
        >>> sc.range(10, 0, -4).collect()
        [10, 6, 2]
        """
        if end is None:
            start, end = 0, start
        return self.parallelize(range(start, end, step), numSlices)

    def emptyRDD(self):
        """An RDD with no partitions."""
        return self._new_rdd(self._rdd_engine().parallelize([], 0), "EmptyRDD")

    @staticmethod
    def _local_path(path):
        """``path`` without a ``file:`` or ``file://`` scheme."""
        for prefix in ("file://", "file:"):
            if path.startswith(prefix):
                return path[len(prefix):]
        return path

    @staticmethod
    def _expand_paths(name):
        files = []
        for path in str(name).split(","):
            path = SparkContext._local_path(path.strip())
            import glob

            matches = sorted(glob.glob(path)) if glob.has_magic(path) else [path]
            if not matches or not os.path.exists(matches[0]):
                from pyspark.errors import AnalysisException

                raise AnalysisException(
                    errorClass="PATH_NOT_FOUND",
                    messageParameters={"path": "file:" + os.path.abspath(path)},
                )
            for match in matches:
                if os.path.isdir(match):
                    files.extend(sorted(os.path.join(match, f) for f in os.listdir(match) if not f.startswith((".", "_")) and os.path.isfile(os.path.join(match, f))))
                else:
                    files.append(match)
        return files

    def textFile(self, name: str, minPartitions: Optional[int] = None, use_unicode: bool = True) -> "RDD[str]":
        """Reads text files into an RDD with one record per line, without the line
        ends. Mirrors ``SparkContext.textFile``.

        Parameters
        ----------
        name : str
            A file, a directory (its visible files), a glob, or several of these
            joined by commas; a ``file:`` scheme is accepted.
        minPartitions : int, default ``defaultMinPartitions``
            A lower bound on the partitions; files are split as Hadoop's
            ``TextInputFormat`` splits them.
        use_unicode : bool
            Accepted; lines are always ``str``.

        Returns
        -------
        RDD
            An RDD of ``str``.

        Raises
        ------
        AnalysisException
            ``PATH_NOT_FOUND`` when a path does not exist.

        Examples
        --------
        >>> import os, tempfile
        >>> notes = os.path.join(tempfile.mkdtemp(), "notes.txt")
        >>> with open(notes, "w") as handle:
        ...     _ = handle.write("milk\\neggs\\nflour\\n")
        >>> sc.textFile(notes).map(str.upper).collect()
        ['MILK', 'EGGS', 'FLOUR']
        """
        partitions = minPartitions or self.defaultMinPartitions
        return self._new_rdd(self._rdd_engine().text_file(self._expand_paths(name), partitions), "HadoopRDD")

    def wholeTextFiles(self, path, minPartitions=None, use_unicode=True):
        """An RDD of ``(path, content)`` for each file of a directory or glob."""
        return self._whole_files(path, minPartitions, lambda data: data.decode("utf-8", "replace"))

    def _whole_files(self, path, minPartitions, convert):
        """``(file: URI, convert(bytes))`` per file of ``path``, over at most
        ``minPartitions`` partitions (``wholeTextFiles``, ``binaryFiles``)."""
        at_least = minPartitions or self.defaultMinPartitions
        files = ["file:" + os.path.abspath(f) for f in self._expand_paths(path)]

        def read(name):
            with open(name[len("file:"):], "rb") as f:
                return name, convert(f.read())

        return self.parallelize(files, max(1, min(len(files), at_least))).map(read)

    def union(self, rdds):
        """Concatenates RDDs: the partitions of the first, then those of the next, and
        so on; duplicates are kept. Mirrors ``SparkContext.union``.

        Parameters
        ----------
        rdds : list of RDD

        Returns
        -------
        RDD
            With as many partitions as the inputs together.

        Examples
        --------
        >>> fruit = sc.parallelize(["fig", "kiwi"], 1)
        >>> veg = sc.parallelize(["leek", "kale", "fig"], 2)
        >>> both = sc.union([fruit, veg])
        >>> both.collect(), both.getNumPartitions()
        (['fig', 'kiwi', 'leek', 'kale', 'fig'], 3)
        """
        return self._new_rdd(self._rdd_engine().union([rdd._rid for rdd in rdds]), "UnionRDD")

    def broadcast(self, value):
        """Wraps a read-only value that tasks read through ``.value``; it is pickled once
        rather than with every task. Mirrors ``SparkContext.broadcast``.

        Parameters
        ----------
        value : any picklable object

        Returns
        -------
        Broadcast

        Examples
        --------
        >>> prices = sc.broadcast({"tea": 3, "cake": 5})
        >>> sc.parallelize(["cake", "tea", "tea"]).map(lambda item: prices.value[item]).sum()
        11
        """
        from pyspark.core.broadcast import Broadcast

        return Broadcast(self, value)

    def accumulator(self, value, accum_param=None):
        """A shared variable that tasks can only add to and the driver reads with
        ``.value``. Mirrors ``SparkContext.accumulator``.

        Parameters
        ----------
        value : int, float, complex or any value ``accum_param`` knows
            The starting value.
        accum_param : AccumulatorParam, optional
            How to make a zero and add two values; needed for types other than
            int, float and complex, which add with ``+``.

        Returns
        -------
        Accumulator

        Raises
        ------
        TypeError
            When ``accum_param`` is missing and ``value`` is not a number.

        Examples
        --------
        >>> letters = sc.accumulator(0)
        >>> sc.parallelize(["ab", "cde", ""]).foreach(lambda word: letters.add(len(word)))
        >>> letters.value
        5
        """
        from pyspark import accumulators

        if accum_param is None:
            known = ((int, accumulators.INT_ACCUMULATOR_PARAM), (float, accumulators.FLOAT_ACCUMULATOR_PARAM), (complex, accumulators.COMPLEX_ACCUMULATOR_PARAM))
            accum_param = next((param for kind, param in known if isinstance(value, kind)), None)
            if accum_param is None:
                raise TypeError("No default accumulator param for type %s" % type(value))
        self._next_accumulator_id += 1
        return accumulators.Accumulator(self._next_accumulator_id - 1, value, accum_param)

    def addPyFile(self, path):
        """Puts a .py, .zip or .egg file on ``sys.path`` in the driver and in every task."""
        import shutil

        local = self._local_path(path)
        if local.endswith(".py"):
            directory = os.path.join(self._temp_directory(), "pyfiles")
            os.makedirs(directory, exist_ok=True)
            shutil.copy(local, directory)
            entry = directory
        else:
            entry = os.path.abspath(local)
        if entry not in self._py_file_paths:
            self._py_file_paths.append(entry)
        if entry not in sys.path:
            sys.path.insert(1, entry)
        import importlib

        importlib.invalidate_caches()

    def addFile(self, path, recursive=False):
        """Copies a file into the session's files directory, where tasks find it with
        ``SparkFiles.get(name)``. Adding the same path twice is ignored."""
        import shutil

        local = self._local_path(path)
        directory = os.path.join(self._temp_directory(), "files")
        uri = "file:" + os.path.abspath(local)
        if uri in self._files:
            return
        if os.path.isdir(local):
            shutil.copytree(local, os.path.join(directory, os.path.basename(local)), dirs_exist_ok=True)
        else:
            shutil.copy(local, directory)
        self._files.append(uri)

    @property
    def listFiles(self):
        """The files added with ``addFile``, as ``file:`` URIs."""
        return list(self._files)

    def addArchive(self, path):
        """Unpacks a .zip, .tar, .tar.gz or .tgz archive into the files directory, in a
        folder named after the archive; ``SparkFiles.get(name)`` finds it."""
        import shutil

        local = self._local_path(path)
        uri = "file:" + os.path.abspath(local)
        if uri in self._archives:
            return
        target = os.path.join(self._temp_directory(), "files", os.path.basename(local))
        shutil.unpack_archive(local, target)
        self._archives.append(uri)

    @property
    def listArchives(self):
        """The archives added with ``addArchive``, as ``file:`` URIs."""
        return list(self._archives)

    def setCheckpointDir(self, dirName):
        """The directory where checkpointed RDDs are written."""
        os.makedirs(dirName, exist_ok=True)
        self._checkpoint_dir = dirName

    def getCheckpointDir(self):
        """The checkpoint directory, or None."""
        return self._checkpoint_dir

    def pickleFile(self, name, minPartitions=None):
        """Loads the records that ``RDD.saveAsPickleFile`` wrote. Mirrors
        ``SparkContext.pickleFile``, for Ember's own file layout.

        Parameters
        ----------
        name : str
            The output directory, a glob, or several joined by commas.
        minPartitions : int, default ``defaultMinPartitions``

        Returns
        -------
        RDD
            The saved records, as the Python objects that were pickled.

        Raises
        ------
        AnalysisException
            ``PATH_NOT_FOUND`` when a path does not exist.

        Examples
        --------
        >>> import os, tempfile
        >>> folder = os.path.join(tempfile.mkdtemp(), "scores")
        >>> sc.parallelize([("ann", 7), ("bob", 4)]).saveAsPickleFile(folder)
        >>> sorted(sc.pickleFile(folder).collect())
        [('ann', 7), ('bob', 4)]
        """
        records = []
        files = self._expand_paths(name)
        for file in files:
            with open(file, "rb") as f:
                while True:
                    try:
                        records.extend(pickle.load(f))
                    except EOFError:
                        break
        return self.parallelize(records, max(len(files), minPartitions or self.defaultMinPartitions))

    def binaryFiles(self, path, minPartitions=None):
        """An RDD of ``(path, bytes)`` for each file of a directory or glob."""
        return self._whole_files(path, minPartitions, bytes)

    def binaryRecords(self, path, recordLength):
        """An RDD of the fixed-length records (bytes) of the files at ``path``."""
        files = self._expand_paths(path)

        def read(name):
            with open(name, "rb") as f:
                data = f.read()
            return [data[i:i + recordLength] for i in range(0, len(data) - recordLength + 1, recordLength)]

        return self.parallelize(files, max(1, len(files))).flatMap(read)

    def getSystemProperty(self, key):
        """A launcher property (PySpark reads the JVM's system properties; Ember has no
        JVM and answers the ones Spark's launcher sets: ``SPARK_SUBMIT``, ``spark.master``,
        ``spark.app.name``, and ``java.home`` from ``JAVA_HOME``), or None.

        Parameters
        ----------
        key : str

        Returns
        -------
        str or None

        Examples
        --------
        >>> sc.getSystemProperty("ember.docs.no.such.key") is None
        True
        """
        properties = {"SPARK_SUBMIT": "true", "spark.master": self.master, "spark.app.name": self.appName}
        if os.environ.get("JAVA_HOME"):
            properties["java.home"] = os.environ["JAVA_HOME"]
        return properties.get(key)

    # ------------------------------------------------------ job groups and tags
    def setJobGroup(self, groupId, description, interruptOnCancel=False):
        """Assigns this thread's jobs to group ``groupId`` with ``description``, until it
        is set again; ``cancelJobGroup(groupId)`` cancels them and
        ``statusTracker().getJobIdsForGroup`` lists them. Mirrors ``SparkContext.setJobGroup``.

        Parameters
        ----------
        groupId : str
        description : str
        interruptOnCancel : bool, optional
            Accepted; a cancelled job's tasks are always stopped at once.

        Examples
        --------
        >>> sc.setJobGroup("docs-group", "an example")
        >>> sc.parallelize([1]).count()
        1
        >>> len(sc.statusTracker().getJobIdsForGroup("docs-group"))
        1
        >>> sc.setJobGroup(None, None)
        """
        from pyspark import _ember_jobs

        local = _ember_jobs.state()
        local.group = groupId
        local.description = description

    def setJobDescription(self, value):
        """Sets the description of this thread's jobs (``SparkContext.setJobDescription``)."""
        from pyspark import _ember_jobs

        _ember_jobs.state().description = value

    def setLocalProperty(self, key, value):
        """Sets a property of this thread's jobs (``SparkContext.setLocalProperty``);
        ``spark.jobGroup.id`` and ``spark.job.description`` are the job group and description."""
        from pyspark import _ember_jobs

        local = _ember_jobs.state()
        if key == "spark.jobGroup.id":
            local.group = value
        elif key == "spark.job.description":
            local.description = value
        local.properties[key] = value

    def getLocalProperty(self, key):
        """A property of this thread's jobs, or None (``SparkContext.getLocalProperty``)."""
        from pyspark import _ember_jobs

        local = _ember_jobs.state()
        if key == "spark.jobGroup.id":
            return local.group
        if key == "spark.job.description":
            return local.description
        return local.properties.get(key)

    def setInterruptOnCancel(self, interruptOnCancel):
        """Accepted for compatibility: a cancelled job's tasks are always stopped at once."""

    def cancelJobGroup(self, groupId):
        """Cancels the running jobs of group ``groupId`` (``sc.setJobGroup``), DataFrame
        and RDD jobs alike. Each fails with ``SparkRuntimeException`` (condition
        ``SPARK_JOB_CANCELLED``: "Job 3 cancelled part of cancelled job group ...").
        Mirrors ``SparkContext.cancelJobGroup``."""
        from pyspark import _native

        _native.cancel_jobs("group", groupId)

    def cancelAllJobs(self):
        """Cancels every running job (``SPARK_JOB_CANCELLED``: "... as part of
        cancellation of all jobs"). Mirrors ``SparkContext.cancelAllJobs``."""
        from pyspark import _native

        _native.cancel_jobs("all")

    def addJobTag(self, tag):
        """Tags the jobs this thread starts from now on, until the tag is removed;
        ``cancelJobsWithTag(tag)`` cancels them. Mirrors ``SparkContext.addJobTag``.

        Parameters
        ----------
        tag : str
            A non-empty string without commas.

        Raises
        ------
        PySparkValueError
            ``CANNOT_BE_NONE``, ``VALUE_NOT_NON_EMPTY_STR`` or ``VALUE_ALLOWED`` (a comma)
            for a bad tag.

        Examples
        --------
        >>> sc.addJobTag("nightly-report")
        >>> sorted(sc.getJobTags())
        ['nightly-report']
        >>> sc.removeJobTag("nightly-report")
        >>> sc.getJobTags()
        set()
        """
        from pyspark import _ember_jobs

        _ember_jobs.validate_tag(tag)
        _ember_jobs.state().job_tags.add(tag)

    def removeJobTag(self, tag):
        """Removes a tag from this thread's jobs (a no-op for an absent one)."""
        from pyspark import _ember_jobs

        _ember_jobs.validate_tag(tag)
        _ember_jobs.state().job_tags.discard(tag)

    def getJobTags(self):
        """The tags of this thread's jobs, as a set."""
        from pyspark import _ember_jobs

        return set(_ember_jobs.state().job_tags)

    def clearJobTags(self):
        """Removes every tag from this thread's jobs."""
        from pyspark import _ember_jobs

        _ember_jobs.state().job_tags.clear()

    def cancelJobsWithTag(self, tag):
        """Cancels the running jobs that carry ``tag`` (``SPARK_JOB_CANCELLED``: "... part
        of cancelled job tags ..."). Mirrors ``SparkContext.cancelJobsWithTag``."""
        from pyspark import _ember_jobs, _native

        _ember_jobs.validate_tag(tag)
        _native.cancel_jobs("tag", tag)

    def runJob(self, rdd, partitionFunc, partitions=None, allowLocal=False):
        """Applies ``partitionFunc`` to the iterator of some partitions of ``rdd`` and
        returns what it produced, as one list in partition order. Mirrors
        ``SparkContext.runJob``.

        Parameters
        ----------
        rdd : RDD
        partitionFunc : callable
            Takes a partition's iterator and returns an iterable.
        partitions : list of int, optional
            The partition indexes; all partitions by default.
        allowLocal : bool
            Accepted and ignored, as in PySpark.

        Returns
        -------
        list

        Examples
        --------
        >>> words = sc.parallelize(["oak", "elm", "ash", "yew"], 2)
        >>> sc.runJob(words, lambda part: [w[0] for w in part], [1])
        ['a', 'y']
        """
        mapped = rdd.mapPartitions(partitionFunc)
        return [x for part in mapped._collect_partitions(partitions) for x in part]

    def statusTracker(self):
        """Job and stage progress of this session, DataFrame and RDD jobs alike
        (``pyspark.core.status.StatusTracker``).

        >>> sc.statusTracker().getActiveStageIds()
        []
        """
        from pyspark.core.status import StatusTracker

        return StatusTracker()

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.stop()

    def __repr__(self):
        return "<SparkContext master=%s appName=%s>" % (self.master, self.appName)
