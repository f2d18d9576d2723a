"""Tests of src/python/pyspark/sql/types.py (PySpark-compatible data types, DDL, Row)."""

import array
import collections
import datetime
import decimal
import importlib
import json
import os
import pickle
import sys
import types as _pytypes

import pytest

_SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "src", "python"))
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)


def _import_pyspark_modules():
    """Import pyspark.sql.types and pyspark.errors from src/python.

    The package ``__init__`` files may need the native engine module, absent under plain
    Python; in that case stub packages whose ``__path__`` points at the source folders
    are registered, so that the submodules still load from their files.
    """
    try:
        return importlib.import_module("pyspark.sql.types"), importlib.import_module(
            "pyspark.errors"
        )
    except Exception:
        pass
    for name, rel in (("pyspark", ""), ("pyspark.sql", "sql")):
        mod = sys.modules.get(name)
        if mod is None:
            mod = _pytypes.ModuleType(name)
            mod.__path__ = [os.path.join(_SRC, "pyspark", rel)]
            sys.modules[name] = mod
            if "." in name:
                parent, _, child = name.rpartition(".")
                setattr(sys.modules[parent], child, mod)
    return importlib.import_module("pyspark.sql.types"), importlib.import_module("pyspark.errors")


T, E = _import_pyspark_modules()

from pyspark.sql.types import (  # noqa: E402
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    CharType,
    DataType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    Row,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    TimeType,
    VarcharType,
)

def _condition(excinfo):
    return excinfo.value.getCondition()


# ------------------------------------------------------------------------------------------
# repr / simpleString / typeName / json
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dt, rep, simple, type_name",
    [
        (NullType(), "NullType()", "void", "void"),
        (StringType(), "StringType()", "string", "string"),
        (BinaryType(), "BinaryType()", "binary", "binary"),
        (BooleanType(), "BooleanType()", "boolean", "boolean"),
        (DateType(), "DateType()", "date", "date"),
        (TimestampType(), "TimestampType()", "timestamp", "timestamp"),
        (TimestampNTZType(), "TimestampNTZType()", "timestamp_ntz", "timestamp_ntz"),
        (DecimalType(), "DecimalType(10,0)", "decimal(10,0)", "decimal"),
        (DecimalType(10, 2), "DecimalType(10,2)", "decimal(10,2)", "decimal"),
        (DoubleType(), "DoubleType()", "double", "double"),
        (FloatType(), "FloatType()", "float", "float"),
        (ByteType(), "ByteType()", "tinyint", "byte"),
        (ShortType(), "ShortType()", "smallint", "short"),
        (IntegerType(), "IntegerType()", "int", "integer"),
        (LongType(), "LongType()", "bigint", "long"),
        (ArrayType(StringType()), "ArrayType(StringType(), True)", "array<string>", "array"),
        (
            MapType(StringType(), LongType(), False),
            "MapType(StringType(), LongType(), False)",
            "map<string,bigint>",
            "map",
        ),
    ],
)
def test_repr_simple_string_type_name(dt, rep, simple, type_name):
    assert repr(dt) == rep
    assert dt.simpleString() == simple
    assert dt.typeName() == type_name


def test_struct_repr_and_simple_string():
    schema = StructType([StructField("name", StringType()), StructField("age", IntegerType())])
    assert repr(schema) == (
        "StructType([StructField('name', StringType(), True), "
        "StructField('age', IntegerType(), True)])"
    )
    assert str(StructType([StructField("a", IntegerType(), True)])) == (
        "StructType([StructField('a', IntegerType(), True)])"
    )
    assert schema.simpleString() == "struct<name:string,age:int>"
    nested = StructType(
        [StructField("s", StructType([StructField("x", ArrayType(MapType(StringType(), DoubleType())))]))]
    )
    assert nested.simpleString() == "struct<s:struct<x:array<map<string,double>>>>"
    assert StructType().simpleString() == "struct<>"
    assert repr(StructType()) == "StructType([])"


def test_struct_field_repr_and_type_name_error():
    f = StructField("a", LongType(), False, {"k": 1})
    assert repr(f) == "StructField('a', LongType(), False)"
    assert f.simpleString() == "a:bigint"
    with pytest.raises(E.PySparkTypeError) as ei:
        f.typeName()
    assert _condition(ei) == "INVALID_TYPENAME_CALL"


def test_json_values():
    assert IntegerType().json() == '"integer"'
    assert DecimalType(5, 2).jsonValue() == "decimal(5,2)"
    assert NullType().jsonValue() == "void"
    assert ArrayType(StringType(), False).jsonValue() == {
        "type": "array",
        "elementType": "string",
        "containsNull": False,
    }
    assert MapType(StringType(), IntegerType()).jsonValue() == {
        "type": "map",
        "keyType": "string",
        "valueType": "integer",
        "valueContainsNull": True,
    }
    schema = StructType([StructField("a", IntegerType(), True)])
    assert schema.json() == (
        '{"fields":[{"metadata":{},"name":"a","nullable":true,"type":"integer"}],"type":"struct"}'
    )


