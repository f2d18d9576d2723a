"""``pyspark.sql.SparkSession``: the entry point to DataFrame and SQL, on Ember's
embedded engine."""
import functools
import threading
from typing import TYPE_CHECKING, Any, ClassVar, Dict, List, Optional, Union

from pyspark.sql import _plan

if TYPE_CHECKING:
    from pyspark.core.context import SparkContext
    from pyspark.sql.readwriter import DataFrameReader
from pyspark.sql.dataframe import DataFrame
from pyspark.sql.types import (
    ArrayType,
    DataType,
    MapType,
    Row,
    StringType,
    StructField,
    StructType,
    _infer_schema_from_data,
    _parse_datatype_string,
)

__all__ = ["SparkSession"]


class classproperty(property):
    """A property of a class rather than of its instances: ``C.name`` calls the getter
    with the class, on every access (PySpark's ``classproperty``, used for
    ``SparkSession.builder``)."""

    def __get__(self, instance, owner=None):
        return self.fget(owner if owner is not None else type(instance))


@functools.lru_cache(maxsize=None)
def _sql_formatter():
    """PySpark's ``SQLStringFormatter`` class: a DataFrame field names a temporary view of
    it, a Column field its column name. Made on first use, which keeps the ``string``
    module out of the shell's start-up."""
    import string

    class SqlFormatter(string.Formatter):
        def __init__(self, session):
            self._session = session

        def convert_field(self, value, conversion):
            from pyspark.sql.column import Column

            if isinstance(value, DataFrame):
                name = "__ember_sql_%d" % value._plan_id
                value.createOrReplaceTempView(name)
                return name
            if isinstance(value, Column):
                expr = value._expr
                return "`%s`" % expr["name"].replace("`", "``") if expr.get("type") == "Column" else value._repr
            return super().convert_field(value, conversion)

    return SqlFormatter


def _sql_literal(value):
    """A Python value as a Spark SQL literal, for ``spark.sql(query, args)``."""
    import datetime
    import decimal

    from pyspark.errors import PySparkTypeError

    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return "%dL" % value if not -(2**31) <= value < 2**31 else str(value)
    if isinstance(value, float):
        return repr(value) + "D"
    if isinstance(value, decimal.Decimal):
        return "%sBD" % value
    if isinstance(value, str):
        return "'%s'" % value.replace("\\", "\\\\").replace("'", "\\'")
    if isinstance(value, datetime.datetime):
        return "TIMESTAMP '%s'" % value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return "DATE '%s'" % value.isoformat()
    if isinstance(value, (list, tuple)):
        return "array(%s)" % ", ".join(_sql_literal(v) for v in value)
    raise PySparkTypeError(errorClass="INVALID_TYPE", messageParameters={"arg_name": "args", "arg_type": type(value).__name__})


def _bind_parameters(query, args):
    """``query`` with its ``:name`` (``args`` a dict) or ``?`` (a list) markers outside
    quotes and comments replaced by the values as literals."""
    import re

    positional = list(args) if isinstance(args, (list, tuple)) else None
    out, i, position = [], 0, 0
    pattern = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|--[^\n]*|/\*.*?\*/|:[A-Za-z_][A-Za-z0-9_]*|\?", re.S)
    for match in pattern.finditer(query):
        token = match.group(0)
        if token.startswith(":") and positional is None and token[1:] in args:
            out.append(query[i:match.start()])
            out.append(_sql_literal(args[token[1:]]))
            i = match.end()
        elif token == "?" and positional is not None and position < len(positional):
            out.append(query[i:match.start()])
            out.append(_sql_literal(positional[position]))
            position += 1
            i = match.end()
    out.append(query[i:])
    return "".join(out)


