"""Tests of src/python/pyspark/errors (PySpark-compatible exception classes)."""

import importlib
import os
import pickle
import sys
import types as _pytypes
import warnings

import pytest

_SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "src", "python"))
if _SRC not in sys.path:
    sys.path.insert(0, _SRC)


def _import_errors():
    """Import pyspark.errors from src/python, stubbing ``pyspark`` if its __init__ fails.

    ``pyspark/__init__.py`` may need the native engine module, absent under plain Python;
    the stub package's ``__path__`` points at the source folder so submodules still load
    from their files.
    """
    try:
        return importlib.import_module("pyspark.errors")
    except Exception:
        pass
    if "pyspark" not in sys.modules:
        stub = _pytypes.ModuleType("pyspark")
        stub.__path__ = [os.path.join(_SRC, "pyspark")]
        sys.modules["pyspark"] = stub
    return importlib.import_module("pyspark.errors")


E = _import_errors()
B = importlib.import_module("pyspark.errors.exceptions.base")
X = importlib.import_module("pyspark.errors.exceptions")

EXPORTED = [
    "PySparkException",
    "AnalysisException",
    "ParseException",
    "IllegalArgumentException",
    "ArithmeticException",
    "NumberFormatException",
    "ArrayIndexOutOfBoundsException",
    "DateTimeException",
    "SparkRuntimeException",
    "UnsupportedOperationException",
    "TempTableAlreadyExistsException",
    "SparkUpgradeException",
    "StreamingQueryException",
    "QueryExecutionException",
    "PythonException",
    "UnknownException",
    "PySparkValueError",
    "PySparkTypeError",
    "PySparkIndexError",
    "PySparkAttributeError",
    "PySparkRuntimeError",
    "PySparkNotImplementedError",
    "PySparkAssertionError",
    "PySparkKeyError",
    "SessionNotSameException",
    "SparkNoSuchElementException",
    "PySparkPicklingError",
    "PySparkImportError",
    "QueryContext",
    "QueryContextType",
]


@pytest.mark.parametrize("name", EXPORTED)
def test_exports(name):
    cls = getattr(E, name)
    assert getattr(X, name) is cls
    assert getattr(B, name) is cls
    assert name in E.__all__


@pytest.mark.parametrize(
    "sub, sup",
    [
        ("AnalysisException", "PySparkException"),
        ("ParseException", "AnalysisException"),
        ("TempTableAlreadyExistsException", "AnalysisException"),
        ("NumberFormatException", "IllegalArgumentException"),
        ("IllegalArgumentException", "PySparkException"),
        ("ArithmeticException", "PySparkException"),
        ("ArrayIndexOutOfBoundsException", "PySparkException"),
        ("DateTimeException", "PySparkException"),
        ("SparkRuntimeException", "PySparkException"),
        ("UnsupportedOperationException", "PySparkException"),
        ("SparkUpgradeException", "PySparkException"),
        ("StreamingQueryException", "PySparkException"),
        ("QueryExecutionException", "PySparkException"),
        ("PythonException", "PySparkException"),
        ("UnknownException", "PySparkException"),
        ("PySparkException", "Exception"),
    ],
)
def test_class_hierarchy(sub, sup):
    sup_cls = Exception if sup == "Exception" else getattr(E, sup)
    assert issubclass(getattr(E, sub), sup_cls)


@pytest.mark.parametrize(
    "name, builtin",
    [
        ("PySparkValueError", ValueError),
        ("PySparkTypeError", TypeError),
        ("PySparkIndexError", IndexError),
        ("PySparkAttributeError", AttributeError),
        ("PySparkRuntimeError", RuntimeError),
        ("PySparkNotImplementedError", NotImplementedError),
        ("PySparkAssertionError", AssertionError),
        ("PySparkKeyError", KeyError),
        ("PySparkImportError", ImportError),
        ("PySparkPicklingError", pickle.PicklingError),
    ],
)
def test_python_builtin_wrappers(name, builtin):
    cls = getattr(E, name)
    e = cls(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "x"})
    assert isinstance(e, builtin) and isinstance(e, E.PySparkException)
    assert str(e) == "[NOT_IMPLEMENTED] x is not implemented."
    with pytest.raises(builtin):
        raise e


def test_unrelated_classes_are_not_subclasses():
    assert not issubclass(E.AnalysisException, E.IllegalArgumentException)
    assert not issubclass(E.ArithmeticException, E.AnalysisException)
    assert not issubclass(E.PySparkValueError, E.AnalysisException)


# ------------------------------------------------------------------------------------------
# Messages and SQLSTATE
# ------------------------------------------------------------------------------------------


