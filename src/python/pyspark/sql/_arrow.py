"""DataFrame's exchange with Arrow and pandas: ``toArrow``, ``toPandas``, the Arrow
PyCapsule Interface (``__arrow_c_stream__``, ``__arrow_c_schema__``), ``mapInArrow`` and
``mapInPandas``. Results leave the engine through the Arrow C Data Interface, without a
copy of their buffers. Mixed into :class:`pyspark.sql.DataFrame`.

``mapInArrow`` and ``mapInPandas`` are lazy: when an action needs their rows, ``func``
runs on each partition in the SparkContext's worker processes, and its output is kept as
the new DataFrame's rows.
"""

_PARTITION = "__ember_map_partition"


def _require(module, package_name, minimum_version):
    """``module`` imported, or PySpark's ``PACKAGE_NOT_INSTALLED`` when it is missing."""
    import importlib

    from pyspark.errors import PySparkImportError

    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise PySparkImportError(
            errorClass="PACKAGE_NOT_INSTALLED",
            messageParameters={"package_name": package_name, "minimum_version": minimum_version},
        ) from error


def _require_pyarrow():
    return _require("pyarrow", "PyArrow", "15.0.0")


def _require_pandas():
    return _require("pandas", "Pandas", "2.2.0")


def _arrow_schema(schema):
    """The pyarrow schema of a Spark ``StructType``, every field nullable (as the batches
    Python functions give or take)."""
    import pyarrow as pa

    return pa.schema([pa.field(f.name, _arrow_type(f.dataType), True) for f in schema.fields])


def _arrow_type(data_type):
    """The Arrow type PySpark's Arrow conversion gives a Spark type."""
    import pyarrow as pa
    from pyspark.sql import types as T

    simple = [
        (T.BooleanType, pa.bool_()), (T.ByteType, pa.int8()), (T.ShortType, pa.int16()),
        (T.IntegerType, pa.int32()), (T.LongType, pa.int64()), (T.FloatType, pa.float32()),
        (T.DoubleType, pa.float64()), (T.StringType, pa.string()), (T.BinaryType, pa.binary()),
        (T.DateType, pa.date32()), (T.TimestampNTZType, pa.timestamp("us")), (T.NullType, pa.null()),
    ]
    for kind, arrow in simple:
        if isinstance(data_type, kind):
            return arrow
    if isinstance(data_type, T.TimestampType):
        return pa.timestamp("us", tz="UTC")
    if isinstance(data_type, T.DecimalType):
        return pa.decimal128(data_type.precision, data_type.scale)
    if isinstance(data_type, T.ArrayType):
        return pa.list_(_arrow_type(data_type.elementType))
    if isinstance(data_type, T.MapType):
        return pa.map_(_arrow_type(data_type.keyType), _arrow_type(data_type.valueType))
    if isinstance(data_type, T.StructType):
        return pa.struct([pa.field(f.name, _arrow_type(f.dataType), f.nullable) for f in data_type.fields])
    if isinstance(data_type, T.DayTimeIntervalType):
        return pa.duration("us")
    from pyspark.errors import PySparkTypeError

    raise PySparkTypeError(errorClass="UNSUPPORTED_DATA_TYPE_FOR_ARROW", messageParameters={"data_type": str(data_type)})


def _spark_type(arrow_type):
    """The Spark type PySpark gives an Arrow type when it reads Arrow data; None for the
    types read through Python values instead (timestamps, whose naive values Spark takes
    in the session time zone, and the rest)."""
    import pyarrow.types as t
    from pyspark.sql import types as T

    checks = [
        (t.is_boolean, T.BooleanType), (t.is_int8, T.ByteType), (t.is_int16, T.ShortType),
        (t.is_int32, T.IntegerType), (t.is_int64, T.LongType), (t.is_float32, T.FloatType),
        (t.is_float64, T.DoubleType), (t.is_string, T.StringType), (t.is_large_string, T.StringType),
        (t.is_binary, T.BinaryType), (t.is_large_binary, T.BinaryType), (t.is_date32, T.DateType),
        (t.is_null, T.NullType),
    ]
    for check, spark_type in checks:
        if check(arrow_type):
            return spark_type()
    if t.is_decimal(arrow_type) and arrow_type.precision <= 38:
        return T.DecimalType(arrow_type.precision, arrow_type.scale)
    if t.is_list(arrow_type) or t.is_large_list(arrow_type):
        element = _spark_type(arrow_type.value_type)
        return None if element is None else T.ArrayType(element, True)
    if t.is_struct(arrow_type):
        fields = [(f.name, _spark_type(f.type), f.nullable) for f in arrow_type]
        if any(spark_type is None for _, spark_type, _ in fields):
            return None
        return T.StructType([T.StructField(n, spark_type, nullable) for n, spark_type, nullable in fields])
    return None


