"""Spark SQL data types, :class:`Row` and schema inference (mirrors ``pyspark.sql.types``).

Pure Python 3 (standard library only, no JVM).  It provides:

* the :class:`DataType` hierarchy with PySpark 4.x ``repr``/``simpleString``/``typeName``/
  ``jsonValue``/``json``/equality semantics;
* Spark's JSON schema format: :func:`_parse_datatype_json_string`,
  :func:`_parse_datatype_json_value` and ``StructType.fromJson``;
* a DDL parser, :func:`_parse_datatype_string` (``"id INT, label STRING"``,
  ``"a: int"``, ``"struct<a:int>"``, ``"map<string,int>"``, ...), which Spark implements
  in its SQL parser;
* Python-value type inference: :func:`_infer_type`, :func:`_infer_schema`,
  :func:`_merge_type` and :func:`_infer_schema_from_data`;
* :class:`Row` and the fast constructor :func:`_create_row`.

Errors are raised as ``pyspark.errors`` exceptions (``PySparkValueError``,
``PySparkTypeError``, ``ParseException``, ...).  ``pyspark.errors`` is imported lazily,
only when an error is raised, so this module imports nothing from ``pyspark`` at load
time; if ``pyspark.errors`` cannot be imported the matching built-in exception
(``ValueError``, ``TypeError``, ...) is raised instead.
"""

import calendar
import datetime
import decimal
import json
import re
import time
from array import array
from functools import reduce
from typing import (
    Any,
    Callable,
    ClassVar,
    Dict,
    Iterable,
    Iterator,
    List,
    Optional,
    Tuple,
    Type,
    TypeVar,
    Union,
)

import ctypes

T = TypeVar("T")
U = TypeVar("U")

__all__ = [
    "DataType",
    "NullType",
    "CharType",
    "StringType",
    "VarcharType",
    "BinaryType",
    "BooleanType",
    "DateType",
    "TimeType",
    "TimestampType",
    "TimestampNTZType",
    "DecimalType",
    "DoubleType",
    "FloatType",
    "ByteType",
    "IntegerType",
    "LongType",
    "DayTimeIntervalType",
    "YearMonthIntervalType",
    "CalendarIntervalType",
    "Row",
    "ShortType",
    "ArrayType",
    "MapType",
    "StructField",
    "StructType",
]


# ---------------------------------------------------------------------------------------------
# Lazy access to pyspark.errors
# ---------------------------------------------------------------------------------------------

_BUILTIN_FALLBACK: Dict[str, Type[Exception]] = {
    "PySparkValueError": ValueError,
    "PySparkTypeError": TypeError,
    "PySparkKeyError": KeyError,
    "PySparkIndexError": IndexError,
    "PySparkAttributeError": AttributeError,
    "PySparkRuntimeError": RuntimeError,
    "PySparkNotImplementedError": NotImplementedError,
    "ParseException": ValueError,
    "AnalysisException": ValueError,
}


def _error(
    kind: str,
    errorClass: Optional[str] = None,
    messageParameters: Optional[Dict[str, str]] = None,
    message: Optional[str] = None,
) -> Exception:
    """Build (not raise) the ``pyspark.errors`` exception named ``kind``.

    Falls back to the corresponding built-in exception when ``pyspark.errors`` is not
    importable (the message then is ``"[CONDITION] {params}"``).
    """
    try:
        import pyspark.errors as _errors_module

        cls = getattr(_errors_module, kind)
    except Exception:  # pragma: no cover - only without pyspark.errors
        base = _BUILTIN_FALLBACK.get(kind, Exception)
        if message is None:
            message = "[%s] %s" % (errorClass, messageParameters or {})
        return base(message)
    return cls(message=message, errorClass=errorClass, messageParameters=messageParameters)


# ---------------------------------------------------------------------------------------------
# DataType hierarchy
# ---------------------------------------------------------------------------------------------


class DataType:
    """Base class of all Spark SQL data types (mirrors ``pyspark.sql.types.DataType``).

    Subclasses override :meth:`simpleString`, :meth:`jsonValue` and ``__repr__`` where
    Spark's spelling differs from the class name.  Equality compares the class and the
    instance attributes; the hash is ``hash(repr(self))``.

    Examples
    --------
    >>> IntegerType().simpleString(), IntegerType.typeName(), IntegerType().json()
    ('int', 'integer', '"integer"')
    >>> ArrayType(StringType()) == ArrayType(StringType(), True)
    True
    """

    def __repr__(self) -> str:
        return self.__class__.__name__ + "()"

    def __hash__(self) -> int:
        return hash(str(self))

    def __eq__(self, other: Any) -> bool:
        return isinstance(other, self.__class__) and self.__dict__ == other.__dict__

    def __ne__(self, other: Any) -> bool:
        return not self.__eq__(other)

    def __reduce__(self):
        # Pickled as its JSON, so a real PySpark (a Spark Connect server's Python worker
        # unpickling a UDF's return type) rebuilds its own type object.
        if isinstance(self, StructField):
            return super().__reduce__()
        return (_parse_datatype_json_string, (self.json(),))

    @classmethod
    def typeName(cls) -> str:
        """Return the type name used in JSON schemas (class name minus ``Type``, lowercased).

        Mirrors ``DataType.typeName``.

        Returns
        -------
        str
            e.g. ``"integer"`` for :class:`IntegerType`, ``"struct"`` for :class:`StructType`.

        Examples
        --------
        >>> LongType.typeName()
        'long'
        """
        return cls.__name__[:-4].lower()

    def simpleString(self) -> str:
        """Return the compact SQL-like form, e.g. ``"int"`` or ``"array<string>"``.

        Mirrors ``DataType.simpleString``.

        Returns
        -------
        str

        Examples
        --------
        >>> MapType(StringType(), LongType()).simpleString()
        'map<string,bigint>'
        """
        return self.typeName()

    def jsonValue(self) -> Union[str, Dict[str, Any]]:
        """Return the JSON-serializable form: a type-name string or a dict for complex types.

        Mirrors ``DataType.jsonValue``.

        Returns
        -------
        str or dict

        Examples
        --------
        >>> ArrayType(IntegerType()).jsonValue()
        {'type': 'array', 'elementType': 'integer', 'containsNull': True}
        """
        return self.typeName()

    def json(self) -> str:
        """Return :meth:`jsonValue` as compact JSON with sorted keys (Spark's format).

        Mirrors ``DataType.json``.

        Returns
        -------
        str

        Examples
        --------
        >>> DecimalType(10, 2).json()
        '"decimal(10,2)"'
        """
        return json.dumps(self.jsonValue(), separators=(",", ":"), sort_keys=True)

    def needConversion(self) -> bool:
        """Whether Python objects of this type need conversion to/from the internal form.

        Mirrors ``DataType.needConversion``.

        Returns
        -------
        bool
            False here; True for dates, timestamps, structs, ...
        """
        return False

    def toInternal(self, obj: Any) -> Any:
        """Convert a Python object into the internal SQL representation (identity here).

        Mirrors ``DataType.toInternal``.
        """
        return obj

    def fromInternal(self, obj: Any) -> Any:
        """Convert an internal SQL value into a Python object (identity here).

        Mirrors ``DataType.fromInternal``.
        """
        return obj

    def _as_nullable(self) -> "DataType":
        return self

    @classmethod
    def fromDDL(cls, ddl: str) -> "DataType":
        """Create a :class:`DataType` from a DDL string.

        Mirrors ``DataType.fromDDL`` (PySpark 4.0+); see :func:`_parse_datatype_string`.

        Parameters
        ----------
        ddl : str
            e.g. ``"b string, a int"``, ``"decimal(10,10)"`` or ``"b: string, a: int"``.

        Returns
        -------
        :class:`DataType`
            A :class:`StructType` for a field list, otherwise the single type.

        Raises
        ------
        ParseException
            ``PARSE_SYNTAX_ERROR`` / ``UNSUPPORTED_DATATYPE`` on invalid input.

        Examples
        --------
        >>> DataType.fromDDL("b string, a int")
        StructType([StructField('b', StringType(), True), StructField('a', IntegerType(), True)])
        """
        return _parse_datatype_string(ddl)


# This singleton pattern does not work with pickle, you will get
# another object after pickle and unpickle
class DataTypeSingleton(type):
    """Metaclass making parameterless types singletons (mirrors PySpark's).

    ``IntegerType() is IntegerType()`` is True.  Unpickling may create another instance,
    which still compares equal.
    """

    _instances: ClassVar[Dict[type, Any]] = {}

    def __call__(cls):  # type: ignore[override]
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__()
        return cls._instances[cls]


class NullType(DataType, metaclass=DataTypeSingleton):
    """The type of ``None``; used for values whose type cannot be inferred.

    Mirrors ``pyspark.sql.types.NullType``.  ``typeName()``/``simpleString()`` are
    ``"void"``.

    Examples
    --------
    >>> NullType().simpleString(), NullType()
    ('void', NullType())
    """

    @classmethod
    def typeName(cls) -> str:
        """Return ``"void"`` (Spark's name of the null type)."""
        return "void"


class AtomicType(DataType):
    """Base of every type that is not null, a UDT, an array, a struct or a map.

    Mirrors ``pyspark.sql.types.AtomicType``.
    """


class NumericType(AtomicType):
    """Base of numeric types (mirrors ``pyspark.sql.types.NumericType``)."""


class IntegralType(NumericType, metaclass=DataTypeSingleton):
    """Base of integral types (mirrors ``pyspark.sql.types.IntegralType``)."""


class FractionalType(NumericType):
    """Base of fractional types (mirrors ``pyspark.sql.types.FractionalType``)."""


class StringType(AtomicType):
    """String type, optionally with a collation (mirrors ``pyspark.sql.types.StringType``).

    Parameters
    ----------
    collation : str, optional
        Collation name, default ``"UTF8_BINARY"``.

    Examples
    --------
    >>> StringType(), StringType().simpleString()
    (StringType(), 'string')
    >>> StringType("UNICODE_CI").simpleString()
    'string collate UNICODE_CI'
    """

    providerSpark = "spark"
    providerICU = "icu"
    providers = [providerSpark, providerICU]

    def __init__(self, collation: str = "UTF8_BINARY"):
        self.collation = collation

    @classmethod
    def collationProvider(cls, collationName: str) -> str:
        """Return the provider (``"spark"`` or ``"icu"``) of a collation name."""
        if collationName.startswith("UTF8"):
            return StringType.providerSpark
        return StringType.providerICU

    def simpleString(self) -> str:
        """Return ``"string"`` or ``"string collate NAME"``."""
        if self.isUTF8BinaryCollation():
            return "string"
        return "string collate %s" % self.collation

    def jsonValue(self) -> str:
        """Return :meth:`simpleString` (``"string"`` for the default collation)."""
        return self.simpleString()

    def __repr__(self) -> str:
        if self.isUTF8BinaryCollation():
            return "StringType()"
        return "StringType('%s')" % self.collation

    def isUTF8BinaryCollation(self) -> bool:
        """Whether the collation is the default ``UTF8_BINARY``."""
        return self.collation == "UTF8_BINARY"


class CharType(AtomicType):
    """Fixed-length character type ``char(n)`` (mirrors ``pyspark.sql.types.CharType``).

    Parameters
    ----------
    length : int
        The length limitation.

    Examples
    --------
    >>> CharType(10).simpleString(), CharType(10)
    ('char(10)', CharType(10))
    """

    def __init__(self, length: int):
        self.length = length

    def simpleString(self) -> str:
        """Return ``"char(n)"``."""
        return "char(%d)" % self.length

    def jsonValue(self) -> str:
        """Return ``"char(n)"``."""
        return "char(%d)" % self.length

    def __repr__(self) -> str:
        return "CharType(%d)" % self.length


