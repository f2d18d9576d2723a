"""Vectorized UDF batches evaluated straight on Arrow, in a worker process.

A worker gets each batch of a pandas or Arrow UDF as an Arrow IPC stream (see
``src/rdd/worker.rs``). For columns of plain types the batch is handed to the function as
pyarrow Arrays (``arrow_udf``) or as the pandas Series pyarrow makes of them
(``pandas_udf``), and the result goes back as Arrow with no Python object per row, as
PySpark's ``ArrowStreamPandasUDFSerializer`` does. Other types take the row-wise path of
``pyspark.sql.udf._evaluate``.
"""
import traceback

from pyspark.sql.udf import PythonEvalType, _from_pandas, _load, _one_or_tuple, _plain_values

_ARROW = (PythonEvalType.SQL_SCALAR_ARROW_UDF, PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF)
_ITERATORS = (PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF, PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF)


def _pandas_ready(arrow_type):
    """Whether pyarrow's ``to_pandas`` gives what PySpark hands a pandas UDF for this type
    (instants, which PySpark shows in the session time zone, take the row-wise path)."""
    import pyarrow.types as t

    if t.is_struct(arrow_type):
        return all(_pandas_ready(field.type) for field in arrow_type)
    if t.is_list(arrow_type) or t.is_large_list(arrow_type):
        return _pandas_ready(arrow_type.value_type)
    return (
        t.is_integer(arrow_type)
        or t.is_floating(arrow_type)
        or t.is_boolean(arrow_type)
        or t.is_string(arrow_type)
        or t.is_large_string(arrow_type)
        or t.is_binary(arrow_type)
        or t.is_date32(arrow_type)
        or t.is_decimal(arrow_type)
        or t.is_null(arrow_type)
    )


def _to_pandas(column):
    """A column as PySpark gives it to a pandas UDF: a Series, or a DataFrame of its fields
    for a struct."""
    import pyarrow as pa

    if pa.types.is_struct(column.type):
        import pandas as pd

        return pd.DataFrame({field.name: _to_pandas(column.field(i)) for i, field in enumerate(column.type)})
    return column.to_pandas(date_as_object=True)


def evaluate(command, eval_type, arguments, result_schema):
    """Evaluates the batches of ``arguments``, an Arrow IPC stream of the argument
    columns: one batch, or for a scalar iterator UDF all the batches of a partition, which
    the function gets as one iterator. ``result_schema`` is a stream of the result column's
    schema. Returns ``(True, result stream)``, ``(False, traceback of PYTHON_EXCEPTION)``,
    or ``None`` when a column's type needs the row-wise path."""
    import pyarrow as pa
    import pyarrow.compute  # noqa: F401 - UDFs reach it as pa.compute, as in PySpark's workers

    reader = pa.ipc.open_stream(arguments)
    batches = list(reader)
    schema = pa.ipc.open_stream(result_schema).schema
    arrow = eval_type in _ARROW
    if not _on_arrow(arrow, reader.schema, schema):
        return None
    func, convert, return_type = _load(command)
    rows = sum(batch.num_rows for batch in batches)
    try:
        if eval_type in _ITERATORS:
            parts = list(func(_one_or_tuple(_inputs(batch, arrow)) for batch in batches))
        else:
            parts = [func(*_inputs(batch, arrow)) for batch in batches]
        wrong = _length_error(arrow, rows, sum(len(part) for part in parts))
        if wrong:
            raise wrong
        arrow_type = schema.field(0).type
        result = pa.concat_arrays([_to_arrow(part, arrow_type, convert, return_type, arrow) for part in parts]) if parts else pa.array([], arrow_type)
    except Exception as error:
        return False, _traceback(error).encode("utf-8", "replace")
    return True, _result_stream(result, schema)


