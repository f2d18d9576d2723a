"""Vectorized UDF batches evaluated straight on Arrow, in a worker process.

A worker gets each batch of a pandas or Arrow UDF as an Arrow IPC stream (see
``src/rdd/worker.rs``). For columns of plain types the batch is handed to the function as
pyarrow Arrays (``arrow_udf``) or as the pandas Series pyarrow makes of them
(``pandas_udf``), and the result goes back as Arrow with no Python object per row, as
PySpark's ``ArrowStreamPandasUDFSerializer`` does. Other types take the row-wise path of
``pyspark.sql.udf._evaluate``.
"""
import traceback

from pyspark.sql.udf import PythonEvalType, _from_pandas, _load, _plain_values

_ARROW = (PythonEvalType.SQL_SCALAR_ARROW_UDF, PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF)
_ITERATORS = (PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF, PythonEvalType.SQL_SCALAR_ARROW_ITER_UDF)
EVAL_TYPES = (PythonEvalType.SQL_SCALAR_PANDAS_UDF,) + _ARROW + (PythonEvalType.SQL_SCALAR_PANDAS_ITER_UDF,)


def _plain(arrow_type):
    import pyarrow.types as t

    return (
        t.is_integer(arrow_type)
        or t.is_floating(arrow_type)
        or t.is_boolean(arrow_type)
        or t.is_string(arrow_type)
        or t.is_large_string(arrow_type)
        or t.is_date32(arrow_type)
        or t.is_decimal(arrow_type)
    )


def evaluate(command, eval_type, arguments, result_schema):
    """Evaluates one batch: ``arguments`` is an Arrow IPC stream of the argument columns,
    ``result_schema`` one of the result column's schema. Returns ``(True, result stream)``,
    ``(False, traceback of PYTHON_EXCEPTION)``, or ``None`` when a column's type needs the
    row-wise path."""
    import pyarrow as pa

    batch = pa.ipc.open_stream(arguments).read_next_batch()
    schema = pa.ipc.open_stream(result_schema).schema
    arrow_type = schema.field(0).type
    if not all(_plain(column.type) for column in batch.columns) or not _plain(arrow_type):
        return None
    func, convert, return_type = _load(command)
    arrow = eval_type in _ARROW
    try:
        inputs = list(batch.columns) if arrow else [column.to_pandas(date_as_object=True) for column in batch.columns]
        if eval_type in _ITERATORS:
            parts = list(func(iter([inputs[0] if len(inputs) == 1 else tuple(inputs)])))
        else:
            parts = [func(*inputs)]
        length = sum(len(part) for part in parts)
        if length != batch.num_rows:
            kind = "arrow_udf" if arrow else "pandas_udf"
            raise RuntimeError("Result vector from %s was not the required length: expected %d, got %d." % (kind, batch.num_rows, length))
        result = pa.concat_arrays([_to_arrow(part, arrow_type, convert, return_type, arrow) for part in parts]) if parts else pa.array([], arrow_type)
    except Exception as error:
        frames = traceback.format_exception(type(error), error, error.__traceback__.tb_next)
        return False, "".join(frames).encode("utf-8", "replace")
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_batch(pa.record_batch([result], schema=schema))
    return True, sink.getvalue().to_pybytes()


def _to_arrow(part, arrow_type, convert, return_type, arrow):
    """One result part as an Array of ``arrow_type``: cast by Arrow when that is exact,
    else value by value with Spark's conversion of the row-wise path."""
    import pyarrow as pa

    try:
        if arrow:
            part = part.combine_chunks() if isinstance(part, pa.ChunkedArray) else part
            return part if part.type == arrow_type else part.cast(arrow_type, safe=True)
        if hasattr(part.array, "__arrow_array__"):  # pandas' own string, nullable and Arrow dtypes
            return pa.array(part.array, type=arrow_type)
        return pa.Array.from_pandas(part, mask=part.isnull(), type=arrow_type, safe=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, AttributeError, TypeError, ValueError):
        pass
    values = part.to_pylist() if arrow else [_from_pandas(v, return_type) for v in _plain_values(part)]
    return pa.array([convert(v) for v in values], type=arrow_type)