class VarcharType(AtomicType):
    """Variable-length character type ``varchar(n)`` (mirrors ``pyspark.sql.types.VarcharType``).

    Parameters
    ----------
    length : int
        The length limitation.

    Examples
    --------
    >>> VarcharType(5).json()
    '"varchar(5)"'
    """

    def __init__(self, length: int):
        self.length = length

    def simpleString(self) -> str:
        """Return ``"varchar(n)"``."""
        return "varchar(%d)" % self.length

    def jsonValue(self) -> str:
        """Return ``"varchar(n)"``."""
        return "varchar(%d)" % self.length

    def __repr__(self) -> str:
        return "VarcharType(%d)" % self.length


class BinaryType(AtomicType, metaclass=DataTypeSingleton):
    """Binary (``bytes``/``bytearray``) type (mirrors ``pyspark.sql.types.BinaryType``).

    Examples
    --------
    >>> BinaryType().simpleString()
    'binary'
    """


class BooleanType(AtomicType, metaclass=DataTypeSingleton):
    """Boolean type (mirrors ``pyspark.sql.types.BooleanType``).

    Examples
    --------
    >>> BooleanType().simpleString()
    'boolean'
    """


class DatetimeType(AtomicType):
    """Base of datetime types (mirrors ``pyspark.sql.types.DatetimeType``)."""


class DateType(DatetimeType, metaclass=DataTypeSingleton):
    """Date (``datetime.date``) type; internally days since 1970-01-01.

    Mirrors ``pyspark.sql.types.DateType``.

    Examples
    --------
    >>> DateType().toInternal(datetime.date(1970, 1, 2))
    1
    """

    EPOCH_ORDINAL = datetime.datetime(1970, 1, 1).toordinal()

    def needConversion(self) -> bool:
        """Return True (dates convert to/from day numbers)."""
        return True

    def toInternal(self, d: datetime.date) -> Optional[int]:
        """Return days since the epoch for ``d`` (None stays None)."""
        if d is not None:
            return d.toordinal() - self.EPOCH_ORDINAL
        return None

    def fromInternal(self, v: int) -> Optional[datetime.date]:
        """Return the ``datetime.date`` for ``v`` days since the epoch (None stays None)."""
        if v is not None:
            return datetime.date.fromordinal(v + self.EPOCH_ORDINAL)
        return None


class AnyTimeType(DatetimeType):
    """Base of TIME types (mirrors ``pyspark.sql.types.AnyTimeType``)."""


