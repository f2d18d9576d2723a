"""``pyspark.sql.functions.builtin``: Spark's built-in functions as Column builders.

Each function builds an unresolved call by Spark's name; the engine maps it to its
implementation (Spark's function registry). Mirrors ``pyspark.sql.functions``.
"""
import builtins

from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Tuple, Type, Union, ValuesView, cast, overload  # noqa: F401

from pyspark.sql import _plan
from pyspark.sql.column import Column, _call, _to_expr, _to_repr

# Names PySpark's module also carries, outside ``__all__``: the types of its signatures,
# and the table-function types it re-exports (``from pyspark.sql.functions import
# AnalyzeResult``).
from pyspark.sql.types import ArrayType, ByteType, DataType, MapType, NumericType, StringType, StructType  # noqa: F401,E402
from pyspark.sql.udf import UserDefinedFunction  # noqa: F401,E402
from pyspark.sql.udtf import (  # noqa: F401,E402
    AnalyzeArgument, AnalyzeResult, OrderingColumn, PartitioningColumn, SelectedColumn,
    SkipRestOfInputTableException, UserDefinedTableFunction,
)

__all__ = []  # filled below


def _public(function):
    __all__.append(function.__name__)
    return function


def _col(value):
    """A Column from a Column or a column name (PySpark's ``_to_java_column``)."""
    if isinstance(value, Column):
        return value
    if isinstance(value, str):
        return col(value)
    from pyspark.errors import PySparkTypeError

    raise PySparkTypeError(
        errorClass="NOT_COLUMN_OR_STR",
        messageParameters={"arg_name": "col", "arg_type": type(value).__name__},
    )


@_public
def col(col):
    """A Column for the column named ``col`` (``"*"`` for all columns).

    Parameters
    ----------
    col : str
        The column name; ``a.b`` names a field or a qualified column.

    Returns
    -------
    Column

    Examples
    --------
    >>> spark.range(2).select(col("id")).collect()
    [Row(id=0), Row(id=1)]
    """
    if col == "*":
        return Column({"type": "Star"}, "*")
    if col.endswith(".*"):
        return Column({"type": "Star", "target": col[:-2]}, col)
    return Column(_plan.column(col), col)


column = col
__all__.append("column")


@_public
def lit(col):
    """A Column of a literal value; Python int becomes ``int`` or ``bigint`` by size.

    Examples
    --------
    >>> spark.range(1).select(lit(5).alias("five")).collect()
    [Row(five=5)]
    """
    if isinstance(col, Column):
        return col
    if isinstance(col, (list, tuple)):
        return array(*[lit(v) for v in col])
    return Column(_plan.literal(col), _to_repr(col))


@_public
def expr(str):
    """A Column parsed from a SQL expression string.

    Examples
    --------
    >>> spark.range(2).select(expr("id + 1 AS n")).collect()
    [Row(n=1), Row(n=2)]
    """
    return Column({"type": "SqlExpression", "text": str}, str)


def _first_or_last(name, example):
    def function(col, ignorenulls=False):
        return _call(name, _col(col), ignorenulls)

    function.__name__ = name
    function.__doc__ = """The %s value of ``col`` in each group (Spark's ``%s`` aggregate,
    ``pyspark.sql.functions.%s``); which row is %s depends on the order rows arrive in,
    so it is deterministic only after a sort.

    Parameters
    ----------
    col : Column or str
        The column to take the value from.
    ignorenulls : bool or Column, default False
        Skip NULL values: the %s non-NULL value, NULL when there is none.

    Returns
    -------
    Column
        An aggregate of the type of ``col``, named ``%s(col)``.

    Raises
    ------
    AnalysisException
        ``_LEGACY_ERROR_TEMP_1210`` when ``ignorenulls`` is not a boolean literal.

    Examples
    --------
    >>> df = spark.createDataFrame(%s, "k int, v int")
    >>> df.groupBy("k").agg(%s("v", ignorenulls=True)).collect()
    [Row(k=1, %s(v)=4)]
    """ % (name, name, name, name, name, name, example, name, name)
    return _public(function)


