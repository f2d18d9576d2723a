"""Per-partition random samplers for ``RDD.sample``, ``RDD.randomSplit`` and
``RDD.sampleByKey`` (Ember's version of ``pyspark.rddsampler``).

Each sampler object is pickled into the tasks and its ``func(split, iterator)`` is given
to ``mapPartitionsWithIndex``. Every partition draws from its own generator, seeded with
the sampler's seed combined with the partition index, so a fixed seed gives a repeatable
sample however the partitions are scheduled. Without replacement a record is kept when a
uniform draw falls below its fraction (Bernoulli sampling); with replacement it is
repeated a Poisson-distributed number of times whose mean is the fraction. The draws are
made in the same order as PySpark's, so a seeded sample selects the same records.
"""
import math
import random
import sys

# Draws thrown away after seeding: seeds of neighbouring partitions differ in a few bits
# only, and the first numbers of their generators would be alike without this.
_WARM_UP_DRAWS = 10
# Below this mean the Poisson count multiplies uniforms; above it, it sums exponentials.
_SMALL_MEAN = 20.0


class RDDSamplerBase:
    """What the samplers share: the seed, the per-partition generator, and the draws.

    Parameters
    ----------
    withReplacement : bool
        Whether a record may be chosen more than once.
    seed : int, optional
        The seed; a random one in ``[0, sys.maxsize]`` is picked when None.
    """

    def __init__(self, withReplacement, seed=None):
        self._with_replacement = bool(withReplacement)
        self._seed = random.randint(0, sys.maxsize) if seed is None else seed
        self._rng = None

    def initRandomGenerator(self, split):
        """Starts the generator of partition ``split`` (an int, the partition index)."""
        generator = random.Random(self._seed ^ split)
        for _ in range(_WARM_UP_DRAWS):
            generator.randint(0, 1)
        self._rng = generator

    def getUniformSample(self):
        """A float drawn uniformly from [0, 1) by the current partition's generator."""
        return self._rng.random()

    def getPoissonSample(self, mean):
        """An int drawn from the Poisson distribution whose mean is ``mean``."""
        draw = self._rng
        arrivals = 0
        if mean < _SMALL_MEAN:
            # Knuth: multiply uniforms until the product drops to exp(-mean) or below.
            floor = math.exp(-mean)
            product = draw.random()
            while product > floor:
                arrivals += 1
                product *= draw.random()
        else:
            # Count the arrivals of a rate-``mean`` process within one unit of time.
            clock = draw.expovariate(mean)
            while clock < 1.0:
                arrivals += 1
                clock += draw.expovariate(mean)
        return arrivals

    def _copies(self, fraction):
        """How many times the next record goes into the sample."""
        if not self._with_replacement:
            return int(self.getUniformSample() < fraction)
        return self.getPoissonSample(fraction)

    def _pick(self, records):
        raise NotImplementedError("a sampler defines _pick")

    def func(self, split, iterator):
        """The sampled records of partition ``split`` from ``iterator``, lazily: the
        function handed to ``mapPartitionsWithIndex``."""
        self.initRandomGenerator(split)
        yield from self._pick(iterator)


class RDDSampler(RDDSamplerBase):
    """Samples every record with the same ``fraction`` (``RDD.sample``).

    Without replacement ``fraction`` is the chance of keeping each record; with
    replacement it is the expected number of copies of each record.

    Examples
    --------
    >>> sampler = RDDSampler(False, 0.5, seed=7)
    >>> picked = list(sampler.func(0, range(1000)))
    >>> 400 < len(picked) < 600, picked == sorted(set(picked))
    (True, True)
    >>> picked == list(RDDSampler(False, 0.5, seed=7).func(0, range(1000)))
    True
    """

    def __init__(self, withReplacement, fraction, seed=None):
        super().__init__(withReplacement, seed)
        self._share = fraction

    def _pick(self, records):
        for record in records:
            yield from [record] * self._copies(self._share)


class RDDRangeSampler(RDDSamplerBase):
    """Keeps the records whose uniform draw lies in ``[lowerBound, upperBound)``; never
    with replacement.

    ``RDD.randomSplit`` builds one of these per split, all with the same seed and with
    adjoining bounds, so every record lands in exactly one split.

    >>> halves = [list(RDDRangeSampler(lo, hi, 3).func(1, range(10))) for lo, hi in [(0.0, 0.5), (0.5, 1.0)]]
    >>> sorted(halves[0] + halves[1]) == list(range(10))
    True
    """

    def __init__(self, lowerBound, upperBound, seed=None):
        super().__init__(False, seed)
        self._bounds = (lowerBound, upperBound)

    def _pick(self, records):
        low, high = self._bounds
        return (record for record in records if low <= self.getUniformSample() < high)


class RDDStratifiedSampler(RDDSamplerBase):
    """Samples ``(key, value)`` records with a fraction chosen by key (``RDD.sampleByKey``).

    Parameters
    ----------
    withReplacement : bool
        Whether a record may be chosen more than once.
    fractions : dict
        The fraction of each key; a record whose key is missing raises ``KeyError``.
    seed : int, optional
        The seed; a random one is picked when None.
    """

    def __init__(self, withReplacement, fractions, seed=None):
        super().__init__(withReplacement, seed)
        self._by_key = fractions

    def _pick(self, records):
        for key, value in records:
            yield from [(key, value)] * self._copies(self._by_key[key])