class TimeType(AnyTimeType):
    """Time of day (``datetime.time``) with a fractional-second precision.

    Mirrors ``pyspark.sql.types.TimeType`` (PySpark 4.1+); internally nanoseconds
    since midnight.

    Parameters
    ----------
    precision : int, optional
        Digits of fractional seconds, default 6.

    Examples
    --------
    >>> TimeType().simpleString(), TimeType(3)
    ('time(6)', TimeType(3))
    """

    def __init__(self, precision: int = 6):
        self.precision = precision

    def needConversion(self) -> bool:
        """Return True."""
        return True

    def toInternal(self, t: datetime.time) -> Optional[int]:
        """Return nanoseconds since midnight (None stays None)."""
        if t is not None:
            return (
                t.hour * 3_600_000_000_000
                + t.minute * 60_000_000_000
                + t.second * 1_000_000_000
                + t.microsecond * 1_000
            )
        return None

    def fromInternal(self, nano: int) -> Optional[datetime.time]:
        """Return the ``datetime.time`` for nanoseconds since midnight (None stays None)."""
        if nano is not None:
            hours, remainder = divmod(nano, 3_600_000_000_000)
            minutes, remainder = divmod(remainder, 60_000_000_000)
            seconds, remainder = divmod(remainder, 1_000_000_000)
            return datetime.time(hours, minutes, seconds, remainder // 1_000)
        return None

    def simpleString(self) -> str:
        """Return ``"time(p)"``."""
        return "time(%d)" % self.precision

    def jsonValue(self) -> str:
        """Return ``"time(p)"``."""
        return "time(%d)" % self.precision

    def __repr__(self) -> str:
        return "TimeType(%d)" % self.precision


class TimestampType(DatetimeType, metaclass=DataTypeSingleton):
    """Timestamp with local time zone (``datetime.datetime``); internally epoch microseconds.

    Mirrors ``pyspark.sql.types.TimestampType``.

    Examples
    --------
    >>> TimestampType().simpleString()
    'timestamp'
    """

    def needConversion(self) -> bool:
        """Return True."""
        return True

    def toInternal(self, dt: datetime.datetime) -> Optional[int]:
        """Return epoch microseconds; naive datetimes are taken in the local time zone."""
        if dt is not None:
            seconds = (
                calendar.timegm(dt.utctimetuple()) if dt.tzinfo else time.mktime(dt.timetuple())
            )
            return int(seconds) * 1000000 + dt.microsecond
        return None

    def fromInternal(self, ts: int) -> Optional[datetime.datetime]:
        """Return a naive local ``datetime.datetime`` for epoch microseconds."""
        if ts is not None:
            return datetime.datetime.fromtimestamp(ts // 1000000).replace(microsecond=ts % 1000000)
        return None


class TimestampNTZType(DatetimeType, metaclass=DataTypeSingleton):
    """Timestamp without time zone (mirrors ``pyspark.sql.types.TimestampNTZType``).

    ``typeName()``/``simpleString()`` are ``"timestamp_ntz"``.

    Examples
    --------
    >>> TimestampNTZType().simpleString(), TimestampNTZType()
    ('timestamp_ntz', TimestampNTZType())
    """

    def needConversion(self) -> bool:
        """Return True."""
        return True

    @classmethod
    def typeName(cls) -> str:
        """Return ``"timestamp_ntz"``."""
        return "timestamp_ntz"

    def toInternal(self, dt: datetime.datetime) -> Optional[int]:
        """Return microseconds treating the wall-clock time as UTC."""
        if dt is not None:
            seconds = calendar.timegm(dt.timetuple())
            return int(seconds) * 1000000 + dt.microsecond
        return None

    def fromInternal(self, ts: int) -> Optional[datetime.datetime]:
        """Return the naive wall-clock ``datetime.datetime`` for microseconds."""
        if ts is not None:
            return datetime.datetime.fromtimestamp(ts // 1000000, datetime.timezone.utc).replace(
                microsecond=ts % 1000000, tzinfo=None
            )
        return None


class DecimalType(FractionalType):
    """Fixed precision decimal (``decimal.Decimal``) type.

    Mirrors ``pyspark.sql.types.DecimalType``.  Values inferred from
    ``decimal.Decimal`` objects get ``DecimalType(38, 18)``.

    Parameters
    ----------
    precision : int, optional
        Maximum total number of digits (default 10, at most 38 in Spark).
    scale : int, optional
        Digits right of the dot (default 0).

    Examples
    --------
    >>> DecimalType(), DecimalType(5, 2).simpleString(), DecimalType.typeName()
    (DecimalType(10,0), 'decimal(5,2)', 'decimal')
    """

    def __init__(self, precision: int = 10, scale: int = 0):
        self.precision = precision
        self.scale = scale
        self.hasPrecisionInfo = True  # this is a public API

    def simpleString(self) -> str:
        """Return ``"decimal(p,s)"``."""
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def jsonValue(self) -> str:
        """Return ``"decimal(p,s)"``."""
        return "decimal(%d,%d)" % (self.precision, self.scale)

    def __repr__(self) -> str:
        return "DecimalType(%d,%d)" % (self.precision, self.scale)


class DoubleType(FractionalType, metaclass=DataTypeSingleton):
    """Double precision float type (mirrors ``pyspark.sql.types.DoubleType``).

    Examples
    --------
    >>> DoubleType().simpleString()
    'double'
    """


class FloatType(FractionalType, metaclass=DataTypeSingleton):
    """Single precision float type (mirrors ``pyspark.sql.types.FloatType``).

    Examples
    --------
    >>> FloatType().simpleString()
    'float'
    """


class ByteType(IntegralType):
    """Signed 8-bit integer; ``simpleString()`` is ``"tinyint"``, ``typeName()`` ``"byte"``.

    Mirrors ``pyspark.sql.types.ByteType``.

    Examples
    --------
    >>> ByteType().simpleString(), ByteType.typeName()
    ('tinyint', 'byte')
    """

    def simpleString(self) -> str:
        """Return ``"tinyint"``."""
        return "tinyint"


class IntegerType(IntegralType):
    """Signed 32-bit integer; ``simpleString()`` is ``"int"``, ``typeName()`` ``"integer"``.

    Mirrors ``pyspark.sql.types.IntegerType``.

    Examples
    --------
    >>> IntegerType(), IntegerType().simpleString()
    (IntegerType(), 'int')
    """

    def simpleString(self) -> str:
        """Return ``"int"``."""
        return "int"


class LongType(IntegralType):
    """Signed 64-bit integer; ``simpleString()`` is ``"bigint"``, ``typeName()`` ``"long"``.

    Mirrors ``pyspark.sql.types.LongType``.  Python ``int`` values infer to this type.

    Examples
    --------
    >>> LongType().simpleString(), LongType.typeName()
    ('bigint', 'long')
    """

    def simpleString(self) -> str:
        """Return ``"bigint"``."""
        return "bigint"


class ShortType(IntegralType):
    """Signed 16-bit integer; ``simpleString()`` is ``"smallint"``, ``typeName()`` ``"short"``.

    Mirrors ``pyspark.sql.types.ShortType``.

    Examples
    --------
    >>> ShortType().simpleString()
    'smallint'
    """

    def simpleString(self) -> str:
        """Return ``"smallint"``."""
        return "smallint"


class AnsiIntervalType(AtomicType):
    """Base of ANSI interval types (mirrors ``pyspark.sql.types.AnsiIntervalType``)."""


class _IntervalFieldsMixin:
    """Shared start/end field handling of the ANSI interval types."""

    _fields: ClassVar[Dict[int, str]] = {}

    def _init_fields(
        self, startField: Optional[int], endField: Optional[int], default: Tuple[int, int]
    ) -> None:
        if startField is None and endField is None:
            startField, endField = default
        elif startField is not None and endField is None:
            endField = startField
        if startField not in self._fields or endField not in self._fields:
            raise _error(
                "PySparkRuntimeError",
                "INVALID_INTERVAL_CASTING",
                {"start_field": str(startField), "end_field": str(endField)},
            )
        self.startField = startField
        self.endField = endField

    def _str_repr(self) -> str:
        start = self._fields[self.startField]
        end = self._fields[self.endField]
        if start == end:
            return "interval %s" % start
        return "interval %s to %s" % (start, end)

    def simpleString(self) -> str:
        """Return e.g. ``"interval day to second"``."""
        return self._str_repr()

    def jsonValue(self) -> str:
        """Return e.g. ``"interval day to second"``."""
        return self._str_repr()

    def __repr__(self) -> str:
        return "%s(%d, %d)" % (type(self).__name__, self.startField, self.endField)


class DayTimeIntervalType(_IntervalFieldsMixin, AnsiIntervalType):
    """Day-time interval (``datetime.timedelta``); internally microseconds.

    Mirrors ``pyspark.sql.types.DayTimeIntervalType``.

    Parameters
    ----------
    startField, endField : int, optional
        Among ``DAY`` (0), ``HOUR`` (1), ``MINUTE`` (2), ``SECOND`` (3); default
        ``DAY`` to ``SECOND``.

    Raises
    ------
    PySparkRuntimeError
        ``INVALID_INTERVAL_CASTING`` for an unknown field.

    Examples
    --------
    >>> DayTimeIntervalType(), DayTimeIntervalType().simpleString()
    (DayTimeIntervalType(0, 3), 'interval day to second')
    """

    DAY = 0
    HOUR = 1
    MINUTE = 2
    SECOND = 3

    _fields = {DAY: "day", HOUR: "hour", MINUTE: "minute", SECOND: "second"}
    _inverted_fields = dict(zip(_fields.values(), _fields.keys()))

    def __init__(self, startField: Optional[int] = None, endField: Optional[int] = None):
        default = (DayTimeIntervalType.DAY, DayTimeIntervalType.SECOND)
        self._init_fields(startField, endField, default)

    def needConversion(self) -> bool:
        """Return True."""
        return True

    def toInternal(self, dt: datetime.timedelta) -> Optional[int]:
        """Return the interval in microseconds (None stays None)."""
        if dt is not None:
            return (((dt.days * 86400) + dt.seconds) * 1_000_000) + dt.microseconds
        return None

    def fromInternal(self, micros: int) -> Optional[datetime.timedelta]:
        """Return a ``datetime.timedelta`` for microseconds (None stays None)."""
        if micros is not None:
            return datetime.timedelta(microseconds=micros)
        return None


class YearMonthIntervalType(_IntervalFieldsMixin, AnsiIntervalType):
    """Year-month interval (mirrors ``pyspark.sql.types.YearMonthIntervalType``).

    Parameters
    ----------
    startField, endField : int, optional
        ``YEAR`` (0) or ``MONTH`` (1); default ``YEAR`` to ``MONTH``.

    Raises
    ------
    PySparkRuntimeError
        ``INVALID_INTERVAL_CASTING`` for an unknown field.

    Examples
    --------
    >>> YearMonthIntervalType().simpleString()
    'interval year to month'
    """

    YEAR = 0
    MONTH = 1

    _fields = {YEAR: "year", MONTH: "month"}
    _inverted_fields = dict(zip(_fields.values(), _fields.keys()))

    def __init__(self, startField: Optional[int] = None, endField: Optional[int] = None):
        default = (YearMonthIntervalType.YEAR, YearMonthIntervalType.MONTH)
        self._init_fields(startField, endField, default)


class CalendarIntervalType(DataType, metaclass=DataTypeSingleton):
    """Calendar interval (months, days, microseconds); ``typeName()`` is ``"interval"``.

    Mirrors ``pyspark.sql.types.CalendarIntervalType``.

    Examples
    --------
    >>> CalendarIntervalType().simpleString()
    'interval'
    """

    @classmethod
    def typeName(cls) -> str:
        """Return ``"interval"``."""
        return "interval"


class ArrayType(DataType):
    """Array type (mirrors ``pyspark.sql.types.ArrayType``).

    Parameters
    ----------
    elementType : :class:`DataType`
        Type of the elements.
    containsNull : bool, optional
        Whether elements may be None (default True).

    Raises
    ------
    AssertionError
        If ``elementType`` is not a :class:`DataType`.

    Examples
    --------
    >>> ArrayType(StringType())
    ArrayType(StringType(), True)
    >>> ArrayType(IntegerType(), False).simpleString()
    'array<int>'
    """

    def __init__(self, elementType: DataType, containsNull: bool = True):
        assert isinstance(elementType, DataType), "elementType %s should be an instance of %s" % (
            elementType,
            DataType,
        )
        self.elementType = elementType
        self.containsNull = containsNull

    def simpleString(self) -> str:
        """Return ``"array<element>"``."""
        return "array<%s>" % self.elementType.simpleString()

    def _as_nullable(self) -> "ArrayType":
        return ArrayType(self.elementType._as_nullable(), containsNull=True)

    def toNullable(self) -> "ArrayType":
        """Return a copy with every nullability flag set to True (recursively).

        Mirrors ``ArrayType.toNullable`` (PySpark 4.0+).

        Examples
        --------
        >>> ArrayType(IntegerType(), containsNull=False).toNullable()
        ArrayType(IntegerType(), True)
        """
        return self._as_nullable()

    def __repr__(self) -> str:
        return "ArrayType(%s, %s)" % (self.elementType, str(self.containsNull))

    def jsonValue(self) -> Dict[str, Any]:
        """Return ``{"type": "array", "elementType": ..., "containsNull": ...}``."""
        return {
            "type": self.typeName(),
            "elementType": self.elementType.jsonValue(),
            "containsNull": self.containsNull,
        }

    @classmethod
    def fromJson(
        cls,
        json: Dict[str, Any],
        fieldPath: str = "",
        collationsMap: Optional[Dict[str, str]] = None,
    ) -> "ArrayType":
        """Build an :class:`ArrayType` from its JSON dict (see :meth:`jsonValue`).

        Mirrors ``ArrayType.fromJson``.

        Raises
        ------
        KeyError
            If ``elementType`` or ``containsNull`` is missing.
        """
        elementType = _parse_datatype_json_value(
            json["elementType"], fieldPath + ".element", collationsMap
        )
        return ArrayType(elementType, json["containsNull"])

    def needConversion(self) -> bool:
        """Return whether the element type needs conversion."""
        return self.elementType.needConversion()

    def toInternal(self, obj: List[Optional[T]]) -> List[Optional[T]]:
        """Convert each element with ``elementType.toInternal`` when needed."""
        if not self.needConversion():
            return obj
        return obj and [self.elementType.toInternal(v) for v in obj]

    def fromInternal(self, obj: List[Optional[T]]) -> List[Optional[T]]:
        """Convert each element with ``elementType.fromInternal`` when needed."""
        if not self.needConversion():
            return obj
        return obj and [self.elementType.fromInternal(v) for v in obj]


class MapType(DataType):
    """Map type (mirrors ``pyspark.sql.types.MapType``).

    Parameters
    ----------
    keyType : :class:`DataType`
        Type of the keys (keys may not be None).
    valueType : :class:`DataType`
        Type of the values.
    valueContainsNull : bool, optional
        Whether values may be None (default True).

    Raises
    ------
    AssertionError
        If ``keyType`` or ``valueType`` is not a :class:`DataType`.

    Examples
    --------
    >>> MapType(StringType(), IntegerType())
    MapType(StringType(), IntegerType(), True)
    >>> MapType(StringType(), IntegerType()).simpleString()
    'map<string,int>'
    """

    def __init__(self, keyType: DataType, valueType: DataType, valueContainsNull: bool = True):
        assert isinstance(keyType, DataType), "keyType %s should be an instance of %s" % (
            keyType,
            DataType,
        )
        assert isinstance(valueType, DataType), "valueType %s should be an instance of %s" % (
            valueType,
            DataType,
        )
        self.keyType = keyType
        self.valueType = valueType
        self.valueContainsNull = valueContainsNull

    def simpleString(self) -> str:
        """Return ``"map<key,value>"``."""
        return "map<%s,%s>" % (self.keyType.simpleString(), self.valueType.simpleString())

    def _as_nullable(self) -> "MapType":
        return MapType(
            self.keyType._as_nullable(), self.valueType._as_nullable(), valueContainsNull=True
        )

    def toNullable(self) -> "MapType":
        """Return a copy with every nullability flag set to True (recursively).

        Mirrors ``MapType.toNullable`` (PySpark 4.0+).

        Examples
        --------
        >>> MapType(IntegerType(), StringType(), valueContainsNull=False).toNullable()
        MapType(IntegerType(), StringType(), True)
        """
        return self._as_nullable()

    def __repr__(self) -> str:
        return "MapType(%s, %s, %s)" % (self.keyType, self.valueType, str(self.valueContainsNull))

    def jsonValue(self) -> Dict[str, Any]:
        """Return ``{"type": "map", "keyType", "valueType", "valueContainsNull"}``."""
        return {
            "type": self.typeName(),
            "keyType": self.keyType.jsonValue(),
            "valueType": self.valueType.jsonValue(),
            "valueContainsNull": self.valueContainsNull,
        }

    @classmethod
    def fromJson(
        cls,
        json: Dict[str, Any],
        fieldPath: str = "",
        collationsMap: Optional[Dict[str, str]] = None,
    ) -> "MapType":
        """Build a :class:`MapType` from its JSON dict (see :meth:`jsonValue`).

        Mirrors ``MapType.fromJson``.

        Raises
        ------
        KeyError
            If a required key is missing.
        """
        keyType = _parse_datatype_json_value(json["keyType"], fieldPath + ".key", collationsMap)
        valueType = _parse_datatype_json_value(
            json["valueType"], fieldPath + ".value", collationsMap
        )
        return MapType(keyType, valueType, json["valueContainsNull"])

    def needConversion(self) -> bool:
        """Return whether the key or value type needs conversion."""
        return self.keyType.needConversion() or self.valueType.needConversion()

    def toInternal(self, obj: Dict[T, Optional[U]]) -> Dict[T, Optional[U]]:
        """Convert keys and values with their types' ``toInternal`` when needed."""
        if not self.needConversion():
            return obj
        return obj and dict(
            (self.keyType.toInternal(k), self.valueType.toInternal(v)) for k, v in obj.items()
        )

    def fromInternal(self, obj: Dict[T, Optional[U]]) -> Dict[T, Optional[U]]:
        """Convert keys and values with their types' ``fromInternal`` when needed."""
        if not self.needConversion():
            return obj
        return obj and dict(
            (self.keyType.fromInternal(k), self.valueType.fromInternal(v)) for k, v in obj.items()
        )


_COLLATIONS_METADATA_KEY = "__COLLATIONS"


class StructField(DataType):
    """A named field of a :class:`StructType` (mirrors ``pyspark.sql.types.StructField``).

    Parameters
    ----------
    name : str
        Field name.
    dataType : :class:`DataType`
        Field type.
    nullable : bool, optional
        Whether the field may be None (default True).
    metadata : dict, optional
        JSON-serializable metadata (default ``{}``).

    Raises
    ------
    AssertionError
        If ``dataType`` is not a :class:`DataType` or ``name`` is not a ``str``.

    Examples
    --------
    >>> StructField("a", IntegerType())
    StructField('a', IntegerType(), True)
    >>> StructField("a", IntegerType()).simpleString()
    'a:int'
    """

    def __init__(
        self,
        name: str,
        dataType: DataType,
        nullable: bool = True,
        metadata: Optional[Dict[str, Any]] = None,
    ):
        assert isinstance(dataType, DataType), "dataType %s should be an instance of %s" % (
            dataType,
            DataType,
        )
        assert isinstance(name, str), "field name %s should be a string" % (name)
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.metadata = metadata or {}

    def simpleString(self) -> str:
        """Return ``"name:type"``."""
        return "%s:%s" % (self.name, self.dataType.simpleString())

    def __repr__(self) -> str:
        return "StructField('%s', %s, %s)" % (self.name, self.dataType, str(self.nullable))

    def jsonValue(self) -> Dict[str, Any]:
        """Return ``{"name", "type", "nullable", "metadata"}``.

        Non-default string collations are recorded in ``metadata["__COLLATIONS"]`` as
        PySpark does.
        """
        collationMetadata = self._collation_metadata()
        metadata = (
            self.metadata
            if not collationMetadata
            else {**self.metadata, _COLLATIONS_METADATA_KEY: collationMetadata}
        )
        return {
            "name": self.name,
            "type": self.dataType.jsonValue(),
            "nullable": self.nullable,
            "metadata": metadata,
        }

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "StructField":
        """Build a :class:`StructField` from its JSON dict.

        Mirrors ``StructField.fromJson``: ``nullable`` defaults to True and ``metadata``
        to ``{}``; ``metadata["__COLLATIONS"]`` is applied to string types and removed.

        Raises
        ------
        KeyError
            If ``name`` or ``type`` is missing.
        """
        metadata = json.get("metadata")
        collationsMap: Dict[str, str] = {}
        if metadata and _COLLATIONS_METADATA_KEY in metadata:
            for key, value in metadata[_COLLATIONS_METADATA_KEY].items():
                nameParts = value.split(".")
                collationsMap[key] = nameParts[-1]
            metadata = {k: v for k, v in metadata.items() if k != _COLLATIONS_METADATA_KEY}
        return StructField(
            json["name"],
            _parse_datatype_json_value(json["type"], json["name"], collationsMap),
            json.get("nullable", True),
            metadata,
        )

    def _collation_metadata(self) -> Dict[str, str]:
        result: Dict[str, str] = {}

        def visit(dt: DataType, path: str) -> None:
            if isinstance(dt, StringType):
                if not dt.isUTF8BinaryCollation():
                    result[path] = "%s.%s" % (
                        StringType.collationProvider(dt.collation),
                        dt.collation,
                    )
            elif isinstance(dt, ArrayType):
                visit(dt.elementType, path + ".element")
            elif isinstance(dt, MapType):
                visit(dt.keyType, path + ".key")
                visit(dt.valueType, path + ".value")

        visit(self.dataType, self.name)
        return result

    def needConversion(self) -> bool:
        """Return whether the field's type needs conversion."""
        return self.dataType.needConversion()

    def toInternal(self, obj: T) -> T:
        """Convert with the field type's ``toInternal``."""
        return self.dataType.toInternal(obj)

    def fromInternal(self, obj: T) -> T:
        """Convert with the field type's ``fromInternal``."""
        return self.dataType.fromInternal(obj)

    def typeName(self) -> str:  # type: ignore[override]
        """Always raise: a field has no type name.

        Raises
        ------
        PySparkTypeError
            ``INVALID_TYPENAME_CALL``.
        """
        raise _error("PySparkTypeError", "INVALID_TYPENAME_CALL", {})


class StructType(DataType):
    """Struct type: an ordered list of :class:`StructField` (the type of a :class:`Row`).

    Mirrors ``pyspark.sql.types.StructType``.  Iterating yields the fields; a field
    can be fetched by name, position or slice.

    Parameters
    ----------
    fields : list of :class:`StructField`, optional
        The fields (the list object is kept, as in PySpark).

    Raises
    ------
    AssertionError
        If an element of ``fields`` is not a :class:`StructField`.

    Examples
    --------
    >>> s = StructType([StructField("name", StringType()), StructField("age", IntegerType())])
    >>> s.simpleString()
    'struct<name:string,age:int>'
    >>> s["age"], s.names
    (StructField('age', IntegerType(), True), ['name', 'age'])
    """

    def __init__(self, fields: Optional[List[StructField]] = None):
        if not fields:
            self.fields = []
            self.names = []
        else:
            self.fields = fields
            self.names = [f.name for f in fields]
            assert all(
                isinstance(f, StructField) for f in fields
            ), "fields should be a list of StructField"
        # Precalculated list of fields that need conversion with fromInternal/toInternal functions
        self._needConversion = [f.needConversion() for f in self]
        self._needSerializeAnyField = any(self._needConversion)

    def add(
        self,
        field: Union[str, StructField],
        data_type: Optional[Union[str, DataType]] = None,
        nullable: bool = True,
        metadata: Optional[Dict[str, Any]] = None,
    ) -> "StructType":
        """Append a field in place and return ``self`` (for chaining).

        Mirrors ``StructType.add``.

        Parameters
        ----------
        field : str or :class:`StructField`
            A complete field, or the name of the field to create.
        data_type : :class:`DataType` or str, optional
            Type of the new field; a string is a JSON type name (``"string"``,
            ``"integer"``, ``"decimal(10,2)"``) or, as an extension, a DDL type
            (``"int"``, ``"array<int>"``).
        nullable : bool, optional
            Default True.
        metadata : dict, optional
            Default None (``{}``).

        Returns
        -------
        :class:`StructType`
            ``self``.

        Raises
        ------
        PySparkValueError
            ``ARGUMENT_REQUIRED`` when a name is given without ``data_type``;
            ``CANNOT_PARSE_DATATYPE`` for an unparsable type string.

        Examples
        --------
        >>> StructType().add("f1", StringType(), True).add("f2", "integer").simpleString()
        'struct<f1:string,f2:int>'
        """
        if isinstance(field, StructField):
            self.fields.append(field)
            self.names.append(field.name)
        else:
            if isinstance(field, str) and data_type is None:
                raise _error(
                    "PySparkValueError",
                    "ARGUMENT_REQUIRED",
                    {
                        "arg_name": "data_type",
                        "condition": "passing name of struct_field to create",
                    },
                )
            if isinstance(data_type, str):
                try:
                    data_type_f = _parse_datatype_json_value(data_type)
                except ValueError as json_error:
                    try:
                        data_type_f = _parse_datatype_string(data_type)
                    except Exception:
                        raise json_error
            else:
                data_type_f = data_type  # type: ignore[assignment]
            self.fields.append(StructField(field, data_type_f, nullable, metadata))
            self.names.append(field)
        self._needConversion = [f.needConversion() for f in self]
        self._needSerializeAnyField = any(self._needConversion)
        return self

    def __iter__(self) -> Iterator[StructField]:
        """Iterate the fields."""
        return iter(self.fields)

    def __len__(self) -> int:
        """Return the number of fields."""
        return len(self.fields)

    def __getitem__(self, key: Union[str, int, slice]) -> Any:
        """Return a field by name or position, or a :class:`StructType` for a slice.

        Raises
        ------
        PySparkKeyError
            ``KEY_NOT_EXISTS`` for an unknown name.
        PySparkIndexError
            ``INDEX_OUT_OF_RANGE`` for a bad position.
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for another key type.
        """
        if isinstance(key, str):
            for field in self:
                if field.name == key:
                    return field
            raise _error("PySparkKeyError", "KEY_NOT_EXISTS", {"key": str(key)})
        elif isinstance(key, int):
            try:
                return self.fields[key]
            except IndexError:
                raise _error(
                    "PySparkIndexError",
                    "INDEX_OUT_OF_RANGE",
                    {"arg_name": "StructType", "index": str(key)},
                ) from None
        elif isinstance(key, slice):
            return StructType(self.fields[key])
        else:
            raise _error(
                "PySparkTypeError",
                "NOT_EXPECTED_TYPE",
                {
                    "expected_type": "int, slice or str",
                    "arg_name": "key",
                    "arg_type": type(key).__name__,
                },
            )

    def simpleString(self) -> str:
        """Return ``"struct<name:type,...>"``."""
        return "struct<%s>" % (",".join(f.simpleString() for f in self))

    def _as_nullable(self) -> "StructType":
        return StructType(
            [
                StructField(f.name, f.dataType._as_nullable(), nullable=True, metadata=f.metadata)
                for f in self.fields
            ]
        )

    def toNullable(self) -> "StructType":
        """Return a copy with every nullability flag set to True (recursively).

        Mirrors ``StructType.toNullable`` (PySpark 4.0+).

        Examples
        --------
        >>> StructType([StructField("a", IntegerType(), nullable=False)]).toNullable()
        StructType([StructField('a', IntegerType(), True)])
        """
        return self._as_nullable()

    def __repr__(self) -> str:
        return "StructType([%s])" % ", ".join(str(field) for field in self)

    def jsonValue(self) -> Dict[str, Any]:
        """Return ``{"type": "struct", "fields": [field.jsonValue(), ...]}``."""
        return {"type": self.typeName(), "fields": [f.jsonValue() for f in self]}

    @classmethod
    def fromJson(cls, json: Dict[str, Any]) -> "StructType":
        """Build a :class:`StructType` from Spark's JSON schema dict.

        Mirrors ``StructType.fromJson``.

        Parameters
        ----------
        json : dict
            ``{"type": "struct", "fields": [{"name", "type", "nullable", "metadata"}, ...]}``.

        Returns
        -------
        :class:`StructType`

        Raises
        ------
        KeyError
            If ``fields`` (or a field's ``name``/``type``) is missing.
        PySparkValueError
            ``CANNOT_PARSE_DATATYPE`` / ``UNSUPPORTED_DATA_TYPE`` for unknown types.

        Examples
        --------
        >>> StructType.fromJson({"type": "struct", "fields": [
        ...     {"name": "a", "type": "integer", "nullable": True, "metadata": {}}]})
        StructType([StructField('a', IntegerType(), True)])
        """
        return StructType([StructField.fromJson(f) for f in json["fields"]])

    def fieldNames(self) -> List[str]:
        """Return a new list of the field names.

        Mirrors ``StructType.fieldNames``.

        Examples
        --------
        >>> StructType([StructField("f1", StringType(), True)]).fieldNames()
        ['f1']
        """
        return list(self.names)

    def needConversion(self) -> bool:
        """Return True (rows, namedtuples and dicts convert to tuples)."""
        return True

    def toInternal(self, obj: Any) -> Optional[Tuple]:
        """Convert a Row/tuple/list/dict/object into a tuple of internal values.

        Raises
        ------
        PySparkValueError
            ``UNEXPECTED_TUPLE_WITH_STRUCT`` for an unsupported object.
        """
        if obj is None:
            return None
        if self._needSerializeAnyField:
            if isinstance(obj, dict):
                return tuple(
                    f.toInternal(obj.get(n)) if c else obj.get(n)
                    for n, f, c in zip(self.names, self.fields, self._needConversion)
                )
            elif isinstance(obj, (tuple, list)):
                return tuple(
                    f.toInternal(v) if c else v
                    for f, v, c in zip(self.fields, obj, self._needConversion)
                )
            elif hasattr(obj, "__dict__"):
                d = obj.__dict__
                return tuple(
                    f.toInternal(d.get(n)) if c else d.get(n)
                    for n, f, c in zip(self.names, self.fields, self._needConversion)
                )
        else:
            if isinstance(obj, dict):
                return tuple(obj.get(n) for n in self.names)
            elif isinstance(obj, (list, tuple)):
                return tuple(obj)
            elif hasattr(obj, "__dict__"):
                d = obj.__dict__
                return tuple(d.get(n) for n in self.names)
        raise _error("PySparkValueError", "UNEXPECTED_TUPLE_WITH_STRUCT", {"tuple": str(obj)})

    def fromInternal(self, obj: Any) -> Optional["Row"]:
        """Convert a tuple of internal values into a :class:`Row` with this struct's names."""
        if obj is None:
            return None
        if isinstance(obj, Row):
            return obj
        if self._needSerializeAnyField:
            values: Union[Tuple, List] = [
                f.fromInternal(v) if c else v
                for f, v, c in zip(self.fields, obj, self._needConversion)
            ]
        else:
            values = obj
        return _create_row(self.names, values)


# ---------------------------------------------------------------------------------------------
# JSON schema parsing
# ---------------------------------------------------------------------------------------------

_atomic_types: List[Type[DataType]] = [
    StringType,
    CharType,
    VarcharType,
    BinaryType,
    BooleanType,
    DecimalType,
    FloatType,
    DoubleType,
    ByteType,
    ShortType,
    IntegerType,
    LongType,
    DateType,
    TimestampType,
    TimestampNTZType,
    NullType,
    YearMonthIntervalType,
    DayTimeIntervalType,
]

_complex_types: List[Type[Union[ArrayType, MapType, StructType]]] = [ArrayType, MapType, StructType]

_all_complex_types: Dict[str, Type[Union[ArrayType, MapType, StructType]]] = {
    "array": ArrayType,
    "map": MapType,
    "struct": StructType,
}

# Type names that map directly to a class in the JSON format.
_all_mappable_types: Dict[str, Type[DataType]] = {
    "string": StringType,
    "binary": BinaryType,
    "boolean": BooleanType,
    "decimal": DecimalType,
    "float": FloatType,
    "double": DoubleType,
    "byte": ByteType,
    "short": ShortType,
    "integer": IntegerType,
    "long": LongType,
    "date": DateType,
    "timestamp": TimestampType,
    "timestamp_ntz": TimestampNTZType,
    "void": NullType,
    "interval": CalendarIntervalType,
}

_LENGTH_CHAR = re.compile(r"char\(\s*(\d+)\s*\)")
_LENGTH_VARCHAR = re.compile(r"varchar\(\s*(\d+)\s*\)")
_STRING_WITH_COLLATION = re.compile(r"string\s+collate\s+(\w+)")
_FIXED_DECIMAL = re.compile(r"decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)")
_INTERVAL_DAYTIME = re.compile(r"interval (day|hour|minute|second)( to (day|hour|minute|second))?")
_INTERVAL_YEARMONTH = re.compile(r"interval (year|month)( to (year|month))?")
_TIME = re.compile(r"time\(\s*(\d+)\s*\)")


def _parse_datatype_json_string(json_string: str) -> DataType:
    """Parse a data type from Spark's JSON schema string.

    Mirrors ``pyspark.sql.types._parse_datatype_json_string``.

    Parameters
    ----------
    json_string : str
        e.g. ``'{"type":"struct","fields":[...]}'`` or ``'"integer"'``.

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    json.JSONDecodeError
        For malformed JSON.
    PySparkValueError
        ``CANNOT_PARSE_DATATYPE`` / ``UNSUPPORTED_DATA_TYPE`` for unknown types.

    Examples
    --------
    >>> _parse_datatype_json_string(StructType([StructField("a", LongType())]).json())
    StructType([StructField('a', LongType(), True)])
    """
    return _parse_datatype_json_value(json.loads(json_string))


def _parse_datatype_json_value(
    json_value: Union[dict, str],
    fieldPath: str = "",
    collationsMap: Optional[Dict[str, str]] = None,
) -> DataType:
    """Parse a data type from a decoded JSON value (a type-name string or a dict).

    Mirrors ``pyspark.sql.types._parse_datatype_json_value``.  Accepts the primitive
    names ``string``, ``integer``, ``long``, ``double``, ``float``, ``short``,
    ``byte``, ``boolean``, ``binary``, ``date``, ``timestamp``, ``timestamp_ntz``,
    ``void`` (and, as an extension, ``null``), ``decimal``/``decimal(p,s)``,
    ``char(n)``, ``varchar(n)``, ``string collate X``, ``time(p)``, interval names,
    and dicts of type ``array``, ``map`` and ``struct``.

    Parameters
    ----------
    json_value : str or dict
    fieldPath : str, optional
        Path of the value inside its struct field (used for collations).
    collationsMap : dict, optional
        Field path to collation name.

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    PySparkValueError
        ``CANNOT_PARSE_DATATYPE`` for an unknown type string, ``UNSUPPORTED_DATA_TYPE``
        for an unknown complex ``type``.

    Examples
    --------
    >>> _parse_datatype_json_value({"type": "map", "keyType": "string",
    ...                             "valueType": "long", "valueContainsNull": True})
    MapType(StringType(), LongType(), True)
    """
    if not isinstance(json_value, dict):
        if json_value in _all_mappable_types:
            if collationsMap is not None and fieldPath in collationsMap:
                if json_value != "string":
                    raise _error(
                        "PySparkTypeError",
                        "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS",
                        {"jsonType": str(json_value)},
                    )
                return StringType(collationsMap[fieldPath])
            return _all_mappable_types[json_value]()
        if json_value == "null":
            return NullType()
        if isinstance(json_value, str):
            m = _FIXED_DECIMAL.match(json_value)
            if m:
                return DecimalType(int(m.group(1)), int(m.group(2)))
            m = _TIME.match(json_value)
            if m:
                return TimeType(int(m.group(1)))
            m = _INTERVAL_DAYTIME.match(json_value)
            if m:
                inverted = DayTimeIntervalType._inverted_fields
                first = inverted.get(m.group(1))
                second = inverted.get(m.group(3)) if m.group(3) else None
                if first is not None and second is None:
                    return DayTimeIntervalType(first)
                return DayTimeIntervalType(first, second)
            m = _INTERVAL_YEARMONTH.match(json_value)
            if m:
                inverted = YearMonthIntervalType._inverted_fields
                first = inverted.get(m.group(1))
                second = inverted.get(m.group(3)) if m.group(3) else None
                if first is not None and second is None:
                    return YearMonthIntervalType(first)
                return YearMonthIntervalType(first, second)
            m = _STRING_WITH_COLLATION.match(json_value)
            if m:
                return StringType(m.group(1))
            m = _LENGTH_CHAR.match(json_value)
            if m:
                return CharType(int(m.group(1)))
            m = _LENGTH_VARCHAR.match(json_value)
            if m:
                return VarcharType(int(m.group(1)))
        raise _error("PySparkValueError", "CANNOT_PARSE_DATATYPE", {"msg": str(json_value)})
    tpe = json_value["type"]
    if tpe in _all_complex_types:
        if collationsMap is not None and fieldPath in collationsMap:
            raise _error(
                "PySparkTypeError", "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS", {"jsonType": str(tpe)}
            )
        complex_type = _all_complex_types[tpe]
        if complex_type is ArrayType:
            return ArrayType.fromJson(json_value, fieldPath, collationsMap)
        if complex_type is MapType:
            return MapType.fromJson(json_value, fieldPath, collationsMap)
        return StructType.fromJson(json_value)
    raise _error("PySparkValueError", "UNSUPPORTED_DATA_TYPE", {"data_type": str(tpe)})


def _drop_metadata(d: Union[DataType, StructField]) -> Union[DataType, StructField]:
    """Return a copy of ``d`` with all StructField metadata removed (recursively)."""
    if isinstance(d, StructField):
        return StructField(
            d.name, _drop_metadata(d.dataType), d.nullable, None  # type: ignore[arg-type]
        )
    if isinstance(d, StructType):
        return StructType([_drop_metadata(f) for f in d.fields])  # type: ignore[misc]
    if isinstance(d, ArrayType):
        return ArrayType(_drop_metadata(d.elementType), d.containsNull)  # type: ignore[arg-type]
    if isinstance(d, MapType):
        return MapType(
            _drop_metadata(d.keyType),  # type: ignore[arg-type]
            _drop_metadata(d.valueType),  # type: ignore[arg-type]
            d.valueContainsNull,
        )
    return d


# ---------------------------------------------------------------------------------------------
# DDL parsing
# ---------------------------------------------------------------------------------------------

_DDL_TOKEN_RE = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<bq>`(?:[^`]|``)*`)
  | (?P<str>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
  | (?P<word>\w+)
  | (?P<punct>[<>(),:])
    """,
    re.VERBOSE | re.DOTALL,
)

_DDL_SIMPLE_TYPES: Dict[str, Callable[[], DataType]] = {
    "BOOLEAN": BooleanType,
    "TINYINT": ByteType,
    "BYTE": ByteType,
    "SMALLINT": ShortType,
    "SHORT": ShortType,
    "INT": IntegerType,
    "INTEGER": IntegerType,
    "BIGINT": LongType,
    "LONG": LongType,
    "FLOAT": FloatType,
    "REAL": FloatType,
    "DOUBLE": DoubleType,
    "DATE": DateType,
    "TIMESTAMP": TimestampType,
    "TIMESTAMP_LTZ": TimestampType,
    "TIMESTAMP_NTZ": TimestampNTZType,
    "BINARY": BinaryType,
    "VOID": NullType,
}

_DDL_DAYTIME_UNITS = ("DAY", "HOUR", "MINUTE", "SECOND")
_DDL_YEARMONTH_UNITS = ("YEAR", "MONTH")


class _Tok:
    __slots__ = ("kind", "value", "text", "pos")

    def __init__(self, kind: str, value: Any, text: str, pos: int):
        self.kind = kind  # "ident", "bq", "str", "int", "punct", "eof"
        self.value = value
        self.text = text
        self.pos = pos


class _DDLError(Exception):
    """Internal parse failure, converted to a pyspark.errors exception at the top level."""

    def __init__(self, kind: str, condition: str, params: Dict[str, str]):
        super().__init__(condition)
        self.kind = kind
        self.condition = condition
        self.params = params

    def to_exception(self) -> Exception:
        return _error(self.kind, self.condition, self.params)


def _unescape_string_literal(text: str) -> str:
    body = text[1:-1]
    out = []
    i = 0
    escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "Z": "\x1a"}
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append(escapes.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _ddl_tokenize(s: str) -> List[_Tok]:
    tokens: List[_Tok] = []
    pos = 0
    n = len(s)
    while pos < n:
        m = _DDL_TOKEN_RE.match(s, pos)
        if m is None:
            bad = s[pos]
            raise _DDLError(
                "ParseException", "PARSE_SYNTAX_ERROR", {"error": "'%s'" % bad, "hint": ""}
            )
        kind = m.lastgroup
        text = m.group(0)
        if kind == "bq":
            tokens.append(_Tok("bq", text[1:-1].replace("``", "`"), text, pos))
        elif kind == "str":
            tokens.append(_Tok("str", _unescape_string_literal(text), text, pos))
        elif kind == "word":
            if text.isdigit():
                tokens.append(_Tok("int", int(text), text, pos))
            else:
                tokens.append(_Tok("ident", text, text, pos))
        elif kind == "punct":
            tokens.append(_Tok("punct", text, text, pos))
        pos = m.end()
    tokens.append(_Tok("eof", None, "<EOF>", n))
    return tokens


