"""PySpark exception classes (mirrors ``pyspark.errors.exceptions``).

Re-exports everything from :mod:`pyspark.errors.exceptions.base`; see that module for
the classes and the built-in error-condition table.
"""

from pyspark.errors.exceptions.base import *  # noqa: F401,F403
from pyspark.errors.exceptions.base import __all__  # noqa: F401