def test_singletons_equality_and_hash():
    assert IntegerType() is IntegerType()
    assert NullType() is NullType()
    assert DecimalType(10, 2) == DecimalType(10, 2)
    assert DecimalType(10, 2) != DecimalType(10, 3)
    assert ArrayType(StringType()) == ArrayType(StringType(), True)
    assert ArrayType(StringType(), False) != ArrayType(StringType())
    assert MapType(StringType(), IntegerType(), False) != MapType(StringType(), FloatType())
    assert IntegerType() != LongType()
    assert len({IntegerType(), IntegerType(), DecimalType(1, 0), DecimalType(1, 0)}) == 2
    s1 = StructType([StructField("f1", StringType(), True)])
    s2 = StructType([StructField("f1", StringType(), True)])
    assert s1 == s2 and hash(s1) == hash(s2)
    assert s1 != StructType([StructField("f1", StringType(), False)])
    with pytest.raises(TypeError):
        IntegerType(1)


def test_pickle_types():
    schema = StructType(
        [
            StructField("a", DecimalType(12, 3)),
            StructField("b", ArrayType(MapType(StringType(), DateType()))),
        ]
    )
    assert pickle.loads(pickle.dumps(schema)) == schema
    assert pickle.loads(pickle.dumps(LongType())) == LongType()


def test_other_types():
    assert repr(CharType(10)) == "CharType(10)" and CharType(10).simpleString() == "char(10)"
    assert VarcharType(3).json() == '"varchar(3)"'
    assert repr(TimeType()) == "TimeType(6)"
    assert repr(DayTimeIntervalType()) == "DayTimeIntervalType(0, 3)"
    assert DayTimeIntervalType(1).simpleString() == "interval hour"
    assert repr(StringType("UNICODE_CI")) == "StringType('UNICODE_CI')"
    assert StringType("UNICODE_CI").simpleString() == "string collate UNICODE_CI"
    with pytest.raises(E.PySparkRuntimeError) as ei:
        DayTimeIntervalType(7)
    assert _condition(ei) == "INVALID_INTERVAL_CASTING"


def test_conversions():
    assert DateType().toInternal(datetime.date(1970, 1, 11)) == 10
    assert DateType().fromInternal(10) == datetime.date(1970, 1, 11)
    assert TimestampNTZType().toInternal(datetime.datetime(1970, 1, 1, 0, 0, 1, 5)) == 1000005
    schema = StructType([StructField("d", DateType()), StructField("n", LongType())])
    assert schema.toInternal({"n": 1, "d": datetime.date(1970, 1, 2)}) == (1, 1)
    row = schema.fromInternal((1, 7))
    assert row == Row(d=datetime.date(1970, 1, 2), n=7)
    assert row.d == datetime.date(1970, 1, 2)


# ------------------------------------------------------------------------------------------
# StructType API
# ------------------------------------------------------------------------------------------


def test_struct_add_and_names():
    s = StructType().add("f1", StringType(), True).add("f2", "integer", False, {"m": 1})
    s.add(StructField("f3", LongType()))
    s.add("f4", ArrayType(IntegerType()))
    assert s == StructType(
        [
            StructField("f1", StringType(), True),
            StructField("f2", IntegerType(), False, {"m": 1}),
            StructField("f3", LongType()),
            StructField("f4", ArrayType(IntegerType())),
        ]
    )
    assert s.names == ["f1", "f2", "f3", "f4"]
    assert s.fieldNames() == ["f1", "f2", "f3", "f4"]
    assert s.fieldNames() is not s.names
    assert len(s) == 4
    assert [f.name for f in s] == s.names
    with pytest.raises(E.PySparkValueError) as ei:
        StructType().add("x")
    assert _condition(ei) == "ARGUMENT_REQUIRED"
    with pytest.raises(E.PySparkValueError) as ei:
        StructType().add("x", "not a type")
    assert _condition(ei) == "CANNOT_PARSE_DATATYPE"


def test_struct_getitem():
    s = StructType([StructField("a", IntegerType()), StructField("b", StringType())])
    assert s["b"] == StructField("b", StringType())
    assert s[0].name == "a"
    assert s[-1].name == "b"
    assert s[1:] == StructType([StructField("b", StringType())])
    with pytest.raises(KeyError) as ei:
        s["zz"]
    assert isinstance(ei.value, E.PySparkKeyError)
    assert str(ei.value) == "[KEY_NOT_EXISTS] Key `zz` does not exist."
    with pytest.raises(IndexError) as ei:
        s[5]
    assert str(ei.value) == "[INDEX_OUT_OF_RANGE] StructType index out of range, got '5'."
    with pytest.raises(TypeError) as ei:
        s[1.0]
    assert _condition(ei) == "NOT_EXPECTED_TYPE"


def test_to_nullable():
    s = StructType(
        [StructField("a", ArrayType(IntegerType(), False), False, {"c": 1})]
    ).toNullable()
    assert s == StructType([StructField("a", ArrayType(IntegerType(), True), True, {"c": 1})])


