"""``spark.catalog``: temporary views and their columns (Spark's ``Catalog``)."""
from collections import namedtuple

__all__ = ["Catalog", "Table", "Column", "Database"]

Table = namedtuple("Table", "name catalog namespace description tableType isTemporary")
Column = namedtuple("Column", "name description dataType nullable isPartition isBucket isCluster")
Database = namedtuple("Database", "name catalog description locationUri")


class Catalog:
    """Lists and drops temporary views. Mirrors ``pyspark.sql.Catalog``."""

    def __init__(self, session):
        self._session = session

    def listTables(self, dbName=None, pattern=None):
        """The temporary views, as ``Table`` tuples (``isTemporary=True``)."""
        import fnmatch

        names = self._session._native.temp_view_names()
        if pattern:
            names = [n for n in names if fnmatch.fnmatch(n, pattern.replace("*", "*"))]
        return [Table(n, None, [], None, "TEMPORARY", True) for n in names]

    def tableExists(self, tableName, dbName=None):
        """Whether a temporary view named ``tableName`` exists (case-insensitive)."""
        return tableName.lower() in [n.lower() for n in self._session._native.temp_view_names()]

    def listColumns(self, tableName, dbName=None):
        """The columns of a view, as ``Column`` tuples."""
        schema = self._session.table(tableName).schema
        return [Column(f.name, None, f.dataType.simpleString(), f.nullable, False, False, False) for f in schema.fields]

    def dropTempView(self, viewName):
        """Drops a temporary view; returns whether it existed."""
        return self._session._native.drop_temp_view(viewName)

    def dropGlobalTempView(self, viewName):
        return self.dropTempView(viewName)

    def currentDatabase(self):
        return "default"

    def currentCatalog(self):
        return "spark_catalog"

    def listDatabases(self, pattern=None):
        return [Database("default", "spark_catalog", "default database", "")]

    def isCached(self, tableName):
        return False

    def cacheTable(self, tableName, storageLevel=None):
        pass

    def uncacheTable(self, tableName):
        pass

    def clearCache(self):
        pass