def _from_arrow(session, data, schema):
    """``createDataFrame`` of a pyarrow Table or RecordBatch, or of any object with
    ``__arrow_c_stream__`` (polars, duckdb): the columns go to the engine through the C
    stream. Returns None when a column's type needs the Row path."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    pa = _require_pyarrow()
    if isinstance(data, pa.RecordBatch):
        data = pa.Table.from_batches([data])
    stream = pa.RecordBatchReader.from_stream(data)
    arrow_schema = stream.schema
    names = list(arrow_schema.names)
    if isinstance(schema, str):
        schema = _parse_datatype_string(schema)
    if isinstance(schema, (list, tuple)):
        names = [str(n) for n in schema]
        schema = None
    if schema is None:
        types = [_spark_type(f.type) for f in arrow_schema]
        if any(spark_type is None for spark_type in types):
            return None
        schema = StructType([StructField(n, spark_type, f.nullable) for n, spark_type, f in zip(names, types, arrow_schema)])
    return _arrow_relation(session, stream, schema)


def _from_pandas(session, pdf, schema):
    """``createDataFrame`` of a pandas DataFrame of numbers and booleans through Arrow,
    typed as PySpark 4.3 types it (with or without
    ``spark.sql.execution.arrow.pyspark.enabled``): integer columns are BIGINT, float
    columns DOUBLE keeping NaN, pandas' nullable numbers DOUBLE with NaN for NA. Returns
    None for an explicit schema or a column of another dtype, which take the Row path."""
    if schema is not None and not isinstance(schema, (list, tuple)) or len(pdf.columns) == 0:
        return None
    pa = _require_pyarrow()
    import pandas as pd

    names = [str(n) for n in (schema or pdf.columns)]
    arrays = []
    for position in range(len(pdf.columns)):
        column = pdf.iloc[:, position]
        dtype = column.dtype
        if pd.api.types.is_extension_array_dtype(dtype):
            if dtype.kind not in "iuf":
                return None
            # A nullable pandas number (Int64, Float64): PySpark's rows hold NaN for NA.
            arrays.append(pa.array(column.to_numpy(dtype="float64", na_value=float("nan")), from_pandas=False))
        elif dtype.kind == "i" or (dtype.kind == "u" and dtype.itemsize < 8):
            arrays.append(pa.array(column.to_numpy().astype("int64")))
        elif dtype.kind == "f":
            arrays.append(pa.array(column.to_numpy().astype("float64"), from_pandas=False))
        elif dtype.kind == "b":
            arrays.append(pa.array(column.to_numpy()))
        else:
            return None
    return _from_arrow(session, pa.Table.from_arrays(arrays, names=names), None)


def _arrow_relation(session, stream, schema):
    """A DataFrame of ``schema`` holding the rows of ``stream`` (a pyarrow
    ``RecordBatchReader``), handed to the engine through the Arrow C stream."""
    from pyspark.sql import _plan
    from pyspark.sql.dataframe import DataFrame

    relation_id = session._native.create_arrow_relation(stream.__arrow_c_stream__(), schema.json())
    return DataFrame(_plan.relation("LocalRelation", id=relation_id), session)


def _output_schema(schema):
    from pyspark.sql.types import StructType, _parse_datatype_string

    if isinstance(schema, str):
        schema = _parse_datatype_string(schema)
    if not isinstance(schema, StructType):
        from pyspark.errors import PySparkTypeError

        raise PySparkTypeError(
            errorClass="NOT_EXPECTED_TYPE",
            messageParameters={"arg_name": "schema", "expected_type": "str or StructType", "arg_type": type(schema).__name__},
        )
    return schema


class _Stream:
    """An Arrow C stream capsule presented through ``__arrow_c_stream__``, for pyarrow's
    readers."""

    def __init__(self, capsule):
        self._capsule = capsule

    def __arrow_c_stream__(self, requested_schema=None):
        return self._capsule


# The pandas dtype PySpark gives a column of each Spark type (PySpark's toPandas with Arrow
# off); an integral column with NULLs holds float64 instead, a boolean one objects.
_NUMPY_DTYPES = {"byte": "int8", "short": "int16", "integer": "int32", "long": "int64", "float": "float32", "double": "float64", "boolean": "bool"}
# The Spark types the fast path reads from Arrow as PySpark's rows would give them.
_ARROW_READY = set(_NUMPY_DTYPES) | {"string", "date", "null"}


def _prepare_pandas_in_background():
    """Starts importing pandas, and pyarrow's bridge to it, on a thread, so that the
    import (a quarter of a second on first use) overlaps the query; a later ``import``
    waits for it on the module lock. Nothing happens once pandas is imported."""
    import sys
    import threading

    if "pandas" in sys.modules:
        return

    def load():
        try:
            import pyarrow

            # A one-row conversion loads pyarrow's pandas_compat and its lazy pandas shim.
            pyarrow.table({"warm": [0]}).to_pandas()
        except Exception:  # the foreground import reports a missing or broken pandas
            pass

    # Not a daemon: the shell's exit waits for it (``threading._shutdown``), as a process
    # that ends while pyarrow is loading can crash in pyarrow's static destructors.
    threading.Thread(target=load, name="import pandas").start()


def _arrow_table(frame, capsule):
    """The ``pyarrow.Table`` of an ``arrow_array_stream`` capsule of ``frame``'s rows,
    with Spark's nullability, which the engine's batches may not carry."""
    pa = _require_pyarrow()
    table = pa.RecordBatchReader.from_stream(_Stream(capsule)).read_all()
    fields = [pa.field(f.name, table.schema.field(i).type, f.nullable) for i, f in enumerate(frame.schema.fields)]
    return pa.Table.from_arrays(table.columns, schema=pa.schema(fields)) if fields else table


def _pandas_frame(frame):
    """The rows of ``frame`` as pandas columns typed as PySpark's toPandas types them."""
    fields = frame.schema.fields
    names = [f.name for f in fields]
    if len(set(names)) == len(names) and all(f.dataType.typeName() in _ARROW_READY for f in fields):
        import importlib.util

        if importlib.util.find_spec("pyarrow") is None:
            _require_pyarrow()  # PACKAGE_NOT_INSTALLED, before the query runs
        _prepare_pandas_in_background()
        # The engine runs the query, without the GIL, while the import goes on.
        table = _arrow_table(frame, frame._native.collect_stream(frame._json(), True))
        pd = _require_pandas()
        # Arrow knows which columns have NULLs without a scan of the pandas ones.
        nulls = [column.null_count > 0 for column in table.columns]
        # The table is ours alone: pyarrow may hand its buffers to pandas, one block per
        # column, freeing each column as it goes.
        pdf = table.to_pandas(date_as_object=True, split_blocks=True, self_destruct=True)
        del table
        pdf.columns = names
    else:
        pd = _require_pandas()
        pdf = pd.DataFrame.from_records([tuple(r) for r in frame.collect()], columns=names)
        nulls = None  # scanned below, for the columns whose dtype depends on them
    text = None
    for position, field in enumerate(fields):
        column = pdf.iloc[:, position]
        kind = field.dataType.typeName()
        if kind in _NUMPY_DTYPES:
            if kind in ("float", "double") or not (nulls[position] if nulls is not None else column.isnull().any()):
                wanted = _NUMPY_DTYPES[kind]
            elif kind == "boolean":
                if column.dtype != object:
                    pdf.isetitem(position, column.astype(object).where(column.notnull(), None))
                continue
            else:
                wanted = "float64"
        elif kind == "string":
            # The dtype pandas gives text of its own accord: ``str`` from pandas 3, else object.
            wanted = text = text or pd.Series(["text"]).dtype
        else:
            continue
        if column.dtype != wanted:
            pdf.isetitem(position, column.astype(wanted))
    return pdf


