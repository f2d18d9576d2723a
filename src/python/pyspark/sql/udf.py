"""``pyspark.sql.udf``: Python user-defined functions (PySpark's ``UserDefinedFunction``
and ``UDFRegistration``).

A UDF call is a ``PythonUdf`` expression of the plan carrying the cloudpickled
``(func, returnType)``, as PySpark Connect's ``PythonUDF.to_plan`` builds it. On the local
engine the function runs in the embedded interpreter, one batch of rows at a time, with
Spark's conversions of the returned values (``_evaluate``); through ``--remote`` the
command goes to the server, whose Python workers run it.
"""
import base64
import functools
import pickle
import sys
import traceback

from pyspark.sql import _plan
from pyspark.sql.column import Column, _to_repr
from pyspark.sql.types import DataType, StringType, _parse_datatype_string

__all__ = ["UserDefinedFunction", "UDFRegistration"]


class PythonEvalType:
    """PySpark's evaluation types of Python functions. Ember runs ``SQL_BATCHED_UDF``
    (row at a time) and the pandas UDFs ``SQL_SCALAR_PANDAS_UDF``,
    ``SQL_SCALAR_PANDAS_ITER_UDF`` and ``SQL_GROUPED_AGG_PANDAS_UDF``."""

    NON_UDF = 0
    SQL_BATCHED_UDF = 100
    SQL_ARROW_BATCHED_UDF = 101
    SQL_SCALAR_PANDAS_UDF = 200
    SQL_GROUPED_MAP_PANDAS_UDF = 201
    SQL_GROUPED_AGG_PANDAS_UDF = 202
    SQL_WINDOW_AGG_PANDAS_UDF = 203
    SQL_SCALAR_PANDAS_ITER_UDF = 204
    SQL_GROUPED_AGG_PANDAS_ITER_UDF = 217
    SQL_SCALAR_ARROW_UDF = 250
    SQL_SCALAR_ARROW_ITER_UDF = 251
    SQL_GROUPED_AGG_ARROW_UDF = 252
    SQL_GROUPED_AGG_ARROW_ITER_UDF = 254


def _column_of(value):
    from pyspark.sql.functions import _col

    return _col(value)


