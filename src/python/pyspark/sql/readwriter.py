"""``DataFrameReader`` and ``DataFrameWriter``: Spark's data source API for CSV, JSON,
Parquet and text files."""
from typing import TYPE_CHECKING, Any, List, Optional, TypeVar, Union

from pyspark.sql import _plan
from pyspark.sql.types import StructType, _parse_datatype_string

if TYPE_CHECKING:
    from pyspark.sql.dataframe import DataFrame

_Self = TypeVar("_Self")

__all__ = ["DataFrameReader", "DataFrameWriter"]


def _option_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class _Options:
    """``option``/``options`` shared by the reader and the writer (values become strings,
    booleans ``true``/``false``, as Spark's data source options)."""

    def option(self: _Self, key: str, value: Any) -> _Self:
        """Sets one data source option."""
        self._options[key] = _option_value(value)
        return self

    def options(self: _Self, **options: Any) -> _Self:
        """Sets several data source options; ``None`` values are skipped."""
        for key, value in options.items():
            if value is not None:
                self.option(key, value)
        return self


def _lines_of_rdd(session, path, suffix):
    """``path`` itself, or for an RDD of strings (``spark.read.json(rdd)``) a file of its
    elements, one per line, that the file source reads as Spark reads the RDD: the RDD is
    computed once, when the DataFrame is created. The file lives in the session's scratch
    directory, removed when the shell exits."""
    from pyspark.core.rdd import RDD
    from pyspark.sql.dataframe import DataFrame

    if isinstance(path, DataFrame):
        # A DataFrame of one string column: its strings, as an RDD's.
        path = path.rdd.map(lambda row: row[0])
    if not isinstance(path, RDD):
        return path
    import atexit
    import shutil
    import tempfile

    directory = getattr(session, "_scratch", None)
    if directory is None:
        directory = session._scratch = tempfile.mkdtemp(prefix="ember-rdd-")
        atexit.register(shutil.rmtree, directory, True)
    handle, name = tempfile.mkstemp(suffix=suffix, dir=directory)
    with open(handle, "w", encoding="utf-8") as out:
        for line in path.collect():
            out.write(line.replace("\n", " ") if suffix == ".json" else line)
            out.write("\n")
    return name


def _writer_columns(name, col, cols):
    """The column names of ``bucketBy``/``sortBy``: a list, or one name and more."""
    from pyspark.errors import PySparkTypeError, PySparkValueError

    if isinstance(col, (list, tuple)):
        if cols:
            raise PySparkValueError(errorClass="CANNOT_SET_TOGETHER", messageParameters={"arg_list": "`col` of type %s and `cols`" % type(col).__name__})
        col, cols = col[0], tuple(col[1:])
    for other in cols:
        if not isinstance(other, str):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": "cols", "expected_type": "list[str]", "arg_type": type(other).__name__})
    if not isinstance(col, str):
        raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": name, "expected_type": "list[str]", "arg_type": type(col).__name__})
    return [col] + list(cols)