class _DDLParser:
    """Recursive-descent parser for Spark's DDL schema and data type syntax."""

    def __init__(self, tokens: List[_Tok]):
        self.tokens = tokens
        self.i = 0

    # -- token helpers ------------------------------------------------------------------
    def peek(self) -> _Tok:
        return self.tokens[self.i]

    def advance(self) -> _Tok:
        tok = self.tokens[self.i]
        if tok.kind != "eof":
            self.i += 1
        return tok

    def at_punct(self, ch: str) -> bool:
        tok = self.peek()
        return tok.kind == "punct" and tok.value == ch

    def at_keyword(self, kw: str) -> bool:
        tok = self.peek()
        return tok.kind == "ident" and tok.value.upper() == kw

    @staticmethod
    def syntax_error(tok: _Tok, hint: str = "") -> _DDLError:
        error = "end of input" if tok.kind == "eof" else "'%s'" % tok.text
        return _DDLError("ParseException", "PARSE_SYNTAX_ERROR", {"error": error, "hint": hint})

    def expect_punct(self, ch: str) -> None:
        tok = self.peek()
        if tok.kind == "punct" and tok.value == ch:
            self.advance()
            return
        raise self.syntax_error(tok)

    def expect_int(self) -> int:
        tok = self.peek()
        if tok.kind != "int":
            raise self.syntax_error(tok)
        self.advance()
        return tok.value

    def expect_eof(self) -> None:
        tok = self.peek()
        if tok.kind != "eof":
            raise self.syntax_error(tok, ": extra input '%s'" % tok.text)

    # -- grammar ------------------------------------------------------------------------
    def parse_field_list(self) -> StructType:
        fields = [self.parse_field()]
        while self.at_punct(","):
            self.advance()
            fields.append(self.parse_field())
        self.expect_eof()
        return StructType(fields)

    def parse_single_type(self) -> DataType:
        dt = self.parse_type()
        self.expect_eof()
        return dt

    def parse_field(self) -> StructField:
        tok = self.peek()
        if tok.kind not in ("ident", "bq"):
            raise self.syntax_error(tok)
        self.advance()
        name = tok.value
        if self.at_punct(":"):
            self.advance()
        dt = self.parse_type()
        nullable = True
        metadata: Dict[str, Any] = {}
        while True:
            if self.at_keyword("NOT"):
                self.advance()
                if not self.at_keyword("NULL"):
                    raise self.syntax_error(self.peek())
                self.advance()
                nullable = False
            elif self.at_keyword("COMMENT"):
                self.advance()
                tok = self.peek()
                if tok.kind != "str":
                    raise self.syntax_error(tok)
                self.advance()
                metadata["comment"] = tok.value
            else:
                break
        return StructField(name, dt, nullable, metadata)

    def parse_type(self) -> DataType:
        tok = self.peek()
        if tok.kind != "ident":
            raise self.syntax_error(tok)
        self.advance()
        kw = tok.value.upper()

        simple = _DDL_SIMPLE_TYPES.get(kw)
        if simple is not None:
            return simple()

        if kw == "STRING":
            if self.at_keyword("COLLATE"):
                self.advance()
                name_tok = self.peek()
                if name_tok.kind not in ("ident", "bq"):
                    raise self.syntax_error(name_tok)
                self.advance()
                collation = name_tok.value.upper()
                return StringType() if collation == "UTF8_BINARY" else StringType(collation)
            return StringType()

        if kw in ("CHAR", "CHARACTER", "VARCHAR"):
            if not self.at_punct("("):
                raise _DDLError(
                    "ParseException", "DATATYPE_MISSING_SIZE", {"type": '"%s"' % kw}
                )
            self.advance()
            self.expect_int()
            self.expect_punct(")")
            # Spark treats CHAR/VARCHAR as STRING in DataFrame schemas.
            return StringType()

        if kw in ("DECIMAL", "DEC", "NUMERIC"):
            precision, scale = 10, 0
            if self.at_punct("("):
                self.advance()
                precision = self.expect_int()
                if self.at_punct(","):
                    self.advance()
                    scale = self.expect_int()
                self.expect_punct(")")
                if precision > 38:
                    raise _DDLError(
                        "AnalysisException",
                        "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                        {"precision": str(precision), "maxPrecision": "38"},
                    )
            return DecimalType(precision, scale)

        if kw == "TIME":
            precision = 6
            if self.at_punct("("):
                self.advance()
                precision = self.expect_int()
                self.expect_punct(")")
            return TimeType(precision)

        if kw == "INTERVAL":
            unit = self.peek()
            units = _DDL_DAYTIME_UNITS + _DDL_YEARMONTH_UNITS
            if not (unit.kind == "ident" and unit.value.upper() in units):
                return CalendarIntervalType()
            start = self.advance().value.upper()
            end = start
            if self.at_keyword("TO"):
                self.advance()
                end_tok = self.peek()
                if end_tok.kind != "ident":
                    raise self.syntax_error(end_tok)
                self.advance()
                end = end_tok.value.upper()
            if start in _DDL_YEARMONTH_UNITS and end in _DDL_YEARMONTH_UNITS:
                fields = YearMonthIntervalType._inverted_fields
                s, e = fields[start.lower()], fields[end.lower()]
                if s <= e:
                    return YearMonthIntervalType(s, e)
            elif start in _DDL_DAYTIME_UNITS and end in _DDL_DAYTIME_UNITS:
                fields = DayTimeIntervalType._inverted_fields
                s, e = fields[start.lower()], fields[end.lower()]
                if s <= e:
                    return DayTimeIntervalType(s, e)
            raise self.syntax_error(self.tokens[self.i - 1])

        if kw == "ARRAY":
            self.expect_punct("<")
            element = self.parse_type()
            self.expect_punct(">")
            return ArrayType(element, True)

        if kw == "MAP":
            self.expect_punct("<")
            key = self.parse_type()
            self.expect_punct(",")
            value = self.parse_type()
            self.expect_punct(">")
            return MapType(key, value, True)

        if kw == "STRUCT":
            self.expect_punct("<")
            fields: List[StructField] = []
            if not self.at_punct(">"):
                fields.append(self.parse_field())
                while self.at_punct(","):
                    self.advance()
                    fields.append(self.parse_field())
            self.expect_punct(">")
            return StructType(fields)

        raise _DDLError("ParseException", "UNSUPPORTED_DATATYPE", {"typeName": '"%s"' % kw})