class RuntimeConfig:
    """``spark.conf``: runtime configuration (Spark's ``RuntimeConfig``)."""

    _defaults = {
        "spark.sql.shuffle.partitions": "200",
        "spark.sql.ansi.enabled": "true",
        # Spark 4.3's default: plain Python UDFs are Arrow-optimized (evalType 101).
        "spark.sql.execution.pythonUDF.arrow.enabled": "true",
    }
    # Confs the embedded engine holds itself (the session time zone, whose default is
    # the machine's zone, as the JVM's is Spark's; the map key deduplication policy).
    _ENGINE_KEYS = ("spark.sql.session.timeZone", "spark.sql.mapKeyDedupPolicy")

    # Keys whose change takes effect at once: the console progress bar's.
    _PROGRESS_KEYS = ("spark.ui.showConsoleProgress", "spark.ui.consoleProgress.update.interval")

    def __init__(self, values, remote=None, engine=None):
        self._values = values
        # With Spark Connect, the server's session conf (``RemoteSession``).
        self._remote = remote
        # The embedded engine, which checks the confs it holds (an unknown
        # ``spark.sql.session.timeZone`` raises ``INVALID_CONF_VALUE.TIME_ZONE``).
        self._engine = engine

    def set(self, key, value):
        """Sets ``key`` to ``value`` (stored as a string, as Spark does); with Spark
        Connect, on the server too.

        Raises ``IllegalArgumentException`` (``INVALID_CONF_VALUE.TIME_ZONE``) for a
        ``spark.sql.session.timeZone`` that names no zone; the zone in force is kept.

        Examples
        --------
        >>> spark.conf.set("spark.sql.shuffle.partitions", 4)
        >>> spark.conf.get("spark.sql.shuffle.partitions")
        '4'
        """
        text = value if isinstance(value, str) else str(value).lower() if isinstance(value, bool) else str(value)
        if self._remote is not None and not key.startswith(("spark.ember.", "spark.ui.", "spark.master", "spark.app.name", "spark.remote", "spark.submit.")):
            self._remote.conf_set(key, text)
        elif self._remote is None and self._engine is not None:
            self._engine.conf_set(key, text)
        self._values[key] = text
        if key in self._PROGRESS_KEYS:
            self._apply_progress()

    def _apply_progress(self):
        from pyspark import _ember_jobs

        _ember_jobs.configure_progress(lambda key, default: self._values.get(key, default))

    def get(self, key, default=None):
        """The value of ``key``; ``default`` when unset. Raises ``SparkNoSuchElementException``
        (SQL_CONF_NOT_FOUND) when unset and no default is given."""
        if key in self._values:
            return self._values[key]
        if self._remote is None and self._engine is not None and key in self._ENGINE_KEYS:
            return self._engine.conf_get(key)
        if self._remote is not None and not key.startswith(("spark.ember.", "spark.ui.")):
            value = self._remote.conf_get(key)
            if value is not None:
                return value
        if key in self._defaults:
            return self._defaults[key]
        if default is not None:
            return default
        from pyspark.errors import SparkNoSuchElementException

        raise SparkNoSuchElementException(
            errorClass="SQL_CONF_NOT_FOUND", messageParameters={"sqlConf": '"%s"' % key}
        )

    def getAll(self):
        values = dict(self._defaults)
        if self._remote is None and self._engine is not None:
            for key in self._ENGINE_KEYS:
                values[key] = self._engine.conf_get(key)
        values.update(self._values)
        return values

    def unset(self, key):
        self._values.pop(key, None)
        if self._remote is not None and not key.startswith(("spark.ember.", "spark.ui.")):
            self._remote.conf_set(key, None)
        elif self._remote is None and self._engine is not None and key in self._ENGINE_KEYS:
            self._engine.conf_set(key, None)
        if key in self._PROGRESS_KEYS:
            self._apply_progress()

    def isModifiable(self, key):
        return True


