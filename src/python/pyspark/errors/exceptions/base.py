"""Exception classes of the PySpark-compatible package (no JVM, standard library only).

Mirrors ``pyspark.errors.exceptions.base`` of PySpark 4.x.  Every exception carries
an *error condition* (``errorClass``), message parameters and an optional SQLSTATE.
When no explicit ``message`` is given, the message is rendered from a small built-in
table of Spark error-condition templates (:data:`ERROR_CONDITIONS`), substituting
``<param>`` placeholders from ``messageParameters``.

Two families exist, as in PySpark 4 with Spark Connect:

* *Server-side* exceptions (the ones PySpark converts from Spark SQL errors:
  :class:`AnalysisException`, :class:`ParseException`, :class:`ArithmeticException`,
  ...).  Spark formats their message as ``[CONDITION] message SQLSTATE: xxxxx``, so
  ``str(e)`` ends with the SQLSTATE whenever one is known.
* *Python-side* errors (:class:`PySparkValueError`, :class:`PySparkTypeError`, ...)
  and a bare :class:`PySparkException`.  PySpark prints them as
  ``[CONDITION] message`` without the SQLSTATE, even when
  :meth:`PySparkException.getSqlState` knows one.

This module imports nothing from other ``pyspark`` modules, so it can be loaded
before (or without) the rest of the package.
"""

import re
import warnings
from abc import ABC, abstractmethod
from enum import Enum
from pickle import PicklingError
from typing import Any, Dict, Iterable, List, Optional

__all__ = [
    "SparkConnectGrpcException",
    "ERROR_CONDITIONS",
    "PySparkException",
    "AnalysisException",
    "SessionNotSameException",
    "TempTableAlreadyExistsException",
    "ParseException",
    "IllegalArgumentException",
    "ArithmeticException",
    "UnsupportedOperationException",
    "ArrayIndexOutOfBoundsException",
    "DateTimeException",
    "NumberFormatException",
    "StreamingQueryException",
    "StreamingPythonRunnerInitializationException",
    "QueryExecutionException",
    "PythonException",
    "SparkRuntimeException",
    "SparkUpgradeException",
    "SparkNoSuchElementException",
    "UnknownException",
    "PySparkValueError",
    "PySparkTypeError",
    "PySparkIndexError",
    "PySparkAttributeError",
    "PySparkRuntimeError",
    "PySparkAssertionError",
    "PySparkNotImplementedError",
    "PySparkPicklingError",
    "PySparkKeyError",
    "PySparkImportError",
    "PickleException",
    "QueryContextType",
    "QueryContext",
    "get_error_message",
    "get_sql_state",
]


# ---------------------------------------------------------------------------------------------
# Error-condition table
# ---------------------------------------------------------------------------------------------
#
# Each entry: {"message": [lines...], "sqlState": "xxxxx" (optional),
#              "subClass": {NAME: {"message": [lines...], "sqlState": ... (optional)}}}
# Message lines are joined with "\n"; a sub-condition's message is appended to the main
# message after a single space (both as Spark's and PySpark's readers do).