def _parse_datatype_string(s: str) -> DataType:
    """Parse a DDL-formatted schema or data type string.

    Mirrors ``pyspark.sql.types._parse_datatype_string`` (which delegates to Spark's SQL
    parser): first a top-level field list (``"a INT, b STRING"``, also the legacy
    ``"a: int, b: string"``) giving a :class:`StructType`; otherwise a single type
    (``"int"``, ``"array<int>"``, ``"struct<a:int>"``, ``"map<string,int>"``,
    ``"decimal(10,2)"``).  Keywords are case-insensitive; field names keep their case and
    may be back-quoted; ``NOT NULL`` after a field type sets ``nullable=False`` and
    ``COMMENT 'text'`` stores ``{"comment": "text"}`` in the field metadata.
    Type names: ``boolean``, ``tinyint``/``byte``, ``smallint``/``short``,
    ``int``/``integer``, ``bigint``/``long``, ``float``/``real``, ``double``,
    ``decimal``/``dec``/``numeric[(p[,s])]``, ``string``, ``char(n)``/``varchar(n)``
    (as :class:`StringType`), ``binary``, ``date``, ``timestamp``/``timestamp_ltz``,
    ``timestamp_ntz``, ``time[(p)]``, ``interval ...``, ``void``.  An empty string
    gives an empty :class:`StructType`.

    Parameters
    ----------
    s : str

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    ParseException
        ``PARSE_SYNTAX_ERROR`` (42601) for bad syntax (the error of the field-list
        attempt is reported, as Spark does), ``UNSUPPORTED_DATATYPE`` (0A000) for an
        unknown type name, ``DATATYPE_MISSING_SIZE`` for ``char``/``varchar`` without
        length.
    AnalysisException
        ``DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION`` when precision > 38.

    Examples
    --------
    >>> _parse_datatype_string("id INT, label STRING NOT NULL")
    StructType([StructField('id', IntegerType(), True), StructField('label', StringType(), False)])
    >>> _parse_datatype_string("map<string, array<int>>")
    MapType(StringType(), ArrayType(IntegerType(), True), True)
    """
    if not isinstance(s, str):
        raise _error(
            "PySparkTypeError",
            "NOT_EXPECTED_TYPE",
            {"arg_name": "s", "expected_type": "str", "arg_type": type(s).__name__},
        )
    try:
        tokens = _ddl_tokenize(s)
    except _DDLError as e:
        raise e.to_exception() from None
    if len(tokens) == 1:  # only EOF
        return StructType([])
    try:
        return _DDLParser(tokens).parse_field_list()
    except _DDLError as first:
        try:
            return _DDLParser(tokens).parse_single_type()
        except _DDLError:
            raise first.to_exception() from None