class SparkSession:
    """The entry point to DataFrames and SQL. Mirrors ``pyspark.sql.SparkSession``.

    In the shell it is ``spark``; in scripts ``SparkSession.builder.getOrCreate()``
    returns the same session.

    Examples
    --------
    >>> spark.range(3).count()
    3
    """

    _active = None
    _lock = threading.RLock()

    class Builder:
        """``SparkSession.builder``: sets options, then ``getOrCreate``."""

        def __init__(self):
            self._options = {}

        def appName(self, name: str) -> "SparkSession.Builder":
            return self.config(key="spark.app.name", value=name)

        def master(self, master: str) -> "SparkSession.Builder":
            return self.config(key="spark.master", value=master)

        def remote(self, url: str) -> "SparkSession.Builder":
            return self.config(key="spark.remote", value=url)

        def enableHiveSupport(self) -> "SparkSession.Builder":
            return self

        def config(self, key: Optional[str] = None, value: Any = None, conf: Any = None, map: Optional[Dict[str, Any]] = None) -> "SparkSession.Builder":
            if conf is not None:
                for k, v in conf.getAll():
                    self._options[k] = v
            if map is not None:
                self._options.update({k: str(v) for k, v in map.items()})
            if key is not None:
                self._options[key] = value if isinstance(value, str) else str(value)
            return self

        def getOrCreate(self) -> "SparkSession":
            """The active session (created on first use), with this builder's options set."""
            from pyspark.context import SparkContext

            with SparkSession._lock:
                session = SparkSession._active
                if session is None:
                    master = self._options.get("spark.remote") or self._options.get("spark.master", "local[*]")
                    app_name = self._options.get("spark.app.name", "pyspark-shell")
                    sc = SparkContext.getOrCreate(master=master, appName=app_name)
                    session = SparkSession(sc)
                for key, value in self._options.items():
                    if key not in ("spark.master", "spark.remote"):
                        session.conf.set(key, value)
                return session

        create = getOrCreate

    if TYPE_CHECKING:
        builder: ClassVar["SparkSession.Builder"]
    else:

        @classproperty
        def builder(cls):
            """A new ``Builder`` on each access, as in PySpark, so one builder's options
            do not leak into the next ``getOrCreate``."""
            return cls.Builder()

    @property
    def tvf(self):
        """The table-valued functions (``spark.tvf.explode(...)``), a
        :class:`~pyspark.sql.tvf.TableValuedFunction`."""
        from pyspark.sql.tvf import TableValuedFunction

        return TableValuedFunction(self)

    def emptyDataFrame(self, schema):
        """An empty DataFrame of ``schema`` (a ``StructType`` or a DDL string).

        >>> spark.emptyDataFrame("a INT").count()
        0
        """
        return self.createDataFrame([], schema)

    def __init__(self, sparkContext, jsparkSession=None, options=None):
        self._sc = sparkContext
        self._native = sparkContext._native
        remote = self._native if getattr(sparkContext, "_is_remote", False) else None
        self._conf = RuntimeConfig({}, remote, self._native)
        for key, value in (options or {}).items():
            try:
                self._conf.set(key, value)
            except Exception:  # noqa: BLE001 - a static conf the server will not change
                if remote is None:
                    raise
                self._conf._values[key] = value
        self._conf._apply_progress()
        self._cached = {}
        SparkSession._active = self

    # ----------------------------------------------------------------- basics
    @property
    def sparkContext(self) -> "SparkContext":
        """The ``SparkContext`` (``sc``)."""
        return self._sc

    @property
    def version(self):
        """The Spark version Ember is compatible with."""
        return self._sc.version

    @property
    def conf(self):
        return self._conf

    @property
    def udtf(self):
        """:class:`~pyspark.sql.udtf.UDTFRegistration` for registering Python table
        functions for SQL.

        Mirrors ``SparkSession.udtf``.

        Examples
        --------
        >>> from pyspark.sql.functions import udtf
        >>> @udtf(returnType="n: int")
        ... class Two:
        ...     def eval(self):
        ...         yield (1,)
        ...         yield (2,)
        >>> _ = spark.udtf.register("two", Two)
        >>> spark.sql("SELECT sum(n) AS s FROM two()").collect()
        [Row(s=3)]
        """
        from pyspark.sql.udtf import UDTFRegistration

        return UDTFRegistration(self)

    @property
    def udf(self):
        """:class:`~pyspark.sql.udf.UDFRegistration` for registering Python UDFs for SQL.

        Mirrors ``SparkSession.udf``.

        Examples
        --------
        >>> _ = spark.udf.register("shout", lambda s: s.upper() + "!")
        >>> spark.sql("SELECT shout('hi') AS s").collect()
        [Row(s='HI!')]
        """
        from pyspark.sql.udf import UDFRegistration

        return UDFRegistration(self)

    @property
    def catalog(self):
        from pyspark.sql.catalog import Catalog

        return Catalog(self)

    @property
    def read(self) -> "DataFrameReader":
        """A ``DataFrameReader``."""
        from pyspark.sql.readwriter import DataFrameReader

        return DataFrameReader(self)

    @classmethod
    def getActiveSession(cls):
        return cls._active

    @classmethod
    def active(cls):
        return cls._active

    def newSession(self):
        """A new session of the same ``SparkContext`` with its own temporary views, runtime
        conf, current database and registered UDFs; it shares the catalog's databases
        and tables, global temporary views and the cache (Spark's
        ``SparkSession.newSession``). Through ``--remote`` the server keeps sessions, and
        this returns the same session.

        >>> other = spark.newSession()
        >>> spark.range(1).createOrReplaceTempView("only_here")
        >>> other.catalog.tableExists("only_here")
        False
        >>> _ = spark.catalog.dropTempView("only_here")
        """
        native = self._native.new_session()
        if native is None:
            return self
        session = object.__new__(SparkSession)
        session._sc = self._sc
        session._native = native
        session._conf = RuntimeConfig({}, None, native)
        session._cached = {}
        return session

    def stop(self) -> None:
        """Stops the session.

        Through ``--remote`` this releases the session on the Spark Connect server
        (ReleaseSession), as PySpark Connect's ``SparkSession.stop`` does: the server drops
        its temporary views and state, and later operations on this session fail with
        Spark's ``INVALID_HANDLE.SESSION_CLOSED``. On the embedded engine the session lives
        as long as the shell, and this does nothing.

        Examples
        --------
        >>> spark.stop()  # doctest: +SKIP
        """
        if getattr(self._sc, "_is_remote", False) and not getattr(self, "_released", False):
            self._released = True
            self._native.release()

    def copyFromLocalToFs(self, local_path, dest_path):
        """Copies a file of this machine to ``dest_path`` on the file system of the Spark
        Connect server, so that ``spark.read`` there can read it.

        Mirrors PySpark Connect's ``SparkSession.copyFromLocalToFs`` (an AddArtifacts upload
        of ``forward_to_fs<dest_path>``). The server must allow it: a local destination needs
        the static conf ``spark.sql.artifact.copyFromLocalToFs.allowDestLocal=true`` when
        the server starts.

        Parameters
        ----------
        local_path : str
            A file on this machine.
        dest_path : str
            An absolute path without a scheme, on the server's default file system.

        Raises
        ------
        PySparkValueError
            ``NO_SCHEMA_AND_DRIVER_DEFAULT_SCHEME`` when ``dest_path`` has a scheme.
        PySparkRuntimeError
            ``ONLY_SUPPORTED_WITH_SPARK_CONNECT`` on the embedded engine.

        Examples
        --------
        >>> spark.copyFromLocalToFs("data/people.csv", "/tmp/people.csv")  # doctest: +SKIP
        """
        import urllib.parse

        from pyspark.errors import PySparkRuntimeError, PySparkValueError

        if not getattr(self._sc, "_is_remote", False):
            raise PySparkRuntimeError(errorClass="ONLY_SUPPORTED_WITH_SPARK_CONNECT", messageParameters={"feature": "SparkSession.copyFromLocalToFs"})
        if urllib.parse.urlparse(dest_path).scheme:
            raise PySparkValueError(errorClass="NO_SCHEMA_AND_DRIVER_DEFAULT_SCHEME", messageParameters={"arg_name": "dest_path"})
        self._native.copy_from_local_to_fs(local_path, dest_path)

    # ------------------------------------------------ progress handlers, tags, interrupts
    def registerProgressHandler(self, handler):
        """Registers ``handler`` to hear of the progress of every operation, as Spark
        Connect's ``SparkSession.registerProgressHandler`` does (Ember's local engine
        supports it too).

        Parameters
        ----------
        handler : ProgressHandler or callable
            Called with keyword arguments ``stages`` (list of
            ``pyspark.sql.connect.shell.progress.StageInfo``), ``inflight_tasks`` (int),
            ``operation_id`` (str, the operation's UUID) and ``done`` (bool): while the
            operation runs, at most every ``spark.ui.consoleProgress.update.interval``
            milliseconds (200), and once at its end with ``done=True``.

        Examples
        --------
        >>> calls = []
        >>> def handler(stages, inflight_tasks, operation_id, done):
        ...     calls.append(done)
        >>> spark.registerProgressHandler(handler)
        >>> spark.range(10).count()
        10
        >>> calls[-1]
        True
        >>> spark.clearProgressHandlers()
        """
        from pyspark import _ember_jobs

        _ember_jobs.add_handler(handler)

    def removeProgressHandler(self, handler):
        """Removes a handler given to ``registerProgressHandler`` (a no-op if absent)."""
        from pyspark import _ember_jobs

        _ember_jobs.remove_handler(handler)

    def clearProgressHandlers(self):
        """Removes every progress handler."""
        from pyspark import _ember_jobs

        _ember_jobs.clear_handlers()

    def addTag(self, tag):
        """Adds a tag to every operation this thread starts in this session, so that
        ``interruptTag`` can stop them (``SparkSession.addTag``).

        Parameters
        ----------
        tag : str
            Not None, not empty, without ``,``; otherwise ``PySparkValueError``
            (``CANNOT_BE_NONE``, ``VALUE_NOT_NON_EMPTY_STR``, ``VALUE_ALLOWED``).

        Examples
        --------
        >>> spark.addTag("nightly")
        >>> spark.getTags()
        {'nightly'}
        >>> spark.clearTags()
        """
        from pyspark import _ember_jobs

        _ember_jobs.validate_tag(tag)
        _ember_jobs.state().session_tags.add(tag)

    def removeTag(self, tag):
        """Removes a tag added with ``addTag`` (a no-op if absent)."""
        from pyspark import _ember_jobs

        _ember_jobs.validate_tag(tag)
        _ember_jobs.state().session_tags.discard(tag)

    def getTags(self):
        """This thread's operation tags, as a set of str."""
        from pyspark import _ember_jobs

        return set(_ember_jobs.state().session_tags)

    def clearTags(self):
        """Removes this thread's operation tags."""
        from pyspark import _ember_jobs

        _ember_jobs.state().session_tags.clear()

    def interruptAll(self):
        """Interrupts every running operation of this session; returns their operation ids
        (list of str). Each fails with ``SparkRuntimeException`` (``SPARK_JOB_CANCELLED``).
        Mirrors ``SparkSession.interruptAll``."""
        from pyspark import _native

        return _native.cancel_jobs("all")

    def interruptTag(self, tag):
        """Interrupts the running operations that carry ``tag`` (from ``addTag`` in the
        thread that started them); returns their operation ids (list of str).

        >>> spark.interruptTag("nothing-runs-with-this-tag")
        []
        """
        from pyspark import _ember_jobs, _native

        _ember_jobs.validate_tag(tag)
        return _native.cancel_jobs("tag", tag)

    def interruptOperation(self, op_id):
        """Interrupts the running operation with id ``op_id`` (the ``operation_id`` that
        progress handlers get); returns ``[op_id]`` if it was running, else ``[]``."""
        from pyspark import _native

        return _native.cancel_jobs("operation", op_id)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.stop()

    # ----------------------------------------------------------------- DataFrames
    def range(self, start: int, end: Optional[int] = None, step: int = 1, numPartitions: Optional[int] = None) -> DataFrame:
        """A DataFrame with one ``bigint`` column ``id`` from ``start`` to ``end`` (exclusive).

        Examples
        --------
        >>> spark.range(1, 7, 2).collect()
        [Row(id=1), Row(id=3), Row(id=5)]
        """
        if end is None:
            start, end = 0, start
        return DataFrame(_plan.relation("Range", start=int(start), end=int(end), step=int(step), num_partitions=numPartitions), self)

    def createDataFrame(self, data: Any, schema: Any = None, samplingRatio: Optional[float] = None, verifySchema: bool = True) -> DataFrame:
        """A DataFrame from a list of tuples, Rows, dicts or scalars, or a pandas DataFrame.

        Parameters
        ----------
        data : list, RDD, pandas.DataFrame, pyarrow.Table or RecordBatch, or an object
            with ``__arrow_c_stream__`` (polars, duckdb)
            Arrow data goes to the engine through the Arrow C stream, each Arrow type
            read as PySpark reads it (``int64`` as ``bigint``, ``large_string`` as
            ``string``); columns of timestamps or other types are read through Rows.
        schema : StructType, DataType, DDL str, or list of column names, optional
            Without it the types are inferred: Python int is ``long``, float ``double``.

        Raises
        ------
        PySparkValueError
            ``CANNOT_INFER_EMPTY_SCHEMA`` for empty data without a schema.
        PySparkTypeError
            ``CANNOT_MERGE_TYPE`` when rows disagree on a column's type.

        Examples
        --------
        >>> spark.createDataFrame([("Alice", 1)], ["name", "age"]).collect()
        [Row(name='Alice', age=1)]
        """
        if hasattr(data, "__arrow_c_stream__") and not hasattr(data, "to_records") or type(data).__name__ == "RecordBatch":
            from pyspark.sql._arrow import _from_arrow

            frame = _from_arrow(self, data, schema)
            if frame is not None:
                return frame
            data = data.to_pylist() if hasattr(data, "to_pylist") else _rows_of_stream(data)
            if schema is None:
                schema = list(data[0].keys()) if data else None
            data = [tuple(row.values()) for row in data]
        if type(data).__name__ == "ndarray" and type(data).__module__ == "numpy":
            data = _numpy_frame(data)
        if hasattr(data, "to_records") and hasattr(data, "columns"):
            from pyspark.sql._arrow import _from_pandas

            frame = _from_pandas(self, data, schema)
            if frame is not None:
                return frame
            names = [str(c) for c in data.columns]
            data = [tuple(_pandas_value(v) for v in row) for row in data.itertuples(index=False)]
            if schema is None:
                schema = names
        from pyspark.core.rdd import RDD

        if isinstance(data, RDD):
            data = data.collect()
        data = list(data)
        names = None
        if isinstance(schema, str):
            schema = _parse_datatype_string(schema)
        if isinstance(schema, (list, tuple)):
            names = [str(n) for n in schema]
            schema = None
        if isinstance(schema, DataType) and not isinstance(schema, StructType):
            schema = StructType([StructField("value", schema, True)])
            data = [(v,) for v in data]
        inferred = schema is None
        if inferred:
            schema = _infer_schema_from_data(data, names)
        rows = [_to_tuple(row, schema) for row in data]
        try:
            relation_id = self._native.create_local_relation(rows, schema.json())
        except TypeError as error:
            # An inferred string type that absorbed other values (``['a', 1]``): Spark
            # stores those values' text, as its JVM side does when converting the rows.
            if not inferred or "FIELD_DATA_TYPE_UNACCEPTABLE" not in str(error):
                raise
            rows = [_as_text_where_string(row, schema) for row in rows]
            relation_id = self._native.create_local_relation(rows, schema.json())
        return DataFrame(_plan.relation("LocalRelation", id=relation_id), self)

    def sql(self, sqlQuery: str, args: Optional[Union[Dict[str, Any], List[Any]]] = None, **kwargs: Any) -> DataFrame:
        """A DataFrame for a Spark SQL query over temporary views.

        ``kwargs`` fill ``{name}`` fields of the query as Python's ``str.format`` does:
        a DataFrame becomes a temporary view's name, a Column its name, other values
        their ``str``. ``args`` bind parameters: a dict binds ``:name`` markers, a list
        binds ``?`` markers in order, each value as a SQL literal.

        Commands run at once, as in Spark: ``CREATE [OR REPLACE] TEMPORARY VIEW name
        [(columns)] AS query`` and ``DROP VIEW [IF EXISTS] name`` return an empty
        DataFrame; creating a view that exists raises ``AnalysisException``
        ``TEMP_TABLE_OR_VIEW_ALREADY_EXISTS`` and dropping one that does not
        ``TABLE_OR_VIEW_NOT_FOUND``.

        Raises ``ParseException`` (``PARSE_SYNTAX_ERROR``) for invalid SQL and
        ``AnalysisException`` (e.g. ``TABLE_OR_VIEW_NOT_FOUND``) for unresolvable names.

        Examples
        --------
        >>> spark.sql("SELECT 1 AS one").collect()
        [Row(one=1)]
        """
        if kwargs:
            sqlQuery = _sql_formatter()(self).format(sqlQuery, **kwargs)
        if args:
            sqlQuery = _bind_parameters(sqlQuery, args)
        from pyspark.sql import _udtf_sql

        sqlQuery = _udtf_sql.rewrite(self, sqlQuery)
        outcome = self._native.run_sql_command(sqlQuery)
        if outcome == 0:
            # A command (CREATE TABLE, DROP VIEW, ...) has run; Spark returns an empty
            # DataFrame without columns.
            from pyspark.sql.types import StructType

            return self.createDataFrame([], StructType([]))
        if outcome is not None:
            # A command that shows rows (SHOW TABLES, DESCRIBE): its rows, kept by the
            # engine as a local relation.
            return DataFrame(_plan.relation("LocalRelation", id=outcome), self)
        df = DataFrame(_plan.relation("Sql", query=sqlQuery), self)
        df._schema = None
        df.schema  # Spark analyzes the query eagerly.
        return df

    def table(self, tableName: str) -> DataFrame:
        """The temporary view ``tableName`` as a DataFrame.

        Raises ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND`` when it does not exist.
        """
        df = DataFrame(_plan.relation("NamedTable", name=tableName), self)
        df.schema
        return df


