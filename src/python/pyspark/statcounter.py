"""Summary statistics of numbers, gathered in a single pass (``RDD.stats``).

Ember's version of ``pyspark.statcounter``. A counter keeps the count, the running mean,
the sum of squared deviations from the mean, and the extremes. Two counters built over
different partitions combine into the counter of all their values (the pairwise update of
Chan, Golub and LeVeque), the arithmetic being the same as Spark's so that results agree
to the last bit.
"""
import copy
import math


class StatCounter:
    """Count, mean, variance, minimum and maximum of a stream of numbers
    (mirrors ``pyspark.statcounter.StatCounter``).

    Parameters
    ----------
    values : iterable of float, optional
        Numbers to add straight away with ``merge``.

    Notes
    -----
    The mean, sum and spreads are floats, but ``min()``, ``max()``, ``repr`` and
    ``asDict`` give the extremes as they were added (``max: 3`` for integers), as PySpark
    does. An empty counter has mean 0.0, an infinite minimum and maximum, and NaN
    variances.

    Examples
    --------
    >>> stats = StatCounter([2, 4, 9])
    >>> stats
    (count: 3, mean: 5.0, stdev: 2.943920288775949, max: 9, min: 2)
    >>> stats.merge(5).count(), stats.sum(), stats.sampleVariance()
    (4, 20.0, 8.666666666666666)
    >>> stats.mergeStats(StatCounter([0.5])).min(), stats.max()
    (0.5, 9)
    """

    def __init__(self, values=None):
        self.n = 0  # how many values
        self.mu = 0.0  # their mean
        self.m2 = 0.0  # sum of squared differences from the mean
        self.maxValue, self.minValue = -math.inf, math.inf
        if values is not None:
            for number in values:
                self.merge(number)

    def merge(self, value):
        """Adds one number and returns this counter.

        Raises
        ------
        TypeError
            When ``value`` is not a number.
        """
        shift = value - self.mu
        self.n += 1
        self.mu += shift / self.n
        self.m2 += shift * (value - self.mu)
        # Compared in this order, a NaN never replaces a finite extreme already held.
        self.maxValue = max(self.maxValue, value)
        self.minValue = min(self.minValue, value)
        return self

    def mergeStats(self, other):
        """Adds all the numbers another counter has seen and returns this counter
        (``other`` may be this counter itself, which then counts everything twice).

        Raises
        ------
        TypeError
            When ``other`` is not a ``StatCounter``.
        """
        if not isinstance(other, StatCounter):
            raise TypeError(f"Can only merge StatCounter but got {type(other)}")
        if other is self:
            return self.mergeStats(self.copy())
        if other.n == 0:
            return self
        if self.n == 0:
            self.n, self.mu, self.m2 = other.n, other.mu, other.m2
            self.maxValue, self.minValue = other.maxValue, other.minValue
            return self
        self._absorb(other)
        return self

    def _absorb(self, other):
        """Combines a non-empty ``other`` into this non-empty counter."""
        mine, theirs = self.n, other.n
        total = mine + theirs
        gap = other.mu - self.mu
        # When one side is much smaller, nudge the larger side's mean rather than
        # re-weighting both, which loses less precision.
        if theirs * 10 < mine:
            self.mu = self.mu + gap * theirs / total
        elif mine * 10 < theirs:
            self.mu = other.mu - gap * mine / total
        else:
            self.mu = (self.mu * mine + other.mu * theirs) / total
        self.maxValue = max(self.maxValue, other.maxValue)
        self.minValue = min(self.minValue, other.minValue)
        self.m2 += other.m2 + gap * gap * mine * theirs / total
        self.n = total

    def copy(self):
        """An independent counter holding the same statistics."""
        duplicate = object.__new__(type(self))
        duplicate.__dict__.update(copy.deepcopy(vars(self)))
        return duplicate

    def count(self):
        """How many numbers were added."""
        return int(self.n)

    def mean(self):
        """Their arithmetic mean (0.0 when empty)."""
        return float(self.mu)

    def sum(self):
        """Their total, as a float."""
        return float(self.n * self.mu)

    def min(self):
        """The smallest number, as it was added (``inf`` when empty)."""
        return self.minValue

    def max(self):
        """The largest number, as it was added (``-inf`` when empty)."""
        return self.maxValue

    def variance(self):
        """The population variance (squared deviations over the count); NaN when empty."""
        if self.n == 0:
            return math.nan
        return float(self.m2 / self.n)

    def sampleVariance(self):
        """The sample variance (over count minus one); NaN below two numbers."""
        if self.n < 2:
            return math.nan
        return float(self.m2 / (self.n - 1))

    def stdev(self):
        """The population standard deviation."""
        return float(math.sqrt(self.variance()))

    def sampleStdev(self):
        """The sample standard deviation."""
        return float(math.sqrt(self.sampleVariance()))

    def asDict(self, sample=False):
        """The statistics as a dict with keys ``count``, ``mean``, ``sum``, ``min``,
        ``max``, ``stdev`` and ``variance``.

        PySpark's flag works the opposite way to its name, and Ember keeps that: by
        default ``stdev`` and ``variance`` are the *sample* figures, and with
        ``sample=True`` the population ones.

        >>> StatCounter([1.0, 3.0]).asDict()["variance"]
        2.0
        >>> StatCounter([1.0, 3.0]).asDict(sample=True)["variance"]
        1.0
        """
        if sample:
            spread, squared = self.stdev(), self.variance()
        else:
            spread, squared = self.sampleStdev(), self.sampleVariance()
        summary = dict(count=self.count(), mean=self.mean(), sum=self.sum())
        summary.update(min=self.min(), max=self.max(), stdev=spread, variance=squared)
        return summary

    def __repr__(self):
        return "(count: {}, mean: {}, stdev: {}, max: {}, min: {})".format(
            self.count(), self.mean(), self.stdev(), self.maxValue, self.minValue
        )
