"""Spark's DDL for types and schemas as `pyspark.sql.types` reads it: the shell's one DDL
parser (src/spark/ddl.rs) behind `_parse_datatype_string`, `DataType.fromDDL`,
`StructType.add` and `Column.cast`. Every case runs in one shell process; the results are
compared with types built here. Needs the built binary (PYSPARK_BIN, else
target/release/pyspark)."""
import json
import os

import pytest

from test_rdd import run
from test_terminal import BINARY
from test_types import T  # noqa: F401  (loads pyspark.sql.types from src/python)
from pyspark.sql.types import (  # noqa: E402
    ArrayType,
    BinaryType,
    BooleanType,
    ByteType,
    DateType,
    DayTimeIntervalType,
    DecimalType,
    DoubleType,
    FloatType,
    IntegerType,
    LongType,
    MapType,
    NullType,
    ShortType,
    StringType,
    StructField,
    StructType,
    TimestampNTZType,
    TimestampType,
    TimeType,
)

pytestmark = pytest.mark.skipif(not os.path.exists(BINARY), reason="build the binary first")

SINGLE_TYPES = [
        ("int", IntegerType()),
        ("INT ", IntegerType()),
        ("integer", IntegerType()),
        ("bigint", LongType()),
        ("long", LongType()),
        ("tinyint", ByteType()),
        ("byte", ByteType()),
        ("smallint", ShortType()),
        ("short", ShortType()),
        ("float", FloatType()),
        ("real", FloatType()),
        ("double", DoubleType()),
        ("boolean", BooleanType()),
        ("string", StringType()),
        ("varchar(10)", StringType()),
        ("char(3)", StringType()),
        ("date", DateType()),
        ("timestamp", TimestampType()),
        ("timestamp_ltz", TimestampType()),
        ("timestamp_ntz", TimestampNTZType()),
        ("binary", BinaryType()),
        ("void", NullType()),
        ("decimal", DecimalType(10, 0)),
        ("decimal(10,2)", DecimalType(10, 2)),
        ("DECIMAL(  16 , 8   )", DecimalType(16, 8)),
        ("dec(5)", DecimalType(5, 0)),
        ("numeric(7,1)", DecimalType(7, 1)),
        ("array<int>", ArrayType(IntegerType(), True)),
        ("ARRAY< short>", ArrayType(ShortType(), True)),
        (" map<string , string > ", MapType(StringType(), StringType(), True)),
        ("map<string,array<map<int,decimal(5,1)>>>",
         MapType(StringType(), ArrayType(MapType(IntegerType(), DecimalType(5, 1))))),
        ("struct<a:int,b:string>",
         StructType([StructField("a", IntegerType()), StructField("b", StringType())])),
        ("struct<a int, b: string NOT NULL>",
         StructType([StructField("a", IntegerType()), StructField("b", StringType(), False)])),
        ("struct<>", StructType([])),
        ("interval day to second", DayTimeIntervalType(0, 3)),
        ("time(3)", TimeType(3)),

]

FIELD_LISTS = [
        ("id INT, label STRING",
         StructType([StructField("id", IntegerType()), StructField("label", StringType())])),
        ("a: int, b: string",
         StructType([StructField("a", IntegerType()), StructField("b", StringType())])),
        ("a: byte, b: decimal(  16 , 8   ) ",
         StructType([StructField("a", ByteType()), StructField("b", DecimalType(16, 8))])),
        ("a DOUBLE, b STRING",
         StructType([StructField("a", DoubleType()), StructField("b", StringType())])),
        ("a: array< short>", StructType([StructField("a", ArrayType(ShortType(), True))])),
        ("Name String, AGE Int",
         StructType([StructField("Name", StringType()), StructField("AGE", IntegerType())])),
        ("`weird name` int, `a``b` string",
         StructType([StructField("weird name", IntegerType()), StructField("a`b", StringType())])),
        ("id bigint NOT NULL, v double not null",
         StructType([StructField("id", LongType(), False), StructField("v", DoubleType(), False)])),
        ("int int, string string",
         StructType([StructField("int", IntegerType()), StructField("string", StringType())])),
        ("a struct<b: array<int>, c: map<string, struct<d:int>>>",
         StructType([StructField("a", StructType([
             StructField("b", ArrayType(IntegerType())),
             StructField("c", MapType(StringType(), StructType([StructField("d", IntegerType())]))),
         ]))])),
        ("a int", StructType([StructField("a", IntegerType())])),
        ("", StructType([])),
]

