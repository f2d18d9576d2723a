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

from pyspark import _ember_worker
from pyspark.errors import PySparkRuntimeError, PySparkTypeError, PySparkValueError
from pyspark.resultiterable import ResultIterable
from pyspark.rddsampler import RDDRangeSampler, RDDSampler, RDDStratifiedSampler
from pyspark.statcounter import StatCounter
from pyspark.storagelevel import StorageLevel

__all__ = ["RDD", "PipelinedRDD", "portable_hash"]


def portable_hash(x):
    """A hash of ``x`` that is the same in every process (PySpark's ``portable_hash``):
    tuples are hashed element-wise, ``None`` is 0. Strings need ``PYTHONHASHSEED``, which
    the shell sets to 0 as ``bin/pyspark`` does.

    Raises
    ------
    PySparkRuntimeError
        ``PYTHON_HASH_SEED_NOT_SET`` when ``PYTHONHASHSEED`` is unset.

    >>> portable_hash(None)
    0
    >>> portable_hash((None, 1)) & 0xffffffff
    219750521
    """
    if "PYTHONHASHSEED" not in os.environ:
        raise PySparkRuntimeError(errorClass="PYTHON_HASH_SEED_NOT_SET", messageParameters={})
    if x is None:
        return 0
    if isinstance(x, tuple):
        h = 0x345678
        for i in x:
            h ^= portable_hash(i)
            h *= 1000003
            h &= sys.maxsize
        h ^= len(x)
        if h == -1:
            h = -2
        return int(h)
    return hash(x)


class Partitioner:
    """How a shuffled RDD's keys map to partitions (compared by ``partitionBy``)."""

    def __init__(self, numPartitions, partitionFunc):
        self.numPartitions = numPartitions
        self.partitionFunc = partitionFunc

    def __eq__(self, other):
        return isinstance(other, Partitioner) and self.numPartitions == other.numPartitions and self.partitionFunc == other.partitionFunc

    def __call__(self, k):
        return self.partitionFunc(k) % self.numPartitions


def _command(func, partition_func=None, context=None):
    py_files = list(context._py_file_paths) if context is not None else []
    return _ember_worker.dumps_command((func, partition_func), py_files)


def _identity(split, iterator):
    return iterator


