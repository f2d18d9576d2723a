"""``pandas_udf`` and ``arrow_udf``: Python functions over pandas Series or pyarrow
Arrays. The kind of UDF comes from the function's type hints, as in PySpark: ``Series ->
Series`` (or ``Array -> Array``) is a scalar UDF, ``Iterator[...] -> Iterator[...]`` a
scalar iterator UDF, and ``Series -> scalar`` (``Array -> scalar``) a grouped-aggregate
UDF, usable in ``groupBy().agg`` and ``select`` of aggregates. On the local engine they
run in the shell's interpreter, a batch (or a group) at a time.
"""
import inspect
import typing

from pyspark.sql.udf import PythonEvalType, UserDefinedFunction


class PandasUDFType:
    """The pandas UDF kinds by name (PySpark's deprecated ``functionType`` values)."""

    # PySpark's PythonEvalType numbers.
    SCALAR, GROUPED_MAP, GROUPED_AGG, SCALAR_ITER = 200, 201, 202, 204


def _is_iterator(hint):
    origin = typing.get_origin(hint)
    import collections.abc

    return origin in (collections.abc.Iterator, collections.abc.Iterable) or hint in (typing.Iterator, typing.Iterable)


class ArrowUDFType:
    """The Arrow UDF kinds by name (PySpark's ``functionType`` values of ``arrow_udf``)."""

    # PySpark's PythonEvalType numbers.
    SCALAR, SCALAR_ITER, GROUPED_AGG = 250, 251, 252


def _is_pandas(hint):
    module = getattr(hint, "__module__", "") or ""
    return module.startswith("pandas") or (isinstance(hint, str) and hint.split(".")[-1] in ("Series", "DataFrame"))


def _is_arrow(hint):
    module = getattr(hint, "__module__", "") or ""
    return module.startswith("pyarrow") or (isinstance(hint, str) and hint.split(".")[-1] in ("Array", "ChunkedArray", "RecordBatch", "Table"))


def _arrow_eval_type_from_hints(func):
    """The ``arrow_udf`` kind its type hints describe, or None."""
    try:
        hints = typing.get_type_hints(func)
    except Exception:
        hints = dict(getattr(func, "__annotations__", {}))
    if "return" not in hints:
        return None
    parameters = [hints.get(name) for name in inspect.signature(func).parameters if name in hints]
    if parameters and _is_iterator(parameters[0]) and _is_iterator(hints["return"]):
        return ArrowUDFType.SCALAR_ITER
    if parameters and all(_is_arrow(p) for p in parameters):
        return ArrowUDFType.SCALAR if _is_arrow(hints["return"]) else ArrowUDFType.GROUPED_AGG
    return None


def _eval_type_from_hints(func):
    """PySpark's ``infer_eval_type``: the UDF kind its type hints describe, or None."""
    try:
        hints = typing.get_type_hints(func)
    except Exception:
        hints = dict(getattr(func, "__annotations__", {}))
    if "return" not in hints:
        return None
    parameters = [hints.get(name) for name in inspect.signature(func).parameters if name in hints]
    returned = hints["return"]
    if parameters and _is_iterator(parameters[0]) and _is_iterator(returned):
        return PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF
    if parameters and all(_is_pandas(p) for p in parameters):
        return PythonEvalType.SQL_SCALAR_PANDAS_UDF if _is_pandas(returned) else PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF
    return None


