"""``pyspark.sql.udtf``: Python user-defined table functions (PySpark's
``UserDefinedTableFunction``, ``UDTFRegistration`` and the ``analyze`` types).

A table function is a class whose ``eval`` method yields rows. A call,
``MyUdtf(lit(1), lit(2))`` or ``SELECT * FROM my_udtf(1, 2)``, is planned as Spark's
``Generate`` is: a Python UDF (``_TableRows``) runs the class on the call's argument row
and returns its rows as an array of structs, which ``inline`` turns into rows under the
return type's column names. The UDF runs where other Python UDFs run, in the
SparkContext's worker processes.

Ember calls table functions with scalar arguments: literals and expressions of them,
and in SQL the columns of the table before a ``LATERAL`` call
(``FROM t, LATERAL f(t.x)``). Each call gets its own instance of the class, so
``terminate`` runs after each input row, where Spark runs it once per partition. A
``TABLE`` argument and ``PARTITION BY``/``ORDER BY`` are not supported yet.
"""
import inspect
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from pyspark.sql.types import ArrayType, DataType, StructType, _parse_datatype_string

__all__ = [
    "AnalyzeArgument", "AnalyzeResult", "OrderingColumn", "PartitioningColumn", "SelectedColumn",
    "SkipRestOfInputTableException", "UDTFRegistration", "UserDefinedTableFunction",
]

# The prefix of the SQL function that stands for a registered table function: SQL's
# ``FROM name(...)`` is rewritten to the generator of ``__ember_udtf__name(...)``.
_SQL_PREFIX = "__ember_udtf__"

# The analyze types are immutable values.
_value_type = dataclass(frozen=True)


@_value_type
class AnalyzeArgument:
    """One argument of a table function call, as its ``analyze`` static method sees it.

    Attributes
    ----------
    dataType : DataType
        The argument's Spark type.
    value : object or None
        Its value when it is a constant expression, else ``None``.
    isTable : bool
        Whether it is a ``TABLE`` argument (never, in Ember).
    isConstantExpression : bool
        True when its value is known when the call is planned.

    Mirrors ``pyspark.sql.udtf.AnalyzeArgument``.
    """

    dataType: DataType
    value: Optional[Any]
    isTable: bool
    isConstantExpression: "bool"


@_value_type
class PartitioningColumn:
    """A column by which a table function asks its ``TABLE`` argument to be partitioned
    (``name``: a column name or an expression's text). Mirrors
    ``pyspark.sql.udtf.PartitioningColumn``."""

    name: str


@_value_type
class OrderingColumn:
    """A column by which a table function asks each input partition to be sorted.
    Mirrors ``pyspark.sql.udtf.OrderingColumn``.

    Attributes
    ----------
    name : str
    ascending : bool
        Defaults to True.
    overrideNullsFirst : bool, optional
        ``None`` keeps Spark's default NULL placement for the direction.
    """

    name: str
    ascending: "bool" = True
    overrideNullsFirst: "Optional[bool]" = None


@_value_type
class SelectedColumn:
    """An expression a table function asks to receive from its ``TABLE`` argument, with
    an optional ``alias``. Mirrors ``pyspark.sql.udtf.SelectedColumn``."""

    name: str
    alias: str = ""


@_value_type
class AnalyzeResult:
    """What a table function's ``analyze`` static method returns.

    Attributes
    ----------
    schema : StructType
        The columns of the rows the function yields.
    withSinglePartition, partitionBy, orderBy, select
        Requests on a ``TABLE`` argument; Ember accepts them and, having no ``TABLE``
        arguments, has nothing to apply them to.

    Mirrors ``pyspark.sql.udtf.AnalyzeResult``.
    """

    schema: StructType
    withSinglePartition: "bool" = False
    partitionBy: "Sequence[PartitioningColumn]" = ()
    orderBy: "Sequence[OrderingColumn]" = ()
    select: "Sequence[SelectedColumn]" = ()