first = _first_or_last("first", "[(1, None), (1, 4)]")
last = _first_or_last("last", "[(1, 4), (1, None)]")


@_public
def approx_count_distinct(col, rsd=None):
    """An estimate of the number of distinct non-NULL values of ``col`` (Spark's
    HyperLogLog++ ``approx_count_distinct``); the engine's HyperLogLog has a fixed
    precision, so ``rsd`` is accepted but does not change the estimate.

    Parameters
    ----------
    col : Column or str
    rsd : float, optional
        The largest relative standard deviation allowed (Spark's default 0.05).

    Returns
    -------
    Column
        A ``bigint`` aggregate named ``approx_count_distinct(col)``.

    Raises
    ------
    AnalysisException
        ``_LEGACY_ERROR_TEMP_1104`` when ``rsd`` is not a numeric literal.

    Examples
    --------
    >>> spark.range(5).select(approx_count_distinct("id", 0.1)).collect()
    [Row(approx_count_distinct(id)=5)]
    """
    if rsd is None:
        return _call("approx_count_distinct", _col(col))
    return _call("approx_count_distinct", _col(col), rsd)


@_public
def count(col):
    """Number of rows where ``col`` is not NULL; ``count("*")`` counts all rows.

    Examples
    --------
    >>> spark.range(3).select(count("*")).collect()
    [Row(count(1)=3)]
    """
    if isinstance(col, str) and col == "*":
        return Column(_plan.function("count", [_plan.literal(1)]), "count(1)")
    return _call("count", _col(col))


def countDistinct(col, *cols):
    """Number of distinct values (``count(DISTINCT ...)``)."""
    columns = [_col(c) for c in (col,) + cols]
    expr = _plan.function("count", [c._expr for c in columns], is_distinct=True)
    return Column(expr, "count(%s)" % ", ".join(c._repr for c in columns))


count_distinct = countDistinct
__all__.append("count_distinct")


def sumDistinct(col):
    return sum_distinct(col)


@_public
def isnull(col):
    """True where ``col`` is NULL."""
    return _call("isnull", _col(col))


@_public
def isnotnull(col):
    return _call("isnotnull", _col(col))


@_public
def coalesce(*cols):
    """The first non-NULL value among ``cols``."""
    return _call("coalesce", *[_col(c) for c in cols])


@_public
def nvl(col1, col2):
    """``col2`` where ``col1`` is NULL."""
    return _call("nvl", _col(col1), _col(col2))


@_public
def ifnull(col1, col2):
    return _call("ifnull", _col(col1), _col(col2))


@_public
def nullif(col1, col2):
    return _call("nullif", _col(col1), _col(col2))


@_public
def greatest(*cols):
    return _call("greatest", *[_col(c) for c in cols])


@_public
def least(*cols):
    return _call("least", *[_col(c) for c in cols])


@_public
def when(condition, value):
    """The start of a CASE WHEN chain; finish with ``.otherwise``.

    Examples
    --------
    >>> spark.range(3).select(when(col("id") > 1, "big").otherwise("small").alias("s")).collect()
    [Row(s='small'), Row(s='small'), Row(s='big')]
    """
    return Column(
        {"type": "CaseWhen", "branches": [[_to_expr(condition), _to_expr(value)]]},
        "CASE WHEN %s THEN %s END" % (_to_repr(condition), _to_repr(value)),
    )


@_public
def round(col, scale=0):
    """``col`` rounded to ``scale`` decimal places, HALF_UP."""
    return _call("round", _col(col), scale)


@_public
def bround(col, scale=0):
    return _call("bround", _col(col), scale)


