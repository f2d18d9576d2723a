"""Exception classes of the PySpark-compatible package (no JVM, standard library only).

Mirrors ``pyspark.errors.exceptions.base`` of PySpark 4.x.  Every exception carries
an *error condition* (``errorClass``), message parameters and an optional SQLSTATE.
When no explicit ``message`` is given, the message is rendered from a small built-in
table of Spark error-condition templates (:data:`ERROR_CONDITIONS`, kept in
``_conditions`` and loaded with the first message), substituting
``<param>`` placeholders from ``messageParameters``.

Two families exist, as in PySpark 4 with Spark Connect:

* *Server-side* exceptions (the ones PySpark converts from Spark SQL errors:
  :class:`AnalysisException`, :class:`ParseException`, :class:`ArithmeticException`,
  ...).  Spark formats their message as ``[CONDITION] message SQLSTATE: xxxxx``, so
  ``str(e)`` ends with the SQLSTATE whenever one is known.
* *Python-side* errors (:class:`PySparkValueError`, :class:`PySparkTypeError`, ...)
  and a bare :class:`PySparkException`.  PySpark prints them as
  ``[CONDITION] message`` without the SQLSTATE, even when
  :meth:`PySparkException.getSqlState` knows one.

This module imports nothing from other ``pyspark`` modules, so it can be loaded
before (or without) the rest of the package.
"""

import re
import warnings
from abc import ABC, abstractmethod
from enum import Enum
from pickle import PicklingError
from typing import Any, Dict, Iterable, List, Optional

from pyspark._lazy_names import lazy_names

__all__ = [
    "SparkConnectGrpcException",
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
    "SparkRuntimeException",
    "SparkUpgradeException",
    "SparkNoSuchElementException",
    "UnknownException",
    "PySparkValueError",
    "PySparkTypeError",
    "PySparkIndexError",
    "PySparkAttributeError",
    "PySparkRuntimeError",
    "PySparkAssertionError",
    "PySparkNotImplementedError",
    "PySparkPicklingError",
    "PySparkKeyError",
    "PySparkImportError",
    "PickleException",
    "QueryContextType",
    "QueryContext",
    "get_error_message",
    "get_sql_state",
]


# ---------------------------------------------------------------------------------------------
# Error-condition table
# ---------------------------------------------------------------------------------------------
#
# The table itself is pyspark.errors.exceptions._conditions.


def _conditions():
    """The error-condition table (``pyspark.errors.exceptions._conditions``), loaded on
    first use."""
    from pyspark.errors.exceptions._conditions import ERROR_CONDITIONS

    return ERROR_CONDITIONS


__getattr__, __dir__ = lazy_names(globals(), {"ERROR_CONDITIONS": "pyspark.errors.exceptions._conditions"})

_PARAM_RE = re.compile(r"<([a-zA-Z0-9_-]+)>")


def _lookup(condition: str) -> Optional[Dict[str, Any]]:
    """Return the table entry (main or sub-condition) for ``condition`` or None."""
    parts = condition.split(".")
    main = _conditions().get(parts[0])
    if main is None or len(parts) > 2:
        return None
    if len(parts) == 1:
        return main
    sub = main.get("subClass", {}).get(parts[1])
    return sub


def _message_template(condition: str) -> Optional[str]:
    """Template for ``condition`` ("MAIN" or "MAIN.SUB"), or None when unknown."""
    parts = condition.split(".")
    main = _conditions().get(parts[0])
    if main is None or len(parts) > 2:
        return None
    template = "\n".join(main["message"])
    if len(parts) == 2:
        sub = main.get("subClass", {}).get(parts[1])
        if sub is None:
            return None
        template = template + " " + "\n".join(sub["message"])
    return template


def get_error_message(condition: Optional[str], messageParameters: Optional[Dict[str, Any]]) -> str:
    """Render the message of an error condition from the built-in template table.

    Parameters
    ----------
    condition : str or None
        Error condition such as ``"PATH_NOT_FOUND"`` or
        ``"UNRESOLVED_COLUMN.WITH_SUGGESTION"``.
    messageParameters : dict of str to str, optional
        Values for the ``<param>`` placeholders of the template (converted with ``str``).

    Returns
    -------
    str
        The message body without the ``[CONDITION]`` prefix or SQLSTATE suffix.
        Placeholders without a value are left as-is.  For a condition absent from the
        table the message lists the parameters instead (PySpark would raise
        ``ValueError`` there; this package stays lenient so that raising an error never
        fails).

    Examples
    --------
    >>> get_error_message("PATH_NOT_FOUND", {"path": "file:/x"})
    'Path does not exist: file:/x.'
    """
    params = messageParameters or {}
    if condition is None:
        return ""
    template = _message_template(condition)
    if template is None:
        if not params:
            return ""
        return ", ".join("%s=%s" % (k, v) for k, v in params.items())

    def repl(m: "re.Match[str]") -> str:
        key = m.group(1)
        if key in params:
            return str(params[key])
        return m.group(0)

    return _PARAM_RE.sub(repl, template)