ERROR_CONDITIONS: Dict[str, Dict[str, Any]] = {
    # --- Spark SQL (server-side) conditions ---------------------------------------------
    "CLASSIC_OPERATION_NOT_SUPPORTED_ON_DF": {
        "message": [
            "Calling property or member '<member>' is not supported in PySpark Classic, "
            "please use Spark Connect instead."
        ],
        "sqlState": "0A000",
    },
    "NO_OBSERVE_BEFORE_GET": {"message": ["Should observe by calling `DataFrame.observe` before `get`."]},
    "PYTHON_EXCEPTION": {
        "message": ["<msg>: <traceback>"],
        "sqlState": "38000",
    },
    "AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION": {
        "message": ["Non-deterministic expression <sqlExpr> should not appear in the arguments of an aggregate function."],
        "sqlState": "42845",
    },
    "AMBIGUOUS_COLUMN_OR_FIELD": {
        "message": ["Column or field <name> is ambiguous and has <n> matches."],
        "sqlState": "42702",
    },
    "AMBIGUOUS_REFERENCE": {
        "message": ["Reference <name> is ambiguous, could be: <referenceNames>."],
        "sqlState": "42704",
    },
    "ARITHMETIC_OVERFLOW": {
        "message": [
            '<message>.<alternative> If necessary set <config> to "false" to bypass this error.'
        ],
        "sqlState": "22003",
    },
    "CAST_INVALID_INPUT": {
        "message": [
            "The value <expression> of the type <sourceType> cannot be cast to <targetType> "
            "because it is malformed. Correct the value as per the syntax, or change its target "
            "type. Use `try_cast` to tolerate malformed input and return NULL instead."
        ],
        "sqlState": "22018",
    },
    "CAST_OVERFLOW": {
        "message": [
            "The value <value> of the type <sourceType> cannot be cast to <targetType> due to an "
            "overflow. Use `try_cast` to tolerate overflow and return NULL instead."
        ],
        "sqlState": "22003",
    },
    "COLUMN_ALREADY_EXISTS": {
        "message": [
            "The column <columnName> already exists. Choose another name or rename the existing "
            "column."
        ],
        "sqlState": "42711",
    },
    "DATATYPE_MISSING_SIZE": {
        "message": [
            "DataType <type> requires a length parameter, for example <type>(10). "
            "Please specify the length."
        ],
        "sqlState": "42K01",
    },
    "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION": {
        "message": ["Decimal precision <precision> exceeds max precision <maxPrecision>."],
        "sqlState": "22003",
    },
    "DIVIDE_BY_ZERO": {
        "message": [
            "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL "
            'instead. If necessary set <config> to "false" to bypass this error.'
        ],
        "sqlState": "22012",
    },
    "NUM_COLUMNS_MISMATCH": {
        "message": [
            "<operator> can only be performed on inputs with the same number of columns, but the "
            "first input has <firstNumColumns> columns and the <invalidOrdinalNum> input has "
            "<invalidNumColumns> columns."
        ],
        "sqlState": "42826",
    },
    "PARSE_EMPTY_STATEMENT": {
        "message": ["Syntax error, unexpected empty statement."],
        "sqlState": "42617",
    },
    "PARSE_SYNTAX_ERROR": {
        "message": ["Syntax error at or near <error><hint>."],
        "sqlState": "42601",
    },
    "INVALID_DRIVER_MEMORY": {
        "message": ["Insufficient driver memory:"],
        "sqlState": "F0000",
        "subClass": {
            "SYSTEM_MEMORY": {
                "message": [
                    "System memory <systemMemory> must be at least <minSystemMemory>.",
                    'Please increase heap size using the --driver-memory option or "<config>" in Spark configuration.',
                ],
            },
        },
    },
    "INVALID_SQL_SYNTAX": {
        "message": ["Invalid SQL syntax:"],
        "sqlState": "42000",
        "subClass": {
            "INVALID_TABLE_FUNCTION_IDENTIFIER_ARGUMENT_MISSING_PARENTHESES": {
                "message": [
                    "Syntax error: call to table-valued function is invalid because parentheses are missing "
                    "around the provided TABLE argument <argumentName>; please surround this with parentheses and try again."
                ],
            },
        },
    },
    "TABLE_VALUED_FUNCTION_TOO_MANY_TABLE_ARGUMENTS": {
        "message": [
            "There are too many table arguments for table-valued function.",
            "It allows one table argument, but got: <num>.",
            'If you want to allow it, please set "spark.sql.allowMultipleTableArguments.enabled" to "true"',
        ],
        "sqlState": "54023",
    },
    "PATH_ALREADY_EXISTS": {
        "message": [
            'Path <outputPath> already exists. Set mode as "overwrite" to overwrite the existing '
            "path."
        ],
        "sqlState": "42K04",
    },
    "PATH_NOT_FOUND": {
        "message": ["Path does not exist: <path>."],
        "sqlState": "42K03",
    },
    "REUSE_OBSERVATION": {"message": ["An Observation can be used with a DataFrame only once."]},
    "SCHEMA_NOT_FOUND": {
        "message": [
            "The schema <schemaName> cannot be found. Verify the spelling and correctness of the "
            "schema and catalog.",
            "If you did not qualify the name with a catalog, verify the current_schema() output, "
            "or qualify the name with the correct catalog.",
            "To tolerate the error on drop use DROP SCHEMA IF EXISTS.",
        ],
        "sqlState": "42704",
    },
    "TABLE_OR_VIEW_ALREADY_EXISTS": {
        "message": [
            "Cannot create table or view <relationName> because it already exists.",
            "Choose a different name, drop or replace the existing object, or add the IF NOT "
            "EXISTS clause to tolerate pre-existing objects.",
        ],
        "sqlState": "42P07",
    },
    "TABLE_OR_VIEW_NOT_FOUND": {
        "message": [
            "The table or view <relationName> cannot be found. Verify the spelling and "
            "correctness of the schema and catalog.",
            "If you did not qualify the name with a schema, verify the current_schema() output, "
            "or qualify the name with the correct schema and catalog.",
            "To tolerate the error on drop use DROP VIEW IF EXISTS or DROP TABLE IF EXISTS.",
        ],
        "sqlState": "42P01",
    },
    "TEMP_TABLE_OR_VIEW_ALREADY_EXISTS": {
        "message": [
            "Cannot create the temporary view <relationName> because it already exists.",
            # (sic) Spark's template has two spaces before "or".
            "Choose a different name, drop or replace the existing view,  or add the IF NOT "
            "EXISTS clause to tolerate pre-existing views.",
        ],
        "sqlState": "42P07",
    },
    "UNABLE_TO_ACQUIRE_MEMORY": {
        "message": ["Unable to acquire <requestedBytes> bytes of memory, got <receivedBytes>."],
        "sqlState": "53200",
    },
    "UNABLE_TO_INFER_SCHEMA": {
        "message": ["Unable to infer schema for <format>. It must be specified manually."],
        "sqlState": "42KD9",
    },
    "UNRESOLVED_COLUMN": {
        "message": [
            "A column, variable, or function parameter with name <objectName> cannot be resolved."
        ],
        "subClass": {
            "WITHOUT_SUGGESTION": {"message": [""]},
            "WITH_SUGGESTION": {"message": ["Did you mean one of the following? [<proposal>]."]},
        },
        "sqlState": "42703",
    },
    "UNRESOLVED_FIELD": {
        "message": [
            "A field with name <fieldName> cannot be resolved with the struct-type column "
            "<columnPath>."
        ],
        "subClass": {
            "WITHOUT_SUGGESTION": {"message": [""]},
            "WITH_SUGGESTION": {"message": ["Did you mean one of the following? [<proposal>]."]},
        },
        "sqlState": "42703",
    },
    "UNRESOLVED_ROUTINE": {
        "message": ["Cannot resolve routine <routineName> on search path <searchPath>."],
        "sqlState": "42883",
    },
    "UNSUPPORTED_DATATYPE": {
        "message": ["Unsupported data type <typeName>."],
        "sqlState": "0A000",
    },
    # --- PySpark (Python-side) conditions ---------------------------------------------------
    "CANNOT_SPECIFY_RETURN_TYPE_FOR_UDF": {
        "message": ["returnType can not be specified when `<arg_name>` is a user-defined function, but got <return_type>."],
    },
    "NO_SCHEMA_AND_DRIVER_DEFAULT_SCHEME": {
        "message": ["Only allows <arg_name> to be a path without scheme, and Spark Driver should use the default scheme to determine the destination file system."],
    },
    "ONLY_ALLOWED_FOR_SINGLE_COLUMN": {"message": ["Argument `<arg_name>` can only be provided for a single column."]},
    "ONLY_SUPPORTED_WITH_SPARK_CONNECT": {
        "message": ["<feature> is only supported with Spark Connect; however, the current Spark session does not use Spark Connect."],
        "sqlState": "0A000",
    },
    "ARGUMENT_REQUIRED": {"message": ["Argument `<arg_name>` is required when <condition>."]},
    "ATTRIBUTE_NOT_SUPPORTED": {
        "message": ["Attribute `<attr_name>` is not supported."],
        "sqlState": "0A000",
    },
    "AXIS_LENGTH_MISMATCH": {
        "message": [
            "Length mismatch: Expected axis has <expected_length> elements, new values have "
            "<actual_length> elements."
        ]
    },
    "CANNOT_BE_EMPTY": {"message": ["At least one <item> must be specified."]},
    "CANNOT_BE_NONE": {"message": ["Argument `<arg_name>` cannot be None."]},
    "CANNOT_CONVERT_TYPE": {"message": ["Cannot convert <from_type> into <to_type>."]},
    "CANNOT_DETERMINE_TYPE": {"message": ["Some of types cannot be determined after inferring."]},
    "CANNOT_INFER_EMPTY_SCHEMA": {
        "message": ["Can not infer schema from an empty dataset."],
        "sqlState": "42K09",
    },
    "CANNOT_INFER_SCHEMA_FOR_TYPE": {
        "message": ["Can not infer schema for type: `<data_type>`."],
        "sqlState": "42K09",
    },
    "CANNOT_INFER_TYPE_FOR_FIELD": {
        "message": ["Unable to infer the type of the field `<field_name>`."],
        "sqlState": "42K09",
    },
    "CANNOT_MERGE_TYPE": {
        "message": ["Can not merge type `<data_type1>` and `<data_type2>`."],
        "sqlState": "42K09",
    },
    "CANNOT_PARSE_DATATYPE": {"message": ["Unable to parse datatype. <msg>."]},
    "CANNOT_SET_TOGETHER": {"message": ["<arg_list> should not be set together."]},
    "INVALID_ITEM_FOR_CONTAINER": {"message": ["All items in `<arg_name>` should be in <allowed_types>, got <item_type>."]},
    "DISALLOWED_TYPE_FOR_CONTAINER": {
        "message": ["Argument `<arg_name>`(type: <arg_type>) should only contain a type in [<allowed_types>], got <item_type>"]
    },
    "INDEX_NOT_POSITIVE": {"message": ["Index must be positive, got '<index>'."]},
    "INDEX_OUT_OF_RANGE": {"message": ["<arg_name> index out of range, got '<index>'."]},
    "INVALID_NDARRAY_DIMENSION": {"message": ["NumPy array input should be of <dimensions> dimensions."]},
    "INVALID_INTERVAL_CASTING": {"message": ["Interval <start_field> to <end_field> is invalid."]},
    "INVALID_TYPE": {"message": ["Argument `<arg_name>` should not be a <arg_type>."]},
    "INVALID_UDF_EVAL_TYPE": {"message": ["Eval type for UDF must be <eval_type>."]},
    "CANNOT_REGISTER_UDTF": {"message": ["Cannot register the UDTF '<name>': expected a 'UserDefinedTableFunction'. Please make sure the UDTF is correctly defined as a class, and then either wrap it in the `udtf()` function or annotate it with `@udtf(...)`."]},
    "INVALID_UDTF_BOTH_RETURN_TYPE_AND_ANALYZE": {"message": ["The UDTF '<name>' is invalid. It has both its return type and an 'analyze' attribute. Please make it have one of either the return type or the 'analyze' static method in '<name>' and try again."]},
    "INVALID_UDTF_HANDLER_TYPE": {"message": ["The UDTF is invalid. The function handler must be a class, but got '<type>'. Please provide a class as the function handler."]},
    "INVALID_UDTF_NO_EVAL": {"message": ["The UDTF '<name>' is invalid. It does not implement the required 'eval' method. Please implement the 'eval' method in '<name>' and try again."]},
    "INVALID_UDTF_RETURN_TYPE": {"message": ["The UDTF '<name>' is invalid. It does not specify its return type or implement the required 'analyze' static method. Please specify the return type or implement the 'analyze' static method in '<name>' and try again."]},
    "UDTF_CONSTRUCTOR_INVALID_IMPLEMENTS_ANALYZE_METHOD": {"message": ["Failed to evaluate the user-defined table function '<name>' because its constructor is invalid: the function implements the 'analyze' method, but its constructor has more than two arguments (including the 'self' reference). Please update the table function so that its constructor accepts exactly one 'self' argument, or one 'self' argument plus another argument for the result of the 'analyze' method, and try the query again."]},
    "UDTF_CONSTRUCTOR_INVALID_NO_ANALYZE_METHOD": {"message": ["Failed to evaluate the user-defined table function '<name>' because its constructor is invalid: the function does not implement the 'analyze' method, and its constructor has more than one argument (including the 'self' reference). Please update the table function so that its constructor accepts exactly one 'self' argument, and try the query again."]},
    "UDTF_EVAL_METHOD_ARGUMENTS_DO_NOT_MATCH_SIGNATURE": {"message": ["Failed to evaluate the user-defined table function '<name>' because the function arguments did not match the expected signature of the 'eval' method (<reason>). Please update the query so that this table function call provides arguments matching the expected signature, or else update the table function so that its 'eval' method accepts the provided arguments, and then try the query again."]},
    "UDTF_EXEC_ERROR": {"message": ["User defined table function encountered an error in the '<method_name>' method: <error>"]},
    "UDTF_INVALID_OUTPUT_ROW_TYPE": {"message": ["The type of an individual output row in the '<func>' method of the UDTF is invalid. Each row should be a tuple, list, or dict, but got '<type>'. Please make sure that the output rows are of the correct type."]},
    "UDTF_RETURN_NOT_ITERABLE": {"message": ["The return value of the '<func>' method of the UDTF is invalid. It should be an iterable (e.g., generator or list), but got '<type>'. Please make sure that the UDTF returns one of these types."]},
    "RESULT_COLUMN_TYPES_MISMATCH": {"message": ["Column types of the returned data do not match specified schema. Mismatch: <mismatch>."]},
    "UDTF_ARROW_TYPE_CONVERSION_ERROR": {"message": ["PyArrow UDTF must return an iterator of pyarrow.Table or pyarrow.RecordBatch objects."]},
    "UDTF_RETURN_SCHEMA_MISMATCH": {"message": ["The number of columns in the result does not match the specified schema. Expected column count: <expected>, Actual column count: <actual>. Please make sure the values returned by the '<func>' method have the same number of columns as specified in the output schema."]},
    "UDTF_RETURN_TYPE_MISMATCH": {"message": ["Mismatch in return type for the UDTF '<name>'. Expected a 'StructType', but got '<return_type>'. Please ensure the return type is a correctly formatted StructType."]},
    "INVALID_TYPENAME_CALL": {
        "message": [
            "StructField does not have typeName. Use typeName on its type explicitly instead."
        ]
    },
    "KEY_NOT_EXISTS": {"message": ["Key `<key>` does not exist."]},
    "HIGHER_ORDER_FUNCTION_SHOULD_RETURN_COLUMN": {
        "message": ["Function `<func_name>` should return Column, got <return_type>."]
    },
    "LENGTH_SHOULD_BE_THE_SAME": {
        "message": [
            "<arg1> and <arg2> should be of the same length, got <arg1_length> and "
            "<arg2_length>."
        ]
    },
    "NOT_EXPECTED_TYPE": {
        "message": ["Argument `<arg_name>` should be <expected_type>, got <arg_type>."],
        "sqlState": "42K09",
    },
    "NOT_IMPLEMENTED": {"message": ["<feature> is not implemented."], "sqlState": "0A000"},
    "NO_MERGE_ACTION_SPECIFIED": {
        "message": ["df.mergeInto needs to be followed by at least one of whenMatched/whenNotMatched/whenNotMatchedBySource."],
        "sqlState": "42K0E",
    },
    "UNSUPPORTED_JOIN_TYPE": {
        "message": ["Unsupported join type '<typ>'. Supported join types include: <supported>."],
        "sqlState": "0A000",
    },
    "WRITE_STREAM_NOT_ALLOWED": {
        "message": ["`writeStream` can be called only on streaming Dataset/DataFrame."],
        "sqlState": "42601",
    },
    "UNSUPPORTED_FEATURE": {
        "message": ["The feature is not supported:"],
        "sqlState": "0A000",
        "subClass": {
            "CHANGE_DATA_CAPTURE": {"message": ["Catalog <catalogName> does not support Change Data Capture (CDC)."]},
            "TABLE_OPERATION": {
                "message": [
                    "Table <tableName> does not support <operation>. Please check the current catalog and "
                    "namespace to make sure the qualified table name is expected, and also check the catalog "
                    "implementation which is configured by \"spark.sql.catalog\"."
                ]
            },
        },
    },
    "AS_OF_JOIN": {"message": ["Invalid as-of join."], "sqlState": "42604", "subClass": {"TOLERANCE_IS_NON_NEGATIVE": {"message": ["The input argument `tolerance` must be non-negative."]}, "TOLERANCE_IS_UNFOLDABLE": {"message": ["The input argument `tolerance` must be a constant."]}, "UNSUPPORTED_DIRECTION": {"message": ["Unsupported as-of join direction '<direction>'. Supported as-of join direction include: <supported>."]}}},
    "NEAREST_BY_JOIN": {"message": ["Invalid nearest-by join."], "sqlState": "42604", "subClass": {"CROSS_JOIN_NOT_ENABLED": {"message": ["Nearest-by join is implemented as a bounded cross-product internally and is therefore rejected when `spark.sql.crossJoin.enabled = false`. Set `spark.sql.crossJoin.enabled = true` to permit it, or rewrite the query without nearest-by."]}, "NON_ORDERABLE_RANKING_EXPRESSION": {"message": ["The ranking expression <expression> of type <type> is not orderable. Provide an expression that returns an orderable type, such as a numeric distance like abs(a.col - b.col) or a numeric similarity score."]}, "NUM_RESULTS_OUT_OF_RANGE": {"message": ["The number of results <numResults> must be between <min> and <max>. Update the literal in `APPROX NEAREST <numResults> BY ...` (or `EXACT NEAREST <numResults> BY ...`) to fall within that range."]}, "STREAMING_NOT_SUPPORTED": {"message": ["Nearest-by join is not supported with streaming DataFrames/Datasets."]}, "UNSUPPORTED_DIRECTION": {"message": ["Unsupported nearest-by join direction '<direction>'. Supported nearest-by join directions include: <supported>."]}, "UNSUPPORTED_JOIN_TYPE": {"message": ["Unsupported nearest-by join type <joinType>. Supported types: <supported>."]}, "UNSUPPORTED_MODE": {"message": ["Unsupported nearest-by join mode '<mode>'. Supported modes include: <supported>."]}}},
    "VALUE_NOT_NON_EMPTY_STR": {
        "message": ["Value for `<arg_name>` must be a non-empty string, got '<arg_value>'."]
    },
    "XML_ROW_TAG_MISSING": {"message": ["<rowTag> option is required for reading/writing files in XML format."], "sqlState": "42KDF"},
    "PACKAGE_NOT_INSTALLED": {"message": ["<package_name> >= <minimum_version> must be installed; however, it was not found."]},
    "UNSUPPORTED_DATA_TYPE_FOR_ARROW": {"message": ["Single data type <data_type> is not supported with Arrow."]},
    "RESULT_COLUMN_SCHEMA_MISMATCH": {"message": ["Number of columns of the returned data doesn't match specified schema. Expected: <expected> Actual: <actual>"]},
    "FIELD_NOT_NULLABLE": {"message": ["Field is not nullable, but got None."]},
    "FIELD_NOT_NULLABLE_WITH_NAME": {"message": ["<field_name>: This field is not nullable, but got None."]},
    "FIELD_DATA_TYPE_UNACCEPTABLE": {"message": ["<data_type> can not accept object <obj> in type <obj_type>."]},
    "FIELD_DATA_TYPE_UNACCEPTABLE_WITH_NAME": {"message": ["<field_name>: <data_type> can not accept object <obj> in type <obj_type>."]},
    "FIELD_TYPE_MISMATCH": {"message": ["<obj> is not an instance of type <data_type>."]},
    "FIELD_TYPE_MISMATCH_WITH_NAME": {"message": ["<field_name>: <obj> is not an instance of type <data_type>."]},
    "FIELD_STRUCT_LENGTH_MISMATCH": {"message": ["Length of object (<object_length>) does not match with length of fields (<field_length>)."]},
    "FIELD_STRUCT_LENGTH_MISMATCH_WITH_NAME": {"message": ["<field_name>: Length of object (<object_length>) does not match with length of fields (<field_length>)."]},
    "READ_ONLY": {"message": ["<object> is read-only."]},
    "TOO_MANY_VALUES": {"message": ["Expected <expected> values for `<item>`, got <actual>."]},
    "UNEXPECTED_TUPLE_WITH_STRUCT": {"message": ["Unexpected tuple <tuple> with StructType."]},
    "ZERO_INDEX": {"message": ["Index must be non-zero."]},
    "_LEGACY_ERROR_TEMP_1312": {"message": ["'<operation>' does not support bucketBy right now."]},
    "SORT_BY_WITHOUT_BUCKETING": {"message": ["sortBy must be used together with bucketBy."], "sqlState": "42601"},
    "ZIP_PLANS_NOT_MERGEABLE": {
        "message": [
            "The two DataFrames in zip() cannot be merged. They must produce the same canonicalized plan after stripping outer Project chains, and must not contain non-scalar Python UDFs."
        ],
        "sqlState": "42K03",
    },
    "TRANSPOSE_INVALID_INDEX_COLUMN": {"message": ["Invalid index column for TRANSPOSE because: <reason>"], "sqlState": "42804"},
    "UNSUPPORTED_PARAM_TYPE_FOR_HIGHER_ORDER_FUNCTION": {
        "message": [
            "Function `<func_name>` should use only POSITIONAL or POSITIONAL OR KEYWORD arguments."
        ]
    },
    "UNSUPPORTED_DATA_TYPE": {"message": ["Unsupported DataType `<data_type>`."]},
    "UNSUPPORTED_OPERATION": {"message": ["<operation> is not supported."]},
    "WRONG_NUM_ARGS_FOR_HIGHER_ORDER_FUNCTION": {
        "message": [
            "Function `<func_name>` should take between 1 and 3 arguments, but the provided "
            "function takes <num_args>."
        ]
    },
    "VALUE_NOT_ALLOWED": {
        "message": [
            "Value for `<arg_name>` has to be amongst the following values: <allowed_values>."
        ]
    },
    "VALUE_NOT_POSITIVE": {
        "message": ["Value for `<arg_name>` must be positive, got '<arg_value>'."]
    },
    "VALUE_OUT_OF_BOUNDS": {
        "message": [
            "Value for `<arg_name>` must be between <lower_bound> and <upper_bound> (inclusive), "
            "got <actual>"
        ]
    },
}

