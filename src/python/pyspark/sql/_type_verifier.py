"""Checks that a Python value fits a Spark data type before it becomes a row
(``createDataFrame(..., verifySchema=True)``): the value's Python class, integral ranges,
nullability, and the shape of arrays, maps and structs, field by field.
"""

import datetime
import decimal
from array import array

from pyspark.sql import types as T

# Spark's integral ranges, inclusive.
_RANGES = {
    T.ByteType: (-(2**7), 2**7 - 1),
    T.ShortType: (-(2**15), 2**15 - 1),
    T.IntegerType: (-(2**31), 2**31 - 1),
    T.LongType: (-(2**63), 2**63 - 1),
}


def _accepted_classes(data_type):
    """The Python classes a value of ``data_type`` may be given as (exact classes, so a
    bool is not an INT), or None when any value is accepted."""
    table = (
        (T.BooleanType, (bool,)),
        (T.IntegralType, (int,)),
        (T.ByteType, (int,)),
        (T.ShortType, (int,)),
        (T.IntegerType, (int,)),
        (T.LongType, (int,)),
        (T.FloatType, (float,)),
        (T.DoubleType, (float,)),
        (T.DecimalType, (decimal.Decimal,)),
        (T.BinaryType, (bytearray, bytes)),
        (T.DateType, (datetime.date, datetime.datetime)),
        (T.TimeType, (datetime.time,)),
        (T.TimestampType, (datetime.datetime,)),
        (T.TimestampNTZType, (datetime.datetime,)),
        (T.DayTimeIntervalType, (datetime.timedelta,)),
        (T.YearMonthIntervalType, (int,)),
        (T.CalendarIntervalType, (datetime.timedelta,)),
        (T.ArrayType, (list, tuple, array)),
        (T.MapType, (dict,)),
        (T.NullType, (type(None),)),
    )
    for kind, classes in table:
        if isinstance(data_type, kind):
            return classes
    return None


def _make_type_verifier(dataType, nullable=True, name=None):
    """A function that checks one Python value against ``dataType`` and raises when it
    does not fit; it returns None when it does.

    Parameters
    ----------
    dataType : :class:`DataType`
        The type the value must fit.
    nullable : bool, default True
        Whether None is accepted.
    name : str, optional
        The field's name, quoted in the error messages.

    Returns
    -------
    callable
        ``verify(obj) -> None``.

    Raises
    ------
    PySparkValueError
        (from the returned function) ``FIELD_NOT_NULLABLE`` for None where it is not
        allowed, ``VALUE_OUT_OF_BOUNDS`` for an integer outside the type's range,
        ``FIELD_STRUCT_LENGTH_MISMATCH`` for a tuple of the wrong length.
    PySparkTypeError
        (from the returned function) ``FIELD_DATA_TYPE_UNACCEPTABLE`` for a value of a
        class the type does not take, ``FIELD_TYPE_MISMATCH`` for a user-defined type's
        value of the wrong class. With ``name``, the ``_WITH_NAME`` variants.

    Examples
    --------
    >>> from pyspark.sql.types import ArrayType, ByteType
    >>> _make_type_verifier(ArrayType(ByteType()))([1, 2])
    >>> _make_type_verifier(ByteType(), name="b")(300)
    Traceback (most recent call last):
        ...
    pyspark.errors.exceptions.base.PySparkValueError: [VALUE_OUT_OF_BOUNDS] ...

    Mirrors PySpark's ``pyspark.sql.types._make_type_verifier``.
    """
    from pyspark.errors import PySparkTypeError, PySparkValueError

    def failure(error, condition, parameters):
        if name is not None:
            return error(errorClass=condition + "_WITH_NAME", messageParameters=dict(parameters, field_name=str(name)))
        return error(errorClass=condition, messageParameters=parameters)

    def check_null(obj):
        if obj is None:
            if nullable:
                return True
            raise failure(PySparkValueError, "FIELD_NOT_NULLABLE", {})
        return False

    checks = []
    user_class = getattr(dataType, "userClass", None)
    if hasattr(dataType, "sqlType") and hasattr(dataType, "serialize"):
        inner = _make_type_verifier(dataType.sqlType(), name=name)

        def check_user_type(obj):
            wanted = user_class() if callable(user_class) and not isinstance(user_class, type) else user_class
            if wanted is not None and not isinstance(obj, wanted):
                raise failure(PySparkTypeError, "FIELD_TYPE_MISMATCH", {"obj": str(obj), "data_type": str(dataType)})
            inner(dataType.serialize(obj))

        checks.append(check_user_type)
    elif isinstance(dataType, (T.StringType, T.VariantType)):
        # A string column takes any value (it is converted to text).
        pass
    else:
        classes = _accepted_classes(dataType)
        if classes is not None:

            def check_class(obj):
                if type(obj) not in classes:
                    raise failure(
                        PySparkTypeError,
                        "FIELD_DATA_TYPE_UNACCEPTABLE",
                        {"data_type": str(dataType), "obj": repr(obj), "obj_type": str(type(obj))},
                    )

            checks.append(check_class)
        bounds = _RANGES.get(type(dataType))
        if bounds is not None:
            lower, upper = bounds

            def check_range(obj):
                if not lower <= obj <= upper:
                    raise PySparkValueError(
                        errorClass="VALUE_OUT_OF_BOUNDS",
                        messageParameters={"arg_name": "obj", "lower_bound": str(lower), "upper_bound": str(upper), "actual": str(obj)},
                    )

            checks.append(check_range)
        if isinstance(dataType, T.ArrayType):
            element = _make_type_verifier(dataType.elementType, dataType.containsNull, name="element in array %s" % name)
            checks.append(lambda obj: [element(item) for item in obj] and None)
        elif isinstance(dataType, T.MapType):
            key = _make_type_verifier(dataType.keyType, False, name="key of map %s" % name)
            value = _make_type_verifier(dataType.valueType, dataType.valueContainsNull, name="value of map %s" % name)

            def check_map(obj):
                for k, v in obj.items():
                    key(k)
                    value(v)

            checks.append(check_map)
        elif isinstance(dataType, T.StructType):
            fields = [(f.name, _make_type_verifier(f.dataType, f.nullable, name="field %s in %s" % (f.name, name))) for f in dataType.fields]

            def check_struct(obj):
                if isinstance(obj, dict):
                    for field_name, verify in fields:
                        verify(obj.get(field_name))
                elif isinstance(obj, T.Row) and getattr(obj, "__fields__", None) is not None:
                    values = obj.asDict(recursive=False)
                    for field_name, verify in fields:
                        verify(values.get(field_name))
                elif not isinstance(obj, (tuple, list)):
                    # An object's attributes, by field name.
                    if not hasattr(obj, "__dict__"):
                        raise failure(
                            PySparkTypeError,
                            "FIELD_DATA_TYPE_UNACCEPTABLE",
                            {"data_type": str(dataType), "obj": repr(obj), "obj_type": str(type(obj))},
                        )
                    for field_name, verify in fields:
                        verify(obj.__dict__.get(field_name))
                else:
                    if len(obj) != len(fields):
                        raise failure(PySparkValueError, "FIELD_STRUCT_LENGTH_MISMATCH", {"object_length": str(len(obj)), "field_length": str(len(fields))})
                    for (_, verify), value in zip(fields, obj):
                        verify(value)

            checks.append(check_struct)

    def verify(obj):
        if check_null(obj):
            return None
        for check in checks:
            check(obj)
        return None

    return verify
