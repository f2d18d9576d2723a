"""Spark SQL data types, :class:`Row` and schema inference (mirrors ``pyspark.sql.types``).

Python 3 over the Rust Spark layer (no JVM).  It provides:

* the :class:`DataType` hierarchy with PySpark 4.x ``repr``/``simpleString``/``typeName``/
  ``jsonValue``/``json``/equality semantics;
* Spark's JSON schema format: :func:`_parse_datatype_json_string`,
  :func:`_parse_datatype_json_value` and ``StructType.fromJson``;
* DDL text, :func:`_parse_datatype_string` (``"id INT, label STRING"``,
  ``"a: int"``, ``"struct<a:int>"``, ``"map<string,int>"``, ...), read by the native
  module's DDL parser (``src/spark/ddl.rs``), as Spark reads it with its SQL parser;
* Python-value type inference: :func:`_infer_type`, :func:`_infer_schema`,
  :func:`_merge_type` and :func:`_infer_schema_from_data`;
* :class:`Row` and the fast constructor :func:`_create_row`.

Errors are raised as ``pyspark.errors`` exceptions (``PySparkValueError``,
``PySparkTypeError``, ``ParseException``, ...).  ``pyspark.errors`` is imported lazily,
only when an error is raised, so this module imports nothing from ``pyspark`` at load
time; if ``pyspark.errors`` cannot be imported the matching built-in exception
(``ValueError``, ``TypeError``, ...) is raised instead.
"""

import datetime
import decimal
import json
import operator
import re
import time
from array import array
from collections import namedtuple
from functools import reduce

from pyspark._lazy_names import lazy_names

__all__ = [
    "DataType",
    "NullType",
    "CharType",
    "StringType",
    "VarcharType",
    "BinaryType",
    "VariantType",
    "VariantVal",
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
    "Geography",
    "Geometry",
]


# ---------------------------------------------------------------------------------------------
# Lazy access to pyspark.errors
# ---------------------------------------------------------------------------------------------