def get_sql_state(condition: Optional[str]) -> Optional[str]:
    """Return the SQLSTATE of an error condition from the built-in table.

    Parameters
    ----------
    condition : str or None
        Error condition, optionally with a sub-condition (``"MAIN.SUB"``).

    Returns
    -------
    str or None
        The 5-character SQLSTATE (a sub-condition's own state wins over the main one),
        or None when the condition is unknown or has none.

    Examples
    --------
    >>> get_sql_state("UNRESOLVED_COLUMN.WITH_SUGGESTION")
    '42703'
    """
    if condition is None:
        return None
    parts = condition.split(".")
    main = _conditions().get(parts[0])
    if main is None:
        return None
    if len(parts) == 2:
        sub = main.get("subClass", {}).get(parts[1])
        if sub is not None and sub.get("sqlState"):
            return sub["sqlState"]
    return main.get("sqlState")


# ---------------------------------------------------------------------------------------------
# Query context
# ---------------------------------------------------------------------------------------------


class QueryContextType(Enum):
    """The type of a :class:`QueryContext` (mirrors ``pyspark.errors.QueryContextType``).

    Members ``SQL`` (0) and ``DataFrame`` (1).

    Examples
    --------
    >>> QueryContextType.SQL.name
    'SQL'
    """

    SQL = 0
    DataFrame = 1


class QueryContext(ABC):
    """Where in a query an error happened (mirrors ``pyspark.errors.QueryContext``).

    Abstract: the engine may subclass it and pass instances through the ``contexts``
    argument of :class:`PySparkException`; :meth:`PySparkException.getQueryContext`
    returns them.
    """

    @abstractmethod
    def contextType(self) -> QueryContextType:
        """Return the :class:`QueryContextType` of this context."""

    @abstractmethod
    def objectType(self) -> str:
        """Return the object type (e.g. ``"VIEW"``) or ``""`` for the main query."""

    @abstractmethod
    def objectName(self) -> str:
        """Return the object name or ``""`` for the main query."""

    @abstractmethod
    def startIndex(self) -> int:
        """Return the 0-based start index of the failing fragment."""

    @abstractmethod
    def stopIndex(self) -> int:
        """Return the 0-based stop index of the failing fragment."""

    @abstractmethod
    def fragment(self) -> str:
        """Return the failing fragment of the query."""

    @abstractmethod
    def callSite(self) -> str:
        """Return the user call site of the API that failed."""

    @abstractmethod
    def summary(self) -> str:
        """Return a summary of the failure location."""


# ---------------------------------------------------------------------------------------------
# Exceptions
# ---------------------------------------------------------------------------------------------


