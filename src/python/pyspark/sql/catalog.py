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
from collections import namedtuple

from pyspark.storagelevel import StorageLevel

__all__ = ["Catalog", "CatalogMetadata", "Database", "Table", "Column", "Function", "TablePartition"]


# The records the catalog answers with, with PySpark's field names and order.
CatalogMetadata = namedtuple("CatalogMetadata", ["name", "description"])
Database = namedtuple("Database", ["name", "catalog", "description", "locationUri"])
Column = namedtuple("Column", ["name", "description", "dataType", "nullable", "isPartition", "isBucket", "isCluster"])
Function = namedtuple("Function", ["name", "catalog", "namespace", "description", "className", "isTemporary"])
TablePartition = namedtuple("TablePartition", ["partition"])


class Table(namedtuple("Table", ["name", "catalog", "namespace", "description", "tableType", "isTemporary"])):
    """A table or view. ``namespace`` is ``[database]`` (``[]`` for a temporary view);
    ``tableType`` is ``MANAGED``, ``EXTERNAL``, ``VIEW`` or ``TEMPORARY``."""

    __slots__ = ()

    @property
    def database(self):
        """The single database of ``namespace``, or None."""
        names = self.namespace or []
        return names[0] if len(names) == 1 else None


def _storage_level_name(level):
    """The name of a ``StorageLevel`` constant (``MEMORY_AND_DISK``), else the level's
    flags as ``StorageLevel(...)`` text, which ``_storage_level_named`` reads back."""
    for name in dir(StorageLevel):
        if name.isupper() and getattr(StorageLevel, name) == level:
            return name
    return repr(level)


def _storage_level_named(name):
    """The ``StorageLevel`` a ``_storage_level_name`` text stands for."""
    if name.startswith("StorageLevel("):
        flags = [part.strip() for part in name[len("StorageLevel("):-1].split(",")]
        return StorageLevel(*[part == "True" if part in ("True", "False") else int(part) for part in flags])
    return getattr(StorageLevel, name)