@_public
def pow(col1, col2):
    return _call("power", _col(col1) if isinstance(col1, (str, Column)) else lit(col1), _col(col2) if isinstance(col2, (str, Column)) else lit(col2))


power = pow
__all__.append("power")


@_public
def log(arg1, arg2=None):
    if arg2 is None:
        return _call("ln", _col(arg1), repr_name="ln")
    return _call("log", lit(arg1), _col(arg2))


@_public
def concat(*cols):
    return _call("concat", *[_col(c) for c in cols])


@_public
def concat_ws(sep, *cols):
    return _call("concat_ws", lit(sep), *[_col(c) for c in cols])


@_public
def lpad(col, len, pad):
    return _call("lpad", _col(col), len, pad)


@_public
def rpad(col, len, pad):
    return _call("rpad", _col(col), len, pad)


@_public
def split(str, pattern, limit=-1):
    """Splits ``str`` around the matches of a regular expression (Spark's ``split``,
    ``StringSplit``).

    Parameters
    ----------
    str : Column or str
        The text to split; a str names a column.
    pattern : Column or str
        A Java regular expression; a str is the pattern itself, not a column name.
    limit : Column, str or int, default -1
        At most this many parts when above 0, the last holding the rest of the text;
        0 or below splits at every match. A str names a column.

    Returns
    -------
    Column
        ``array<string>``; trailing empty strings are kept, as in Spark. NULL when
        ``str``, ``pattern`` or ``limit`` is NULL.

    Raises
    ------
    SparkRuntimeException
        When ``pattern`` is not a valid regular expression.

    Examples
    --------
    >>> spark.createDataFrame([("a1b22c",)], ["s"]).select(split("s", "[0-9]+", 2).alias("parts")).show()
    +---------+
    |    parts|
    +---------+
    |[a, b22c]|
    +---------+
    """
    limit = _col(limit) if isinstance(limit, builtins.str) else lit(limit)
    return _call("split", _col(str), lit(pattern), limit)


@_public
def regexp_extract(str, pattern, idx):
    """Group ``idx`` of the first match of ``pattern`` in ``str``; ``""`` when none."""
    return _call("regexp_extract", _col(str), lit(pattern), lit(idx))


@_public
def translate(srcCol, matching, replace):
    """Replaces each character of ``matching`` in ``srcCol`` by the one at the same place
    in ``replace``."""
    return _call("translate", _col(srcCol), lit(matching), lit(replace))


@_public
def locate(substr, str, pos=1):
    """The 1-based position of ``substr`` in ``str`` at or after character ``pos``
    (Spark's ``locate``, ``StringLocate``).

    Parameters
    ----------
    substr : str
        The text to find (a literal).
    str : Column or str
        The column to search.
    pos : int, default 1
        Where to start, counting characters from 1.

    Returns
    -------
    Column
        An ``int``: 0 when ``substr`` is absent or ``pos`` is below 1; NULL for NULL input.

    Examples
    --------
    >>> spark.createDataFrame([("abcb",)], "s string").select(locate("b", "s", 3).alias("p")).collect()
    [Row(p=4)]
    """
    return _call("locate", lit(substr), _col(str), lit(pos))


@_public
def format_string(format, *cols):
    """Java ``String.format`` of ``format`` with the columns as arguments."""
    return _call("format_string", lit(format), *[_col(c) for c in cols])


@_public
def array(*cols):
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        cols = cols[0]
    return _call("make_array", *[_col(c) for c in cols], repr_name="array")


@_public
def current_date():
    return _call("current_date")


@_public
def current_timestamp():
    return _call("current_timestamp")


@_public
def to_date(col, format=None):
    if format is None:
        return _call("to_date", _col(col))
    return _call("to_date", _col(col), format)


@_public
def mean(col):
    # PySpark's mean is avg (`avg(x)`); SQL's and call_function's mean keep their name.
    return _call("avg", _col(col))


