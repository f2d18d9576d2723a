"""``DataFrame.mergeInto``: the builder of a MERGE of a DataFrame's rows into a table,
PySpark's ``pyspark.sql.merge.MergeIntoWriter``.

Spark runs a MERGE only on tables whose catalog supports row-level operations (Delta,
Iceberg and other DataSource V2 tables). The session catalog's Parquet tables, the only
tables Ember keeps, do not, so ``merge()`` ends with Spark's own refusal for them.
"""
from pyspark.errors import AnalysisException, UnsupportedOperationException

__all__ = ["MergeIntoWriter", "WhenMatched", "WhenNotMatched", "WhenNotMatchedBySource"]


class MergeIntoWriter:
    """Collects the WHEN clauses of a MERGE and runs it with :meth:`merge`.

    Parameters
    ----------
    df : :class:`DataFrame`
        The source rows.
    table : str
        The target table's name.
    condition : :class:`Column`
        How a source row matches a target row.

    Examples
    --------
    >>> from pyspark.sql import functions as sf
    >>> spark.range(1).write.mode("overwrite").saveAsTable("merge_target")
    >>> writer = spark.range(2).alias("s").mergeInto("merge_target", sf.expr("merge_target.id = s.id"))
    >>> writer.whenNotMatched().insertAll().merge()
    Traceback (most recent call last):
        ...
    pyspark.errors.exceptions.base.UnsupportedOperationException: [UNSUPPORTED_FEATURE.TABLE_OPERATION] ...
    >>> _ = spark.sql("DROP TABLE merge_target")

    Mirrors PySpark's ``MergeIntoWriter`` (Spark's ``MergeIntoTable``).
    """

    def __init__(self, df, table, condition):
        self._df = df
        self._table = table
        self._condition = condition
        self._actions = []
        self._schema_evolution = False

    def whenMatched(self, condition=None):
        """The actions for target rows that a source row matches, where ``condition``
        (a Column, optional) holds. Returns :class:`WhenMatched`."""
        return WhenMatched(self, condition)

    def whenNotMatched(self, condition=None):
        """The actions for source rows that match no target row, where ``condition``
        (a Column, optional) holds. Returns :class:`WhenNotMatched`."""
        return WhenNotMatched(self, condition)

    def whenNotMatchedBySource(self, condition=None):
        """The actions for target rows that no source row matches, where ``condition``
        (a Column, optional) holds. Returns :class:`WhenNotMatchedBySource`."""
        return WhenNotMatchedBySource(self, condition)

    def withSchemaEvolution(self):
        """Lets the MERGE add the source's new columns to the target. Returns this writer."""
        self._schema_evolution = True
        return self

    def _add(self, clause, action, condition, assignments=None):
        self._actions.append((clause, action, condition, assignments))
        return self

    def merge(self):
        """Runs the MERGE.

        Raises
        ------
        AnalysisException
            ``NO_MERGE_ACTION_SPECIFIED`` without a WHEN clause;
            ``TABLE_OR_VIEW_NOT_FOUND`` when the table does not exist.
        UnsupportedOperationException
            ``UNSUPPORTED_FEATURE.TABLE_OPERATION`` for a table of the session catalog,
            which supports no row-level operation (as in Spark).
        """
        if not self._actions:
            raise AnalysisException(errorClass="NO_MERGE_ACTION_SPECIFIED", messageParameters={})
        session = self._df.sparkSession
        if not session.catalog.tableExists(self._table):
            raise AnalysisException(errorClass="TABLE_OR_VIEW_NOT_FOUND", messageParameters={"relationName": _quoted(self._table.split("."))})
        found = session.catalog.getTable(self._table)
        parts = [found.name] if found.tableType == "TEMPORARY" else [found.catalog] + list(found.namespace or []) + [found.name]
        raise UnsupportedOperationException(
            errorClass="UNSUPPORTED_FEATURE.TABLE_OPERATION",
            messageParameters={"tableName": _quoted(parts), "operation": "MERGE INTO TABLE"},
        )


def _quoted(parts):
    return ".".join("`%s`" % p for p in parts)


class WhenMatched:
    """The action for matched rows: :meth:`updateAll`, :meth:`update` or :meth:`delete`,
    each returning the :class:`MergeIntoWriter`."""

    def __init__(self, writer, condition):
        self._writer = writer
        self._condition = condition

    def updateAll(self):
        """Sets every target column from the source column of the same name."""
        return self._writer._add("matched", "update_all", self._condition)

    def update(self, assignments):
        """Sets target columns from a dict of column name to Column."""
        return self._writer._add("matched", "update", self._condition, dict(assignments))

    def delete(self):
        """Deletes the matched target rows."""
        return self._writer._add("matched", "delete", self._condition)


class WhenNotMatched:
    """The action for source rows without a match: :meth:`insertAll` or :meth:`insert`,
    each returning the :class:`MergeIntoWriter`."""

    def __init__(self, writer, condition):
        self._writer = writer
        self._condition = condition

    def insertAll(self):
        """Inserts the source row as it is."""
        return self._writer._add("not_matched", "insert_all", self._condition)

    def insert(self, assignments):
        """Inserts a row made from a dict of column name to Column."""
        return self._writer._add("not_matched", "insert", self._condition, dict(assignments))


class WhenNotMatchedBySource:
    """The action for target rows no source row matches: :meth:`update` or :meth:`delete`,
    each returning the :class:`MergeIntoWriter`."""

    def __init__(self, writer, condition):
        self._writer = writer
        self._condition = condition

    def update(self, assignments):
        """Sets target columns from a dict of column name to Column."""
        return self._writer._add("not_matched_by_source", "update", self._condition, dict(assignments))

    def delete(self):
        """Deletes the unmatched target rows."""
        return self._writer._add("not_matched_by_source", "delete", self._condition)
