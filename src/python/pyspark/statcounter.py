"""``pyspark.statcounter.StatCounter``: count, mean, variance, min and max of numbers in
one pass, mergeable across partitions (Welford's / Chan's update, as Spark's StatCounter)."""
import copy
import math

__all__ = ["StatCounter"]


class StatCounter:
    """Running statistics of a stream of numbers. Mirrors ``pyspark.statcounter.StatCounter``.

    >>> s = StatCounter([1.0, 2.0, 3.0])
    >>> s.count(), s.mean(), s.variance()
    (3, 2.0, 0.6666666666666666)
    """

    def __init__(self, values=None):
        self.n = 0
        self.mu = 0.0
        self.m2 = 0.0
        self.maxValue = float("-inf")
        self.minValue = float("inf")
        for v in values or []:
            self.merge(v)

    def merge(self, value):
        """Adds one value."""
        delta = value - self.mu
        self.n += 1
        self.mu += delta / self.n
        self.m2 += delta * (value - self.mu)
        self.maxValue = max(self.maxValue, value)
        self.minValue = min(self.minValue, value)
        return self

    def mergeStats(self, other):
        """Adds another StatCounter's values."""
        if not isinstance(other, StatCounter):
            raise TypeError("Can only merge StatCounter but got %s" % type(other))
        if other is self:
            self.mergeStats(other.copy())
        elif self.n == 0:
            self.mu = other.mu
            self.m2 = other.m2
            self.n = other.n
            self.maxValue = other.maxValue
            self.minValue = other.minValue
        elif other.n != 0:
            delta = other.mu - self.mu
            if other.n * 10 < self.n:
                self.mu = self.mu + (delta * other.n) / (self.n + other.n)
            elif self.n * 10 < other.n:
                self.mu = other.mu - (delta * self.n) / (self.n + other.n)
            else:
                self.mu = (self.mu * self.n + other.mu * other.n) / (self.n + other.n)
            self.maxValue = max(self.maxValue, other.maxValue)
            self.minValue = min(self.minValue, other.minValue)
            self.m2 += other.m2 + (delta * delta * self.n * other.n) / (self.n + other.n)
            self.n += other.n
        return self

    def copy(self):
        return copy.deepcopy(self)

    def count(self):
        return int(self.n)

    def mean(self):
        return float(self.mu)

    def sum(self):
        return float(self.n * self.mu)

    def min(self):
        return float(self.minValue)

    def max(self):
        return float(self.maxValue)

    def variance(self):
        """Population variance (divides by N)."""
        return float("nan") if self.n == 0 else float(self.m2 / self.n)

    def sampleVariance(self):
        """Sample variance (divides by N - 1)."""
        return float("nan") if self.n <= 1 else float(self.m2 / (self.n - 1))

    def stdev(self):
        return float(math.sqrt(self.variance()))

    def sampleStdev(self):
        return float(math.sqrt(self.sampleVariance()))

    def asDict(self, sample=False):
        """The statistics as a dict (``sample`` picks the sample variance and stdev)."""
        return {
            "count": self.count(),
            "mean": self.mean(),
            "sum": self.sum(),
            "min": self.min(),
            "max": self.max(),
            "stdev": self.stdev() if not sample else self.sampleStdev(),
            "variance": self.variance() if not sample else self.sampleVariance(),
        }

    def __repr__(self):
        return "(count: %s, mean: %s, stdev: %s, max: %s, min: %s)" % (self.count(), self.mean(), self.stdev(), self.max(), self.min())