class PySparkException(Exception):
    """Base class of all PySpark errors (mirrors ``pyspark.errors.PySparkException``).

    Parameters
    ----------
    message : str, optional
        Message body (without the ``[CONDITION]`` prefix).  When None it is rendered from
        the built-in template of ``errorClass`` with ``messageParameters``.  A message that
        already starts with ``[errorClass]`` is taken as fully formatted and printed as is.
    errorClass : str, optional
        Error condition, e.g. ``"PATH_NOT_FOUND"`` or ``"UNRESOLVED_COLUMN.WITH_SUGGESTION"``.
    messageParameters : dict of str to str, optional
        Values of the template's ``<param>`` placeholders.
    sqlState : str, optional
        Explicit SQLSTATE; defaults to the condition's state from the table.
    contexts : list of :class:`QueryContext`, optional
        Query contexts returned by :meth:`getQueryContext`.

    Notes
    -----
    ``str(e)`` is ``"[CONDITION] message"`` (just ``message`` when there is no condition).
    Server-side subclasses (:class:`AnalysisException`, ...) append ``" SQLSTATE: xxxxx"``
    when a SQLSTATE is known, as Spark formats them.

    Examples
    --------
    >>> e = PySparkException(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "rdd"})
    >>> str(e)
    '[NOT_IMPLEMENTED] rdd is not implemented.'
    >>> e.getCondition(), e.getSqlState()
    ('NOT_IMPLEMENTED', '0A000')
    """

    # True for exceptions that represent Spark SQL (server-side) errors.
    _server_side = False

    def __init__(
        self,
        message: Optional[str] = None,
        errorClass: Optional[str] = None,
        messageParameters: Optional[Dict[str, str]] = None,
        sqlState: Optional[str] = None,
        contexts: Optional[List[QueryContext]] = None,
    ):
        self._full_message = False
        if message is None:
            self._message = get_error_message(errorClass, messageParameters)
        else:
            self._message = message
            if errorClass is not None and message.startswith("[%s]" % errorClass):
                self._full_message = True
        self._errorClass = errorClass
        self._messageParameters = messageParameters
        self._sqlState = sqlState
        self._contexts = contexts if contexts is not None else []

    def getCondition(self) -> Optional[str]:
        """Return the error condition (``errorClass``) or None.

        Mirrors ``PySparkException.getCondition`` (PySpark 4.0+).

        Returns
        -------
        str or None

        Examples
        --------
        >>> PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA").getCondition()
        'CANNOT_INFER_EMPTY_SCHEMA'
        """
        return self._errorClass

    def getErrorClass(self) -> Optional[str]:
        """Deprecated alias of :meth:`getCondition`; emits a ``FutureWarning``.

        Mirrors ``PySparkException.getErrorClass`` (deprecated in PySpark 4.0).

        Returns
        -------
        str or None
        """
        warnings.warn("Deprecated in 4.0.0, use getCondition instead.", FutureWarning)
        return self.getCondition()

    def getMessageParameters(self) -> Optional[Dict[str, str]]:
        """Return the message parameters dict given at construction (or None).

        Mirrors ``PySparkException.getMessageParameters``.

        Returns
        -------
        dict of str to str, or None

        Examples
        --------
        >>> AnalysisException(errorClass="PATH_NOT_FOUND",
        ...                   messageParameters={"path": "/x"}).getMessageParameters()
        {'path': '/x'}
        """
        return self._messageParameters

    def getSqlState(self) -> Optional[str]:
        """Return the SQLSTATE: the explicit ``sqlState`` argument, else the condition's.

        Mirrors ``PySparkException.getSqlState``.

        Returns
        -------
        str or None
            None when the condition is unknown or has no SQLSTATE.

        Examples
        --------
        >>> AnalysisException(errorClass="PATH_NOT_FOUND",
        ...                   messageParameters={"path": "/x"}).getSqlState()
        '42K03'
        """
        if self._sqlState is not None:
            return self._sqlState
        return get_sql_state(self._errorClass)

    def getMessage(self) -> str:
        """Return the full error message.

        Mirrors ``PySparkException.getMessage`` (PySpark 4.0+): ``"[CONDITION] message"``;
        server-side exceptions add ``" SQLSTATE: xxxxx"`` like Spark does.

        Returns
        -------
        str

        Examples
        --------
        >>> PySparkTypeError(errorClass="CANNOT_MERGE_TYPE",
        ...     messageParameters={"data_type1": "LongType", "data_type2": "DoubleType"}
        ... ).getMessage()
        '[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`.'
        """
        if self._full_message:
            return self._message
        if self._server_side:
            # Spark's legacy conditions have no "[CONDITION]" prefix or SQLSTATE.
            if self._errorClass is None or self._errorClass.startswith("_LEGACY_ERROR_"):
                return self._message
            state = self.getSqlState()
            suffix = "" if state is None else " SQLSTATE: %s" % state
            return "[%s] %s%s" % (self._errorClass, self._message, suffix)
        return "[%s] %s" % (self.getCondition(), self._message)

    def getBreakingChangeInfo(self) -> Optional[Dict[str, Any]]:
        """Return breaking-change info for the condition; always None here.

        Mirrors ``PySparkException.getBreakingChangeInfo``.
        """
        return None

    def getQueryContext(self) -> List[QueryContext]:
        """Return the list of :class:`QueryContext` given at construction (may be empty).

        Mirrors ``PySparkException.getQueryContext`` (PySpark 4.0+).
        """
        return self._contexts

    def __str__(self) -> str:
        if self.getCondition() is not None:
            return self.getMessage()
        return self._message


class _ServerSideException(PySparkException):
    """Internal marker base: exceptions converted from Spark SQL errors (SQLSTATE printed)."""

    _server_side = True


