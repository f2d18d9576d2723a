"""``pyspark.sql.udtf``: Python user-defined table functions (PySpark's
``UserDefinedTableFunction``, ``UDTFRegistration`` and the ``analyze`` types).

A table function is a class whose ``eval`` method yields rows. A call,
``MyUdtf(lit(1), lit(2))`` or ``SELECT * FROM my_udtf(1, 2)``, is planned as Spark's
``Generate`` is: a Python UDF (``_TableRows``) runs the class on the call's argument row
and returns its rows as an array of structs, which ``inline`` turns into rows under the
return type's column names. The UDF runs where other Python UDFs run, in the
SparkContext's worker processes.

Scalar arguments are literals and expressions of them, and in SQL the columns of the
table before a ``LATERAL`` call (``FROM t, LATERAL f(t.x)``); each such call gets its own
instance of the class. A ``TABLE`` argument (``f(df.asTable())``, SQL's
``f(TABLE(t) PARTITION BY k ORDER BY v)``) is grouped first, one row per input
partition holding the partition's rows (``TableArg._partitions``): the UDF then runs
one instance over the whole partition, ``eval`` on each row and ``terminate`` once, as
Spark's ``BatchEvalPythonUDTFExec`` runs it per partition.
"""
import inspect
from dataclasses import dataclass
from typing import Any, Optional, Sequence

from pyspark.sql.types import ArrayType, DataType, StructType, _parse_datatype_string

__all__ = [
    "AnalyzeArgument", "AnalyzeResult", "OrderingColumn", "PartitioningColumn", "SelectedColumn",
    "SkipRestOfInputTableException", "UDTFRegistration", "UserDefinedTableFunction",
]

# Spark's spark.sql.execution.arrow.maxRecordsPerBatch default: the most rows of a TABLE
# argument in each batch an arrow_udtf's eval gets.
_MAX_RECORDS_PER_BATCH = 10000

# The prefix of the SQL function that stands for a registered table function: SQL's
# ``FROM name(...)`` is rewritten to the generator of ``__ember_udtf__name(...)``.
_SQL_PREFIX = "__ember_udtf__"

# The analyze types are immutable values.
_value_type = dataclass(frozen=True)


@_value_type
class AnalyzeArgument:
    """One argument of a table function call, as its ``analyze`` static method sees it.

    Attributes
    ----------
    dataType : DataType
        The argument's Spark type.
    value : object or None
        Its value when it is a constant expression, else ``None``.
    isTable : bool
        Whether it is a ``TABLE`` argument (``dataType`` is then its row type).
    isConstantExpression : bool
        True when its value is known when the call is planned.

    Mirrors ``pyspark.sql.udtf.AnalyzeArgument``.
    """

    dataType: DataType
    value: Optional[Any]
    isTable: bool
    isConstantExpression: "bool"


@_value_type
class PartitioningColumn:
    """A column by which a table function asks its ``TABLE`` argument to be partitioned
    (``name``: a column name or an expression's text). Mirrors
    ``pyspark.sql.udtf.PartitioningColumn``."""

    name: str


@_value_type
class OrderingColumn:
    """A column by which a table function asks each input partition to be sorted.
    Mirrors ``pyspark.sql.udtf.OrderingColumn``.

    Attributes
    ----------
    name : str
    ascending : bool
        Defaults to True.
    overrideNullsFirst : bool, optional
        ``None`` keeps Spark's default NULL placement for the direction.
    """

    name: str
    ascending: "bool" = True
    overrideNullsFirst: "Optional[bool]" = None


@_value_type
class SelectedColumn:
    """An expression a table function asks to receive from its ``TABLE`` argument, with
    an optional ``alias``. Mirrors ``pyspark.sql.udtf.SelectedColumn``."""

    name: str
    alias: str = ""