# ------------------------------------------------------------------------------------------
# JSON schema parsing
# ------------------------------------------------------------------------------------------


def test_from_json_spark_format():
    js = {
        "type": "struct",
        "fields": [
            {"name": "a", "type": "integer", "nullable": True, "metadata": {}},
            {"name": "b", "type": "decimal(10,2)", "nullable": False, "metadata": {"x": "y"}},
            {
                "name": "c",
                "type": {"type": "array", "elementType": "string", "containsNull": True},
                "nullable": True,
                "metadata": {},
            },
            {
                "name": "d",
                "type": {
                    "type": "map",
                    "keyType": "string",
                    "valueType": {"type": "struct", "fields": []},
                    "valueContainsNull": False,
                },
                "nullable": True,
                "metadata": {},
            },
        ],
    }
    s = StructType.fromJson(js)
    assert s == StructType(
        [
            StructField("a", IntegerType()),
            StructField("b", DecimalType(10, 2), False, {"x": "y"}),
            StructField("c", ArrayType(StringType(), True)),
            StructField("d", MapType(StringType(), StructType(), False)),
        ]
    )
    assert T._parse_datatype_json_value(js) == s
    assert T._parse_datatype_json_string(json.dumps(js)) == s
    assert s.jsonValue() == js


@pytest.mark.parametrize(
    "name, expected",
    [
        ("string", StringType()),
        ("integer", IntegerType()),
        ("long", LongType()),
        ("double", DoubleType()),
        ("float", FloatType()),
        ("short", ShortType()),
        ("byte", ByteType()),
        ("boolean", BooleanType()),
        ("binary", BinaryType()),
        ("date", DateType()),
        ("timestamp", TimestampType()),
        ("timestamp_ntz", TimestampNTZType()),
        ("void", NullType()),
        ("null", NullType()),
        ("decimal", DecimalType(10, 0)),
        ("decimal(38,18)", DecimalType(38, 18)),
        ("char(5)", CharType(5)),
        ("varchar(7)", VarcharType(7)),
    ],
)
def test_parse_json_primitive_names(name, expected):
    assert T._parse_datatype_json_value(name) == expected
    assert T._parse_datatype_json_string(json.dumps(name)) == expected


def test_json_round_trip_complex():
    simple = StructType(
        [
            StructField("a", DecimalType(), False),
            StructField("b", BooleanType(), True),
            StructField("c", LongType(), True),
            StructField("d", BinaryType(), False),
        ]
    )
    complex_struct = StructType(
        [
            StructField("simpleArray", ArrayType(StringType(), True), True),
            StructField("simpleMap", MapType(StringType(), LongType()), True),
            StructField("simpleStruct", simple, True),
            StructField("ntz", TimestampNTZType(), False),
            StructField("withMeta", DoubleType(), False, {"name": "age"}),
            StructField("nulls", ArrayType(NullType())),
        ]
    )
    for dt in [simple, complex_struct, ArrayType(complex_struct), MapType(complex_struct, ArrayType(complex_struct), False)]:
        assert T._parse_datatype_json_string(dt.json()) == dt


def test_struct_field_from_json_defaults_and_errors():
    f = StructField.fromJson({"name": "x", "type": "long"})
    assert f == StructField("x", LongType(), True, {})
    with pytest.raises(E.PySparkValueError) as ei:
        T._parse_datatype_json_value("blob")
    assert _condition(ei) == "CANNOT_PARSE_DATATYPE"
    assert str(ei.value) == "[CANNOT_PARSE_DATATYPE] Unable to parse datatype. blob."
    with pytest.raises(E.PySparkValueError) as ei:
        T._parse_datatype_json_value({"type": "weird"})
    assert _condition(ei) == "UNSUPPORTED_DATA_TYPE"


def test_collation_json_round_trip():
    s = StructType([StructField("s", ArrayType(StringType("UNICODE_CI")))])
    js = s.jsonValue()
    assert js["fields"][0]["metadata"] == {"__COLLATIONS": {"s.element": "icu.UNICODE_CI"}}
    assert StructType.fromJson(js) == s


# ------------------------------------------------------------------------------------------
# Type inference
# ------------------------------------------------------------------------------------------


class _Obj:
    def __init__(self):
        self.z = 1
        self.a = "x"


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, NullType()),
        (True, BooleanType()),
        (1, LongType()),
        (1.5, DoubleType()),
        ("s", StringType()),
        (b"b", BinaryType()),
        (bytearray(b"b"), BinaryType()),
        (decimal.Decimal("1.5"), DecimalType(38, 18)),
        (datetime.datetime(2020, 1, 1), TimestampType()),
        (datetime.date(2020, 1, 1), DateType()),
        (datetime.time(1, 2), TimeType(6)),
        (datetime.timedelta(days=1), DayTimeIntervalType()),
        ([1, 2], ArrayType(LongType(), True)),
        ([None, "a"], ArrayType(StringType(), True)),
        ([], ArrayType(NullType(), True)),
        ([1, "a"], ArrayType(StringType(), True)),
        ({"a": 1, "b": None}, MapType(StringType(), LongType(), True)),
        ({}, MapType(NullType(), NullType(), True)),
        (array.array("d", [1.0]), ArrayType(DoubleType(), False)),
        (array.array("i", [1]), ArrayType(IntegerType(), False)),
        ((1, "a"), StructType([StructField("_1", LongType()), StructField("_2", StringType())])),
        (Row(x=1, y=[1.0]),
         StructType([StructField("x", LongType()), StructField("y", ArrayType(DoubleType()))])),
        (_Obj(), StructType([StructField("a", StringType()), StructField("z", LongType())])),
    ],
)
def test_infer_type(value, expected):
    assert T._infer_type(value) == expected


