"""``pyspark.sql.tvf_argument``: the base of the arguments that only table-valued
functions take (``TableArg``). Mirrors ``pyspark.sql.tvf_argument``."""

__all__ = ["TableValuedFunctionArgument"]


class TableValuedFunctionArgument:
    """The kind of a table-valued function's argument that is not a Column, such as a
    whole DataFrame (:class:`~pyspark.sql.table_arg.TableArg`). Mirrors
    ``pyspark.sql.tvf_argument.TableValuedFunctionArgument``."""
