"""``pyspark.sql.DataFrame``: a lazily evaluated relation.

Methods build Spark's unresolved plan; actions (``show``, ``collect``, ``count``) send it
to the native engine. Mirrors PySpark's DataFrame API.
"""
from typing import TYPE_CHECKING, Any, List, Optional, Union

from pyspark.sql import _plan
from pyspark.sql._composed import ComposedMethods
from pyspark.sql._ranked_joins import RankedJoins
from pyspark.sql._arrow import ArrowMethods
from pyspark.sql._streaming import StreamingMethods
from pyspark.sql.column import Column, _to_expr
from pyspark.sql.types import Row, StructType, _parse_datatype_json_string
from pyspark.storagelevel import StorageLevel

if TYPE_CHECKING:
    from pyspark.sql.group import GroupedData
    from pyspark.sql.readwriter import DataFrameWriter

    ColumnOrName = Union[Column, str]

__all__ = ["DataFrame", "DataFrameNaFunctions"]


def _column_expr(value, plan_id=None):
    if isinstance(value, Column):
        return value._expr
    if isinstance(value, str):
        if value == "*":
            return {"type": "Star"}
        if value.endswith(".*"):
            return {"type": "Star", "target": value[:-2]}
        return _plan.column(value, plan_id)
    from pyspark.errors import PySparkTypeError

    raise PySparkTypeError(
        errorClass="NOT_COLUMN_OR_STR",
        messageParameters={"arg_name": "col", "arg_type": type(value).__name__},
    )


def _positive_partitions(value):
    """A partition count: a positive int (Spark requires one)."""
    from pyspark.errors import IllegalArgumentException, PySparkTypeError

    if not isinstance(value, int) or isinstance(value, bool):
        raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": "numPartitions", "expected_type": "int", "arg_type": type(value).__name__})
    if value <= 0:
        raise IllegalArgumentException("requirement failed: Number of partitions (%d) must be positive." % value)
    return value


def _flatten(cols):
    if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
        return list(cols[0])
    return list(cols)


def _by_ordinal(frame, value, sorting=False):
    """A column given by its 1-based position (Spark's ordinals in ``groupBy(1)`` and
    ``orderBy(1)``); in a sort a negative position sorts that column descending."""
    from pyspark.errors import PySparkIndexError

    if not isinstance(value, int) or isinstance(value, bool):
        return value
    if sorting:
        if value == 0:
            raise PySparkIndexError(errorClass="ZERO_INDEX", messageParameters={})
        return frame[value - 1] if value > 0 else frame[-value - 1].desc()
    if value < 1:
        raise PySparkIndexError(errorClass="INDEX_NOT_POSITIVE", messageParameters={"index": str(value)})
    return frame[value - 1]


def _sort_order(value, ascending=True):
    if isinstance(value, Column) and value._expr.get("type") == "SortOrder":
        expr = value._expr
        return {"child": expr["child"], "ascending": expr["ascending"], "nulls_first": expr["nulls_first"]}
    return {"child": _column_expr(value), "ascending": ascending, "nulls_first": None}