def test_infer_type_options_and_errors():
    naive = datetime.datetime(2020, 1, 1)
    aware = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
    assert T._infer_type(naive, prefer_timestamp_ntz=True) == TimestampNTZType()
    assert T._infer_type(aware, prefer_timestamp_ntz=True) == TimestampType()
    assert T._infer_type({"a": 1}, infer_dict_as_struct=True) == StructType(
        [StructField("a", LongType())]
    )
    assert T._infer_type([1, "a"], infer_array_from_first_element=True) == ArrayType(LongType())
    with pytest.raises(E.PySparkTypeError) as ei:
        T._infer_type([1, 1.5])
    assert _condition(ei) == "CANNOT_MERGE_TYPE"
    with pytest.raises(E.PySparkTypeError) as ei:
        T._infer_type(object())
    assert _condition(ei) == "UNSUPPORTED_DATA_TYPE"
    assert ei.value.getMessageParameters() == {"data_type": "object"}


def test_infer_schema_row_kinds():
    assert T._infer_schema({"name": "a", "age": 1}) == StructType(
        [StructField("age", LongType()), StructField("name", StringType())]
    )
    assert T._infer_schema(Row(name="a", age=1)) == StructType(
        [StructField("name", StringType()), StructField("age", LongType())]
    )
    Point = collections.namedtuple("Point", ["y", "x"])
    assert T._infer_schema(Point(1, 2.0)) == StructType(
        [StructField("y", LongType()), StructField("x", DoubleType())]
    )
    assert T._infer_schema((1, "a", None)).names == ["_1", "_2", "_3"]
    names = ["a"]
    assert T._infer_schema([1, 2], names).names == ["a", "_2"]
    assert names == ["a"]
    assert T._infer_schema((1, 2), ["a", "b", "c"]).names == ["a", "b"]
    assert T._infer_schema(_Obj()).names == ["a", "z"]
    assert all(f.nullable for f in T._infer_schema({"a": 1, "b": [None, 1]}))
    with pytest.raises(E.PySparkTypeError) as ei:
        T._infer_schema(5)
    assert _condition(ei) == "CANNOT_INFER_SCHEMA_FOR_TYPE"
    with pytest.raises(E.PySparkTypeError) as ei:
        T._infer_schema({"a": object()})
    assert _condition(ei) == "CANNOT_INFER_TYPE_FOR_FIELD"
    assert ei.value.getMessageParameters() == {"field_name": "a"}


def test_merge_type():
    assert T._merge_type(NullType(), LongType()) == LongType()
    assert T._merge_type(LongType(), NullType()) == LongType()
    assert T._merge_type(LongType(), StringType()) == StringType()
    assert T._merge_type(TimestampNTZType(), TimestampType()) == TimestampType()
    assert T._merge_type(ArrayType(NullType()), ArrayType(LongType(), False)) == ArrayType(
        LongType(), True
    )
    a = StructType([StructField("x", LongType(), False), StructField("y", NullType())])
    b = StructType([StructField("y", StringType()), StructField("z", DoubleType())])
    assert T._merge_type(a, b) == StructType(
        [
            StructField("x", LongType()),
            StructField("y", StringType()),
            StructField("z", DoubleType()),
        ]
    )
    with pytest.raises(E.PySparkTypeError) as ei:
        T._merge_type(LongType(), DoubleType())
    assert isinstance(ei.value, TypeError)
    assert _condition(ei) == "CANNOT_MERGE_TYPE"
    assert ei.value.getMessageParameters() == {"data_type1": "LongType", "data_type2": "DoubleType"}
    assert str(ei.value) == "[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`."
    with pytest.raises(E.PySparkTypeError):
        T._merge_type(MapType(StringType(), LongType()), MapType(StringType(), BooleanType()))


def test_infer_schema_from_data():
    data = [{"b": 1, "a": None}, {"a": "x", "b": 2}]
    assert T._infer_schema_from_data(data) == StructType(
        [StructField("a", StringType()), StructField("b", LongType())]
    )
    rows = [("Alice", None, [1]), ("Bob", 2.5, None)]
    assert T._infer_schema_from_data(rows) == StructType(
        [
            StructField("_1", StringType()),
            StructField("_2", DoubleType()),
            StructField("_3", ArrayType(LongType())),
        ]
    )
    assert T._infer_schema_from_data(iter(rows), names=["name"]).names == ["name", "_2", "_3"]
    assert T._infer_schema_from_data(
        [Row(x=1, y="a"), Row(x=2, y=None)], names=["p", "q"]
    ) == StructType([StructField("p", LongType()), StructField("q", StringType())])
    assert T._infer_schema_from_data([{"b": 1, "a": 2}], names=["x", "y"]).names == ["x", "y"]