@_value_type
class AnalyzeResult:
    """What a table function's ``analyze`` static method returns.

    Attributes
    ----------
    schema : StructType
        The columns of the rows the function yields.
    withSinglePartition, partitionBy, orderBy, select
        Requests on the call's ``TABLE`` argument: the columns it passes, and its
        partitioning and order where the call gives none.

    Mirrors ``pyspark.sql.udtf.AnalyzeResult``.
    """

    schema: StructType
    withSinglePartition: "bool" = False
    partitionBy: "Sequence[PartitioningColumn]" = ()
    orderBy: "Sequence[OrderingColumn]" = ()
    select: "Sequence[SelectedColumn]" = ()


class SkipRestOfInputTableException(Exception):
    """Raised by ``eval`` to stop consuming the current input partition; ``terminate``
    still runs. Mirrors ``pyspark.sql.udtf.SkipRestOfInputTableException``."""


def _validate_handler(cls, returnType):
    """PySpark's checks of a table function's class, with its conditions."""
    from pyspark.errors import PySparkAttributeError, PySparkTypeError

    if not inspect.isclass(cls):
        raise PySparkTypeError(errorClass="INVALID_UDTF_HANDLER_TYPE", messageParameters={"type": type(cls).__name__})
    name = cls.__name__
    if getattr(cls, "eval", None) is None:
        raise PySparkAttributeError(errorClass="INVALID_UDTF_NO_EVAL", messageParameters={"name": name})
    analyze = inspect.getattr_static(cls, "analyze", None)
    if returnType is None and not isinstance(analyze, staticmethod):
        raise PySparkAttributeError(errorClass="INVALID_UDTF_RETURN_TYPE", messageParameters={"name": name})
    if returnType is not None and analyze is not None:
        raise PySparkAttributeError(errorClass="INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE", messageParameters={"name": name})