_PARAM_RE = re.compile(r"<([a-zA-Z0-9_-]+)>")


def _lookup(condition: str) -> Optional[Dict[str, Any]]:
    """Return the table entry (main or sub-condition) for ``condition`` or None."""
    parts = condition.split(".")
    main = ERROR_CONDITIONS.get(parts[0])
    if main is None or len(parts) > 2:
        return None
    if len(parts) == 1:
        return main
    sub = main.get("subClass", {}).get(parts[1])
    return sub


def _message_template(condition: str) -> Optional[str]:
    """Template for ``condition`` ("MAIN" or "MAIN.SUB"), or None when unknown."""
    parts = condition.split(".")
    main = ERROR_CONDITIONS.get(parts[0])
    if main is None or len(parts) > 2:
        return None
    template = "\n".join(main["message"])
    if len(parts) == 2:
        sub = main.get("subClass", {}).get(parts[1])
        if sub is None:
            return None
        template = template + " " + "\n".join(sub["message"])
    return template


def get_error_message(condition: Optional[str], messageParameters: Optional[Dict[str, Any]]) -> str:
    """Render the message of an error condition from the built-in template table.

    Parameters
    ----------
    condition : str or None
        Error condition such as ``"PATH_NOT_FOUND"`` or
        ``"UNRESOLVED_COLUMN.WITH_SUGGESTION"``.
    messageParameters : dict of str to str, optional
        Values for the ``<param>`` placeholders of the template (converted with ``str``).

    Returns
    -------
    str
        The message body without the ``[CONDITION]`` prefix or SQLSTATE suffix.
        Placeholders without a value are left as-is.  For a condition absent from the
        table the message lists the parameters instead (PySpark would raise
        ``ValueError`` there; this package stays lenient so that raising an error never
        fails).

    Examples
    --------
    >>> get_error_message("PATH_NOT_FOUND", {"path": "file:/x"})
    'Path does not exist: file:/x.'
    """
    params = messageParameters or {}
    if condition is None:
        return ""
    template = _message_template(condition)
    if template is None:
        if not params:
            return ""
        return ", ".join("%s=%s" % (k, v) for k, v in params.items())

    def repl(m: "re.Match[str]") -> str:
        key = m.group(1)
        if key in params:
            return str(params[key])
        return m.group(0)

    return _PARAM_RE.sub(repl, template)