class _ArrowPartition:
    """``mapInArrow``'s task: ``func`` on an iterator of a partition's record batches."""

    def __init__(self, func):
        self.func = func

    def __call__(self, table):
        return list(self.func(iter(table.to_batches())))


class _PandasPartition:
    """``mapInPandas``'s task: ``func`` on an iterator of the partition as a pandas
    DataFrame; the frames it yields become record batches."""

    def __init__(self, func):
        self.func = func

    def __call__(self, table):
        import pyarrow as pa

        return [pa.RecordBatch.from_pandas(frame, preserve_index=False) for frame in self.func(iter([table.to_pandas()]))]


_WORKER_FAILED = "An exception was thrown from the Python worker. Please see the stack trace below."


def _run_in_workers(run, tasks):
    """``run`` on each task, one task each on the SparkContext's worker processes; in
    this interpreter when there is no local SparkContext or no cloudpickle to ship
    ``run`` with. Either way an exception in ``run`` is Spark's ``PythonException``
    with its traceback."""
    import traceback

    from pyspark.core.context import SparkContext
    from pyspark.errors import PythonException

    sc = SparkContext._active_spark_context
    try:
        from pyspark import cloudpickle  # noqa: F401
    except ImportError:
        sc = None
    if sc is not None and not sc._is_remote and tasks:
        try:
            return sc.parallelize(tasks, len(tasks)).map(run).collect()
        except PythonException as error:
            if error.getCondition() is not None:
                raise
            # The RDD's error carries the worker's traceback; a DataFrame's names
            # Spark's PYTHON_EXCEPTION condition.
            text = str(error)
            trace = text[text.find("Traceback"):] if "Traceback" in text else text
            raise PythonException(errorClass="PYTHON_EXCEPTION", messageParameters={"msg": _WORKER_FAILED, "traceback": trace}) from None
    try:
        return [run(task) for task in tasks]
    except Exception:
        raise PythonException(errorClass="PYTHON_EXCEPTION", messageParameters={"msg": _WORKER_FAILED, "traceback": traceback.format_exc()}) from None