# The `error` and `hint` of each PARSE_SYNTAX_ERROR, as PySpark 4.3.0's
# `_parse_datatype_string` raised them (recorded from a real PySpark run).
SYNTAX_ERRORS = {
    "blabla": ("end of input", ""),
    "a: int,": ("':'", ""),
    "array<int": ("'<'", ""),
    "map<int, boolean>>": ("'<'", ""),
    "a int b": ("'b'", ""),
    "struct<a int": ("'<'", ""),
    "a int,, b int": ("','", ""),
    "map<int>": ("'<'", ""),
    "a int $": ("'$'", ": extra input '$'"),
    "`unterminated int": ("'`'", ""),
    "decimal(10,": ("'('", ""),
    "1 int": ("'1'", ""),
    "interval second to day": ("'to'", ""),
    "a int not": ("end of input", ": missing 'NULL'"),
    "x 'str'": ("''str''", ""),
    "a int comment 'x' not null": ("'not'", ""),
}

OTHER_ERRORS = ["a blabla", "a blabla(2,3) not null", "a decimal(39, 2)", "a varchar"]

_SCRIPT = """
import json
from pyspark.sql.types import _parse_datatype_string
for text in json.loads(%r):
    try:
        print(json.dumps({"json": _parse_datatype_string(text).json()}))
    except Exception as e:
        print(json.dumps({"class": type(e).__name__, "condition": e.getCondition(), "message": str(e),
                          "parameters": e.getMessageParameters(), "state": e.getSqlState(),
                          "analysis": isinstance(e, AnalysisException)}))
"""


@pytest.fixture(scope="module")
def parsed():
    """What the shell answers for every DDL text of this module, by text."""
    texts = [t for t, _ in SINGLE_TYPES + FIELD_LISTS] + list(SYNTAX_ERRORS) + OTHER_ERRORS
    code, out, err = run("from pyspark.errors import AnalysisException\n" + _SCRIPT % json.dumps(texts))
    assert code == 0, err
    answers = [json.loads(line) for line in out.splitlines()]
    assert len(answers) == len(texts), out
    return dict(zip(texts, answers))


@pytest.mark.parametrize("ddl, expected", SINGLE_TYPES + FIELD_LISTS)
def test_types_and_field_lists(parsed, ddl, expected):
    assert parsed[ddl] == {"json": expected.json()}


@pytest.mark.parametrize("ddl", list(SYNTAX_ERRORS))
def test_syntax_errors(parsed, ddl):
    answer = parsed[ddl]
    error, hint = SYNTAX_ERRORS[ddl]
    assert (answer["class"], answer["condition"], answer["state"], answer["analysis"]) == (
        "ParseException", "PARSE_SYNTAX_ERROR", "42601", True)
    assert answer["parameters"] == {"error": error, "hint": hint}
    assert answer["message"] == (
        "[PARSE_SYNTAX_ERROR] Syntax error at or near %s%s. SQLSTATE: 42601" % (error, hint)
    )


def test_other_conditions(parsed):
    # Recorded from PySpark 4.3.0.
    assert parsed["a blabla"]["message"] == (
        '[UNSUPPORTED_DATATYPE] Unsupported data type "BLABLA". SQLSTATE: 0A000'
    )
    assert parsed["a blabla(2,3) not null"]["parameters"] == {"typeName": '"BLABLA(2,3)"'}
    precision = parsed["a decimal(39, 2)"]
    assert (precision["class"], precision["condition"], precision["state"]) == (
        "ArithmeticException", "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "22003")
    assert precision["message"] == (
        "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 39 exceeds max precision 38."
        " SQLSTATE: 22003"
    )
    assert parsed["a varchar"]["message"] == (
        '[DATATYPE_MISSING_SIZE] DataType "VARCHAR" requires a length parameter, for example'
        ' "VARCHAR"(10). Please specify the length. SQLSTATE: 42K01'
    )


def test_comments_from_ddl_struct_add_and_casts_share_the_parser():
    code, out, err = run(
        """
        from pyspark.sql.types import DataType, StructType, _parse_datatype_string
        print(_parse_datatype_string("a int COMMENT 'the id', b string").json())
        print(DataType.fromDDL("b string, a int").simpleString(), DataType.fromDDL("decimal(10,10)"))
        print(StructType().add("f", "array<int>").simpleString())
        df = spark.createDataFrame([("1",)], "s string")
        print(df.select(df.s.cast("int").alias("x")).collect())
        try:
            df.select(df.s.cast("array<int").alias("x")).collect()
        except Exception as e:
            print(type(e).__name__, e.getCondition(), e.getMessageParameters())
        """
    )
    assert code == 0, err
    lines = out.splitlines()
    assert json.loads(lines[0])["fields"][0]["metadata"] == {"comment": "the id"}
    assert json.loads(lines[0])["fields"][1]["metadata"] == {}
    assert lines[1] == "struct<b:string,a:int> DecimalType(10,10)"
    assert lines[2] == "struct<f:array<int>>"
    # Recorded from PySpark 4.3.0.
    assert lines[3] == "[Row(x=1)]"
    assert lines[4] == "ParseException PARSE_SYNTAX_ERROR {'error': \"'<'\", 'hint': ''}"