def get_sql_state(condition: Optional[str]) -> Optional[str]:
    """Return the SQLSTATE of an error condition from the built-in table.

    Parameters
    ----------
    condition : str or None
        Error condition, optionally with a sub-condition (``"MAIN.SUB"``).

    Returns
    -------
    str or None
        The 5-character SQLSTATE (a sub-condition's own state wins over the main one),
        or None when the condition is unknown or has none.

    Examples
    --------
    >>> get_sql_state("UNRESOLVED_COLUMN.WITH_SUGGESTION")
    '42703'
    """
    if condition is None:
        return None
    parts = condition.split(".")
    main = ERROR_CONDITIONS.get(parts[0])
    if main is None:
        return None
    if len(parts) == 2:
        sub = main.get("subClass", {}).get(parts[1])
        if sub is not None and sub.get("sqlState"):
            return sub["sqlState"]
    return main.get("sqlState")


# ---------------------------------------------------------------------------------------------
# Query context
# ---------------------------------------------------------------------------------------------


class QueryContextType(Enum):
    """The type of a :class:`QueryContext` (mirrors ``pyspark.errors.QueryContextType``).

    Members ``SQL`` (0) and ``DataFrame`` (1).

    Examples
    --------
    >>> QueryContextType.SQL.name
    'SQL'
    """

    SQL = 0
    DataFrame = 1


