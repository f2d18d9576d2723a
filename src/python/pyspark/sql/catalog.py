"""``spark.catalog``: databases, tables, views, functions and the cache (PySpark's
``pyspark.sql.Catalog``).

Every method asks the engine's session catalog (``_native.catalog``): tables and views
live in a metadata store inside ``spark.sql.warehouse.dir`` and survive a restart of the
shell; temporary views belong to their session and global temporary views to the
``global_temp`` database. Errors are ``pyspark.errors.AnalysisException`` with Spark's
conditions, e.g. ``TABLE_OR_VIEW_NOT_FOUND``, ``SCHEMA_NOT_FOUND``,
``SCHEMA_ALREADY_EXISTS``, ``TABLE_OR_VIEW_ALREADY_EXISTS``.
"""
import json
import warnings
from typing import Any, Dict, List, NamedTuple, Optional

__all__ = ["Catalog", "CatalogMetadata", "Database", "Table", "Column", "Function", "TablePartition"]


class CatalogMetadata(NamedTuple):
    """A catalog: its ``name`` and ``description``."""

    name: str
    description: Optional[str]


class Database(NamedTuple):
    """A database: ``name``, ``catalog``, ``description`` and ``locationUri`` (a
    ``file:`` URI)."""

    name: str
    catalog: Optional[str]
    description: Optional[str]
    locationUri: str


class Table(NamedTuple):
    """A table or view. ``namespace`` is ``[database]`` (``[]`` for a temporary view);
    ``tableType`` is ``MANAGED``, ``EXTERNAL``, ``VIEW`` or ``TEMPORARY``."""

    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    tableType: str
    isTemporary: bool

    @property
    def database(self) -> Optional[str]:
        """The one database of ``namespace``, else None."""
        return self.namespace[0] if self.namespace is not None and len(self.namespace) == 1 else None


class Column(NamedTuple):
    """A column of a table: its Spark type as ``dataType`` text (``bigint``)."""

    name: str
    description: Optional[str]
    dataType: str
    nullable: bool
    isPartition: bool
    isBucket: bool
    isCluster: bool


class Function(NamedTuple):
    """A function: built-in functions and session UDFs are temporary."""

    name: str
    catalog: Optional[str]
    namespace: Optional[List[str]]
    description: Optional[str]
    className: str
    isTemporary: bool


class TablePartition(NamedTuple):
    """One partition of a table, as ``k1=v1/k2=v2`` text."""

    partition: str


def _storage_level_name(level) -> str:
    """The name of a ``StorageLevel`` constant (``MEMORY_AND_DISK``), else its text."""
    from pyspark.storagelevel import StorageLevel

    for name in dir(StorageLevel):
        if name.isupper() and getattr(StorageLevel, name) == level:
            return name
    return str(level)