def test_unresolved_column_with_suggestion():
    e = E.AnalysisException(
        errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
        messageParameters={"objectName": "`x`", "proposal": "`a`, `b`"},
    )
    assert e.getCondition() == "UNRESOLVED_COLUMN.WITH_SUGGESTION"
    assert e.getSqlState() == "42703"
    assert e.getMessageParameters() == {"objectName": "`x`", "proposal": "`a`, `b`"}
    expected = (
        "[UNRESOLVED_COLUMN.WITH_SUGGESTION] A column, variable, or function parameter with "
        "name `x` cannot be resolved. Did you mean one of the following? [`a`, `b`]. "
        "SQLSTATE: 42703"
    )
    assert str(e) == expected
    assert e.getMessage() == expected


@pytest.mark.parametrize(
    "cls, condition, params, message, state",
    [
        ("AnalysisException", "PATH_NOT_FOUND", {"path": "file:/tmp/x"},
         "Path does not exist: file:/tmp/x.", "42K03"),
        ("AnalysisException", "PATH_ALREADY_EXISTS", {"outputPath": "file:/o"},
         'Path file:/o already exists. Set mode as "overwrite" to overwrite the existing path.',
         "42K04"),
        ("ParseException", "PARSE_SYNTAX_ERROR", {"error": "'FROM'", "hint": ""},
         "Syntax error at or near 'FROM'.", "42601"),
        ("ParseException", "PARSE_SYNTAX_ERROR", {"error": "'x'", "hint": ": extra input 'x'"},
         "Syntax error at or near 'x': extra input 'x'.", "42601"),
        ("ArithmeticException", "DIVIDE_BY_ZERO", {"config": '"spark.sql.ansi.enabled"'},
         "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL "
         'instead. If necessary set "spark.sql.ansi.enabled" to "false" to bypass this error.',
         "22012"),
        ("NumberFormatException", "CAST_INVALID_INPUT",
         {"expression": "'abc'", "sourceType": '"STRING"', "targetType": '"INT"'},
         "The value 'abc' of the type \"STRING\" cannot be cast to \"INT\" because it is "
         "malformed. Correct the value as per the syntax, or change its target type. Use "
         "`try_cast` to tolerate malformed input and return NULL instead.",
         "22018"),
        ("ArithmeticException", "ARITHMETIC_OVERFLOW",
         {"message": "long overflow", "alternative": " Use 'try_add' to tolerate overflow.",
          "config": '"spark.sql.ansi.enabled"'},
         "long overflow. Use 'try_add' to tolerate overflow. If necessary set "
         '"spark.sql.ansi.enabled" to "false" to bypass this error.',
         "22003"),
    ],
)
def test_server_side_messages(cls, condition, params, message, state):
    e = getattr(E, cls)(errorClass=condition, messageParameters=params)
    assert e.getSqlState() == state
    assert str(e) == "[%s] %s SQLSTATE: %s" % (condition, message, state)


def test_table_or_view_not_found_multiline():
    e = E.AnalysisException(
        errorClass="TABLE_OR_VIEW_NOT_FOUND", messageParameters={"relationName": "`people`"}
    )
    assert e.getSqlState() == "42P01"
    assert str(e) == (
        "[TABLE_OR_VIEW_NOT_FOUND] The table or view `people` cannot be found. Verify the "
        "spelling and correctness of the schema and catalog.\n"
        "If you did not qualify the name with a schema, verify the current_schema() output, "
        "or qualify the name with the correct schema and catalog.\n"
        "To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS. "
        "SQLSTATE: 42P01"
    )