# ---------------------------------------------------------------------------------------------
# Type inference from Python values
# ---------------------------------------------------------------------------------------------

# Mapping Python types to Spark SQL DataType
_type_mappings: Dict[type, Type[DataType]] = {
    type(None): NullType,
    bool: BooleanType,
    int: LongType,
    float: DoubleType,
    str: StringType,
    bytearray: BinaryType,
    decimal.Decimal: DecimalType,
    datetime.date: DateType,
    datetime.datetime: TimestampType,  # can be TimestampNTZType
    datetime.time: TimeType,
    datetime.timedelta: DayTimeIntervalType,
    bytes: BinaryType,
}

_array_signed_int_typecode_ctype_mappings = {
    "b": ctypes.c_byte,
    "h": ctypes.c_short,
    "i": ctypes.c_int,
    "l": ctypes.c_long,
}

_array_unsigned_int_typecode_ctype_mappings = {
    "B": ctypes.c_ubyte,
    "H": ctypes.c_ushort,
    "I": ctypes.c_uint,
    "L": ctypes.c_ulong,
}


def _int_size_to_type(size: int) -> Optional[Type[DataType]]:
    """Return the integral type class able to hold ``size`` bits, or None."""
    if size <= 8:
        return ByteType
    if size <= 16:
        return ShortType
    if size <= 32:
        return IntegerType
    if size <= 64:
        return LongType
    return None


# Python ``array.array`` typecodes to element types.
_array_type_mappings: Dict[str, Type[DataType]] = {"f": FloatType, "d": DoubleType, "u": StringType}

for _typecode, _ctype in _array_signed_int_typecode_ctype_mappings.items():
    _dt = _int_size_to_type(ctypes.sizeof(_ctype) * 8)
    if _dt is not None:
        _array_type_mappings[_typecode] = _dt

for _typecode, _ctype in _array_unsigned_int_typecode_ctype_mappings.items():
    # JVM has no unsigned types: use a signed type at least 1 bit larger.
    _dt = _int_size_to_type(ctypes.sizeof(_ctype) * 8 + 1)
    if _dt is not None:
        _array_type_mappings[_typecode] = _dt