def _rows_of_stream(data):
    """The rows of an ``__arrow_c_stream__`` object as dicts, through pyarrow."""
    import pyarrow as pa

    return pa.table(data).to_pylist()


def _numpy_frame(array):
    """A NumPy array as the pandas DataFrame PySpark makes of it: one column ``value`` for
    one dimension, columns ``_1``, ``_2``, … for two; other shapes raise
    ``PySparkValueError`` (``INVALID_NDARRAY_DIMENSION``)."""
    import pandas as pd
    from pyspark.errors import PySparkValueError

    if array.ndim == 1:
        return pd.DataFrame({"value": array})
    if array.ndim == 2:
        return pd.DataFrame(array, columns=["_%d" % (i + 1) for i in range(array.shape[1])])
    raise PySparkValueError(errorClass="INVALID_NDARRAY_DIMENSION", messageParameters={"dimensions": "1 or 2"})


def _pandas_value(value):
    """A pandas cell as PySpark's row conversion hands it over when the frame has columns
    of other than numbers: NaN, pandas' NA and NaT are None, a Timestamp a ``datetime``, a
    numpy scalar its Python value."""
    if type(value).__name__ in ("NAType", "NaTType") or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime()
    return value.item() if hasattr(value, "item") else value


def _java_text(value):
    """The text Java's ``toString`` gives a Python scalar (``true``, ``1``, ``1.5``,
    ``1.0E20``, ``NaN``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, float):
        return str(value)
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" not in text:
        return text
    mantissa, _, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    return "%sE%d" % (mantissa, int(exponent))


def _as_text_where_string(value, data_type):
    """``value`` with every non-text value at a string position of ``data_type`` made
    text (PySpark's schema inference lets a string type absorb other atomic types)."""
    if value is None:
        return None
    if isinstance(data_type, StringType):
        return value if isinstance(value, str) else _java_text(value)
    if isinstance(data_type, StructType):
        items = value.values() if isinstance(value, dict) else value
        return tuple(_as_text_where_string(v, f.dataType) for v, f in zip(items, data_type.fields))
    if isinstance(data_type, ArrayType):
        return [_as_text_where_string(v, data_type.elementType) for v in value]
    if isinstance(data_type, MapType):
        return {
            _as_text_where_string(k, data_type.keyType): _as_text_where_string(v, data_type.valueType)
            for k, v in value.items()
        }
    return value


def _to_tuple(row, schema):
    """A row as a tuple in the schema's field order (Rows and dicts by name)."""
    names = schema.names
    if isinstance(row, dict):
        return tuple(row.get(n) for n in names)
    if isinstance(row, Row) and hasattr(row, "__fields__"):
        if list(row.__fields__) == names:
            return tuple(row)
        values = row.asDict()
        return tuple(values.get(n) for n in names)
    if isinstance(row, (tuple, list)):
        return tuple(row)
    if hasattr(row, "__dict__"):
        return tuple(getattr(row, n, None) for n in names)
    return (row,)
