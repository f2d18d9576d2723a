"""``pyspark.sql.GroupedData``: aggregations over ``DataFrame.groupBy`` groups."""
from typing import TYPE_CHECKING, Any

from pyspark.sql import _plan
from pyspark.sql.column import Column
from pyspark.sql._grouped_maps import GroupedMapMethods

if TYPE_CHECKING:
    from pyspark.sql.dataframe import DataFrame

__all__ = ["GroupedData"]


def _java_string_hash(text):
    value = 0
    for char in text.encode("utf-16-be").decode("utf-16-be"):
        value = (31 * value + ord(char)) & 0xFFFFFFFF
    return value


def _java_hashmap_order(keys):
    """Keys in the iteration order of a ``java.util.HashMap`` built from them: classic
    PySpark sends ``agg({...})`` dicts through such a map, which decides column order."""
    capacity = 16
    while len(keys) > capacity * 0.75:
        capacity *= 2

    def bucket(key):
        h = _java_string_hash(key)
        h ^= h >> 16
        return h & (capacity - 1)

    return sorted(keys, key=bucket)


def _agg_call(function, column_name):
    name = {"mean": "avg", "stddev": "stddev", "std": "stddev"}.get(function, function)
    if column_name == "*" and function == "count":
        return Column(_plan.function("count", [_plan.literal(1)]), "count(1)")
    return Column(_plan.function(name, [_plan.column(column_name)]), "%s(%s)" % (function, column_name))


class GroupedData(GroupedMapMethods):
    """Rows grouped by ``DataFrame.groupBy``; aggregate with ``agg`` or the shortcuts.

    Mirrors ``pyspark.sql.GroupedData``.

    Examples
    --------
    >>> df = spark.createDataFrame([("a", 1), ("a", 2), ("b", 3)], ["k", "v"])
    >>> sorted(df.groupBy("k").sum("v").collect())
    [Row(k='a', sum(v)=3), Row(k='b', sum(v)=3)]
    """

    def __init__(self, df, grouping, group_type="groupby", pivot=None, grouping_sets=None):
        self._df = df
        self._grouping = grouping
        self._group_type = group_type
        self._pivot = pivot
        self._grouping_sets = grouping_sets

    def __repr__(self):
        """Spark's text of a grouping (``RelationalGroupedDataset.toString``): the grouping
        expressions, the grouped DataFrame's columns and the kind of grouping."""
        types = {f.name: f.dataType.simpleString() for f in self._df.schema.fields}
        keys = []
        for expr in self._grouping:
            name = expr.get("name") if expr.get("type") == "Column" else None
            keys.append("%s: %s" % (name, types[name]) if name in types else str(expr.get("name", expr.get("type"))))
        value = ", ".join("%s: %s" % (n, t) for n, t in types.items())
        kind = {"groupby": "GroupBy", "rollup": "Rollup", "cube": "Cube", "grouping_sets": "GroupingSets"}.get(self._group_type, self._group_type)
        if self._pivot is not None:
            kind = "Pivot"
        return "GroupedData[grouping expressions: [%s], value: [%s], type: %s]" % (", ".join(keys), value, kind)

    def agg(self, *exprs: Any) -> "DataFrame":
        """Aggregates with Columns, or with a ``{column: function}`` dict.

        Returns
        -------
        DataFrame
            The grouping columns, then one column per aggregate.
        """
        if len(exprs) == 1 and isinstance(exprs[0], dict):
            mapping = exprs[0]
            columns = [_agg_call(mapping[k], k) for k in _java_hashmap_order(list(mapping))]
        else:
            columns = list(exprs)
        fields = {"grouping": self._grouping, "aggregates": [c._expr for c in columns], "group_type": self._group_type}
        if self._pivot is not None:
            fields["pivot"] = self._pivot
        if self._grouping_sets is not None:
            fields["grouping_sets"] = self._grouping_sets
        return self._df._new("Aggregate", **fields)

    def _simple(self, function, cols):
        if not cols:
            numeric = [f.name for f in self._df.schema.fields if f.dataType.typeName() in ("byte", "short", "integer", "long", "float", "double", "decimal")]
            grouped = {g.get("name", "").lower() for g in self._grouping if g.get("type") == "Column"}
            cols = [c for c in numeric if c.lower() not in grouped]
        return self.agg(*[_agg_call(function, c) for c in cols])

    def count(self) -> "DataFrame":
        """The number of rows in each group, as column ``count``."""
        count = Column({"type": "Alias", "child": _plan.function("count", [_plan.literal(1)]), "name": "count"}, "count")
        return self.agg(count)

    def sum(self, *cols):
        return self._simple("sum", cols)

    def avg(self, *cols):
        return self._simple("avg", cols)

    mean = avg

    def min(self, *cols):
        return self._simple("min", cols)

    def max(self, *cols):
        return self._simple("max", cols)

    def pivot(self, pivot_col, values=None):
        """Turns the values of ``pivot_col`` into columns: after ``agg``, one column per
        value (per value and aggregate, ``{value}_{aggregate}``, with several aggregates).
        Without ``values``, the distinct values are computed and sorted, as Spark does.

        Parameters
        ----------
        pivot_col : str
        values : list, optional

        Returns
        -------
        GroupedData

        >>> df = spark.createDataFrame([("2023", "Q1", 1), ("2023", "Q2", 2)], ["y", "q", "n"])
        >>> df.groupBy("y").pivot("q").sum("n").collect()
        [Row(y='2023', Q1=1, Q2=2)]
        """
        from pyspark.sql.column import _to_expr

        if values is None:
            # Under a name of its own: a nested field's output name is its last part.
            column = self._df[pivot_col] if isinstance(pivot_col, str) else pivot_col
            rows = self._df.select(column.alias("__ember_pivot")).distinct().dropna().orderBy("__ember_pivot").collect()
            nulls = self._df.filter(self._df[pivot_col].isNull()).limit(1).count() if isinstance(pivot_col, str) else 0
            values = ([None] if nulls else []) + [r[0] for r in rows]
        names = ["null" if v is None else (str(v).lower() if isinstance(v, bool) else str(v)) for v in values]
        column = self._df[pivot_col]._expr if isinstance(pivot_col, str) else _to_expr(pivot_col)
        pivot = {"column": column, "values": [_plan.literal(v) for v in values], "names": names}
        return GroupedData(self._df, self._grouping, self._group_type, pivot)