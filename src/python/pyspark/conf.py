"""``pyspark.SparkConf``: Spark configuration as key/value pairs."""

__all__ = ["SparkConf"]


class SparkConf:
    """Configuration for a Spark application. Mirrors ``pyspark.SparkConf``.

    Examples
    --------
    >>> SparkConf().setAppName("app").get("spark.app.name")
    'app'
    """

    def __init__(self, loadDefaults=True, _jvm=None, _jconf=None):
        self._values = {}

    def set(self, key, value):
        self._values[key] = str(value)
        return self

    def setIfMissing(self, key, value):
        self._values.setdefault(key, str(value))
        return self

    def setMaster(self, value):
        return self.set("spark.master", value)

    def setAppName(self, value):
        return self.set("spark.app.name", value)

    def setAll(self, pairs):
        for key, value in pairs:
            self.set(key, value)
        return self

    def get(self, key, defaultValue=None):
        return self._values.get(key, defaultValue)

    def getAll(self):
        return list(self._values.items())

    def contains(self, key):
        return key in self._values

    def toDebugString(self):
        return "\n".join("%s=%s" % kv for kv in self._values.items())