class AnalysisException(_ServerSideException):
    """Failed to analyze a SQL query plan (mirrors ``pyspark.errors.AnalysisException``).

    Takes the :class:`PySparkException` arguments.  Typical conditions:
    ``UNRESOLVED_COLUMN.WITH_SUGGESTION`` (42703), ``TABLE_OR_VIEW_NOT_FOUND`` (42P01),
    ``PATH_NOT_FOUND`` (42K03).

    Examples
    --------
    >>> str(AnalysisException(errorClass="PATH_NOT_FOUND", messageParameters={"path": "/x"}))
    '[PATH_NOT_FOUND] Path does not exist: /x. SQLSTATE: 42K03'
    """


class SessionNotSameException(_ServerSideException):
    """Performed the same operation on different SparkSessions.

    Mirrors ``pyspark.errors.SessionNotSameException``; arguments as
    :class:`PySparkException`.
    """


class TempTableAlreadyExistsException(AnalysisException):
    """Failed to create a temp view because it already exists.

    Mirrors ``pyspark.errors.TempTableAlreadyExistsException`` (a subclass of
    :class:`AnalysisException`); typical condition ``TEMP_TABLE_OR_VIEW_ALREADY_EXISTS``.
    """


class ParseException(AnalysisException):
    """Failed to parse a SQL command or DDL string.

    Mirrors ``pyspark.errors.ParseException`` (a subclass of :class:`AnalysisException`);
    typical condition ``PARSE_SYNTAX_ERROR`` (42601).

    Examples
    --------
    >>> str(ParseException(errorClass="PARSE_SYNTAX_ERROR",
    ...                    messageParameters={"error": "'<'", "hint": ""}))
    "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601"

    Raised by ``spark.sql``, its text also tells where the error is, as Spark's
    ``ParseException.getMessage`` does: `` (line L, pos P)``, then the query under
    ``== SQL ==`` with a caret line below line L pointing at position P.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        parameters = kwargs.get("messageParameters")
        self._position = None
        if parameters and "__sql" in parameters:
            parameters = dict(parameters)
            self._position = (parameters.pop("__sql"), int(parameters.pop("__line")), int(parameters.pop("__pos")))
            kwargs["messageParameters"] = parameters
        super().__init__(*args, **kwargs)

    def __str__(self) -> str:
        text = super().__str__()
        if self._position is None:
            return text
        query, line, position = self._position
        lines = query.split("\n")
        above = "".join(part + "\n" for part in lines[:line])
        below = "".join(part + "\n" for part in lines[line:])
        return "\n%s (line %d, pos %d)\n\n== SQL ==\n%s%s^^^\n%s" % (text, line, position, above, "-" * position, below)


class IllegalArgumentException(_ServerSideException):
    """Passed an illegal or inappropriate argument.

    Mirrors ``pyspark.errors.IllegalArgumentException``.
    """


class ArithmeticException(_ServerSideException):
    """Arithmetic error such as ``DIVIDE_BY_ZERO`` (22012) or ``ARITHMETIC_OVERFLOW`` (22003).

    Mirrors ``pyspark.errors.ArithmeticException``.
    """


class UnsupportedOperationException(_ServerSideException):
    """Unsupported operation reported by Spark.

    Mirrors ``pyspark.errors.UnsupportedOperationException``.
    """


class ArrayIndexOutOfBoundsException(_ServerSideException):
    """Array index out of bounds reported by Spark.

    Mirrors ``pyspark.errors.ArrayIndexOutOfBoundsException``.
    """


class DateTimeException(_ServerSideException):
    """Datetime error reported by Spark.

    Mirrors ``pyspark.errors.DateTimeException``.
    """


class NumberFormatException(IllegalArgumentException):
    """Number format error, e.g. ``CAST_INVALID_INPUT`` (22018).

    Mirrors ``pyspark.errors.NumberFormatException`` (a subclass of
    :class:`IllegalArgumentException`).
    """


class StreamingQueryException(_ServerSideException):
    """Exception that stopped a streaming query.

    Mirrors ``pyspark.errors.StreamingQueryException``.
    """


class StreamingPythonRunnerInitializationException(_ServerSideException):
    """Failed to initialize a streaming Python runner.

    Mirrors ``pyspark.errors.StreamingPythonRunnerInitializationException``.
    """


class QueryExecutionException(_ServerSideException):
    """Failed to execute a query.

    Mirrors ``pyspark.errors.QueryExecutionException``.
    """


class PythonException(_ServerSideException):
    """Exception thrown from a Python worker (e.g. inside a UDF).

    Its text is PySpark's: the worker's message, a colon, and the traceback from the
    user's code on (Spark's ``spark.sql.execution.pyspark.udf.simplifiedTraceback``
    drops the frames of PySpark's own modules; here, those of Ember's). The condition
    stays ``PYTHON_EXCEPTION``.

    Mirrors ``pyspark.errors.PythonException``.
    """

    def __str__(self) -> str:
        parameters = self.getMessageParameters() or {}
        if self.getCondition() != "PYTHON_EXCEPTION" or "traceback" not in parameters:
            return super().__str__()
        return "%s:\n%s" % (parameters.get("msg", ""), _user_traceback(str(parameters["traceback"])))


def _user_traceback(text: str) -> str:
    """A traceback without the frames of Ember's own modules (files ``<ember>/...``)."""
    kept: List[str] = []
    dropping = False
    for line in text.rstrip("\n").split("\n"):
        if line.startswith('  File "'):
            dropping = line.startswith('  File "<ember>/')
        elif not line.startswith("    "):
            dropping = False
        if not dropping:
            kept.append(line)
    return "\n".join(kept)