class UserDefinedFunction:
    """A Python function usable on Columns, with its Spark return type.

    Build one with :func:`pyspark.sql.functions.udf` or ``spark.udf.register``.
    Mirrors ``pyspark.sql.udf.UserDefinedFunction``.

    Parameters
    ----------
    func : callable
        Called once per row with the row's argument values (Python objects, ``None`` for
        NULL).
    returnType : :class:`DataType` or str, default ``StringType()``
        The type of the result; a value that does not fit it becomes NULL, as in Spark.
    name : str, optional
        Defaults to the function's ``__name__``; it names the output column (``f(a)``).
    evalType : int
        ``PythonEvalType.SQL_BATCHED_UDF`` (100).
    deterministic : bool

    Raises
    ------
    PySparkTypeError
        ``NOT_EXPECTED_TYPE`` when ``func`` is not callable or ``returnType`` is neither
        a DataType nor a DDL string.

    Examples
    --------
    >>> from pyspark.sql.types import IntegerType
    >>> slen = UserDefinedFunction(lambda s: len(s), IntegerType(), "slen")
    >>> spark.createDataFrame([("ab",)], ["s"]).select(slen("s")).collect()
    [Row(slen(s)=2)]
    """

    def __init__(self, func, returnType=StringType(), name=None, evalType=PythonEvalType.SQL_BATCHED_UDF, deterministic=True):
        from pyspark.errors import PySparkTypeError

        if not callable(func):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "callable", "arg_name": "func", "arg_type": type(func).__name__})
        if not isinstance(returnType, (DataType, str)):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "DataType or str", "arg_name": "returnType", "arg_type": type(returnType).__name__})
        self.func = func
        self._returnType = returnType
        self._returnType_placeholder = None
        self._name = name or getattr(func, "__name__", None) or func.__class__.__name__
        self.evalType = evalType
        self.deterministic = deterministic
        self._command_text = None

    @property
    def returnType(self):
        """The return type as a :class:`DataType` (a DDL string is parsed once)."""
        if self._returnType_placeholder is None:
            value = self._returnType
            self._returnType_placeholder = _parse_datatype_string(value) if isinstance(value, str) else value
        return self._returnType_placeholder

    def _command(self):
        if self._command_text is None:
            self._command_text = base64.b64encode(_dumps((self.func, self.returnType))).decode("ascii")
        return self._command_text

    def _expression(self, columns, names=None):
        command = self._command()
        if names:
            command = base64.b64encode(_dumps((_with_keywords(self.func, names), self.returnType))).decode("ascii")
        return {
            "type": "PythonUdf",
            "name": self._name,
            "command": command,
            "argument_names": list(names or []),
            "return_type": self.returnType.simpleString(),
            "eval_type": self.evalType,
            "python_ver": "%d.%d" % sys.version_info[:2],
            "deterministic": self.deterministic,
            "arguments": [c._expr for c in columns],
        }

    def __call__(self, *cols, **kwargs):
        columns = [_column_of(c) for c in cols]
        names = [""] * len(columns)
        if kwargs:
            # Named arguments (Spark's NamedArgumentExpression): shown as `name => arg`
            # and passed to the function by keyword.
            _check_keywords(self.func, len(columns), kwargs)
            names += list(kwargs)
            columns += [_column_of(c) for c in kwargs.values()]
        shown = [("%s => " % name if name else "") + _to_repr(c) for name, c in zip(names, columns)]
        return Column(self._expression(columns, names if kwargs else None), "%s(%s)" % (self._name, ", ".join(shown)))

    def asNondeterministic(self):
        """Marks the UDF nondeterministic (Spark then never runs it twice for a row); returns it."""
        self.deterministic = False
        return self

    def _wrapped(self):
        """A plain function standing for the UDF, with PySpark's attributes (``func``,
        ``returnType``, ``evalType``, ``deterministic``, ``asNondeterministic``)."""

        @functools.wraps(self.func, assigned=("__name__", "__module__", "__doc__"))
        def wrapper(*args, **kwargs):
            return self(*args, **kwargs)

        wrapper.func = self.func
        wrapper.returnType = self.returnType
        wrapper.evalType = self.evalType
        wrapper.deterministic = self.deterministic
        wrapper.asNondeterministic = functools.wraps(self.asNondeterministic)(lambda: self.asNondeterministic()._wrapped())
        wrapper._unwrapped = self
        return wrapper


def _innermost(func):
    while hasattr(func, "func"):
        func = func.func
    return func


def _check_keywords(func, positional, named):
    """Raises ``TypeError`` as Python's call would when ``func`` cannot take ``positional``
    arguments and the keywords ``named``."""
    import inspect

    try:
        signature = inspect.signature(_innermost(func))
    except (TypeError, ValueError):
        return
    signature.bind(*range(positional), **named)


class _Keywords:
    """A UDF's function called with its trailing arguments by keyword (``names`` has a
    name per argument, empty for a positional one)."""

    def __init__(self, func, names):
        self.func, self.names = func, list(names)
        self.__name__ = getattr(func, "__name__", "udf")

    def __call__(self, *arguments):
        positional = [a for a, name in zip(arguments, self.names) if not name]
        return self.func(*positional, **{name: a for a, name in zip(arguments, self.names) if name})


def _with_keywords(func, names):
    """``func`` taking its named arguments by keyword (inside the wrapper that gives a
    grouped-aggregate ``arrow_udf`` its columns as Arrays)."""
    if isinstance(func, _ArrowAggregate):
        return _ArrowAggregate(_Keywords(func.func, names))
    return _Keywords(func, names)


