"""Group-wise Python functions over pandas and Arrow: ``GroupedData.applyInPandas`` and
``applyInArrow``, and ``GroupedData.cogroup(...)`` with its own ``applyInPandas`` and
``applyInArrow`` (PySpark's ``PandasCogroupedOps``).

As ``mapInPandas`` here, ``func`` runs when an action needs the rows, once per group, in
the SparkContext's worker processes (the groups shared out among them in runs of
consecutive keys), and its output becomes the new DataFrame's rows. Groups come in the
order of their keys (NULL last); each group's rows keep their order.
"""
import typing

from pyspark.sql._arrow import _chunks, _output_schema, _require_pandas, _require_pyarrow, _run_in_workers

_KEY = "__ember_group_key_%d"


def _takes_key(func, plain_arity):
    """Whether ``func`` wants the group's key first: it takes one more argument than the
    data it is given (PySpark decides by the number of parameters)."""
    try:
        import inspect  # here: 6 ms of the shell's start when imported at the top

        return len(inspect.getfullargspec(func).args) == plain_arity + 1
    except TypeError:
        return False


def _takes_iterator(func):
    """Whether ``func``'s data parameter is hinted ``Iterator[...]`` (PySpark's iterator
    form: the group comes as an iterator of batches, results are yielded)."""
    from pyspark.sql._pandas_udf import _is_iterator

    try:
        hints = typing.get_type_hints(func)
        import inspect

        data = list(inspect.signature(func).parameters)[-1]
    except Exception:
        return False
    return data in hints and _is_iterator(hints[data])


def _check_names(names, schema):
    """PySpark's check of a result whose columns are named: the names must be the
    schema's (``RESULT_COLUMN_NAMES_MISMATCH``, listing what is missing and unexpected)."""
    from pyspark.errors import PySparkRuntimeError

    if not all(isinstance(n, str) for n in names):
        return
    wanted = [f.name for f in schema.fields]
    missing = [n for n in wanted if n not in names]
    unexpected = [n for n in names if n not in wanted]
    if missing or unexpected:
        raise PySparkRuntimeError(
            errorClass="RESULT_COLUMN_NAMES_MISMATCH",
            messageParameters={
                "missing": " Missing: %s." % ", ".join(missing) if missing else "",
                "extra": " Unexpected: %s." % ", ".join(unexpected) if unexpected else "",
            },
        )


class _Groups:
    """A grouped DataFrame's rows as a pyarrow Table sorted by the grouping keys, split
    into one slice per key."""

    def __init__(self, grouped):
        import pyarrow.compute as pc
        from pyspark.sql.column import Column

        _require_pyarrow()
        keys = [Column(expr).alias(_KEY % i) for i, expr in enumerate(grouped._grouping)]
        table = grouped._df.select(*keys, "*").toArrow()
        self.key_names = [_KEY % i for i in range(len(keys))]
        order = pc.sort_indices(table, sort_keys=[(n, "ascending") for n in self.key_names])
        table = table.take(order)
        self.data = table.drop_columns(self.key_names)
        self.keys = table.select(self.key_names)
        values = list(zip(*[self.keys.column(n).to_pylist() for n in self.key_names])) if self.key_names else [()] * table.num_rows
        # Each key's first row and row count, in key order.
        self.spans = {}
        for row, key in enumerate(values):
            start, count = self.spans.get(key, (row, 0))
            self.spans[key] = (start, count + 1)

    def rows(self, key):
        """The data columns of the group of ``key`` (no rows when it has none)."""
        start, count = self.spans.get(key, (0, 0))
        return self.data.slice(start, count)

    def scalars(self, key):
        """The group's key as pyarrow scalars, as ``applyInArrow`` passes it."""
        start, _ = self.spans[key]
        return tuple(self.keys.column(n)[start] for n in self.key_names)


def _key_order(keys):
    """Keys sorted with NULL last, as the groups are."""
    return sorted(keys, key=lambda key: tuple((value is None, value) for value in key))


def _to_batches(result, schema, pandas):
    import pyarrow as pa

    if pandas:
        _check_names(list(result.columns), schema)
        return [pa.RecordBatch.from_pandas(result, preserve_index=False)]
    _check_names(result.schema.names, schema)
    return result.to_batches() if hasattr(result, "to_batches") else [result]