class SparkRuntimeException(_ServerSideException):
    """Runtime error reported by Spark.

    Mirrors ``pyspark.errors.SparkRuntimeException``.
    """


class SparkUpgradeException(_ServerSideException):
    """Error caused by a behaviour change in a Spark upgrade.

    Mirrors ``pyspark.errors.SparkUpgradeException``.
    """


class SparkNoSuchElementException(_ServerSideException):
    """Equivalent of ``java.util.NoSuchElementException`` (e.g. a missing config key).

    Mirrors ``pyspark.errors.SparkNoSuchElementException``.
    """


class SparkConnectGrpcException(PySparkException):
    """The Spark Connect server could not be reached, or the channel failed.

    Mirrors ``pyspark.errors.exceptions.connect.SparkConnectGrpcException``.
    """


class UnknownException(_ServerSideException):
    """Any other server-side error.

    Mirrors ``pyspark.errors.UnknownException``.
    """


class PySparkValueError(PySparkException, ValueError):
    """``ValueError`` with an error condition (mirrors ``pyspark.errors.PySparkValueError``).

    Examples
    --------
    >>> e = PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    >>> isinstance(e, ValueError), str(e)
    (True, '[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset.')
    """


class PySparkTypeError(PySparkException, TypeError):
    """``TypeError`` with an error condition (mirrors ``pyspark.errors.PySparkTypeError``)."""


class PySparkIndexError(PySparkException, IndexError):
    """``IndexError`` with an error condition (mirrors ``pyspark.errors.PySparkIndexError``)."""


class PySparkAttributeError(PySparkException, AttributeError):
    """``AttributeError`` with an error condition.

    Mirrors ``pyspark.errors.PySparkAttributeError``.
    """


class PySparkRuntimeError(PySparkException, RuntimeError):
    """``RuntimeError`` with an error condition.

    Mirrors ``pyspark.errors.PySparkRuntimeError``.
    """


class PySparkAssertionError(PySparkException, AssertionError):
    """``AssertionError`` with an error condition and optional offending rows.

    Mirrors ``pyspark.errors.PySparkAssertionError``.

    Parameters
    ----------
    message, errorClass, messageParameters
        As :class:`PySparkException`.
    data : iterable of Row, optional
        Rows that caused the assertion failure, stored on ``self.data``.
    sqlState : str, optional
        Keyword-only here, since PySpark's fourth positional argument is ``data``.
    """

    def __init__(
        self,
        message: Optional[str] = None,
        errorClass: Optional[str] = None,
        messageParameters: Optional[Dict[str, str]] = None,
        data: Optional[Iterable[Any]] = None,
        *,
        sqlState: Optional[str] = None,
        contexts: Optional[List[QueryContext]] = None,
    ):
        super().__init__(message, errorClass, messageParameters, sqlState, contexts)
        self.data = data


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    """``NotImplementedError`` with an error condition (typically ``NOT_IMPLEMENTED``).

    Mirrors ``pyspark.errors.PySparkNotImplementedError``.

    Examples
    --------
    >>> str(PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
    ...                                messageParameters={"feature": "RDD"}))
    '[NOT_IMPLEMENTED] RDD is not implemented.'
    """


class PySparkPicklingError(PySparkException, PicklingError):
    """``pickle.PicklingError`` with an error condition.

    Mirrors ``pyspark.errors.PySparkPicklingError``.
    """


class PySparkKeyError(PySparkException, KeyError):
    """``KeyError`` with an error condition (mirrors ``pyspark.errors.PySparkKeyError``)."""


class PySparkImportError(PySparkException, ImportError):
    """``ImportError`` with an error condition (mirrors ``pyspark.errors.PySparkImportError``)."""


class PickleException(_ServerSideException):
    """Server-side pickling failure.

    Mirrors ``pyspark.errors.PickleException``.
    """
