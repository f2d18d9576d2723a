"""``pyspark.sql.Window``: window specifications for window functions."""
from pyspark.sql.dataframe import _column_expr, _sort_order

__all__ = ["Window", "WindowSpec"]


class WindowSpec:
    """Partitioning and ordering of a window. Mirrors ``pyspark.sql.WindowSpec``."""

    def __init__(self, spec=None):
        self._spec = spec or {"partition_by": [], "order_by": []}

    def partitionBy(self, *cols):
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        return WindowSpec(dict(self._spec, partition_by=[_column_expr(c) for c in cols]))

    def orderBy(self, *cols):
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        return WindowSpec(dict(self._spec, order_by=[_sort_order(c) for c in cols]))

    def rowsBetween(self, start, end):
        return self

    def rangeBetween(self, start, end):
        return self


class Window:
    """Builders of ``WindowSpec``. Mirrors ``pyspark.sql.Window``."""

    unboundedPreceding = -(1 << 63)
    unboundedFollowing = (1 << 63) - 1
    currentRow = 0

    @staticmethod
    def partitionBy(*cols):
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols):
        return WindowSpec().orderBy(*cols)