def _infer_type(
    obj: Any,
    infer_dict_as_struct: bool = False,
    infer_array_from_first_element: bool = False,
    infer_map_from_first_pair: bool = False,
    prefer_timestamp_ntz: bool = False,
) -> DataType:
    """Infer the :class:`DataType` of one Python value.

    Mirrors ``pyspark.sql.types._infer_type``: ``None`` -> :class:`NullType`,
    ``bool`` -> :class:`BooleanType`, ``int`` -> :class:`LongType`,
    ``float`` -> :class:`DoubleType`, ``str`` -> :class:`StringType`,
    ``bytes``/``bytearray`` -> :class:`BinaryType`, ``Decimal`` -> ``DecimalType(38,18)``,
    ``datetime`` -> :class:`TimestampType` (``TimestampNTZType`` for a naive value when
    ``prefer_timestamp_ntz``), ``date`` -> :class:`DateType`, ``time`` -> :class:`TimeType`,
    ``timedelta`` -> :class:`DayTimeIntervalType`, ``list`` -> ``ArrayType(merged
    element type, True)``, ``array.array`` -> ``ArrayType(element, False)``,
    ``dict`` -> ``MapType(merged key type, merged value type, True)`` (a struct with
    ``infer_dict_as_struct``), and a ``tuple``/:class:`Row`/namedtuple/object with
    ``__dict__`` -> :class:`StructType` (via :func:`_infer_schema`).  The exact type
    is used, so subclasses (e.g. ``IntEnum``) are not mapped.

    Parameters
    ----------
    obj : Any
    infer_dict_as_struct : bool, optional
        Infer dicts as structs instead of maps.
    infer_array_from_first_element : bool, optional
        Use only a list's first element (legacy).
    infer_map_from_first_pair : bool, optional
        Use only a dict's first non-None pair (legacy).
    prefer_timestamp_ntz : bool, optional
        Infer naive datetimes as :class:`TimestampNTZType`.

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE`` for values of unsupported types;
        ``CANNOT_MERGE_TYPE`` when list elements / dict keys or values disagree.

    Examples
    --------
    >>> _infer_type([1, None, 2])
    ArrayType(LongType(), True)
    >>> _infer_type({"a": 1.5})
    MapType(StringType(), DoubleType(), True)
    """
    if obj is None:
        return NullType()

    if hasattr(obj, "__UDT__"):
        return obj.__UDT__

    dataType = _type_mappings.get(type(obj))
    if dataType is DecimalType:
        # the precision and scale of `obj` may be different from row to row.
        return DecimalType(38, 18)
    if dataType is TimestampType and prefer_timestamp_ntz and obj.tzinfo is None:
        return TimestampNTZType()
    if dataType is not None:
        return dataType()

    kwargs = dict(
        infer_dict_as_struct=infer_dict_as_struct,
        infer_array_from_first_element=infer_array_from_first_element,
        infer_map_from_first_pair=infer_map_from_first_pair,
        prefer_timestamp_ntz=prefer_timestamp_ntz,
    )

    if isinstance(obj, dict):
        if infer_dict_as_struct:
            struct = StructType()
            for key, value in obj.items():
                if key is not None and value is not None:
                    struct.add(key, _infer_type(value, **kwargs), True)
            return struct
        if infer_map_from_first_pair:
            for key, value in obj.items():
                if key is not None and value is not None:
                    return MapType(_infer_type(key, **kwargs), _infer_type(value, **kwargs), True)
            return MapType(NullType(), NullType(), True)
        key_type: DataType = NullType()
        value_type: DataType = NullType()
        for key, value in obj.items():
            if key is not None:
                key_type = _merge_type(key_type, _infer_type(key, **kwargs))
            if value is not None:
                value_type = _merge_type(value_type, _infer_type(value, **kwargs))
        return MapType(key_type, value_type, True)
    if isinstance(obj, list):
        if len(obj) > 0:
            if infer_array_from_first_element:
                return ArrayType(_infer_type(obj[0], **kwargs), True)
            return ArrayType(reduce(_merge_type, (_infer_type(v, **kwargs) for v in obj)), True)
        return ArrayType(NullType(), True)
    if isinstance(obj, array):
        if obj.typecode in _array_type_mappings:
            return ArrayType(_array_type_mappings[obj.typecode](), False)
        raise _error(
            "PySparkTypeError", "UNSUPPORTED_DATA_TYPE", {"data_type": "array(%s)" % obj.typecode}
        )
    try:
        return _infer_schema(
            obj,
            infer_dict_as_struct=infer_dict_as_struct,
            infer_array_from_first_element=infer_array_from_first_element,
            infer_map_from_first_pair=infer_map_from_first_pair,
            prefer_timestamp_ntz=prefer_timestamp_ntz,
        )
    except TypeError:
        raise _error(
            "PySparkTypeError", "UNSUPPORTED_DATA_TYPE", {"data_type": type(obj).__name__}
        ) from None


def _infer_schema(
    row: Any,
    names: Optional[List[str]] = None,
    infer_dict_as_struct: bool = False,
    infer_array_from_first_element: bool = False,
    infer_map_from_first_pair: bool = False,
    prefer_timestamp_ntz: bool = False,
) -> StructType:
    """Infer the :class:`StructType` of one row.

    Mirrors ``pyspark.sql.types._infer_schema``:

    * ``dict``: one field per key, **sorted by key** (as PySpark 4 does);
    * :class:`Row` with fields: its field order; a namedtuple: its ``_fields``;
    * other ``tuple``/``list``: names from ``names``, completed with ``_<n>``
      (``_1``, ``_2``, ... by default);
    * an object with ``__dict__``: its attributes sorted by name.

    Every field is nullable.

    Parameters
    ----------
    row : dict, Row, namedtuple, tuple, list or object
    names : list of str, optional
        Column names for plain tuples/lists (not modified).
    infer_dict_as_struct, infer_array_from_first_element : bool, optional
    infer_map_from_first_pair, prefer_timestamp_ntz : bool, optional
        See :func:`_infer_type`.

    Returns
    -------
    :class:`StructType`

    Raises
    ------
    PySparkTypeError
        ``CANNOT_INFER_SCHEMA_FOR_TYPE`` for another kind of row;
        ``CANNOT_INFER_TYPE_FOR_FIELD`` when a field's value cannot be inferred.

    Examples
    --------
    >>> _infer_schema({"b": 1, "a": "x"})
    StructType([StructField('a', StringType(), True), StructField('b', LongType(), True)])
    >>> _infer_schema((1, 2.0), names=["x"])
    StructType([StructField('x', LongType(), True), StructField('_2', DoubleType(), True)])
    """
    items: Iterable[Tuple[str, Any]]
    if isinstance(row, dict):
        items = sorted(row.items())
    elif isinstance(row, (tuple, list)):
        if isinstance(row, Row):
            has_fields = "__fields__" in row.__dict__
        else:
            has_fields = hasattr(row, "__fields__")
        if has_fields:  # Row
            items = zip(row.__fields__, tuple(row))
        elif hasattr(row, "_fields"):  # namedtuple
            items = zip(row._fields, tuple(row))
        else:
            if names is None:
                names = ["_%d" % i for i in range(1, len(row) + 1)]
            elif len(names) < len(row):
                names = list(names) + ["_%d" % i for i in range(len(names) + 1, len(row) + 1)]
            items = zip(names, row)
    elif hasattr(row, "__dict__"):  # object
        items = sorted(row.__dict__.items())
    else:
        raise _error(
            "PySparkTypeError", "CANNOT_INFER_SCHEMA_FOR_TYPE", {"data_type": type(row).__name__}
        )

    fields = []
    for k, v in items:
        try:
            fields.append(
                StructField(
                    k,
                    _infer_type(
                        v,
                        infer_dict_as_struct,
                        infer_array_from_first_element,
                        infer_map_from_first_pair,
                        prefer_timestamp_ntz,
                    ),
                    True,
                )
            )
        except TypeError:
            raise _error(
                "PySparkTypeError", "CANNOT_INFER_TYPE_FOR_FIELD", {"field_name": str(k)}
            ) from None
    return StructType(fields)


def _has_nulltype(dt: DataType) -> bool:
    """Return whether ``dt`` contains a :class:`NullType` anywhere (recursively).

    Mirrors ``pyspark.sql.types._has_nulltype``.

    Examples
    --------
    >>> _has_nulltype(ArrayType(NullType())), _has_nulltype(LongType())
    (True, False)
    """
    if isinstance(dt, StructType):
        return any(_has_nulltype(f.dataType) for f in dt.fields)
    if isinstance(dt, ArrayType):
        return _has_nulltype(dt.elementType)
    if isinstance(dt, MapType):
        return _has_nulltype(dt.keyType) or _has_nulltype(dt.valueType)
    return isinstance(dt, NullType)


def _has_type(dt: DataType, dts: Union[type, Tuple[type, ...]]) -> bool:
    """Return whether ``dt`` is or contains an instance of ``dts`` (recursively).

    Mirrors ``pyspark.sql.types._has_type``.

    Examples
    --------
    >>> _has_type(MapType(StringType(), DateType()), DateType)
    True
    """
    if isinstance(dt, dts):
        return True
    if isinstance(dt, StructType):
        return any(_has_type(f.dataType, dts) for f in dt.fields)
    if isinstance(dt, ArrayType):
        return _has_type(dt.elementType, dts)
    if isinstance(dt, MapType):
        return _has_type(dt.keyType, dts) or _has_type(dt.valueType, dts)
    return False


def _merge_type(a: DataType, b: DataType, name: Optional[str] = None) -> DataType:
    """Merge two inferred types into one.

    Mirrors ``pyspark.sql.types._merge_type``: :class:`NullType` merges into anything;
    ``TimestampType`` wins over ``TimestampNTZType``; an atomic type merged with
    :class:`StringType` gives :class:`StringType`; structs merge field by field (fields
    of ``b`` missing in ``a`` are appended; all merged fields are nullable), arrays and
    maps merge their element/key/value types.  Any other pair of different types
    (e.g. ``LongType`` and ``DoubleType``) is an error: no numeric widening.

    Parameters
    ----------
    a, b : :class:`DataType`
    name : str, optional
        Context used by PySpark for messages (unused in the message itself).

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    PySparkTypeError
        ``CANNOT_MERGE_TYPE`` with ``data_type1``/``data_type2`` the class names.

    Examples
    --------
    >>> _merge_type(NullType(), LongType())
    LongType()
    >>> _merge_type(LongType(), StringType())
    StringType()
    """
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    if isinstance(a, TimestampType) and isinstance(b, TimestampNTZType):
        return a
    if isinstance(a, TimestampNTZType) and isinstance(b, TimestampType):
        return b
    if isinstance(a, AtomicType) and isinstance(b, StringType):
        return b
    if isinstance(a, StringType) and isinstance(b, AtomicType):
        return a
    if type(a) is not type(b):
        raise _error(
            "PySparkTypeError",
            "CANNOT_MERGE_TYPE",
            {"data_type1": type(a).__name__, "data_type2": type(b).__name__},
        )

    if isinstance(a, StructType):
        assert isinstance(b, StructType)
        nfs = dict((f.name, f.dataType) for f in b.fields)
        if name is None:
            new_name = lambda n: "field %s" % n  # noqa: E731
        else:
            new_name = lambda n: "field %s in %s" % (n, name)  # noqa: E731
        fields = [
            StructField(
                f.name, _merge_type(f.dataType, nfs.get(f.name, NullType()), name=new_name(f.name))
            )
            for f in a.fields
        ]
        names = set(f.name for f in fields)
        for n in nfs:
            if n not in names:
                fields.append(StructField(n, nfs[n]))
        return StructType(fields)
    if isinstance(a, ArrayType):
        assert isinstance(b, ArrayType)
        return ArrayType(
            _merge_type(a.elementType, b.elementType, name="element in array %s" % name), True
        )
    if isinstance(a, MapType):
        assert isinstance(b, MapType)
        return MapType(
            _merge_type(a.keyType, b.keyType, name="key of map %s" % name),
            _merge_type(a.valueType, b.valueType, name="value of map %s" % name),
            True,
        )
    return a


