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

from pyspark.errors.exceptions.base import (  # noqa: F401
    ERROR_CONDITIONS,
    PySparkException,
    AnalysisException,
    SessionNotSameException,
    TempTableAlreadyExistsException,
    ParseException,
    IllegalArgumentException,
    ArithmeticException,
    UnsupportedOperationException,
    ArrayIndexOutOfBoundsException,
    DateTimeException,
    NumberFormatException,
    StreamingQueryException,
    StreamingPythonRunnerInitializationException,
    QueryExecutionException,
    PythonException,
    SparkRuntimeException,
    SparkUpgradeException,
    SparkNoSuchElementException,
    UnknownException,
    PySparkValueError,
    PySparkTypeError,
    PySparkIndexError,
    PySparkAttributeError,
    PySparkRuntimeError,
    PySparkAssertionError,
    PySparkNotImplementedError,
    PySparkPicklingError,
    PySparkKeyError,
    PySparkImportError,
    PickleException,
    QueryContext,
    QueryContextType,
)

__all__ = [
    "PySparkException",
    "AnalysisException",
    "SessionNotSameException",
    "TempTableAlreadyExistsException",
    "ParseException",
    "IllegalArgumentException",
    "ArithmeticException",
    "UnsupportedOperationException",
    "ArrayIndexOutOfBoundsException",
    "DateTimeException",
    "NumberFormatException",
    "StreamingQueryException",
    "StreamingPythonRunnerInitializationException",
    "QueryExecutionException",
    "PythonException",
    "UnknownException",
    "SparkRuntimeException",
    "SparkUpgradeException",
    "SparkNoSuchElementException",
    "PySparkTypeError",
    "PySparkValueError",
    "PySparkImportError",
    "PySparkIndexError",
    "PySparkAttributeError",
    "PySparkRuntimeError",
    "PySparkAssertionError",
    "PySparkNotImplementedError",
    "PySparkPicklingError",
    "PySparkKeyError",
    "PickleException",
    "QueryContext",
    "QueryContextType",
]
