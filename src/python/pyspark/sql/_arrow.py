"""DataFrame's exchange with Arrow and pandas: ``toArrow``, ``mapInArrow`` and
``mapInPandas``. Results leave the engine as an Arrow IPC stream. Mixed into
:class:`pyspark.sql.DataFrame`.

``mapInArrow`` and ``mapInPandas`` run ``func`` in the shell's interpreter, partition by
partition, when the transformation is called, and keep its output as the new
DataFrame's rows. Spark runs it lazily in its Python workers.
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


class ArrowMethods:
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
        pa = _require_pyarrow()
        stream = self._native.collect_arrow(self._json())
        table = pa.ipc.open_stream(stream).read_all()
        # Spark's nullability, which the engine's batches may not carry.
        fields = [pa.field(f.name, table.schema.field(i).type, f.nullable) for i, f in enumerate(self.schema.fields)]
        return pa.Table.from_arrays(table.columns, schema=pa.schema(fields)) if fields else table

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

        target = pa.schema([pa.field(f.name, _arrow_type(f.dataType), True) for f in schema.fields])
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
        rows = [tuple(row.values()) for row in pa.Table.from_arrays(columns, schema=target).to_pylist()] if target.names else []
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
            names nor its number of columns.

        Examples
        --------
        >>> import pyarrow.compute as pc
        >>> def evens(batches):
        ...     for batch in batches:
        ...         yield batch.filter(pc.equal(pc.bit_wise_and(batch.column("id"), 1), 0))
        >>> spark.range(6).mapInArrow(evens, "id long").collect()
        [Row(id=0), Row(id=2), Row(id=4)]

        Mirrors PySpark's ``DataFrame.mapInArrow``; Ember calls ``func`` when the method
        is called, in the shell's interpreter (see the module's note).
        """
        _require_pyarrow()
        schema = _output_schema(schema)
        outputs = []
        for table in self._partition_tables():
            outputs.extend(func(iter(table.to_batches())))
        return self._from_arrow_batches(outputs, schema)

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
            names nor its number of columns.

        Examples
        --------
        >>> def tripled(frames):
        ...     for frame in frames:
        ...         yield frame.assign(id=frame.id * 3)
        >>> spark.range(3).mapInPandas(tripled, "id long").collect()
        [Row(id=0), Row(id=3), Row(id=6)]

        Mirrors PySpark's ``DataFrame.mapInPandas``; Ember calls ``func`` when the method
        is called, in the shell's interpreter (see the module's note).
        """
        _require_pandas()
        pa = _require_pyarrow()
        schema = _output_schema(schema)
        outputs = []
        for table in self._partition_tables():
            for frame in func(iter([table.to_pandas()])):
                outputs.append(pa.RecordBatch.from_pandas(frame, preserve_index=False))
        return self._from_arrow_batches(outputs, schema)
