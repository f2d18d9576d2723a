"""``pyspark.core.rdd``: Resilient Distributed Datasets on Ember's RDD engine.

An ``RDD`` is a node of the lineage kept by the Rust engine (``pyspark._native``). Narrow
transformations are Python functions over a partition's iterator, pipelined into one
function as PySpark's ``PipelinedRDD`` does; shuffles bucket records with PySpark's
``portable_hash``; the scheduler in Rust runs the tasks, in worker processes for
``local[N]``. Each method mirrors the PySpark method of the same name.
"""
import bisect
import math
import heapq
import itertools
import operator
import os
import sys
from collections import defaultdict
from functools import reduce
from typing import Any, Callable, Generic, Iterable, List, Optional, Tuple, TypeVar

T = TypeVar("T")
U = TypeVar("U")
K = TypeVar("K")
V = TypeVar("V")

from pyspark import _ember_worker
from pyspark.errors import PySparkRuntimeError, PySparkTypeError, PySparkValueError
from pyspark.resultiterable import ResultIterable
from pyspark.rddsampler import RDDRangeSampler, RDDSampler, RDDStratifiedSampler
from pyspark.statcounter import StatCounter
from pyspark.storagelevel import StorageLevel

__all__ = ["RDD", "PipelinedRDD", "portable_hash"]


def portable_hash(x):
    """Hashes ``x`` the same way in the driver and in every worker process, so that a
    shuffle sends equal keys to the same partition. Mirrors ``pyspark.rdd.portable_hash``.

    ``None`` hashes to 0 and a tuple is hashed from the portable hashes of its items;
    anything else uses ``hash(x)``, which for strings only agrees between processes when
    ``PYTHONHASHSEED`` is fixed (the shell sets it to 0, as ``bin/pyspark`` does).

    Parameters
    ----------
    x : hashable object

    Returns
    -------
    int

    Raises
    ------
    PySparkRuntimeError
        ``PYTHON_HASH_SEED_NOT_SET`` when ``PYTHONHASHSEED`` is not in the environment.

    Examples
    --------
    >>> [portable_hash(key) for key in (None, 7, True)]
    [0, 7, 1]
    >>> portable_hash((1, 2))
    3430029580082870073
    """
    if os.environ.get("PYTHONHASHSEED") is None:
        raise PySparkRuntimeError(errorClass="PYTHON_HASH_SEED_NOT_SET", messageParameters={})
    if x is None:
        return 0
    if not isinstance(x, tuple):
        return hash(x)
    # The items' hashes are mixed in one by one (xor, then times 1000003), the running
    # value kept within sys.maxsize; the length is mixed in last.
    mixed = 0x345678
    for item in x:
        mixed = ((mixed ^ portable_hash(item)) * 1000003) & sys.maxsize
    mixed ^= len(x)
    return -2 if mixed == -1 else int(mixed)


class Partitioner:
    """How a shuffled RDD's keys map to partitions (compared by ``partitionBy``)."""

    def __init__(self, numPartitions, partitionFunc):
        self.numPartitions = numPartitions
        self.partitionFunc = partitionFunc

    def __eq__(self, other):
        return isinstance(other, Partitioner) and self.numPartitions == other.numPartitions and self.partitionFunc == other.partitionFunc

    def __call__(self, key):
        return self.partitionFunc(key) % self.numPartitions


def _command(func, partition_func=None, context=None):
    py_files = list(context._py_file_paths) if context is not None else []
    return _ember_worker.dumps_command((func, partition_func), py_files)


def _identity(split, iterator):
    return iterator


def _length(iterator):
    """How many items ``iterator`` yields (it is consumed)."""
    return sum(1 for _ in iterator)