class Catalog:
    """The session catalog of a ``SparkSession`` (``spark.catalog``). Mirrors
    ``pyspark.sql.Catalog``; Spark's only catalog is ``spark_catalog``."""

    def __init__(self, session):
        self._session = session

    def _call(self, operation, **arguments):
        from pyspark.errors import PySparkNotImplementedError

        try:
            answer = self._session._native.catalog(operation, json.dumps(arguments))
        except PySparkNotImplementedError:
            # A Spark Connect server answers through SQL.
            return self._through_sql(operation, arguments)
        return json.loads(answer)

    def _through_sql(self, operation, arguments):
        """The answers a Spark Connect session gets from SQL (``SHOW``, table schemas)
        for the operations that have a SQL form; others raise ``NOT_IMPLEMENTED``."""
        from pyspark.errors import AnalysisException, PySparkNotImplementedError

        sql = self._session.sql
        name = arguments.get("tableName")
        if name is not None and arguments.get("dbName"):
            name = "%s.%s" % (arguments["dbName"], name)
        if operation == "currentDatabase":
            return sql("SELECT current_database()").collect()[0][0]
        if operation in ("listDatabases", "databaseExists"):
            names = [row[0] for row in sql("SHOW DATABASES").collect()]
            if operation == "databaseExists":
                return arguments["dbName"] in names
            return [{"name": n, "catalog": "spark_catalog", "description": None, "locationUri": ""} for n in names]
        if operation == "listTables":
            import fnmatch

            query = "SHOW TABLES" + (" IN %s" % arguments["dbName"] if arguments.get("dbName") else "")
            found = []
            for namespace, table, temporary in sql(query).collect():
                if arguments.get("pattern") and not fnmatch.fnmatch(table, arguments["pattern"]):
                    continue
                found.append({
                    "name": table, "catalog": None if temporary else "spark_catalog",
                    "namespace": [namespace] if namespace else [], "description": None,
                    "tableType": "TEMPORARY" if temporary else "MANAGED", "isTemporary": temporary,
                })
            return found
        if operation in ("tableExists", "listColumns"):
            try:
                schema = self._session.table(name).schema
            except AnalysisException:
                if operation == "tableExists":
                    return False
                raise
            if operation == "tableExists":
                return True
            return [{
                "name": f.name, "description": None, "dataType": f.dataType.simpleString(), "nullable": f.nullable,
                "isPartition": False, "isBucket": False, "isCluster": False,
            } for f in schema.fields]
        raise PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "Catalog.%s over Spark Connect" % operation})

    # ------------------------------------------------------------------ catalogs
    def currentCatalog(self):
        """The current catalog's name, always ``'spark_catalog'``.

        >>> spark.catalog.currentCatalog() == "spark_catalog"
        True
        """
        return "spark_catalog"

    def setCurrentCatalog(self, catalogName):
        """Sets the current catalog; only ``spark_catalog`` exists, any other name raises
        ``AnalysisException`` (``CATALOG_NOT_FOUND``)."""
        if catalogName.lower() != "spark_catalog":
            from pyspark.errors import AnalysisException

            raise AnalysisException(
                errorClass="CATALOG_NOT_FOUND",
                messageParameters={"catalogName": "`%s`" % catalogName, "config": '"spark.sql.catalog.%s"' % catalogName},
            )

    def listCatalogs(self, pattern=None):
        """The catalogs, whose names match ``pattern`` (``*`` any text) when given.

        >>> [c.name for c in spark.catalog.listCatalogs("spark*")]
        ['spark_catalog']
        """
        import fnmatch

        if pattern is not None and not fnmatch.fnmatch("spark_catalog", pattern.lower()):
            return []
        return [CatalogMetadata("spark_catalog", None)]

    # ----------------------------------------------------------------- databases
    def currentDatabase(self):
        """The database unqualified table names resolve in (``'default'`` at start).

        >>> _ = spark.sql("CREATE DATABASE IF NOT EXISTS doc_db")
        >>> spark.catalog.setCurrentDatabase("doc_db")
        >>> spark.catalog.currentDatabase()
        'doc_db'
        >>> spark.catalog.setCurrentDatabase("default")
        >>> spark.catalog.dropDatabase("doc_db")
        """
        return self._call("currentDatabase")

    def setCurrentDatabase(self, dbName):
        """Makes ``dbName`` the current database (SQL's ``USE``); raises
        ``AnalysisException`` ``SCHEMA_NOT_FOUND`` when it does not exist.

        >>> spark.catalog.setCurrentDatabase("default")
        """
        self._call("setCurrentDatabase", dbName=dbName)

    def listDatabases(self, pattern=None):
        """The databases as ``Database`` tuples, whose names match ``pattern`` (``*`` any
        text, ``|`` alternatives) when given.

        >>> [d.name for d in spark.catalog.listDatabases("def*")]
        ['default']
        """
        return [Database(**d) for d in self._call("listDatabases", pattern=pattern)]

    def getDatabase(self, dbName):
        """The database ``dbName`` (optionally ``spark_catalog.db``); raises
        ``AnalysisException`` ``SCHEMA_NOT_FOUND``.

        >>> spark.catalog.getDatabase("default").name
        'default'
        """
        return Database(**self._call("getDatabase", dbName=dbName))

    def databaseExists(self, dbName):
        """Whether the database exists.

        >>> spark.catalog.databaseExists("default")
        True
        """
        return self._call("databaseExists", dbName=dbName)

    def createDatabase(self, dbName, ifNotExists=False, properties=None):
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

    def dropDatabase(self, dbName, ifExists=False, cascade=False):
        """Drops a database; with ``cascade`` its tables too. Raises ``AnalysisException``
        ``SCHEMA_NOT_FOUND`` (unless ``ifExists``) or ``SCHEMA_NOT_EMPTY``."""
        self._call("dropDatabase", dbName=dbName, ifExists=ifExists, cascade=cascade)

    # -------------------------------------------------------------------- tables
    def listTables(self, dbName=None, pattern=None):
        """The tables and views of ``dbName`` (the current database by default), then the
        session's temporary views, as ``Table`` tuples; ``pattern`` filters the names.

        >>> spark.range(1).createOrReplaceTempView("doc_view")
        >>> [t.name for t in spark.catalog.listTables(pattern="doc_*")]
        ['doc_view']
        >>> _ = spark.catalog.dropTempView("doc_view")
        """
        return [Table(**t) for t in self._call("listTables", dbName=dbName, pattern=pattern)]

    def listViews(self, dbName=None, pattern=None):
        """The views of ``dbName`` and the temporary views, as ``Table`` tuples."""
        return [Table(**t) for t in self._call("listViews", dbName=dbName, pattern=pattern)]

    def getTable(self, tableName):
        """The table or view ``tableName`` (a temporary view, ``db.t`` or
        ``spark_catalog.db.t``); raises ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND``."""
        return Table(**self._call("getTable", tableName=tableName))

    def tableExists(self, tableName, dbName=None):
        """Whether a table, view or temporary view of the name exists.

        >>> spark.catalog.tableExists("no_such_table")
        False
        """
        return self._call("tableExists", tableName=tableName, dbName=dbName)

    def listColumns(self, tableName, dbName=None):
        """The columns of a table or view as ``Column`` tuples; raises
        ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND``."""
        return [Column(**c) for c in self._call("listColumns", tableName=tableName, dbName=dbName)]

    def listPartitions(self, tableName):
        """The partitions of a partitioned table (``p=1``); raises ``AnalysisException``
        ``INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY`` for a table without."""
        return [TablePartition(p) for p in self._call("listPartitions", tableName=tableName)]

    def getTableProperties(self, tableName):
        """A table's ``TBLPROPERTIES`` as a dict."""
        return self._call("getTableProperties", tableName=tableName)

    def getCreateTableString(self, tableName, asSerde=False):
        """The ``CREATE TABLE`` statement of a table (SQL's ``SHOW CREATE TABLE``)."""
        return self._call("getCreateTableString", tableName=tableName)

    def createExternalTable(self, tableName, path=None, source=None, schema=None, **options):
        """Deprecated form of ``createTable`` (warns ``FutureWarning``)."""
        warnings.warn("createExternalTable is deprecated since Spark 2.2, please use createTable instead.", FutureWarning)
        return self.createTable(tableName, path=path, source=source, schema=schema, **options)

    def createTable(self, tableName, path=None, source=None, schema=None, description=None, **options):
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

            parameters = {"arg_name": "schema", "expected_type": "struct type", "arg_type": type(schema).__name__}
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters=parameters)
        self._call(
            "createTable",
            tableName=tableName,
            path=path,
            source=source,
            schema=schema.json() if schema is not None else None,
            description=description or None,
            options=options,
        )
        return self._session.table(tableName)

    def dropTable(self, tableName, ifExists=False, purge=False):
        """Drops a table (a managed table's files too); raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND`` unless ``ifExists``."""
        self._call("dropTable", tableName=tableName, ifExists=ifExists)

    def dropView(self, viewName, ifExists=False):
        """Drops a view or temporary view; raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND`` unless ``ifExists``."""
        self._call("dropView", viewName=viewName, ifExists=ifExists)

    def dropTempView(self, viewName):
        """Drops a temporary view of this session; returns whether it existed.

        >>> spark.catalog.dropTempView("no_such_view")
        False
        """
        return self._session._native.drop_temp_view(viewName)

    def dropGlobalTempView(self, viewName):
        """Drops a global temporary view (``global_temp.viewName``); returns whether it
        existed."""
        try:
            self._session._native.run_sql_command("DROP VIEW global_temp.`%s`" % viewName.replace("`", "``"))
            return True
        except Exception as error:  # the view did not exist
            if "TABLE_OR_VIEW_NOT_FOUND" in str(error):
                return False
            raise

    def truncateTable(self, tableName):
        """Removes every row of a table (SQL's ``TRUNCATE TABLE``)."""
        self._call("truncateTable", tableName=tableName)

    def analyzeTable(self, tableName, noScan=False):
        """Records a table's size in bytes and, unless ``noScan``, its row count (SQL's
        ``ANALYZE TABLE ... COMPUTE STATISTICS``)."""
        self._call("analyzeTable", tableName=tableName, noScan=noScan)

    # ----------------------------------------------------------------- functions
    def listFunctions(self, dbName=None, pattern=None):
        """The built-in functions and the session's UDFs as ``Function`` tuples, sorted by
        name; ``pattern`` filters the names.

        >>> [f.name for f in spark.catalog.listFunctions(pattern="to_date")]
        ['to_date']
        """
        return [Function(**f) for f in self._call("listFunctions", dbName=dbName, pattern=pattern)]

    def functionExists(self, functionName, dbName=None):
        """Whether a built-in function or session UDF of the name exists.

        >>> spark.catalog.functionExists("upper"), spark.catalog.functionExists("nope")
        (True, False)
        """
        return self._call("functionExists", functionName=functionName, dbName=dbName)

    def getFunction(self, functionName):
        """A function by name; raises ``AnalysisException`` ``UNRESOLVED_ROUTINE``."""
        return Function(**self._call("getFunction", functionName=functionName))

    def registerFunction(self, name, f, returnType=None):
        """Deprecated alias of ``spark.udf.register`` (warns ``FutureWarning``)."""
        message = "Deprecated in 2.3.0. Use spark.udf.register instead."
        warnings.warn(message, FutureWarning)
        registration = self._session.udf
        return registration.register(name, f, returnType)

    # --------------------------------------------------------------------- cache
    def isCached(self, tableName):
        """Whether a table or temporary view is cached; raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND``."""
        return self._call("isCached", tableName=tableName)

    def cacheTable(self, tableName, storageLevel=None):
        """Caches a table or temporary view: the first read keeps its rows in memory as
        Arrow batches and later reads use them. ``storageLevel`` is recorded
        (``MEMORY_AND_DISK`` by default). Raises ``AnalysisException``
        ``TABLE_OR_VIEW_NOT_FOUND``."""
        level = _storage_level_name(storageLevel) if storageLevel is not None else None
        self._call("cacheTable", tableName=tableName, storageLevel=level)

    def uncacheTable(self, tableName):
        """Frees the cached rows of a table or temporary view; raises
        ``AnalysisException`` ``TABLE_OR_VIEW_NOT_FOUND``."""
        self._call("uncacheTable", tableName=tableName)

    def clearCache(self):
        """Frees every cached table and DataFrame."""
        self._call("clearCache")

    def refreshTable(self, tableName):
        """Drops the kept rows of a cached table so the next read sees its files again."""
        self._call("refreshTable", tableName=tableName)

    def recoverPartitions(self, tableName):
        """Checks a partitioned table; its partitions are found by listing its directory
        on every read, so new ``k=v`` directories are seen without this."""
        self._call("recoverPartitions", tableName=tableName)

    def refreshByPath(self, path):
        """Drops the kept rows of the cached tables whose files are under ``path``."""
        self._call("refreshByPath", path=path)