class UDFRegistration:
    """``spark.udf``: registers Python functions for use in SQL.

    Mirrors ``pyspark.sql.udf.UDFRegistration``.
    """

    def __init__(self, sparkSession):
        self.sparkSession = sparkSession

    def register(self, name, f, returnType=None):
        """Registers ``f`` as the SQL function ``name``; returns the UDF for DataFrame use.

        Parameters
        ----------
        name : str
            The function's name in SQL (case-insensitive).
        f : callable or a UDF from :func:`pyspark.sql.functions.udf`
        returnType : :class:`DataType` or str, optional
            For a plain function; default ``StringType()``. A UDF keeps its own type.

        Returns
        -------
        A UDF (a function building Columns).

        Raises
        ------
        PySparkTypeError
            ``CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF`` when ``f`` is already a UDF and
            ``returnType`` is given.

        Examples
        --------
        >>> from pyspark.sql.types import IntegerType
        >>> _ = spark.udf.register("plus1", lambda x: x + 1, IntegerType())
        >>> spark.sql("SELECT plus1(41) AS v").collect()
        [Row(v=42)]
        """
        from pyspark.errors import PySparkTypeError

        unwrapped = getattr(f, "_unwrapped", f if isinstance(f, UserDefinedFunction) else None)
        if unwrapped is not None:
            if returnType is not None:
                raise PySparkTypeError(
                    errorClass="CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF",
                    messageParameters={"arg_name": "f", "return_type": str(returnType)},
                )
            udf = UserDefinedFunction(unwrapped.func, unwrapped.returnType, name, unwrapped.evalType, unwrapped.deterministic)
        else:
            udf = UserDefinedFunction(f, StringType() if returnType is None else returnType, name)
        self.sparkSession._native.register_udf(name, _plan.to_json(udf._expression([])))
        return udf._wrapped()


# Functions kept in the driver when cloudpickle is missing (local engine only).
_REFERENCE = b"EMBER-UDF:"
_kept = []


def _dumps(command):
    """The cloudpickled ``(func, returnType)`` (PySpark's ``CloudPickleSerializer``); without
    cloudpickle the function stays in this process and only a reference is sent."""
    try:
        from pyspark import cloudpickle
    except ImportError:
        _kept.append(command)
        return _REFERENCE + str(len(_kept) - 1).encode()
    _start_workers()
    return cloudpickle.dumps(command, protocol=pickle.DEFAULT_PROTOCOL)


def _start_workers():
    """Starts the local SparkContext's worker processes, where UDF batches run in
    parallel (Spark's Python workers of each executor); local[1] keeps them in the driver."""
    from pyspark.core.context import SparkContext

    sc = SparkContext._active_spark_context
    if sc is not None and not sc._is_remote:
        sc._rdd_engine()


class _WorkerFailure(Exception):
    """A UDF raised: ``worker_traceback`` is the traceback of Spark's ``PYTHON_EXCEPTION``."""

    def __init__(self, worker_traceback):
        super().__init__(worker_traceback)
        self.worker_traceback = worker_traceback


_loaded = {}


def _load(command):
    entry = _loaded.get(command)
    if entry is None:
        if command.startswith(_REFERENCE):
            func, return_type = _kept[int(command[len(_REFERENCE):])]
        else:
            func, return_type = pickle.loads(command)
        entry = _loaded[command] = (func, _to_sql(return_type), return_type)
    return entry


