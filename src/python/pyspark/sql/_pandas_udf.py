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
    SCALAR, GROUPED_MAP, GROUPED_AGG, SCALAR_ITER, GROUPED_AGG_ITER = 200, 201, 202, 204, 217


def _is_iterator(hint):
    origin = typing.get_origin(hint)
    import collections.abc

    return origin in (collections.abc.Iterator, collections.abc.Iterable) or hint in (typing.Iterator, typing.Iterable)


class ArrowUDFType:
    """The Arrow UDF kinds by name (PySpark's ``functionType`` values of ``arrow_udf``)."""

    # PySpark's PythonEvalType numbers.
    SCALAR, SCALAR_ITER, GROUPED_AGG, GROUPED_AGG_ITER = 250, 251, 252, 254


def _is_pandas(hint):
    module = getattr(hint, "__module__", "") or ""
    return module.startswith("pandas") or (isinstance(hint, str) and hint.split(".")[-1] in ("Series", "DataFrame"))


def _is_arrow(hint):
    # Arrays are data; a pa.Scalar result makes a grouped aggregate.
    module = getattr(hint, "__module__", "") or ""
    name = hint.split(".")[-1] if isinstance(hint, str) else getattr(hint, "__name__", "")
    return (module.startswith("pyarrow") or isinstance(hint, str)) and name.endswith(("Array", "RecordBatch", "Table"))


def _eval_type_from_hints(func, is_data, kinds):
    """PySpark's ``infer_eval_type``: the UDF kind the type hints of ``func`` describe,
    or None. ``is_data`` tells a pandas Series (or pyarrow Array) hint; ``kinds`` is
    (scalar, scalar iterator, grouped aggregate, grouped aggregate over an iterator)."""
    scalar, scalar_iter, grouped_agg, grouped_agg_iter = kinds
    try:
        hints = typing.get_type_hints(func)
    except Exception:
        hints = dict(getattr(func, "__annotations__", {}))
    if "return" not in hints:
        return None
    parameters = [hints.get(name) for name in inspect.signature(func).parameters if name in hints]
    returned = hints["return"]
    if parameters and _is_iterator(parameters[0]):
        return scalar_iter if _is_iterator(returned) else grouped_agg_iter
    if parameters and all(is_data(p) for p in parameters):
        return scalar if is_data(returned) else grouped_agg
    return None


def _vectorized_udf(name, f, returnType, functionType, is_data, kinds, wrap_aggregate=None):
    """``pandas_udf`` or ``arrow_udf`` (named ``name``): the UDF, or a decorator making it
    when ``f`` is the return type or omitted. Without a kind or type hints, a scalar UDF."""
    from pyspark.errors import PySparkNotImplementedError

    if f is not None and (not callable(f) or isinstance(f, type)):
        # name("int"[, functionType]) as a decorator: the first argument is the return
        # type and the second, if any, the kind.
        if returnType is not None and functionType is None:
            functionType = returnType
        f, returnType = None, f

    def build(func):
        eval_type = functionType if functionType is not None else (_eval_type_from_hints(func, is_data, kinds) or kinds[0])
        if eval_type == PandasUDFType.GROUPED_MAP and kinds is _PANDAS_KINDS:
            # For the deprecated GroupedData.apply: the return type is the output schema.
            return UserDefinedFunction(func, returnType, evalType=eval_type)._wrapped()
        if eval_type not in kinds:
            raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "%s of evalType %d in Ember" % (name, eval_type)})
        if eval_type == kinds[3]:
            func = _IteratorAggregate(func)
        if wrap_aggregate is not None and eval_type in kinds[2:]:
            func = wrap_aggregate(func)
        return UserDefinedFunction(func, returnType, evalType=eval_type)._wrapped()

    return build if f is None else build(f)


class _IteratorAggregate:
    """A grouped-aggregate UDF over an iterator of batches (``Iterator[pd.Series] ->
    scalar``): called with a group's columns, it hands the function an iterator over the
    group as one batch (a tuple of columns when there are several)."""

    def __init__(self, func):
        self.func = func
        self.__name__ = getattr(func, "__name__", "udf")

    def __call__(self, *columns):
        return self.func(iter([columns[0] if len(columns) == 1 else tuple(columns)]))


_PANDAS_KINDS = (PythonEvalType.SQL_SCALAR_PANDAS_UDF, PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF, PythonEvalType.SQL_GROUPED_AGG_PANDAS_UDF, PythonEvalType.SQL_GROUPED_AGG_PANDAS_ITER_UDF)
_ARROW_KINDS = (ArrowUDFType.SCALAR, ArrowUDFType.SCALAR_ITER, ArrowUDFType.GROUPED_AGG, ArrowUDFType.GROUPED_AGG_ITER)


def _mentions(hint, is_data):
    """Whether ``hint``, or a type inside it (``Iterator[pd.Series]``), is data."""
    return is_data(hint) or any(_mentions(inner, is_data) for inner in typing.get_args(hint))


def udf_kind(func):
    """PySpark's ``infer_eval_type_for_udf``: for a plain ``udf`` whose parameters and
    result are hinted with pandas (or pyarrow) types, ``(pandas_udf or arrow_udf, eval
    type)``, so that ``udf`` makes that vectorized UDF; ``None`` for other functions."""
    try:
        spec = inspect.getfullargspec(func)
        hints = typing.get_type_hints(func)
    except Exception:
        return None
    if not spec.args or not spec.annotations:
        return None
    for is_data, kinds, maker in ((_is_pandas, _PANDAS_KINDS, pandas_udf), (_is_arrow, _ARROW_KINDS, arrow_udf)):
        if any(_mentions(hint, is_data) for hint in hints.values()):
            eval_type = _eval_type_from_hints(func, is_data, kinds)
            if eval_type is not None:
                return maker, eval_type
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
    return _vectorized_udf("pandas_udf", f, returnType, functionType, _is_pandas, _PANDAS_KINDS)


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
    from pyspark.sql.udf import _ArrowAggregate

    return _vectorized_udf("arrow_udf", f, returnType, functionType, _is_arrow, _ARROW_KINDS, _ArrowAggregate)