class QueryContext(ABC):
    """Where in a query an error happened (mirrors ``pyspark.errors.QueryContext``).

    Abstract: the engine may subclass it and pass instances through the ``contexts``
    argument of :class:`PySparkException`; :meth:`PySparkException.getQueryContext`
    returns them.
    """

    @abstractmethod
    def contextType(self) -> QueryContextType:
        """Return the :class:`QueryContextType` of this context."""

    @abstractmethod
    def objectType(self) -> str:
        """Return the object type (e.g. ``"VIEW"``) or ``""`` for the main query."""

    @abstractmethod
    def objectName(self) -> str:
        """Return the object name or ``""`` for the main query."""

    @abstractmethod
    def startIndex(self) -> int:
        """Return the 0-based start index of the failing fragment."""

    @abstractmethod
    def stopIndex(self) -> int:
        """Return the 0-based stop index of the failing fragment."""

    @abstractmethod
    def fragment(self) -> str:
        """Return the failing fragment of the query."""

    @abstractmethod
    def callSite(self) -> str:
        """Return the user call site of the API that failed."""

    @abstractmethod
    def summary(self) -> str:
        """Return a summary of the failure location."""


# ---------------------------------------------------------------------------------------------
# Exceptions
# ---------------------------------------------------------------------------------------------