def _evaluate(command, columns, rows, eval_type=PythonEvalType.SQL_BATCHED_UDF, sizes=None):
    """Calls the UDF of ``command`` on ``rows`` rows (``columns`` holds one list of values
    per argument) and returns the results converted to its return type. Called by the
    local engine for each batch (Spark's ``BatchEvalPythonExec``; for a scalar pandas UDF,
    ``ArrowEvalPythonExec``: the function gets one pandas Series per argument). A scalar
    iterator UDF gets an iterator over the batches of ``sizes`` rows each (one batch of
    ``rows`` when not given), yielding a Series, or a tuple of them for several
    arguments."""
    func, convert, return_type = _load(command)
    try:
        if eval_type == PythonEvalType.SQL_BATCHED_UDF:
            return [convert(func(*args)) for args in (zip(*columns) if columns else ((),) * rows)]
        if eval_type == PythonEvalType.SQL_ARROW_BATCHED_UDF:
            coerce = _arrow_coercion(return_type)
            return [convert(coerce(func(*args))) for args in (zip(*columns) if columns else ((),) * rows)]
        if eval_type in (PythonEvalType.SQL_SCALAR_ARROW_UDF, PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF):
            if eval_type == PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF:
                batches = (_one_or_tuple(_arrays(part)) for part in _cut(columns, rows, sizes))
                outputs = [value for part in func(batches) for value in part.to_pylist()]
            else:
                outputs = func(*_arrays(columns)).to_pylist()
            if len(outputs) != rows:
                raise RuntimeError("Result vector from arrow_udf was not the required length: expected %d, got %d." % (rows, len(outputs)))
            return [convert(value) for value in outputs]
        if eval_type == PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF:
            batches = (_one_or_tuple(_series(part)) for part in _cut(columns, rows, sizes))
            outputs = [value for part in func(batches) for value in _plain_values(part)]
        else:
            outputs = _plain_values(func(*_series(columns)))
        if len(outputs) != rows:
            raise RuntimeError("Result vector from pandas_udf was not the required length: expected %d, got %d." % (rows, len(outputs)))
        return [convert(_from_pandas(value, return_type)) for value in outputs]
    except Exception as error:
        frames = traceback.format_exception(type(error), error, error.__traceback__.tb_next)
        raise _WorkerFailure("".join(frames)) from None


def _cut(columns, rows, sizes):
    """The value lists of ``columns`` cut into consecutive batches of ``sizes`` rows."""
    offset = 0
    for size in sizes or [rows]:
        yield [column[offset : offset + size] for column in columns]
        offset += size


def _one_or_tuple(inputs):
    """An iterator UDF's item for one batch: its argument, or a tuple of several."""
    return inputs[0] if len(inputs) == 1 else tuple(inputs)


def _aggregate(command, columns):
    """Calls a grouped-aggregate pandas UDF on one group (``columns`` holds one list of
    values per argument, as pandas Series for the function) and returns its result
    converted to the return type (Spark's ``AggregateInPandasExec``)."""
    func, convert, return_type = _load(command)
    try:
        if isinstance(func, _ArrowAggregate):
            result = func(*_arrays(columns))
            return convert(result.as_py() if hasattr(result, "as_py") else result)
        values = _plain_values([func(*_series(columns))])
        return convert(_from_pandas(values[0], return_type))
    except Exception as error:
        frames = traceback.format_exception(type(error), error, error.__traceback__.tb_next)
        raise _WorkerFailure("".join(frames)) from None


def _arrow_coercion(data_type):
    """How a ``udf(useArrow=True)`` result reaches its numeric return type: Arrow casts it,
    so ``1.5`` is ``1`` for an integral type and ``"2"`` is ``2``; a value Arrow cannot cast
    raises ``ValueError``. Other types take the row-wise conversion."""
    from pyspark.sql.types import FractionalType, IntegralType

    if isinstance(data_type, IntegralType):
        arrow_name = {"byte": "int8", "short": "int16", "integer": "int32", "long": "int64"}.get(data_type.typeName(), "int64")

        def integral(v):
            # What Arrow refuses, with pyarrow's errors and messages.
            if isinstance(v, bool):
                raise _arrow_error("ArrowTypeError", TypeError)("Expected integer, got bool")
            if isinstance(v, str):
                try:
                    return int(v)
                except ValueError:
                    message = "Failed to parse string: '%s' as a scalar of type %s" % (v, arrow_name)
                    raise _arrow_error("ArrowInvalid", ValueError)(message) from None
            return int(v) if isinstance(v, float) else v

        return integral
    if isinstance(data_type, FractionalType) and not type(data_type).__name__ == "DecimalType":
        return lambda v: float(v) if isinstance(v, (int, str)) and not isinstance(v, bool) else v
    return lambda v: v