def _compact(table):
    """``table`` (a slice of the grouped rows) as a table of its own rows only: pickling a
    slice, to send it to a worker, would carry its parent's whole buffers."""
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return pa.ipc.open_stream(sink.getvalue()).read_all()


def _parallelism():
    from pyspark.core.context import SparkContext

    sc = SparkContext._active_spark_context
    return sc.defaultParallelism if sc is not None else 1


class _GroupTask:
    """One worker task of ``applyInPandas``/``applyInArrow``: ``func`` on each of a run of
    groups, given as ``(key, table)``; returns the record batches of the results."""

    def __init__(self, func, schema, pandas):
        self.func = func
        self.schema = schema
        self.pandas = pandas
        self.with_key = _takes_key(func, 1)
        self.iterator = _takes_iterator(func)

    def __call__(self, groups):
        outputs = []
        for key, part in groups:
            data = part.to_pandas() if self.pandas else part
            if self.iterator:
                data = iter([data] if self.pandas else data.to_batches())
            arguments = (key, data) if self.with_key else (data,)
            # The iterator form yields results; the plain one returns one.
            results = self.func(*arguments) if self.iterator else [self.func(*arguments)]
            outputs.extend(b for result in results for b in _to_batches(result, self.schema, self.pandas))
        return outputs


class _CogroupTask:
    """One worker task of a cogroup's ``applyInPandas``/``applyInArrow``: ``func`` on each
    of a run of keys, given as ``(key, left table, right table)``."""

    def __init__(self, func, schema, pandas):
        self.func = func
        self.schema = schema
        self.pandas = pandas
        self.with_key = _takes_key(func, 2)

    def __call__(self, groups):
        outputs = []
        for key, left, right in groups:
            sides = [left.to_pandas(), right.to_pandas()] if self.pandas else [left, right]
            result = self.func(key, *sides) if self.with_key else self.func(*sides)
            outputs.extend(_to_batches(result, self.schema, self.pandas))
        return outputs


def apply_in_groups(grouped, func, schema, pandas):
    """``applyInPandas`` (``pandas``) or ``applyInArrow``: ``func`` over each group, run
    when an action needs the rows, the groups shared out among the worker processes."""
    if pandas:
        _require_pandas()
    schema = _output_schema(schema)
    task = _GroupTask(func, schema, pandas)

    def batches():
        groups = _Groups(grouped)
        work = [(key if pandas else groups.scalars(key), _compact(groups.rows(key))) for key in _key_order(groups.spans)]
        return [b for part in _run_in_workers(task, _chunks(work, _parallelism())) for b in part]

    return grouped._df._lazy_rows(batches, schema)


def apply_in_cogroups(left, right, func, schema, pandas):
    """``cogroup(...).applyInPandas`` or ``applyInArrow``: ``func`` over each key's rows
    from both sides, a side without the key giving no rows; run as ``apply_in_groups``."""
    if pandas:
        _require_pandas()
    schema = _output_schema(schema)
    task = _CogroupTask(func, schema, pandas)

    def batches():
        left_groups, right_groups = _Groups(left), _Groups(right)
        work = []
        for key in _key_order(set(left_groups.spans) | set(right_groups.spans)):
            found = left_groups if key in left_groups.spans else right_groups
            work.append((key if pandas else found.scalars(key), _compact(left_groups.rows(key)), _compact(right_groups.rows(key))))
        return [b for part in _run_in_workers(task, _chunks(work, _parallelism())) for b in part]

    return left._df._lazy_rows(batches, schema)


class CogroupedData:
    """Two grouped DataFrames put side by side by ``GroupedData.cogroup``; PySpark's
    ``PandasCogroupedOps``."""

    def __init__(self, left, right):
        self._left = left
        self._right = right

    def applyInPandas(self, func, schema):
        """Calls ``func(left, right)`` (or ``func(key, left, right)``) with each key's rows
        of the two sides as pandas DataFrames, and makes a DataFrame of ``schema`` from
        the pandas DataFrames it returns.

        Parameters
        ----------
        func : callable
            ``(pandas.DataFrame, pandas.DataFrame) -> pandas.DataFrame``, optionally with
            the key (a tuple) first.
        schema : :class:`StructType` or str

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PythonException
            ``PYTHON_EXCEPTION`` when ``func`` raises, or its result's column names are not
            the schema's (``RESULT_COLUMN_NAMES_MISMATCH`` inside).

        Examples
        --------
        >>> import pandas as pd
        >>> a = spark.createDataFrame([(1, 2), (1, 3)], ["k", "v"])
        >>> b = spark.createDataFrame([(1, 10), (2, 20)], ["k", "w"])
        >>> both = a.groupBy("k").cogroup(b.groupBy("k"))
        >>> both.applyInPandas(lambda l, r: pd.DataFrame({"n": [len(l) + len(r)]}), "n long").collect()
        [Row(n=3), Row(n=1)]

        Mirrors PySpark's ``PandasCogroupedOps.applyInPandas``.
        """
        return apply_in_cogroups(self._left, self._right, func, schema, pandas=True)

    def applyInArrow(self, func, schema):
        """``applyInPandas`` with ``pyarrow.Table`` in and out; the key, when ``func``
        takes it, is a tuple of pyarrow scalars. Mirrors PySpark's
        ``PandasCogroupedOps.applyInArrow``."""
        return apply_in_cogroups(self._left, self._right, func, schema, pandas=False)