class SkipRestOfInputTableException(Exception):
    """Raised by ``eval`` to stop consuming the current input partition; ``terminate``
    still runs. Mirrors ``pyspark.sql.udtf.SkipRestOfInputTableException``."""


def _validate_handler(cls, returnType):
    """PySpark's checks of a table function's class, with its conditions."""
    from pyspark.errors import PySparkAttributeError, PySparkTypeError

    if not inspect.isclass(cls):
        raise PySparkTypeError(errorClass="INVALID_UDTF_HANDLER_TYPE", messageParameters={"type": type(cls).__name__})
    name = cls.__name__
    if getattr(cls, "eval", None) is None:
        raise PySparkAttributeError(errorClass="INVALID_UDTF_NO_EVAL", messageParameters={"name": name})
    analyze = inspect.getattr_static(cls, "analyze", None)
    if returnType is None and not isinstance(analyze, staticmethod):
        raise PySparkAttributeError(errorClass="INVALID_UDTF_RETURN_TYPE", messageParameters={"name": name})
    if returnType is not None and analyze is not None:
        raise PySparkAttributeError(errorClass="INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE", messageParameters={"name": name})


class UserDefinedTableFunction:
    """A Python table function: calling it with Columns gives a DataFrame of the rows its
    class yields. Build one with :func:`pyspark.sql.functions.udtf`.

    Parameters
    ----------
    func : type
        A class with an ``eval`` method yielding rows (tuples, lists, dicts or Rows), and
        optionally ``terminate`` (yielding more rows after the last ``eval``),
        ``cleanup``, and an ``analyze`` static method giving the schema per call.
    returnType : StructType or str, optional
        The columns of the rows (``"a: int, b: string"``); ``None`` when ``analyze``
        gives them.
    name : str, optional
        Defaults to the class name.
    evalType : int
        ``PythonEvalType.SQL_TABLE_UDF`` (300) or ``SQL_ARROW_TABLE_UDF`` (301).
    deterministic : bool, default False

    Raises
    ------
    PySparkTypeError
        ``INVALID_UDTF_HANDLER_TYPE`` when ``func`` is not a class;
        ``UDTF_RETURN_TYPE_MISMATCH`` (on first use of ``returnType``) when the return
        type is not a struct.
    PySparkAttributeError
        ``INVALID_UDTF_NO_EVAL``, ``INVALID_UDTF_RETURN_TYPE``,
        ``INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE``.

    Examples
    --------
    >>> from pyspark.sql.functions import lit, udtf
    >>> class Countdown:
    ...     def eval(self, n: int):
    ...         for i in range(n, 0, -1):
    ...             yield (i,)
    >>> countdown = udtf(Countdown, returnType="i: int")
    >>> [r.i for r in countdown(lit(3)).collect()]
    [3, 2, 1]

    Mirrors ``pyspark.sql.udtf.UserDefinedTableFunction``.
    """

    def __init__(self, func, returnType, name=None, evalType=300, deterministic=False):
        _validate_handler(func, returnType)
        self.func = func
        self._returnType = returnType
        self._parsed = None
        self._name = name if name else func.__name__
        self.evalType = evalType
        self.deterministic = deterministic

    @property
    def returnType(self):
        """The output columns as a :class:`StructType`; ``None`` when ``analyze`` gives them."""
        if self._returnType is None:  # given by analyze, per call
            return None
        if self._parsed is None:
            parsed = _parse_datatype_string(self._returnType) if isinstance(self._returnType, str) else self._returnType
            if type(parsed) is not StructType:
                from pyspark.errors import PySparkTypeError

                raise PySparkTypeError(errorClass="UDTF_RETURN_TYPE_MISMATCH", messageParameters={"name": self._name, "return_type": str(parsed)})
            self._parsed = parsed
        return self._parsed

    def asDeterministic(self):
        """Marks the function deterministic; returns it."""
        self.deterministic = True  # Spark may then run it once for repeated calls
        return self

    def _generator(self, schema, analyzed=None):
        """The Python UDF producing a call's rows as ``array<struct<schema>>``."""
        from pyspark.sql.udf import UserDefinedFunction

        rows = _TableRows(self.func, self._name, schema, analyzed, self.evalType)
        udf = UserDefinedFunction(rows, ArrayType(schema, containsNull=False), self._name, deterministic=self.deterministic)
        return udf

    def __call__(self, *cols, **kwargs):
        """The rows of one call on ``cols`` (Columns or column names; named arguments by
        keyword), as a DataFrame."""
        from pyspark.sql import functions as F
        from pyspark.sql.session import SparkSession
        from pyspark.sql.udf import _column_of

        spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
        columns = [_column_of(c) for c in cols] + [_column_of(c) for c in kwargs.values()]
        one_row = spark.range(1)
        schema, analyzed = self.returnType, None
        if schema is None:
            schema, analyzed = self._analyze(one_row, columns, list(kwargs))
        udf = self._generator(schema, analyzed)
        call = udf(*columns[: len(cols)], **dict(zip(kwargs, columns[len(cols):])))
        return one_row.select(F.inline(call))

    def _analyze(self, one_row, columns, names):
        """Runs ``analyze`` on the call's arguments (each evaluated once, as Spark folds a
        constant argument) and returns its schema and result."""
        from pyspark.errors import PySparkValueError

        values = one_row.select(*columns) if columns else None
        row = values.first() if values is not None else ()
        types = [f.dataType for f in values.schema.fields] if values is not None else []
        arguments = [AnalyzeArgument(dataType=t, value=v, isTable=False, isConstantExpression=True) for t, v in zip(types, row)]
        positional = arguments[: len(arguments) - len(names)]
        named = dict(zip(names, arguments[len(positional):]))
        result = self.func.analyze(*positional, **named)
        if not isinstance(result, AnalyzeResult) or not isinstance(result.schema, StructType):
            raise PySparkValueError(
                errorClass="INVALID_UDTF_RETURN_TYPE",
                messageParameters={"name": self._name},
            )
        return result.schema, result