def test_infer_schema_from_data_errors():
    with pytest.raises(E.PySparkValueError) as ei:
        T._infer_schema_from_data([])
    assert _condition(ei) == "CANNOT_INFER_EMPTY_SCHEMA"
    assert str(ei.value) == "[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset."
    with pytest.raises(E.PySparkValueError) as ei:
        T._infer_schema_from_data([("a", None), ("b", None)])
    assert _condition(ei) == "CANNOT_DETERMINE_TYPE"
    with pytest.raises(ValueError) as ei:
        T._infer_schema_from_data([(1, [None])])
    assert _condition(ei) == "CANNOT_DETERMINE_TYPE"
    with pytest.raises(E.PySparkTypeError) as ei:
        T._infer_schema_from_data([(1,), (1.5,)])
    assert _condition(ei) == "CANNOT_MERGE_TYPE"
    with pytest.raises(E.PySparkValueError) as ei:
        T._infer_schema_from_data([{"a": 1}], names=["x", "y"])
    assert _condition(ei) == "AXIS_LENGTH_MISMATCH"
    with pytest.raises(E.PySparkTypeError) as ei:
        T._infer_schema_from_data([1, 2])
    assert _condition(ei) == "CANNOT_INFER_SCHEMA_FOR_TYPE"


def test_create_converter():
    schema = StructType(
        [StructField("b", LongType()), StructField("a", ArrayType(StructType([StructField("x", LongType())])))]
    )
    conv = T._create_converter(schema)
    assert conv({"a": [{"x": 1}], "b": 2}) == (2, [(1,)])
    assert conv(Row(b=1, a=[Row(x=3)])) == (1, [(3,)])
    assert conv(None) is None


# ------------------------------------------------------------------------------------------
# Row
# ------------------------------------------------------------------------------------------


def test_row_kwargs():
    row = Row(name="Alice", age=11)
    assert repr(row) == "Row(name='Alice', age=11)"
    assert row.__fields__ == ["name", "age"]
    assert row.name == "Alice" and row.age == 11
    assert row["name"] == "Alice" and row["age"] == 11
    assert row[0] == "Alice" and row[-1] == 11
    assert row[:1] == ("Alice",)
    assert "name" in row and "wrong_key" not in row and "Alice" not in row
    assert row == ("Alice", 11)
    assert row == Row("Alice", 11)
    assert hash(row) == hash(("Alice", 11))
    assert isinstance(row, tuple) and len(row) == 2
    assert list(row) == ["Alice", 11]
    assert Row(b=1, a=2).__fields__ == ["b", "a"]


def test_row_factory():
    Person = Row("name", "age")
    assert repr(Person) == "<Row('name', 'age')>"
    assert "name" in Person and "wrong_key" not in Person
    bob = Person("Bob", 30)
    assert repr(bob) == "Row(name='Bob', age=30)"
    assert bob.age == 30 and bob["name"] == "Bob"
    assert bob.asDict() == {"name": "Bob", "age": 30}
    partial = Person("Carl")
    assert partial.asDict() == {"name": "Carl"}
    with pytest.raises(E.PySparkAttributeError):
        partial.age
    with pytest.raises(E.PySparkValueError) as ei:
        Person(1, 2, 3)
    assert _condition(ei) == "TOO_MANY_VALUES"
    assert repr(Row()) == "<Row()>"
    assert Row(1, None) == (1, None)


def test_row_as_dict():
    row = Row(key=1, value=Row(name="a", age=2), items=[Row(x=1)], mapping={"k": Row(y=2)})
    assert row.asDict() == {
        "key": 1,
        "value": Row(name="a", age=2),
        "items": [Row(x=1)],
        "mapping": {"k": Row(y=2)},
    }
    assert row.asDict(True) == {
        "key": 1,
        "value": {"name": "a", "age": 2},
        "items": [{"x": 1}],
        "mapping": {"k": {"y": 2}},
    }
    assert isinstance(row.asDict(True)["value"], dict)
    with pytest.raises(E.PySparkTypeError) as ei:
        Row(1, 2).asDict()
    assert _condition(ei) == "CANNOT_CONVERT_TYPE"


def test_row_errors():
    row = Row(name="Alice", age=11)
    with pytest.raises(E.PySparkAttributeError) as ei:
        row.missing
    assert isinstance(ei.value, AttributeError)
    assert _condition(ei) == "ATTRIBUTE_NOT_SUPPORTED"
    assert str(ei.value) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `missing` is not supported."
    assert not hasattr(row, "missing")
    assert getattr(row, "missing", "dflt") == "dflt"
    with pytest.raises(AttributeError):
        row.__something__
    with pytest.raises(E.PySparkValueError) as ei:
        row["missing"]
    assert isinstance(ei.value, ValueError)
    assert str(ei.value) == "missing"
    assert ei.value.getCondition() is None
    with pytest.raises(IndexError):
        row[5]
    with pytest.raises(E.PySparkRuntimeError) as ei:
        row.name = "Bob"
    assert _condition(ei) == "READ_ONLY"
    with pytest.raises(E.PySparkValueError) as ei:
        Row(1, a=2)
    assert _condition(ei) == "CANNOT_SET_TOGETHER"
    with pytest.raises(AttributeError):
        Row(1, 2).a