class GroupedMapMethods:
    """The group-wise function methods of :class:`GroupedData`."""

    def applyInPandas(self, func, schema):
        """Calls ``func`` with each group's rows as a ``pandas.DataFrame`` (all columns),
        and makes a DataFrame of ``schema`` from the pandas DataFrames it returns.

        Parameters
        ----------
        func : callable
            ``pandas.DataFrame -> pandas.DataFrame``, or ``(key, pandas.DataFrame) ->
            pandas.DataFrame`` with the key as a tuple of the grouping values.
        schema : :class:`StructType` or str
            The output's schema; a result's named columns must be the schema's.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PythonException
            ``PYTHON_EXCEPTION`` when ``func`` raises, or its result's column names are not
            the schema's (``RESULT_COLUMN_NAMES_MISMATCH`` inside).
        PySparkImportError
            ``PACKAGE_NOT_INSTALLED`` without pandas or pyarrow.

        Examples
        --------
        >>> frame = spark.createDataFrame([("a", 1), ("a", 3), ("b", 5)], ["k", "v"])
        >>> frame.groupBy("k").applyInPandas(lambda pdf: pdf.assign(v=pdf.v - pdf.v.min()), "k string, v long").collect()
        [Row(k='a', v=0), Row(k='a', v=2), Row(k='b', v=0)]

        Mirrors PySpark's ``GroupedData.applyInPandas`` (Spark's ``FlatMapGroupsInPandas``).
        """
        return apply_in_groups(self, func, schema, pandas=True)

    def applyInArrow(self, func, schema):
        """``applyInPandas`` with a ``pyarrow.Table`` per group in and out; the key, when
        ``func`` takes it, is a tuple of pyarrow scalars. Mirrors PySpark's
        ``GroupedData.applyInArrow`` (Spark's ``FlatMapGroupsInArrow``)."""
        return apply_in_groups(self, func, schema, pandas=False)

    def apply(self, udf):
        """``applyInPandas`` with a ``pandas_udf`` of ``PandasUDFType.GROUPED_MAP``, whose
        return type is the output schema.

        Raises ``PySparkTypeError`` (``INVALID_UDF_EVAL_TYPE``) for any other function.
        Mirrors PySpark's deprecated ``GroupedData.apply``.

        >>> from pyspark.sql.functions import pandas_udf, PandasUDFType
        >>> shift = pandas_udf(lambda pdf: pdf.assign(v=pdf.v + 1), "k string, v long", PandasUDFType.GROUPED_MAP)
        >>> spark.createDataFrame([("a", 1)], ["k", "v"]).groupBy("k").apply(shift).collect()
        [Row(k='a', v=2)]
        """
        from pyspark.errors import PySparkTypeError

        if getattr(udf, "evalType", None) != 201:
            raise PySparkTypeError(errorClass="INVALID_UDF_EVAL_TYPE", messageParameters={"eval_type": "SQL_GROUPED_MAP_PANDAS_UDF"})
        import warnings

        warnings.warn("GroupedData.apply is deprecated (SPARK-28264); call applyInPandas instead.", UserWarning)
        return apply_in_groups(self, udf.func, udf.returnType, pandas=True)

    def cogroup(self, other):
        """This grouping side by side with ``other`` (a :class:`GroupedData`), for
        ``applyInPandas`` or ``applyInArrow`` over both. Mirrors PySpark's
        ``GroupedData.cogroup``."""
        return CogroupedData(self, other)