class _TableRows:
    """The function run for each call of a table function (pickled to the workers): an
    instance of the class, ``eval`` on the call's arguments, then ``terminate`` and
    ``cleanup``; returns the rows as tuples in the schema's column order. Follows the
    checks of PySpark's UDTF worker, with their conditions."""

    def __init__(self, cls, name, schema, analyzed, eval_type=300):
        self.cls = cls
        # An Arrow-optimized function's rows go through a pandas DataFrame in PySpark,
        # which takes a bare value as a one-column row.
        self.arrow = eval_type == 301
        self.name = name
        self.names = [f.name for f in schema.fields]
        self.analyzed = analyzed
        self.__name__ = name
        # Read once per process from the class (a call makes an instance per input row).
        self._init_parameters = None
        self._eval_signature = None

    def _instance(self):
        from pyspark.errors import PySparkRuntimeError

        if self._init_parameters is None:
            self._init_parameters = len(inspect.signature(self.cls.__init__).parameters) if self.cls.__init__ is not object.__init__ else 1
        parameters = self._init_parameters
        if self.analyzed is None and parameters > 1:
            raise PySparkRuntimeError(errorClass="UDTF_CONSTRUCTOR_INVALID_NO_ANALYZE_METHOD", messageParameters={"name": self.name})
        if self.analyzed is not None and parameters > 2:
            raise PySparkRuntimeError(errorClass="UDTF_CONSTRUCTOR_INVALID_IMPLEMENTS_ANALYZE_METHOD", messageParameters={"name": self.name})
        try:
            return self.cls(self.analyzed) if parameters == 2 else self.cls()
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR", messageParameters={"method_name": "__init__", "error": str(error)}) from None

    def _row(self, row, method):
        from pyspark.errors import PySparkRuntimeError

        if isinstance(row, dict):
            row = tuple(row.get(name) for name in self.names)
        elif self.arrow and not isinstance(row, (tuple, list)):
            row = (row,)
        elif not isinstance(row, (tuple, list)):
            raise PySparkRuntimeError(errorClass="UDTF_INVALID_OUTPUT_ROW_TYPE", messageParameters={"type": type(row).__name__, "func": method})
        if len(row) != len(self.names):
            raise PySparkRuntimeError(
                errorClass="UDTF_RETURN_SCHEMA_MISMATCH",
                messageParameters={"expected": str(len(self.names)), "actual": str(len(row)), "func": method},
            )
        return tuple(row)

    def _call(self, method, args, kwargs, out):
        from pyspark.errors import PySparkRuntimeError

        try:
            result = method(*args, **kwargs)
        except SkipRestOfInputTableException:
            return
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR", messageParameters={"method_name": method.__name__, "error": str(error)}) from None
        if result is None:
            return
        if not hasattr(result, "__iter__"):
            raise PySparkRuntimeError(errorClass="UDTF_RETURN_NOT_ITERABLE", messageParameters={"type": type(result).__name__, "func": method.__name__})
        try:
            for row in result:
                out.append(self._row(row, method.__name__))
        except SkipRestOfInputTableException:
            pass

    def __call__(self, *args, **kwargs):
        from pyspark.errors import PySparkRuntimeError

        instance = self._instance()
        if self._eval_signature is None:
            self._eval_signature = inspect.signature(instance.eval)
        try:
            self._eval_signature.bind(*args, **kwargs)
        except TypeError as error:
            raise PySparkRuntimeError(
                errorClass="UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE",
                messageParameters={"name": self.name, "reason": str(error)},
            ) from None
        rows = []
        try:
            self._call(instance.eval, args, kwargs, rows)
            if hasattr(instance, "terminate"):
                self._call(instance.terminate, (), {}, rows)
        finally:
            if hasattr(instance, "cleanup"):
                instance.cleanup()
        return rows


