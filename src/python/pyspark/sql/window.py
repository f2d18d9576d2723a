"""``pyspark.sql.Window``: window specifications for window functions."""
import sys
from typing import TYPE_CHECKING, Any, Dict, Optional, Sequence, Union

from pyspark.sql.dataframe import _column_expr, _sort_order

if TYPE_CHECKING:
    from pyspark.sql.column import Column

    # What partitionBy and orderBy take: columns or names, or one list of them.
    _Columns = Union["Column", str, Sequence[Union["Column", str]]]

__all__ = ["Window", "WindowSpec"]


class WindowSpec:
    """Partitioning and ordering of a window. Mirrors ``pyspark.sql.WindowSpec``."""

    def __init__(self, spec: Optional[Dict[str, Any]] = None) -> None:
        self._spec = spec or {"partition_by": [], "order_by": []}

    def partitionBy(self, *cols: "_Columns") -> "WindowSpec":
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        return WindowSpec(dict(self._spec, partition_by=[_column_expr(c) for c in cols]))

    def orderBy(self, *cols: "_Columns") -> "WindowSpec":
        if len(cols) == 1 and isinstance(cols[0], (list, tuple)):
            cols = cols[0]
        return WindowSpec(dict(self._spec, order_by=[_sort_order(c) for c in cols]))

    def rowsBetween(self, start: int, end: int) -> "WindowSpec":
        """The frame from ``start`` to ``end`` rows around the current row.

        Parameters: ``start`` and ``end`` (int): row offsets, negative before the current
        row; ``Window.unboundedPreceding``, ``Window.unboundedFollowing`` and
        ``Window.currentRow`` (0) as in Spark. Returns a new ``WindowSpec``.
        Mirrors ``pyspark.sql.WindowSpec.rowsBetween`` (Spark's ROWS frame).

        >>> from pyspark.sql import functions as F
        >>> w = Window.orderBy("id").rowsBetween(-1, 0)
        >>> [r.s for r in spark.range(4).select(F.sum("id").over(w).alias("s")).collect()]
        [0, 1, 3, 5]
        """
        return WindowSpec(dict(self._spec, frame=_frame(True, start, end)))

    def rangeBetween(self, start: int, end: int) -> "WindowSpec":
        """The frame of rows whose ordering value lies within ``start``..``end`` of the
        current row's (Spark's RANGE frame; peers of the current row are always inside).

        Parameters: ``start`` and ``end`` (int): value offsets, or the ``Window`` bounds.
        Returns a new ``WindowSpec``. Mirrors ``pyspark.sql.WindowSpec.rangeBetween``.

        >>> from pyspark.sql import functions as F
        >>> w = Window.orderBy("id").rangeBetween(Window.unboundedPreceding, 0)
        >>> [r.s for r in spark.range(3).select(F.sum("id").over(w).alias("s")).collect()]
        [0, 1, 3]
        """
        return WindowSpec(dict(self._spec, frame=_frame(False, start, end)))


def _frame(rows: bool, start: int, end: int) -> Dict[str, Any]:
    """A frame boundary pair; offsets at or beyond +/-sys.maxsize are unbounded, as in Spark."""
    lower = None if start <= -sys.maxsize else int(start)
    upper = None if end >= sys.maxsize else int(end)
    return {"rows": rows, "lower": lower, "upper": upper}


class Window:
    """Builders of ``WindowSpec``. Mirrors ``pyspark.sql.Window``."""

    unboundedPreceding: int = -(1 << 63)
    unboundedFollowing: int = (1 << 63) - 1
    currentRow: int = 0

    @staticmethod
    def partitionBy(*cols: "_Columns") -> WindowSpec:
        return WindowSpec().partitionBy(*cols)

    @staticmethod
    def orderBy(*cols: "_Columns") -> WindowSpec:
        return WindowSpec().orderBy(*cols)

    @staticmethod
    def rowsBetween(start: int, end: int) -> WindowSpec:
        """A ROWS frame with no partitioning or ordering; see ``WindowSpec.rowsBetween``."""
        return WindowSpec().rowsBetween(start, end)

    @staticmethod
    def rangeBetween(start: int, end: int) -> WindowSpec:
        """A RANGE frame with no partitioning or ordering; see ``WindowSpec.rangeBetween``."""
        return WindowSpec().rangeBetween(start, end)