class UserDefinedTableFunction:
    """A Python table function: calling it with Columns gives a DataFrame of the rows its
    class yields. Build one with :func:`pyspark.sql.functions.udtf`.

    Parameters
    ----------
    func : type
        A class with an ``eval`` method yielding rows (tuples, lists, dicts or Rows), and
        optionally ``terminate`` (yielding more rows after the last ``eval``),
        ``cleanup``, and an ``analyze`` static method giving the schema per call.
    returnType : StructType or str, optional
        The columns of the rows (``"a: int, b: string"``); ``None`` when ``analyze``
        gives them.
    name : str, optional
        Defaults to the class name.
    evalType : int
        ``PythonEvalType.SQL_TABLE_UDF`` (300) or ``SQL_ARROW_TABLE_UDF`` (301).
    deterministic : bool, default False

    Raises
    ------
    PySparkTypeError
        ``INVALID_UDTF_HANDLER_TYPE`` when ``func`` is not a class;
        ``UDTF_RETURN_TYPE_MISMATCH`` (on first use of ``returnType``) when the return
        type is not a struct.
    PySparkAttributeError
        ``INVALID_UDTF_NO_EVAL``, ``INVALID_UDTF_RETURN_TYPE``,
        ``INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE``.

    Examples
    --------
    >>> from pyspark.sql.functions import lit, udtf
    >>> class Countdown:
    ...     def eval(self, n: int):
    ...         for i in range(n, 0, -1):
    ...             yield (i,)
    >>> countdown = udtf(Countdown, returnType="i: int")
    >>> [r.i for r in countdown(lit(3)).collect()]
    [3, 2, 1]

    Mirrors ``pyspark.sql.udtf.UserDefinedTableFunction``.
    """

    def __init__(self, func, returnType, name=None, evalType=300, deterministic=False):
        _validate_handler(func, returnType)
        self.func = func
        self._returnType = returnType
        self._parsed = None
        self._name = name if name else func.__name__
        self.evalType = evalType
        self.deterministic = deterministic

    @property
    def returnType(self):
        """The output columns as a :class:`StructType`; ``None`` when ``analyze`` gives them."""
        if self._returnType is None:  # given by analyze, per call
            return None
        if self._parsed is None:
            parsed = _parse_datatype_string(self._returnType) if isinstance(self._returnType, str) else self._returnType
            if type(parsed) is not StructType:
                from pyspark.errors import PySparkTypeError

                raise PySparkTypeError(errorClass="UDTF_RETURN_TYPE_MISMATCH", messageParameters={"name": self._name, "return_type": str(parsed)})
            self._parsed = parsed
        return self._parsed

    def asDeterministic(self):
        """Marks the function deterministic; returns it."""
        self.deterministic = True  # Spark may then run it once for repeated calls
        return self

    def _generator(self, schema, analyzed=None, table=None, arrow_types=None):
        """The Python UDF producing a call's rows as ``array<struct<schema>>``; ``table``
        is the position or keyword of a ``TABLE`` argument, ``arrow_types`` the Spark
        types of the arguments of an ``arrow_udtf`` (positional, then keyword)."""
        from pyspark.sql.udf import UserDefinedFunction

        rows = _TableRows(self.func, self._name, schema, analyzed, self.evalType, table, arrow_types)
        udf = UserDefinedFunction(rows, ArrayType(schema, containsNull=False), self._name, deterministic=self.deterministic)
        return udf

    def __call__(self, *cols, **kwargs):
        """The rows of one call on ``cols`` (Columns, column names, or one
        :class:`~pyspark.sql.table_arg.TableArg`; named arguments by keyword), as a
        DataFrame."""
        from pyspark.sql import functions as F
        from pyspark.sql.session import SparkSession
        from pyspark.sql.table_arg import TableArg
        from pyspark.sql.udf import _column_of

        spark = SparkSession.getActiveSession() or SparkSession.builder.getOrCreate()
        arguments = list(cols) + list(kwargs.values())
        tables = [i for i, a in enumerate(arguments) if isinstance(a, TableArg)]
        if len(tables) > 1:
            from pyspark.errors import AnalysisException

            raise AnalysisException(
                errorClass="TABLE_VALUED_FUNCTION_TOO_MANY_TABLE_ARGUMENTS",
                messageParameters={"num": str(len(tables))},
            )
        table = tables[0] if tables else None
        columns = [None if i == table else _column_of(a) for i, a in enumerate(arguments)]
        one_row = spark.range(1)
        schema, analyzed = self.returnType, None
        # The scalar arguments' types (and values) are read only when analyze or an
        # arrow_udtf needs them: reading them analyzes a query.
        scalars = [c for c in columns if c is not None]
        described = one_row.select(*scalars) if scalars and (schema is None or self.evalType == 302) else None

        def types():
            scalar = iter(f.dataType for f in described.schema.fields) if described is not None else iter(())
            return [arguments[i]._df.schema if i == table else next(scalar) for i in range(len(arguments))]

        if schema is None:
            row = iter(described.first()) if described is not None else iter(())
            constants = [None if i == table else next(row) for i in range(len(arguments))]
            schema, analyzed = self._analyze(types(), constants, table, list(kwargs))
            if table is not None:
                arguments[table] = _requested(arguments[table], analyzed)
        # The TABLE argument's place in the UDF call: a position, or its keyword.
        table_key = table if table is None or table < len(cols) else list(kwargs)[table - len(cols)]
        udf = self._generator(schema, analyzed, table_key, types() if self.evalType == 302 else None)
        source = one_row
        if table is not None:
            from pyspark.sql.table_arg import _ROWS

            columns[table] = F.col(_ROWS)
            source = arguments[table]._partitions()
        call = udf(*columns[: len(cols)], **dict(zip(kwargs, columns[len(cols):])))
        return source.select(F.inline(call))

    def _analyze(self, types, values, table, names):
        """Runs ``analyze`` on the call's arguments (a scalar argument evaluated once, as
        Spark folds a constant argument; the ``TABLE`` one by its row type) and returns
        its schema and result."""
        from pyspark.errors import PySparkValueError

        arguments = [
            AnalyzeArgument(dataType=t, value=v, isTable=i == table, isConstantExpression=i != table)
            for i, (t, v) in enumerate(zip(types, values))
        ]
        positional = arguments[: len(arguments) - len(names)]
        named = dict(zip(names, arguments[len(positional):]))
        result = self.func.analyze(*positional, **named)
        if not isinstance(result, AnalyzeResult) or not isinstance(result.schema, StructType):
            raise PySparkValueError(
                errorClass="INVALID_UDTF_RETURN_TYPE",
                messageParameters={"name": self._name},
            )
        return result.schema, result