class DataFrame(ComposedMethods, RankedJoins, ArrowMethods, StreamingMethods):
    """A distributed collection of rows under named columns.

    Create one with ``spark.createDataFrame``, ``spark.read``, ``spark.range`` or
    ``spark.sql``. Mirrors ``pyspark.sql.DataFrame``.

    Examples
    --------
    >>> df = spark.createDataFrame([(14, "Tom"), (23, "Alice")], ["age", "name"])
    >>> df.count()
    2
    """

    def __init__(self, plan, session):
        self._plan = plan
        self._session = session
        self._schema = None

    # ----------------------------------------------------------------- plumbing
    @property
    def _plan_id(self):
        return self._plan["plan_id"]

    def _json(self):
        return _plan.to_json(self._plan)

    def _new(self, kind, **fields):
        return DataFrame(_plan.relation(kind, input=self._plan, **fields), self._session)

    @property
    def _native(self):
        return self._session._native

    @property
    def sparkSession(self):
        """The SparkSession that created this DataFrame."""
        return self._session

    # ----------------------------------------------------------------- schema
    @property
    def schema(self) -> StructType:
        """The schema as a ``StructType``.

        Raises ``AnalysisException`` (e.g. ``UNRESOLVED_COLUMN.WITH_SUGGESTION``) when the
        plan does not resolve.
        """
        if self._schema is None:
            self._schema = _parse_datatype_json_string(self._native.schema_json(self._json()))
        return self._schema

    def printSchema(self, level: Optional[int] = None) -> None:
        """Prints the schema as a tree, exactly as Spark's ``printSchema``; with ``level``,
        only fields nested at most that deep (top-level fields are level 1).

        >>> spark.createDataFrame([(1, (2, 3))], "a long, b struct<x: long, y: long>").printSchema(1)
        root
         |-- a: long (nullable = true)
         |-- b: struct (nullable = true)
        <BLANKLINE>
        """
        text = self._native.tree_string(self._json())
        if level is not None:
            kept = [line for line in text.split("\n") if "|--" not in line or line.split("|--")[0].count("|") < int(level)]
            text = "\n".join(kept)
        print(text)

    def _ipython_key_completions_(self):
        """The column names, for IPython's completion of ``df["...``."""
        return self.columns

    def colRegex(self, colName):
        """The columns whose names match a regular expression, as one Column for
        ``select``. A name in backquotes is a pattern (matched against the whole name);
        without backquotes it names one column.

        Parameters
        ----------
        colName : str
            A pattern in backquotes, or a column name.

        Returns
        -------
        :class:`Column`

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``colName`` is not a string.

        Examples
        --------
        >>> df = spark.createDataFrame([(1, 2, 3)], ["a1", "a2", "b"])
        >>> df.select(df.colRegex("`a.`")).columns
        ['a1', 'a2']

        Mirrors PySpark's ``DataFrame.colRegex`` (Spark's ``UnresolvedRegex``); patterns are
        read by Python's ``re``, which agrees with Java's for the common syntax.
        """
        import re

        from pyspark.errors import PySparkTypeError

        if not isinstance(colName, str):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": "colName", "expected_type": "str", "arg_type": type(colName).__name__})
        if len(colName) > 1 and colName.startswith("`") and colName.endswith("`"):
            pattern = re.compile(colName[1:-1])
            names = [name for name in self.columns if pattern.fullmatch(name)]
            return Column({"type": "Star", "regex": colName, "names": names}, colName)
        return self[colName]

    @property
    def columns(self) -> List[str]:
        """The column names, as a list of str."""
        return self.schema.fieldNames()

    @property
    def dtypes(self):
        """``[(name, simpleString type)]``, e.g. ``[('age', 'bigint')]``."""
        return [(f.name, f.dataType.simpleString()) for f in self.schema.fields]

    def __repr__(self):
        """``DataFrame[name: type, ...]``; with ``spark.sql.repl.eagerEval.enabled`` the first
        ``spark.sql.repl.eagerEval.maxNumRows`` rows as ``show()`` draws them, cells cut at
        ``spark.sql.repl.eagerEval.truncate`` characters (PySpark's ``DataFrame.__repr__``)."""
        conf = self._session.conf
        if str(conf.get("spark.sql.repl.eagerEval.enabled", "false")).lower() == "true":
            rows = int(conf.get("spark.sql.repl.eagerEval.maxNumRows", "20"))
            return self._show_text(rows, int(conf.get("spark.sql.repl.eagerEval.truncate", "20")), False)
        return "DataFrame[%s]" % ", ".join("%s: %s" % (n, t) for n, t in self.dtypes)

    def __getitem__(self, item):
        if isinstance(item, str):
            if item == "*":
                return Column({"type": "Star"}, "*")
            return Column(_plan.column(item, self._plan_id), item)
        if isinstance(item, Column):
            return self.filter(item)
        if isinstance(item, (list, tuple)):
            return self.select(*item)
        if isinstance(item, int):
            return self[self.columns[item]]
        from pyspark.errors import PySparkTypeError

        raise PySparkTypeError(errorClass="NOT_COLUMN_OR_INT_OR_LIST_OR_STR_OR_TUPLE", messageParameters={"arg_name": "item", "arg_type": type(item).__name__})

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self.columns:
            from pyspark.errors import PySparkAttributeError

            raise PySparkAttributeError(errorClass="ATTRIBUTE_NOT_SUPPORTED", messageParameters={"attr_name": name})
        return self[name]

    def __dir__(self):
        return sorted(set(dir(type(self)) + list(self.__dict__) + [c for c in self.columns if c.isidentifier()]))

    # ----------------------------------------------------------------- actions
    def show(self, n: int = 20, truncate: Union[bool, int] = True, vertical: bool = False) -> None:
        """Prints the first ``n`` rows as Spark's text table.

        Parameters
        ----------
        n : int, default 20
        truncate : bool or int, default True
            True cuts strings longer than 20 characters; an int sets the width.
        vertical : bool, default False
            One line per column value.

        On a terminal the rows are drawn as a table with UTF-8 borders, fitted to its
        width; ``spark.conf.set("spark.ember.repl.tableStyle", "spark")`` (or
        ``--table-style spark``) keeps Spark's text there too. Piped or redirected output
        is always Spark's text, byte for byte.

        >>> spark.createDataFrame([(1, "a")], ["n", "s"]).show()
        +---+---+
        |  n|  s|
        +---+---+
        |  1|  a|
        +---+---+
        <BLANKLINE>
        """
        if truncate is True:
            width = 20
        elif truncate is False:
            width = 0
        else:
            width = int(truncate)
        print(self._show_text(int(n), width, bool(vertical)))

    def _show_text(self, n, truncate, vertical):
        """Spark's ``showString`` text; on a terminal, unless ``spark.ember.repl.tableStyle``
        is ``spark``, the same cells in a table fitted to the terminal (NULL dimmed unless
        ``NO_COLOR`` is set). Vertical output is always Spark's."""
        import os
        import shutil
        import sys

        style = self._session.conf.get("spark.ember.repl.tableStyle", "unicode")
        isatty = getattr(sys.stdout, "isatty", None)
        if not vertical and style == "unicode" and isatty is not None and isatty():
            columns = shutil.get_terminal_size().columns
            return self._native.show_table(self._json(), n, truncate, columns, "NO_COLOR" not in os.environ)
        return self._native.show_string(self._json(), n, truncate, vertical)

    def collect(self) -> List[Row]:
        """All rows as a list of ``Row``."""
        return self._native.collect(self._json())

    def toLocalIterator(self, prefetchPartitions=False):
        return iter(self.collect())

    def count(self) -> int:
        """The number of rows, an int."""
        return self._native.count(self._json())

    def take(self, num: int) -> List[Row]:
        """The first ``num`` rows as a list of ``Row``."""
        return self.limit(num).collect()

    def head(self, n: Optional[int] = None) -> Union[Optional[Row], List[Row]]:
        """The first row, or the first ``n`` rows as a list when ``n`` is given."""
        if n is None:
            rows = self.take(1)
            return rows[0] if rows else None
        return self.take(n)

    def first(self) -> Optional[Row]:
        """The first row, or None when empty."""
        return self.head()

    def tail(self, num):
        rows = self.collect()
        return rows[len(rows) - num:] if num else []

    def isLocal(self):
        """Whether ``collect()`` and ``take()`` can run on the driver alone, with no job.

        Mirrors ``DataFrame.isLocal``: Spark's ``Dataset.isLocal`` holds when the analyzed
        plan is a ``LocalRelation`` (``createDataFrame`` of Python data, untransformed).
        Through ``--remote`` the server answers (AnalyzePlan's IsLocal).

        Returns
        -------
        bool

        Examples
        --------
        >>> spark.createDataFrame([(1,)], ["a"]).isLocal()
        True
        >>> spark.range(3).isLocal()
        False
        """
        answer = self._session._native.is_local(self._json())
        if answer is not None:
            return answer
        return self._plan.get("type") == "LocalRelation"

    @property
    def isStreaming(self):
        """Whether the DataFrame reads a streaming source; always False on the embedded
        engine, which has none. Through ``--remote`` the server answers (AnalyzePlan's
        IsStreaming). Mirrors ``DataFrame.isStreaming``.

        Examples
        --------
        >>> spark.range(3).isStreaming
        False
        """
        return bool(self._session._native.is_streaming(self._json()))

    def observe(self, observation, *exprs):
        """This DataFrame with aggregate metrics over its rows, published when an action
        runs over it.

        Parameters
        ----------
        observation : :class:`Observation` or str
            Where the metrics go: an Observation (read with ``Observation.get``) or a
            name.
        *exprs : :class:`Column`
            Aggregate expressions, each named by its alias or Spark's column name.

        Returns
        -------
        :class:`DataFrame`
            The same rows.

        Raises
        ------
        PySparkValueError
            ``CANNOT_BE_EMPTY`` without ``exprs``.
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for an ``exprs`` item that is not a Column, or an
            ``observation`` that is neither an Observation nor a str.
        PySparkAssertionError
            ``REUSE_OBSERVATION`` when the Observation already serves a DataFrame.
        AnalysisException
            ``INVALID_OBSERVED_METRICS.*`` (at the first action) for a column outside an
            aggregate, a DISTINCT, filtered or nested aggregate, or a window function.

        Examples
        --------
        >>> from pyspark.sql import Observation, functions as sf
        >>> seen = Observation()
        >>> spark.range(4).observe(seen, sf.sum("id").alias("total")).collect()[-1]
        Row(id=3)
        >>> seen.get
        {'total': 6}

        Mirrors PySpark's ``DataFrame.observe`` (Spark Connect's ``CollectMetrics``).
        """
        from pyspark.sql.observation import _observe

        return _observe(self, observation, exprs)

    def mergeInto(self, table, condition):
        """A :class:`MergeIntoWriter` that merges this DataFrame's rows into ``table``
        (str) where ``condition`` (a Column) matches. Mirrors PySpark's
        ``DataFrame.mergeInto``; see :mod:`pyspark.sql.merge` for what runs here."""
        from pyspark.sql.merge import MergeIntoWriter

        return MergeIntoWriter(self, table, condition)

    @property
    def executionInfo(self):
        """Spark Connect's execution details of the last action. PySpark Classic, which
        this shell's local engine follows, has none.

        Raises
        ------
        PySparkValueError
            ``CLASSIC_OPERATION_NOT_SUPPORTED_ON_DF``.

        Mirrors PySpark's ``DataFrame.executionInfo``.
        """
        from pyspark.errors import PySparkValueError

        raise PySparkValueError(errorClass="CLASSIC_OPERATION_NOT_SUPPORTED_ON_DF", messageParameters={"member": "queryExecution"})

    def metadataColumn(self, colName):
        """The metadata column ``colName`` of this DataFrame's source (Spark's
        ``_metadata`` of file sources), as a Column.

        Parameters
        ----------
        colName : str

        Returns
        -------
        :class:`Column`

        Raises
        ------
        AnalysisException
            ``UNRESOLVED_COLUMN.WITHOUT_SUGGESTION``: the embedded engine's sources expose
            no metadata columns yet, as Spark's in-memory and range sources expose none.

        Mirrors PySpark's ``DataFrame.metadataColumn``.
        """
        from pyspark.errors import AnalysisException

        raise AnalysisException(
            errorClass="UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
            messageParameters={"objectName": "`%s`" % colName},
        )

    def scalar(self):
        """This DataFrame's one value as a Column: a scalar subquery (Spark's
        ``ScalarSubquery``), used in another DataFrame's expressions. Columns of the
        DataFrame using it are read with ``Column.outer()``.

        Returns
        -------
        :class:`Column`
            The value of the DataFrame's one row and one column; NULL without rows.

        Raises
        ------
        SparkRuntimeException
            When the subquery gives more than one row.
        PySparkNotImplementedError
            ``NOT_IMPLEMENTED`` when used outside a filter's condition, which Ember does
            not run yet.

        Examples
        --------
        >>> from pyspark.sql import functions as F
        >>> df = spark.range(5)
        >>> df.where(df.id > spark.range(5).select(F.avg("id")).scalar()).count()
        2

        Mirrors PySpark's ``DataFrame.scalar``.
        """
        from pyspark.sql.column import Column
        return Column({"type": "ScalarSubquery", "plan": self._plan}, "scalarsubquery()")

    def exists(self):
        """Whether this DataFrame has rows, as a boolean Column: an EXISTS subquery (Spark's
        ``Exists``), for another DataFrame's filter. Columns of the filtered DataFrame are
        read with ``Column.outer()``.

        Returns
        -------
        :class:`Column`
            True where the subquery has at least one row.

        Examples
        --------
        >>> from pyspark.sql import functions as F
        >>> a = spark.range(4).alias("a")
        >>> b = spark.range(2).alias("b")
        >>> a.where(b.where(F.col("b.id") == F.col("a.id").outer()).exists()).count()
        2

        Mirrors PySpark's ``DataFrame.exists``.
        """
        from pyspark.sql.column import Column
        return Column({"type": "ExistsSubquery", "plan": self._plan}, "exists()")

    def isEmpty(self):
        return len(self.take(1)) == 0

    # ----------------------------------------------------------------- projection
    def select(self, *cols: "ColumnOrName") -> "DataFrame":
        """Projects a set of expressions (column names, Columns or ``"*"``)."""
        cols = _flatten(cols)
        return self._new("Project", expressions=[_column_expr(c) for c in cols])

    def selectExpr(self, *expr):
        """Projects SQL expression strings."""
        expr = _flatten(expr)
        # `*` and `t.*` are Spark's star, as in SQL's select list.
        stars = lambda e: e.strip() == "*" or (e.strip().endswith(".*") and " " not in e.strip())
        return self._new("Project", expressions=[_column_expr(e.strip()) if stars(e) else {"type": "SqlExpression", "text": e} for e in expr])

    def filter(self, condition: "ColumnOrName") -> "DataFrame":
        """Rows where ``condition`` (a Column or a SQL string) holds."""
        if isinstance(condition, str):
            condition_expr = {"type": "SqlExpression", "text": condition}
        else:
            condition_expr = _column_expr(condition)
        return self._new("Filter", condition=condition_expr)

    where = filter

    def withColumn(self, colName: str, col: Column) -> "DataFrame":
        """Adds or replaces the column ``colName``."""
        if not isinstance(col, Column):
            from pyspark.errors import PySparkTypeError

            raise PySparkTypeError(errorClass="NOT_COLUMN", messageParameters={"arg_name": "col", "arg_type": type(col).__name__})
        return self._new("WithColumns", names=[colName], expressions=[col._expr])

    def withColumns(self, *colsMap):
        """Adds or replaces several columns from a ``{name: Column}`` dict."""
        mapping = colsMap[0]
        return self._new("WithColumns", names=list(mapping), expressions=[c._expr for c in mapping.values()])

    def withColumnRenamed(self, existing: str, new: str) -> "DataFrame":
        """Renames a column; a no-op when it does not exist."""
        return self._new("WithColumnsRenamed", renames=[[existing, new]])

    def withColumnsRenamed(self, colsMap):
        return self._new("WithColumnsRenamed", renames=[[k, v] for k, v in colsMap.items()])

    def drop(self, *cols):
        """Drops columns: a name drops every column of that name; a Column drops the
        column it resolves to (an ambiguous one raises ``AMBIGUOUS_REFERENCE``). Names
        and Columns that match nothing are ignored."""
        names = [c for c in cols if isinstance(c, str)]
        return self._new("Drop", columns=[_column_expr(c) for c in cols if not isinstance(c, str)], column_names=names)

    def toDF(self, *cols):
        """Renames all columns by position."""
        return self._new("ToDF", names=list(cols))

    def alias(self, alias: str) -> "DataFrame":
        """The DataFrame under an alias, for ``alias.column`` references."""
        return self._new("SubqueryAlias", alias=alias)

    # ----------------------------------------------------------------- rows
    def limit(self, num: int) -> "DataFrame":
        return self._new("Limit", limit=int(num))

    def offset(self, num):
        return self._new("Offset", offset=int(num))

    def distinct(self) -> "DataFrame":
        return self._new("Deduplicate", columns=None)

    def dropDuplicates(self, subset=None):
        """Removes duplicate rows, considering only ``subset`` columns when given."""
        return self._new("Deduplicate", columns=list(subset) if subset else None)

    drop_duplicates = dropDuplicates

    def _sort_orders(self, cols, kwargs):
        cols = [_by_ordinal(self, c, sorting=True) for c in _flatten(cols)]
        ascending = kwargs.get("ascending", True)
        if isinstance(ascending, (list, tuple)):
            flags = list(ascending)
        else:
            flags = [ascending] * len(cols)
        return [_sort_order(c, bool(a)) for c, a in zip(cols, flags)]

    def orderBy(self, *cols: Any, **kwargs: Any) -> "DataFrame":
        """Sorts by columns (names, Columns, or 1-based positions, negative for
        descending); ascending puts NULLs first, as in Spark."""
        return self._new("Sort", order=self._sort_orders(cols, kwargs))

    sort = orderBy

    def sortWithinPartitions(self, *cols, **kwargs):
        """Sorts the rows of each Spark partition on its own (Spark's local ``Sort``);
        the partitions keep their order. Takes what ``orderBy`` takes.

        >>> spark.range(0, 6, 1, 2).sortWithinPartitions("id", ascending=False).collect()
        [Row(id=2), Row(id=1), Row(id=0), Row(id=5), Row(id=4), Row(id=3)]
        """
        return self._new("Sort", order=self._sort_orders(cols, kwargs), is_global=False)

    # ----------------------------------------------------------------- aggregation
    def groupBy(self, *cols: Any) -> "GroupedData":
        """Groups rows by columns for aggregation; returns ``GroupedData``."""
        from pyspark.sql.group import GroupedData

        return GroupedData(self, [_column_expr(_by_ordinal(self, c)) for c in _flatten(cols)])

    groupby = groupBy

    def rollup(self, *cols):
        """Groups by each prefix of ``cols`` (and by nothing) for aggregation; rolled-up
        columns are NULL. Returns ``GroupedData``.

        >>> spark.createDataFrame([("a", 1), ("b", 2)], ["k", "v"]).rollup("k").count().orderBy("k").collect()
        [Row(k=None, count=2), Row(k='a', count=1), Row(k='b', count=1)]
        """
        from pyspark.sql.group import GroupedData

        return GroupedData(self, [_column_expr(_by_ordinal(self, c)) for c in _flatten(cols)], "rollup")

    def cube(self, *cols):
        """Groups by every subset of ``cols`` for aggregation. Returns ``GroupedData``."""
        from pyspark.sql.group import GroupedData

        return GroupedData(self, [_column_expr(_by_ordinal(self, c)) for c in _flatten(cols)], "cube")

    def groupingSets(self, groupingSets, *cols):
        """Groups by each of several sets of columns at once, for aggregation: the
        result has the grouping columns ``cols`` (NULL where a set leaves one out) and
        the aggregates, a row per group of each set.

        Parameters
        ----------
        groupingSets : list of tuple or list
            The sets; each holds columns (names or Columns) among ``cols``.
        cols : str or :class:`Column`
            The grouping columns of the output.

        Returns
        -------
        :class:`GroupedData`

        Examples
        --------
        >>> df = spark.createDataFrame([("a", 1), ("b", 2)], ["k", "v"])
        >>> df.groupingSets([("k",), ()], "k").count().orderBy("k").collect()
        [Row(k=None, count=2), Row(k='a', count=1), Row(k='b', count=1)]

        Mirrors PySpark's ``DataFrame.groupingSets`` (Spark's ``GROUPING SETS``).
        """
        from pyspark.sql.group import GroupedData

        sets = [[_column_expr(c) for c in group] for group in groupingSets]
        return GroupedData(self, [_column_expr(c) for c in _flatten(cols)], "grouping_sets", grouping_sets=sets)

    def agg(self, *exprs: Any) -> "DataFrame":
        """Aggregates over all rows (``groupBy().agg(...)``)."""
        return self.groupBy().agg(*exprs)

    def describe(self, *cols):
        """count, mean, stddev, min and max of numeric and string columns, as strings."""
        return self._new("Summary", columns=list(_flatten(cols)), statistics=["count", "mean", "stddev", "min", "max"])

    def summary(self, *statistics):
        statistics = list(statistics) or ["count", "mean", "stddev", "min", "25%", "50%", "75%", "max"]
        return self._new("Summary", columns=[], statistics=statistics)

    # ----------------------------------------------------------------- combining
    def join(self, other: "DataFrame", on: Any = None, how: Optional[str] = None) -> "DataFrame":
        """Joins with ``other`` on column names or a Column condition.

        Parameters
        ----------
        other : DataFrame
        on : str, list of str, Column or list of Column, optional
        how : str, default ``inner``
            inner, cross, outer, full, left, right, semi, anti (and their Spark aliases).
        """
        if on is None:
            condition = {"type": "None"}
            how = how or "inner"
        elif isinstance(on, str):
            condition = {"type": "Using", "columns": [on]}
        elif isinstance(on, Column):
            condition = {"type": "Expression", "condition": on._expr}
        elif isinstance(on, (list, tuple)) and all(isinstance(o, str) for o in on):
            condition = {"type": "Using", "columns": list(on)}
        else:
            combined = on[0]
            for extra in on[1:]:
                combined = combined & extra
            condition = {"type": "Expression", "condition": combined._expr}
        return DataFrame(
            _plan.relation("Join", left=self._plan, right=other._plan, condition=condition, how=how or "inner"),
            self._session,
        )

    def crossJoin(self, other):
        return self.join(other, how="cross")

    def lateralJoin(self, other, on=None, how=None):
        """Joins each row with the rows ``other`` gives for it: ``other`` reads this row's
        columns through ``Column.outer()`` (a correlated subquery in the FROM clause).

        Parameters
        ----------
        other : :class:`DataFrame`
            The right side, e.g. ``spark.tvf.explode(col("items").outer())`` or a
            filtered, sorted and limited DataFrame.
        on : :class:`Column` or list of Column, optional
            A further join condition over both sides' columns.
        how : str, default ``inner``
            ``inner``, ``cross``, ``left``, ``leftouter`` or ``left_outer``.

        Returns
        -------
        :class:`DataFrame`
            This DataFrame's columns, then ``other``'s.

        Raises
        ------
        AnalysisException
            ``UNSUPPORTED_JOIN_TYPE`` for another join type.

        Notes
        -----
        The embedded engine evaluates ``other`` once per distinct value of the outer
        columns it reads, so its cost grows with that number.

        Examples
        --------
        >>> from pyspark.sql import functions as sf
        >>> people = spark.createDataFrame([(1, [3, 4]), (2, [])], ["id", "tags"])
        >>> people.lateralJoin(spark.tvf.explode(sf.col("tags").outer()), how="left").orderBy("id", "col").show()
        +---+------+----+
        | id|  tags| col|
        +---+------+----+
        |  1|[3, 4]|   3|
        |  1|[3, 4]|   4|
        |  2|    []|NULL|
        +---+------+----+
        <BLANKLINE>

        Mirrors PySpark's ``DataFrame.lateralJoin`` (Spark's ``LateralJoin``).
        """
        how = how or "inner"
        if how.lower().replace("_", "") not in ("inner", "cross", "left", "leftouter"):
            from pyspark.errors import AnalysisException

            raise AnalysisException(
                errorClass="UNSUPPORTED_JOIN_TYPE",
                messageParameters={"typ": how, "supported": "'inner', 'leftouter', 'left', 'left_outer', 'cross'"},
            )
        condition = None
        if on is not None:
            items = list(on) if isinstance(on, (list, tuple)) else [on]
            combined = items[0]
            for extra in items[1:]:
                combined = combined & extra
            condition = combined._expr
        return DataFrame(
            _plan.relation("LateralJoin", left=self._plan, right=other._plan, condition=condition, how=how),
            self._session,
        )

    def _set(self, other, kind, is_all, by_name=False, allow_missing=False):
        return DataFrame(
            _plan.relation(
                "SetOperation",
                left=self._plan,
                right=other._plan,
                kind=kind,
                is_all=is_all,
                by_name=by_name,
                allow_missing_columns=allow_missing,
            ),
            self._session,
        )

    def union(self, other: "DataFrame") -> "DataFrame":
        """Rows of both, by column position (UNION ALL)."""
        return self._set(other, "union", True)

    unionAll = union

    def unionByName(self, other, allowMissingColumns=False):
        """Rows of both, by column name."""
        return self._set(other, "union", True, True, allowMissingColumns)

    def intersect(self, other):
        return self._set(other, "intersect", False)

    def intersectAll(self, other):
        return self._set(other, "intersect", True)

    def subtract(self, other):
        return self._set(other, "except", False)

    def exceptAll(self, other):
        return self._set(other, "except", True)

    # ----------------------------------------------------------------- nulls
    @property
    def na(self):
        """``DataFrameNaFunctions`` for fill, drop and replace."""
        return DataFrameNaFunctions(self)

    def fillna(self, value, subset=None):
        """Replaces NULLs with ``value`` (a scalar or ``{column: value}``)."""
        if isinstance(value, dict):
            values = [[k, _plan.literal(v)] for k, v in value.items()]
            return self._new("FillNa", columns=None, values=values)
        if isinstance(subset, str):
            subset = [subset]
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            values = [[None, _plan.literal(value)]]
        elif isinstance(value, int):
            values = [[None, _plan.literal(value, "long")]]
        else:
            values = [[None, _plan.literal(value)]]
        return self._new("FillNa", columns=list(subset) if subset else None, values=values)

    def dropna(self, how="any", thresh=None, subset=None):
        """Drops rows with NULLs: ``how`` any/all, or fewer than ``thresh`` non-NULLs."""
        if isinstance(subset, str):
            subset = [subset]
        columns = list(subset) if subset else None
        width = len(columns) if columns else len(self.columns)
        if thresh is None:
            thresh = width if how == "any" else 1
        return self._new("DropNa", columns=columns, min_non_nulls=int(thresh))

    def replace(self, to_replace, value=None, subset=None):
        """Replaces values: ``to_replace`` a value, list or dict."""
        if isinstance(to_replace, dict):
            pairs = list(to_replace.items())
        elif isinstance(to_replace, (list, tuple)):
            values = value if isinstance(value, (list, tuple)) else [value] * len(to_replace)
            pairs = list(zip(to_replace, values))
        else:
            pairs = [(to_replace, value)]
        if isinstance(subset, str):
            subset = [subset]
        replacements = [[_plan.literal(a), _plan.literal(b)] for a, b in pairs]
        return self._new("ReplaceNa", columns=list(subset) if subset else None, replacements=replacements)

    # ----------------------------------------------------------------- catalog and misc
    def createOrReplaceTempView(self, name: str) -> None:
        """Registers the DataFrame as a temporary view for ``spark.sql``."""
        self._native.create_temp_view(name, self._json(), True)

    def createTempView(self, name):
        self._native.create_temp_view(name, self._json(), False)

    registerTempTable = createOrReplaceTempView

    def createOrReplaceGlobalTempView(self, name):
        """Registers the DataFrame as the global temporary view ``global_temp.<name>``,
        replacing one of the name; global views are seen by every session of the shell.

        >>> spark.range(1).createOrReplaceGlobalTempView("doc_global")
        >>> spark.table("global_temp.doc_global").count()
        1
        >>> spark.catalog.dropGlobalTempView("doc_global")
        True
        """
        self._native.create_temp_view(name, self._json(), True, True)

    def createGlobalTempView(self, name):
        """Registers the DataFrame as the global temporary view ``global_temp.<name>``;
        raises ``AnalysisException`` ``TEMP_TABLE_OR_VIEW_ALREADY_EXISTS`` when one of the
        name exists. See ``createOrReplaceGlobalTempView``."""
        self._native.create_temp_view(name, self._json(), False, True)

    def writeTo(self, table):
        """A ``DataFrameWriterV2`` that creates, replaces or appends to the catalog table
        ``table``. Mirrors ``DataFrame.writeTo``."""
        from pyspark.sql.readwriter import DataFrameWriterV2

        return DataFrameWriterV2(self, table)

    def cache(self) -> "DataFrame":
        """Caches the DataFrame at ``MEMORY_AND_DISK_DESER`` (Spark's default level); see
        ``persist``. Returns the DataFrame.

        >>> df = spark.range(3).cache()
        >>> df.count()
        3
        >>> df.storageLevel
        StorageLevel(True, True, False, True, 1)
        >>> _ = df.unpersist()
        """
        from pyspark.storagelevel import StorageLevel

        return self.persist(StorageLevel.MEMORY_AND_DISK_DESER)

    def persist(self, storageLevel=None):
        """Caches the DataFrame: the first action computes its rows once and keeps them in
        memory as Arrow batches; later actions on it, or on DataFrames built from it, read
        them (Spark's ``CacheManager``). ``storageLevel`` (a ``StorageLevel``, default
        ``MEMORY_AND_DISK_DESER``) is recorded; the rows are kept in memory whatever it
        says. Caching a cached DataFrame keeps its first level. Returns the DataFrame."""
        from pyspark.sql.catalog import _storage_level_name
        from pyspark.storagelevel import StorageLevel

        level = storageLevel or StorageLevel.MEMORY_AND_DISK_DESER
        name = _storage_level_name(level)
        try:
            self._native.cache(self._json(), "persist", name)
        except NotImplementedError:  # an engine without a cache of its own
            self._session._cached.setdefault(self._plan_id, level)
        self.is_cached = True
        return self

    def unpersist(self, blocking=False):
        """Frees the DataFrame's cached rows; later actions compute them again. Returns
        the DataFrame."""
        try:
            self._native.cache(self._json(), "unpersist")
        except NotImplementedError:
            self._session._cached.pop(self._plan_id, None)
        self.is_cached = False
        return self

    is_cached = False

    @property
    def storageLevel(self):
        """The ``StorageLevel`` the DataFrame is cached at, ``StorageLevel.NONE`` when it
        is not cached.

        >>> spark.range(1).storageLevel
        StorageLevel(False, False, False, False, 1)
        """
        from pyspark.sql.catalog import _storage_level_named
        from pyspark.storagelevel import StorageLevel

        try:
            name = self._native.cache(self._json(), "level")
        except NotImplementedError:
            return self._session._cached.get(self._plan_id, StorageLevel.NONE)
        if name is None:
            return StorageLevel.NONE
        return _storage_level_named(name)

    def repartition(self, numPartitions, *cols):
        """The same rows moved into ``numPartitions`` Spark partitions: by Spark's
        Murmur3 hash of ``cols`` when given, else round robin. Without a number, the
        columns hash into ``spark.sql.shuffle.partitions`` partitions, which Spark's
        adaptive execution coalesces (Ember: into one).

        Parameters
        ----------
        numPartitions : int or str or :class:`Column`
            The number of partitions, or the first partitioning column.
        cols : str or :class:`Column`
            The partitioning columns.

        Returns
        -------
        :class:`DataFrame`
            The rows listed partition by partition (``spark_partition_id()`` tells them).

        Raises
        ------
        PySparkTypeError
            ``NOT_COLUMN_OR_STR`` for a column that is neither.

        Examples
        --------
        >>> from pyspark.sql import functions as sf
        >>> spark.range(6).repartition(3, "id").select("id", sf.spark_partition_id().alias("p")).collect()
        [Row(id=3, p=0), Row(id=0, p=1), Row(id=1, p=2), Row(id=2, p=2), Row(id=4, p=2), Row(id=5, p=2)]

        Mirrors PySpark's ``DataFrame.repartition`` (Spark's ``RoundRobinPartitioning``
        and ``HashPartitioning``).
        """
        if not isinstance(numPartitions, int) or isinstance(numPartitions, bool):
            cols = (numPartitions,) + cols
            numPartitions = None
        exprs = [_column_expr(c) for c in _flatten(cols)]
        if not exprs:
            if numPartitions is None:
                return self._new("RepartitionByExpression", partition_exprs=[], num_partitions=None)
            return self._new("Repartition", num_partitions=_positive_partitions(numPartitions), shuffle=True)
        return self._new("RepartitionByExpression", partition_exprs=exprs, num_partitions=None if numPartitions is None else _positive_partitions(numPartitions))

    def repartitionByRange(self, numPartitions, *cols):
        """The rows moved into ranges of ``cols`` (ascending unless a sort order says
        otherwise): Spark's range partitioning, its bounds taken from the sorted keys.

        Parameters
        ----------
        numPartitions : int or str or :class:`Column`
            The number of partitions, or the first column.
        cols : str or :class:`Column`
            The range keys, plain or as sort orders (``col("a").desc()``).

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkValueError
            ``CANNOT_BE_EMPTY`` without a column.

        Examples
        --------
        >>> from pyspark.sql import functions as sf
        >>> spark.range(4).repartitionByRange(2, "id").select("id", sf.spark_partition_id().alias("p")).collect()
        [Row(id=0, p=0), Row(id=1, p=0), Row(id=2, p=1), Row(id=3, p=1)]

        Mirrors PySpark's ``DataFrame.repartitionByRange`` (Spark's ``RangePartitioning``).
        """
        from pyspark.errors import PySparkValueError

        if not isinstance(numPartitions, int) or isinstance(numPartitions, bool):
            cols = (numPartitions,) + cols
            numPartitions = None
        cols = _flatten(cols)
        if not cols:
            raise PySparkValueError(errorClass="CANNOT_BE_EMPTY", messageParameters={"item": "partition-by expression"})
        orders = [{"type": "SortOrder", **_sort_order(c)} for c in cols]
        return self._new("RepartitionByExpression", partition_exprs=orders, num_partitions=None if numPartitions is None else _positive_partitions(numPartitions))

    def repartitionById(self, numPartitions, partitionIdCol):
        """The rows moved to the partition their ``partitionIdCol`` names, modulo
        ``numPartitions`` (NULL to partition 0).

        Parameters
        ----------
        numPartitions : int
        partitionIdCol : str or :class:`Column`
            An INT expression.

        Raises
        ------
        AnalysisException
            ``DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE`` when the column is not an INT.

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> from pyspark.sql import functions as sf
        >>> spark.range(4).repartitionById(2, sf.col("id").cast("int")).select("id", sf.spark_partition_id().alias("p")).collect()
        [Row(id=0, p=0), Row(id=2, p=0), Row(id=1, p=1), Row(id=3, p=1)]

        Mirrors PySpark's ``DataFrame.repartitionById`` (Spark's ``DirectShufflePartitionID``).
        """
        direct = _plan.function("direct_shuffle_partition_id", [_column_expr(partitionIdCol)])
        return self._new("RepartitionByExpression", partition_exprs=[direct], num_partitions=_positive_partitions(numPartitions))

    def _known_partitions(self):
        """Spark's number of partitions of this DataFrame where the engine knows it, else None."""
        try:
            return self._native.partition_count(self._json())
        except NotImplementedError:
            return None

    def coalesce(self, numPartitions):
        """The same rows in at most ``numPartitions`` partitions, neighbouring partitions
        merged without a shuffle.

        Parameters
        ----------
        numPartitions : int

        Returns
        -------
        :class:`DataFrame`

        Examples
        --------
        >>> spark.range(0, 10, 1, 4).coalesce(2).rdd.getNumPartitions()
        2

        Mirrors PySpark's ``DataFrame.coalesce`` (Spark's ``Repartition`` without shuffle).
        """
        return self._new("Repartition", num_partitions=_positive_partitions(numPartitions), shuffle=False)

    def asTable(self):
        """This DataFrame as the ``TABLE`` argument of a table function.

        Returns
        -------
        :class:`~pyspark.sql.table_arg.TableArg`
            Refined with ``partitionBy``, ``orderBy`` or ``withSinglePartition``; the
            function makes an instance per partition, runs ``eval`` on each row (a
            ``Row``) and then ``terminate``.

        Examples
        --------
        >>> from pyspark.sql.functions import udtf
        >>> @udtf(returnType="doubled: long")
        ... class Double:
        ...     def eval(self, row):
        ...         yield row.id * 2,
        >>> Double(spark.range(3).asTable()).collect()
        [Row(doubled=0), Row(doubled=2), Row(doubled=4)]

        Mirrors PySpark's ``DataFrame.asTable`` (SQL's ``TABLE(...)`` argument).
        """
        from pyspark.sql.table_arg import TableArg

        return TableArg(self)

    def hint(self, name, *parameters):
        """A hint to the planner. The partitioning hints (``repartition``, ``coalesce``,
        ``repartition_by_range``, ``rebalance``) move rows as the methods of those names
        do; join hints (``broadcast``, ``merge``...) leave the rows as they are.

        Parameters
        ----------
        name : str
        parameters : str, int, float, :class:`Column` or list
            A partition count first, then columns, for the partitioning hints.

        Returns
        -------
        :class:`DataFrame`

        Raises
        ------
        PySparkTypeError
            ``INVALID_ITEM_FOR_CONTAINER`` for a parameter of another type.

        Examples
        --------
        >>> spark.range(0, 10, 1, 4).hint("coalesce", 1).rdd.getNumPartitions()
        1

        Mirrors PySpark's ``DataFrame.hint`` (Spark's ``ResolveHints``).
        """
        from pyspark.errors import PySparkTypeError

        if len(parameters) == 1 and isinstance(parameters[0], list):
            parameters = tuple(parameters[0])
        exprs = []
        for parameter in parameters:
            if isinstance(parameter, Column):
                exprs.append(parameter._expr)
            elif isinstance(parameter, str) and name.lower() in ("repartition", "repartition_by_range", "rebalance"):
                exprs.append(_plan.column(parameter))
            elif isinstance(parameter, (str, int, float, list)) and not isinstance(parameter, bool):
                exprs.append(_plan.literal(parameter))
            else:
                raise PySparkTypeError(
                    errorClass="INVALID_ITEM_FOR_CONTAINER",
                    messageParameters={"arg_name": "parameters", "allowed_types": "str, float, int, Column, list[str], list[float], list[int]", "item_type": type(parameter).__name__},
                )
        return self._new("Hint", name=name, parameters=exprs)

    # ------------------------------------------------------------- statistics
    @property
    def stat(self):
        """``DataFrameStatFunctions`` for this DataFrame (``df.stat.corr(...)``)."""
        return DataFrameStatFunctions(self)

    def corr(self, col1, col2, method=None):
        """The Pearson correlation of two numeric columns, as a float.

        Raises
        ------
        PySparkValueError
            ``VALUE_NOT_PEARSON`` for another ``method``.

        >>> spark.createDataFrame([(1, 2.0), (2, 4.0), (3, 6.5)], "x INT, y DOUBLE").corr("x", "y") > 0.99
        True
        """
        from pyspark.sql import functions as F

        if method is not None and method != "pearson":
            from pyspark.errors import PySparkValueError

            raise PySparkValueError(errorClass="VALUE_NOT_PEARSON", messageParameters={"arg_name": "method", "arg_value": method})
        return self.agg(F.corr(col1, col2)).first()[0]

    def cov(self, col1, col2):
        """The sample covariance of two numeric columns, as a float.

        >>> spark.createDataFrame([(1, 2.0), (2, 4.0)], "x INT, y DOUBLE").cov("x", "y")
        1.0
        """
        from pyspark.sql import functions as F

        return self.agg(F.covar_samp(col1, col2)).first()[0]

    def approxQuantile(self, col, probabilities, relativeError):
        """Quantiles of numeric columns: for each probability ``p`` the value of rank
        ``ceil(p * n)`` among the ``n`` non-null values in order (exact; Spark's
        Greenwald-Khanna sketch gives the same values when ``relativeError`` is 0).

        Parameters
        ----------
        col : str or list of str
        probabilities : list of float, each in [0, 1]
        relativeError : float >= 0

        Returns
        -------
        list of float, or a list of such lists when ``col`` is a list

        >>> spark.range(1, 6).approxQuantile("id", [0.0, 0.5, 1.0], 0.0)
        [1.0, 3.0, 5.0]
        """
        import math

        from pyspark.errors import PySparkValueError

        if relativeError < 0:
            raise PySparkValueError(errorClass="NEGATIVE_VALUE", messageParameters={"arg_name": "relativeError", "arg_value": str(relativeError)})
        for p in probabilities:
            if not 0 <= p <= 1:
                raise PySparkValueError(errorClass="NOT_IN_RANGE", messageParameters={"arg_name": "probabilities", "lower": "0", "upper": "1"})
        columns = [col] if isinstance(col, str) else list(col)
        results = []
        for name in columns:
            values = [r[0] for r in self.select(name).dropna().orderBy(name).collect()]
            n = len(values)
            results.append([float(values[max(0, math.ceil(p * n) - 1)]) for p in probabilities] if n else [])
        return results[0] if isinstance(col, str) else results

    def crosstab(self, col1, col2):
        """The contingency table of two columns: a row per value of ``col1`` (column
        ``col1_col2``), a long column per value of ``col2`` (sorted), cells are counts.

        >>> spark.createDataFrame([("a", 1), ("b", 1), ("a", 2)], "g STRING, x INT").crosstab("g", "x").orderBy("g_x").collect()
        [Row(g_x='a', 1=1, 2=1), Row(g_x='b', 1=1, 2=0)]
        """
        from pyspark.sql.types import LongType, StringType, StructField, StructType

        counts = {}
        for r in self.groupBy(col1, col2).count().collect():
            counts[("null" if r[0] is None else str(r[0]), "null" if r[1] is None else str(r[1]))] = r[2]
        firsts = sorted({a for a, _ in counts})
        seconds = sorted({b for _, b in counts})
        schema = StructType([StructField("%s_%s" % (col1, col2), StringType(), True)] + [StructField(b, LongType(), False) for b in seconds])
        rows = [tuple([a] + [counts.get((a, b), 0) for b in seconds]) for a in firsts]
        return self._session.createDataFrame(rows, schema)

    @property
    def write(self) -> "DataFrameWriter":
        """A ``DataFrameWriter`` for saving the rows."""
        from pyspark.sql.readwriter import DataFrameWriter

        return DataFrameWriter(self)

    @property
    def rdd(self):
        """The rows as an ``RDD`` of ``Row`` objects.

        Ember computes the rows when ``rdd`` is read and distributes them over Spark's
        partitions where Ember knows them: those of ``range`` (``numPartitions``, else
        ``defaultParallelism``), ``createDataFrame`` (``defaultParallelism``), file reads
        (Spark's file splits), ``repartition``/``coalesce``, kept through narrow
        transformations (``select``, ``filter``, ...), and one after ``limit``; else
        ``min(rows, defaultParallelism)``. Spark computes the rows lazily.

        >>> spark.range(3).rdd.map(lambda r: r.id * 10).collect()
        [0, 10, 20]
        """
        from pyspark.sql import functions as F

        sc = self.sparkSession.sparkContext
        partitions = self._known_partitions()
        if partitions is None:
            rows = self.collect()
            return sc.parallelize(rows, max(1, min(len(rows), sc.defaultParallelism)))
        parts = [[] for _ in range(partitions)]
        for row in self.select("*", F.spark_partition_id().alias("__ember_rdd_partition")).collect():
            values = Row(*tuple(row)[:-1])
            values.__fields__ = list(row.__fields__[:-1])
            parts[min(row[-1], partitions - 1)].append(values)
        # One list per partition, one partition each, then the rows of each list.
        return sc.parallelize(parts, partitions).flatMap(lambda rows: rows)

    def inputFiles(self):
        """The files this DataFrame reads, as absolute URIs, sorted and without repeats.

        Returns
        -------
        list of str

        Examples
        --------
        >>> spark.range(1).inputFiles()
        []

        Mirrors PySpark's ``DataFrame.inputFiles``; Ember lists the files of the
        ``spark.read`` sources in the plan.
        """
        files = set()

        def visit(node):
            if isinstance(node, dict):
                if node.get("type") == "Read":
                    for path in node.get("paths", []):
                        files.update(_listed_files(path))
                for value in node.values():
                    visit(value)
            elif isinstance(node, list):
                for value in node:
                    visit(value)

        visit(self._plan)
        return sorted(files)

    def sameSemantics(self, other):
        """Whether ``other`` computes the same rows from the same sources as this
        DataFrame; output names do not count.

        Parameters
        ----------
        other : :class:`DataFrame`

        Returns
        -------
        bool

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``other`` is not a DataFrame.

        Examples
        --------
        >>> df = spark.range(3)
        >>> df.select((df.id * 2).alias("a")).sameSemantics(df.select((df.id * 2).alias("b")))
        True

        Mirrors PySpark's ``DataFrame.sameSemantics`` (Spark compares canonicalized plans;
        Ember compares optimized plans without their aliases).
        """
        from pyspark.errors import PySparkTypeError

        if not isinstance(other, DataFrame):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"expected_type": "DataFrame", "arg_name": "other", "arg_type": type(other).__name__})
        return self._native.semantic_text(self._json()) == other._native.semantic_text(other._json())

    def semanticHash(self):
        """A hash of this DataFrame's plan that ``sameSemantics`` DataFrames share.

        Returns
        -------
        int
            A 32-bit signed hash (the values differ from Spark's).

        Examples
        --------
        >>> spark.range(3).semanticHash() == spark.range(3).semanticHash()
        True

        Mirrors PySpark's ``DataFrame.semanticHash``.
        """
        import zlib

        value = zlib.crc32(self._native.semantic_text(self._json()).encode("utf-8"))
        return value - (1 << 32) if value >= (1 << 31) else value

    def explain(self, extended=None, mode=None):
        """Prints the plans, in Spark's sections, from Ember's engine (DataFusion's plans,
        so the text is not Spark's).

        Parameters
        ----------
        extended : bool, optional
            True adds the logical plans (``mode="extended"``).
        mode : str, optional
            ``simple`` (the physical plan, default), ``extended``, ``cost`` (the optimized
            plan with the result's estimated ``Statistics(sizeInBytes=..., rowCount=...)``,
            then the physical plan), ``formatted`` or ``codegen`` (these two print as
            ``extended``).

        Returns
        -------
        None
            The plans are printed.

        Raises
        ------
        PySparkValueError
            ``UNKNOWN_EXPLAIN_MODE`` for another mode.

        Examples
        --------
        >>> spark.range(3).explain()  # doctest: +ELLIPSIS
        == Physical Plan ==
        ...
        >>> spark.range(3).explain(mode="cost")  # doctest: +ELLIPSIS
        == Optimized Logical Plan ==
        ...Statistics(sizeInBytes=...
        ...

        Mirrors PySpark's ``DataFrame.explain`` (Spark's ``ExplainMode``).
        """
        if isinstance(extended, str) and mode is None:
            extended, mode = None, extended
        if mode is None:
            mode = "extended" if extended else "simple"
        if mode not in ("simple", "extended", "formatted", "cost", "codegen"):
            from pyspark.errors import PySparkValueError

            raise PySparkValueError(errorClass="UNKNOWN_EXPLAIN_MODE", messageParameters={"explain_mode": str(mode)})
        logical, optimized, physical, statistics = self._native.explain(self._json())
        level = self.storageLevel
        if level.useDisk or level.useMemory or level.useOffHeap:
            # A cached DataFrame reads its kept rows (Spark's InMemoryTableScan over an
            # InMemoryRelation, which holds the plan that computes them).
            columns = ", ".join(self.columns)
            flags = [name for name, on in (("disk", level.useDisk), ("memory", level.useMemory), ("offheap", level.useOffHeap), ("deserialized", level.deserialized)) if on]
            described = "StorageLevel(%s, %d replicas)" % (", ".join(flags), level.replication)
            inner = "\n".join("         " + line for line in physical.rstrip("\n").split("\n"))
            physical = "InMemoryTableScan [%s]\n   +- InMemoryRelation [%s], %s\n%s\n" % (columns, columns, described, inner)
        if mode == "simple":
            print("== Physical Plan ==\n%s" % physical)
            return
        if mode == "cost":
            # The optimized plan with the result's estimated statistics on its root line.
            lines = optimized.split("\n")
            if statistics:
                lines[0] = "%s, %s" % (lines[0], statistics)
            print("== Optimized Logical Plan ==\n%s\n\n== Physical Plan ==\n%s" % ("\n".join(lines), physical))
            return
        print("== Parsed Logical Plan ==\n%s\n\n== Analyzed Logical Plan ==\n%s\n\n== Optimized Logical Plan ==\n%s\n\n== Physical Plan ==\n%s" % (logical, logical, optimized, physical))