@_public
def unix_timestamp(timestamp=None, format="yyyy-MM-dd HH:mm:ss"):
    # Without a timestamp Spark reads the current one, and keeps its default format
    # whatever format is given: unix_timestamp(current_timestamp(), yyyy-MM-dd HH:mm:ss).
    if timestamp is None:
        return _call("unix_timestamp")
    return _call("unix_timestamp", _col(timestamp), lit(format))


@_public
def convert_timezone(sourceTz, targetTz, sourceTs):
    # Without a source zone Spark reads sourceTs in the session zone, which it writes
    # as current_timezone() in the column's name.
    source = _call("current_timezone") if sourceTz is None else _col(sourceTz)
    return _call("convert_timezone", source, _col(targetTz), _col(sourceTs))


@_public
def asc(col):
    return _col(col).asc()


@_public
def desc(col):
    return _col(col).desc()


@_public
def asc_nulls_first(col):
    return _col(col).asc_nulls_first()


@_public
def asc_nulls_last(col):
    return _col(col).asc_nulls_last()


@_public
def desc_nulls_first(col):
    return _col(col).desc_nulls_first()


@_public
def desc_nulls_last(col):
    return _col(col).desc_nulls_last()


def _try_arithmetic(name, verb, example):
    def function(left, right):
        return _call(name, _col(left), _col(right))

    function.__name__ = name
    function.__doc__ = """%s two numbers as Spark's ``%s`` does (``pyspark.sql.functions.%s``):
    NULL instead of ``ARITHMETIC_OVERFLOW`` where the result does not fit.

    Parameters
    ----------
    left : Column or str
    right : Column or str
        Integers (the result has the wider of their types) or floating-point numbers
        (the result is a double).

    Returns
    -------
    Column
        Named ``%s(left, right)``.

    Raises
    ------
    AnalysisException
        ``UNSUPPORTED_FEATURE`` for decimal, datetime and interval operands, which Ember
        does not support here yet.

    Examples
    --------
    >>> df = spark.createDataFrame([(2147483647, 1)], "a int, b int")
    >>> df.select(%s("a", "b").alias("r")).collect()
    [Row(r=%s)]
    """ % (verb, name, name, name, name, example)
    return _public(function)


try_add = _try_arithmetic("try_add", "Adds", "None")
try_subtract = _try_arithmetic("try_subtract", "Subtracts", "2147483646")
try_multiply = _try_arithmetic("try_multiply", "Multiplies", "2147483647")


@_public
def try_divide(left, right):
    return _call("try_divide", _col(left), _col(right))


@_public
def row_number():
    return _call("row_number")


@_public
def rank():
    return _call("rank")


@_public
def dense_rank():
    return _call("dense_rank")


@_public
def percent_rank():
    return _call("percent_rank")


@_public
def cume_dist():
    return _call("cume_dist")


@_public
def ntile(n):
    return _call("ntile", n)


@_public
def lag(col, offset=1, default=None):
    return _call("lag", _col(col), offset, default)


@_public
def lead(col, offset=1, default=None):
    return _call("lead", _col(col), offset, default)


@_public
def broadcast(df):
    """A join hint; the embedded engine plans joins itself, so the DataFrame is returned."""
    return df