class DataFrameReader(_Options):
    """``spark.read``: loads files into DataFrames. Mirrors ``pyspark.sql.DataFrameReader``.

    Errors: ``AnalysisException`` with ``PATH_NOT_FOUND`` when a path does not exist.
    """

    def __init__(self, session):
        self._session = session
        self._format = "parquet"
        self._options = {}
        self._schema = None

    def format(self, source: str) -> "DataFrameReader":
        self._format = source
        return self

    def schema(self, schema: Union[StructType, str]) -> "DataFrameReader":
        """The schema, as a StructType or a DDL string such as ``"a INT, b STRING"``."""
        self._schema = _parse_datatype_string(schema) if isinstance(schema, str) else schema
        return self


    def load(self, path: Optional[Union[str, List[str]]] = None, format: Optional[str] = None, schema: Optional[Union[StructType, str]] = None, **options: Any) -> "DataFrame":
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

        return DataFrame(node, self._session)

    def csv(self, path: Union[str, List[str]], schema: Optional[Union[StructType, str]] = None, sep: Optional[str] = None, header: Any = None, inferSchema: Any = None, nullValue: Optional[str] = None, **options: Any) -> "DataFrame":
        """Reads CSV files: ``header``, ``inferSchema``, ``sep``, ``nullValue``, ``schema``.
        ``path`` may also be an RDD of CSV lines (strings)."""
        path = _lines_of_rdd(self._session, path, ".csv")
        return self.load(path, "csv", schema, sep=sep, header=header, inferSchema=inferSchema, nullValue=nullValue, **options)

    def json(self, path: Any, schema: Optional[Union[StructType, str]] = None, **options: Any) -> "DataFrame":
        """Reads JSON lines files; inferred fields are sorted by name, as in Spark.
        ``path`` may also be an RDD of JSON documents (strings), or a DataFrame of one
        string column of them, one record each.

        >>> rdd = sc.parallelize(['{"a": 1}', '{"a": 2, "b": "x"}'])
        >>> spark.read.json(rdd).collect()
        [Row(a=1, b=None), Row(a=2, b='x')]
        """
        path = _lines_of_rdd(self._session, path, ".json")
        return self.load(path, "json", schema, **options)

    def parquet(self, *paths: str, **options: Any) -> "DataFrame":
        """Reads Parquet files, discovering ``key=value`` partition directories."""
        return self.load(list(paths), "parquet", None, **options)

    def orc(self, path, mergeSchema=None, pathGlobFilter=None, recursiveFileLookup=None, modifiedBefore=None, modifiedAfter=None):
        """Reads ORC files as a DataFrame, discovering ``key=value`` partition directories.

        Parameters
        ----------
        path : str or list of str
            Files or directories of ORC files.
        mergeSchema, pathGlobFilter, recursiveFileLookup, modifiedBefore, modifiedAfter : optional
            Spark's ORC read options, passed as options. Ember takes the schema from the
            first file (as Spark does without ``mergeSchema``).

        Returns
        -------
        :class:`DataFrame`
            Every column nullable; ORC timestamps read as TIMESTAMP.

        Raises
        ------
        AnalysisException
            ``PATH_NOT_FOUND`` for a missing path; ``UNABLE_TO_INFER_SCHEMA`` when there is
            no file to read the schema from.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     spark.range(3).write.orc(d, mode="overwrite")
        ...     spark.read.orc(d).orderBy("id").collect()
        [Row(id=0), Row(id=1), Row(id=2)]

        Mirrors PySpark's ``DataFrameReader.orc`` (Spark's ORC data source).
        """
        options = {k: v for k, v in (("mergeSchema", mergeSchema), ("pathGlobFilter", pathGlobFilter), ("recursiveFileLookup", recursiveFileLookup), ("modifiedBefore", modifiedBefore), ("modifiedAfter", modifiedAfter)) if v is not None}
        return self.load(path, "orc", None, **options)

    def xml(self, path, rowTag=None, schema=None, **options):
        """Reads XML files: each element named ``rowTag`` is a row.

        Parameters
        ----------
        path : str, list of str, RDD or :class:`DataFrame`
            Files or directories; or an RDD of XML strings, or a DataFrame of one string
            column of them.
        rowTag : str
            The name of the row elements (required, here or as an option).
        schema : :class:`StructType` or str, optional
            The rows' schema; inferred from every row when not given.
        **options
            Spark's XML options: ``attributePrefix`` (``_``), ``valueTag`` (``_VALUE``).

        Returns
        -------
        :class:`DataFrame`
            Attributes as fields named with the prefix, child elements as fields of their
            names (arrays when repeated), values inferred as bigint, double, boolean,
            date, timestamp or string; fields sorted by name.

        Raises
        ------
        AnalysisException
            ``XML_ROW_TAG_MISSING`` without ``rowTag``.

        Examples
        --------
        >>> rdd = sc.parallelize(["<item id='1'><v>2.5</v></item>", "<item id='2'><v>3</v></item>"])
        >>> spark.read.xml(rdd, rowTag="item").collect()
        [Row(_id=1, v=2.5), Row(_id=2, v=3.0)]

        Mirrors PySpark's ``DataFrameReader.xml`` (Spark's XML data source).
        """
        path = _lines_of_rdd(self._session, path, ".xml")
        if rowTag is not None:
            options["rowTag"] = rowTag
        return self.load(path, "xml", schema, **options)

    def text(self, paths: Union[str, List[str]], **options: Any) -> "DataFrame":
        """Reads text files as one string column ``value``."""
        return self.load(paths, "text", None, **options)

    def table(self, tableName: str) -> "DataFrame":
        return self._session.table(tableName)

    def changes(self, tableName):
        """The row-level changes (Change Data Capture) of table ``tableName`` (str), as a
        DataFrame. Spark reads them only from DataSource V2 catalogs that keep a change
        log; the session catalog, which holds Ember's tables, keeps none.

        Raises
        ------
        AnalysisException
            ``TABLE_OR_VIEW_NOT_FOUND`` for a missing table; otherwise
            ``UNSUPPORTED_FEATURE.CHANGE_DATA_CAPTURE``, as Spark raises for its session
            catalog.

        Mirrors PySpark's ``DataFrameReader.changes``.
        """
        from pyspark.errors import AnalysisException

        if not self._session.catalog.tableExists(tableName):
            raise AnalysisException(
                errorClass="TABLE_OR_VIEW_NOT_FOUND",
                messageParameters={"relationName": ".".join("`%s`" % p for p in tableName.split("."))},
            )
        raise AnalysisException(errorClass="UNSUPPORTED_FEATURE.CHANGE_DATA_CAPTURE", messageParameters={"catalogName": "spark_catalog"})


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

    def mode(self, saveMode: Optional[str]) -> "DataFrameWriter":
        """error/errorifexists (default), overwrite, append or ignore."""
        self._mode = saveMode or "errorifexists"
        return self

    def format(self, source: str) -> "DataFrameWriter":
        self._format = source
        return self


    def partitionBy(self, *cols: Union[str, List[str]]) -> "DataFrameWriter":
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        self._partition_by = list(cols)
        return self

    def bucketBy(self, numBuckets, col, *cols):
        """Buckets a table's rows by the hash of columns (``saveAsTable`` only): bucket
        ``pmod(hash(cols), numBuckets)``, Spark's bucket function.

        Parameters
        ----------
        numBuckets : int
        col : str or list of str
        cols : str

        Returns
        -------
        :class:`DataFrameWriter`

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for a ``numBuckets`` or column of another type.
        PySparkValueError
            ``CANNOT_SET_TOGETHER`` for a list of columns and more columns.

        Mirrors PySpark's ``DataFrameWriter.bucketBy``. Ember records the bucket spec as
        table properties and writes the rows grouped by bucket (and sorted by
        ``sortBy``), but not one file per bucket, so reads do not use the buckets.
        """
        from pyspark.errors import PySparkTypeError

        if not isinstance(numBuckets, int) or isinstance(numBuckets, bool):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "int", "arg_name": "numBuckets", "arg_type": type(numBuckets).__name__})
        columns = _writer_columns("col", col, cols)
        self._buckets = (numBuckets, columns)
        return self

    def sortBy(self, col, *cols):
        """Sorts the rows of each bucket by columns (with ``bucketBy``, ``saveAsTable``
        only).

        Returns
        -------
        :class:`DataFrameWriter`

        Mirrors PySpark's ``DataFrameWriter.sortBy``.
        """
        self._sort_by = _writer_columns("col", col, cols)
        return self

    def clusterBy(self, *cols):
        """Clustering columns for a table written with ``saveAsTable``, recorded as its
        ``clusteringColumns`` property; a path save writes the rows as they are.

        Returns
        -------
        :class:`DataFrameWriter`

        Mirrors PySpark's ``DataFrameWriter.clusterBy``.
        """
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = tuple(cols[0])
        assert len(cols) > 0, "clusterBy needs one or more clustering columns."
        self._cluster_by = list(cols)
        return self

    def _refuse_buckets(self, operation):
        """Spark's refusal of bucketing outside ``saveAsTable``."""
        from pyspark.errors import AnalysisException

        if getattr(self, "_buckets", None) is not None:
            raise AnalysisException(errorClass="_LEGACY_ERROR_TEMP_1312", messageParameters={"operation": operation})
        if getattr(self, "_sort_by", None) is not None:
            raise AnalysisException(errorClass="SORT_BY_WITHOUT_BUCKETING", messageParameters={})

    def _settle(self, format, mode, partitionBy, options):
        """Applies the settings ``save`` and ``saveAsTable`` take as arguments."""
        if format is not None:
            self.format(format)
        if mode is not None:
            self.mode(mode)
        if partitionBy is not None:
            self.partitionBy(partitionBy)
        self.options(**options)

    def save(self, path: Optional[str] = None, format: Optional[str] = None, mode: Optional[str] = None, partitionBy: Optional[Union[str, List[str]]] = None, **options: Any) -> None:
        """Writes the rows under ``path`` as part files plus ``_SUCCESS``."""
        self._settle(format, mode, partitionBy, options)
        self._refuse_buckets("save")
        self._df._native.write(self._df._json(), self._format, path, self._mode, dict(self._options), self._partition_by)

    def csv(self, path: str, mode: Optional[str] = None, header: Any = None, sep: Optional[str] = None, nullValue: Optional[str] = None, **options: Any) -> None:
        self.save(path, "csv", mode, header=header, sep=sep, nullValue=nullValue, **options)

    def json(self, path: str, mode: Optional[str] = None, **options: Any) -> None:
        self.save(path, "json", mode, **options)

    def parquet(self, path: str, mode: Optional[str] = None, partitionBy: Optional[Union[str, List[str]]] = None, compression: Optional[str] = None) -> None:
        self.save(path, "parquet", mode, partitionBy)

    def orc(self, path, mode=None, partitionBy=None, compression=None):
        """Writes the rows as ORC part files under ``path``, plus ``_SUCCESS``.

        Parameters
        ----------
        path : str
            The output directory.
        mode : str, optional
            ``error``/``errorifexists`` (default), ``overwrite``, ``append`` or ``ignore``.
        partitionBy : str or list of str, optional
            Columns written as ``key=value`` directories.
        compression : str, optional
            ``zstd`` (Spark's default), ``snappy``, ``zlib``, ``lz4`` or ``none``.

        Raises
        ------
        AnalysisException
            ``PATH_ALREADY_EXISTS`` under the default mode when ``path`` exists;
            ``UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE`` for a column type the ORC writer does
            not store here (decimals and nested types).

        Examples
        --------
        >>> import tempfile, os
        >>> with tempfile.TemporaryDirectory() as d:
        ...     spark.range(2).write.orc(d, mode="overwrite")
        ...     all(f.endswith(".zstd.orc") for f in os.listdir(d) if not f.startswith((".", "_")))
        True

        Mirrors PySpark's ``DataFrameWriter.orc``.
        """
        self.save(path, "orc", mode, partitionBy, **({} if compression is None else {"compression": compression}))

    def xml(self, path, rowTag=None, mode=None, attributePrefix=None, valueTag=None, rootTag=None, **options):
        """Writes the rows as XML part files under ``path``, plus ``_SUCCESS``: in each, the
        ``rootTag`` element (``ROWS``) holds one ``rowTag`` element per row.

        Parameters
        ----------
        path : str
            The output directory.
        rowTag : str
            The name of the row elements (required, here or as an option).
        mode : str, optional
            ``error``/``errorifexists`` (default), ``overwrite``, ``append`` or ``ignore``.
        attributePrefix, valueTag, rootTag : str, optional
            Fields named with ``attributePrefix`` (``_``) are written as attributes, the
            ``valueTag`` field (``_VALUE``) as the element's text.

        Raises
        ------
        AnalysisException
            ``XML_ROW_TAG_MISSING`` without ``rowTag``.

        Examples
        --------
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     spark.createDataFrame([(1, "a")], ["k", "v"]).write.xml(d, rowTag="r", mode="overwrite")
        ...     spark.read.xml(d, rowTag="r").collect()
        [Row(k=1, v='a')]

        Mirrors PySpark's ``DataFrameWriter.xml``.
        """
        for key, value in (("rowTag", rowTag), ("attributePrefix", attributePrefix), ("valueTag", valueTag), ("rootTag", rootTag)):
            if value is not None:
                options[key] = value
        self.save(path, "xml", mode, **options)

    def text(self, path: str, **options: Any) -> None:
        self.save(path, "text", None, **options)

    def saveAsTable(self, name: str, format: Optional[str] = None, mode: Optional[str] = None, partitionBy: Optional[Union[str, List[str]]] = None, **options: Any) -> None:
        """Writes the rows to the catalog table ``name`` (created as a managed table
        under ``spark.sql.warehouse.dir``, or external with the ``path`` option).

        Parameters: ``format`` the data source (``parquet`` by default), ``mode`` one of
        ``error``/``errorifexists`` (default), ``append`` (matched by column name),
        ``overwrite`` (the table is replaced) and ``ignore``, ``partitionBy`` column
        names. Raises ``AnalysisException`` ``TABLE_OR_VIEW_ALREADY_EXISTS`` in the
        default mode when the table exists. Mirrors ``DataFrameWriter.saveAsTable``.

        >>> spark.range(2).write.saveAsTable("doc_saved", mode="overwrite")
        >>> spark.table("doc_saved").count()
        2
        >>> _ = spark.sql("DROP TABLE doc_saved")
        """
        import json

        self._settle(format, mode, partitionBy, options)
        frame, properties = self._df, {}
        buckets = getattr(self, "_buckets", None)
        sort_by = getattr(self, "_sort_by", None)
        if sort_by is not None and buckets is None:
            self._refuse_buckets("saveAsTable")
        if buckets is not None:
            count, columns = buckets
            frame = frame.repartition(count, *columns)
            if sort_by:
                frame = frame.sortWithinPartitions(*sort_by)
            properties["bucketing.numBuckets"] = str(count)
            properties["bucketing.bucketColumns"] = json.dumps(columns)
            if sort_by:
                properties["bucketing.sortColumns"] = json.dumps(sort_by)
        if getattr(self, "_cluster_by", None):
            properties["clusteringColumns"] = json.dumps([[c] for c in self._cluster_by])
        frame._native.write_table(
            frame._json(), name, "saveAsTable", mode=self._mode, format=self._format,
            options=dict(self._options), partition_by=self._partition_by, properties=properties,
        )

    def insertInto(self, tableName, overwrite=None):
        """Inserts the rows into an existing table, matching columns by position and
        casting them to the table's types; ``overwrite=True`` (or ``mode("overwrite")``)
        replaces its rows. Raises ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND`` and
        ``INSERT_COLUMN_ARITY_MISMATCH``. Mirrors ``DataFrameWriter.insertInto``."""
        if overwrite is None:
            overwrite = str(self._mode).lower() == "overwrite"
        self._df._native.write_table(self._df._json(), tableName, "insertInto", overwrite=bool(overwrite))