def evaluate_stream(command, eval_type, frames, result_schema):
    """Calls a scalar iterator UDF once over ``frames``, an iterator of Arrow IPC streams
    of one batch of argument columns each, read only as the function takes them. Yields
    the result parts as Arrow IPC streams as the function yields them. Raises
    ``_WorkerFailure`` with the traceback of PYTHON_EXCEPTION when the function raises or
    its results do not have a value per row; a type that needs the row-wise path has all
    the batches evaluated at once (``evaluate_udf_batch``)."""
    import pyarrow as pa
    import pyarrow.compute  # noqa: F401 - UDFs reach it as pa.compute, as in PySpark's workers

    from pyspark import _native
    from pyspark.sql.udf import _WorkerFailure

    first = next(frames, None)
    if first is None:
        return
    schema = pa.ipc.open_stream(result_schema).schema
    arrow = eval_type in _ARROW
    head = _batch(first)
    if not _on_arrow(arrow, head.schema, schema):
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, head.schema) as writer:
            for batch in [head] + [_batch(frame) for frame in frames]:
                writer.write_batch(batch)
        ok, data = _native.evaluate_udf_batch(command, eval_type, sink.getvalue().to_pybytes(), result_schema)
        if not ok:
            raise _WorkerFailure(data.decode("utf-8", "replace"))
        yield data
        return
    func, convert, return_type = _load(command)
    arrow_type = schema.field(0).type
    rows = [0, 0]  # taken by the function, given back

    def inputs():
        batch = head
        while batch is not None:
            rows[0] += batch.num_rows
            yield _one_or_tuple(_inputs(batch, arrow))
            frame = next(frames, None)
            batch = None if frame is None else _batch(frame)

    try:
        for part in func(inputs()):
            result = _to_arrow(part, arrow_type, convert, return_type, arrow)
            rows[1] += len(result)
            yield _result_stream(result, schema)
        for frame in frames:  # the rows the function left untaken still count
            rows[0] += _batch(frame).num_rows
        wrong = _length_error(arrow, rows[0], rows[1])
        if wrong:
            raise wrong
    except Exception as error:
        raise _WorkerFailure(_traceback(error)) from None


def _on_arrow(arrow, argument_schema, result_schema):
    """Whether a batch goes to the function straight from Arrow: always for an Arrow UDF,
    for a pandas UDF when every argument and the result have a plain type."""
    return arrow or all(_pandas_ready(field.type) for field in list(argument_schema) + list(result_schema))


def _batch(frame):
    """The one record batch of an Arrow IPC stream."""
    import pyarrow as pa

    return pa.ipc.open_stream(frame).read_next_batch()


def _inputs(batch, arrow):
    """A batch's columns as the function takes them: Arrow arrays, or pandas Series."""
    return list(batch.columns) if arrow else [_to_pandas(column) for column in batch.columns]


def _length_error(arrow, expected, got):
    """PySpark's error for results without a value per row, or None; raised by the caller,
    so that its traceback starts there."""
    if expected == got:
        return None
    kind = "arrow_udf" if arrow else "pandas_udf"
    return RuntimeError("Result vector from %s was not the required length: expected %d, got %d." % (kind, expected, got))


def _traceback(error):
    """The traceback of a failed call, from the function's frame on."""
    return "".join(traceback.format_exception(type(error), error, error.__traceback__.tb_next))


def _result_stream(result, schema):
    """A result column as an Arrow IPC stream of one batch."""
    import pyarrow as pa

    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_batch(pa.record_batch([result], schema=schema))
    return sink.getvalue().to_pybytes()


def _as_is(value):
    return value


def _to_arrow(part, arrow_type, convert, return_type, arrow):
    """One result part as an Array of ``arrow_type``: cast by Arrow when that is exact,
    else value by value with Spark's conversion of the row-wise path."""
    import pyarrow as pa

    try:
        if arrow:
            part = part.combine_chunks() if isinstance(part, pa.ChunkedArray) else part
            return part if part.type == arrow_type else part.cast(arrow_type, safe=True)
        if pa.types.is_struct(arrow_type) and hasattr(part, "columns"):
            # A DataFrame for a struct: its columns by field name when they are strings, else
            # by position, as PySpark's serializer matches them.
            by_name = all(isinstance(name, str) for name in part.columns)
            children = [part[field.name] if by_name else part.iloc[:, i] for i, field in enumerate(arrow_type)]
            arrays = [_to_arrow(child, field.type, _as_is, None, False) for child, field in zip(children, arrow_type)]
            return pa.StructArray.from_arrays(arrays, fields=list(arrow_type))
        if hasattr(part.array, "__arrow_array__"):  # pandas' own string, nullable and Arrow dtypes
            return pa.array(part.array, type=arrow_type)
        return pa.Array.from_pandas(part, mask=part.isnull(), type=arrow_type, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, AttributeError, TypeError, ValueError):
        pass
    values = part.to_pylist() if arrow else [_from_pandas(v, return_type) for v in _plain_values(part)]
    return pa.array([convert(v) for v in values], type=arrow_type)