def _infer_schema_from_data(
    data: Iterable[Any],
    names: Optional[List[str]] = None,
    infer_dict_as_struct: bool = False,
    infer_array_from_first_element: bool = False,
    infer_map_from_first_pair: bool = False,
    prefer_timestamp_ntz: bool = False,
) -> StructType:
    """Infer the schema of local data the way ``SparkSession.createDataFrame`` does.

    Mirrors ``SparkSession._inferSchemaFromList``: infers each row with
    :func:`_infer_schema`, merges all rows with :func:`_merge_type`, rejects columns
    whose type stays undetermined, then applies ``names`` positionally (dict and Row
    columns are renamed; tuple columns beyond ``names`` keep ``_<n>``).  Rows must be
    dicts, Rows, namedtuples, tuples, lists or objects; bare scalars are not wrapped.

    Parameters
    ----------
    data : iterable
        The rows.
    names : list of str, optional
        Column names (``createDataFrame(data, ["a", "b"])``).
    infer_dict_as_struct, infer_array_from_first_element : bool, optional
    infer_map_from_first_pair, prefer_timestamp_ntz : bool, optional
        See :func:`_infer_type` (Spark configs, all False by default).

    Returns
    -------
    :class:`StructType`
        All fields nullable.

    Raises
    ------
    PySparkValueError
        ``CANNOT_INFER_EMPTY_SCHEMA`` for no rows; ``CANNOT_DETERMINE_TYPE`` when a
        column (or nested element) is None in every row; ``AXIS_LENGTH_MISMATCH``
        when more names than inferred columns are given (as Spark Connect reports).
    PySparkTypeError
        ``CANNOT_MERGE_TYPE`` when rows disagree (e.g. ``1`` and ``1.5``),
        ``CANNOT_INFER_SCHEMA_FOR_TYPE`` for scalar rows.

    Examples
    --------
    >>> _infer_schema_from_data([("Alice", 1), ("Bob", None)], ["name", "age"])
    StructType([StructField('name', StringType(), True), StructField('age', LongType(), True)])
    """
    rows = data if isinstance(data, list) else list(data)
    if not rows:
        raise _error("PySparkValueError", "CANNOT_INFER_EMPTY_SCHEMA", {})
    schema = reduce(
        _merge_type,
        (
            _infer_schema(
                row,
                names,
                infer_dict_as_struct=infer_dict_as_struct,
                infer_array_from_first_element=infer_array_from_first_element,
                infer_map_from_first_pair=infer_map_from_first_pair,
                prefer_timestamp_ntz=prefer_timestamp_ntz,
            )
            for row in rows
        ),
    )
    assert isinstance(schema, StructType)
    if _has_nulltype(schema):
        raise _error("PySparkValueError", "CANNOT_DETERMINE_TYPE", {})
    if names is not None:
        if len(names) > len(schema.fields):
            raise _error(
                "PySparkValueError",
                "AXIS_LENGTH_MISMATCH",
                {"expected_length": str(len(names)), "actual_length": str(len(schema.fields))},
            )
        for i, name in enumerate(names):
            schema.fields[i].name = name
            schema.names[i] = name
    return schema


def _need_converter(dataType: DataType) -> bool:
    """Whether values of ``dataType`` need :func:`_create_converter` (structs or nulls inside)."""
    if isinstance(dataType, StructType):
        return True
    if isinstance(dataType, ArrayType):
        return _need_converter(dataType.elementType)
    if isinstance(dataType, MapType):
        return _need_converter(dataType.keyType) or _need_converter(dataType.valueType)
    return isinstance(dataType, NullType)


def _create_converter(dataType: DataType) -> Callable[[Any], Any]:
    """Return a function turning Rows/dicts/objects into plain tuples following ``dataType``.

    Mirrors ``pyspark.sql.types._create_converter`` (used by ``createDataFrame``): struct
    values become tuples ordered like the struct fields (dicts and objects are looked up
    by field name), :class:`NullType` values become None.

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE`` (when converting) for a struct value of another kind.

    Examples
    --------
    >>> _create_converter(StructType([StructField("b", LongType()), StructField("a", LongType())]))(
    ...     {"a": 1, "b": 2})
    (2, 1)
    """
    if not _need_converter(dataType):
        return lambda x: x

    if isinstance(dataType, ArrayType):
        conv = _create_converter(dataType.elementType)
        return lambda row: [conv(v) for v in row]

    if isinstance(dataType, MapType):
        kconv = _create_converter(dataType.keyType)
        vconv = _create_converter(dataType.valueType)
        return lambda row: dict((kconv(k), vconv(v)) for k, v in row.items())

    if isinstance(dataType, NullType):
        return lambda x: None

    if not isinstance(dataType, StructType):
        return lambda x: x

    names = [f.name for f in dataType.fields]
    converters = [_create_converter(f.dataType) for f in dataType.fields]
    convert_fields = any(_need_converter(f.dataType) for f in dataType.fields)

    def convert_struct(obj: Any) -> Optional[Tuple]:
        if obj is None:
            return None
        if isinstance(obj, (tuple, list)):
            if convert_fields:
                return tuple(conv(v) for v, conv in zip(obj, converters))
            return tuple(obj)
        if isinstance(obj, dict):
            d = obj
        elif hasattr(obj, "__dict__"):
            d = obj.__dict__
        else:
            raise _error(
                "PySparkTypeError", "UNSUPPORTED_DATA_TYPE", {"data_type": type(obj).__name__}
            )
        if convert_fields:
            return tuple([conv(d.get(name)) for name, conv in zip(names, converters)])
        return tuple([d.get(name) for name in names])

    return convert_struct


# ---------------------------------------------------------------------------------------------
# Row
# ---------------------------------------------------------------------------------------------


def _create_row_inbound_converter(dataType: DataType) -> Callable:
    """Return ``lambda *a: dataType.fromInternal(a)`` (PySpark's unpickling hook)."""
    return lambda *a: dataType.fromInternal(a)


def _create_row(fields: Union["Row", List[str]], values: Iterable[Any]) -> "Row":
    """Build a :class:`Row` with field names ``fields`` and ``values``, fast.

    Mirrors ``pyspark.sql.types._create_row`` (also used for unpickling).  ``fields``
    is stored as given (not copied), so many rows can share one list.

    Parameters
    ----------
    fields : list of str (or a Row used as a factory)
    values : iterable

    Returns
    -------
    :class:`Row`

    Examples
    --------
    >>> _create_row(["a", "b"], (1, 2))
    Row(a=1, b=2)
    """
    row = tuple.__new__(Row, values)
    row.__dict__["__fields__"] = fields
    return row


class Row(tuple):
    """A row of a DataFrame: a tuple whose items can be read by name.

    Mirrors ``pyspark.sql.types.Row``.  ``Row(name="Alice", age=11)`` makes a row with
    fields in keyword order.  ``Row("name", "age")`` makes a *factory*: calling it,
    ``Person("Bob", 30)``, makes rows with those fields; the positional form also
    serves for rows without names.  Fields are read as attributes (``row.name``), by
    key (``row["name"]``), by index or slice (``row[0]``, ``row[:1]``); ``"name" in
    row`` tests field names when the row has them.  Equality, ordering and hashing
    are those of tuples.

    Raises
    ------
    PySparkValueError
        ``CANNOT_SET_TOGETHER`` when both positional and keyword arguments are given.

    Examples
    --------
    >>> row = Row(name="Alice", age=11)
    >>> row, row.name, row["age"], "name" in row
    (Row(name='Alice', age=11), 'Alice', 11, True)
    >>> Person = Row("name", "age")
    >>> Person, Person("Bob", 30)
    (<Row('name', 'age')>, Row(name='Bob', age=30))
    >>> Row("Alice", 11) == Row(name="Alice", age=11)
    True
    """

    def __new__(cls, *args: Any, **kwargs: Any) -> "Row":
        if args and kwargs:
            raise _error(
                "PySparkValueError", "CANNOT_SET_TOGETHER", {"arg_list": "args and kwargs"}
            )
        if kwargs:
            row = tuple.__new__(cls, list(kwargs.values()))
            row.__dict__["__fields__"] = list(kwargs.keys())
            return row
        return tuple.__new__(cls, args)

    def asDict(self, recursive: bool = False) -> Dict[str, Any]:
        """Return the row as a ``dict`` of field name to value.

        Mirrors ``Row.asDict``.

        Parameters
        ----------
        recursive : bool, optional
            Also convert nested Rows, including Rows inside lists and dict values
            (default False).

        Returns
        -------
        dict
            With duplicate field names the last value wins.

        Raises
        ------
        PySparkTypeError
            ``CANNOT_CONVERT_TYPE`` for a row without field names.

        Examples
        --------
        >>> Row(key=1, value=Row(name="a", age=2)).asDict(True)
        {'key': 1, 'value': {'name': 'a', 'age': 2}}
        """
        if "__fields__" not in self.__dict__:
            raise _error(
                "PySparkTypeError",
                "CANNOT_CONVERT_TYPE",
                {"from_type": "Row", "to_type": "dict"},
            )
        if recursive:

            def conv(obj: Any) -> Any:
                if isinstance(obj, Row):
                    return obj.asDict(True)
                if isinstance(obj, list):
                    return [conv(o) for o in obj]
                if isinstance(obj, dict):
                    return dict((k, conv(v)) for k, v in obj.items())
                return obj

            return dict(zip(self.__fields__, (conv(o) for o in self)))
        return dict(zip(self.__fields__, self))

    def __contains__(self, item: Any) -> bool:
        if "__fields__" in self.__dict__:
            return item in self.__fields__
        return super().__contains__(item)

    # let object acts like class
    def __call__(self, *args: Any) -> "Row":
        """Create a row whose fields are this factory's values.

        Raises
        ------
        PySparkValueError
            ``TOO_MANY_VALUES`` when more values than fields are given.
        """
        if len(args) > len(self):
            raise _error(
                "PySparkValueError",
                "TOO_MANY_VALUES",
                {"expected": str(len(self)), "item": "fields", "actual": str(len(args))},
            )
        return _create_row(self, args)

    def __getitem__(self, item: Any) -> Any:
        if isinstance(item, (int, slice)):
            return super().__getitem__(item)
        try:
            # it will be slow when it has many fields,
            # but this will not be used in normal cases
            idx = self.__fields__.index(item)
            return super().__getitem__(idx)
        except IndexError:
            raise _error("PySparkKeyError", "KEY_NOT_EXISTS", {"key": str(item)}) from None
        except ValueError:
            raise _error("PySparkValueError", message=str(item)) from None

    def __getattr__(self, item: str) -> Any:
        if item.startswith("__"):
            raise _error("PySparkAttributeError", "ATTRIBUTE_NOT_SUPPORTED", {"attr_name": item})
        try:
            # it will be slow when it has many fields,
            # but this will not be used in normal cases
            idx = self.__fields__.index(item)
            return self[idx]
        except (IndexError, ValueError):
            raise _error(
                "PySparkAttributeError", "ATTRIBUTE_NOT_SUPPORTED", {"attr_name": item}
            ) from None

    def __setattr__(self, key: Any, value: Any) -> None:
        if key != "__fields__":
            raise _error("PySparkRuntimeError", "READ_ONLY", {"object": "Row"})
        self.__dict__[key] = value

    def __reduce__(self) -> Union[str, Tuple[Any, ...]]:
        """Return a tuple so Python knows how to pickle Row."""
        if "__fields__" in self.__dict__:
            return (_create_row, (self.__fields__, tuple(self)))
        return tuple.__reduce__(self)

    def __repr__(self) -> str:
        """Printable representation of Row used in Python REPL."""
        if "__fields__" in self.__dict__:
            return "Row(%s)" % ", ".join(
                "%s=%r" % (k, v) for k, v in zip(self.__fields__, tuple(self))
            )
        return "<Row(%s)>" % ", ".join(repr(field) for field in self)