_BUILTIN_FALLBACK = {
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


def _error(kind, errorClass=None, messageParameters=None, message=None):
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

_MICROS_PER_SECOND = 1_000_000
_NANOS_PER_MICRO = 1_000
_EPOCH = datetime.datetime(1970, 1, 1)


def _timedelta_micros(delta):
    """Whole length of ``delta`` in microseconds, without float rounding."""
    return (delta.days * 86_400 + delta.seconds) * _MICROS_PER_SECOND + delta.microseconds


def _check_datatype_arg(role, value):
    """The argument check shared by the complex types' constructors.

    Raises ``AssertionError("<role> <value> should be an instance of <DataType class>")``,
    PySpark's wording, unless Python runs with ``-O``.
    """
    assert isinstance(value, DataType), "%s %s should be an instance of %s" % (role, value, DataType)


class DataType:
    """Root of the Spark SQL type classes (PySpark: ``pyspark.sql.types.DataType``).

    A type has three spellings: :meth:`typeName` (its name in JSON schemas),
    :meth:`simpleString` (its SQL/DDL form, as in ``df.dtypes``) and :meth:`jsonValue` /
    :meth:`json` (the JSON schema format).  The ``repr`` is the constructor call.  Two
    types are equal when they are of the same class with the same attributes; the hash
    follows the ``repr``.

    Examples
    --------
    >>> ShortType().simpleString(), ShortType.typeName(), ShortType().json()
    ('smallint', 'short', '"short"')
    >>> MapType(LongType(), DateType()) == MapType(LongType(), DateType(), valueContainsNull=True)
    True
    """

    # Name in the JSON schema format when it is not the class name without "Type",
    # lowercased (NullType is "void", for example).
    _json_name = None
    # SQL spelling when it differs from the JSON name (the integral types).
    _sql_name = None

    def __repr__(self):
        return "%s()" % type(self).__name__

    def __hash__(self):
        return hash(repr(self))

    def __eq__(self, other):
        return isinstance(other, type(self)) and vars(self) == vars(other)

    def __reduce__(self):
        # Pickled as its JSON, so a real PySpark (a Spark Connect server's Python worker
        # unpickling a UDF's return type) rebuilds its own type object.
        if isinstance(self, StructField):
            return super().__reduce__()
        return (_parse_datatype_json_string, (self.json(),))

    @classmethod
    def typeName(cls):
        """The type's name in Spark's JSON schema format.

        Mirrors ``DataType.typeName``: the class name without its ``Type`` suffix, in
        lower case, except for a few types Spark names differently (``"void"``,
        ``"timestamp_ntz"``, ``"interval"``).

        Returns
        -------
        str

        Examples
        --------
        >>> ByteType.typeName(), StructType.typeName(), NullType.typeName()
        ('byte', 'struct', 'void')
        """
        if cls._json_name is not None:
            return cls._json_name
        return cls.__name__[:-4].lower()

    def simpleString(self):
        """The type as Spark SQL writes it (``df.dtypes``, ``CAST(x AS ...)``).

        Mirrors ``DataType.simpleString``.

        Returns
        -------
        str
            ``"bigint"``, ``"decimal(5,2)"``, ``"array<string>"``,
            ``"struct<a:int>"``, ...

        Examples
        --------
        >>> LongType().simpleString(), ArrayType(DateType()).simpleString()
        ('bigint', 'array<date>')
        """
        return self._sql_name or self.typeName()

    def jsonValue(self):
        """The type in Spark's JSON schema format, as Python data (before encoding).

        Mirrors ``DataType.jsonValue``: a string for atomic types, a ``dict`` for arrays,
        maps and structs.

        Returns
        -------
        str or dict

        Examples
        --------
        >>> LongType().jsonValue()
        'long'
        >>> MapType(StringType(), DoubleType(), False).jsonValue()["valueContainsNull"]
        False
        """
        return self.typeName()

    def json(self):
        """:meth:`jsonValue` encoded as Spark does: compact, keys sorted.

        Mirrors ``DataType.json``.

        Returns
        -------
        str

        Examples
        --------
        >>> ArrayType(ShortType(), False).json()
        '{"containsNull":false,"elementType":"short","type":"array"}'
        """
        return _compact_json(self.jsonValue())

    def _children(self):
        # The types nested directly inside this one (element, key and value, fields).
        return ()

    def needConversion(self):
        """Whether Python values of this type differ from Spark's internal values.

        Mirrors ``DataType.needConversion``.  Dates, timestamps, times, day-time
        intervals and structs convert; an array or a map converts when a nested type
        does.

        Returns
        -------
        bool
        """
        return any(child.needConversion() for child in self._children())

    def toInternal(self, obj):
        """Turn a Python value into Spark's internal value; the value itself here.

        Mirrors ``DataType.toInternal``.
        """
        return obj

    def fromInternal(self, obj):
        """Turn an internal value back into a Python value; the value itself here.

        Mirrors ``DataType.fromInternal``.
        """
        return obj

    def _as_nullable(self):
        # Arrays, maps and structs rebuild themselves with every nullability flag set.
        return self

    @classmethod
    def fromDDL(cls, ddl):
        """Parse a type or a column list written in DDL.

        Mirrors ``DataType.fromDDL`` (PySpark 4.0+); the grammar is that of
        :func:`_parse_datatype_string`.

        Parameters
        ----------
        ddl : str
            A single type (``"map<string,int>"``) or columns (``"id bigint, tag string"``).

        Returns
        -------
        :class:`DataType`
            A :class:`StructType` for columns, else the type.

        Raises
        ------
        ParseException
            ``PARSE_SYNTAX_ERROR`` or ``UNSUPPORTED_DATATYPE`` for text that is not a type.

        Examples
        --------
        >>> DataType.fromDDL("id bigint, tag string").names
        ['id', 'tag']
        >>> DataType.fromDDL("array<date>")
        ArrayType(DateType(), True)
        """
        return _parse_datatype_string(ddl)


_compact_json = json.JSONEncoder(separators=(",", ":"), sort_keys=True).encode


class DataTypeSingleton(type):
    """Metaclass giving each parameterless type one shared instance (as PySpark does).

    ``LongType() is LongType()`` holds.  Unpickling with another library may still make a
    second object; it compares equal.
    """

    _instances = {}

    def __call__(cls):
        shared = cls._instances.get(cls)
        if shared is None:
            shared = cls._instances[cls] = super().__call__()
        return shared


class NullType(DataType, metaclass=DataTypeSingleton):
    """The type of a value that is always None (PySpark: ``NullType``).

    Inference gives it to columns with no non-None value; Spark spells it ``void``.

    Examples
    --------
    >>> NullType(), NullType().json()
    (NullType(), '"void"')
    """

    _json_name = "void"


class AtomicType(DataType):
    """Parent of the scalar types: everything but null, arrays, maps and structs.

    Mirrors ``pyspark.sql.types.AtomicType``.
    """


class NumericType(AtomicType):
    """Parent of the number types (PySpark: ``NumericType``)."""


class IntegralType(NumericType, metaclass=DataTypeSingleton):
    """Parent of the whole-number types (PySpark: ``IntegralType``)."""


class FractionalType(NumericType):
    """Parent of the float, double and decimal types (PySpark: ``FractionalType``)."""


_DEFAULT_COLLATION = "UTF8_BINARY"


class StringType(AtomicType):
    """Text, with an optional collation (PySpark: ``StringType``).

    Parameters
    ----------
    collation : str, optional
        The collation name; ``"UTF8_BINARY"`` (byte-wise comparison) by default.
        Collations whose name starts with ``UTF8`` come from Spark, the others from ICU.

    Examples
    --------
    >>> StringType().json(), StringType("UTF8_LCASE")
    ('"string"', StringType('UTF8_LCASE'))
    >>> StringType("UNICODE").simpleString()
    'string collate UNICODE'
    """

    providers = ["spark", "icu"]
    providerSpark, providerICU = providers

    def __init__(self, collation=_DEFAULT_COLLATION):
        self.collation = collation

    @classmethod
    def collationProvider(cls, collationName):
        """``"spark"`` for the ``UTF8*`` collations, ``"icu"`` for the others."""
        return cls.providerSpark if collationName.startswith("UTF8") else cls.providerICU

    def isUTF8BinaryCollation(self):
        """True for the default collation, ``UTF8_BINARY``."""
        return self.collation == _DEFAULT_COLLATION

    def simpleString(self):
        """``"string"``, followed by ``" collate NAME"`` for another collation."""
        if self.isUTF8BinaryCollation():
            return "string"
        return f"string collate {self.collation}"

    jsonValue = simpleString

    def __repr__(self):
        if self.isUTF8BinaryCollation():
            return "StringType()"
        return f"StringType('{self.collation}')"


class _LengthBound:
    """What ``CharType`` and ``VarcharType`` share: a ``length`` and the spellings
    ``name(length)`` and ``ClassName(length)``."""

    def __init__(self, length):
        self.length = length

    def simpleString(self):
        return "%s(%d)" % (self.typeName(), self.length)

    jsonValue = simpleString

    def __repr__(self):
        return "%s(%d)" % (type(self).__name__, self.length)


class CharType(_LengthBound, AtomicType):
    """Text padded to exactly ``length`` characters (PySpark: ``CharType``).

    Parameters
    ----------
    length : int

    Examples
    --------
    >>> CharType(2), CharType(2).json()
    (CharType(2), '"char(2)"')
    """


class VarcharType(_LengthBound, AtomicType):
    """Text of at most ``length`` characters (PySpark: ``VarcharType``).

    Parameters
    ----------
    length : int

    Examples
    --------
    >>> VarcharType(20).simpleString()
    'varchar(20)'
    """


class BinaryType(AtomicType, metaclass=DataTypeSingleton):
    """Byte strings, ``bytes`` or ``bytearray`` in Python (PySpark: ``BinaryType``).

    Examples
    --------
    >>> BinaryType().json()
    '"binary"'
    """


class BooleanType(AtomicType, metaclass=DataTypeSingleton):
    """True or False (PySpark: ``BooleanType``).

    Examples
    --------
    >>> BooleanType(), BooleanType().simpleString()
    (BooleanType(), 'boolean')
    """


class DatetimeType(AtomicType):
    """Parent of the date and time types (PySpark: ``DatetimeType``)."""


class _ConvertsValues:
    """For the atomic types whose Python values are objects (dates, times, ...) while
    Spark holds numbers: ``needConversion()`` is True, and None passes both ways
    unchanged; subclasses supply ``_to_number`` and ``_from_number``."""

    def needConversion(self):
        return True

    def toInternal(self, obj):
        return None if obj is None else self._to_number(obj)

    def fromInternal(self, obj):
        return None if obj is None else self._from_number(obj)


class DateType(_ConvertsValues, DatetimeType, metaclass=DataTypeSingleton):
    """Calendar dates, ``datetime.date`` in Python (PySpark: ``DateType``).

    Spark stores the number of days since 1970-01-01.

    Examples
    --------
    >>> DateType().toInternal(datetime.date(1969, 12, 31)), DateType().fromInternal(31)
    (-1, datetime.date(1970, 2, 1))
    """

    EPOCH_ORDINAL = datetime.date(1970, 1, 1).toordinal()

    def _to_number(self, day):
        return day.toordinal() - DateType.EPOCH_ORDINAL

    def _from_number(self, days):
        return datetime.date.fromordinal(DateType.EPOCH_ORDINAL + days)


class AnyTimeType(DatetimeType):
    """Parent of the time-of-day types (PySpark: ``AnyTimeType``)."""


class TimeType(_ConvertsValues, AnyTimeType):
    """A time of day, ``datetime.time`` in Python (PySpark 4.1+: ``TimeType``).

    Spark stores nanoseconds since midnight.

    Parameters
    ----------
    precision : int, default 6
        How many fractional digits of the seconds are kept (6: microseconds).

    Examples
    --------
    >>> TimeType(0), TimeType().json()
    (TimeType(0), '"time(6)"')
    >>> TimeType().toInternal(datetime.time(0, 0, 1, 5))
    1000005000
    """

    def __init__(self, precision=6):
        self.precision = precision

    def _to_number(self, moment):
        seconds = (moment.hour * 60 + moment.minute) * 60 + moment.second
        return (seconds * _MICROS_PER_SECOND + moment.microsecond) * _NANOS_PER_MICRO

    def _from_number(self, nanos):
        seconds, micros = divmod(nanos // _NANOS_PER_MICRO, _MICROS_PER_SECOND)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return datetime.time(hour, minute, second, micros)

    def simpleString(self):
        """``"time(precision)"``."""
        return "%s(%d)" % (self.typeName(), self.precision)

    jsonValue = simpleString

    def __repr__(self):
        return "TimeType(%d)" % (self.precision,)


class TimestampType(_ConvertsValues, DatetimeType, metaclass=DataTypeSingleton):
    """An instant, shown in the session time zone (PySpark: ``TimestampType``).

    Python side: ``datetime.datetime``; a naive one is read in the local time zone of
    the process.  Spark stores microseconds since the epoch.

    Examples
    --------
    >>> TimestampType(), TimestampType().json()
    (TimestampType(), '"timestamp"')
    """

    def _to_number(self, moment):
        if moment.tzinfo is None:
            whole_seconds = time.mktime(moment.timetuple())
        else:
            import calendar  # here: 3 ms of the shell's start when imported at the top

            whole_seconds = calendar.timegm(moment.utctimetuple())
        return int(whole_seconds) * _MICROS_PER_SECOND + moment.microsecond

    def _from_number(self, micros):
        seconds, fraction = divmod(micros, _MICROS_PER_SECOND)
        return datetime.datetime.fromtimestamp(seconds).replace(microsecond=fraction)


class TimestampNTZType(_ConvertsValues, DatetimeType, metaclass=DataTypeSingleton):
    """A wall-clock date and time with no time zone (PySpark: ``TimestampNTZType``).

    Spark stores the microseconds from 1970-01-01 00:00 to the wall-clock time; a
    ``tzinfo`` on the Python value is ignored.  Spark names the type ``timestamp_ntz``.

    Examples
    --------
    >>> TimestampNTZType().toInternal(datetime.datetime(1970, 1, 2))
    86400000000
    >>> TimestampNTZType().fromInternal(-1)
    datetime.datetime(1969, 12, 31, 23, 59, 59, 999999)
    """

    _json_name = "timestamp_ntz"

    def _to_number(self, moment):
        return _timedelta_micros(moment.replace(tzinfo=None) - _EPOCH)

    def _from_number(self, micros):
        return _EPOCH + datetime.timedelta(microseconds=micros)


class DecimalType(FractionalType):
    """Exact decimal numbers, ``decimal.Decimal`` in Python (PySpark: ``DecimalType``).

    Parameters
    ----------
    precision : int, default 10
        Total number of digits; Spark allows up to 38.
    scale : int, default 0
        How many of them follow the decimal point.

    Examples
    --------
    >>> DecimalType(), DecimalType(38, 18).json()
    (DecimalType(10,0), '"decimal(38,18)"')
    """

    def __init__(self, precision=10, scale=0):
        self.precision, self.scale = precision, scale
        # Part of PySpark's public surface; always True.
        self.hasPrecisionInfo = True

    def simpleString(self):
        """``"decimal(precision,scale)"``."""
        return "%s(%d,%d)" % (self.typeName(), self.precision, self.scale)

    jsonValue = simpleString

    def __repr__(self):
        return "DecimalType(%d,%d)" % (self.precision, self.scale)


class DoubleType(FractionalType, metaclass=DataTypeSingleton):
    """64-bit floating point numbers, Python's ``float`` (PySpark: ``DoubleType``).

    Examples
    --------
    >>> DoubleType().json()
    '"double"'
    """


class FloatType(FractionalType, metaclass=DataTypeSingleton):
    """32-bit floating point numbers (PySpark: ``FloatType``).

    Examples
    --------
    >>> FloatType(), FloatType().simpleString()
    (FloatType(), 'float')
    """


class ByteType(IntegralType):
    """8-bit signed integers (PySpark: ``ByteType``): ``tinyint`` in SQL, ``byte`` in JSON.

    Examples
    --------
    >>> ByteType().simpleString(), ByteType().json()
    ('tinyint', '"byte"')
    """

    _sql_name = "tinyint"


class IntegerType(IntegralType):
    """32-bit signed integers (PySpark: ``IntegerType``): ``int`` in SQL, ``integer`` in JSON.

    Examples
    --------
    >>> IntegerType().simpleString(), IntegerType().json()
    ('int', '"integer"')
    """

    _sql_name = "int"


class LongType(IntegralType):
    """64-bit signed integers (PySpark: ``LongType``): ``bigint`` in SQL, ``long`` in JSON.

    Python ``int`` values are inferred as this type.

    Examples
    --------
    >>> LongType(), LongType().simpleString()
    (LongType(), 'bigint')
    """

    _sql_name = "bigint"


class ShortType(IntegralType):
    """16-bit signed integers (PySpark: ``ShortType``): ``smallint`` in SQL, ``short`` in JSON.

    Examples
    --------
    >>> ShortType().json()
    '"short"'
    """

    _sql_name = "smallint"


class AnsiIntervalType(AtomicType):
    """Parent of the SQL-standard interval types (PySpark: ``AnsiIntervalType``)."""


class _IntervalUnits:
    """What the two ANSI interval types share: a range of units, from ``startField``
    to ``endField``, numbered as in the class's ``_fields`` table."""

    _fields = {}
    _default_range = (0, 0)

    def __init__(self, startField=None, endField=None):
        if startField is None and endField is None:
            startField, endField = self._default_range
        elif endField is None:
            endField = startField
        if startField not in self._fields or endField not in self._fields:
            raise _error(
                "PySparkRuntimeError",
                "INVALID_INTERVAL_CASTING",
                {"start_field": str(startField), "end_field": str(endField)},
            )
        self.startField, self.endField = startField, endField

    def _str_repr(self):
        first, last = self._fields[self.startField], self._fields[self.endField]
        if first == last:
            return "interval " + first
        return "interval %s to %s" % (first, last)

    def simpleString(self):
        """``"interval UNIT"`` or ``"interval FIRST to LAST"``."""
        return self._str_repr()

    jsonValue = simpleString

    def __repr__(self):
        return "%s(%d, %d)" % (type(self).__name__, self.startField, self.endField)


class DayTimeIntervalType(_ConvertsValues, _IntervalUnits, AnsiIntervalType):
    """An interval counted in days, hours, minutes and seconds (PySpark:
    ``DayTimeIntervalType``); ``datetime.timedelta`` in Python, microseconds in Spark.

    Parameters
    ----------
    startField, endField : int, optional
        The first and last unit: ``DAY`` (0), ``HOUR`` (1), ``MINUTE`` (2) or ``SECOND``
        (3).  With neither, ``DAY`` to ``SECOND``; with only ``startField``, that unit.

    Raises
    ------
    PySparkRuntimeError
        ``INVALID_INTERVAL_CASTING`` for a number that is not a unit.

    Examples
    --------
    >>> DayTimeIntervalType(DayTimeIntervalType.HOUR), DayTimeIntervalType(1, 2).json()
    (DayTimeIntervalType(1, 1), '"interval hour to minute"')
    >>> DayTimeIntervalType().toInternal(datetime.timedelta(seconds=-1))
    -1000000
    """

    DAY, HOUR, MINUTE, SECOND = range(4)
    _fields = dict(enumerate(("day", "hour", "minute", "second")))
    _inverted_fields = {name: unit for unit, name in _fields.items()}
    _default_range = (DAY, SECOND)

    def _to_number(self, delta):
        return _timedelta_micros(delta)

    def _from_number(self, micros):
        return datetime.timedelta(microseconds=micros)


class YearMonthIntervalType(_IntervalUnits, AnsiIntervalType):
    """An interval counted in years and months (PySpark: ``YearMonthIntervalType``).

    Parameters
    ----------
    startField, endField : int, optional
        ``YEAR`` (0) or ``MONTH`` (1); ``YEAR`` to ``MONTH`` by default.

    Raises
    ------
    PySparkRuntimeError
        ``INVALID_INTERVAL_CASTING`` for a number that is not a unit.

    Examples
    --------
    >>> YearMonthIntervalType(), YearMonthIntervalType(1).simpleString()
    (YearMonthIntervalType(0, 1), 'interval month')
    """

    YEAR, MONTH = range(2)
    _fields = dict(enumerate(("year", "month")))
    _inverted_fields = {name: unit for unit, name in _fields.items()}
    _default_range = (YEAR, MONTH)


class CalendarIntervalType(DataType, metaclass=DataTypeSingleton):
    """Spark's legacy interval of months, days and microseconds (PySpark:
    ``CalendarIntervalType``); Spark names it ``interval``.

    Examples
    --------
    >>> CalendarIntervalType(), CalendarIntervalType().json()
    (CalendarIntervalType(), '"interval"')
    """

    _json_name = "interval"


class VariantType(AtomicType, metaclass=DataTypeSingleton):
    """Spark's semi-structured VARIANT type (PySpark: ``VariantType``): any JSON-like
    value, as ``parse_json`` builds it. Collected values are :class:`VariantVal`.

    Examples
    --------
    >>> VariantType(), VariantType().simpleString(), VariantType().json()
    (VariantType(), 'variant', '"variant"')
    """


class VariantVal:
    """One VARIANT value as PySpark's ``collect()`` returns it (PySpark: ``VariantVal``):
    the Variant encoding's value and metadata bytes.

    Parameters
    ----------
    value : bytes or bytearray
        The encoded value.
    metadata : bytes or bytearray
        The encoded metadata (the dictionary of object keys).

    Examples
    --------
    >>> v = spark.range(1).selectExpr('''parse_json('{"b": 1, "a": [true]}') AS v''').first().v
    >>> v.toJson(), str(v)
    ('{"a":[true],"b":1}', '{"a":[true],"b":1}')
    """

    def __init__(self, value, metadata):
        self.value = value
        self.metadata = metadata

    def toJson(self, zone_id="UTC"):
        """The value as Spark's JSON text (``VariantUtil.toJson``): object fields in name
        order, decimals without trailing zeros, timestamps in the session time zone
        (``zone_id`` is accepted for PySpark's signature).

        Returns
        -------
        str
        """
        from pyspark import _native

        return _native.variant_to_json(bytes(self.value), bytes(self.metadata))

    def toPython(self):
        """The value as Python objects read from its JSON text: dicts, lists, ``int``,
        ``float`` (decimals as :class:`decimal.Decimal`), ``str``, ``bool`` and ``None``.
        Dates, timestamps and binary come back as the text Spark's JSON gives them.
        """
        import decimal
        import json

        return json.loads(self.toJson(), parse_float=decimal.Decimal)

    def __str__(self):
        return self.toJson()

    def __repr__(self):
        return "VariantVal(%r, %r)" % (self.value, self.metadata)

    def __eq__(self, other):
        return isinstance(other, VariantVal) and self.toJson() == other.toJson()

    def __hash__(self):
        return hash(self.toJson())


class ArrayType(DataType):
    """A list of values of one type (PySpark: ``ArrayType``).

    Parameters
    ----------
    elementType : DataType
        The type of every element.
    containsNull : bool, default True
        Whether an element may be None.

    Raises
    ------
    AssertionError
        When ``elementType`` is not a :class:`DataType`.

    Examples
    --------
    >>> ArrayType(LongType(), containsNull=False)
    ArrayType(LongType(), False)
    >>> ArrayType(ArrayType(StringType())).simpleString()
    'array<array<string>>'
    """

    def __init__(self, elementType, containsNull=True):
        _check_datatype_arg("elementType", elementType)
        self.elementType, self.containsNull = elementType, containsNull

    def _children(self):
        return (self.elementType,)

    def simpleString(self):
        """``"array<element type>"``."""
        return f"array<{self.elementType.simpleString()}>"

    def __repr__(self):
        return f"ArrayType({self.elementType}, {self.containsNull})"

    def toNullable(self):
        """A copy in which the elements, and anything nested in them, may be None.

        Mirrors ``ArrayType.toNullable`` (PySpark 4.0+).

        Examples
        --------
        >>> ArrayType(MapType(LongType(), LongType(), False), False).toNullable()
        ArrayType(MapType(LongType(), LongType(), True), True)
        """
        return ArrayType(self.elementType._as_nullable(), True)

    _as_nullable = toNullable

    def jsonValue(self):
        """``{"type": "array", "elementType": ..., "containsNull": ...}``."""
        return dict(
            type=self.typeName(),
            elementType=self.elementType.jsonValue(),
            containsNull=self.containsNull,
        )

    @classmethod
    def fromJson(cls, json, fieldPath="", collationsMap=None):
        """Rebuild an array type from its :meth:`jsonValue` form.

        Mirrors ``ArrayType.fromJson``; ``fieldPath`` and ``collationsMap`` carry the
        string collations recorded in the enclosing field's metadata.

        Raises
        ------
        KeyError
            When ``elementType`` or ``containsNull`` is absent.
        """
        element = _parse_datatype_json_value(
            json["elementType"], fieldPath + ".element", collationsMap
        )
        return ArrayType(element, json["containsNull"])

    def toInternal(self, obj):
        """Convert the elements when the element type needs it (None stays None)."""
        if not obj or not self.needConversion():
            return obj
        convert = self.elementType.toInternal
        return [convert(item) for item in obj]

    def fromInternal(self, obj):
        """Convert the elements back when the element type needs it."""
        if not obj or not self.needConversion():
            return obj
        convert = self.elementType.fromInternal
        return [convert(item) for item in obj]


class MapType(DataType):
    """A dictionary from keys of one type to values of another (PySpark: ``MapType``).

    Parameters
    ----------
    keyType : DataType
        The type of the keys; a key is never None.
    valueType : DataType
        The type of the values.
    valueContainsNull : bool, default True
        Whether a value may be None.

    Raises
    ------
    AssertionError
        When ``keyType`` or ``valueType`` is not a :class:`DataType`.

    Examples
    --------
    >>> MapType(LongType(), ArrayType(StringType()), False)
    MapType(LongType(), ArrayType(StringType(), True), False)
    >>> MapType(DateType(), DoubleType()).simpleString()
    'map<date,double>'
    """

    def __init__(self, keyType, valueType, valueContainsNull=True):
        _check_datatype_arg("keyType", keyType)
        _check_datatype_arg("valueType", valueType)
        self.keyType, self.valueType = keyType, valueType
        self.valueContainsNull = valueContainsNull

    def _children(self):
        return (self.keyType, self.valueType)

    def simpleString(self):
        """``"map<key type,value type>"``."""
        return f"map<{self.keyType.simpleString()},{self.valueType.simpleString()}>"

    def __repr__(self):
        return f"MapType({self.keyType}, {self.valueType}, {self.valueContainsNull})"

    def toNullable(self):
        """A copy in which the values, and anything nested in keys or values, may be None.

        Mirrors ``MapType.toNullable`` (PySpark 4.0+).

        Examples
        --------
        >>> MapType(StringType(), ArrayType(LongType(), False), False).toNullable()
        MapType(StringType(), ArrayType(LongType(), True), True)
        """
        return MapType(self.keyType._as_nullable(), self.valueType._as_nullable(), True)

    _as_nullable = toNullable

    def jsonValue(self):
        """``{"type": "map", "keyType": ..., "valueType": ..., "valueContainsNull": ...}``."""
        return dict(
            type=self.typeName(),
            keyType=self.keyType.jsonValue(),
            valueType=self.valueType.jsonValue(),
            valueContainsNull=self.valueContainsNull,
        )

    @classmethod
    def fromJson(cls, json, fieldPath="", collationsMap=None):
        """Rebuild a map type from its :meth:`jsonValue` form.

        Mirrors ``MapType.fromJson`` (see :meth:`ArrayType.fromJson` for the collation
        arguments).

        Raises
        ------
        KeyError
            When one of the three keys is absent.
        """
        key = _parse_datatype_json_value(json["keyType"], fieldPath + ".key", collationsMap)
        value = _parse_datatype_json_value(json["valueType"], fieldPath + ".value", collationsMap)
        return MapType(key, value, json["valueContainsNull"])

    def toInternal(self, obj):
        """Convert keys and values when their types need it (None stays None)."""
        if not obj or not self.needConversion():
            return obj
        key_in, value_in = self.keyType.toInternal, self.valueType.toInternal
        return {key_in(k): value_in(v) for k, v in obj.items()}

    def fromInternal(self, obj):
        """Convert keys and values back when their types need it."""
        if not obj or not self.needConversion():
            return obj
        key_out, value_out = self.keyType.fromInternal, self.valueType.fromInternal
        return {key_out(k): value_out(v) for k, v in obj.items()}


# Metadata key under which a field's JSON records the collations of the strings in it.
_COLLATIONS_METADATA_KEY = "__COLLATIONS"


class StructField(DataType):
    """One named, typed column of a :class:`StructType` (PySpark: ``StructField``).

    Parameters
    ----------
    name : str
        The column name.
    dataType : DataType
        The column type.
    nullable : bool, default True
        Whether the value may be None.
    metadata : dict or None
        Free-form JSON-compatible annotations (a DDL ``COMMENT`` lands here);
        None stands for ``{}``.

    Raises
    ------
    AssertionError
        When ``dataType`` is not a :class:`DataType`, then when ``name`` is not a string.

    Examples
    --------
    >>> StructField("id", LongType(), False)
    StructField('id', LongType(), False)
    >>> StructField("tags", ArrayType(StringType())).simpleString()
    'tags:array<string>'
    """

    def __init__(self, name, dataType, nullable=True, metadata=None):
        _check_datatype_arg("dataType", dataType)
        assert isinstance(name, str), "field name %s should be a string" % (name,)
        self.name, self.dataType = name, dataType
        self.nullable = nullable
        self.metadata = metadata if metadata else {}

    def _children(self):
        return (self.dataType,)

    def simpleString(self):
        """``"name:type"``."""
        return f"{self.name}:{self.dataType.simpleString()}"

    def __repr__(self):
        return f"StructField('{self.name}', {self.dataType}, {self.nullable})"

    def _collations(self):
        # Path ("col", "col.element", "col.key", ...) -> "provider.NAME" for every string
        # with a non-default collation inside this field's type, outside nested structs
        # (whose own fields record theirs).
        found = {}

        def walk(dt, path):
            if isinstance(dt, StringType):
                if not dt.isUTF8BinaryCollation():
                    found[path] = f"{dt.collationProvider(dt.collation)}.{dt.collation}"
            elif isinstance(dt, ArrayType):
                walk(dt.elementType, path + ".element")
            elif isinstance(dt, MapType):
                walk(dt.keyType, path + ".key")
                walk(dt.valueType, path + ".value")

        walk(self.dataType, self.name)
        return found

    def jsonValue(self):
        """``{"name": ..., "type": ..., "nullable": ..., "metadata": ...}``.

        Strings with a collation other than the default are listed, as PySpark does,
        in ``metadata["__COLLATIONS"]`` (path to ``"provider.NAME"``).
        """
        metadata = self.metadata
        collations = self._collations()
        if collations:
            metadata = {**metadata, _COLLATIONS_METADATA_KEY: collations}
        return dict(
            name=self.name, type=self.dataType.jsonValue(), nullable=self.nullable, metadata=metadata
        )

    @classmethod
    def fromJson(cls, json):
        """Rebuild a field from its :meth:`jsonValue` form.

        Mirrors ``StructField.fromJson``.  ``nullable`` may be absent (True) and so may
        ``metadata`` (``{}``); collations listed under ``metadata["__COLLATIONS"]`` are
        put back on the string types and the entry is dropped from the metadata.

        Raises
        ------
        KeyError
            When ``name`` or ``type`` is absent.
        """
        metadata = json.get("metadata")
        collations = {}
        if metadata and _COLLATIONS_METADATA_KEY in metadata:
            recorded = metadata[_COLLATIONS_METADATA_KEY]
            collations = {path: spec.rpartition(".")[2] for path, spec in recorded.items()}
            metadata = {k: v for k, v in metadata.items() if k != _COLLATIONS_METADATA_KEY}
        name = json["name"]
        data_type = _parse_datatype_json_value(json["type"], name, collations)
        return StructField(name, data_type, json.get("nullable", True), metadata)

    def toInternal(self, obj):
        """Convert a value as the field's type does."""
        return self.dataType.toInternal(obj)

    def fromInternal(self, obj):
        """Convert an internal value back as the field's type does."""
        return self.dataType.fromInternal(obj)

    def typeName(self):
        """Not available on a field: always raises.

        Raises
        ------
        PySparkTypeError
            ``INVALID_TYPENAME_CALL``.
        """
        raise _error("PySparkTypeError", "INVALID_TYPENAME_CALL", {})


def _type_from_name(text):
    # StructType.add's string types: a JSON type name first (as PySpark accepts), then,
    # as an Ember extension, DDL; when both fail, the JSON parser's error is raised.
    try:
        return _parse_datatype_json_value(text)
    except ValueError as not_a_json_name:
        try:
            return _parse_datatype_string(text)
        except Exception:
            raise not_a_json_name


class StructType(DataType):
    """An ordered list of :class:`StructField`: the type of a row (PySpark: ``StructType``).

    Iterating yields the fields; ``schema["name"]``, ``schema[0]`` and ``schema[1:]``
    select fields; ``names`` holds the field names.

    Parameters
    ----------
    fields : list of :class:`StructField`, optional
        The fields; the list itself is kept (PySpark does the same), not a copy.

    Raises
    ------
    AssertionError
        When an element of ``fields`` is not a :class:`StructField`.

    Examples
    --------
    >>> people = StructType([StructField("id", LongType(), False), StructField("tag", StringType())])
    >>> people.simpleString(), people.names
    ('struct<id:bigint,tag:string>', ['id', 'tag'])
    >>> people[1]
    StructField('tag', StringType(), True)
    """

    def __init__(self, fields=None):
        if fields:
            self.names = [field.name for field in fields]
            all_fields = all(isinstance(field, StructField) for field in fields)
            assert all_fields, "fields should be a list of StructField"
            self.fields = fields
        else:
            self.fields, self.names = [], []
        self._note_conversions()

    def _note_conversions(self):
        # Which fields convert their values, worked out once for toInternal/fromInternal.
        self._converting = [field.needConversion() for field in self.fields]
        self._anyConverting = any(self._converting)

    def _children(self):
        return tuple(field.dataType for field in self.fields)

    def add(self, field, data_type=None, nullable=True, metadata=None):
        """Append a field, in place, and return this struct so calls can be chained.

        Mirrors ``StructType.add``.

        Parameters
        ----------
        field : str or StructField
            A ready field, or the name of the field to make from the other arguments.
        data_type : :class:`DataType` or str, optional
            The new field's type.  A string is read as a JSON type name (``"long"``,
            ``"decimal(8,2)"``) or, an Ember extension, as DDL (``"array<bigint>"``).
        nullable : bool, default True
        metadata : dict or None
            None stands for ``{}``.

        Returns
        -------
        :class:`StructType`
            This struct.

        Raises
        ------
        PySparkValueError
            ``ARGUMENT_REQUIRED`` for a name without a type; ``CANNOT_PARSE_DATATYPE``
            for a type string that is neither a JSON name nor DDL.

        Examples
        --------
        >>> StructType().add("id", "long", False).add(StructField("ok", BooleanType()))
        StructType([StructField('id', LongType(), False), StructField('ok', BooleanType(), True)])
        """
        if not isinstance(field, StructField):
            if data_type is None and isinstance(field, str):
                raise _error(
                    "PySparkValueError",
                    "ARGUMENT_REQUIRED",
                    {
                        "arg_name": "data_type",
                        "condition": "passing name of struct_field to create",
                    },
                )
            if isinstance(data_type, str):
                data_type = _type_from_name(data_type)
            field = StructField(field, data_type, nullable, metadata)
        self.fields.append(field)
        self.names.append(field.name)
        self._note_conversions()
        return self

    def __iter__(self):
        """The fields, in order."""
        return iter(self.fields)

    def __len__(self):
        """How many fields there are."""
        return len(self.fields)

    def __getitem__(self, key):
        """A field by name or position; a new :class:`StructType` for a slice.

        Raises
        ------
        PySparkKeyError
            ``KEY_NOT_EXISTS`` when no field has the name.
        PySparkIndexError
            ``INDEX_OUT_OF_RANGE`` for a position past either end.
        PySparkTypeError
            ``NOT_EXPECTED_TYPE`` for a key of another type.
        """
        if isinstance(key, str):
            match = next((field for field in self if field.name == key), None)
            if match is None:
                raise _error("PySparkKeyError", "KEY_NOT_EXISTS", {"key": str(key)})
            return match
        if isinstance(key, int):
            if -len(self.fields) <= key < len(self.fields):
                return self.fields[key]
            raise _error(
                "PySparkIndexError",
                "INDEX_OUT_OF_RANGE",
                {"arg_name": "StructType", "index": str(key)},
            )
        if isinstance(key, slice):
            return StructType(self.fields[key])
        raise _error(
            "PySparkTypeError",
            "NOT_EXPECTED_TYPE",
            {
                "expected_type": "int, slice or str",
                "arg_name": "key",
                "arg_type": type(key).__name__,
            },
        )

    def simpleString(self):
        """``"struct<name:type,...>"``."""
        return "struct<%s>" % ",".join(field.simpleString() for field in self.fields)

    def __repr__(self):
        return "StructType([%s])" % ", ".join(map(repr, self.fields))

    def toNullable(self):
        """A copy in which every field, and anything nested, may be None; metadata is kept.

        Mirrors ``StructType.toNullable`` (PySpark 4.0+).

        Examples
        --------
        >>> StructType([StructField("id", ArrayType(LongType(), False), False)]).toNullable()
        StructType([StructField('id', ArrayType(LongType(), True), True)])
        """
        return StructType(
            [StructField(f.name, f.dataType._as_nullable(), True, f.metadata) for f in self.fields]
        )

    _as_nullable = toNullable

    def jsonValue(self):
        """``{"type": "struct", "fields": [<each field's jsonValue()>]}``."""
        return dict(type=self.typeName(), fields=[field.jsonValue() for field in self.fields])

    @classmethod
    def fromJson(cls, json):
        """Rebuild a struct from Spark's JSON schema (already decoded).

        Mirrors ``StructType.fromJson``.

        Parameters
        ----------
        json : dict
            ``{"fields": [{"name": ..., "type": ..., "nullable": ..., "metadata": ...}]}``
            (the ``"type": "struct"`` entry is not looked at).

        Returns
        -------
        :class:`StructType`

        Raises
        ------
        KeyError
            When ``fields``, or a field's ``name`` or ``type``, is absent.
        PySparkValueError
            ``CANNOT_PARSE_DATATYPE`` or ``UNSUPPORTED_DATA_TYPE`` for an unknown type.

        Examples
        --------
        >>> StructType.fromJson({"fields": [{"name": "n", "type": "short"}]})
        StructType([StructField('n', ShortType(), True)])
        """
        return StructType(list(map(StructField.fromJson, json["fields"])))

    def fieldNames(self):
        """The field names, as a new list.

        Mirrors ``StructType.fieldNames``.

        Examples
        --------
        >>> StructType([StructField("x", LongType()), StructField("y", LongType())]).fieldNames()
        ['x', 'y']
        """
        return self.names[:]

    def needConversion(self):
        """True: rows, dicts and objects all become tuples."""
        return True

    def toInternal(self, obj):
        """A tuple of internal values from a Row, tuple, list, dict or plain object.

        Tuples and lists are read by position, dicts and objects by field name.

        Raises
        ------
        PySparkValueError
            ``UNEXPECTED_TUPLE_WITH_STRUCT`` for any other value.
        """
        if obj is None:
            return None
        if isinstance(obj, dict):
            values = [obj.get(name) for name in self.names]
        elif isinstance(obj, (tuple, list)):
            values = obj
        elif hasattr(obj, "__dict__"):
            attributes = obj.__dict__
            values = [attributes.get(name) for name in self.names]
        else:
            raise _error("PySparkValueError", "UNEXPECTED_TUPLE_WITH_STRUCT", {"tuple": str(obj)})
        if not self._anyConverting:
            return tuple(values)
        return tuple(
            field.toInternal(value) if converts else value
            for field, value, converts in zip(self.fields, values, self._converting)
        )

    def fromInternal(self, obj):
        """A :class:`Row` named after the fields, from a tuple of internal values.

        A :class:`Row` is returned as it is.
        """
        if obj is None or isinstance(obj, Row):
            return obj
        if self._anyConverting:
            obj = [
                field.fromInternal(value) if converts else value
                for field, value, converts in zip(self.fields, obj, self._converting)
            ]
        return _create_row(self.names, obj)


# ---------------------------------------------------------------------------------------------
# JSON schema parsing
# ---------------------------------------------------------------------------------------------

# Type names of the JSON format that stand for a class built without arguments.
_JSON_NAMED_TYPES = {
    cls.typeName(): cls
    for cls in (
        NullType,
        StringType,
        BinaryType,
        BooleanType,
        DateType,
        TimestampType,
        TimestampNTZType,
        DecimalType,
        DoubleType,
        FloatType,
        ByteType,
        ShortType,
        IntegerType,
        LongType,
        CalendarIntervalType,
        VariantType,
    )
}


def _interval_reader(cls):
    # "interval UNIT" or "interval UNIT to UNIT" for one of the two ANSI interval types.
    units = "|".join(cls._fields.values())
    pattern = r"interval (%s)(?: to (%s))?" % (units, units)

    def build(found):
        first, last = found.group(1, 2)
        number = cls._inverted_fields
        return cls(number[first], number[last] if last else None)

    return pattern, build


# Parameterised type strings of the JSON format, each read from its start (re.match); the
# patterns are compiled on first use (re's cache), not when the module loads.
_JSON_PATTERN_TYPES = [
    (
        r"decimal\(\s*(\d+)\s*,\s*(-?\d+)\s*\)",
        lambda found: DecimalType(int(found.group(1)), int(found.group(2))),
    ),
    (r"time\(\s*(\d+)\s*\)", lambda found: TimeType(int(found.group(1)))),
    _interval_reader(DayTimeIntervalType),
    _interval_reader(YearMonthIntervalType),
    (r"string\s+collate\s+(\w+)", lambda found: StringType(found.group(1))),
    (r"char\(\s*(\d+)\s*\)", lambda found: CharType(int(found.group(1)))),
    (r"varchar\(\s*(\d+)\s*\)", lambda found: VarcharType(int(found.group(1)))),
]


def _parse_datatype_json_string(json_string):
    """Read a type from Spark's JSON schema text.

    Mirrors ``pyspark.sql.types._parse_datatype_json_string``; this is how a schema
    coming from the engine becomes a :class:`StructType`.

    Parameters
    ----------
    json_string : str
        JSON text: a quoted type name (``'"long"'``) or an object
        (``'{"type":"array",...}'``).

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    json.JSONDecodeError
        For text that is not JSON.
    PySparkValueError
        ``CANNOT_PARSE_DATATYPE`` / ``UNSUPPORTED_DATA_TYPE`` for a type Spark does not have.

    Examples
    --------
    >>> _parse_datatype_json_string('{"type":"array","elementType":"date","containsNull":false}')
    ArrayType(DateType(), False)
    """
    return _parse_datatype_json_value(json.loads(json_string))


def _parse_datatype_json_value(json_value, fieldPath="", collationsMap=None):
    """Read a type from Spark's JSON schema format, already decoded.

    Mirrors ``pyspark.sql.types._parse_datatype_json_value``.

    Strings name types: ``"long"``, ``"string"``, ``"void"``, ... (any class's
    :meth:`~DataType.typeName`; ``"null"`` too, as an Ember extension), and the
    parameterised ``"decimal(p,s)"``, ``"char(n)"``, ``"varchar(n)"``, ``"time(p)"``,
    ``"string collate NAME"``, ``"interval day to second"`` and the like.  Dicts hold an
    ``array``, ``map`` or ``struct`` (see each class's ``fromJson``).

    Parameters
    ----------
    json_value : str or dict
    fieldPath : str, optional
        Where this type sits inside its field (``"col.element"``, ...), to look up in
        ``collationsMap``.
    collationsMap : dict, optional
        Path to collation name, from the field's ``__COLLATIONS`` metadata.

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    PySparkValueError
        ``CANNOT_PARSE_DATATYPE`` for an unknown type string, ``UNSUPPORTED_DATA_TYPE``
        for a dict of an unknown ``type``.
    PySparkTypeError
        ``INVALID_JSON_DATA_TYPE_FOR_COLLATIONS`` when a collation is recorded for a
        path whose type is not a string.
    KeyError
        For a dict without ``type``.

    Examples
    --------
    >>> _parse_datatype_json_value("decimal(12,4)"), _parse_datatype_json_value("short")
    (DecimalType(12,4), ShortType())
    >>> _parse_datatype_json_value({"type": "struct", "fields": []})
    StructType([])
    """
    collation = None if collationsMap is None else collationsMap.get(fieldPath)
    has_collation = collationsMap is not None and fieldPath in collationsMap
    if isinstance(json_value, dict):
        kind = json_value["type"]
        if kind not in ("array", "map", "struct"):
            raise _error("PySparkValueError", "UNSUPPORTED_DATA_TYPE", {"data_type": str(kind)})
        if has_collation:
            raise _error(
                "PySparkTypeError", "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS", {"jsonType": str(kind)}
            )
        if kind == "struct":
            return StructType.fromJson(json_value)
        container = ArrayType if kind == "array" else MapType
        return container.fromJson(json_value, fieldPath, collationsMap)
    named = _JSON_NAMED_TYPES.get(json_value)
    if named is not None:
        if not has_collation:
            return named()
        if named is not StringType:
            raise _error(
                "PySparkTypeError",
                "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS",
                {"jsonType": str(json_value)},
            )
        return StringType(collation)
    if json_value == "null":
        return NullType()
    if isinstance(json_value, str):
        for pattern, build in _JSON_PATTERN_TYPES:
            found = re.match(pattern, json_value)
            if found:
                return build(found)
    raise _error("PySparkValueError", "CANNOT_PARSE_DATATYPE", {"msg": str(json_value)})


def _drop_metadata(d):
    """A copy of a type or field with the metadata of every field, at any depth, removed.

    Mirrors ``pyspark.sql.types._drop_metadata``.

    Examples
    --------
    >>> _drop_metadata(StructField("n", LongType(), False, {"comment": "count"})).metadata
    {}
    """
    strip = _drop_metadata
    if isinstance(d, StructType):
        return StructType([strip(field) for field in d.fields])
    if isinstance(d, StructField):
        return StructField(d.name, strip(d.dataType), d.nullable)
    if isinstance(d, MapType):
        key, value = strip(d.keyType), strip(d.valueType)
        return MapType(key, value, d.valueContainsNull)
    if isinstance(d, ArrayType):
        return ArrayType(strip(d.elementType), d.containsNull)
    return d


# ---------------------------------------------------------------------------------------------
# DDL parsing
# ---------------------------------------------------------------------------------------------

def _parse_datatype_string(s):
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

    The text is read by Ember's one DDL parser, in the Rust Spark layer
    (``src/spark/ddl.rs``), which the engine also uses for ``cast`` and UDF return types;
    it answers Spark's JSON type form, read here by :func:`_parse_datatype_json_string`.

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
    from pyspark import _native

    return _parse_datatype_json_string(_native.parse_ddl(s))




# ---------------------------------------------------------------------------------------------
# Type inference from Python values
# ---------------------------------------------------------------------------------------------

# Python class -> the Spark type its values are inferred as.  The exact class is looked
# up, so subclasses (IntEnum, a str subclass, ...) are not found here.
_type_mappings = {}
for _spark_type, _python_types in (
    (NullType, (type(None),)),
    (BooleanType, (bool,)),
    (LongType, (int,)),
    (DoubleType, (float,)),
    (StringType, (str,)),
    (BinaryType, (bytes, bytearray)),
    (DecimalType, (decimal.Decimal,)),
    (DateType, (datetime.date,)),
    (TimestampType, (datetime.datetime,)),
    (TimeType, (datetime.time,)),
    (DayTimeIntervalType, (datetime.timedelta,)),
):
    _type_mappings.update(dict.fromkeys(_python_types, _spark_type))


def _int_size_to_type(size):
    """The smallest integral type with at least ``size`` bits, or None past 64 bits."""
    for bits, integral in ((8, ByteType), (16, ShortType), (32, IntegerType), (64, LongType)):
        if size <= bits:
            return integral
    return None


# ``array.array`` typecode -> element type.  The integer codes follow the C sizes of this
# platform; an unsigned code needs one bit more than its size, Spark having only signed
# integers, so a 64-bit unsigned code has no type.
_array_type_mappings = {"f": FloatType, "d": DoubleType, "u": StringType}
for _typecode in "bhilBHIL":
    _bits = array(_typecode).itemsize * 8 + (1 if _typecode.isupper() else 0)
    _element = _int_size_to_type(_bits)
    if _element is not None:
        _array_type_mappings[_typecode] = _element
del _spark_type, _python_types, _typecode, _bits, _element


# The switches the inference functions share (Spark SQL settings in PySpark):
# - infer_dict_as_struct: dicts become structs (a field per key, in the dict's order)
#   instead of maps;
# - infer_array_from_first_element: a list's type comes from its first element only;
# - infer_map_from_first_pair: a dict's map type comes from its first pair with neither
#   key nor value None;
# - prefer_timestamp_ntz: naive datetimes are TimestampNTZType, not TimestampType.
_InferenceOptions = namedtuple(
    "_InferenceOptions",
    "infer_dict_as_struct infer_array_from_first_element infer_map_from_first_pair "
    "prefer_timestamp_ntz",
    defaults=(False, False, False, False),
)


def _infer_type(
    obj,
    infer_dict_as_struct=False,
    infer_array_from_first_element=False,
    infer_map_from_first_pair=False,
    prefer_timestamp_ntz=False,
):
    """The :class:`DataType` of one Python value, as ``createDataFrame`` infers it.

    Mirrors ``pyspark.sql.types._infer_type``.

    ========================================  ==========================================
    Python value                              Spark type
    ========================================  ==========================================
    None                                      :class:`NullType`
    bool / int / float / str                  Boolean / Long / Double / :class:`StringType`
    bytes, bytearray                          :class:`BinaryType`
    decimal.Decimal                           ``DecimalType(38, 18)``, whatever its digits
    datetime.datetime                         :class:`TimestampType` (NTZ if preferred
                                              and the value is naive)
    datetime.date / time / timedelta          Date / ``TimeType(6)`` / DayTimeInterval
    list                                      ``ArrayType(<merged element types>, True)``
    array.array                               ``ArrayType(<typecode's type>, False)``
    dict                                      ``MapType(<merged keys>, <merged values>,
                                              True)``, or a struct (see the options)
    Row, namedtuple, tuple, object            :class:`StructType`, by :func:`_infer_schema`
    ========================================  ==========================================

    Parameters
    ----------
    obj : Any
    infer_dict_as_struct, infer_array_from_first_element : bool, optional
    infer_map_from_first_pair, prefer_timestamp_ntz : bool, optional
        Inference switches, all off by default (see ``_InferenceOptions``).  Unlike
        PySpark, Ember applies them at every depth.

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE`` for a value of another kind; ``CANNOT_MERGE_TYPE``
        when list elements, dict keys or dict values have types that do not merge.

    Examples
    --------
    >>> _infer_type([None, 3])
    ArrayType(LongType(), True)
    >>> _infer_type({"when": datetime.date(2024, 2, 29)})
    MapType(StringType(), DateType(), True)
    """
    options = _InferenceOptions(
        infer_dict_as_struct, infer_array_from_first_element,
        infer_map_from_first_pair, prefer_timestamp_ntz,
    )
    return _infer_value(obj, options)


def _infer_value(obj, options):
    if obj is None:
        return NullType()
    if hasattr(obj, "__UDT__"):
        return obj.__UDT__
    simple = _type_mappings.get(type(obj))
    if simple is DecimalType:
        # One type for every Decimal, whatever its own digits: rows then merge.
        return DecimalType(38, 18)
    if simple is TimestampType:
        naive = obj.tzinfo is None
        return TimestampNTZType() if options.prefer_timestamp_ntz and naive else TimestampType()
    if simple is not None:
        return simple()
    if isinstance(obj, dict):
        return _infer_dict(obj, options)
    if isinstance(obj, list):
        if not obj:
            return ArrayType(NullType(), True)
        if options.infer_array_from_first_element:
            return ArrayType(_infer_value(obj[0], options), True)
        return ArrayType(reduce(_merge_type, (_infer_value(v, options) for v in obj)), True)
    if isinstance(obj, array):
        element = _array_type_mappings.get(obj.typecode)
        if element is None:
            raise _error(
                "PySparkTypeError",
                "UNSUPPORTED_DATA_TYPE",
                {"data_type": "array(%s)" % obj.typecode},
            )
        return ArrayType(element(), False)
    try:
        return _infer_row(obj, None, options)
    except TypeError:
        raise _error(
            "PySparkTypeError", "UNSUPPORTED_DATA_TYPE", {"data_type": type(obj).__name__}
        ) from None


def _infer_dict(obj, options):
    if options.infer_dict_as_struct or options.infer_map_from_first_pair:
        complete = [(k, v) for k, v in obj.items() if k is not None and v is not None]
        if options.infer_dict_as_struct:
            return StructType(
                [StructField(k, _infer_value(v, options), True) for k, v in complete]
            )
        if not complete:
            return MapType(NullType(), NullType(), True)
        first_key, first_value = complete[0]
        return MapType(_infer_value(first_key, options), _infer_value(first_value, options), True)
    keys = NullType()
    values = NullType()
    for k, v in obj.items():
        if k is not None:
            keys = _merge_type(keys, _infer_value(k, options))
        if v is not None:
            values = _merge_type(values, _infer_value(v, options))
    return MapType(keys, values, True)


def _row_items(row, names):
    # (column name, value) pairs of one row, in the column order of its inferred struct.
    by_name = operator.itemgetter(0)
    if isinstance(row, dict):
        return sorted(row.items(), key=by_name)
    if isinstance(row, (tuple, list)):
        if isinstance(row, Row):
            labels = row.__dict__.get("__fields__")
        else:
            labels = getattr(row, "__fields__", None)
        if labels is None:
            labels = getattr(row, "_fields", None)  # a namedtuple
        if labels is not None:
            return list(zip(labels, tuple(row)))
        columns = [] if names is None else list(names)
        columns += ["_%d" % n for n in range(len(columns) + 1, len(row) + 1)]
        return list(zip(columns, row))
    if hasattr(row, "__dict__"):
        return sorted(row.__dict__.items(), key=by_name)
    raise _error(
        "PySparkTypeError", "CANNOT_INFER_SCHEMA_FOR_TYPE", {"data_type": type(row).__name__}
    )


def _infer_row(row, names, options):
    fields = []
    for name, value in _row_items(row, names):
        try:
            field_type = _infer_value(value, options)
        except TypeError:
            raise _error(
                "PySparkTypeError", "CANNOT_INFER_TYPE_FOR_FIELD", {"field_name": str(name)}
            ) from None
        fields.append(StructField(name, field_type, True))
    return StructType(fields)


def _infer_schema(
    row,
    names=None,
    infer_dict_as_struct=False,
    infer_array_from_first_element=False,
    infer_map_from_first_pair=False,
    prefer_timestamp_ntz=False,
):
    """The :class:`StructType` of one row.

    Mirrors ``pyspark.sql.types._infer_schema``.  The columns come from:

    * a ``dict``: its keys, **sorted**;
    * a :class:`Row` with names, or a namedtuple: its names, in order;
    * another ``tuple`` or ``list``: ``names``, then ``_<position>`` for the columns
      past them (``_1``, ``_2``, ... without ``names``); extra names are ignored;
    * any other object with a ``__dict__``: its attributes, sorted.

    Every column is nullable.

    Parameters
    ----------
    row : dict, Row, namedtuple, tuple, list or object
    names : list of str, optional
        Column names for plain tuples and lists; the list is not modified.
    infer_dict_as_struct, infer_array_from_first_element : bool, optional
    infer_map_from_first_pair, prefer_timestamp_ntz : bool, optional
        As for :func:`_infer_type`.

    Returns
    -------
    :class:`StructType`

    Raises
    ------
    PySparkTypeError
        ``CANNOT_INFER_SCHEMA_FOR_TYPE`` for a row of another kind;
        ``CANNOT_INFER_TYPE_FOR_FIELD`` naming the column whose value has no type.

    Examples
    --------
    >>> _infer_schema({"score": 9.5, "name": "Ann"}).simpleString()
    'struct<name:string,score:double>'
    >>> _infer_schema([True, b"x", None], names=["flag"]).names
    ['flag', '_2', '_3']
    """
    options = _InferenceOptions(
        infer_dict_as_struct, infer_array_from_first_element,
        infer_map_from_first_pair, prefer_timestamp_ntz,
    )
    return _infer_row(row, names, options)


def _contains_type(dt, wanted):
    # Whether ``wanted`` holds for ``dt`` or any type nested in it, at any depth.
    return wanted(dt) or any(_contains_type(child, wanted) for child in dt._children())


def _has_nulltype(dt):
    """Whether a :class:`NullType` appears in ``dt``, at any depth.

    Mirrors ``pyspark.sql.types._has_nulltype``.

    Examples
    --------
    >>> _has_nulltype(MapType(StringType(), ArrayType(NullType()))), _has_nulltype(DateType())
    (True, False)
    """
    return _contains_type(dt, lambda t: isinstance(t, NullType))


def _has_type(dt, dts):
    """Whether ``dt`` is, or has nested in it, an instance of the class(es) ``dts``.

    Mirrors ``pyspark.sql.types._has_type``.

    Examples
    --------
    >>> _has_type(ArrayType(StructType([StructField("t", TimestampType())])), TimestampType)
    True
    """
    return _contains_type(dt, lambda t: isinstance(t, dts))


def _merge_type(a, b, name=None):
    """One type covering two inferred types (rows' or elements').

    Mirrors ``pyspark.sql.types._merge_type``:

    * :class:`NullType` gives way to the other type;
    * :class:`TimestampType` wins over :class:`TimestampNTZType`;
    * :class:`StringType` wins over any other atomic type;
    * structs merge column by column, keeping the columns of ``a`` in order and adding
      those only ``b`` has; arrays and maps merge what they hold; the result's fields,
      elements and values are all nullable;
    * otherwise the two types must be of the same class; there is no numeric widening.

    Parameters
    ----------
    a, b : :class:`DataType`
    name : str, optional
        Accepted for PySpark's signature; it does not change the result or the error.

    Returns
    -------
    :class:`DataType`

    Raises
    ------
    PySparkTypeError
        ``CANNOT_MERGE_TYPE``, with the two class names as ``data_type1`` and
        ``data_type2``.

    Examples
    --------
    >>> _merge_type(ArrayType(NullType()), ArrayType(DoubleType(), False))
    ArrayType(DoubleType(), True)
    >>> _merge_type(BooleanType(), StringType())
    StringType()
    """
    if isinstance(a, NullType):
        return b
    if isinstance(b, NullType):
        return a
    for local, wall_clock in ((a, b), (b, a)):
        if isinstance(local, TimestampType) and isinstance(wall_clock, TimestampNTZType):
            return local
    for text, other in ((b, a), (a, b)):
        if isinstance(text, StringType) and isinstance(other, AtomicType):
            return text
    if type(a) is not type(b):
        raise _error(
            "PySparkTypeError",
            "CANNOT_MERGE_TYPE",
            {"data_type1": type(a).__name__, "data_type2": type(b).__name__},
        )
    if isinstance(a, StructType):
        later = {field.name: field.dataType for field in b.fields}
        merged = [
            StructField(f.name, _merge_type(f.dataType, later.get(f.name, NullType())))
            for f in a.fields
        ]
        known = set(a.names)
        merged += [StructField(n, t) for n, t in later.items() if n not in known]
        return StructType(merged)
    if isinstance(a, ArrayType):
        return ArrayType(_merge_type(a.elementType, b.elementType), True)
    if isinstance(a, MapType):
        key = _merge_type(a.keyType, b.keyType)
        value = _merge_type(a.valueType, b.valueType)
        return MapType(key, value, True)
    return a


def _infer_schema_from_data(
    data,
    names=None,
    infer_dict_as_struct=False,
    infer_array_from_first_element=False,
    infer_map_from_first_pair=False,
    prefer_timestamp_ntz=False,
):
    """The schema ``SparkSession.createDataFrame`` infers for local rows.

    Mirrors ``SparkSession._inferSchemaFromList``: each row is inferred as by
    :func:`_infer_schema`, the results are merged with :func:`_merge_type`, a column
    whose type is still undetermined is refused, and ``names`` then rename the columns
    by position (dict and Row columns too).  Rows are dicts, Rows, namedtuples,
    tuples, lists or objects; a bare scalar is not a row.

    Parameters
    ----------
    data : iterable
        The rows.
    names : list of str, optional
        Column names, as in ``createDataFrame(data, ["a", "b"])``.
    infer_dict_as_struct, infer_array_from_first_element : bool, optional
    infer_map_from_first_pair, prefer_timestamp_ntz : bool, optional
        As for :func:`_infer_type`.

    Returns
    -------
    :class:`StructType`
        Every column nullable.

    Raises
    ------
    PySparkValueError
        ``CANNOT_INFER_EMPTY_SCHEMA`` without rows; ``CANNOT_DETERMINE_TYPE`` when a
        column (or something inside it) is None in every row; ``AXIS_LENGTH_MISMATCH``
        for more names than columns (Spark Connect's check).
    PySparkTypeError
        ``CANNOT_MERGE_TYPE`` when rows disagree (``1`` against ``1.5``);
        ``CANNOT_INFER_SCHEMA_FOR_TYPE`` for scalar rows.

    Examples
    --------
    >>> _infer_schema_from_data([{"k": "a"}, {"k": None, "v": 2}]).simpleString()
    'struct<k:string,v:bigint>'
    >>> _infer_schema_from_data([(1, None), (2, [0.5])], ["id", "xs"]).simpleString()
    'struct<id:bigint,xs:array<double>>'
    """
    rows = data if isinstance(data, list) else list(data)
    if not rows:
        raise _error("PySparkValueError", "CANNOT_INFER_EMPTY_SCHEMA", {})
    options = _InferenceOptions(
        infer_dict_as_struct, infer_array_from_first_element,
        infer_map_from_first_pair, prefer_timestamp_ntz,
    )
    schema: StructType = reduce(
        _merge_type, (_infer_row(row, names, options) for row in rows)
    )
    if _has_nulltype(schema):
        raise _error("PySparkValueError", "CANNOT_DETERMINE_TYPE", {})
    if names is None:
        return schema
    if len(names) > len(schema.fields):
        raise _error(
            "PySparkValueError",
            "AXIS_LENGTH_MISMATCH",
            {"expected_length": str(len(names)), "actual_length": str(len(schema.fields))},
        )
    for position, name in enumerate(names):
        schema.fields[position].name = schema.names[position] = name
    return schema


# ---------------------------------------------------------------------------------------------
# Converting rows of Python objects into plain tuples
# ---------------------------------------------------------------------------------------------


def _need_converter(dataType):
    """Whether :func:`_create_converter` has work to do for ``dataType``: a struct or a
    :class:`NullType` appears in it."""
    return _contains_type(dataType, lambda t: isinstance(t, (StructType, NullType)))


def _identity(value):
    return value


def _create_converter(dataType):
    """A function turning values of ``dataType`` into plain data: structs as tuples.

    Mirrors ``pyspark.sql.types._create_converter``, which ``createDataFrame`` applies
    to local rows.  A struct value may be a tuple or list (kept in its order), a dict or
    an object (read by field name); :class:`NullType` values become None; arrays and
    maps are converted item by item, and None stays None.

    Raises
    ------
    PySparkTypeError
        ``UNSUPPORTED_DATA_TYPE``, when a struct value of another kind is converted.

    Examples
    --------
    >>> point = StructType([StructField("x", LongType()), StructField("y", LongType())])
    >>> to_tuple = _create_converter(ArrayType(point))
    >>> to_tuple([{"y": 2, "x": 1}, Row(x=3, y=4)])
    [(1, 2), (3, 4)]
    """
    if not _need_converter(dataType):
        return _identity
    if isinstance(dataType, NullType):
        return lambda value: None
    if isinstance(dataType, ArrayType):
        convert_element = _create_converter(dataType.elementType)
        return lambda value: None if value is None else [convert_element(v) for v in value]
    if isinstance(dataType, MapType):
        convert_key = _create_converter(dataType.keyType)
        convert_value = _create_converter(dataType.valueType)
        return lambda value: (
            None if value is None else {convert_key(k): convert_value(v) for k, v in value.items()}
        )
    if not isinstance(dataType, StructType):
        return _identity
    names = dataType.names
    per_field = [_create_converter(field.dataType) for field in dataType.fields]
    nested = any(converter is not _identity for converter in per_field)

    def struct_to_tuple(value):
        if value is None:
            return None
        if isinstance(value, (tuple, list)):
            if not nested:
                return tuple(value)
            return tuple(convert(v) for convert, v in zip(per_field, value))
        if isinstance(value, dict):
            lookup = value
        elif hasattr(value, "__dict__"):
            lookup = value.__dict__
        else:
            raise _error(
                "PySparkTypeError", "UNSUPPORTED_DATA_TYPE", {"data_type": type(value).__name__}
            )
        return tuple(convert(lookup.get(name)) for convert, name in zip(per_field, names))

    return struct_to_tuple


# ---------------------------------------------------------------------------------------------
# Row
# ---------------------------------------------------------------------------------------------


def _create_row_inbound_converter(dataType):
    """A function of the internal values, positionally, returning ``dataType``'s Python
    value (PySpark uses it when unpickling rows)."""

    def from_values(*values):
        return dataType.fromInternal(values)

    return from_values


def _create_row(fields, values):
    """A :class:`Row` of ``values`` named by ``fields``, made without checks.

    Mirrors ``pyspark.sql.types._create_row`` (the unpickling hook of named rows).  The
    ``fields`` object itself is kept, so rows from one schema share one list.

    Parameters
    ----------
    fields : list of str, or a Row used as a factory
    values : iterable

    Returns
    -------
    :class:`Row`

    Examples
    --------
    >>> _create_row(["city", "zip"], ["Oslo", "0150"])
    Row(city='Oslo', zip='0150')
    """
    row = tuple.__new__(Row, values)
    row.__dict__["__fields__"] = fields
    return row


def _row_labels(row):
    # The field names of a row; None for a row made from positional values only.
    return row.__dict__.get("__fields__")


def _plain(value):
    # asDict(recursive=True): Rows inside lists and dict values become dicts as well.
    if isinstance(value, Row):
        return value.asDict(True)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


class Row(tuple):
    """A DataFrame row: a tuple whose values can also be read by field name.

    Mirrors ``pyspark.sql.types.Row``.

    * ``Row(city="Oslo", zip="0150")`` has the fields ``city`` and ``zip``, in that order.
    * ``Row("city", "zip")`` holds plain values; used as a *factory*, calling it with
      values, ``Place("Oslo", "0150")``, makes rows with those field names.

    A field is read as an attribute, ``row.city``, or by key, ``row["city"]``; integer
    indexes and slices work as for tuples.  ``"city" in row`` looks among the field
    names of a row that has them.  Comparison and hashing are the tuple's.

    Raises
    ------
    PySparkValueError
        ``CANNOT_SET_TOGETHER`` for positional and keyword arguments together.

    Examples
    --------
    >>> place = Row(city="Oslo", zip="0150")
    >>> place, place.city, place["zip"], "zip" in place
    (Row(city='Oslo', zip='0150'), 'Oslo', '0150', True)
    >>> Place = Row("city", "zip")
    >>> Place, Place("Bergen", "5003")
    (<Row('city', 'zip')>, Row(city='Bergen', zip='5003'))
    >>> Place("Bergen", "5003") == ("Bergen", "5003")
    True
    """

    def __new__(cls, *args, **kwargs):
        if args and kwargs:
            raise _error(
                "PySparkValueError", "CANNOT_SET_TOGETHER", {"arg_list": "args and kwargs"}
            )
        if not kwargs:
            return tuple.__new__(cls, args)
        row = tuple.__new__(cls, kwargs.values())
        row.__dict__["__fields__"] = list(kwargs)
        return row

    def asDict(self, recursive=False):
        """The row as a ``dict`` from field name to value.

        Mirrors ``Row.asDict``.

        Parameters
        ----------
        recursive : bool, default False
            Also turn nested Rows into dicts, including Rows in lists and in dict
            values.

        Returns
        -------
        dict
            When two fields share a name, the later value is kept.

        Raises
        ------
        PySparkTypeError
            ``CANNOT_CONVERT_TYPE`` for a row without field names.

        Examples
        --------
        >>> Row(city="Oslo", geo=Row(lat=59.9, lon=10.7)).asDict(recursive=True)
        {'city': 'Oslo', 'geo': {'lat': 59.9, 'lon': 10.7}}
        """
        labels = _row_labels(self)
        if labels is None:
            raise _error(
                "PySparkTypeError", "CANNOT_CONVERT_TYPE", {"from_type": "Row", "to_type": "dict"}
            )
        values = map(_plain, self) if recursive else self
        return dict(zip(labels, values))

    def __contains__(self, item):
        labels = _row_labels(self)
        return tuple.__contains__(self, item) if labels is None else item in labels

    def __call__(self, *args):
        """Make a row whose field names are this factory's values.

        Raises
        ------
        PySparkValueError
            ``TOO_MANY_VALUES`` for more values than the factory has names.
        """
        if len(args) > len(self):
            raise _error(
                "PySparkValueError",
                "TOO_MANY_VALUES",
                {"expected": str(len(self)), "item": "fields", "actual": str(len(args))},
            )
        return _create_row(self, args)

    def __getitem__(self, item):
        if isinstance(item, (int, slice)):
            return tuple.__getitem__(self, item)
        # A name: found by a linear search, fine for the few fields rows have.
        try:
            return tuple.__getitem__(self, self.__fields__.index(item))
        except IndexError:
            raise _error("PySparkKeyError", "KEY_NOT_EXISTS", {"key": str(item)}) from None
        except ValueError:
            raise _error("PySparkValueError", message=str(item)) from None

    def __getattr__(self, item):
        if item.startswith("__"):
            raise _error("PySparkAttributeError", "ATTRIBUTE_NOT_SUPPORTED", {"attr_name": item})
        try:
            return self[self.__fields__.index(item)]
        except (IndexError, ValueError):
            raise _error(
                "PySparkAttributeError", "ATTRIBUTE_NOT_SUPPORTED", {"attr_name": item}
            ) from None

    def __setattr__(self, key, value):
        if key == "__fields__":
            self.__dict__[key] = value
            return
        raise _error("PySparkRuntimeError", "READ_ONLY", {"object": "Row"})

    def __reduce__(self):
        """Pickle a named row as a call of :func:`_create_row`."""
        labels = _row_labels(self)
        if labels is None:
            return tuple.__reduce__(self)
        return (_create_row, (labels, tuple(self)))

    def __repr__(self):
        """``Row(name=value, ...)``, or ``<Row(value, ...)>`` for a row without names."""
        labels = _row_labels(self)
        if labels is None:
            return "<Row(%s)>" % ", ".join(map(repr, self))
        return "Row(%s)" % ", ".join(f"{label}={value!r}" for label, value in zip(labels, self))


class _SpatialValue:
    """A spatial value as Spark holds it: Well-Known Binary bytes and a spatial reference
    id (SRID)."""

    __slots__ = ("wkb", "srid")

    def __init__(self, wkb, srid):
        self.wkb = bytes(wkb)
        self.srid = int(srid)

    def getSrid(self):
        """The spatial reference id (int)."""
        return self.srid

    def getBytes(self):
        """The value's Well-Known Binary (bytes)."""
        return self.wkb

    @classmethod
    def fromWKB(cls, wkb, srid):
        """A value of this class from Well-Known Binary ``wkb`` (bytes) and ``srid`` (int)."""
        return cls(wkb, srid)

    def __eq__(self, other):
        if type(other) is not type(self):
            return NotImplemented
        return (self.wkb, self.srid) == (other.wkb, other.srid)

    def __hash__(self):
        return hash((type(self).__name__, self.wkb, self.srid))

    def __repr__(self):
        return "%s(%r, %d)" % (type(self).__name__, self.wkb, self.srid)

    __str__ = __repr__


class Geography(_SpatialValue):
    """A value of Spark's GEOGRAPHY type: a shape on the earth, as WKB and an SRID.

    Parameters
    ----------
    wkb : bytes
        The shape's Well-Known Binary.
    srid : int
        Its spatial reference id (4326 for WGS 84 longitude and latitude).

    Examples
    --------
    >>> point = Geography.fromWKB(bytes.fromhex("0101000000000000000000f03f0000000000000040"), 4326)
    >>> (point.getSrid(), len(point.getBytes()))
    (4326, 21)

    Mirrors PySpark's ``pyspark.sql.types.Geography``.
    """


class Geometry(_SpatialValue):
    """A value of Spark's GEOMETRY type: a planar shape, as WKB and an SRID.

    Parameters
    ----------
    wkb : bytes
        The shape's Well-Known Binary.
    srid : int
        Its spatial reference id (0 when unspecified).

    Examples
    --------
    >>> shape = Geometry.fromWKB(bytes.fromhex("0101000000000000000000f03f0000000000000040"), 0)
    >>> shape == Geometry(shape.getBytes(), 0)
    True

    Mirrors PySpark's ``pyspark.sql.types.Geometry``.
    """


# `_make_type_verifier` is pyspark.sql._type_verifier's, loaded on first use rather than with
# the types (it needs them, and a session's start does not need it).
__getattr__, __dir__ = lazy_names(globals(), {"_make_type_verifier": "pyspark.sql._type_verifier"})