def test_row_pickle_and_copy():
    import copy

    row = Row(name="Alice", age=11, nested=Row(x=[1, 2]))
    for r in (pickle.loads(pickle.dumps(row)), copy.copy(row), copy.deepcopy(row)):
        assert r == row and r.__fields__ == ["name", "age", "nested"]
        assert r.nested.x == [1, 2]
        assert repr(r) == repr(row)
    factory = Row("a", "b")
    assert pickle.loads(pickle.dumps(factory)) == factory
    assert repr(pickle.loads(pickle.dumps(factory))) == "<Row('a', 'b')>"


def test_create_row():
    fields = ["a", "b"]
    r1 = T._create_row(fields, (1, 2))
    r2 = T._create_row(fields, [3, None])
    assert repr(r1) == "Row(a=1, b=2)" and r2.b is None
    assert r1.__fields__ is fields
    assert type(r1) is Row
    assert r2.asDict() == {"a": 3, "b": None}


# ------------------------------------------------------------------------------------------
# Behaviour pinned against PySpark 4.3.0 (expected values taken from a real PySpark run)
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "dt, rep, simple, type_name",
    [
        (CharType(3), "CharType(3)", "char(3)", "char"),
        (VarcharType(4), "VarcharType(4)", "varchar(4)", "varchar"),
        (DecimalType(5, 2), "DecimalType(5,2)", "decimal(5,2)", "decimal"),
        (TimeType(3), "TimeType(3)", "time(3)", "time"),
        (DayTimeIntervalType(), "DayTimeIntervalType(0, 3)", "interval day to second", "daytimeinterval"),
        (DayTimeIntervalType(1), "DayTimeIntervalType(1, 1)", "interval hour", "daytimeinterval"),
        (DayTimeIntervalType(1, 2), "DayTimeIntervalType(1, 2)", "interval hour to minute", "daytimeinterval"),
        (T.YearMonthIntervalType(), "YearMonthIntervalType(0, 1)", "interval year to month", "yearmonthinterval"),
        (T.YearMonthIntervalType(1), "YearMonthIntervalType(1, 1)", "interval month", "yearmonthinterval"),
        (T.YearMonthIntervalType(0, 0), "YearMonthIntervalType(0, 0)", "interval year", "yearmonthinterval"),
        (T.CalendarIntervalType(), "CalendarIntervalType()", "interval", "interval"),
    ],
)
def test_parameterised_type_spellings(dt, rep, simple, type_name):
    assert (repr(dt), dt.simpleString(), dt.json(), dt.typeName()) == (
        rep,
        simple,
        '"%s"' % simple,
        type_name,
    )


def test_interval_fields_and_errors():
    assert DayTimeIntervalType._fields == {0: "day", 1: "hour", 2: "minute", 3: "second"}
    assert DayTimeIntervalType._inverted_fields == {"day": 0, "hour": 1, "minute": 2, "second": 3}
    assert (DayTimeIntervalType.DAY, DayTimeIntervalType.SECOND) == (0, 3)
    assert T.YearMonthIntervalType._inverted_fields == {"year": 0, "month": 1}
    for args, message in [
        ((None, 2), "[INVALID_INTERVAL_CASTING] Interval None to 2 is invalid."),
        ((0, 9), "[INVALID_INTERVAL_CASTING] Interval 0 to 9 is invalid."),
    ]:
        with pytest.raises(E.PySparkRuntimeError) as ei:
            DayTimeIntervalType(*args)
        assert str(ei.value) == message
    with pytest.raises(E.PySparkRuntimeError) as ei:
        T.YearMonthIntervalType(5)
    assert str(ei.value) == "[INVALID_INTERVAL_CASTING] Interval 5 to 5 is invalid."