class PySparkException(Exception):
    """Base class of all PySpark errors (mirrors ``pyspark.errors.PySparkException``).

    Parameters
    ----------
    message : str, optional
        Message body (without the ``[CONDITION]`` prefix).  When None it is rendered from
        the built-in template of ``errorClass`` with ``messageParameters``.  A message that
        already starts with ``[errorClass]`` is taken as fully formatted and printed as is.
    errorClass : str, optional
        Error condition, e.g. ``"PATH_NOT_FOUND"`` or ``"UNRESOLVED_COLUMN.WITH_SUGGESTION"``.
    messageParameters : dict of str to str, optional
        Values of the template's ``<param>`` placeholders.
    sqlState : str, optional
        Explicit SQLSTATE; defaults to the condition's state from the table.
    contexts : list of :class:`QueryContext`, optional
        Query contexts returned by :meth:`getQueryContext`.

    Notes
    -----
    ``str(e)`` is ``"[CONDITION] message"`` (just ``message`` when there is no condition).
    Server-side subclasses (:class:`AnalysisException`, ...) append ``" SQLSTATE: xxxxx"``
    when a SQLSTATE is known, as Spark formats them.

    Examples
    --------
    >>> e = PySparkException(errorClass="NOT_IMPLEMENTED", messageParameters={"feature": "rdd"})
    >>> str(e)
    '[NOT_IMPLEMENTED] rdd is not implemented.'
    >>> e.getCondition(), e.getSqlState()
    ('NOT_IMPLEMENTED', '0A000')
    """

    # True for exceptions that represent Spark SQL (server-side) errors.
    _server_side = False

    def __init__(
        self,
        message: Optional[str] = None,
        errorClass: Optional[str] = None,
        messageParameters: Optional[Dict[str, str]] = None,
        sqlState: Optional[str] = None,
        contexts: Optional[List[QueryContext]] = None,
    ):
        self._full_message = False
        if message is None:
            self._message = get_error_message(errorClass, messageParameters)
        else:
            self._message = message
            if errorClass is not None and message.startswith("[%s]" % errorClass):
                self._full_message = True
        self._errorClass = errorClass
        self._messageParameters = messageParameters
        self._sqlState = sqlState
        self._contexts = contexts if contexts is not None else []

    def getCondition(self) -> Optional[str]:
        """Return the error condition (``errorClass``) or None.

        Mirrors ``PySparkException.getCondition`` (PySpark 4.0+).

        Returns
        -------
        str or None

        Examples
        --------
        >>> PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA").getCondition()
        'CANNOT_INFER_EMPTY_SCHEMA'
        """
        return self._errorClass

    def getErrorClass(self) -> Optional[str]:
        """Deprecated alias of :meth:`getCondition`; emits a ``FutureWarning``.

        Mirrors ``PySparkException.getErrorClass`` (deprecated in PySpark 4.0).

        Returns
        -------
        str or None
        """
        warnings.warn("Deprecated in 4.0.0, use getCondition instead.", FutureWarning)
        return self.getCondition()

    def getMessageParameters(self) -> Optional[Dict[str, str]]:
        """Return the message parameters dict given at construction (or None).

        Mirrors ``PySparkException.getMessageParameters``.

        Returns
        -------
        dict of str to str, or None

        Examples
        --------
        >>> AnalysisException(errorClass="PATH_NOT_FOUND",
        ...                   messageParameters={"path": "/x"}).getMessageParameters()
        {'path': '/x'}
        """
        return self._messageParameters

    def getSqlState(self) -> Optional[str]:
        """Return the SQLSTATE: the explicit ``sqlState`` argument, else the condition's.

        Mirrors ``PySparkException.getSqlState``.

        Returns
        -------
        str or None
            None when the condition is unknown or has no SQLSTATE.

        Examples
        --------
        >>> AnalysisException(errorClass="PATH_NOT_FOUND",
        ...                   messageParameters={"path": "/x"}).getSqlState()
        '42K03'
        """
        if self._sqlState is not None:
            return self._sqlState
        return get_sql_state(self._errorClass)

    def getMessage(self) -> str:
        """Return the full error message.

        Mirrors ``PySparkException.getMessage`` (PySpark 4.0+): ``"[CONDITION] message"``;
        server-side exceptions add ``" SQLSTATE: xxxxx"`` like Spark does.

        Returns
        -------
        str

        Examples
        --------
        >>> PySparkTypeError(errorClass="CANNOT_MERGE_TYPE",
        ...     messageParameters={"data_type1": "LongType", "data_type2": "DoubleType"}
        ... ).getMessage()
        '[CANNOT_MERGE_TYPE] Can not merge type `LongType` and `DoubleType`.'
        """
        if self._full_message:
            return self._message
        if self._server_side:
            # Spark's legacy conditions have no "[CONDITION]" prefix or SQLSTATE.
            if self._errorClass is None or self._errorClass.startswith("_LEGACY_ERROR_"):
                return self._message
            state = self.getSqlState()
            suffix = "" if state is None else " SQLSTATE: %s" % state
            return "[%s] %s%s" % (self._errorClass, self._message, suffix)
        return "[%s] %s" % (self.getCondition(), self._message)

    def getBreakingChangeInfo(self) -> Optional[Dict[str, Any]]:
        """Return breaking-change info for the condition; always None here.

        Mirrors ``PySparkException.getBreakingChangeInfo``.
        """
        return None

    def getQueryContext(self) -> List[QueryContext]:
        """Return the list of :class:`QueryContext` given at construction (may be empty).

        Mirrors ``PySparkException.getQueryContext`` (PySpark 4.0+).
        """
        return self._contexts

    def __str__(self) -> str:
        if self.getCondition() is not None:
            return self.getMessage()
        return self._message


