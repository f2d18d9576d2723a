"""Ember's task runner, PySpark's ``pyspark.worker``: runs one Python call of an RDD task.

A call gets a pickled command ``(func, partition_func)`` (see ``dumps_command``), the partition index and
groups of input blocks; ``func(split, *iterators)`` yields the records. The records go back
as one pickled list, as one pickled list per shuffle partition (bucketed by
``partition_func(key) % buckets``), or as text lines for ``saveAsTextFile``.

The same function serves the driver (local[1]) and worker processes (``main``), which
speak the framed protocol described in ``src/rdd/worker.rs``.
"""
import itertools
import os
import pickle
import struct
import sys
import traceback

_PICKLED = ord("P")
_TEXT = ord("T")
_SPLIT = ord("S")
_REFERENCE = b"EMBER-REF:"
# Commands kept in the driver when cloudpickle is missing (tasks then run in the driver).
_commands = {}


def dumps_command(command, py_files=()):
    """Serialises a command ``(func, partition_func)`` with cloudpickle, behind the plainly
    pickled list of ``py_files`` that must be on ``sys.path`` before it is loaded; without
    cloudpickle the command stays in the driver and only a reference travels."""
    try:
        from pyspark import cloudpickle
    except ImportError:
        key = len(_commands)
        _commands[key] = command
        return _REFERENCE + str(key).encode()
    return pickle.dumps((list(py_files), cloudpickle.dumps(command, protocol=pickle.HIGHEST_PROTOCOL)), protocol=pickle.HIGHEST_PROTOCOL)


def loads_command(data):
    """The command's ``(func, partition_func)``, after putting its py-files on ``sys.path``."""
    if data.startswith(_REFERENCE):
        return _commands[int(data[len(_REFERENCE):])]
    py_files, command = pickle.loads(data)
    for path in py_files:
        if path not in sys.path:
            sys.path.insert(1, path)
    return pickle.loads(command)


def records(kind, data):
    """The records of one block: a pickled list, ``\\n``-ended UTF-8 lines, or the lines of
    a text file's split (start, length and path), which the task reads itself."""
    if kind not in (_SPLIT, _TEXT):
        return pickle.loads(data)
    from pyspark import _native

    if kind == _SPLIT:
        start, length = struct.unpack_from("<QQ", data)
        return _native.read_text_split_lines(os.fsdecode(data[16:]), start, length)
    return _native.text_lines(data)


def load_blocks(blocks):
    """An iterator over the records of ``(kind, bytes)`` blocks, in order."""
    return itertools.chain.from_iterable(records(kind, data) for kind, data in blocks)


def _dump(items):
    return pickle.dumps(items if isinstance(items, list) else list(items), protocol=pickle.HIGHEST_PROTOCOL)


def _text_line(record):
    if isinstance(record, bytes):
        return record.decode("utf-8")
    return record if isinstance(record, str) else str(record)


def run_task(commands, split, groups, buckets, kind):
    """Runs one call and returns ``(blocks, pickled accumulator updates)``: the first
    command reads the groups, each next one the records of the one before, and the last
    one's partition function buckets the records of a shuffle."""
    from pyspark import accumulators

    accumulators._begin_task()
    try:
        loaded = [loads_command(command) for command in commands]
        func, partition_func = loaded[0]
        result = func(split, *[load_blocks(group) for group in groups])
        for func, partition_func in loaded[1:]:
            result = func(split, result)
        if buckets:
            out = [[] for _ in range(buckets)]
            partition_func = loaded[-1][1]
            for item in result:
                out[partition_func(item[0]) % buckets].append(item)
            blocks = [(_PICKLED, _dump(bucket)) for bucket in out]
        elif kind == _TEXT:
            text = "".join(_text_line(record) + "\n" for record in result)
            blocks = [(_TEXT, text.encode("utf-8"))]
        else:
            blocks = [(_PICKLED, _dump(result if result is not None else []))]
    finally:
        updates = accumulators._end_task()
    return blocks, updates


def _read_exact(stream, n):
    data = stream.read(n)
    if len(data) != n:
        raise EOFError
    return data


def run_udf_batch(command, eval_type, arguments, result_schema):
    """Evaluates one batch of a SQL Python UDF (the ``U`` request): returns ``(ok, bytes,
    pickled accumulator updates)``, the bytes being the result column as an Arrow IPC
    stream or the traceback of Spark's ``PYTHON_EXCEPTION``. A function that updates
    accumulators is unpickled again for each batch, so that its copies count per task."""
    from pyspark import _native, accumulators
    from pyspark.sql import udf

    accumulators._begin_task()
    try:
        ok, data = _native.evaluate_udf_batch(command, eval_type, arguments, result_schema)
    finally:
        updates = accumulators._end_task()
    if updates:
        udf._loaded.pop(command, None)
    return ok, data, updates


