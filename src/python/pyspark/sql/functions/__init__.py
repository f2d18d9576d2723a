"""``pyspark.sql.functions``: Spark's built-in functions as Column builders; they live in
``pyspark.sql.functions.builtin``, as in PySpark."""
from pyspark.sql.functions.builtin import *  # noqa: F401,F403
from pyspark.sql.functions.builtin import __all__  # noqa: F401
from pyspark.sql.functions import builtin as _builtin


def __getattr__(name):
    # Names outside ``__all__`` that PySpark's module also has: the camelCase spellings
    # (``countDistinct``) and private helpers (``_col``) other pyspark modules import.
    if hasattr(_builtin, name):
        return getattr(_builtin, name)
    raise AttributeError("module 'pyspark.sql.functions' has no attribute %r" % name)