class Catalog:
    """The session catalog of a ``SparkSession`` (``spark.catalog``). Mirrors
    ``pyspark.sql.Catalog``; Spark's only catalog is ``spark_catalog``."""

    def __init__(self, sparkSession):
        self._sparkSession = sparkSession

    def _call(self, operation: str, **arguments: Any) -> Any:
        answer = self._sparkSession._native.catalog(operation, json.dumps(arguments))
        return json.loads(answer)

    # ------------------------------------------------------------------ catalogs
    def currentCatalog(self) -> str:
        """The current catalog's name, always ``'spark_catalog'``.

        >>> spark.catalog.currentCatalog()
        'spark_catalog'
        """
        return "spark_catalog"

    def setCurrentCatalog(self, catalogName: str) -> None:
        """Sets the current catalog; only ``spark_catalog`` exists, any other name raises
        ``AnalysisException`` (``CATALOG_NOT_FOUND``)."""
        if catalogName.lower() != "spark_catalog":
            from pyspark.errors import AnalysisException

            raise AnalysisException(
                errorClass="CATALOG_NOT_FOUND",
                messageParameters={"catalogName": "`%s`" % catalogName, "config": '"spark.sql.catalog.%s"' % catalogName},
            )

    def listCatalogs(self, pattern: Optional[str] = None) -> List[CatalogMetadata]:
        """The catalogs, whose names match ``pattern`` (``*`` any text) when given.

        >>> spark.catalog.listCatalogs()
        [CatalogMetadata(name='spark_catalog', description=None)]
        """
        import fnmatch

        if pattern is not None and not fnmatch.fnmatch("spark_catalog", pattern.lower()):
            return []
        return [CatalogMetadata("spark_catalog", None)]

    # ----------------------------------------------------------------- databases
    def currentDatabase(self) -> str:
        """The database unqualified table names resolve in (``'default'`` at start).

        >>> spark.catalog.currentDatabase()
        'default'
        """
        return self._call("currentDatabase")

    def setCurrentDatabase(self, dbName: str) -> None:
        """Makes ``dbName`` the current database (SQL's ``USE``); raises
        ``AnalysisException`` ``SCHEMA_NOT_FOUND`` when it does not exist.

        >>> spark.catalog.setCurrentDatabase("default")
        """
        self._call("setCurrentDatabase", dbName=dbName)

    def listDatabases(self, pattern: Optional[str] = None) -> List[Database]:
        """The databases as ``Database`` tuples, whose names match ``pattern`` (``*`` any
        text, ``|`` alternatives) when given.

        >>> [d.name for d in spark.catalog.listDatabases("def*")]
        ['default']
        """
        return [Database(**d) for d in self._call("listDatabases", pattern=pattern)]

    def getDatabase(self, dbName: str) -> Database:
        """The database ``dbName`` (optionally ``spark_catalog.db``); raises
        ``AnalysisException`` ``SCHEMA_NOT_FOUND``.

        >>> spark.catalog.getDatabase("default").name
        'default'
        """
        return Database(**self._call("getDatabase", dbName=dbName))

    def databaseExists(self, dbName: str) -> bool:
        """Whether the database exists.

        >>> spark.catalog.databaseExists("default")
        True
        """
        return self._call("databaseExists", dbName=dbName)

    def createDatabase(self, dbName: str, ifNotExists: bool = False, properties: Optional[Dict[str, str]] = None) -> None:
        """Creates a database (a directory ``<warehouse>/<name>.db``). ``properties`` may
        carry ``comment`` and ``location``. Raises ``AnalysisException``
        ``SCHEMA_ALREADY_EXISTS`` unless ``ifNotExists``.

        >>> spark.catalog.createDatabase("ember_doc_db", ifNotExists=True)
        >>> spark.catalog.dropDatabase("ember_doc_db")
        """
        properties = dict(properties or {})
        comment = properties.pop("comment", None)
        location = properties.pop("location", None)
        self._call("createDatabase", dbName=dbName, ifNotExists=ifNotExists, comment=comment, location=location, properties=properties)

    def dropDatabase(self, dbName: str, ifExists: bool = False, cascade: bool = False) -> None:
        """Drops a database; with ``cascade`` its tables too. Raises ``AnalysisException``
        ``SCHEMA_NOT_FOUND`` (unless ``ifExists``) or ``SCHEMA_NOT_EMPTY``."""
        self._call("dropDatabase", dbName=dbName, ifExists=ifExists, cascade=cascade)

    # -------------------------------------------------------------------- tables
    def listTables(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Table]:
        """The tables and views of ``dbName`` (the current database by default), then the
        session's temporary views, as ``Table`` tuples; ``pattern`` filters the names.

        >>> spark.range(1).createOrReplaceTempView("doc_view")
        >>> [t.name for t in spark.catalog.listTables(pattern="doc_*")]
        ['doc_view']
        >>> _ = spark.catalog.dropTempView("doc_view")
        """
        return [Table(**t) for t in self._call("listTables", dbName=dbName, pattern=pattern)]

    def listViews(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Table]:
        """The views of ``dbName`` and the temporary views, as ``Table`` tuples."""
        return [Table(**t) for t in self._call("listViews", dbName=dbName, pattern=pattern)]

    def getTable(self, tableName: str) -> Table:
        """The table or view ``tableName`` (a temporary view, ``db.t`` or
        ``spark_catalog.db.t``); raises ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND``."""
        return Table(**self._call("getTable", tableName=tableName))

    def tableExists(self, tableName: str, dbName: Optional[str] = None) -> bool:
        """Whether a table, view or temporary view of the name exists.

        >>> spark.catalog.tableExists("no_such_table")
        False
        """
        return self._call("tableExists", tableName=tableName, dbName=dbName)

    def listColumns(self, tableName: str, dbName: Optional[str] = None) -> List[Column]:
        """The columns of a table or view as ``Column`` tuples; raises
        ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND``."""
        return [Column(**c) for c in self._call("listColumns", tableName=tableName, dbName=dbName)]

    def listPartitions(self, tableName: str) -> List[TablePartition]:
        """The partitions of a partitioned table (``p=1``); raises ``AnalysisException``
        ``INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY`` for a table without."""
        return [TablePartition(p) for p in self._call("listPartitions", tableName=tableName)]

    def getTableProperties(self, tableName: str) -> Dict[str, str]:
        """A table's ``TBLPROPERTIES`` as a dict."""
        return self._call("getTableProperties", tableName=tableName)

    def getCreateTableString(self, tableName: str, asSerde: bool = False) -> str:
        """The ``CREATE TABLE`` statement of a table (SQL's ``SHOW CREATE TABLE``)."""
        return self._call("getCreateTableString", tableName=tableName)

    def createExternalTable(self, tableName: str, path: Optional[str] = None, source: Optional[str] = None, schema=None, **options: str):
        """Deprecated form of ``createTable`` (warns ``FutureWarning``)."""
        warnings.warn("createExternalTable is deprecated since Spark 2.2, please use createTable instead.", FutureWarning)
        return self.createTable(tableName, path, source, schema, **options)

    def createTable(self, tableName: str, path: Optional[str] = None, source: Optional[str] = None, schema=None, description: Optional[str] = None, **options: str):
        """Creates a table and returns it as a DataFrame. With ``path`` the table is
        EXTERNAL over the files there (its schema read from them when not given);
        otherwise it is MANAGED under the warehouse. ``source`` is the data source
        (``parquet`` by default). Raises ``AnalysisException``
        ``TABLE_OR_VIEW_ALREADY_EXISTS``, and ``PySparkTypeError`` ``NOT_EXPECTED_TYPE``
        when ``schema`` is not a ``StructType``.

        >>> _ = spark.catalog.createTable("doc_tbl", schema=spark.range(1).schema)
        >>> spark.table("doc_tbl").count()
        0
        >>> _ = spark.sql("DROP TABLE doc_tbl")
        """
        from pyspark.sql.types import StructType

        if schema is not None and not isinstance(schema, StructType):
            from pyspark.errors import PySparkTypeError

            raise PySparkTypeError(
                errorClass="NOT_EXPECTED_TYPE",
                messageParameters={"arg_name": "schema", "expected_type": "struct type", "arg_type": type(schema).__name__},
            )
        self._call(
            "createTable",
            tableName=tableName,
            path=path,
            source=source,
            schema=schema.json() if schema is not None else None,
            description=description or None,
            options=options,
        )
        return self._sparkSession.table(tableName)

    def dropTable(self, tableName: str, ifExists: bool = False, purge: bool = False) -> None:
        """Drops a table (a managed table's files too); raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND`` unless ``ifExists``."""
        self._call("dropTable", tableName=tableName, ifExists=ifExists)

    def dropView(self, viewName: str, ifExists: bool = False) -> None:
        """Drops a view or temporary view; raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND`` unless ``ifExists``."""
        self._call("dropView", viewName=viewName, ifExists=ifExists)

    def dropTempView(self, viewName: str) -> bool:
        """Drops a temporary view of this session; returns whether it existed.

        >>> spark.catalog.dropTempView("no_such_view")
        False
        """
        return self._sparkSession._native.drop_temp_view(viewName)

    def dropGlobalTempView(self, viewName: str) -> bool:
        """Drops a global temporary view (``global_temp.viewName``); returns whether it
        existed."""
        try:
            self._sparkSession._native.run_sql_command("DROP VIEW global_temp.`%s`" % viewName.replace("`", "``"))
            return True
        except Exception as error:  # the view did not exist
            if "TABLE_OR_VIEW_NOT_FOUND" in str(error):
                return False
            raise

    def truncateTable(self, tableName: str) -> None:
        """Removes every row of a table (SQL's ``TRUNCATE TABLE``)."""
        self._call("truncateTable", tableName=tableName)

    def analyzeTable(self, tableName: str, noScan: bool = False) -> None:
        """Records a table's size in bytes and, unless ``noScan``, its row count (SQL's
        ``ANALYZE TABLE ... COMPUTE STATISTICS``)."""
        self._call("analyzeTable", tableName=tableName, noScan=noScan)

    # ----------------------------------------------------------------- functions
    def listFunctions(self, dbName: Optional[str] = None, pattern: Optional[str] = None) -> List[Function]:
        """The built-in functions and the session's UDFs as ``Function`` tuples, sorted by
        name; ``pattern`` filters the names.

        >>> [f.name for f in spark.catalog.listFunctions(pattern="to_date")]
        ['to_date']
        """
        return [Function(**f) for f in self._call("listFunctions", dbName=dbName, pattern=pattern)]

    def functionExists(self, functionName: str, dbName: Optional[str] = None) -> bool:
        """Whether a built-in function or session UDF of the name exists.

        >>> spark.catalog.functionExists("count")
        True
        """
        return self._call("functionExists", functionName=functionName, dbName=dbName)

    def getFunction(self, functionName: str) -> Function:
        """A function by name; raises ``AnalysisException`` ``UNRESOLVED_ROUTINE``."""
        return Function(**self._call("getFunction", functionName=functionName))

    def registerFunction(self, name: str, f, returnType=None):
        """Deprecated alias of ``spark.udf.register`` (warns ``FutureWarning``)."""
        warnings.warn("Deprecated in 2.3.0. Use spark.udf.register instead.", FutureWarning)
        return self._sparkSession.udf.register(name, f, returnType)

    # --------------------------------------------------------------------- cache
    def isCached(self, tableName: str) -> bool:
        """Whether a table or temporary view is cached; raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND``."""
        return self._call("isCached", tableName=tableName)

    def cacheTable(self, tableName: str, storageLevel=None) -> None:
        """Caches a table or temporary view: the first read keeps its rows in memory as
        Arrow batches and later reads use them. ``storageLevel`` is recorded
        (``MEMORY_AND_DISK`` by default). Raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND``."""
        level = _storage_level_name(storageLevel) if storageLevel is not None else None
        self._call("cacheTable", tableName=tableName, storageLevel=level)

    def uncacheTable(self, tableName: str) -> None:
        """Frees the cached rows of a table or temporary view; raises
        ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND``."""
        self._call("uncacheTable", tableName=tableName)

    def clearCache(self) -> None:
        """Frees every cached table and DataFrame."""
        self._call("clearCache")

    def refreshTable(self, tableName: str) -> None:
        """Drops the kept rows of a cached table so the next read sees its files again."""
        self._call("refreshTable", tableName=tableName)

    def recoverPartitions(self, tableName: str) -> None:
        """Checks a partitioned table; its partitions are found by listing its directory
        on every read, so new ``k=v`` directories are seen without this."""
        self._call("recoverPartitions", tableName=tableName)

    def refreshByPath(self, path: str) -> None:
        """Drops the kept rows of the cached tables whose files are under ``path``."""
        self._call("refreshByPath", path=path)