def test_value_conversions_against_pyspark():
    plus2 = datetime.timezone(datetime.timedelta(hours=2))
    aware = datetime.datetime(2020, 5, 6, 7, 8, 9, 123, tzinfo=plus2)
    assert TimestampType().toInternal(aware) == 1588741689000123
    assert TimestampNTZType().toInternal(aware) == 1588748889000123
    assert TimestampNTZType().toInternal(datetime.datetime(2020, 5, 6, 7, 8, 9, 123)) == 1588748889000123
    assert TimestampNTZType().fromInternal(-1588748889000123) == datetime.datetime(
        1919, 8, 28, 16, 51, 50, 999877
    )
    delta = datetime.timedelta(days=-1, seconds=5, microseconds=7)
    assert DayTimeIntervalType().toInternal(delta) == -86394999993
    assert DayTimeIntervalType().fromInternal(-86394999993) == delta
    assert TimeType().toInternal(datetime.time(1, 2, 3, 4)) == 3723000004000
    assert TimeType().fromInternal(3723000004000) == datetime.time(1, 2, 3, 4)
    for dt in (TimestampType(), TimestampNTZType(), DateType(), TimeType(), DayTimeIntervalType()):
        assert dt.toInternal(None) is None and dt.fromInternal(None) is None
    assert ArrayType(DateType()).toInternal([datetime.date(1970, 1, 3), None]) == [2, None]
    assert ArrayType(DateType()).fromInternal([2, None]) == [datetime.date(1970, 1, 3), None]
    assert ArrayType(DateType()).toInternal(None) is None
    assert ArrayType(IntegerType()).toInternal((1, 2)) == (1, 2)
    assert MapType(DateType(), DateType()).toInternal({datetime.date(1970, 1, 3): None}) == {2: None}
    assert MapType(StringType(), DateType()).fromInternal({"a": 2}) == {"a": datetime.date(1970, 1, 3)}
    assert StructField("d", DateType()).toInternal(datetime.date(1970, 1, 5)) == 4
    assert StructField("d", DateType()).needConversion() and not StructField("a", LongType()).needConversion()


def test_struct_to_and_from_internal_shapes():
    dated = StructType([StructField("d", DateType()), StructField("n", LongType())])
    plain = StructType([StructField("d", LongType()), StructField("n", LongType())])
    assert dated.toInternal((datetime.date(1970, 1, 2), 5, 7)) == (1, 5)
    assert plain.toInternal((1, 5, 7)) == (1, 5, 7)
    assert dated.toInternal([datetime.date(1970, 1, 2)]) == (1,)
    assert dated.toInternal(_Obj()) == (None, None)
    assert StructType([StructField("a", StringType()), StructField("z", LongType())]).toInternal(_Obj()) == ("x", 1)
    for schema in (dated, plain):
        with pytest.raises(E.PySparkValueError) as ei:
            schema.toInternal(5)
        assert str(ei.value) == "[UNEXPECTED_TUPLE_WITH_STRUCT] Unexpected tuple 5 with StructType."
    row = StructType([StructField("a", DateType()), StructField("z", LongType())]).fromInternal((1, 2))
    assert row == Row(a=datetime.date(1970, 1, 2), z=2) and row.__fields__ == ["a", "z"]
    assert StructType([StructField("a", StringType())]).fromInternal(Row(q=1)).__fields__ == ["q"]


def test_parse_json_parameterised_strings():
    texts = [
        "decimal(10,2)x", "decimal( 10 , -2 )", "time(3)", "interval day", "interval hour to second",
        "interval day to month", "interval year to month", "interval month", "interval",
        "string collate UNICODE", "char( 4 )", "varchar(9)", "interval minute to hour",
    ]
    assert [T._parse_datatype_json_value(t) for t in texts] == [
        DecimalType(10, 2), DecimalType(10, -2), TimeType(3), DayTimeIntervalType(0, 0),
        DayTimeIntervalType(1, 3), DayTimeIntervalType(0, 0), T.YearMonthIntervalType(0, 1),
        T.YearMonthIntervalType(1, 1), T.CalendarIntervalType(), StringType("UNICODE"),
        CharType(4), VarcharType(9), DayTimeIntervalType(2, 1),
    ]
    with pytest.raises(E.PySparkTypeError) as ei:
        T._parse_datatype_json_value({"type": "array", "elementType": "string", "containsNull": True}, "f", {"f": "UNICODE"})
    assert _condition(ei) == "INVALID_JSON_DATA_TYPE_FOR_COLLATIONS"
    assert T._parse_datatype_json_value("string", "f", {"f": "UNICODE"}) == StringType("UNICODE")


def test_collations_in_field_json():
    schema = StructType(
        [
            StructField("m", MapType(StringType("UNICODE"), ArrayType(StringType("UTF8_LCASE"))), True, {"o": 2}),
            StructField("s", StringType("UNICODE_CI")),
        ]
    )
    metadata = [f["metadata"] for f in json.loads(schema.json())["fields"]]
    assert metadata == [
        {"__COLLATIONS": {"m.key": "icu.UNICODE", "m.value.element": "spark.UTF8_LCASE"}, "o": 2},
        {"__COLLATIONS": {"s": "icu.UNICODE_CI"}},
    ]
    back = StructType.fromJson(json.loads(schema.json()))
    assert back == schema and back["m"].metadata == {"o": 2}


@pytest.mark.skipif(array.array("l").itemsize != 8, reason="expected values are for 64-bit C longs")
def test_infer_array_typecodes():
    assert [T._infer_type(array.array(c)) for c in "bBhHiIlfdu"] == [
        ArrayType(ByteType(), False), ArrayType(ShortType(), False), ArrayType(ShortType(), False),
        ArrayType(IntegerType(), False), ArrayType(IntegerType(), False), ArrayType(LongType(), False),
        ArrayType(LongType(), False), ArrayType(FloatType(), False), ArrayType(DoubleType(), False),
        ArrayType(StringType(), False),
    ]
    for code in "LqQ":
        with pytest.raises(E.PySparkTypeError) as ei:
            T._infer_type(array.array(code))
        assert str(ei.value) == "[UNSUPPORTED_DATA_TYPE] Unsupported DataType `array(%s)`." % code