def test_python_side_errors_do_not_print_sqlstate():
    e = E.PySparkTypeError(
        errorClass="CANNOT_MERGE_TYPE",
        messageParameters={"data_type1": "LongType", "data_type2": "DoubleType"},
    )
    assert str(e) == "[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`."
    assert e.getSqlState() == "42K09"
    e = E.PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    assert str(e) == "[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset."
    e = E.PySparkValueError(errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    assert str(e) == "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring."
    assert e.getSqlState() is None
    e = E.PySparkNotImplementedError(
        errorClass="UNSUPPORTED_OPERATION", messageParameters={"operation": "RDD"}
    )
    assert str(e) == "[UNSUPPORTED_OPERATION] RDD is not supported."


def test_server_side_without_sqlstate_and_explicit_sqlstate():
    e = E.AnalysisException(errorClass="CANNOT_DETERMINE_TYPE", messageParameters={})
    assert str(e) == "[CANNOT_DETERMINE_TYPE] Some of types cannot be determined after inferring."
    e = E.SparkRuntimeException("boom", errorClass="MY_COND", sqlState="XX000")
    assert e.getSqlState() == "XX000"
    assert str(e) == "[MY_COND] boom SQLSTATE: XX000"
    e = E.AnalysisException(
        errorClass="PATH_NOT_FOUND", messageParameters={"path": "/p"}, sqlState="99999"
    )
    assert str(e).endswith("SQLSTATE: 99999")


def test_explicit_message_and_no_condition():
    e = E.AnalysisException("something failed")
    assert e.getCondition() is None and e.getSqlState() is None
    assert str(e) == "something failed"
    e = E.PySparkValueError("bad value")
    assert str(e) == "bad value"
    e = E.PySparkValueError("custom text", errorClass="NOT_IMPLEMENTED")
    assert str(e) == "[NOT_IMPLEMENTED] custom text"
    assert e.getMessageParameters() is None
    full = "[PATH_NOT_FOUND] Path does not exist: /x. SQLSTATE: 42K03"
    e = E.AnalysisException(full, errorClass="PATH_NOT_FOUND", messageParameters={"path": "/x"})
    assert str(e) == full


def test_positional_constructor_signature():
    e = E.AnalysisException(None, "PATH_NOT_FOUND", {"path": "/a"}, "42K03")
    assert e.getCondition() == "PATH_NOT_FOUND"
    assert e.getMessageParameters() == {"path": "/a"}
    assert e.getSqlState() == "42K03"


def test_get_error_class_is_deprecated_alias():
    e = E.ParseException(errorClass="PARSE_SYNTAX_ERROR", messageParameters={"error": "'a'", "hint": ""})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert e.getErrorClass() == "PARSE_SYNTAX_ERROR"
    assert any(issubclass(w.category, FutureWarning) for w in caught)


def test_lenient_unknown_condition_and_missing_params():
    e = E.AnalysisException(errorClass="NO_SUCH_CONDITION", messageParameters={"a": "1"})
    assert e.getCondition() == "NO_SUCH_CONDITION"
    assert e.getSqlState() is None
    assert str(e) == "[NO_SUCH_CONDITION] a=1"
    e = E.AnalysisException(errorClass="PATH_NOT_FOUND", messageParameters={})
    assert str(e) == "[PATH_NOT_FOUND] Path does not exist: <path>. SQLSTATE: 42K03"


def test_sub_condition_sql_state_and_messages():
    assert B.get_sql_state("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION") == "42703"
    assert B.get_sql_state(None) is None
    msg = B.get_error_message("UNRESOLVED_COLUMN.WITHOUT_SUGGESTION", {"objectName": "`c`"})
    assert msg.startswith(
        "A column, variable, or function parameter with name `c` cannot be resolved."
    )
    assert B.get_error_message("PATH_NOT_FOUND", {"path": 3}) == "Path does not exist: 3."


def test_key_error_str_is_not_quoted():
    e = E.PySparkKeyError(errorClass="KEY_NOT_EXISTS", messageParameters={"key": "k"})
    assert str(e) == "[KEY_NOT_EXISTS] Key `k` does not exist."


def test_query_context_and_assertion_data():
    e = E.AnalysisException(errorClass="PATH_NOT_FOUND", messageParameters={"path": "/x"})
    assert e.getQueryContext() == []
    assert e.getBreakingChangeInfo() is None
    with pytest.raises(TypeError):
        E.QueryContext()
    assert E.QueryContextType.DataFrame.value == 1

    class Ctx(E.QueryContext):
        def contextType(self):
            return E.QueryContextType.SQL

        def objectType(self):
            return ""

        def objectName(self):
            return ""

        def startIndex(self):
            return 0

        def stopIndex(self):
            return 1

        def fragment(self):
            return "x"

        def callSite(self):
            return ""

        def summary(self):
            return ""

    ctx = Ctx()
    e = E.AnalysisException("m", contexts=[ctx])
    assert e.getQueryContext() == [ctx]
    a = E.PySparkAssertionError("rows differ", "DIFFERENT_ROWS", {"error_msg": "x"}, [1, 2])
    assert a.data == [1, 2]
    assert isinstance(a, AssertionError)


def test_pickle_round_trip():
    e = E.AnalysisException(
        errorClass="UNRESOLVED_COLUMN.WITH_SUGGESTION",
        messageParameters={"objectName": "`x`", "proposal": "`a`"},
    )
    e2 = pickle.loads(pickle.dumps(e))
    assert type(e2) is E.AnalysisException
    assert str(e2) == str(e)
    assert e2.getCondition() == e.getCondition()
    assert e2.getMessageParameters() == e.getMessageParameters()
    v = pickle.loads(pickle.dumps(E.PySparkValueError("plain")))
    assert str(v) == "plain"


def test_raise_and_catch_by_builtin_type():
    with pytest.raises(ValueError) as ei:
        raise E.PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    assert ei.value.getCondition() == "CANNOT_INFER_EMPTY_SCHEMA"
    with pytest.raises(E.PySparkException):
        raise E.ParseException(errorClass="PARSE_SYNTAX_ERROR", messageParameters={"error": "'x'", "hint": ""})
