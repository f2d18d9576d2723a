"""``pyspark.sql.table_arg``: a DataFrame passed whole to a table function
(``df.asTable()``), with how its rows are split and ordered for the function.

A table function called on a ``TableArg`` makes one instance of its class per input
partition: ``eval`` runs on each of the partition's rows (a ``Row``), then ``terminate``
once. Partitions are the keys of ``partitionBy``, all rows with
``withSinglePartition``, or otherwise the DataFrame's own Spark partitions, as Spark's
``FunctionTableSubqueryArgumentExpression`` plans a ``TABLE`` argument.
"""
from pyspark.sql.tvf_argument import TableValuedFunctionArgument

__all__ = ["TableArg"]

# The columns of the plan that hands a TABLE argument's partitions to a table function.
_ROWS = "__ember_table_rows"
_KEY = "__ember_table_key%d"


def _columns(cols):
    """``cols`` as Columns: names or Columns, one list of them accepted too."""
    from pyspark.sql.dataframe import _flatten
    from pyspark.sql.functions import _col

    return [_col(c) for c in _flatten(cols)]


def _sort_column(column, ascending, nulls_first=None):
    """``column`` as a sort key; ``nulls_first`` of ``None`` is Spark's placement for the
    direction (first when ascending, last when descending). Shared by ``analyze``'s
    ``OrderingColumn`` and SQL's ``ORDER BY`` after a ``TABLE`` argument."""
    if nulls_first is None:
        nulls_first = ascending
    if ascending:
        return column.asc_nulls_first() if nulls_first else column.asc_nulls_last()
    return column.desc_nulls_first() if nulls_first else column.desc_nulls_last()


def _refuse(message):
    from pyspark.errors import IllegalArgumentException

    raise IllegalArgumentException(message=message)


class TableArg(TableValuedFunctionArgument):
    """A DataFrame as a table function's ``TABLE`` argument; made by
    :meth:`DataFrame.asTable`.

    Examples
    --------
    >>> from pyspark.sql.functions import udtf
    >>> @udtf(returnType="k: long, n: int")
    ... class CountRows:
    ...     def __init__(self):
    ...         self.n = 0
    ...     def eval(self, row):
    ...         self.k = row.k
    ...         self.n += 1
    ...     def terminate(self):
    ...         yield self.k, self.n
    >>> df = spark.range(5).selectExpr("id % 2 AS k")
    >>> sorted(CountRows(df.asTable().partitionBy("k")).collect())
    [Row(k=0, n=3), Row(k=1, n=2)]

    Mirrors ``pyspark.sql.table_arg.TableArg``.
    """

    def __init__(self, df, partition=(), order=(), single=False):
        self._df = df
        self._partition = tuple(partition)
        self._order = tuple(order)
        self._single = single

    def partitionBy(self, *cols):
        """Splits the rows into one partition per value of ``cols`` (names or Columns),
        each given to its own instance of the function.

        Returns
        -------
        :class:`TableArg`
            A new argument; this one is unchanged.

        Raises
        ------
        IllegalArgumentException
            After ``partitionBy`` or ``withSinglePartition``.

        Mirrors ``pyspark.sql.table_arg.TableArg.partitionBy`` (SQL's
        ``TABLE(t) PARTITION BY ...``).
        """
        if self._partition or self._single:
            _refuse("Cannot call partitionBy() after partitionBy() or withSinglePartition() has been called.")
        return TableArg(self._df, _columns(cols), self._order, False)

    def orderBy(self, *cols):
        """Orders each partition's rows by ``cols`` (names or Columns, ``desc()`` and the
        NULL placements accepted) before the function sees them.

        Returns
        -------
        :class:`TableArg`

        Raises
        ------
        IllegalArgumentException
            Before ``partitionBy`` or ``withSinglePartition``.

        Mirrors ``pyspark.sql.table_arg.TableArg.orderBy`` (SQL's ``ORDER BY`` after the
        ``TABLE`` argument).
        """
        if not self._partition and not self._single:
            _refuse("Please call partitionBy() or withSinglePartition() before orderBy().")
        return TableArg(self._df, self._partition, _columns(cols), self._single)

    def withSinglePartition(self):
        """Gives all rows to one instance of the function.

        Returns
        -------
        :class:`TableArg`

        Raises
        ------
        IllegalArgumentException
            After ``partitionBy`` or ``withSinglePartition``.

        Mirrors ``pyspark.sql.table_arg.TableArg.withSinglePartition`` (SQL's
        ``WITH SINGLE PARTITION``).
        """
        if self._partition or self._single:
            _refuse("Cannot call withSinglePartition() after partitionBy() or withSinglePartition() has been called.")
        return TableArg(self._df, (), self._order, True)

    def _partitions(self):
        """A DataFrame with a row per partition of the argument, whose column ``_ROWS``
        holds the partition's rows, in order, as ``array<struct<position, row>>`` (the
        table function sorts them by position, so that no row needs to be orderable)."""
        from pyspark.sql import functions as F
        from pyspark.sql.window import Window

        df = self._df
        row = F.struct(*[F.col("`%s`" % name.replace("`", "``")) for name in df.columns])
        if self._single:
            keys = []
        elif self._partition:
            keys = list(self._partition)
        else:
            keys = [F.spark_partition_id()]
        if self._order:
            position = F.row_number().over(Window.partitionBy(*keys).orderBy(*self._order))
        else:
            position = F.monotonically_increasing_id()
        names = [_KEY % i for i in range(len(keys))]
        staged = df.select(F.struct(position.alias("p"), row.alias("r")).alias("pr"), *[k.alias(n) for k, n in zip(keys, names)])
        return staged.groupBy(*names).agg(F.collect_list("pr").alias(_ROWS)).select(_ROWS)
