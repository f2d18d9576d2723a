"""PySpark errors (mirrors ``pyspark.errors`` of PySpark 4.x).

Exports the exception hierarchy.  Every class takes
``(message=None, errorClass=None, messageParameters=None, sqlState=None)`` and offers
``getCondition()``, ``getErrorClass()`` (deprecated alias), ``getMessageParameters()``,
``getSqlState()``, ``getMessage()`` and ``getQueryContext()``.

Examples
--------
>>> from pyspark.errors import AnalysisException
>>> e = AnalysisException(errorClass="TABLE_OR_VIEW_NOT_FOUND",
...                       messageParameters={"relationName": "`t`"})
>>> e.getSqlState()
'42P01'
"""

from pyspark.errors.exceptions import base as _base
from pyspark.errors.exceptions.base import *  # noqa: F401,F403  (the public classes)

__all__ = list(_base.__all__)