class _ServerSideException(PySparkException):
    """Internal marker base: exceptions converted from Spark SQL errors (SQLSTATE printed)."""

    _server_side = True


class AnalysisException(_ServerSideException):
    """Failed to analyze a SQL query plan (mirrors ``pyspark.errors.AnalysisException``).

    Takes the :class:`PySparkException` arguments.  Typical conditions:
    ``UNRESOLVED_COLUMN.WITH_SUGGESTION`` (42703), ``TABLE_OR_VIEW_NOT_FOUND`` (42P01),
    ``PATH_NOT_FOUND`` (42K03).

    Examples
    --------
    >>> str(AnalysisException(errorClass="PATH_NOT_FOUND", messageParameters={"path": "/x"}))
    '[PATH_NOT_FOUND] Path does not exist: /x. SQLSTATE: 42K03'
    """


class SessionNotSameException(_ServerSideException):
    """Performed the same operation on different SparkSessions.

    Mirrors ``pyspark.errors.SessionNotSameException``; arguments as
    :class:`PySparkException`.
    """


class TempTableAlreadyExistsException(AnalysisException):
    """Failed to create a temp view because it already exists.

    Mirrors ``pyspark.errors.TempTableAlreadyExistsException`` (a subclass of
    :class:`AnalysisException`); typical condition ``TEMP_TABLE_OR_VIEW_ALREADY_EXISTS``.
    """


class ParseException(AnalysisException):
    """Failed to parse a SQL command or DDL string.

    Mirrors ``pyspark.errors.ParseException`` (a subclass of :class:`AnalysisException`);
    typical condition ``PARSE_SYNTAX_ERROR`` (42601).

    Examples
    --------
    >>> str(ParseException(errorClass="PARSE_SYNTAX_ERROR",
    ...                    messageParameters={"error": "'<'", "hint": ""}))
    "[PARSE_SYNTAX_ERROR] Syntax error at or near '<'. SQLSTATE: 42601"

    Raised by ``spark.sql``, its text also tells where the error is, as Spark's
    ``ParseException.getMessage`` does: `` (line L, pos P)``, then the query under
    ``== SQL ==`` with a caret line below line L pointing at position P.
    """

    def __init__(self, *args: Any, **kwargs: Any):
        parameters = kwargs.get("messageParameters")
        self._position = None
        if parameters and "__sql" in parameters:
            parameters = dict(parameters)
            self._position = (parameters.pop("__sql"), int(parameters.pop("__line")), int(parameters.pop("__pos")))
            kwargs["messageParameters"] = parameters
        super().__init__(*args, **kwargs)

    def __str__(self) -> str:
        text = super().__str__()
        if self._position is None:
            return text
        query, line, position = self._position
        lines = query.split("\n")
        above = "".join(part + "\n" for part in lines[:line])
        below = "".join(part + "\n" for part in lines[line:])
        return "\n%s (line %d, pos %d)\n\n== SQL ==\n%s%s^^^\n%s" % (text, line, position, above, "-" * position, below)


class IllegalArgumentException(_ServerSideException):
    """Passed an illegal or inappropriate argument.

    Mirrors ``pyspark.errors.IllegalArgumentException``.
    """


class ArithmeticException(_ServerSideException):
    """Arithmetic error such as ``DIVIDE_BY_ZERO`` (22012) or ``ARITHMETIC_OVERFLOW`` (22003).

    Mirrors ``pyspark.errors.ArithmeticException``.
    """


class UnsupportedOperationException(_ServerSideException):
    """Unsupported operation reported by Spark.

    Mirrors ``pyspark.errors.UnsupportedOperationException``.
    """


class ArrayIndexOutOfBoundsException(_ServerSideException):
    """Array index out of bounds reported by Spark.

    Mirrors ``pyspark.errors.ArrayIndexOutOfBoundsException``.
    """


class DateTimeException(_ServerSideException):
    """Datetime error reported by Spark.

    Mirrors ``pyspark.errors.DateTimeException``.
    """


class NumberFormatException(IllegalArgumentException):
    """Number format error, e.g. ``CAST_INVALID_INPUT`` (22018).

    Mirrors ``pyspark.errors.NumberFormatException`` (a subclass of
    :class:`IllegalArgumentException`).
    """


