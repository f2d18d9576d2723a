"""``pyspark.sql.Column``: an unresolved expression over a DataFrame's columns.

Mirrors PySpark's Column API; each operator builds an expression node that the engine
resolves with Spark's rules.
"""
from typing import TYPE_CHECKING, Any, Callable

from pyspark.sql import _plan

if TYPE_CHECKING:
    from pyspark.sql.types import DataType
    from pyspark.sql.window import WindowSpec

__all__ = ["Column"]


def _to_expr(value):
    """The expression of a Column, or a literal for a Python value."""
    if isinstance(value, Column):
        return value._expr
    return _plan.literal(value)


def _to_repr(value):
    if isinstance(value, Column):
        return value._repr
    if isinstance(value, str):
        return value
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _call(name, *arguments, repr_name=None, by_sql_name=False):
    """A Column for a Spark function or operator applied to arguments; ``by_sql_name``
    when called as SQL calls it (``call_function``)."""
    expr = _plan.function(name, [_to_expr(a) for a in arguments], by_sql_name=by_sql_name)
    text = "%s(%s)" % (repr_name or name, ", ".join(_to_repr(a) for a in arguments))
    return Column(expr, text)


def _binary(name: str) -> "Callable[[Column, Any], Column]":
    def method(self: "Column", other: Any) -> "Column":
        return _call(name, self, other)

    method.__name__ = name
    return method


def _reflected(name: str) -> "Callable[[Column, Any], Column]":
    def method(self: "Column", other: Any) -> "Column":
        return _call(name, Column(_plan.literal(other), _to_repr(other)), self)

    return method