def _listed_files(path):
    """The data files under ``path``, as Spark lists them (hidden and ``_`` names left
    out, partition directories ``k=v`` kept), as sorted absolute ``file://`` URIs."""
    import os

    path = path[5:] if path.startswith("file:") else path
    found = []
    if os.path.isfile(path):
        found.append(os.path.abspath(path))
    for root, dirs, names in os.walk(path):
        dirs[:] = [d for d in dirs if not d.startswith(("_", ".")) or "=" in d]
        found.extend(os.path.abspath(os.path.join(root, n)) for n in names if not n.startswith(("_", ".")))
    return ["file://" + f for f in found]


class DataFrameStatFunctions:
    """``df.stat``: the statistics helpers of a DataFrame. Mirrors
    ``pyspark.sql.DataFrameStatFunctions``."""

    def __init__(self, df):
        self.df = df

    def corr(self, col1, col2, method=None):
        return self.df.corr(col1, col2, method)

    def cov(self, col1, col2):
        return self.df.cov(col1, col2)

    def approxQuantile(self, col, probabilities, relativeError):
        return self.df.approxQuantile(col, probabilities, relativeError)

    def crosstab(self, col1, col2):
        return self.df.crosstab(col1, col2)


class DataFrameNaFunctions:
    """``df.na``: Spark's ``DataFrameNaFunctions``."""

    def __init__(self, df):
        self.df = df

    def fill(self, value, subset=None):
        return self.df.fillna(value, subset)

    def drop(self, how="any", thresh=None, subset=None):
        return self.df.dropna(how, thresh, subset)

    def replace(self, to_replace, value=None, subset=None):
        return self.df.replace(to_replace, value, subset)