@_public
def udf(f=None, returnType=None, *, useArrow=None):
    """A Python user-defined function usable on Columns.

    Works as a call, ``udf(f, returnType)``, and as a decorator, ``@udf`` or
    ``@udf(returnType=IntegerType())`` / ``@udf("int")``. Mirrors ``pyspark.sql.functions.udf``.

    Parameters
    ----------
    f : callable, optional
        Called once per row with the argument values; ``None`` stands for NULL.
    returnType : :class:`~pyspark.sql.types.DataType` or str, default ``StringType()``
        A result that does not fit the type becomes NULL, as in Spark.
    useArrow : bool, optional
        ``True`` makes an Arrow-optimized UDF (``PythonEvalType.SQL_ARROW_BATCHED_UDF``,
        101): the function is still called per row, but a numeric result is cast to the
        return type as Arrow casts it (``1.5`` becomes ``1``) instead of becoming NULL.
        By default, ``spark.sql.execution.pythonUDF.arrow.enabled`` decides (true, as
        in Spark 4.3),
        and a function whose parameters and result are hinted with pandas types
        (``pd.Series``) or pyarrow types (``pa.Array``) becomes the matching
        :func:`pandas_udf` or :func:`arrow_udf`, as PySpark infers it.

    Returns
    -------
    A function from Columns (or column names) to a Column named ``f(args)``.

    Raises
    ------
    PySparkTypeError
        ``NOT_EXPECTED_TYPE`` for a ``f`` that is not callable or a bad ``returnType``.
    PythonException
        When the function raises while a query runs (the message holds its traceback).

    Examples
    --------
    >>> from pyspark.sql.types import IntegerType
    >>> @udf(returnType=IntegerType())
    ... def plus_one(x):
    ...     return None if x is None else x + 1
    >>> spark.createDataFrame([(1,), (None,)], "n INT").select(plus_one("n")).collect()
    [Row(plus_one(n)=2), Row(plus_one(n)=None)]
    """
    from pyspark.sql.types import DataType, StringType
    from pyspark.sql.udf import PythonEvalType, UserDefinedFunction

    from pyspark.sql._pandas_udf import udf_kind

    infer = useArrow is None
    if useArrow is None:
        from pyspark.sql import SparkSession

        session = SparkSession.getActiveSession()
        setting = session.conf.get("spark.sql.execution.pythonUDF.arrow.enabled", "true") if session is not None else "true"
        useArrow = str(setting).lower() == "true"
    eval_type = PythonEvalType.SQL_ARROW_BATCHED_UDF if useArrow else PythonEvalType.SQL_BATCHED_UDF

    def build(func, return_type):
        # With useArrow unset, pandas or pyarrow type hints make a vectorized UDF, as
        # PySpark's infer_eval_type_for_udf decides.
        kind = udf_kind(func) if infer else None
        if kind is not None:
            maker, vectorized = kind
            return maker(func, return_type, vectorized)
        return UserDefinedFunction(func, return_type, evalType=eval_type)._wrapped()

    if f is None or isinstance(f, (str, DataType)):
        return_type = f if f is not None else (returnType if returnType is not None else StringType())
        return lambda func: build(func, return_type)
    return build(f, StringType() if returnType is None else returnType)


@_public
def call_function(funcName, *cols):
    """Calls the Spark function named ``funcName`` on ``cols``, as SQL's ``funcName(...)``
    would; the same registry resolves ``F.x(...)``, SQL and this call.

    Parameters
    ----------
    funcName : str
        A Spark function name (any case) or a registered UDF's name.
    *cols : Column or str
        The arguments; strings are column names.

    Returns
    -------
    Column
        Named ``funcName(args)``.

    Raises
    ------
    AnalysisException
        ``UNRESOLVED_ROUTINE`` for a name that is neither a Spark SQL function nor a UDF,
        PySpark's DataFrame-only names included (``product``, ``negate``), as in Spark.
    PySparkNotImplementedError
        ``NOT_IMPLEMENTED`` for a Spark function Ember does not have yet.

    Examples
    --------
    >>> spark.range(1).select(call_function("abs", lit(-2)).alias("a")).collect()
    [Row(a=2)]
    """
    return _call(funcName, *_column_arguments(cols), by_sql_name=True)


@_public
def call_udf(udfName, *cols):
    """Calls the UDF registered as ``udfName`` (``spark.udf.register``) on ``cols``.

    Parameters
    ----------
    udfName : str
    *cols : Column or str
        The arguments; strings are column names.

    Returns
    -------
    Column

    Raises
    ------
    AnalysisException
        ``UNRESOLVED_ROUTINE`` when no UDF has that name.

    Examples
    --------
    >>> _ = spark.udf.register("twice", lambda x: x * 2, "int")
    >>> spark.range(2).select(call_udf("twice", "id").alias("t")).collect()
    [Row(t=0), Row(t=2)]
    """
    return _call(udfName, *_column_arguments(cols))