class UDTFRegistration:
    """``spark.udtf``: registers table functions for SQL (``SELECT * FROM name(...)``).

    Mirrors ``pyspark.sql.udtf.UDTFRegistration``.
    """

    def __init__(self, sparkSession):
        self.sparkSession = sparkSession  # where the function is registered

    def register(self, name, f):
        """Registers the table function ``f`` under ``name`` (case-insensitive) and
        returns it.

        Parameters
        ----------
        name : str
        f : UserDefinedTableFunction
            With a ``returnType``: SQL plans a call before running it, and Ember does not
            call ``analyze`` from SQL.

        Returns
        -------
        UserDefinedTableFunction
            ``f``, under ``name``.

        Raises
        ------
        PySparkTypeError
            ``CANNOT_REGISTER_UDTF`` when ``f`` is not a table function.
        PySparkNotImplementedError
            ``NOT_IMPLEMENTED`` when ``f`` has an ``analyze`` method instead of a return
            type.

        Examples
        --------
        >>> from pyspark.sql.functions import udtf as table_function
        >>> @table_function(returnType="word: string")
        ... class Split:
        ...     def eval(self, text: str):
        ...         for word in text.split():
        ...             yield (word,)
        >>> _ = spark.udtf.register("split_words", Split)
        >>> spark.sql("SELECT * FROM split_words('a b')").collect()
        [Row(word='a'), Row(word='b')]
        """
        from pyspark.errors import PySparkNotImplementedError, PySparkTypeError
        from pyspark.sql import _plan

        if type(f) is not UserDefinedTableFunction:
            raise PySparkTypeError(errorClass="CANNOT_REGISTER_UDTF", messageParameters={"name": name})
        if f.returnType is None:
            raise PySparkNotImplementedError(
                errorClass="NOT_IMPLEMENTED",
                messageParameters={"feature": "a SQL call of a table function whose schema comes from 'analyze'"},
            )
        registered = UserDefinedTableFunction(f.func, f.returnType, name, f.evalType, f.deterministic)
        udf = registered._generator(registered.returnType)
        self.sparkSession._native.register_udf(_SQL_PREFIX + name.lower(), _plan.to_json(udf._expression([])))
        return registered


def _create_udtf(cls, returnType, name=None, evalType=300, deterministic=False):
    return UserDefinedTableFunction(cls, returnType, name, evalType, deterministic)