class DataFrameWriterV2:
    """``df.writeTo(table)``: creates, replaces or appends to a catalog table (PySpark's
    ``DataFrameWriterV2``). Raises ``AnalysisException`` ``TABLE_OR_VIEW_ALREADY_EXISTS``
    (``create``) and ``TABLE_OR_VIEW_NOT_FOUND`` (``replace``, ``append``, ``overwrite``).

    >>> spark.range(3).writeTo("doc_v2").using("parquet").createOrReplace()
    >>> spark.table("doc_v2").count()
    3
    >>> _ = spark.sql("DROP TABLE doc_v2")
    """

    def __init__(self, df, table):
        self._df = df
        self._table = table
        self._provider = None
        self._options = {}
        self._properties = {}
        self._partitioned_by = []

    def using(self, provider):
        """The data source of a table this writer creates (``parquet`` by default)."""
        self._provider = provider
        return self

    def option(self, key, value):
        """One write option."""
        self._options[key] = _option_value(value)
        return self

    def options(self, **options):
        """Several write options."""
        for key, value in options.items():
            self.option(key, value)
        return self

    def tableProperty(self, property, value):
        """A ``TBLPROPERTIES`` entry of a table this writer creates."""
        self._properties[property] = value
        return self

    def partitionedBy(self, col, *cols):
        """Partition columns of a table this writer creates (names or columns)."""
        from pyspark.sql.column import Column

        self._partitioned_by = [c._name if isinstance(c, Column) else c for c in (col,) + cols]
        return self

    def clusterBy(self, col, *cols):
        """Clustering columns; Ember lays files out by partition only, so this is
        recorded as a table property."""
        self._properties["clusteringColumns"] = ",".join(str(c) for c in (col,) + cols)
        return self

    def _write(self, how, df=None):
        df = self._df if df is None else df
        df._native.write_table(
            df._json(), self._table, how, format=self._provider, options=dict(self._options),
            partition_by=self._partitioned_by, properties=dict(self._properties),
        )

    def create(self):
        """Creates the table with the rows."""
        self._write("create")

    def replace(self):
        """Replaces an existing table with the rows."""
        self._write("replace")

    def createOrReplace(self):
        """Creates the table, or replaces it when it exists."""
        self._write("createOrReplace")

    def append(self):
        """Appends the rows to an existing table, matched by column name."""
        self._write("append")

    def overwrite(self, condition):
        """Replaces the table's rows that match ``condition`` (a boolean Column) with the
        rows: the others are kept."""
        session = self._df._session
        kept = session.table(self._table).filter(~condition)
        self._write("overwrite", kept.unionByName(self._df))

    def overwritePartitions(self):
        """Replaces the partitions the rows fall in (Spark's dynamic partition
        overwrite); the table's other partitions are kept. A table without partition
        columns has all its rows replaced."""
        session = self._df._session
        partitions = [c.name for c in session.catalog.listColumns(self._table) if c.isPartition]
        if not partitions:
            self._write("overwrite")
            return
        existing = session.table(self._table)
        kept = existing.join(self._df.select(*partitions).distinct(), on=partitions, how="left_anti")
        self._write("overwrite", kept.select(*existing.columns).unionByName(self._df))