class RDD:
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
        """The number of partitions.

        >>> sc.parallelize([2, 3, 4], 2).getNumPartitions()
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
        """A new RDD from ``f(index, iterator)`` applied to each partition.

        >>> sc.parallelize([1, 2, 3, 4], 4).mapPartitionsWithIndex(lambda i, it: [i]).sum()
        6
        """
        return PipelinedRDD(self, f, preservesPartitioning)

    def mapPartitions(self, f, preservesPartitioning=False):
        """A new RDD from ``f(iterator)`` applied to each partition.

        >>> sc.parallelize([1, 2, 3, 4], 2).mapPartitions(lambda it: [sum(it)]).collect()
        [3, 7]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: f(iterator), preservesPartitioning)

    def mapPartitionsWithSplit(self, f, preservesPartitioning=False):
        return self.mapPartitionsWithIndex(f, preservesPartitioning)

    def map(self, f, preservesPartitioning=False):
        """A new RDD of ``f(x)`` for each record.

        >>> sorted(sc.parallelize(["b", "a", "c"]).map(lambda x: (x, 1)).collect())
        [('a', 1), ('b', 1), ('c', 1)]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: map(f, iterator), preservesPartitioning)

    def flatMap(self, f, preservesPartitioning=False):
        """A new RDD of the items of ``f(x)`` for each record.

        >>> sorted(sc.parallelize([2, 3, 4]).flatMap(lambda x: range(1, x)).collect())
        [1, 1, 1, 2, 2, 3]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: itertools.chain.from_iterable(map(f, iterator)), preservesPartitioning)

    def filter(self, f):
        """A new RDD of the records for which ``f`` is true.

        >>> sc.parallelize([1, 2, 3, 4, 5]).filter(lambda x: x % 2 == 0).collect()
        [2, 4]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: filter(f, iterator), True)

    def glom(self):
        """An RDD with one list per partition.

        >>> sorted(sc.parallelize([1, 2, 3, 4], 2).glom().collect())
        [[1, 2], [3, 4]]
        """
        return self.mapPartitionsWithIndex(lambda _, iterator: [list(iterator)])

    def keyBy(self, f):
        """Pairs ``(f(x), x)``."""
        return self.map(lambda x: (f(x), x))

    def keys(self):
        """The keys of a pair RDD."""
        return self.map(lambda kv: kv[0])

    def values(self):
        """The values of a pair RDD."""
        return self.map(lambda kv: kv[1])

    def mapValues(self, f):
        """Applies ``f`` to each value of a pair RDD, keeping keys and partitioning."""
        return self.map(lambda kv: (kv[0], f(kv[1])), True)

    def flatMapValues(self, f):
        """Pairs ``(k, y)`` for each ``y`` in ``f(v)``, keeping partitioning."""
        return self.flatMap(lambda kv: ((kv[0], x) for x in f(kv[1])), True)

    def sample(self, withReplacement, fraction, seed=None):
        """A random sample with PySpark's per-partition sampler.

        Raises
        ------
        PySparkValueError
            When ``fraction`` is negative.
        """
        if not fraction >= 0:
            raise PySparkValueError("Fraction must be nonnegative.")
        return self.mapPartitionsWithIndex(RDDSampler(withReplacement, fraction, seed).func, True)

    def randomSplit(self, weights, seed=None):
        """Splits the RDD by ``weights`` (normalised), with PySpark's range sampler."""
        import random

        for w in weights:
            if w < 0.0:
                raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "weights", "arg_value": str(w)})
        s = float(sum(weights))
        if s <= 0:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "sum(weights)", "arg_value": str(s)})
        cweights = [0.0]
        for w in weights:
            cweights.append(cweights[-1] + w / s)
        if seed is None:
            seed = random.randint(0, 2**32 - 1)
        return [self.mapPartitionsWithIndex(RDDRangeSampler(lb, ub, seed).func, True) for lb, ub in zip(cweights, cweights[1:])]

    def zipWithIndex(self):
        """Pairs each record with its index (partition order, then position).

        >>> sc.parallelize(["a", "b", "c", "d"], 3).zipWithIndex().collect()
        [('a', 0), ('b', 1), ('c', 2), ('d', 3)]
        """
        starts = [0]
        if self.getNumPartitions() > 1:
            nums = self.mapPartitions(lambda it: [sum(1 for _ in it)]).collect()
            for i in range(len(nums) - 1):
                starts.append(starts[-1] + nums[i])

        def func(k, iterator):
            for i, v in enumerate(iterator, starts[k]):
                yield v, i

        return self.mapPartitionsWithIndex(func)

    def zipWithUniqueId(self):
        """Pairs each record with a unique id: ``k, n+k, 2n+k, ...`` in partition ``k`` of ``n``.

        >>> sc.parallelize(["a", "b", "c", "d", "e"], 3).zipWithUniqueId().collect()
        [('a', 0), ('b', 1), ('c', 4), ('d', 2), ('e', 5)]
        """
        n = self.getNumPartitions()

        def func(k, iterator):
            for i, v in enumerate(iterator):
                yield v, i * n + k

        return self.mapPartitionsWithIndex(func)

    def zip(self, other):
        """Pairs the i-th records of two RDDs with the same partitioning.

        Raises
        ------
        PySparkRuntimeError
            When partitions differ in count or size.

        >>> sc.parallelize(range(0,5)).zip(sc.parallelize(range(1000, 1005))).collect()
        [(0, 1000), (1, 1001), (2, 1002), (3, 1003), (4, 1004)]
        """

        def zipped(split, left, right):
            left, right = list(left), list(right)
            if len(left) != len(right):
                raise ValueError("Can only zip RDDs with same number of elements in each partition")
            return zip(left, right)

        return self._derived(self._engine.zip(self._rid, other._rid, _command(zipped, context=self.ctx)), "ZippedPartitionsRDD2")

    def cartesian(self, other):
        """Every pair ``(a, b)`` with ``a`` in this RDD and ``b`` in ``other``.

        >>> sorted(sc.parallelize([1, 2]).cartesian(sc.parallelize([1, 2])).collect())
        [(1, 1), (1, 2), (2, 1), (2, 2)]
        """

        def pairs(split, left, right):
            right = list(right)
            return ((a, b) for a in left for b in right)

        return self._derived(self._engine.cartesian(self._rid, other._rid, _command(pairs, context=self.ctx)), "CartesianRDD")

    def union(self, other):
        """The records of both RDDs (duplicates kept).

        >>> rdd = sc.parallelize([1, 1, 2, 3])
        >>> rdd.union(rdd).collect()
        [1, 1, 2, 3, 1, 1, 2, 3]
        """
        return self.ctx.union([self, other])

    def __add__(self, other):
        if not isinstance(other, RDD):
            raise TypeError
        return self.union(other)

    def coalesce(self, numPartitions, shuffle=False):
        """Fewer partitions by merging neighbours (``shuffle=False``) or a shuffle.

        >>> sc.parallelize([1, 2, 3, 4, 5], 3).glom().collect()
        [[1], [2, 3], [4, 5]]
        >>> sc.parallelize([1, 2, 3, 4, 5], 3).coalesce(1).glom().collect()
        [[1, 2, 3, 4, 5]]
        """
        if not numPartitions > 0:
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
        """Exactly ``numPartitions`` partitions, by a shuffle.

        >>> sc.parallelize([1, 2, 3, 4, 5, 6, 7], 4).repartition(2).getNumPartitions()
        2
        """
        return self.coalesce(numPartitions, shuffle=True)

    # ----------------------------------------------------------------- shuffles
    def _shuffle(self, numPartitions, partitionFunc):
        rid = self._engine.shuffle(self._rid, numPartitions, _command(_identity, partitionFunc, self.ctx))
        return self._derived(rid, "ShuffledRDD")

    def _defaultReducePartitions(self):
        if self.ctx._conf.contains("spark.default.parallelism"):
            return self.ctx.defaultParallelism
        return self.getNumPartitions()

    def partitionBy(self, numPartitions, partitionFunc=portable_hash):
        """Shuffles a pair RDD into ``numPartitions`` partitions by ``partitionFunc(key)``.

        >>> pairs = sc.parallelize([1, 2, 3, 4, 2, 4, 1]).map(lambda x: (x, x))
        >>> sets = pairs.partitionBy(2).glom().collect()
        >>> len(set(sets[0]).intersection(set(sets[1])))
        0
        """
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()
        partitioner = Partitioner(numPartitions, partitionFunc)
        if self.partitioner == partitioner:
            return self
        rdd = self._shuffle(numPartitions, partitionFunc)
        rdd.partitioner = partitioner
        return rdd

    def combineByKey(self, createCombiner, mergeValue, mergeCombiners, numPartitions=None, partitionFunc=portable_hash):
        """Combines the values of each key: ``createCombiner(v)``, ``mergeValue(c, v)`` within
        a partition, ``mergeCombiners(c1, c2)`` across partitions (PySpark's combineByKey).

        >>> x = sc.parallelize([("a", 1), ("b", 1), ("a", 2)])
        >>> sorted(x.combineByKey(str, lambda a, b: a + str(b), lambda a, b: a + b).collect())
        [('a', '12'), ('b', '1')]
        """
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

        def combine_locally(iterator):
            from pyspark import _native

            return _native.combine_by_key(iterator, createCombiner, mergeValue).items()

        def merge_combiners(iterator):
            from pyspark import _native

            return _native.combine_by_key(iterator, None, mergeCombiners).items()

        locally = self.mapPartitions(combine_locally, preservesPartitioning=True)
        shuffled = locally.partitionBy(numPartitions, partitionFunc)
        return shuffled.mapPartitions(merge_combiners, preservesPartitioning=True)

    def reduceByKey(self, func, numPartitions=None, partitionFunc=portable_hash):
        """Merges the values of each key with ``func``.

        >>> sorted(sc.parallelize([("a", 1), ("b", 1), ("a", 1)]).reduceByKey(lambda a, b: a + b).collect())
        [('a', 2), ('b', 1)]
        """
        return self.combineByKey(lambda x: x, func, func, numPartitions, partitionFunc)

    def reduceByKeyLocally(self, func):
        """Merges the values of each key and returns a dict to the driver."""

        def reduce_partition(iterator):
            m = {}
            for k, v in iterator:
                m[k] = func(m[k], v) if k in m else v
            yield m

        def merge_maps(m1, m2):
            for k, v in m2.items():
                m1[k] = func(m1[k], v) if k in m1 else v
            return m1

        return self.mapPartitions(reduce_partition).reduce(merge_maps)

    def aggregateByKey(self, zeroValue, seqFunc, combFunc, numPartitions=None, partitionFunc=portable_hash):
        """Aggregates each key's values from a copy of ``zeroValue``."""
        import copy

        return self.combineByKey(lambda v: seqFunc(copy.deepcopy(zeroValue), v), seqFunc, combFunc, numPartitions, partitionFunc)

    def foldByKey(self, zeroValue, func, numPartitions=None, partitionFunc=portable_hash):
        """Folds each key's values with ``func`` from a copy of ``zeroValue``."""
        import copy

        return self.combineByKey(lambda v: func(copy.deepcopy(zeroValue), v), func, func, numPartitions, partitionFunc)

    def groupByKey(self, numPartitions=None, partitionFunc=portable_hash):
        """Groups the values of each key into a ``ResultIterable``.

        >>> rdd = sc.parallelize([("a", 1), ("b", 1), ("a", 1)])
        >>> sorted(rdd.groupByKey().mapValues(len).collect())
        [('a', 2), ('b', 1)]
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
        """Groups records by ``f(x)``.

        >>> rdd = sc.parallelize([1, 1, 2, 3, 5, 8])
        >>> sorted([(x, sorted(y)) for (x, y) in rdd.groupBy(lambda x: x % 2).collect()])
        [(0, [2, 8]), (1, [1, 1, 3, 5])]
        """
        return self.map(lambda x: (f(x), x)).groupByKey(numPartitions, partitionFunc)

    def cogroup(self, other, numPartitions=None):
        """For each key, the values in this RDD and in ``other``, as two ResultIterables."""
        return self.groupWith(other, numPartitions=numPartitions)

    def groupWith(self, other, *others, numPartitions=None):
        """``cogroup`` over several RDDs."""
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
        """Inner join of two pair RDDs: ``(k, (v, w))``.

        >>> x = sc.parallelize([("a", 1), ("b", 4)])
        >>> y = sc.parallelize([("a", 2), ("a", 3)])
        >>> sorted(x.join(y).collect())
        [('a', (1, 2)), ('a', (1, 3))]
        """
        return self._join(other, numPartitions, False, False)

    def leftOuterJoin(self, other, numPartitions=None):
        """Left outer join: ``(k, (v, w))`` or ``(k, (v, None))``."""
        return self._join(other, numPartitions, True, False)

    def rightOuterJoin(self, other, numPartitions=None):
        """Right outer join: ``(k, (v, w))`` or ``(k, (None, w))``."""
        return self._join(other, numPartitions, False, True)

    def fullOuterJoin(self, other, numPartitions=None):
        """Full outer join: missing sides are None."""
        return self._join(other, numPartitions, True, True)

    def subtractByKey(self, other, numPartitions=None):
        """The pairs whose key is not in ``other``.

        >>> x = sc.parallelize([("a", 1), ("b", 4), ("b", 5), ("a", 2)])
        >>> y = sc.parallelize([("a", 3), ("c", None)])
        >>> sorted(x.subtractByKey(y).collect())
        [('b', 4), ('b', 5)]
        """

        def keep(pair):
            key, (val1, val2) = pair
            return val1 and not val2

        return self.cogroup(other, numPartitions).filter(keep).flatMapValues(lambda x: x[0])

    def subtract(self, other, numPartitions=None):
        """The records not in ``other``."""
        rdd = other.map(lambda x: (x, True))
        return self.map(lambda x: (x, True)).subtractByKey(rdd, numPartitions).keys()

    def intersection(self, other):
        """The distinct records in both RDDs.

        >>> sorted(sc.parallelize([1, 10, 2, 3, 4, 5]).intersection(sc.parallelize([1, 6, 2, 3, 7, 8])).collect())
        [1, 2, 3]
        """
        return self.map(lambda v: (v, None)).cogroup(other.map(lambda v: (v, None))).filter(lambda k_vs: all(k_vs[1])).keys()

    def distinct(self, numPartitions=None):
        """The distinct records.

        >>> sorted(sc.parallelize([1, 1, 2, 3]).distinct().collect())
        [1, 2, 3]
        """
        return self.map(lambda x: (x, None)).reduceByKey(lambda x, _: x, numPartitions).map(lambda x: x[0])

    def sortByKey(self, ascending=True, numPartitions=None, keyfunc=lambda x: x):
        """Sorts a pair RDD by key, range-partitioned from a sample as Spark does.

        >>> tmp = [('a', 1), ('b', 2), ('1', 3), ('d', 4), ('2', 5)]
        >>> sc.parallelize(tmp).sortByKey().first()
        ('1', 3)
        """
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

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
        samples = self.sample(False, fraction, 1).map(lambda kv: kv[0]).collect()
        samples = sorted(samples, key=keyfunc)
        bounds = [samples[int(len(samples) * (i + 1) / numPartitions)] for i in range(0, numPartitions - 1)]

        def range_partitioner(k):
            p = bisect.bisect_left(bounds, keyfunc(k))
            return p if ascending else numPartitions - 1 - p

        return self.partitionBy(numPartitions, range_partitioner).mapPartitions(sort_partition, True)

    def sortBy(self, keyfunc, ascending=True, numPartitions=None):
        """Sorts by ``keyfunc(x)``.

        >>> sc.parallelize([('a', 1), ('b', 2), ('1', 3)]).sortBy(lambda x: x[1]).collect()
        [('a', 1), ('b', 2), ('1', 3)]
        """
        return self.keyBy(keyfunc).sortByKey(ascending, numPartitions).values()

    def repartitionAndSortWithinPartitions(self, numPartitions=None, partitionFunc=portable_hash, ascending=True, keyfunc=lambda x: x):
        """Repartitions by ``partitionFunc`` and sorts each partition by key."""
        if numPartitions is None:
            numPartitions = self._defaultReducePartitions()

        def sort_partition(iterator):
            return iter(sorted(iterator, key=lambda kv: keyfunc(kv[0]), reverse=(not ascending)))

        return self.partitionBy(numPartitions, partitionFunc).mapPartitions(sort_partition, True)

    # ------------------------------------------------------------------ actions
    def collect(self):
        """All records, in partition order, as a list.

        >>> sc.parallelize([1, 2, 3]).collect()
        [1, 2, 3]
        """
        return [x for part in self._collect_partitions() for x in part]

    def collectAsMap(self):
        """The pairs as a dict (later keys win).

        >>> m = sc.parallelize([(1, 2), (3, 4)]).collectAsMap()
        >>> m[1], m[3]
        (2, 4)
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

    def count(self):
        """The number of records.

        >>> sc.parallelize([2, 3, 4]).count()
        3
        """
        return self.mapPartitions(lambda i: [sum(1 for _ in i)]).sum()

    def countByKey(self):
        """A dict of key → number of pairs."""
        return self.map(lambda x: x[0]).countByValue()

    def countByValue(self):
        """A dict of record → number of occurrences.

        >>> sorted(sc.parallelize([1, 2, 1, 2, 2], 2).countByValue().items())
        [(1, 2), (2, 3)]
        """

        def count_partition(iterator):
            counts = defaultdict(int)
            for obj in iterator:
                counts[obj] += 1
            yield counts

        def merge_maps(m1, m2):
            for k, v in m2.items():
                m1[k] += v
            return m1

        return self.mapPartitions(count_partition).reduce(merge_maps)

    def reduce(self, f):
        """Reduces the records with a commutative, associative ``f``.

        Raises
        ------
        ValueError
            When the RDD is empty.

        >>> from operator import add
        >>> sc.parallelize([1, 2, 3, 4, 5]).reduce(add)
        15
        """

        def func(iterator):
            iterator = iter(iterator)
            try:
                initial = next(iterator)
            except StopIteration:
                return
            yield reduce(f, iterator, initial)

        vals = self.mapPartitions(func).collect()
        if vals:
            return reduce(f, vals)
        raise ValueError("Can not reduce() empty RDD")

    def treeReduce(self, f, depth=2):
        """``reduce`` (Ember merges partition results in the driver).

        >>> from operator import add
        >>> sc.parallelize([-5, -4, -3, -2, -1, 1, 2, 3, 4], 10).treeReduce(add)
        -5
        """
        if depth < 1:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "depth", "arg_value": str(depth)})
        return self.reduce(f)

    def fold(self, zeroValue, op):
        """Folds each partition from ``zeroValue``, then the results.

        >>> from operator import add
        >>> sc.parallelize([1, 2, 3, 4, 5]).fold(0, add)
        15
        """

        return self.aggregate(zeroValue, op, op)

    def aggregate(self, zeroValue, seqOp, combOp):
        """Aggregates each partition with ``seqOp`` and merges with ``combOp``.

        >>> seqOp = (lambda x, y: (x[0] + y, x[1] + 1))
        >>> combOp = (lambda x, y: (x[0] + y[0], x[1] + y[1]))
        >>> sc.parallelize([1, 2, 3, 4]).aggregate((0, 0), seqOp, combOp)
        (10, 4)
        """

        def func(iterator):
            acc = zeroValue
            for obj in iterator:
                acc = seqOp(acc, obj)
            yield acc

        vals = self.mapPartitions(func).collect()
        return reduce(combOp, vals, zeroValue)

    def treeAggregate(self, zeroValue, seqOp, combOp, depth=2):
        """``aggregate`` (Ember merges partition results in the driver)."""
        if depth < 1:
            raise PySparkValueError(errorClass="VALUE_NOT_POSITIVE", messageParameters={"arg_name": "depth", "arg_value": str(depth)})
        return self.aggregate(zeroValue, seqOp, combOp)

    def max(self, key=None):
        """The largest record (by ``key``).

        >>> sc.parallelize([1.0, 5.0, 43.0, 10.0]).max()
        43.0
        """
        return self.reduce(max) if key is None else self.reduce(lambda a, b: max(a, b, key=key))

    def min(self, key=None):
        """The smallest record (by ``key``)."""
        return self.reduce(min) if key is None else self.reduce(lambda a, b: min(a, b, key=key))

    def sum(self):
        """The sum of the records.

        >>> sc.parallelize([1.0, 2.0, 3.0]).sum()
        6.0
        """
        return self.mapPartitions(lambda x: [sum(x)]).fold(0, operator.add)

    def stats(self):
        """A ``StatCounter`` of the records."""

        def merge(left, right):
            return left.mergeStats(right)

        return self.mapPartitions(lambda i: [StatCounter(i)]).reduce(merge)

    def mean(self):
        """The mean of the records.

        >>> sc.parallelize([1, 2, 3]).mean()
        2.0
        """
        return self.stats().mean()

    def variance(self):
        """The population variance."""
        return self.stats().variance()

    def stdev(self):
        """The population standard deviation."""
        return self.stats().stdev()

    def sampleStdev(self):
        """The sample standard deviation (N - 1)."""
        return self.stats().sampleStdev()

    def sampleVariance(self):
        """The sample variance (N - 1)."""
        return self.stats().sampleVariance()

    def histogram(self, buckets):
        """Counts per bucket: ``buckets`` is a count of even buckets between min and max,
        or sorted bucket edges. Returns ``(edges, counts)``; the last bucket is closed.

        >>> sc.parallelize(range(51)).histogram(2)
        ([0, 25, 50], [25, 26])
        """
        if isinstance(buckets, int):
            if buckets < 1:
                raise PySparkValueError(errorClass="INVALID_NUMBER_OF_BUCKETS", messageParameters={"arg_name": "buckets", "arg_value": str(buckets)})

            def comparable(x):
                if x is None:
                    return False
                if type(x) is float and x != x:
                    return False
                return True

            filtered = self.filter(comparable)

            def min_max(a, b):
                return min(a[0], b[0]), max(a[1], b[1])

            try:
                minv, maxv = filtered.map(lambda x: (x, x)).reduce(min_max)
            except TypeError as e:
                if " empty " in str(e):
                    raise ValueError("can not generate buckets from empty RDD") from e
                raise
            if minv == maxv or buckets == 1:
                return [minv, maxv], [filtered.count()]
            try:
                inc = (maxv - minv) / buckets
            except TypeError:
                raise TypeError("Can not generate buckets with non-number in RDD")
            if math.isinf(inc):
                raise ValueError("Can not generate buckets with infinite value")
            # keep them as integer if possible
            inc = int(inc)
            if inc * buckets != maxv - minv:
                inc = (maxv - minv) * 1.0 / buckets
            buckets = [i * inc + minv for i in range(buckets)]
            buckets.append(maxv)
            even = True
        elif isinstance(buckets, (list, tuple)):
            if len(buckets) < 2:
                raise PySparkValueError(errorClass="INVALID_NUMBER_OF_BUCKETS", messageParameters={"arg_name": "buckets", "arg_value": str(len(buckets))})
            if any(i is None or isinstance(i, float) and i != i for i in buckets):
                raise PySparkValueError(errorClass="NOT_ALLOWED_NONE_OR_NAN", messageParameters={"arg_name": "buckets"})
            if sorted(buckets) != list(buckets):
                raise PySparkValueError(errorClass="NOT_SORTED", messageParameters={"arg_name": "buckets"})
            if len(set(buckets)) != len(buckets):
                raise PySparkValueError(errorClass="NOT_UNIQUE", messageParameters={"arg_name": "buckets"})
            minv = buckets[0]
            maxv = buckets[-1]
            even = False
            inc = None
            try:
                steps = [buckets[i + 1] - buckets[i] for i in range(len(buckets) - 1)]
            except TypeError:
                pass
            else:
                if max(steps) - min(steps) < 1e-10:
                    even = True
                    inc = (maxv - minv) / (len(buckets) - 1)
        else:
            raise PySparkTypeError(errorClass="NOT_LIST_OR_TUPLE", messageParameters={"arg_name": "buckets", "arg_type": type(buckets).__name__})

        def histogram(iterator):
            counters = [0] * len(buckets)
            for i in iterator:
                if i is None or (isinstance(i, float) and i != i) or i > maxv or i < minv:
                    continue
                t = int((i - minv) / inc) if even else bisect.bisect_right(buckets, i) - 1
                counters[t] += 1
            last = counters.pop()
            counters[-1] += last
            return [counters]

        def merge_counters(a, b):
            return [i + j for i, j in zip(a, b)]

        return buckets, self.mapPartitions(histogram).reduce(merge_counters)

    def take(self, num):
        """The first ``num`` records, scanning partitions as Spark does (1, then more).

        >>> sc.parallelize([2, 3, 4, 5, 6]).cache().take(2)
        [2, 3]
        >>> sc.parallelize(range(100), 100).filter(lambda x: x > 90).take(3)
        [91, 92, 93]
        """
        items = []
        total_parts = self.getNumPartitions()
        parts_scanned = 0
        while len(items) < num and parts_scanned < total_parts:
            num_parts_to_try = 1
            if parts_scanned > 0:
                if len(items) == 0:
                    num_parts_to_try = parts_scanned * 4
                else:
                    num_parts_to_try = int(1.5 * num * parts_scanned / len(items)) - parts_scanned
                    num_parts_to_try = min(max(num_parts_to_try, 1), parts_scanned * 4)
            left = num - len(items)

            def take_up_to_num_left(iterator):
                iterator = iter(iterator)
                taken = 0
                while taken < left:
                    try:
                        yield next(iterator)
                    except StopIteration:
                        return
                    taken += 1

            p = list(range(parts_scanned, min(parts_scanned + num_parts_to_try, total_parts)))
            for part in self.mapPartitions(take_up_to_num_left)._collect_partitions(p):
                items.extend(part)
            parts_scanned += num_parts_to_try
        return items[:num]

    def first(self):
        """The first record.

        Raises
        ------
        ValueError
            When there are no records (PySpark raises a plain ``ValueError``).

        >>> sc.parallelize([2, 3, 4]).first()
        2
        """
        rs = self.take(1)
        if rs:
            return rs[0]
        raise ValueError("RDD is empty")

    def isEmpty(self):
        """Whether the RDD has no records.

        >>> sc.parallelize([]).isEmpty()
        True
        """
        return self.getNumPartitions() == 0 or len(self.take(1)) == 0

    def top(self, num, key=None):
        """The ``num`` largest records, largest first.

        >>> sc.parallelize([10, 4, 2, 12, 3]).top(1)
        [12]
        """

        def top_iterator(iterator):
            yield heapq.nlargest(num, iterator, key=key)

        def merge(a, b):
            return heapq.nlargest(num, a + b, key=key)

        return self.mapPartitions(top_iterator).reduce(merge)

    def takeOrdered(self, num, key=None):
        """The ``num`` smallest records (by ``key``), smallest first.

        >>> sc.parallelize([10, 1, 2, 9, 3, 4, 5, 6, 7]).takeOrdered(6)
        [1, 2, 3, 4, 5, 6]
        """
        if num < 0:
            raise ValueError("top N cannot be negative.")
        if num == 0 or self.getNumPartitions() == 0:
            return []

        def merge(a, b):
            return heapq.nsmallest(num, a + b, key)

        return self.mapPartitions(lambda it: [heapq.nsmallest(num, it, key)]).reduce(merge)

    def takeSample(self, withReplacement, num, seed=None):
        """A fixed-size random sample returned to the driver (PySpark's algorithm: sample
        with an over-estimated fraction until enough records, then shuffle).

        Raises
        ------
        ValueError
            When ``num`` is negative or too large.

        >>> len(sc.parallelize(range(0, 10)).takeSample(True, 20, 1))
        20
        """
        import random

        num_stdev = 10.0
        max_sample_size = sys.maxsize - int(num_stdev * math.sqrt(sys.maxsize))
        if num < 0:
            raise ValueError("Sample size cannot be negative.")
        elif num > max_sample_size:
            raise ValueError("Sample size cannot be greater than %d." % max_sample_size)
        if num == 0 or self.getNumPartitions() == 0:
            return []
        initial_count = self.count()
        if initial_count == 0:
            return []
        rand = random.Random(seed)
        if (not withReplacement) and num >= initial_count:
            samples = self.collect()
            rand.shuffle(samples)
            return samples
        fraction = RDD._computeFractionForSampleSize(num, initial_count, withReplacement)
        samples = self.sample(withReplacement, fraction, seed).collect()
        while len(samples) < num:
            seed = rand.randint(0, sys.maxsize)
            samples = self.sample(withReplacement, fraction, seed).collect()
        rand.shuffle(samples)
        return samples[0:num]

    @staticmethod
    def _computeFractionForSampleSize(sampleSizeLowerBound, total, withReplacement):
        fraction = float(sampleSizeLowerBound) / total
        if withReplacement:
            num_stdev = 5
            if sampleSizeLowerBound < 12:
                num_stdev = 9
            return fraction + num_stdev * math.sqrt(fraction / total)
        delta = 0.00005
        gamma = -math.log(delta) / total
        return min(1, fraction + gamma + math.sqrt(gamma * gamma + 2 * gamma * fraction))

    def sampleByKey(self, withReplacement, fractions, seed=None):
        """A sample of a pair RDD with a fraction per key.

        >>> fractions = {"a": 0.2, "b": 0.1}
        >>> rdd = sc.parallelize(fractions.keys()).cartesian(sc.parallelize(range(0, 1000)))
        >>> sample = dict(rdd.sampleByKey(False, fractions, 2).groupByKey().collect())
        >>> 100 < len(sample["a"]) < 300 and 50 < len(sample["b"]) < 150
        True
        """
        for fraction in fractions.values():
            if not fraction >= 0:
                raise ValueError("Negative fraction value: %s" % fraction)
        return self.mapPartitionsWithIndex(RDDStratifiedSampler(withReplacement, fractions, seed).func, True)

    def countApprox(self, timeout, confidence=0.95):
        """The count (Ember computes it exactly).

        >>> sc.parallelize(range(1000), 10).countApprox(1000, 1.0)
        1000
        """
        return int(self.count())

    def sumApprox(self, timeout, confidence=0.95):
        """The sum as a ``BoundedFloat`` (exact in Ember)."""
        value = float(self.sum())
        return BoundedFloat(value, confidence, value, value)

    def meanApprox(self, timeout, confidence=0.95):
        """The mean as a ``BoundedFloat`` (exact in Ember)."""
        value = float(self.mean())
        return BoundedFloat(value, confidence, value, value)

    def countApproxDistinct(self, relativeSD=0.05):
        """The number of distinct records (Ember counts them exactly).

        Raises
        ------
        ValueError
            When ``relativeSD`` is below 0.000017.
        """
        if relativeSD < 0.000017:
            raise ValueError("relativeSD should be greater than 0.000017")
        return self.distinct().count()

    def barrier(self):
        """Marks the stage as a barrier stage; Ember runs its tasks as usual."""
        return RDDBarrier(self)

    def lookup(self, key):
        """The values for ``key`` (one partition only when the RDD is partitioned).

        >>> sc.parallelize([(1, "a"), (2, "b"), (1, "c")]).lookup(1)
        ['a', 'c']
        """
        values = self.filter(lambda kv: kv[0] == key).values()
        if self.partitioner is not None:
            return values._collect_partitions([self.partitioner(key)])[0]
        return values.collect()

    def saveAsTextFile(self, path, compressionCodecClass=None):
        """Writes ``str(record)`` lines as part-NNNNN files plus ``_SUCCESS``.

        Parameters
        ----------
        path : str
        compressionCodecClass : str, optional
            ``org.apache.hadoop.io.compress.GzipCodec`` writes ``part-NNNNN.gz`` files.

        Raises
        ------
        PySparkRuntimeError
            When ``path`` exists.
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
        partition, plus ``_SUCCESS`` (Ember's own layout; ``sc.pickleFile`` reads it).

        >>> import os, tempfile
        >>> path = os.path.join(tempfile.mkdtemp(), "p")
        >>> sc.parallelize(range(5), 2).saveAsPickleFile(path)
        >>> sorted(sc.pickleFile(path).collect())
        [0, 1, 2, 3, 4]
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
        """Pipes each partition through a shell command; returns its output lines."""
        import shlex
        import subprocess

        def func(iterator):
            process = subprocess.Popen(shlex.split(command), env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
            data = "".join(str(x).rstrip("\n") + "\n" for x in iterator).encode("utf-8")
            out, _ = process.communicate(data)
            if checkCode and process.returncode:
                raise PySparkRuntimeError(errorClass="PIPE_FUNCTION_EXITED", messageParameters={"func_name": command, "error_code": str(process.returncode)})
            return (line.rstrip("\n") for line in out.decode("utf-8").splitlines())

        return self.mapPartitions(func)

    # ------------------------------------------------------------- DataFrames
    def toDF(self, schema=None, sampleRatio=None):
        """A DataFrame of this RDD's rows (``spark.createDataFrame(rdd, schema)``).

        >>> sc.parallelize([("a", 1)]).toDF(["k", "v"]).collect()
        [Row(k='a', v=1)]
        """
        from pyspark.sql import SparkSession

        return SparkSession.builder.getOrCreate().createDataFrame(self, schema, sampleRatio)


class BoundedFloat(float):
    """A float with a confidence interval, returned by the approximate actions.

    >>> BoundedFloat(100.0, 0.95, 95.0, 105.0)
    100.0
    """

    def __new__(cls, mean, confidence, low, high):
        obj = float.__new__(cls, mean)
        obj.confidence = confidence
        obj.low = low
        obj.high = high
        return obj


class RDDBarrier:
    """An RDD in a barrier stage (``RDD.barrier()``)."""

    def __init__(self, rdd):
        self.rdd = rdd

    def mapPartitions(self, f, preservesPartitioning=False):
        """``RDD.mapPartitions`` in a barrier stage.

        >>> sc.parallelize([1, 2, 3, 4], 2).barrier().mapPartitions(lambda it: [sum(it)]).collect()
        [3, 7]
        """
        return self.rdd.mapPartitions(f, preservesPartitioning)

    def mapPartitionsWithIndex(self, f, preservesPartitioning=False):
        """``RDD.mapPartitionsWithIndex`` in a barrier stage.

        >>> sc.parallelize([1, 2, 3, 4], 4).barrier().mapPartitionsWithIndex(lambda i, it: [i]).sum()
        6
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
            prev_func = prev.func

            def pipeline_func(split, iterator):
                return func(split, prev_func(split, iterator))

            self.func = pipeline_func
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