class StreamingQueryException(_ServerSideException):
    """Exception that stopped a streaming query.

    Mirrors ``pyspark.errors.StreamingQueryException``.
    """


class StreamingPythonRunnerInitializationException(_ServerSideException):
    """Failed to initialize a streaming Python runner.

    Mirrors ``pyspark.errors.StreamingPythonRunnerInitializationException``.
    """


class QueryExecutionException(_ServerSideException):
    """Failed to execute a query.

    Mirrors ``pyspark.errors.QueryExecutionException``.
    """


class PythonException(_ServerSideException):
    """Exception thrown from a Python worker (e.g. inside a UDF).

    Its text is PySpark's: the worker's message, a colon, and the traceback from the
    user's code on (Spark's ``spark.sql.execution.pyspark.udf.simplifiedTraceback``
    drops the frames of PySpark's own modules; here, those of Ember's). The condition
    stays ``PYTHON_EXCEPTION``.

    Mirrors ``pyspark.errors.PythonException``.
    """

    def __str__(self) -> str:
        parameters = self.getMessageParameters() or {}
        if self.getCondition() != "PYTHON_EXCEPTION" or "traceback" not in parameters:
            return super().__str__()
        return "%s:\n%s" % (parameters.get("msg", ""), _user_traceback(str(parameters["traceback"])))


def _user_traceback(text: str) -> str:
    """A traceback without the frames of Ember's own modules (files ``<ember>/...``)."""
    kept: List[str] = []
    dropping = False
    for line in text.rstrip("\n").split("\n"):
        if line.startswith('  File "'):
            dropping = line.startswith('  File "<ember>/')
        elif not line.startswith("    "):
            dropping = False
        if not dropping:
            kept.append(line)
    return "\n".join(kept)


class SparkRuntimeException(_ServerSideException):
    """Runtime error reported by Spark.

    Mirrors ``pyspark.errors.SparkRuntimeException``.
    """


class SparkUpgradeException(_ServerSideException):
    """Error caused by a behaviour change in a Spark upgrade.

    Mirrors ``pyspark.errors.SparkUpgradeException``.
    """


class SparkNoSuchElementException(_ServerSideException):
    """Equivalent of ``java.util.NoSuchElementException`` (e.g. a missing config key).

    Mirrors ``pyspark.errors.SparkNoSuchElementException``.
    """


class SparkConnectGrpcException(PySparkException):
    """The Spark Connect server could not be reached, or the channel failed.

    Mirrors ``pyspark.errors.exceptions.connect.SparkConnectGrpcException``.
    """


class UnknownException(_ServerSideException):
    """Any other server-side error.

    Mirrors ``pyspark.errors.UnknownException``.
    """


class PySparkValueError(PySparkException, ValueError):
    """``ValueError`` with an error condition (mirrors ``pyspark.errors.PySparkValueError``).

    Examples
    --------
    >>> e = PySparkValueError(errorClass="CANNOT_INFER_EMPTY_SCHEMA", messageParameters={})
    >>> isinstance(e, ValueError), str(e)
    (True, '[CANNOT_INFER_EMPTY_SCHEMA] Can not infer schema from an empty dataset.')
    """


class PySparkTypeError(PySparkException, TypeError):
    """``TypeError`` with an error condition (mirrors ``pyspark.errors.PySparkTypeError``)."""


class PySparkIndexError(PySparkException, IndexError):
    """``IndexError`` with an error condition (mirrors ``pyspark.errors.PySparkIndexError``)."""


class PySparkAttributeError(PySparkException, AttributeError):
    """``AttributeError`` with an error condition.

    Mirrors ``pyspark.errors.PySparkAttributeError``.
    """


class PySparkRuntimeError(PySparkException, RuntimeError):
    """``RuntimeError`` with an error condition.

    Mirrors ``pyspark.errors.PySparkRuntimeError``.
    """


class PySparkAssertionError(PySparkException, AssertionError):
    """``AssertionError`` with an error condition and optional offending rows.

    Mirrors ``pyspark.errors.PySparkAssertionError``.

    Parameters
    ----------
    message, errorClass, messageParameters
        As :class:`PySparkException`.
    data : iterable of Row, optional
        Rows that caused the assertion failure, stored on ``self.data``.
    sqlState : str, optional
        Keyword-only here, since PySpark's fourth positional argument is ``data``.
    """

    def __init__(
        self,
        message: Optional[str] = None,
        errorClass: Optional[str] = None,
        messageParameters: Optional[Dict[str, str]] = None,
        data: Optional[Iterable[Any]] = None,
        *,
        sqlState: Optional[str] = None,
        contexts: Optional[List[QueryContext]] = None,
    ):
        super().__init__(message, errorClass, messageParameters, sqlState, contexts)
        self.data = data


class PySparkNotImplementedError(PySparkException, NotImplementedError):
    """``NotImplementedError`` with an error condition (typically ``NOT_IMPLEMENTED``).

    Mirrors ``pyspark.errors.PySparkNotImplementedError``.

    Examples
    --------
    >>> str(PySparkNotImplementedError(errorClass="NOT_IMPLEMENTED",
    ...                                messageParameters={"feature": "RDD"}))
    '[NOT_IMPLEMENTED] RDD is not implemented.'
    """


class PySparkPicklingError(PySparkException, PicklingError):
    """``pickle.PicklingError`` with an error condition.

    Mirrors ``pyspark.errors.PySparkPicklingError``.
    """


class PySparkKeyError(PySparkException, KeyError):
    """``KeyError`` with an error condition (mirrors ``pyspark.errors.PySparkKeyError``)."""


class PySparkImportError(PySparkException, ImportError):
    """``ImportError`` with an error condition (mirrors ``pyspark.errors.PySparkImportError``)."""


class PickleException(_ServerSideException):
    """Server-side pickling failure.

    Mirrors ``pyspark.errors.PickleException``.
    """