def _read_udf_header(requests):
    """A UDF request's pickled command and eval type."""
    command = _read_exact(requests, struct.unpack("<I", _read_exact(requests, 4))[0])
    (eval_type,) = struct.unpack("<i", _read_exact(requests, 4))
    return command, eval_type


def _serve_udf_batch(requests, replies):
    u32, u64 = struct.Struct("<I"), struct.Struct("<Q")
    command, eval_type = _read_udf_header(requests)
    arguments = _read_exact(requests, u64.unpack(_read_exact(requests, 8))[0])
    result_schema = _read_exact(requests, u64.unpack(_read_exact(requests, 8))[0])
    try:
        ok, data, updates = run_udf_batch(command, eval_type, arguments, result_schema)
    except Exception:  # noqa: BLE001 - a failure of the runner itself goes back to the driver
        ok, data, updates = False, traceback.format_exc().encode("utf-8", "replace"), b""
    if not ok:
        replies.write(b"E" + u64.pack(len(data)) + data)
    else:
        replies.write(b"O" + u32.pack(1) + b"A" + u64.pack(len(data)) + data + u64.pack(len(updates)) + updates)
    replies.flush()


def _serve_udf_iterator(requests, replies):
    """The ``I`` request: one call of a scalar iterator UDF over a stream of batches. The
    header is the command, the eval type and the result schema; then each batch comes as
    a length and an Arrow IPC stream, up to a zero length. The result parts go back as
    ``P`` frames while the batches still come, then ``O`` with the accumulator updates or
    ``E`` with the traceback; the batches the function did not take are read first."""
    from pyspark import accumulators
    from pyspark.sql import _udf_batches
    from pyspark.sql.udf import _WorkerFailure

    u64 = struct.Struct("<Q")
    command, eval_type = _read_udf_header(requests)
    result_schema = _read_exact(requests, u64.unpack(_read_exact(requests, 8))[0])

    def frames():
        while True:
            size = u64.unpack(_read_exact(requests, 8))[0]
            if size == 0:
                return
            yield _read_exact(requests, size)

    feed = frames()
    failure = None
    accumulators._begin_task()
    try:
        for part in _udf_batches.evaluate_stream(command, eval_type, feed, result_schema):
            replies.write(b"P" + u64.pack(len(part)))
            replies.write(part)
    except _WorkerFailure as error:
        failure = error.worker_traceback
    except Exception:  # noqa: BLE001 - a failure of the runner itself goes back to the driver
        failure = traceback.format_exc()
    finally:
        updates = accumulators._end_task()
    for _ in feed:
        pass
    if failure is not None:
        text = failure.encode("utf-8", "replace")
        replies.write(b"E" + u64.pack(len(text)) + text)
    else:
        replies.write(b"O" + u64.pack(len(updates)) + updates)
    replies.flush()


def main(path):
    """Serves calls on stdin/stdout until the driver says ``Q`` or closes the pipe."""
    import signal

    # Ctrl-C reaches the whole process group; the driver stops its workers itself.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for entry in reversed([p for p in path.split(os.pathsep) if p]):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    # User code that prints must not write into the protocol.
    sys.stdout = sys.stderr
    u32, u64 = struct.Struct("<I"), struct.Struct("<Q")
    while True:
        op = requests.read(1)
        if op == b"U":
            _serve_udf_batch(requests, replies)
            continue
        if op == b"I":
            _serve_udf_iterator(requests, replies)
            continue
        if op != b"R":
            return
        commands = [_read_exact(requests, u32.unpack(_read_exact(requests, 4))[0]) for _ in range(u32.unpack(_read_exact(requests, 4))[0])]
        split, buckets = struct.unpack("<II", _read_exact(requests, 8))
        kind = _read_exact(requests, 1)[0]
        groups = []
        for _ in range(u32.unpack(_read_exact(requests, 4))[0]):
            blocks = []
            for _ in range(u32.unpack(_read_exact(requests, 4))[0]):
                block_kind = _read_exact(requests, 1)[0]
                blocks.append((block_kind, _read_exact(requests, u64.unpack(_read_exact(requests, 8))[0])))
            groups.append(blocks)
        try:
            blocks, updates = run_task(commands, split, groups, buckets, kind)
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the driver
            text = "".join(traceback.format_exception(error)).encode("utf-8", "replace")
            replies.write(b"E" + u64.pack(len(text)) + text)
            replies.flush()
            if isinstance(error, (KeyboardInterrupt, SystemExit)):
                return
            continue
        replies.write(b"O" + u32.pack(len(blocks)))
        for block_kind, data in blocks:
            replies.write(bytes([block_kind]) + u64.pack(len(data)))
            replies.write(data)
        replies.write(u64.pack(len(updates)) + updates)
        replies.flush()
