"""``DataFrameReader`` and ``DataFrameWriter``: Spark's data source API for CSV, JSON,
Parquet and text files."""
from pyspark.sql import _plan
from pyspark.sql.types import StructType, _parse_datatype_string

__all__ = ["DataFrameReader", "DataFrameWriter"]


def _option_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Options:
    """``option``/``options`` shared by the reader and the writer (values become strings,
    booleans ``true``/``false``, as Spark's data source options)."""

    def option(self, key, value):
        """Sets one data source option."""
        self._options[key] = _option_value(value)
        return self

    def options(self, **options):
        """Sets several data source options; ``None`` values are skipped."""
        for key, value in options.items():
            if value is not None:
                self.option(key, value)
        return self


def _file_partitions(paths, session):
    """Spark's number of partitions of a file scan (``FilePartition.getFilePartitions``):
    files are cut into splits of ``maxSplitBytes`` (128 MB, less when the files share out
    over ``defaultParallelism``, at least 4 MB) unless compressed with a codec that cannot
    be split, and each split is packed with a 4 MB open cost, so small files take a
    partition each. None when a path cannot be listed (the read raises then)."""
    import math
    import os

    files = []
    for path in paths:
        if os.path.isfile(path):
            files.append(path)
        elif os.path.isdir(path):
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")) or "=" in d)
                files.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith(("_", ".")))
        else:
            return None
    open_cost, max_bytes = 4 << 20, 128 << 20
    sizes = [os.path.getsize(f) for f in files]
    parallelism = session.sparkContext.defaultParallelism
    split = min(max_bytes, max(open_cost, (sum(sizes) + open_cost * len(sizes)) // max(parallelism, 1)))
    unsplittable = (".gz", ".zst", ".deflate", ".snappy", ".lz4")
    splits = []
    for name, size in zip(files, sizes):
        if size == 0:
            continue
        pieces = 1 if name.endswith(unsplittable) else math.ceil(size / split)
        splits.extend([min(size, split)] * pieces)
    # Splits packed largest first into partitions of at most `split` bytes.
    partitions, current = 0, None
    for size in sorted(splits, reverse=True):
        if current is None or current + size > split:
            partitions += 1
            current = 0
        current += size + open_cost
    return max(partitions, 1)


class DataFrameReader(_Options):
    """``spark.read``: loads files into DataFrames. Mirrors ``pyspark.sql.DataFrameReader``.

    Errors: ``AnalysisException`` with ``PATH_NOT_FOUND`` when a path does not exist.
    """

    def __init__(self, session):
        self._session = session
        self._format = "parquet"
        self._options = {}
        self._schema = None

    def format(self, source):
        self._format = source
        return self

    def schema(self, schema):
        """The schema, as a StructType or a DDL string such as ``"a INT, b STRING"``."""
        self._schema = _parse_datatype_string(schema) if isinstance(schema, str) else schema
        return self


    def load(self, path=None, format=None, schema=None, **options):
        """Reads ``path`` (a file, a directory or a list of them) as a DataFrame.

        The schema is inferred now, as Spark does, so later actions reuse it.
        """
        if format is not None:
            self.format(format)
        if schema is not None:
            self.schema(schema)
        self.options(**options)
        paths = [path] if isinstance(path, str) else list(path or [])
        node = _plan.relation(
            "Read",
            format=self._format,
            paths=paths,
            options=dict(self._options),
            schema=self._schema.json() if self._schema is not None else None,
        )
        if node["schema"] is None:
            node["schema"] = self._session._native.schema_json(_plan.to_json(node))
        from pyspark.sql.dataframe import DataFrame

        frame = DataFrame(node, self._session)
        session = self._session
        frame._num_partitions = lambda: _file_partitions(paths, session)
        return frame

    def csv(self, path, schema=None, sep=None, header=None, inferSchema=None, nullValue=None, **options):
        """Reads CSV files: ``header``, ``inferSchema``, ``sep``, ``nullValue``, ``schema``."""
        return self.load(path, "csv", schema, sep=sep, header=header, inferSchema=inferSchema, nullValue=nullValue, **options)

    def json(self, path, schema=None, **options):
        """Reads JSON lines files; inferred fields are sorted by name, as in Spark."""
        return self.load(path, "json", schema, **options)

    def parquet(self, *paths, **options):
        """Reads Parquet files, discovering ``key=value`` partition directories."""
        return self.load(list(paths), "parquet", None, **options)

    def text(self, paths, **options):
        """Reads text files as one string column ``value``."""
        return self.load(paths, "text", None, **options)

    def table(self, tableName):
        return self._session.table(tableName)


class DataFrameWriter(_Options):
    """``df.write``: saves rows as files with Spark's layout. Mirrors
    ``pyspark.sql.DataFrameWriter``.

    Errors: ``AnalysisException`` with ``PATH_ALREADY_EXISTS`` in the default mode when
    the target exists.
    """

    def __init__(self, df):
        self._df = df
        self._format = "parquet"
        self._mode = "errorifexists"
        self._options = {}
        self._partition_by = []

    def mode(self, saveMode):
        """error/errorifexists (default), overwrite, append or ignore."""
        self._mode = saveMode or "errorifexists"
        return self

    def format(self, source):
        self._format = source
        return self


    def partitionBy(self, *cols):
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        self._partition_by = list(cols)
        return self

    def save(self, path=None, format=None, mode=None, partitionBy=None, **options):
        """Writes the rows under ``path`` as part files plus ``_SUCCESS``."""
        if format is not None:
            self.format(format)
        if mode is not None:
            self.mode(mode)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self.options(**options)
        self._df._native.write(self._df._json(), self._format, path, self._mode, dict(self._options), self._partition_by)

    def csv(self, path, mode=None, header=None, sep=None, nullValue=None, **options):
        self.save(path, "csv", mode, header=header, sep=sep, nullValue=nullValue, **options)

    def json(self, path, mode=None, **options):
        self.save(path, "json", mode, **options)

    def parquet(self, path, mode=None, partitionBy=None, compression=None):
        self.save(path, "parquet", mode, partitionBy)

    def text(self, path, **options):
        self.save(path, "text", None, **options)