def pandas_udf(f=None, returnType=None, functionType=None):
    """A vectorized user-defined function over pandas Series.

    Parameters
    ----------
    f : callable or str or :class:`DataType`, optional
        The function; when it is a type (or omitted), ``pandas_udf`` is used as a
        decorator and this is the return type.
    returnType : :class:`DataType` or str
        The type of the results (DDL text accepted).
    functionType : int (a :class:`PandasUDFType`), optional
        A :class:`PandasUDFType` (``SCALAR``, ``SCALAR_ITER``, ``GROUPED_AGG``); by
        default taken from the type hints: ``pd.Series -> pd.Series`` (scalar),
        ``Iterator[pd.Series] -> Iterator[pd.Series]`` (scalar iterator), ``pd.Series ->
        scalar`` (grouped aggregate).

    Returns
    -------
    callable
        Called on Columns, a Column: per row for the scalar kinds (the function gets a
        batch of rows as Series and returns as many values), per group for a grouped
        aggregate (one value per group).

    Raises
    ------
    PySparkNotImplementedError
        ``NOT_IMPLEMENTED`` for the grouped-map kind (use ``applyInPandas``).
    PySparkTypeError
        ``NOT_EXPECTED_TYPE`` when ``returnType`` is neither a DataType nor a DDL string.

    Examples
    --------
    >>> import pandas
    >>> @pandas_udf("bigint")
    ... def plus_one(v: pandas.Series) -> pandas.Series:
    ...     return v + 1
    >>> @pandas_udf(returnType="double")
    ... def mean_of(v: pandas.Series) -> float:
    ...     return float(v.mean())
    >>> df = spark.createDataFrame([(1, 1), (1, 3), (2, 5)], ["k", "v"])
    >>> df.select(plus_one("v")).collect()
    [Row(plus_one(v)=2), Row(plus_one(v)=4), Row(plus_one(v)=6)]
    >>> df.groupBy("k").agg(mean_of("v")).sort("k").collect()
    [Row(k=1, mean_of(v)=2.0), Row(k=2, mean_of(v)=5.0)]

    Mirrors PySpark's ``pyspark.sql.functions.pandas_udf``.
    """
    from pyspark.errors import PySparkNotImplementedError

    if f is not None and (not callable(f) or isinstance(f, type)):
        # pandas_udf("int"[, functionType]) as a decorator: the first argument is the
        # return type and the second, if any, the kind.
        if returnType is not None and functionType is None:
            functionType = returnType
        f, returnType = None, f

    def build(func):
        # Without a kind or type hints, a scalar UDF.
        eval_type = functionType if functionType is not None else (_eval_type_from_hints(func) or PythonEvalType.SQL_SCALAR_PANDAS_UDF)
        if eval_type not in (PythonEvalType.SQL_SCALAR_PANDAS_UDF, PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF, PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF):
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "pandas_udf of evalType %d in Ember" % eval_type})
        return UserDefinedFunction(func, returnType, evalType=eval_type)._wrapped()

    return build if f is None else build(f)


def arrow_udf(f=None, returnType=None, functionType=None):
    """A vectorized user-defined function over pyarrow Arrays.

    Parameters
    ----------
    f : callable or str or :class:`DataType`, optional
        The function; when it is a type (or omitted), ``arrow_udf`` is used as a decorator
        and this is the return type.
    returnType : :class:`DataType` or str
        The type of the results (DDL text accepted).
    functionType : int (an :class:`ArrowUDFType`), optional
        ``SCALAR``, ``SCALAR_ITER`` or ``GROUPED_AGG``; by default taken from the type
        hints: ``pa.Array -> pa.Array`` (scalar), ``Iterator[pa.Array] ->
        Iterator[pa.Array]`` (scalar iterator), ``pa.Array -> scalar`` (grouped aggregate).

    Returns
    -------
    callable
        Called on Columns, a Column: per batch of rows for the scalar kinds (one pyarrow
        Array per argument in, as many values out), per group for a grouped aggregate.

    Raises
    ------
    PySparkNotImplementedError
        ``NOT_IMPLEMENTED`` for another kind.

    Examples
    --------
    >>> import pyarrow as pa
    >>> import pyarrow.compute as pc
    >>> @arrow_udf("bigint")
    ... def doubled(v: pa.Array) -> pa.Array:
    ...     return pc.multiply(v, 2)
    >>> spark.range(3).select(doubled("id")).collect()
    [Row(doubled(id)=0), Row(doubled(id)=2), Row(doubled(id)=4)]

    Mirrors PySpark's ``pyspark.sql.functions.arrow_udf``.
    """
    from pyspark.errors import PySparkNotImplementedError

    if f is not None and (not callable(f) or isinstance(f, type)):
        if returnType is not None and functionType is None:
            functionType = returnType
        f, returnType = None, f

    def build(func):
        eval_type = functionType if functionType is not None else (_arrow_eval_type_from_hints(func) or ArrowUDFType.SCALAR)
        if eval_type not in (ArrowUDFType.SCALAR, ArrowUDFType.SCALAR_ITER, ArrowUDFType.GROUPED_AGG):
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "arrow_udf of evalType %d in Ember" % eval_type})
        if eval_type == ArrowUDFType.GROUPED_AGG:
            from pyspark.sql.udf import _ArrowAggregate

            func = _ArrowAggregate(func)
        return UserDefinedFunction(func, returnType, evalType=eval_type)._wrapped()

    return build if f is None else build(f)