def test_merge_maps_structs_and_intervals():
    assert T._merge_type(
        MapType(StringType(), NullType(), False), MapType(NullType(), LongType(), False)
    ) == MapType(StringType(), LongType(), True)
    merged = T._merge_type(
        StructType([StructField("a", LongType(), False, {"m": 1}), StructField("b", NullType())]),
        StructType(
            [
                StructField("b", ArrayType(LongType()), False),
                StructField("c", StringType(), False),
                StructField("c", LongType()),
            ]
        ),
    )
    assert repr(merged) == (
        "StructType([StructField('a', LongType(), True), StructField('b', ArrayType(LongType(), True), True), "
        "StructField('c', LongType(), True)])"
    )
    assert merged["a"].metadata == {}
    with pytest.raises(E.PySparkTypeError) as ei:
        T._merge_type(T.CalendarIntervalType(), StringType())
    assert str(ei.value) == "[CANNOT_MERGE_TYPE] Can not merge type `CalendarIntervalType` and `StringType`."


def test_type_walkers():
    nested_null = StructType([StructField("a", MapType(StringType(), ArrayType(NullType())))])
    assert (T._has_nulltype(nested_null), T._has_nulltype(LongType()), T._has_nulltype(NullType())) == (
        True,
        False,
        True,
    )
    nested_date = StructType([StructField("a", MapType(StringType(), ArrayType(DateType())))])
    assert T._has_type(nested_date, DateType)
    assert T._has_type(LongType(), (StringType, LongType))
    assert not T._has_type(ArrayType(LongType()), StringType)
    assert T._has_type(StructType(), StructType)
    assert [
        T._need_converter(dt)
        for dt in (LongType(), NullType(), ArrayType(MapType(StringType(), NullType())), StructType(), ArrayType(DateType()))
    ] == [False, True, True, True, False]
    dropped = T._drop_metadata(
        StructField("a", MapType(StringType(), StructType([StructField("b", LongType(), False, {"x": 1})])), True, {"q": 1})
    )
    assert dropped.jsonValue() == {
        "name": "a",
        "type": {
            "type": "map",
            "keyType": "string",
            "valueType": {
                "type": "struct",
                "fields": [{"name": "b", "type": "long", "nullable": False, "metadata": {}}],
            },
            "valueContainsNull": True,
        },
        "nullable": True,
        "metadata": {},
    }
    assert T._drop_metadata(LongType()) == LongType()


def test_create_converter_shapes():
    ba = StructType([StructField("b", LongType()), StructField("a", LongType())])
    assert T._create_converter(LongType())(5) == 5
    assert T._create_converter(NullType())(5) is None
    assert T._create_converter(ArrayType(NullType()))([1, 2]) == [None, None]
    assert T._create_converter(MapType(StringType(), NullType()))({"a": 1}) == {"a": None}
    assert T._create_converter(ba)((1, 2, 3)) == (1, 2, 3)
    assert T._create_converter(ba)(_Obj()) == (None, "x")
    nested = StructType([StructField("b", StructType([StructField("x", LongType())]))])
    assert T._create_converter(nested)(({"x": 1}, 7)) == ((1,),)
    assert T._create_converter(nested)({"b": _Obj()}) == ((None,),)
    with pytest.raises(E.PySparkTypeError) as ei:
        T._create_converter(ba)(5)
    assert str(ei.value) == "[UNSUPPORTED_DATA_TYPE] Unsupported DataType `int`."
    point = StructType([StructField("x", LongType())])
    # None arrays and maps stay None (PySpark's converters return None for them).
    assert T._create_converter(ArrayType(point))(None) is None
    assert T._create_converter(MapType(StringType(), point))(None) is None
    assert T._create_converter(MapType(StringType(), point))({"k": {"x": 3}, "j": None}) == {"k": (3,), "j": None}


def test_row_error_details():
    with pytest.raises(E.PySparkAttributeError) as ei:
        Row(1, 2).a
    assert str(ei.value) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `__fields__` is not supported."
    Person = Row("name", "age")
    with pytest.raises(E.PySparkKeyError) as ei:
        Person("Carl")["age"]
    assert str(ei.value) == "[KEY_NOT_EXISTS] Key `age` does not exist."
    with pytest.raises(E.PySparkAttributeError) as ei:
        Person("Carl").age
    assert str(ei.value) == "[ATTRIBUTE_NOT_SUPPORTED] Attribute `age` is not supported."
    assert T._infer_schema(Person("Carl")) == StructType([StructField("name", StringType(), True)])
    with pytest.raises(E.PySparkTypeError) as ei:
        Row(1, 2).asDict()
    assert str(ei.value) == "[CANNOT_CONVERT_TYPE] Cannot convert Row into dict."