class RDD(Generic[T]):
    """A Resilient Distributed Dataset: an immutable, partitioned collection. Create one
    with ``sc.parallelize``, ``sc.textFile`` or ``sc.range``. Mirrors ``pyspark.RDD``.
    """

    def __init__(self, rid, ctx, name="ParallelCollectionRDD"):
        self._id_in_engine = rid
        self.ctx = ctx
        self.partitioner = None
        self.is_cached = False
        self.is_checkpointed = False
        self._storage_level = StorageLevel.NONE
        self._name = None
        self._kind = name

    # ------------------------------------------------------------------ plumbing
    @property
    def _rid(self):
        return self._id_in_engine

    @property
    def _engine(self):
        return self.ctx._rdd_engine()

    def _derived(self, rid, kind="PythonRDD"):
        return RDD(rid, self.ctx, kind)

    def _collect_partitions(self, partitions=None):
        """Runs a job; returns the records of each requested partition as lists."""
        self.ctx._announce_execution()
        parts, updates = self._engine.run_job(self._rid, partitions)
        from pyspark import accumulators

        accumulators._apply_updates(updates)
        return [list(_ember_worker.load_blocks(blocks)) for blocks in parts]

    @property
    def context(self):
        """The SparkContext this RDD was created on."""
        return self.ctx

    def id(self):
        """A unique id for this RDD within its SparkContext."""
        return self._rid

    def __repr__(self):
        return "%s[%d] at %s" % (self._kind, self._rid, "RDD at PythonRDD.scala:53" if self._kind == "PythonRDD" else "readRDDFromFile at PythonRDD.scala:289")

    def __getnewargs__(self):
        raise PySparkRuntimeError(errorClass="RDD_TRANSFORM_ONLY_VALID_ON_DRIVER", messageParameters={})

    def getNumPartitions(self):
        """How many partitions the RDD has. Mirrors ``RDD.getNumPartitions``.

        >>> sc.parallelize(["north", "south", "east"], 2).getNumPartitions()
        2
        """
        return self._engine.num_partitions(self._rid)

    def setName(self, name):
        """Names this RDD; returns it."""
        self._name = name
        return self

    def name(self):
        """The name set with ``setName``, or None."""
        return self._name

    def toDebugString(self):
        """The lineage of this RDD, as UTF-8 bytes (PySpark returns bytes)."""
        return self._engine.debug_string(self._rid).encode("utf-8")

    # --------------------------------------------------------------- persistence
    def cache(self):
        """Keeps the partitions once computed (``MEMORY_ONLY``)."""
        return self.persist(StorageLevel.MEMORY_ONLY)

    def persist(self, storageLevel=StorageLevel.MEMORY_ONLY):
        """Keeps the partitions once computed, at ``storageLevel``."""
        self.is_cached = True
        self._storage_level = storageLevel
        self._engine.persist(self._rid, True)
        return self

    def unpersist(self, blocking=False):
        """Drops the kept partitions."""
        self.is_cached = False
        self._storage_level = StorageLevel.NONE
        self._engine.persist(self._rid, False)
        return self

    def getStorageLevel(self):
        """The storage level (``StorageLevel.NONE`` when not persisted)."""
        return self._storage_level

    def checkpoint(self):
        """Marks the RDD for checkpointing: the next job computes it and keeps its
        partitions (Ember keeps them cached; there is no lineage truncation)."""
        self.is_checkpointed = True
        self._checkpoint_job = self._engine.jobs()
        self.cache()

    def localCheckpoint(self):
        self.checkpoint()

    def isCheckpointed(self):
        return self.is_checkpointed

    def isLocallyCheckpointed(self):
        return self.is_checkpointed

    def getCheckpointFile(self):
        """Where the checkpoint is written (under ``sc.setCheckpointDir``), once computed."""
        if not self.is_checkpointed or self._engine.jobs() <= getattr(self, "_checkpoint_job", 0):
            return None
        directory = self.ctx._checkpoint_dir or os.path.join(self.ctx._temp_directory(), "checkpoints")
        return "file:" + os.path.join(os.path.abspath(directory), "rdd-%d" % self._rid)

    # ------------------------------------------------------- narrow transformations
    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        """Runs ``f(index, iterator)`` over each partition and makes an RDD of what it
        yields; ``index`` is the partition's number from 0. Mirrors
        ``RDD.mapPartitionsWithIndex``.

        Parameters
        ----------
        f : callable
            Takes the partition index and an iterator of its records; returns an iterable.
        preservesPartitioning : bool
            True when ``f`` keeps each pair's key, so the partitioner still holds.

        Returns
        -------
        RDD

        Examples
        --------
        >>> letters = sc.parallelize(["a", "b", "c"], 3)
        >>> letters.mapPartitionsWithIndex(lambda idx, it: [(idx, x) for x in it]).collect()
        [(0, 'a'), (1, 'b'), (2, 'c')]
        """
        return PipelinedRDD(self, f, preservesPartitioning)

    def mapPartitions(self, f, preservesPartitioning=False):
        """Runs ``f(iterator)`` over each partition and makes an RDD of what it yields.
        Mirrors ``RDD.mapPartitions``.

        Parameters
        ----------
        f : callable
            Takes an iterator of a partition's records; returns an iterable.
        preservesPartitioning : bool
            True when ``f`` keeps each pair's key.

        Returns
        -------
        RDD

        Examples
        --------
        >>> sc.parallelize(["x", "yy", "zzz", "w"], 2).mapPartitions(lambda it: ["".join(it)]).collect()
        ['xyy', 'zzzw']
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: f(iterator), preservesPartitioning)

    def mapPartitionsWithSplit(self, f, preservesPartitioning=False):
        """The old name of ``mapPartitionsWithIndex`` (deprecated in PySpark too)."""
        return self.mapPartitionsWithIndex(f, preservesPartitioning)

    def map(self, f: Callable[[T], U], preservesPartitioning: bool = False) -> "RDD[U]":
        """An RDD of ``f(record)`` for every record. Mirrors ``RDD.map``.

        Parameters
        ----------
        f : callable
            Takes one record and returns one.
        preservesPartitioning : bool
            True when ``f`` keeps each pair's key.

        Returns
        -------
        RDD

        Examples
        --------
        >>> sc.parallelize(["spark", "rdd", "py"]).map(len).collect()
        [5, 3, 2]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: map(f, iterator), preservesPartitioning)

    def flatMap(self, f: Callable[[T], Iterable[U]], preservesPartitioning: bool = False) -> "RDD[U]":
        """An RDD of all the items of the iterables ``f(record)``, in order. Mirrors
        ``RDD.flatMap``.

        Parameters
        ----------
        f : callable
            Takes one record and returns an iterable.
        preservesPartitioning : bool
            True when ``f`` keeps each pair's key.

        Returns
        -------
        RDD

        Examples
        --------
        >>> sc.parallelize(["to be", "or not"]).flatMap(str.split).collect()
        ['to', 'be', 'or', 'not']
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: itertools.chain.from_iterable(map(f, iterator)), preservesPartitioning)

    def filter(self, f: Callable[[T], bool]) -> "RDD[T]":
        """An RDD of the records for which ``f(record)`` is true; the partitioning is
        kept. Mirrors ``RDD.filter``.

        Parameters
        ----------
        f : callable
            Takes one record and returns a truth value.

        Returns
        -------
        RDD

        Examples
        --------
        >>> sc.parallelize(["apple", "fig", "plum"]).filter(lambda w: len(w) > 3).collect()
        ['apple', 'plum']
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: filter(f, iterator), True)

    def glom(self):
        """An RDD with one record per partition: the list of that partition's records.
        Mirrors ``RDD.glom``.

        Returns
        -------
        RDD
            Of lists, one per partition, empty partitions included.

        Examples
        --------
        >>> sc.parallelize("abcde", 2).glom().collect()
        [['a', 'b'], ['c', 'd', 'e']]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: [list(iterator)])

    def keyBy(self, f):
        """A pair RDD of ``(f(record), record)``. Mirrors ``RDD.keyBy``.

        >>> sc.parallelize(["kiwi", "fig"]).keyBy(len).collect()
        [(4, 'kiwi'), (3, 'fig')]
        """
        return self.map(lambda record: (f(record), record))

    def keys(self):
        """The first item of each pair. Mirrors ``RDD.keys``.

        >>> sc.parallelize([("x", 1), ("y", 2)]).keys().collect()
        ['x', 'y']
        """
        return self.map(lambda kv: kv[0])

    def values(self):
        """The second item of each pair. Mirrors ``RDD.values``.

        >>> sc.parallelize([("x", 1), ("y", 2)]).values().collect()
        [1, 2]
        """
        return self.map(lambda kv: kv[1])

    def mapValues(self, f):
        """Pairs ``(key, f(value))``; keys and partitioning are kept. Mirrors
        ``RDD.mapValues``.

        >>> sc.parallelize([("ann", "cat dog"), ("bo", "")]).mapValues(str.split).collect()
        [('ann', ['cat', 'dog']), ('bo', [])]
        """
        return self.map(lambda kv: (kv[0], f(kv[1])), True)

    def flatMapValues(self, f):
        """Pairs ``(key, item)`` for each item of the iterable ``f(value)``; keys and
        partitioning are kept. Mirrors ``RDD.flatMapValues``.

        >>> sc.parallelize([("ann", "cat dog"), ("bo", "")]).flatMapValues(str.split).collect()
        [('ann', 'cat'), ('ann', 'dog')]
        """
        return self.flatMap(lambda kv: ((kv[0], x) for x in f(kv[1])), True)

    def sample(self, withReplacement, fraction, seed=None):
        """A random subset of the records, drawn in each partition with PySpark's
        sampler (Bernoulli, or Poisson with replacement). Mirrors ``RDD.sample``.

        Parameters
        ----------
        withReplacement : bool
            Whether a record can be drawn more than once.
        fraction : float
            The expected share of the records (without replacement, from 0 to 1), or
            the expected number of copies of each (with replacement).
        seed : int, optional
            The same seed draws the same sample.

        Returns
        -------
        RDD

        Raises
        ------
        PySparkValueError
            When ``fraction`` is negative (or NaN).

        Examples
        --------
        >>> sc.parallelize(range(100), 4).sample(False, 1.0).count()
        100
        >>> sc.parallelize(range(100), 4).sample(False, 0.0).count()
        0
        """
        if not 0 <= fraction:
            raise PySparkValueError("Fraction must be nonnegative.")
        sampler = RDDSampler(withReplacement, fraction, seed)
        return self.mapPartitionsWithIndex(sampler.func, preservesPartitioning=True)

    def randomSplit(self, weights, seed=None):
        """Splits the records at random into one RDD per weight; each record lands in
        exactly one of them, in proportion to the (normalised) weights. Mirrors
        ``RDD.randomSplit``.

        Parameters
        ----------
        weights : list of float
            Non-negative, with a positive sum.
        seed : int, optional

        Returns
        -------
        list of RDD

        Raises
        ------
        PySparkValueError
            ``VALUE_NOT_POSITIVE`` for a negative weight or a sum that is not positive.

        Examples
        --------
        >>> small, large = sc.parallelize(range(50), 2).randomSplit([1, 3], seed=7)
        >>> sorted(small.collect() + large.collect()) == list(range(50))
        True
        """
        import random

        for w in weights:
            if w < 0.0:
                raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "weights", "arg_value": str(w)})
        total = float(sum(weights))
        if total <= 0:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "sum(weights)", "arg_value": str(total)})
        # Cumulative shares: split i keeps the records whose draw is in [edges[i], edges[i + 1]).
        edges = list(itertools.accumulate((w / total for w in weights), initial=0.0))
        if seed is None:
            seed = random.randint(0, (1 << 32) - 1)
        return [self.mapPartitionsWithIndex(RDDRangeSampler(lb, ub, seed).func, True) for lb, ub in zip(edges, edges[1:])]

    def zipWithIndex(self):
        """Pairs ``(record, position)``, positions counted from 0 over the partitions in
        order. With more than one partition this runs a job to size the partitions.
        Mirrors ``RDD.zipWithIndex``.

        Returns
        -------
        RDD
            Of ``(record, int)`` pairs.

        Examples
        --------
        >>> sc.parallelize(["red", "green", "blue"], 2).zipWithIndex().collect()
        [('red', 0), ('green', 1), ('blue', 2)]
        """
        offsets = [0]
        if self.getNumPartitions() > 1:
            sizes = self.mapPartitions(lambda it: [_length(it)]).collect()
            offsets = list(itertools.accumulate(sizes[:-1], initial=0))

        def number(index, iterator):
            return ((record, position) for position, record in enumerate(iterator, offsets[index]))

        return self.mapPartitionsWithIndex(number)

    def zipWithUniqueId(self):
        """Pairs ``(record, id)`` with ids that are unique but not consecutive: the
        ``j``-th record of partition ``k`` out of ``n`` gets ``j * n + k``. Runs no job.
        Mirrors ``RDD.zipWithUniqueId``.

        Returns
        -------
        RDD
            Of ``(record, int)`` pairs.

        Examples
        --------
        >>> sc.parallelize(["p", "q", "r", "s"], 2).zipWithUniqueId().collect()
        [('p', 0), ('q', 2), ('r', 1), ('s', 3)]
        """
        partitions = self.getNumPartitions()

        def label(index, iterator):
            return ((record, position * partitions + index) for position, record in enumerate(iterator))

        return self.mapPartitionsWithIndex(label)

    def zip(self, other):
        """Pairs the records of two RDDs by position: ``(mine, theirs)``. Both must have
        the same number of partitions and the same number of records in each partition.
        Mirrors ``RDD.zip``.

        Parameters
        ----------
        other : RDD

        Returns
        -------
        RDD
            Of 2-tuples.

        Raises
        ------
        PySparkRuntimeError
            When partitions differ in count or size.

        Examples
        --------
        >>> names = sc.parallelize(["ann", "bob"], 1)
        >>> ages = sc.parallelize([31, 27], 1)
        >>> names.zip(ages).collect()
        [('ann', 31), ('bob', 27)]
        """

        def zipped(split, left, right):
            left, right = list(left), list(right)
            if len(left) != len(right):
                raise ValueError("Can only zip RDDs with same number of elements in each partition")
            return zip(left, right)

        return self._derived(self._engine.zip(self._rid, other._rid, _command(zipped, context=self.ctx)), "ZippedPartitionsRDD2")

    def cartesian(self, other):
        """Every pair ``(a, b)`` with ``a`` from this RDD and ``b`` from ``other``; the
        result has the product of the two partition counts. Mirrors ``RDD.cartesian``.

        Parameters
        ----------
        other : RDD

        Returns
        -------
        RDD
            Of 2-tuples.

        Examples
        --------
        >>> sizes = sc.parallelize(["S", "M"])
        >>> colours = sc.parallelize(["red", "blue"])
        >>> sorted(sizes.cartesian(colours).collect())
        [('M', 'blue'), ('M', 'red'), ('S', 'blue'), ('S', 'red')]
        """

        def pairs(split, left, right):
            right = list(right)
            return ((a, b) for a in left for b in right)

        return self._derived(self._engine.cartesian(self._rid, other._rid, _command(pairs, context=self.ctx)), "CartesianRDD")

    def union(self, other):
        """This RDD's partitions followed by those of ``other``; duplicates are kept
        (``distinct`` removes them). Mirrors ``RDD.union``; ``rdd + other`` does the same.

        Parameters
        ----------
        other : RDD

        Returns
        -------
        RDD

        Examples
        --------
        >>> sc.parallelize(["a", "b"]).union(sc.parallelize(["b", "c"])).collect()
        ['a', 'b', 'b', 'c']
        """
        return self.ctx.union([self, other])

    def __add__(self, other):
        if isinstance(other, RDD):
            return self.union(other)
        raise TypeError

    def coalesce(self, numPartitions, shuffle=False):
        """An RDD with at most ``numPartitions`` partitions. Without a shuffle, adjacent
        partitions are merged and the count never grows; with ``shuffle=True`` the
        records are dealt round-robin into exactly ``numPartitions`` partitions.
        Mirrors ``RDD.coalesce``.

        Parameters
        ----------
        numPartitions : int
            Positive.
        shuffle : bool, default False

        Returns
        -------
        RDD

        Raises
        ------
        PySparkValueError
            ``VALUE_NOT_POSITIVE`` when ``numPartitions`` is not positive.

        Examples
        --------
        >>> sc.parallelize(["a", "b", "c", "d"], 4).coalesce(1).glom().collect()
        [['a', 'b', 'c', 'd']]
        >>> sc.parallelize(range(6), 3).coalesce(5).getNumPartitions()
        3
        """
        if not 0 < numPartitions:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "numPartitions", "arg_value": str(numPartitions)})
        if shuffle:
            # Spark's coalesce(shuffle=true): records are dealt round-robin, starting at a
            # position that depends on the input partition.
            def deal(split, iterator):
                position = split % numPartitions
                for item in iterator:
                    position = (position + 1) % numPartitions
                    yield position, item

            shuffled = self.mapPartitionsWithIndex(deal)._shuffle(numPartitions, _partition_by_key)
            return shuffled.values()
        return self._derived(self._engine.coalesce(self._rid, numPartitions), "CoalescedRDD")

    def repartition(self, numPartitions):
        """Exactly ``numPartitions`` partitions, more or fewer, by a round-robin
        shuffle: ``coalesce(numPartitions, shuffle=True)``. Mirrors ``RDD.repartition``.

        >>> sc.parallelize(["x"] * 10, 2).repartition(5).getNumPartitions()
        5
        """
        return self.coalesce(numPartitions, shuffle=True)

    # ----------------------------------------------------------------- shuffles
    def _shuffle(self, numPartitions, partitionFunc):
        rid = self._engine.shuffle(self._rid, numPartitions, _command(_identity, partitionFunc, self.ctx))
        return self._derived(rid, "ShuffledRDD")

    def _reduce_partitions(self, requested):
        """``requested``, or when None the default for a shuffle: the context's
        parallelism if ``spark.default.parallelism`` is set, else this RDD's partitions."""
        if requested is not None:
            return requested
        configured = self.ctx._conf.contains("spark.default.parallelism")
        return self.ctx.defaultParallelism if configured else self.getNumPartitions()

    def partitionBy(self, numPartitions, partitionFunc=portable_hash):
        """Shuffles a pair RDD so that a pair goes to partition
        ``partitionFunc(key) % numPartitions``. Returns this RDD itself when it is
        already partitioned that way. Mirrors ``RDD.partitionBy``.

        Parameters
        ----------
        numPartitions : int or None
            None: the default number of shuffle partitions.
        partitionFunc : callable, default ``portable_hash``
            Maps a key to an int.

        Returns
        -------
        RDD

        Examples
        --------
        >>> pairs = sc.parallelize([("ox", 1), ("cat", 2), ("ox", 3), ("cat", 4)])
        >>> [sorted(part) for part in pairs.partitionBy(2, len).glom().collect()]
        [[('ox', 1), ('ox', 3)], [('cat', 2), ('cat', 4)]]
        """
        numPartitions = self._reduce_partitions(numPartitions)
        partitioner = Partitioner(numPartitions, partitionFunc)
        if partitioner == self.partitioner:
            return self
        shuffled = self._shuffle(numPartitions, partitionFunc)
        shuffled.partitioner = partitioner
        return shuffled

    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None, partitionFunc=portable_hash):
        """Folds the values of each key into one "combiner": within a partition the
        first value becomes ``createCombiner(v)`` and later ones are added with
        ``mergeValue(c, v)``; after the shuffle the combiners of a key are merged with
        ``mergeCombiners(c1, c2)``. Mirrors ``RDD.combineByKey``.

        Parameters
        ----------
        createCombiner, mergeValue, mergeCombiners : callable
        numPartitions : int or None
        partitionFunc : callable, default ``portable_hash``

        Returns
        -------
        RDD
            Of ``(key, combiner)`` pairs.

        Examples
        --------
        >>> marks = sc.parallelize([("amy", 80), ("ben", 60), ("amy", 90)])
        >>> sums = marks.combineByKey(lambda m: (m, 1), lambda c, m: (c[0] + m, c[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1]))
        >>> sorted(sums.mapValues(lambda c: c[0] / c[1]).collect())
        [('amy', 85.0), ('ben', 60.0)]
        """
        numPartitions = self._reduce_partitions(numPartitions)

        def combine_locally(iterator):
            from pyspark import _native

            return _native.combine_by_key(iterator, createCombiner, mergeValue).items()

        def merge_combiners(iterator):
            from pyspark import _native

            return _native.combine_by_key(iterator, None, mergeCombiners).items()

        locally = self.mapPartitions(combine_locally, preservesPartitioning=True)
        shuffled = locally.partitionBy(numPartitions, partitionFunc)
        return shuffled.mapPartitions(merge_combiners, preservesPartitioning=True)

    def reduceByKey(self: "RDD[Tuple[K, V]]", func: Callable[[V, V], V], numPartitions: Optional[int] = None, partitionFunc: Callable[[K], int] = portable_hash) -> "RDD[Tuple[K, V]]":
        """Merges the values of each key with the associative, commutative ``func``,
        first within each partition and then after a shuffle. Mirrors
        ``RDD.reduceByKey``.

        Parameters
        ----------
        func : callable
            Takes two values and returns one.
        numPartitions : int or None
        partitionFunc : callable, default ``portable_hash``

        Returns
        -------
        RDD
            One ``(key, value)`` pair per key.

        Examples
        --------
        >>> orders = sc.parallelize([("tea", 2), ("milk", 1), ("tea", 3)])
        >>> sorted(orders.reduceByKey(max).collect())
        [('milk', 1), ('tea', 3)]
        """
        return self.combineByKey(lambda value: value, func, func, numPartitions, partitionFunc)

    def reduceByKeyLocally(self, func):
        """Like ``reduceByKey``, but the result comes back to the driver as a dict
        (merged there, without a shuffle). Mirrors ``RDD.reduceByKeyLocally``.

        >>> found = sc.parallelize([("x", 2), ("y", 5), ("x", 4)]).reduceByKeyLocally(lambda a, b: a * b)
        >>> sorted(found.items())
        [('x', 8), ('y', 5)]
        """

        def reduce_partition(iterator):
            merged = {}
            for key, value in iterator:
                merged[key] = func(merged[key], value) if key in merged else value
            yield merged

        def merge_dicts(into, other):
            for key, value in other.items():
                into[key] = func(into[key], value) if key in into else value
            return into

        return self.mapPartitions(reduce_partition).reduce(merge_dicts)

    def aggregateByKey(self, zeroValue, seqFunc, combFunc, numPartitions=None, partitionFunc=portable_hash):
        """Aggregates each key's values: a deep copy of ``zeroValue`` per key and
        partition, values added with ``seqFunc(acc, v)``, partial results merged with
        ``combFunc(acc1, acc2)``. Mirrors ``RDD.aggregateByKey``.

        >>> sales = sc.parallelize([("bob", 3), ("amy", 5), ("bob", 4)])
        >>> sorted(sales.aggregateByKey([], lambda acc, n: acc + [n], lambda a, b: a + b).mapValues(sorted).collect())
        [('amy', [5]), ('bob', [3, 4])]
        """
        import copy

        return self.combineByKey(lambda v: seqFunc(copy.deepcopy(zeroValue), v), seqFunc, combFunc, numPartitions, partitionFunc)

    def foldByKey(self, zeroValue, func, numPartitions=None, partitionFunc=portable_hash):
        """Folds each key's values with ``func``, starting from a deep copy of
        ``zeroValue``. Mirrors ``RDD.foldByKey``.

        >>> words = sc.parallelize([("n", "nut"), ("p", "pea"), ("n", "nib")])
        >>> sorted(words.foldByKey("", lambda a, b: a + b[0]).collect())
        [('n', 'nn'), ('p', 'p')]
        """
        import copy

        return self.combineByKey(lambda v: func(copy.deepcopy(zeroValue), v), func, func, numPartitions, partitionFunc)

    def groupByKey(self, numPartitions=None, partitionFunc=portable_hash):
        """Gathers the values of each key after a shuffle. Mirrors ``RDD.groupByKey``
        (``reduceByKey`` or ``aggregateByKey`` move less data when the values are
        only combined).

        Parameters
        ----------
        numPartitions : int or None
        partitionFunc : callable, default ``portable_hash``

        Returns
        -------
        RDD
            Of ``(key, ResultIterable)`` pairs.

        Examples
        --------
        >>> visits = sc.parallelize([("home", "ann"), ("shop", "bob"), ("home", "cy")])
        >>> sorted((page, sorted(who)) for page, who in visits.groupByKey().collect())
        [('home', ['ann', 'cy']), ('shop', ['bob'])]
        """

        def create(v):
            return [v]

        def merge_value(xs, v):
            xs.append(v)
            return xs

        def merge_combiners(a, b):
            a.extend(b)
            return a

        return self.combineByKey(create, merge_value, merge_combiners, numPartitions, partitionFunc).mapValues(ResultIterable)

    def groupBy(self, f, numPartitions=None, partitionFunc=portable_hash):
        """Groups the records by ``f(record)``: ``keyBy(f).groupByKey()``. Mirrors
        ``RDD.groupBy``.

        Returns
        -------
        RDD
            Of ``(f(record), ResultIterable of records)`` pairs.

        Examples
        --------
        >>> animals = sc.parallelize(["bat", "ant", "bee", "cow"])
        >>> sorted((letter, sorted(names)) for letter, names in animals.groupBy(lambda w: w[0]).collect())
        [('a', ['ant']), ('b', ['bat', 'bee']), ('c', ['cow'])]
        """
        return self.keyBy(f).groupByKey(numPartitions, partitionFunc)

    def cogroup(self, other, numPartitions=None):
        """For every key of either pair RDD, ``(key, (values here, values in other))``
        with two ResultIterables, either possibly empty. Mirrors ``RDD.cogroup``.

        >>> left = sc.parallelize([("k1", 1), ("k2", 2)])
        >>> right = sc.parallelize([("k1", "one")])
        >>> sorted((k, (list(a), list(b))) for k, (a, b) in left.cogroup(right).collect())
        [('k1', ([1], ['one'])), ('k2', ([2], []))]
        """
        return self.groupWith(other, numPartitions=numPartitions)

    def groupWith(self, other, *others, numPartitions=None):
        """``cogroup`` of this RDD with one or more others: one ResultIterable per RDD,
        in argument order. Mirrors ``RDD.groupWith``.

        >>> a, b, c = sc.parallelize([("k", 1)]), sc.parallelize([("k", 2)]), sc.parallelize([("j", 3)])
        >>> sorted((k, [list(v) for v in vs]) for k, vs in a.groupWith(b, c).collect())
        [('j', [[], [], [3]]), ('k', [[1], [2], []])]
        """
        rdds = (self, other) + others
        tagged = [rdd.mapValues(lambda v, i=i: (i, v)) for i, rdd in enumerate(rdds)]
        count = len(rdds)

        def dispatch(values):
            groups = [[] for _ in range(count)]
            for i, v in values:
                groups[i].append(v)
            return tuple(ResultIterable(g) for g in groups)

        return self.ctx.union(tagged).groupByKey(numPartitions).mapValues(dispatch)

    def _join(self, other, numPartitions, keep_left, keep_right):
        """PySpark's ``python_join``: tag values by side, group by key, then pair each left
        value with each right value; a side with no values yields one None when kept."""
        vs = self.mapValues(lambda v: (1, v))
        ws = other.mapValues(lambda v: (2, v))

        def dispatch(values):
            vbuf = [v for n, v in values if n == 1]
            wbuf = [v for n, v in values if n == 2]
            if keep_left and not wbuf:
                wbuf.append(None)
            if keep_right and not vbuf:
                vbuf.append(None)
            return [(v, w) for v in vbuf for w in wbuf]

        return vs.union(ws).groupByKey(numPartitions).flatMapValues(lambda values: dispatch(list(values)))

    def join(self, other, numPartitions=None):
        """Inner join of two pair RDDs: ``(key, (v, w))`` for every ``v`` here and ``w``
        in ``other`` under the same key. Mirrors ``RDD.join``.

        Parameters
        ----------
        other : RDD
        numPartitions : int or None

        Returns
        -------
        RDD

        Examples
        --------
        >>> owners = sc.parallelize([("rex", "ann"), ("tom", "bob")])
        >>> kinds = sc.parallelize([("rex", "dog"), ("tom", "cat"), ("rex", "puppy")])
        >>> sorted(owners.join(kinds).collect())
        [('rex', ('ann', 'dog')), ('rex', ('ann', 'puppy')), ('tom', ('bob', 'cat'))]
        """
        return self._join(other, numPartitions, False, False)

    def leftOuterJoin(self, other, numPartitions=None):
        """Like ``join``, and keys found only here give ``(key, (v, None))``. Mirrors
        ``RDD.leftOuterJoin``.

        >>> stock = sc.parallelize([("pen", 4), ("ink", 0)])
        >>> price = sc.parallelize([("pen", 1.5)])
        >>> sorted(stock.leftOuterJoin(price).collect())
        [('ink', (0, None)), ('pen', (4, 1.5))]
        """
        return self._join(other, numPartitions, True, False)

    def rightOuterJoin(self, other, numPartitions=None):
        """Like ``join``, and keys found only in ``other`` give ``(key, (None, w))``.
        Mirrors ``RDD.rightOuterJoin``.

        >>> stock = sc.parallelize([("pen", 4)])
        >>> price = sc.parallelize([("pen", 1.5), ("pad", 3.0)])
        >>> sorted(stock.rightOuterJoin(price).collect())
        [('pad', (None, 3.0)), ('pen', (4, 1.5))]
        """
        return self._join(other, numPartitions, False, True)

    def fullOuterJoin(self, other, numPartitions=None):
        """Like ``join``, keeping the keys of both sides; the missing side is None.
        Mirrors ``RDD.fullOuterJoin``.

        >>> stock = sc.parallelize([("pen", 4), ("ink", 0)])
        >>> price = sc.parallelize([("pen", 1.5), ("pad", 3.0)])
        >>> sorted(stock.fullOuterJoin(price).collect())
        [('ink', (0, None)), ('pad', (None, 3.0)), ('pen', (4, 1.5))]
        """
        return self._join(other, numPartitions, True, True)

    def subtractByKey(self, other, numPartitions=None):
        """The pairs of this RDD whose key does not occur in ``other`` (whatever its
        values). Mirrors ``RDD.subtractByKey``.

        >>> crew = sc.parallelize([("ann", "cook"), ("bob", "pilot"), ("cy", "medic")])
        >>> away = sc.parallelize([("bob", None)])
        >>> sorted(crew.subtractByKey(away).collect())
        [('ann', 'cook'), ('cy', 'medic')]
        """

        def only_here(pair):
            here, there = pair[1]
            return here and not there

        return self.cogroup(other, numPartitions).filter(only_here).flatMapValues(lambda x: x[0])

    def subtract(self, other, numPartitions=None):
        """The records of this RDD that do not occur in ``other``; duplicates of a kept
        record are all kept. Mirrors ``RDD.subtract``.

        >>> sorted(sc.parallelize(["a", "b", "a", "c"]).subtract(sc.parallelize(["b"])).collect())
        ['a', 'a', 'c']
        """

        def as_key(record):
            return record, True

        return self.map(as_key).subtractByKey(other.map(as_key), numPartitions).keys()

    def intersection(self, other):
        """The records found in both RDDs, each once. Mirrors ``RDD.intersection``.

        >>> mine = sc.parallelize(["oak", "elm", "ash", "elm"])
        >>> yours = sc.parallelize(["elm", "yew", "oak"])
        >>> sorted(mine.intersection(yours).collect())
        ['elm', 'oak']
        """
        return self.map(lambda v: (v, None)).cogroup(other.map(lambda v: (v, None))).filter(lambda k_vs: all(k_vs[1])).keys()

    def distinct(self, numPartitions=None):
        """Each different record once, after a shuffle. Mirrors ``RDD.distinct``.

        >>> sorted(sc.parallelize(["b", "a", "b", "c", "a"]).distinct().collect())
        ['a', 'b', 'c']
        """
        return self.map(lambda x: (x, None)).reduceByKey(lambda x, _: x, numPartitions).map(lambda x: x[0])

    def sortByKey(self, ascending=True, numPartitions=None, keyfunc=lambda x: x):
        """Sorts a pair RDD by ``keyfunc(key)``. Keys are range-partitioned with bounds
        taken from a sample (a job), then each partition is sorted, so that reading the
        partitions in order gives the sorted whole. Mirrors ``RDD.sortByKey``.

        Parameters
        ----------
        ascending : bool, default True
        numPartitions : int or None
        keyfunc : callable, default identity
            Applied to each key to get what is compared.

        Returns
        -------
        RDD

        Examples
        --------
        >>> stock = sc.parallelize([("pear", 3), ("apple", 9), ("fig", 1)], 2)
        >>> stock.sortByKey().collect()
        [('apple', 9), ('fig', 1), ('pear', 3)]
        >>> stock.sortByKey(ascending=False).keys().collect()
        ['pear', 'fig', 'apple']
        >>> stock.sortByKey(True, 1, keyfunc=len).keys().collect()
        ['fig', 'pear', 'apple']
        """
        numPartitions = self._reduce_partitions(numPartitions)

        def sort_partition(iterator):
            return iter(sorted(iterator, key=lambda kv: keyfunc(kv[0]), reverse=(not ascending)))

        if numPartitions == 1:
            rdd = self.coalesce(1) if self.getNumPartitions() > 1 else self
            return rdd.mapPartitions(sort_partition, True)
        size = self.count()
        if not size:
            return self
        max_sample_size = numPartitions * 20.0
        fraction = min(max_sample_size / max(size, 1), 1.0)
        sampled = sorted(self.sample(False, fraction, 1).keys().collect(), key=keyfunc)
        bounds = [sampled[int(len(sampled) * (i + 1) / numPartitions)] for i in range(0, numPartitions - 1)]

        def range_partitioner(key):
            position = bisect.bisect_left(bounds, keyfunc(key))
            return position if ascending else numPartitions - 1 - position

        return self.partitionBy(numPartitions, range_partitioner).mapPartitions(sort_partition, True)

    def sortBy(self, keyfunc, ascending=True, numPartitions=None):
        """Sorts the records by ``keyfunc(record)`` (as ``sortByKey`` does). Mirrors
        ``RDD.sortBy``.

        >>> sc.parallelize(["ccc", "a", "bb"]).sortBy(len).collect()
        ['a', 'bb', 'ccc']
        """
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    def repartitionAndSortWithinPartitions(self, numPartitions=None, partitionFunc=portable_hash, ascending=True, keyfunc=lambda x: x):
        """Shuffles a pair RDD with ``partitionFunc`` as ``partitionBy`` does, then sorts
        each partition by ``keyfunc(key)``. Mirrors
        ``RDD.repartitionAndSortWithinPartitions``.

        >>> pairs = sc.parallelize([(5, "e"), (2, "b"), (4, "d"), (1, "a")])
        >>> pairs.repartitionAndSortWithinPartitions(2, lambda k: k % 2).glom().collect()
        [[(2, 'b'), (4, 'd')], [(1, 'a'), (5, 'e')]]
        """
        numPartitions = self._reduce_partitions(numPartitions)

        def sort_partition(iterator):
            return iter(sorted(iterator, key=lambda kv: keyfunc(kv[0]), reverse=(not ascending)))

        return self.partitionBy(numPartitions, partitionFunc).mapPartitions(sort_partition, True)

    # ------------------------------------------------------------------ actions
    def collect(self) -> List[T]:
        """Runs a job and returns every record to the driver as one list, partition
        after partition. Mirrors ``RDD.collect`` (the list must fit in memory).

        >>> sc.parallelize(["one", "two", "three"], 2).collect()
        ['one', 'two', 'three']
        """
        return [x for part in self._collect_partitions() for x in part]

    def collectAsMap(self):
        """Returns the pairs to the driver as a dict; for a repeated key the last pair
        wins. Mirrors ``RDD.collectAsMap``.

        >>> sc.parallelize([("one", 1), ("two", 2), ("one", 11)]).collectAsMap()
        {'one': 11, 'two': 2}
        """
        return dict(self.collect())

    def toLocalIterator(self, prefetchPartitions=False):
        """Iterates over the records, one partition job at a time."""
        for index in range(self.getNumPartitions()):
            yield from self._collect_partitions([index])[0]

    def foreach(self, f):
        """Runs ``f`` on each record (for side effects such as accumulators)."""

        def process(iterator):
            for x in iterator:
                f(x)
            return iter([])

        self.mapPartitions(process).count()

    def foreachPartition(self, f):
        """Runs ``f`` on each partition's iterator."""

        def process(iterator):
            result = f(iterator)
            if result is not None:
                for _ in result:
                    pass
            return iter([])

        self.mapPartitions(process).count()

    def count(self) -> int:
        """The number of records. Mirrors ``RDD.count``.

        >>> sc.parallelize(["ab", "cd", "ef", "gh"], 3).count()
        4
        """
        return self.mapPartitions(lambda it: [_length(it)]).sum()

    def countByKey(self):
        """How many pairs each key has, as a dict returned to the driver. Mirrors
        ``RDD.countByKey``.

        >>> sorted(sc.parallelize([("x", 0), ("y", 0), ("x", 5)]).countByKey().items())
        [('x', 2), ('y', 1)]
        """
        return self.keys().countByValue()

    def countByValue(self):
        """How many times each distinct record occurs, as a dict (a ``defaultdict(int)``)
        returned to the driver. Mirrors ``RDD.countByValue``.

        >>> sorted(sc.parallelize(["to", "be", "or", "not", "to", "be"], 2).countByValue().items())
        [('be', 2), ('not', 1), ('or', 1), ('to', 2)]
        """

        def tally_partition(iterator):
            tally = defaultdict(int)
            for record in iterator:
                tally[record] += 1
            yield tally

        def add_tallies(into, other):
            for record, times in other.items():
                into[record] += times
            return into

        return self.mapPartitions(tally_partition).reduce(add_tallies)

    def reduce(self, f):
        """Combines all the records into one with ``f``, which must be commutative and
        associative: each partition is reduced in its task, the partial results in the
        driver. Mirrors ``RDD.reduce``.

        Parameters
        ----------
        f : callable
            Takes two records and returns one.

        Returns
        -------
        object

        Raises
        ------
        ValueError
            When the RDD has no records.

        Examples
        --------
        >>> sc.parallelize(["pear", "fig", "banana"]).reduce(lambda a, b: a if len(a) >= len(b) else b)
        'banana'
        >>> sc.emptyRDD().reduce(max)
        Traceback (most recent call last):
            ...
        ValueError: Can not reduce() empty RDD
        """

        def reduce_partition(iterator):
            records = iter(iterator)
            nothing = object()
            first = next(records, nothing)
            if first is not nothing:
                yield reduce(f, records, first)

        partials = self.mapPartitions(reduce_partition).collect()
        if not partials:
            raise ValueError("Can not reduce() empty RDD")
        return reduce(f, partials)

    def treeReduce(self, f, depth=2):
        """``reduce`` in a tree of the given depth in PySpark; Ember merges the partial
        results in the driver, with the same result. Mirrors ``RDD.treeReduce``.

        Raises
        ------
        PySparkValueError
            ``VALUE_NOT_POSITIVE`` when ``depth`` is below 1.

        Examples
        --------
        >>> sc.parallelize(range(1, 11), 4).treeReduce(lambda a, b: a * b)
        3628800
        """
        if depth < 1:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "depth", "arg_value": str(depth)})
        return self.reduce(f)

    def fold(self, zeroValue, op):
        """Folds each partition with ``op`` starting from ``zeroValue``, then folds the
        partial results the same way in the driver; ``zeroValue`` is therefore used once
        per partition plus once. Mirrors ``RDD.fold``.

        >>> sc.parallelize(["ab", "c", "de"], 2).fold("", lambda a, b: a + b)
        'abcde'
        """

        return self.aggregate(zeroValue, op, op)

    def aggregate(self, zeroValue, seqOp, combOp):
        """Aggregates each partition with ``seqOp(acc, record)`` from ``zeroValue``, then
        merges the partition results with ``combOp(acc1, acc2)`` from ``zeroValue``. The
        accumulator may be of another type than the records. Mirrors ``RDD.aggregate``.

        Parameters
        ----------
        zeroValue : object
        seqOp : callable
        combOp : callable

        Returns
        -------
        object

        Examples
        --------
        >>> words = sc.parallelize(["sun", "moon", "star"], 2)
        >>> words.aggregate((0, 0), lambda acc, w: (acc[0] + len(w), acc[1] + 1), lambda a, b: (a[0] + b[0], a[1] + b[1]))
        (11, 3)
        """

        def aggregate_partition(iterator):
            yield reduce(seqOp, iterator, zeroValue)

        return reduce(combOp, self.mapPartitions(aggregate_partition).collect(), zeroValue)

    def treeAggregate(self, zeroValue, seqOp, combOp, depth=2):
        """``aggregate`` in a tree of the given depth in PySpark; Ember merges the
        partition results in the driver. Mirrors ``RDD.treeAggregate``.

        >>> sc.parallelize(["x", "yy", "zzz"], 3).treeAggregate(0, lambda n, w: n + len(w), lambda a, b: a + b)
        6
        """
        if depth < 1:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "depth", "arg_value": str(depth)})
        return self.aggregate(zeroValue, seqOp, combOp)

    def max(self, key=None):
        """The largest record, compared by ``key(record)`` when ``key`` is given.
        Mirrors ``RDD.max``; an empty RDD raises ``ValueError`` as ``reduce`` does.

        >>> fruit = sc.parallelize(["kiwi", "banana", "fig"])
        >>> fruit.max(), fruit.max(key=len)
        ('kiwi', 'banana')
        """
        return self.reduce(max) if key is None else self.reduce(lambda a, b: max(a, b, key=key))

    def min(self, key=None):
        """The smallest record, compared by ``key(record)`` when ``key`` is given.
        Mirrors ``RDD.min``.

        >>> fruit = sc.parallelize(["kiwi", "banana", "fig"])
        >>> fruit.min(), fruit.min(key=len)
        ('banana', 'fig')
        """
        return self.reduce(min) if key is None else self.reduce(lambda a, b: min(a, b, key=key))

    def sum(self):
        """The sum of the records (0 for an empty RDD). Mirrors ``RDD.sum``.

        >>> sc.parallelize([0.5, 1.25, 2]).sum()
        3.75
        """
        return self.mapPartitions(lambda x: [sum(x)]).fold(0, operator.add)

    def stats(self):
        """Count, mean, variance, min and max of numeric records in one job, as a
        ``StatCounter``. Mirrors ``RDD.stats``.

        >>> s = sc.parallelize([4, 8, 6]).stats()
        >>> s.count(), s.mean()
        (3, 6.0)
        """

        def merge(left, right):
            return left.mergeStats(right)

        return self.mapPartitions(lambda i: [StatCounter(i)]).reduce(merge)

    def mean(self):
        """The arithmetic mean of numeric records, a float. Mirrors ``RDD.mean``.

        >>> sc.parallelize([2, 4, 9]).mean()
        5.0
        """
        return self.stats().mean()

    def variance(self):
        """The population variance (divided by N). Mirrors ``RDD.variance``.

        >>> sc.parallelize([1, 3, 1, 3]).variance()
        1.0
        """
        return self.stats().variance()

    def stdev(self):
        """The population standard deviation (divided by N); PySpark returns it as a
        ``numpy.float64``. Mirrors ``RDD.stdev``.

        >>> float(sc.parallelize([1, 3, 1, 3]).stdev())
        1.0
        """
        return self.stats().stdev()

    def sampleStdev(self):
        """The sample standard deviation (divided by N - 1); PySpark returns it as a
        ``numpy.float64``. Mirrors ``RDD.sampleStdev``.

        >>> float(sc.parallelize([2, 4, 6]).sampleStdev())
        2.0
        """
        return self.stats().sampleStdev()

    def sampleVariance(self):
        """The sample variance (divided by N - 1). Mirrors ``RDD.sampleVariance``.

        >>> sc.parallelize([2, 4, 6]).sampleVariance()
        4.0
        """
        return self.stats().sampleVariance()

    def histogram(self, buckets):
        """Counts the numeric records per bucket. Mirrors ``RDD.histogram``.

        Buckets are half-open ``[edge_i, edge_i+1)`` except the last, which includes
        its upper edge. Records outside the edges, None and NaN are not counted.

        Parameters
        ----------
        buckets : int or list/tuple of numbers
            An int ``n``: ``n`` equal-width buckets from the smallest to the largest
            record (int edges when the width divides evenly). A list or tuple: the
            edges themselves, sorted and unique, at least two.

        Returns
        -------
        tuple
            ``(edges, counts)``: the edges as a list, and one int count per bucket.

        Raises
        ------
        PySparkValueError
            ``INVALID_NUMBER_OF_BUCKETS``, ``NOT_ALLOWED_NONE_OR_NAN``, ``NOT_SORTED`` or
            ``NOT_UNIQUE`` for bad ``buckets``.
        PySparkTypeError
            ``NOT_LIST_OR_TUPLE`` when ``buckets`` is neither an int nor a list/tuple.
        ValueError, TypeError
            When an int ``buckets`` meets an empty RDD, infinite or non-numeric records.

        Examples
        --------
        >>> sc.parallelize([1, 2, 2, 7, 10]).histogram(3)
        ([1, 4, 7, 10], [3, 0, 2])
        >>> sc.parallelize([0.5, 3.0, 8.0, 12.0]).histogram([0, 5, 10])
        ([0, 5, 10], [2, 1])
        """
        if isinstance(buckets, int):
            if buckets < 1:
                raise PySparkValueError(errorClass="INVALID_NUMBER_OF_BUCKETS", messageParameters={"arg_name": "buckets", "arg_value": str(buckets)})

            def countable(x):
                return x is not None and not (type(x) is float and x != x)

            present = self.filter(countable)

            def widen(a, b):
                return min(a[0], b[0]), max(a[1], b[1])

            try:
                low, high = present.map(lambda x: (x, x)).reduce(widen)
            except TypeError as e:
                if " empty " in str(e):
                    raise ValueError("can not generate buckets from empty RDD") from e
                raise
            if low == high or buckets == 1:
                return [low, high], [present.count()]
            try:
                width = (high - low) / buckets
            except TypeError:
                raise TypeError("Can not generate buckets with non-number in RDD")
            if math.isinf(width):
                raise ValueError("Can not generate buckets with infinite value")
            # Int edges when the span splits evenly into whole steps, float edges otherwise.
            whole_step = int(width)
            width = whole_step if whole_step * buckets == high - low else (high - low) * 1.0 / buckets
            edges = [k * width + low for k in range(buckets)] + [high]
            even = True
        elif isinstance(buckets, (list, tuple)):
            if len(buckets) < 2:
                raise PySparkValueError(errorClass="INVALID_NUMBER_OF_BUCKETS", messageParameters={"arg_name": "buckets", "arg_value": str(len(buckets))})
            if any(b is None or isinstance(b, float) and b != b for b in buckets):
                raise PySparkValueError(errorClass="NOT_ALLOWED_NONE_OR_NAN", messageParameters={"arg_name": "buckets"})
            if list(buckets) != sorted(buckets):
                raise PySparkValueError(errorClass="NOT_SORTED", messageParameters={"arg_name": "buckets"})
            if len(buckets) != len(set(buckets)):
                raise PySparkValueError(errorClass="NOT_UNIQUE", messageParameters={"arg_name": "buckets"})
            edges = buckets
            low, high = buckets[0], buckets[-1]
            even = False
            width = None
            try:
                gaps = [upper - lower for lower, upper in zip(buckets, buckets[1:])]
            except TypeError:
                pass
            else:
                # Evenly spaced edges let a record's bucket be computed instead of searched.
                if max(gaps) - min(gaps) < 1e-10:
                    even = True
                    width = (high - low) / (len(buckets) - 1)
        else:
            raise PySparkTypeError(errorClass="NOT_LIST_OR_TUPLE", messageParameters={"arg_name": "buckets", "arg_type": type(buckets).__name__})

        def count_partition(iterator):
            counts = [0] * len(edges)
            for x in iterator:
                if x is None or (isinstance(x, float) and x != x) or x > high or x < low:
                    continue
                slot = int((x - low) / width) if even else bisect.bisect_right(edges, x) - 1
                counts[slot] += 1
            # The slot past the last edge only holds records equal to it: fold it back.
            at_top = counts.pop()
            counts[-1] += at_top
            return [counts]

        return edges, self.mapPartitions(count_partition).reduce(lambda a, b: [x + y for x, y in zip(a, b)])

    def take(self, num: int) -> List[T]:
        """The first ``num`` records in partition order. Like Spark, it reads one
        partition first, then more partitions per job (estimated from what it found,
        at most four times those read so far) until it has ``num`` records. Mirrors
        ``RDD.take``.

        Parameters
        ----------
        num : int

        Returns
        -------
        list

        Examples
        --------
        >>> sc.parallelize(["v", "w", "x", "y", "z"], 3).take(2)
        ['v', 'w']
        >>> sc.parallelize(range(40), 8).filter(lambda n: n % 9 == 8).take(3)
        [8, 17, 26]
        """
        found = []
        partitions = self.getNumPartitions()
        scanned = 0
        while len(found) < num and scanned < partitions:
            if scanned == 0:
                batch = 1
            elif not found:
                batch = scanned * 4
            else:
                estimate = int(1.5 * num * scanned / len(found)) - scanned
                batch = min(max(estimate, 1), scanned * 4)
            wanted = num - len(found)

            def head(iterator):
                # Stops right after the wanted record: nothing more is pulled upstream.
                for seen, record in enumerate(iterator, 1):
                    yield record
                    if seen >= wanted:
                        break

            chosen = list(range(scanned, min(scanned + batch, partitions)))
            for records in self.mapPartitions(head)._collect_partitions(chosen):
                found.extend(records)
            scanned += batch
        return found[:num]

    def first(self):
        """The first record (``take(1)``). Mirrors ``RDD.first``.

        Raises
        ------
        ValueError
            When the RDD has no records.

        Examples
        --------
        >>> sc.parallelize(["alpha", "beta"]).first()
        'alpha'
        >>> sc.emptyRDD().first()
        Traceback (most recent call last):
            ...
        ValueError: RDD is empty
        """
        head = self.take(1)
        if not head:
            raise ValueError("RDD is empty")
        return head[0]

    def isEmpty(self):
        """Whether the RDD has no record (at most a ``take(1)`` job). Mirrors
        ``RDD.isEmpty``.

        >>> words = sc.parallelize(["x"])
        >>> words.isEmpty(), words.filter(lambda w: w == "y").isEmpty()
        (False, True)
        """
        return self.getNumPartitions() == 0 or not self.take(1)

    def top(self, num, key=None):
        """The ``num`` largest records, largest first, compared by ``key(record)`` when
        ``key`` is given. Mirrors ``RDD.top``.

        >>> sc.parallelize(["pear", "fig", "banana"]).top(2, key=len)
        ['banana', 'pear']
        """

        def largest(iterator):
            yield heapq.nlargest(num, iterator, key=key)

        return self.mapPartitions(largest).reduce(lambda a, b: heapq.nlargest(num, a + b, key=key))

    def takeOrdered(self, num: int, key: Optional[Callable[[T], Any]] = None) -> List[T]:
        """The ``num`` smallest records, smallest first, compared by ``key(record)`` when
        ``key`` is given. Mirrors ``RDD.takeOrdered``.

        Raises
        ------
        ValueError
            When ``num`` is negative.

        Examples
        --------
        >>> pairs = sc.parallelize([("b", 2), ("a", 9), ("c", 1)])
        >>> pairs.takeOrdered(2, key=lambda kv: kv[1])
        [('c', 1), ('b', 2)]
        """
        if num < 0:
            raise ValueError("top N cannot be negative.")
        if not num or not self.getNumPartitions():
            return []

        def smallest(iterator):
            return [heapq.nsmallest(num, iterator, key)]

        return self.mapPartitions(smallest).reduce(lambda a, b: heapq.nsmallest(num, a + b, key))

    def takeSample(self, withReplacement, num, seed=None):
        """``num`` records drawn at random, returned to the driver in random order.
        Mirrors ``RDD.takeSample``: it counts the records, samples with a fraction
        large enough to get ``num`` records almost always (sampling again with a new
        seed when not), then shuffles and cuts.

        Parameters
        ----------
        withReplacement : bool
        num : int
            Without replacement, at most the number of records are returned.
        seed : int, optional

        Returns
        -------
        list

        Raises
        ------
        ValueError
            When ``num`` is negative or too large to sample.

        Examples
        --------
        >>> picked = sc.parallelize(["a", "b", "c", "d", "e"]).takeSample(False, 3, seed=1)
        >>> len(picked), len(set(picked)), set(picked) <= set("abcde")
        (3, 3, True)
        """
        import random

        if num < 0:
            raise ValueError("Sample size cannot be negative.")
        # Room for ten standard deviations above the requested size.
        largest = sys.maxsize - int(10.0 * math.sqrt(sys.maxsize))
        if num > largest:
            raise ValueError("Sample size cannot be greater than %d." % largest)
        if not num or not self.getNumPartitions():
            return []
        total = self.count()
        if not total:
            return []
        shuffler = random.Random(seed)
        if num >= total and not withReplacement:
            everything = self.collect()
            shuffler.shuffle(everything)
            return everything
        fraction = RDD._sample_fraction(num, total, withReplacement)
        picked = self.sample(withReplacement, fraction, seed).collect()
        while len(picked) < num:
            picked = self.sample(withReplacement, fraction, shuffler.randint(0, sys.maxsize)).collect()
        shuffler.shuffle(picked)
        return picked[:num]

    @staticmethod
    def _sample_fraction(wanted, total, withReplacement):
        """A sampling fraction that yields at least ``wanted`` of ``total`` records with
        high probability (the bounds Spark's ``SamplingUtils`` uses): a Poisson margin
        of 5 standard deviations (9 below 12 records) with replacement, a binomial
        bound with failure probability 5e-5 without."""
        share = float(wanted) / total
        if withReplacement:
            spread = 9 if wanted < 12 else 5
            return share + spread * math.sqrt(share / total)
        gamma = -math.log(0.00005) / total
        bound = share + gamma + math.sqrt(gamma * gamma + 2 * gamma * share)
        return min(1, bound)

    def sampleByKey(self, withReplacement, fractions, seed=None):
        """A sample of a pair RDD drawn with a different fraction per key (stratified
        sampling). Mirrors ``RDD.sampleByKey``.

        Parameters
        ----------
        withReplacement : bool
        fractions : dict
            The fraction for each key; every key of the RDD must be present.
        seed : int, optional

        Returns
        -------
        RDD

        Raises
        ------
        ValueError
            When a fraction is negative.

        Examples
        --------
        >>> pets = sc.parallelize([("cat", 1), ("dog", 2), ("cat", 3), ("dog", 4)])
        >>> sorted(pets.sampleByKey(False, {"cat": 1.0, "dog": 0.0}, seed=3).collect())
        [('cat', 1), ('cat', 3)]
        """
        negative = [share for share in fractions.values() if not share >= 0]
        if negative:
            raise ValueError("Negative fraction value: %s" % negative[0])
        return self.mapPartitionsWithIndex(RDDStratifiedSampler(withReplacement, fractions, seed).func, True)

    def countApprox(self, timeout, confidence=0.95):
        """The number of records, given up to ``timeout`` milliseconds in PySpark; Ember
        always returns the exact count. Mirrors ``RDD.countApprox``.

        >>> sc.parallelize(["a"] * 30, 3).countApprox(500)
        30
        """
        return int(self.count())

    def sumApprox(self, timeout, confidence=0.95):
        """The sum as a ``BoundedFloat`` (exact in Ember, so its bounds equal it).
        Mirrors ``RDD.sumApprox``.

        >>> sc.parallelize([1.5, 2.5]).sumApprox(1000)
        4.0
        """
        value = float(self.sum())
        return BoundedFloat(value, confidence, value, value)

    def meanApprox(self, timeout, confidence=0.95):
        """The mean as a ``BoundedFloat`` (exact in Ember, so its bounds equal it).
        Mirrors ``RDD.meanApprox``.

        >>> sc.parallelize([1, 2, 6]).meanApprox(1000)
        3.0
        """
        value = float(self.mean())
        return BoundedFloat(value, confidence, value, value)

    def countApproxDistinct(self, relativeSD=0.05):
        """The number of distinct records; PySpark estimates it with HyperLogLog++,
        Ember counts exactly. Mirrors ``RDD.countApproxDistinct``.

        Raises
        ------
        ValueError
            When ``relativeSD`` is below 0.000017.

        Examples
        --------
        >>> sc.parallelize(["a", "b", "a", "c", "b"]).countApproxDistinct()
        3
        """
        if relativeSD < 1.7e-05:
            raise ValueError("relativeSD should be greater than 0.000017")
        return self.distinct().count()

    def barrier(self):
        """Marks the next stage as a barrier stage, whose tasks all start together in
        Spark; Ember runs them as usual. Mirrors ``RDD.barrier``.

        Returns
        -------
        RDDBarrier
            Whose ``mapPartitions`` and ``mapPartitionsWithIndex`` return RDDs.
        """
        return RDDBarrier(self)

    def lookup(self, key):
        """The values of the pairs whose key is ``key``, as a list; when the RDD has a
        partitioner only that key's partition is read. Mirrors ``RDD.lookup``.

        >>> cities = sc.parallelize([("fr", "Paris"), ("it", "Rome"), ("fr", "Lyon")])
        >>> cities.lookup("fr")
        ['Paris', 'Lyon']
        """
        matches = self.filter(lambda kv: kv[0] == key).values()
        if self.partitioner is None:
            return matches.collect()
        return matches._collect_partitions([self.partitioner(key)])[0]

    def saveAsTextFile(self, path, compressionCodecClass=None):
        """Writes ``str(record)`` of each record as a line of text: one ``part-NNNNN``
        file per partition in the new directory ``path``, plus an empty ``_SUCCESS``.
        Mirrors ``RDD.saveAsTextFile``.

        Parameters
        ----------
        path : str
            A directory that must not exist yet.
        compressionCodecClass : str or None
            ``org.apache.hadoop.io.compress.GzipCodec`` writes ``part-NNNNN.gz`` files.

        Raises
        ------
        PySparkRuntimeError
            When ``path`` exists.

        Examples
        --------
        >>> import os, tempfile
        >>> out = os.path.join(tempfile.mkdtemp(), "out")
        >>> sc.parallelize([("x", 1), ("y", 2)], 2).saveAsTextFile(out)
        >>> sorted(name for name in os.listdir(out) if not name.startswith("."))
        ['_SUCCESS', 'part-00000', 'part-00001']
        >>> sc.textFile(out).collect()
        ["('x', 1)", "('y', 2)"]
        """
        self.ctx._announce_execution()
        rdd = self.mapPartitions(lambda it: it)
        updates = self._engine.save_as_text_file(rdd._rid, path)
        from pyspark import accumulators

        accumulators._apply_updates(updates)
        if compressionCodecClass is not None:
            if not compressionCodecClass.endswith("GzipCodec"):
                raise PySparkValueError(errorClass="UNSUPPORTED_OPERATION", messageParameters={"operation": "compression codec " + compressionCodecClass})
            import gzip

            for name in os.listdir(path):
                if name.startswith("part-"):
                    part = os.path.join(path, name)
                    with open(part, "rb") as source, gzip.open(part + ".gz", "wb") as target:
                        target.write(source.read())
                    os.unlink(part)

    def saveAsPickleFile(self, path, batchSize=10):
        """Writes the records as pickled batches of ``batchSize``, one part file per
        partition, plus ``_SUCCESS``; ``sc.pickleFile`` reads them back. Mirrors
        ``RDD.saveAsPickleFile`` (Ember's own file layout, not a Hadoop SequenceFile).

        Raises
        ------
        PySparkRuntimeError
            ``PATH_ALREADY_EXISTS`` when ``path`` exists.

        Examples
        --------
        >>> import os, tempfile
        >>> folder = os.path.join(tempfile.mkdtemp(), "pickled")
        >>> sc.parallelize([{"id": 1}, {"id": 2}], 2).saveAsPickleFile(folder)
        >>> sorted(row["id"] for row in sc.pickleFile(folder).collect())
        [1, 2]
        """
        import pickle

        if os.path.exists(path):
            raise PySparkRuntimeError(errorClass="PATH_ALREADY_EXISTS", messageParameters={"path": "file:" + os.path.abspath(path)})
        batch = max(1, batchSize or 10)
        parts = self._collect_partitions()
        os.makedirs(path)
        for index, records in enumerate(parts):
            with open(os.path.join(path, "part-%05d" % index), "wb") as f:
                for start in range(0, len(records), batch):
                    pickle.dump(records[start:start + batch], f, protocol=pickle.HIGHEST_PROTOCOL)
        open(os.path.join(path, "_SUCCESS"), "wb").close()

    def pipe(self, command, env=None, checkCode=False):
        """Feeds each partition, one ``str(record)`` per line, to the standard input of
        ``command`` and makes an RDD of the lines it prints. Mirrors ``RDD.pipe``.

        Parameters
        ----------
        command : str
            A command line, split as a shell would (no shell runs it).
        env : dict, optional
            The command's environment.
        checkCode : bool, default False
            Whether a non-zero exit status fails the task.

        Raises
        ------
        PySparkRuntimeError
            ``PIPE_FUNCTION_EXITED`` when ``checkCode`` is set and the command fails.

        Examples
        --------
        >>> sc.parallelize(["pear", "apple", "fig"], 1).pipe("sort").collect()
        ['apple', 'fig', 'pear']
        """
        import shlex
        import subprocess

        def run_command(iterator):
            process = subprocess.Popen(shlex.split(command), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            data = "".join(str(x).rstrip("\n") + "\n" for x in iterator).encode("utf-8")
            out, _ = process.communicate(data)
            if checkCode and process.returncode:
                raise PySparkRuntimeError(errorClass="PIPE_FUNCTION_EXITED", messageParameters={"func_name": command, "error_code": str(process.returncode)})
            return (line.rstrip("\n") for line in out.decode("utf-8").splitlines())

        return self.mapPartitions(run_command)

    # ------------------------------------------------------------- DataFrames
    def toDF(self, schema=None, sampleRatio=None):
        """A DataFrame of this RDD's rows: ``spark.createDataFrame(rdd, schema,
        sampleRatio)``, column names or a schema optional. Mirrors ``RDD.toDF``.

        >>> sc.parallelize([("ann", 31), ("bob", 27)]).toDF(["name", "age"]).collect()
        [Row(name='ann', age=31), Row(name='bob', age=27)]
        """
        from pyspark.sql import SparkSession

        return SparkSession.builder.getOrCreate().createDataFrame(self, schema, sampleRatio)


class BoundedFloat(float):
    """The result of ``sumApprox`` and ``meanApprox``: a float (the estimate) that also
    carries ``confidence``, ``low`` and ``high``. Mirrors ``pyspark.rdd.BoundedFloat``.

    >>> estimate = BoundedFloat(4.0, 0.9, 3.5, 4.5)
    >>> estimate * 2, estimate.low, estimate.high, estimate.confidence
    (8.0, 3.5, 4.5, 0.9)
    """

    def __new__(cls, mean, confidence, low, high):
        bounded = float.__new__(cls, mean)
        bounded.confidence, bounded.low, bounded.high = confidence, low, high
        return bounded


class RDDBarrier:
    """An RDD in a barrier stage (``RDD.barrier()``)."""

    def __init__(self, rdd):
        self.rdd = rdd

    def mapPartitions(self, f, preservesPartitioning=False):
        """``RDD.mapPartitions`` in a barrier stage. Mirrors ``RDDBarrier.mapPartitions``.

        >>> sc.parallelize(["a", "b", "c"], 1).barrier().mapPartitions(lambda it: [len(list(it))]).collect()
        [3]
        """
        return self.rdd.mapPartitions(f, preservesPartitioning)

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        """``RDD.mapPartitionsWithIndex`` in a barrier stage. Mirrors
        ``RDDBarrier.mapPartitionsWithIndex``.

        >>> sc.parallelize(["q", "r"], 1).barrier().mapPartitionsWithIndex(lambda i, it: [(i, list(it))]).collect()
        [(0, ['q', 'r'])]
        """
        return self.rdd.mapPartitionsWithIndex(f, preservesPartitioning)


def _partition_by_key(key):
    return key


class PipelinedRDD(RDD):
    """An RDD made by a Python function over a parent's partitions; consecutive functions
    are composed into one task function (PySpark's ``PipelinedRDD``)."""

    def __init__(self, prev, func, preservesPartitioning=False):
        if not isinstance(prev, PipelinedRDD) or prev.is_cached or prev._materialized is not None:
            self.func = func
            self._prev = prev
        else:
            # Fuse with the parent's function: one task runs both, parent first.
            earlier = prev.func

            def fused(split, iterator):
                return func(split, earlier(split, iterator))

            self.func = fused
            self._prev = prev._prev
        self._materialized = None
        self.ctx = prev.ctx
        self.partitioner = prev.partitioner if preservesPartitioning else None
        self.is_cached = False
        self.is_checkpointed = False
        self._storage_level = StorageLevel.NONE
        self._name = None
        self._kind = "PythonRDD"

    @property
    def _rid(self):
        if self._materialized is None:
            self._materialized = self._engine.map_partitions(self._prev._rid, _command(self.func, context=self.ctx))
        return self._materialized

    def getNumPartitions(self):
        return self._prev.getNumPartitions()