def _requested(table, analyzed):
    """The ``TABLE`` argument refined by what ``analyze`` asked for: its selected
    columns, and its partitioning and ordering when the call gave none."""
    from pyspark.sql import functions as F
    from pyspark.sql.table_arg import TableArg, _sort_column

    df = table._df
    if analyzed.select:
        df = df.select(*[F.expr(c.name).alias(c.alias) if c.alias else F.expr(c.name) for c in analyzed.select])
    partition, order, single = table._partition, table._order, table._single
    if not partition and not single:
        single = analyzed.withSinglePartition
        partition = tuple(F.expr(c.name) for c in analyzed.partitionBy)
    if not order and analyzed.orderBy:
        order = tuple(_sort_column(F.expr(c.name), c.ascending, c.overrideNullsFirst) for c in analyzed.orderBy)
    return TableArg(df, partition, order, single)


class _TableRows:
    """The function run for each call of a table function (pickled to the workers): an
    instance of the class, ``eval`` on the call's arguments (or on each row of a
    ``TABLE`` argument's partition), then ``terminate`` and ``cleanup``; returns the rows
    as tuples in the schema's column order. Follows the checks of PySpark's UDTF worker,
    with their conditions.

    An ``arrow_udtf`` (eval type 302) takes pyarrow values instead: a ``TABLE``
    argument as ``pyarrow.RecordBatch`` es of at most 10,000 rows, a scalar one as a
    ``pyarrow.Array``; it yields ``pyarrow.Table`` s or ``RecordBatch`` es, whose columns
    are matched to the schema by name and cast to it."""

    def __init__(self, cls, name, schema, analyzed, eval_type=300, table=None, arrow_types=None):
        self.cls = cls
        # An Arrow-optimized function's rows go through a pandas DataFrame in PySpark,
        # which takes a bare value as a one-column row.
        self.arrow = eval_type == 301
        self.batches = eval_type == 302
        self.name = name
        self.schema = schema
        self.names = [f.name for f in schema.fields]
        self.analyzed = analyzed
        self.table = table
        self.arrow_types = arrow_types
        self.__name__ = name
        # Read once per process from the class (a call makes an instance per input row).
        self._init_parameters = None
        self._eval_signature = None

    def _instance(self):
        from pyspark.errors import PySparkRuntimeError

        if self._init_parameters is None:
            self._init_parameters = len(inspect.signature(self.cls.__init__).parameters) if self.cls.__init__ is not object.__init__ else 1
        parameters = self._init_parameters
        if self.analyzed is None and parameters > 1:
            raise PySparkRuntimeError(errorClass="UDTF_CONSTRUCTOR_INVALID_NO_ANALYZE_METHOD", messageParameters={"name": self.name})
        if self.analyzed is not None and parameters > 2:
            raise PySparkRuntimeError(errorClass="UDTF_CONSTRUCTOR_INVALID_IMPLEMENTS_ANALYZE_METHOD", messageParameters={"name": self.name})
        try:
            return self.cls(self.analyzed) if parameters == 2 else self.cls()
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR", messageParameters={"method_name": "__init__", "error": str(error)}) from None

    def _row(self, row, method):
        from pyspark.errors import PySparkRuntimeError

        if isinstance(row, dict):
            row = tuple(row.get(name) for name in self.names)
        elif self.arrow and not isinstance(row, (tuple, list)):
            row = (row,)
        elif not isinstance(row, (tuple, list)):
            raise PySparkRuntimeError(errorClass="UDTF_INVALID_OUTPUT_ROW_TYPE", messageParameters={"type": type(row).__name__, "func": method})
        if len(row) != len(self.names):
            raise PySparkRuntimeError(
                errorClass="UDTF_RETURN_SCHEMA_MISMATCH",
                messageParameters={"expected": str(len(self.names)), "actual": str(len(row)), "func": method},
            )
        return tuple(row)

    def _arrow_rows(self, result, method):
        """An ``arrow_udtf``'s yielded table or batch as rows of the schema (PySpark's
        checks: ``UDTF_ARROW_TYPE_CONVERSION_ERROR``, ``UDTF_RETURN_SCHEMA_MISMATCH``,
        ``RESULT_COLUMN_NAMES_MISMATCH``, ``RESULT_COLUMN_TYPES_MISMATCH``)."""
        import pyarrow as pa
        from pyspark.errors import PySparkRuntimeError
        from pyspark.sql._arrow import _arrow_type
        from pyspark.sql._grouped_maps import _check_names

        if not isinstance(result, (pa.Table, pa.RecordBatch)):
            raise PySparkRuntimeError(errorClass="UDTF_ARROW_TYPE_CONVERSION_ERROR", messageParameters={})
        if result.num_columns != len(self.names):
            raise PySparkRuntimeError(
                errorClass="UDTF_RETURN_SCHEMA_MISMATCH",
                messageParameters={"expected": str(len(self.names)), "actual": str(result.num_columns), "func": method},
            )
        _check_names(result.schema.names, self.schema)
        columns, mismatched = [], []
        for field in self.schema.fields:
            column = result.column(field.name)
            wanted = _arrow_type(field.dataType)
            if column.type != wanted:
                try:
                    column = column.cast(wanted, safe=True)
                except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
                    mismatched.append("column '%s' (expected %s, actual %s)" % (field.name, wanted, column.type))
            columns.append(column.to_pylist())
        if mismatched:
            raise PySparkRuntimeError(errorClass="RESULT_COLUMN_TYPES_MISMATCH", messageParameters={"mismatch": ", ".join(mismatched)})
        return list(zip(*columns)) if columns else []

    def _call(self, method, args, kwargs, out):
        from pyspark.errors import PySparkRuntimeError

        try:
            result = method(*args, **kwargs)
        except SkipRestOfInputTableException:
            raise
        except Exception as error:
            raise PySparkRuntimeError(errorClass="UDTF_EXEC_ERROR", messageParameters={"method_name": method.__name__, "error": str(error)}) from None
        if result is None:
            return
        if not hasattr(result, "__iter__"):
            raise PySparkRuntimeError(errorClass="UDTF_RETURN_NOT_ITERABLE", messageParameters={"type": type(result).__name__, "func": method.__name__})
        for row in result:
            if self.batches:
                out.extend(self._arrow_rows(row, method.__name__))
            else:
                out.append(self._row(row, method.__name__))

    def _bind(self, instance, args, kwargs):
        from pyspark.errors import PySparkRuntimeError

        if self._eval_signature is None:
            self._eval_signature = inspect.signature(instance.eval)
        try:
            self._eval_signature.bind(*args, **kwargs)
        except TypeError as error:
            raise PySparkRuntimeError(
                errorClass="UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE",
                messageParameters={"name": self.name, "reason": str(error)},
            ) from None

    def _calls(self, args, kwargs):
        """The ``(args, kwargs)`` of each ``eval`` call of this UDF call: one, or with a
        ``TABLE`` argument one per row (or, for an ``arrow_udtf``, per batch) of the
        partition, in order, the argument replaced by the row."""
        if self.table is None:
            if self.batches:
                args, kwargs = self._arrays(args, kwargs, 1)
            yield args, kwargs
            return
        positional = isinstance(self.table, int)
        partition = args[self.table] if positional else kwargs[self.table]
        rows = [pair.r for pair in sorted(partition or (), key=lambda pair: pair.p)]
        if self.batches:
            import pyarrow as pa
            from pyspark.sql._arrow import _arrow_schema

            # The argument's type among the arguments, positional then keyword.
            index = self.table if positional else len(args) + list(kwargs).index(self.table)
            schema = _arrow_schema(self.arrow_types[index])
            step = _MAX_RECORDS_PER_BATCH
            units = [pa.RecordBatch.from_pylist([r.asDict() for r in rows[i:i + step]], schema=schema) for i in range(0, len(rows), step)]
        else:
            units = rows
        for unit in units:
            if positional:
                call_args, call_kwargs = args[: self.table] + (unit,) + args[self.table + 1:], kwargs
            else:
                call_args, call_kwargs = args, dict(kwargs, **{self.table: unit})
            if self.batches:
                call_args, call_kwargs = self._arrays(call_args, call_kwargs, unit.num_rows)
            yield call_args, call_kwargs

    def _arrays(self, args, kwargs, length):
        """An ``arrow_udtf``'s scalar arguments as ``pyarrow.Array`` s of ``length``
        copies, typed from their Spark types."""
        import pyarrow as pa
        from pyspark.sql._arrow import _arrow_type

        types = iter(self.arrow_types)

        def array(value):
            data_type = next(types)
            if isinstance(value, pa.RecordBatch):
                return value
            return pa.array([value] * length, type=_arrow_type(data_type))

        return tuple(array(a) for a in args), {k: array(v) for k, v in kwargs.items()}

    def __call__(self, *args, **kwargs):
        instance = self._instance()
        rows = []
        try:
            try:
                for call_args, call_kwargs in self._calls(args, kwargs):
                    self._bind(instance, call_args, call_kwargs)
                    self._call(instance.eval, call_args, call_kwargs, rows)
            except SkipRestOfInputTableException:
                pass
            if hasattr(instance, "terminate"):
                try:
                    self._call(instance.terminate, (), {}, rows)
                except SkipRestOfInputTableException:
                    pass
        finally:
            if hasattr(instance, "cleanup"):
                instance.cleanup()
        return rows