class Column:
    """A column expression in a DataFrame.

    Build one with ``df.col``, ``df["col"]``, ``functions.col("col")`` or operators on
    other columns. Mirrors ``pyspark.sql.Column``.

    Examples
    --------
    >>> df = spark.createDataFrame([(2, "Alice"), (5, "Bob")], ["age", "name"])
    >>> df.select((df.age + 1).alias("next")).collect()
    [Row(next=3), Row(next=6)]
    """

    def __init__(self, expr: Any, text: "str | None" = None) -> None:
        self._expr = expr
        self._repr = text if text is not None else expr.get("name", "?")

    def __repr__(self) -> str:
        return "Column<'%s'>" % self._repr

    # Arithmetic and comparison operators (Spark's operator expressions).
    __add__ = _binary("+")
    __sub__ = _binary("-")
    __mul__ = _binary("*")
    __truediv__ = _binary("/")
    __div__ = _binary("/")
    __mod__ = _binary("%")
    __radd__ = _reflected("+")
    __rsub__ = _reflected("-")
    __rmul__ = _reflected("*")
    __rtruediv__ = _reflected("/")
    __rmod__ = _reflected("%")
    __eq__ = _binary("==")
    __ne__ = _binary("!=")
    __lt__ = _binary("<")
    __le__ = _binary("<=")
    __gt__ = _binary(">")
    __ge__ = _binary(">=")
    __and__ = _binary("and")
    __or__ = _binary("or")
    __rand__ = _reflected("and")
    __ror__ = _reflected("or")
    bitwiseAND = _binary("&")
    bitwiseOR = _binary("|")
    bitwiseXOR = _binary("^")
    eqNullSafe = _binary("<=>")

    def __pow__(self, other: Any) -> "Column":
        return _call("power", self, other)

    def __neg__(self) -> "Column":
        # Spark's UnaryMinus from the operator is named `(- x)`; F.negative names its call.
        return _call("-", self)

    def __invert__(self) -> "Column":
        return _call("not", self)

    def __hash__(self):
        return id(self)

    def __bool__(self):
        from pyspark.errors import PySparkValueError

        raise PySparkValueError(
            errorClass="CANNOT_CONVERT_COLUMN_INTO_BOOL",
            messageParameters={},
        )

    __nonzero__ = __bool__

    def __iter__(self):
        from pyspark.errors import PySparkTypeError

        raise PySparkTypeError(errorClass="NOT_ITERABLE", messageParameters={"objectName": "Column"})

    def __getitem__(self, key: Any) -> "Column":
        if isinstance(key, slice):
            return self.substr(key.start, key.stop)
        # PySpark's UnresolvedExtractValue: a 0-based array index, a map key or a field name.
        return Column(_plan.function("get_field", [self._expr, _to_expr(key)]), "%s[%s]" % (self._repr, _to_repr(key)))

    def __getattr__(self, item: str) -> "Column":
        if item.startswith("__"):
            raise AttributeError(item)
        return self.getField(item)

    def transform(self, f: "Callable[[Column], Column]") -> "Column":
        """The Column ``f`` returns for this one, so that calls chain
        (``col.transform(trim).transform(upper)``).

        Parameters
        ----------
        f : function
            Takes a Column and returns a Column.

        Returns
        -------
        Column
            Whatever ``f`` returns. Mirrors ``pyspark.sql.Column.transform`` (PySpark 4.1+).

        Examples
        --------
        >>> from pyspark.sql.functions import col, upper
        >>> spark.createDataFrame([("a",)], ["s"]).select(col("s").transform(upper).alias("u")).collect()
        [Row(u='A')]
        """
        return f(self)

    def getField(self, name: Any) -> "Column":
        """A field of a struct column, by name."""
        return Column(_plan.function("get_field", [self._expr, _plan.literal(name)]), "%s.%s" % (self._repr, name))

    def withField(self, fieldName: str, col: "Column") -> "Column":
        """This struct column with field ``fieldName`` set to ``col``: replaced where it
        is, or added last. A dotted name (``"e.f"``) reaches into nested structs.

        Parameters
        ----------
        fieldName : str
            The field's name, or a dotted path of names.
        col : :class:`Column`
            The field's new value.

        Returns
        -------
        :class:`Column`
            A struct. Mirrors ``pyspark.sql.Column.withField`` (Spark's ``UpdateFields``).

        Raises
        ------
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` when ``fieldName`` is not a string or ``col`` is not a
            Column.

        Examples
        --------
        >>> from pyspark.sql import Row
        >>> from pyspark.sql.functions import lit
        >>> s = spark.createDataFrame([Row(s=Row(x=1, y=2))])
        >>> s.select(s.s.withField("y", lit(20)).withField("z", lit(30)).alias("s")).first().s
        Row(x=1, y=20, z=30)
        """
        from pyspark.errors import PySparkTypeError

        if not isinstance(fieldName, str):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": "fieldName", "expected_type": "str", "arg_type": type(fieldName).__name__})
        if not isinstance(col, Column):
            raise PySparkTypeError(errorClass="NOT_EXPECTED_TYPE", messageParameters={"arg_name": "col", "expected_type": "Column", "arg_type": type(col).__name__})
        return _call("update_fields", self, "with", fieldName, col)

    def dropFields(self, *fieldNames: str) -> "Column":
        """This struct column without the fields named; dotted names (``"e.f"``) reach
        into nested structs, and names that match no field are ignored.

        Parameters
        ----------
        fieldNames : str
            The fields to drop.

        Returns
        -------
        :class:`Column`
            A struct. Mirrors ``pyspark.sql.Column.dropFields`` (Spark's ``UpdateFields``).

        Raises
        ------
        AnalysisException
            ``DATATYPE_MISMATCH.CANNOT_DROP_ALL_FIELDS`` when no field would be left.

        Examples
        --------
        >>> from pyspark.sql import Row
        >>> s = spark.createDataFrame([Row(s=Row(x=1, y=2, z=Row(p=3, q=4)))])
        >>> s.select(s.s.dropFields("x", "z.q").alias("s")).first().s
        Row(y=2, z=Row(p=3))
        """
        return _call("update_fields", self, "drop", *fieldNames)

    def getItem(self, key: Any) -> "Column":
        """An element of an array (by position) or a map (by key)."""
        return self[key]

    # Predicates.
    def isNull(self) -> "Column":
        """True where the value is NULL."""
        return _call("isNull", self)

    def isNotNull(self) -> "Column":
        """True where the value is not NULL."""
        return _call("isNotNull", self)

    def isNaN(self) -> "Column":
        return _call("isnan", self)

    def outer(self) -> "Column":
        """This column read from the query around a subquery (Spark's ``OuterReference``):
        inside a DataFrame used as ``scalar()`` or ``exists()``, it correlates the
        subquery with each row of the outer DataFrame. Ember runs subqueries in filters
        only, correlated by equalities; elsewhere they raise an error.

        Returns
        -------
        :class:`Column`
            The outer query's column.

        Raises
        ------
        AnalysisException
            ``UNRESOLVED_COLUMN`` when no query around the subquery has the column.

        Examples
        --------
        >>> from pyspark.sql import functions as F
        >>> a = spark.createDataFrame([(1,), (2,), (3,)], ["k"]).alias("a")
        >>> b = spark.createDataFrame([(1, 10), (1, 20), (3, 5)], ["k", "v"]).alias("b")
        >>> a.where(b.where(F.col("b.k") == F.col("a.k").outer()).select(F.sum("v")).scalar() > 6).collect()
        [Row(k=1)]

        Mirrors PySpark's ``Column.outer``.
        """
        return Column({"type": "OuterColumn", "child": self._expr}, "outer(%s)" % self._repr)

    def isin(self, *cols: Any) -> "Column":
        """True where the value is one of ``cols`` (Spark's ``In``), or one of the rows of
        a DataFrame (Spark's ``In`` of a ``ListQuery``).

        Parameters
        ----------
        *cols : values, Columns, a list of them, or one DataFrame
            The values to look for. A DataFrame of one column gives them as rows; a struct
            column against a DataFrame of several columns is compared field by field.

        Returns
        -------
        :class:`Column`
            A boolean column: NULL where the value is NULL, or where it is not found and
            the values include a NULL.

        Raises
        ------
        AnalysisException
            ``DATATYPE_MISMATCH.IN_SUBQUERY_LENGTH_MISMATCH`` when the DataFrame's columns
            do not match the values compared.

        Examples
        --------
        >>> df = spark.range(5)
        >>> df.where(df.id.isin(1, 3)).count()
        2
        >>> df.where(df.id.isin(spark.range(2, 10))).count()
        3

        Mirrors PySpark's ``Column.isin``.
        """
        from pyspark.sql.dataframe import DataFrame
        if len(cols) == 1 and isinstance(cols[0], DataFrame):
            query = cols[0]
            return Column({"type": "InSubquery", "plan": query._plan, "in_values": [self._expr]}, "(%s IN (listquery()))" % self._repr)
        if len(cols) == 1 and isinstance(cols[0], (list, set, tuple)):
            cols = tuple(cols[0])
        return _call("in", self, *cols)

    def between(self, lowerBound: Any, upperBound: Any) -> "Column":
        """``lowerBound <= self <= upperBound``."""
        return _call("between", self, lowerBound, upperBound)

    def like(self, other: str) -> "Column":
        """SQL LIKE with ``%`` and ``_`` wildcards."""
        return _call("like", self, other)

    def ilike(self, other: str) -> "Column":
        return _call("ilike", self, other)

    def rlike(self, other: str) -> "Column":
        """Java regular expression match."""
        return _call("rlike", self, other)

    def startswith(self, other: "Column | str") -> "Column":
        return _call("startswith", self, other)

    def endswith(self, other: "Column | str") -> "Column":
        return _call("endswith", self, other)

    def contains(self, other: Any) -> "Column":
        return _call("contains", self, other)

    def substr(self, startPos: "int | Column", length: "int | Column") -> "Column":
        """Substring from 1-based ``startPos`` of ``length`` characters."""
        return _call("substr", self, startPos, length)

    # Naming and types.
    def alias(self, *alias: str, **kwargs: Any) -> "Column":
        """The column under a new name (PySpark's ``Column.alias``, Spark's ``Alias``).

        Parameters
        ----------
        *alias : str
            One name, or one name for each column a generator makes
            (``stack(...).alias("k", "v")``, Spark's ``MultiAlias``).
        metadata : dict, optional
            Spark field metadata for the new column (one name only); it shows in
            ``df.schema[name].metadata``.

        Returns
        -------
        Column
            The same values under the new name or names.

        Raises
        ------
        PySparkValueError
            ``ONLY_ALLOWED_FOR_SINGLE_COLUMN`` when ``metadata`` comes with more than one
            name.

        Examples
        --------
        >>> df = spark.range(1)
        >>> df.select((df.id + 1).alias("next")).columns
        ['next']
        >>> df.select(df.id.alias("n", metadata={"unit": "rows"})).schema["n"].metadata
        {'unit': 'rows'}

        Mirrors PySpark's ``Column.alias`` and Spark's ``Alias(explicitMetadata)``.
        """
        metadata = kwargs.pop("metadata", None)
        if metadata is not None and len(alias) > 1:
            from pyspark.errors import PySparkValueError
            raise PySparkValueError(errorClass="ONLY_ALLOWED_FOR_SINGLE_COLUMN", messageParameters={"arg_name": "metadata"})
        if len(alias) > 1:
            # The names ride with the generator to the engine (`generators::GENERATOR_NAMES`).
            return Column(
                _plan.function("ember_generator_names", [self._expr] + [_to_expr(a) for a in alias]),
                "multialias(%s AS (%s))" % (self._repr, ", ".join(alias)),
            )
        name = alias[0]
        expr = {"type": "Alias", "child": self._expr, "name": name}
        if metadata is not None:
            import json
            expr["metadata"] = json.dumps(metadata)
        return Column(expr, "%s AS %s" % (self._repr, name))

    name = alias
    As = alias

    def cast(self, dataType: "DataType | str") -> "Column":
        """The column converted to ``dataType`` (a DataType or a DDL type string)."""
        type_name = dataType if isinstance(dataType, str) else dataType.simpleString()
        return Column({"type": "Cast", "child": self._expr, "data_type": type_name}, "CAST(%s AS %s)" % (self._repr, type_name.upper()))

    astype = cast

    def try_cast(self, dataType: "DataType | str") -> "Column":
        type_name = dataType if isinstance(dataType, str) else dataType.simpleString()
        return Column({"type": "Cast", "child": self._expr, "data_type": type_name, "try_cast": True}, "TRY_CAST(%s AS %s)" % (self._repr, type_name.upper()))

    # Ordering.
    def _sort(self, ascending, nulls_first, text):
        return Column({"type": "SortOrder", "child": self._expr, "ascending": ascending, "nulls_first": nulls_first}, "%s %s" % (self._repr, text))

    def asc(self) -> "Column":
        """Ascending order, NULLs first (Spark's default)."""
        return self._sort(True, True, "ASC NULLS FIRST")

    def asc_nulls_first(self) -> "Column":
        return self._sort(True, True, "ASC NULLS FIRST")

    def asc_nulls_last(self) -> "Column":
        return self._sort(True, False, "ASC NULLS LAST")

    def desc(self) -> "Column":
        """Descending order, NULLs last (Spark's default)."""
        return self._sort(False, False, "DESC NULLS LAST")

    def desc_nulls_first(self) -> "Column":
        return self._sort(False, True, "DESC NULLS FIRST")

    def desc_nulls_last(self) -> "Column":
        return self._sort(False, False, "DESC NULLS LAST")

    # Conditionals.
    def when(self, condition: "Column", value: Any) -> "Column":
        """Adds a branch to a ``functions.when`` chain."""
        if self._expr.get("type") != "CaseWhen" or self._expr.get("otherwise") is not None:
            from pyspark.errors import PySparkValueError

            raise PySparkValueError(errorClass="INVALID_WHEN_USAGE", messageParameters={})
        expr = dict(self._expr)
        expr["branches"] = self._expr["branches"] + [[_to_expr(condition), _to_expr(value)]]
        return Column(expr, "%s WHEN %s THEN %s" % (self._repr[:-4] if self._repr.endswith(" END") else self._repr, _to_repr(condition), _to_repr(value)) + " END")

    def otherwise(self, value: Any) -> "Column":
        """The value of a ``when`` chain when no branch matches."""
        if self._expr.get("type") != "CaseWhen" or self._expr.get("otherwise") is not None:
            from pyspark.errors import PySparkValueError

            raise PySparkValueError(errorClass="INVALID_OTHERWISE_USAGE", messageParameters={})
        expr = dict(self._expr)
        expr["otherwise"] = _to_expr(value)
        base = self._repr[:-4] if self._repr.endswith(" END") else self._repr
        return Column(expr, "%s ELSE %s END" % (base, _to_repr(value)))

    def over(self, window: "WindowSpec") -> "Column":
        """The column as a window function over ``window`` (a WindowSpec)."""
        spec = window._spec
        return Column(
            {"type": "Window", "function": self._expr, "partition_by": spec["partition_by"], "order_by": spec["order_by"], "frame": spec.get("frame")},
            "%s OVER (...)" % self._repr,
        )