def _column_arguments(values):
    """Columns from PySpark's ``ColumnOrName`` arguments: a Column as it is, a string as a
    column name, a list or tuple as its items (``*cols`` given as one list), other Python
    values as literals."""
    arguments = []
    for value in values:
        if isinstance(value, (list, tuple)) and len(values) == 1:
            return _column_arguments(list(value))
        if isinstance(value, Column):
            arguments.append(value)
        elif isinstance(value, str):
            arguments.append(col(value))
        else:
            arguments.append(lit(value))
    return arguments


def _python_udf_kind(name, what):
    def function(*args, **kwargs):
        raise _not_implemented("`%s` (%s)" % (name, what))

    function.__name__ = name
    function.__doc__ = """%s: not implemented in Ember.

    Raises
    ------
    PySparkNotImplementedError
        ``NOT_IMPLEMENTED``, naming ``%s``, whatever the arguments.

    Examples
    --------
    >>> %s(lambda x: x)
    Traceback (most recent call last):
        ...
    pyspark.errors.exceptions.base.PySparkNotImplementedError: [NOT_IMPLEMENTED] ...
    """ % (what[0].upper() + what[1:], name, name)
    return _public(function)


def udtf(cls=None, *, returnType=None, useArrow=None):
    """A Python user-defined table function: a class whose ``eval`` method yields rows.

    Works as a call, ``udtf(MyClass, returnType="a: int")``, and as a decorator,
    ``@udtf(returnType="a: int")`` or ``@udtf`` on a class with an ``analyze`` static
    method. Mirrors ``pyspark.sql.functions.udtf``.

    Parameters
    ----------
    cls : type, optional
        Its ``eval`` yields rows (tuples, lists, dicts or Rows) for each call;
        ``terminate`` may yield more after it, and ``cleanup`` runs last.
    returnType : :class:`~pyspark.sql.types.StructType` or str, optional
        The rows' columns (``"word: string, n: int"``); leave it out when the class has
        an ``analyze`` static method returning an ``AnalyzeResult``.
    useArrow : bool, optional
        Marks the function Arrow-optimized (``evalType`` 301, else 300); by default
        ``spark.sql.execution.pythonUDTF.arrow.enabled`` decides (true). Rows are
        converted the same way either way.

    Returns
    -------
    :class:`~pyspark.sql.udtf.UserDefinedTableFunction`
        Called with Columns, it gives a DataFrame of the rows; ``spark.udtf.register``
        makes it callable from SQL as ``SELECT * FROM name(...)``.

    Raises
    ------
    PySparkTypeError
        ``INVALID_UDTF_HANDLER_TYPE`` when ``cls`` is not a class.
    PySparkAttributeError
        ``INVALID_UDTF_NO_EVAL``, ``INVALID_UDTF_RETURN_TYPE``,
        ``INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE``.
    PythonException
        When the class raises while a query runs (``UDTF_EXEC_ERROR`` for an error in a
        method call, ``UDTF_RETURN_SCHEMA_MISMATCH`` for a row of the wrong width).

    Examples
    --------
    >>> @udtf(returnType="n: int, even: boolean")
    ... class Numbers:
    ...     def eval(self, count: int):
    ...         for n in range(count):
    ...             yield n, n % 2 == 0
    >>> Numbers(lit(2)).collect()
    [Row(n=0, even=True), Row(n=1, even=False)]
    """
    from pyspark.sql.udtf import UserDefinedTableFunction

    if useArrow is None:
        from pyspark.sql import SparkSession

        session = SparkSession.getActiveSession()
        setting = session.conf.get("spark.sql.execution.pythonUDTF.arrow.enabled", "true") if session is not None else "true"
        useArrow = str(setting).lower() == "true"
    eval_type = 301 if useArrow else 300
    if cls is None:
        return lambda handler: UserDefinedTableFunction(handler, returnType, evalType=eval_type)
    return UserDefinedTableFunction(cls, returnType, evalType=eval_type)