class UDTFRegistration:
    """``spark.udtf``: registers table functions for SQL (``SELECT * FROM name(...)``).

    Mirrors ``pyspark.sql.udtf.UDTFRegistration``.
    """

    def __init__(self, sparkSession):
        self.sparkSession = sparkSession  # where the function is registered

    def register(self, name, f):
        """Registers the table function ``f`` under ``name`` (case-insensitive) and
        returns it.

        Parameters
        ----------
        name : str
        f : UserDefinedTableFunction
            With a ``returnType``, or with an ``analyze`` method, which then runs when a
            query calling the function is planned.

        Returns
        -------
        UserDefinedTableFunction
            ``f``, under ``name``.

        Raises
        ------
        PySparkTypeError
            ``CANNOT_REGISTER_UDTF`` when ``f`` is not a table function.

        Examples
        --------
        >>> from pyspark.sql.functions import udtf as table_function
        >>> @table_function(returnType="word: string")
        ... class Split:
        ...     def eval(self, text: str):
        ...         for word in text.split():
        ...             yield (word,)
        >>> _ = spark.udtf.register("split_words", Split)
        >>> spark.sql("SELECT * FROM split_words('a b')").collect()
        [Row(word='a'), Row(word='b')]

        A call with a ``TABLE`` argument gets the rows of a table or query, split by
        ``PARTITION BY`` or kept together ``WITH SINGLE PARTITION``, and ordered by
        ``ORDER BY``:

        >>> spark.range(4).createOrReplaceTempView("ids")
        >>> spark.sql("SELECT * FROM split_words(TABLE(SELECT CAST(id AS STRING) AS t FROM ids WHERE id < 2))").collect()
        [Row(word='0'), Row(word='1')]
        """
        from pyspark.errors import PySparkTypeError
        from pyspark.sql import _plan

        if type(f) is not UserDefinedTableFunction:
            raise PySparkTypeError(errorClass="CANNOT_REGISTER_UDTF", messageParameters={"name": name})
        registered = UserDefinedTableFunction(f.func, f._returnType, name, f.evalType, f.deterministic)
        functions = getattr(self.sparkSession, "_python_table_functions", None)
        if functions is None:
            functions = self.sparkSession._python_table_functions = {}
        # Calls with a TABLE argument, and all calls of a function whose schema comes from
        # analyze, are made through the DataFrame API (pyspark.sql._udtf_sql); the engine
        # plans the others.
        functions[name.lower()] = registered
        if registered.returnType is not None:
            udf = registered._generator(registered.returnType)
            self.sparkSession._native.register_udf(_SQL_PREFIX + name.lower(), _plan.to_json(udf._expression([])))
        return registered


def _create_udtf(cls, returnType, name=None, evalType=300, deterministic=False):
    return UserDefinedTableFunction(cls, returnType, name, evalType, deterministic)