def _arrow_error(name, fallback):
    """pyarrow's exception class ``name`` (a subclass of ``fallback``), or ``fallback``
    without pyarrow."""
    try:
        import pyarrow as pa
    except ImportError:
        return fallback
    return getattr(pa, name, fallback)


def _from_pandas(value, return_type):
    """A pandas result as Arrow's conversion reads it: NaN, ``pd.NA`` and ``NaT`` are NULL,
    and a whole float is an integer for an integral type."""
    from pyspark.sql.types import IntegralType

    if isinstance(value, float):
        if value != value:
            return None
        if isinstance(return_type, IntegralType) and value.is_integer():
            return int(value)
        return value
    if type(value).__name__ in ("NAType", "NaTType"):
        return None
    return value


class _ArrowAggregate:
    """A grouped-aggregate ``arrow_udf``'s function, marked so that ``_aggregate`` gives it
    pyarrow Arrays instead of pandas Series."""

    def __init__(self, func):
        self.func = func
        self.__name__ = getattr(func, "__name__", "arrow_udf")

    def __call__(self, *arrays):
        return self.func(*arrays)


def _arrays(columns):
    import pyarrow as pa

    return [pa.array(values) for values in columns]


def _series(columns):
    import pandas as pd

    return [pd.Series(values) for values in columns]


def _plain_values(result):
    """A pandas or numpy result's values as Python objects (numpy scalars unwrapped)."""
    values = result.tolist() if hasattr(result, "tolist") else list(result)
    return [value.item() if hasattr(value, "item") and not isinstance(value, (str, bytes)) else value for value in values]


def _to_sql(data_type):
    """Spark's conversion of a UDF's Python result to ``data_type`` (``EvaluatePython.
    makeFromJava``): a value of another kind becomes NULL, any value becomes a string for
    ``StringType``, integers wrap to the type's width."""
    import datetime
    import decimal

    from pyspark.sql import types as T

    if isinstance(data_type, T.StringType):
        return lambda v: None if v is None else ("true" if v is True else "false" if v is False else v if isinstance(v, str) else str(v))
    if isinstance(data_type, T.BooleanType):
        return lambda v: v if isinstance(v, bool) else None
    bits = {T.ByteType: 8, T.ShortType: 16, T.IntegerType: 32, T.LongType: 64}.get(type(data_type))
    if bits is not None:
        half = 1 << (bits - 1)
        return lambda v: ((v + half) % (2 * half)) - half if isinstance(v, int) and not isinstance(v, bool) else None
    if isinstance(data_type, (T.DoubleType, T.FloatType)):
        return lambda v: v if isinstance(v, float) else None
    if isinstance(data_type, T.DecimalType):
        return lambda v: v if isinstance(v, decimal.Decimal) else None
    if isinstance(data_type, T.TimestampType) or type(data_type).__name__ == "TimestampNTZType":
        return lambda v: v if isinstance(v, datetime.datetime) else None
    if isinstance(data_type, T.DateType):
        return lambda v: v if isinstance(v, datetime.date) else None
    if isinstance(data_type, T.BinaryType):
        return lambda v: bytes(v) if isinstance(v, (bytes, bytearray)) else None
    if isinstance(data_type, T.ArrayType):
        element = _to_sql(data_type.elementType)
        return lambda v: [element(x) for x in v] if isinstance(v, (list, tuple)) else None
    if isinstance(data_type, T.MapType):
        key, value = _to_sql(data_type.keyType), _to_sql(data_type.valueType)
        return lambda v: {key(k): value(x) for k, x in v.items()} if isinstance(v, dict) else None
    if isinstance(data_type, T.StructType):
        fields = [(f.name, _to_sql(f.dataType)) for f in data_type.fields]

        def struct(v):
            if isinstance(v, dict):
                return tuple(c(v.get(n)) for n, c in fields)
            if isinstance(v, (list, tuple)) and len(v) == len(fields):
                return tuple(c(x) for (_, c), x in zip(fields, v))
            return None

        return struct
    return lambda v: v