def _chunks(items, count):
    """``items`` cut into at most ``count`` runs of consecutive items, in order."""
    count = max(1, min(count, len(items)))
    return [items[len(items) * i // count: len(items) * (i + 1) // count] for i in range(count)]


class ArrowMethods:
    def __arrow_c_stream__(self, requested_schema=None):
        """The rows as an Arrow C stream PyCapsule (the Arrow PyCapsule Interface), so that
        ``pyarrow.table(df)``, ``polars.DataFrame(df)`` and duckdb read them without a copy.

        Parameters
        ----------
        requested_schema : PyCapsule, optional
            A schema the consumer would prefer; the rows keep their own, which the
            interface allows.

        Returns
        -------
        PyCapsule
            Named ``arrow_array_stream``; timestamps in the session time zone.

        Examples
        --------
        >>> import pyarrow as pa
        >>> pa.table(spark.range(2)).column_names
        ['id']

        Mirrors PyArrow's protocol, which PySpark's Spark Connect DataFrame also follows.
        """
        return self._native.collect_stream(self._json())

    def __arrow_c_schema__(self):
        """The Arrow schema of the rows as a PyCapsule named ``arrow_schema``, without
        running the plan.

        Examples
        --------
        >>> import pyarrow as pa
        >>> pa.schema(spark.range(1)).names
        ['id']
        """
        return self._native.arrow_schema_capsule(self._json())

    def toPandas(self):
        """The rows as a ``pandas.DataFrame``, computed now.

        Returns
        -------
        pandas.DataFrame
            One column per column. ``tinyint``, ``smallint``, ``int`` and ``bigint`` give
            ``int8`` to ``int64`` (``float64`` when the column has NULLs), ``float`` and
            ``double`` give ``float32`` and ``float64`` (NaN for NULL), ``boolean`` gives ``bool``
            (``object`` with NULLs), strings the pandas string dtype, as PySpark's
            ``toPandas`` gives them. Numeric, boolean, string and date columns come
            through Arrow; others are built from the collected Rows.

        Raises
        ------
        PySparkImportError
            ``PACKAGE_NOT_INSTALLED`` when pandas (or, for the Arrow path, pyarrow) is
            not installed.

        Examples
        --------
        >>> pdf = spark.range(3).selectExpr("CAST(id AS INT) AS n").toPandas()
        >>> (list(pdf["n"]), str(pdf["n"].dtype))
        ([0, 1, 2], 'int32')

        Mirrors PySpark's ``DataFrame.toPandas``.
        """
        return _pandas_frame(self)

    def toArrow(self):
        """The rows as a ``pyarrow.Table``, computed now.

        Returns
        -------
        pyarrow.Table
            One column per column, typed as PySpark's Arrow conversion types them
            (``bigint`` as ``int64``, ``string`` as ``string``, ``timestamp`` in the session
            time zone).

        Raises
        ------
        PySparkImportError
            ``PACKAGE_NOT_INSTALLED`` when pyarrow is not installed.

        Examples
        --------
        >>> table = spark.range(3).toArrow()
        >>> (table.num_rows, table.column_names, str(table.schema.field("id").type))
        (3, ['id'], 'int64')

        Mirrors PySpark's ``DataFrame.toArrow``.
        """
        _require_pyarrow()
        return _arrow_table(self, self._native.collect_stream(self._json()))

    def _partition_tables(self):
        """This DataFrame's rows as one ``pyarrow.Table`` per Spark partition, in order."""
        import pyarrow.compute as pc
        from pyspark.sql import functions as F

        table = self.select("*", F.spark_partition_id().alias(_PARTITION)).toArrow()
        partitions = table.column(_PARTITION)
        table = table.drop_columns([_PARTITION])
        for partition in sorted(set(partitions.to_pylist())):
            yield table.filter(pc.equal(partitions, partition))

    def _from_arrow_batches(self, batches, schema):
        """A DataFrame of ``schema`` from the batches a function returned, their columns
        matched to the schema's fields by name, or by position when the names differ."""
        import pyarrow as pa
        from pyspark.errors import PySparkRuntimeError

        target = _arrow_schema(schema)
        arrays = {name: [] for name in target.names}
        for batch in batches:
            names = batch.schema.names
            by_name = all(name in names for name in target.names)
            if not by_name and batch.num_columns != len(target.names):
                raise PySparkRuntimeError(
                    errorClass="RESULT_COLUMN_SCHEMA_MISMATCH",
                    messageParameters={"expected": str(len(target.names)), "actual": str(batch.num_columns)},
                )
            for position, field in enumerate(target):
                column = batch.column(names.index(field.name) if by_name else position)
                arrays[field.name].append(column.cast(field.type))
        columns = [pa.chunked_array(arrays[f.name], type=f.type) for f in target]
        table = pa.Table.from_arrays(columns, schema=target)
        if target.names and all(f.dataType.typeName() in _ARROW_READY for f in schema.fields):
            return _arrow_relation(self._session, pa.RecordBatchReader.from_stream(table), schema)
        rows = [tuple(row.values()) for row in table.to_pylist()] if target.names else []
        return self._session.createDataFrame(rows, schema)

    def mapInArrow(self, func, schema, barrier=False, profile=None):
        """Maps each partition's rows through ``func``, which takes an iterator of
        ``pyarrow.RecordBatch`` and yields ``pyarrow.RecordBatch`` of ``schema``.

        Parameters
        ----------
        func : callable
            ``Iterator[pyarrow.RecordBatch] -> Iterator[pyarrow.RecordBatch]``, called once
            per partition.
        schema : :class:`StructType` or str
            The output's schema (DDL text accepted).
        barrier : bool, default False
            Spark's barrier execution mode; without a cluster it changes nothing.
        profile : ResourceProfile, optional
            Spark's resource profile; ignored here.

        Returns
        -------
        :class:`DataFrame`
            The rows ``func`` yielded, their columns cast to ``schema``.

        Raises
        ------
        PySparkImportError
            ``PACKAGE_NOT_INSTALLED`` without pyarrow.
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for another kind of ``schema``.
        PySparkRuntimeError
            ``RESULT_COLUMN_SCHEMA_MISMATCH`` when a result has neither the schema's column
            names nor its number of columns (raised by the action).
        PythonException
            When ``func`` raises (raised by the action, with the worker's traceback).

        Examples
        --------
        >>> import pyarrow.compute as pc
        >>> def evens(batches):
        ...     for batch in batches:
        ...         yield batch.filter(pc.equal(pc.bit_wise_and(batch.column("id"), 1), 0))
        >>> spark.range(6).mapInArrow(evens, "id long").collect()
        [Row(id=0), Row(id=2), Row(id=4)]

        Mirrors PySpark's ``DataFrame.mapInArrow``; ``func`` runs when an action needs the
        rows, in the worker processes (see the module's note).
        """
        _require_pyarrow()
        return self._map_partitions(_ArrowPartition(func), _output_schema(schema))

    def mapInPandas(self, func, schema, barrier=False, profile=None):
        """Maps each partition's rows through ``func``, which takes an iterator of
        ``pandas.DataFrame`` and yields ``pandas.DataFrame`` of ``schema``.

        Parameters
        ----------
        func : callable
            ``Iterator[pandas.DataFrame] -> Iterator[pandas.DataFrame]``, called once per
            partition.
        schema : :class:`StructType` or str
            The output's schema (DDL text accepted); columns are matched by name, or by
            position when the frame's column names are not the schema's.
        barrier : bool, default False
            Spark's barrier execution mode; without a cluster it changes nothing.
        profile : ResourceProfile, optional
            Spark's resource profile; ignored here.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkImportError
            ``PACKAGE_NOT_INSTALLED`` without pandas or pyarrow.
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for another kind of ``schema``.
        PySparkRuntimeError
            ``RESULT_COLUMN_SCHEMA_MISMATCH`` when a result has neither the schema's column
            names nor its number of columns (raised by the action).
        PythonException
            When ``func`` raises (raised by the action, with the worker's traceback).

        Examples
        --------
        >>> def tripled(frames):
        ...     for frame in frames:
        ...         yield frame.assign(id=frame.id * 3)
        >>> spark.range(3).mapInPandas(tripled, "id long").collect()
        [Row(id=0), Row(id=3), Row(id=6)]

        Mirrors PySpark's ``DataFrame.mapInPandas``; ``func`` runs when an action needs the
        rows, in the worker processes (see the module's note).
        """
        _require_pandas()
        _require_pyarrow()
        return self._map_partitions(_PandasPartition(func), _output_schema(schema))

    def _map_partitions(self, run, schema):
        """A DataFrame of ``schema`` holding what ``run`` gives for each of this
        DataFrame's partitions (a ``pyarrow.Table`` in, a list of record batches out).
        Nothing runs until an action needs the rows (a ``Deferred`` plan node); then the
        partitions go through the SparkContext's worker processes, one task each, as
        Spark's ``MapInPandasExec`` runs them in its Python workers."""
        source = self

        def batches():
            return [batch for batches in _run_in_workers(run, list(source._partition_tables())) for batch in batches]

        return self._lazy_rows(batches, schema)

    def _lazy_rows(self, batches, schema):
        """A DataFrame of ``schema`` whose rows are the record batches ``batches()``
        returns, called when an action first needs them (a ``Deferred`` plan node)."""
        from pyspark.sql import _plan
        from pyspark.sql.dataframe import DataFrame

        frame = DataFrame(_plan.Deferred(lambda: self._from_arrow_batches(batches(), schema)._plan), self._session)
        frame._schema = schema
        return frame