def arrow_udtf(cls=None, *, returnType=None):
    """A Python table function working on Arrow data: its ``eval`` takes
    ``pyarrow.RecordBatch`` es (for a ``TABLE`` argument, up to 10,000 rows each) and
    ``pyarrow.Array`` s (for scalar arguments), and yields ``pyarrow.Table`` s or
    ``RecordBatch`` es.

    Works as a call and as a decorator, like :func:`udtf`. Mirrors
    ``pyspark.sql.functions.arrow_udtf`` (``evalType`` 302).

    Parameters
    ----------
    cls : type, optional
        Its ``eval`` yields tables or batches; ``terminate`` may yield more after the last
        ``eval`` of a partition.
    returnType : :class:`~pyspark.sql.types.StructType` or str, optional
        The rows' columns; a yielded table's columns are matched to them by name and cast
        to their Arrow types (a cast that could lose data is refused).

    Returns
    -------
    :class:`~pyspark.sql.udtf.UserDefinedTableFunction`

    Raises
    ------
    PySparkAttributeError
        ``INVALID_UDTF_NO_EVAL``, ``INVALID_UDTF_RETURN_TYPE``.
    PythonException
        When the query runs: ``UDTF_ARROW_TYPE_CONVERSION_ERROR`` for a yielded value that
        is not a table or batch, ``RESULT_COLUMN_TYPES_MISMATCH`` for a column that does
        not cast to its type, ``UDTF_EXEC_ERROR`` when a method raises.

    Examples
    --------
    >>> import pyarrow as pa, pyarrow.compute as pc
    >>> @arrow_udtf(returnType="id long, squared long")
    ... class Squares:
    ...     def eval(self, batch: pa.RecordBatch):
    ...         ids = batch.column("id")
    ...         yield pa.table({"id": ids, "squared": pc.multiply(ids, ids)})
    >>> Squares(spark.range(3).asTable()).collect()
    [Row(id=0, squared=0), Row(id=1, squared=1), Row(id=2, squared=4)]
    """
    from pyspark.sql.udtf import UserDefinedTableFunction

    if cls is None:
        return lambda handler: UserDefinedTableFunction(handler, returnType, evalType=302)
    return UserDefinedTableFunction(cls, returnType, evalType=302)


unwrap_udt = _python_udf_kind("unwrap_udt", "the storage value of a user-defined type (PySpark's unwrap_udt)")


def _not_implemented(feature):
    from pyspark.errors import PySparkNotImplementedError

    return PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": feature})


from pyspark.sql.udf import UserDefinedFunction  # noqa: E402 - exported as PySpark does
from pyspark.sql._pandas_udf import ArrowUDFType, PandasUDFType, arrow_udf, pandas_udf  # noqa: E402 - exported as PySpark does
from pyspark.sql.functions import _catalog  # noqa: E402 - reads the helpers above

__all__.extend(["UserDefinedFunction", "pandas_udf", "PandasUDFType", "arrow_udf", "ArrowUDFType"])
_catalog.define(globals(), __all__)
negate = globals()["negative"]
__all__.append("negate")
# PySpark's older camelCase spellings, outside ``__all__``.
approxCountDistinct = approx_count_distinct
bitwiseNOT = globals()["bitwise_not"]
shiftLeft = globals()["shiftleft"]
shiftRight = globals()["shiftright"]
shiftRightUnsigned = globals()["shiftrightunsigned"]
toDegrees = globals()["degrees"]
toRadians = globals()["radians"]
