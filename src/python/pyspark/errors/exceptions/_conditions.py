"""The table of Spark error conditions that :mod:`pyspark.errors.exceptions.base` fills
its messages from, in a module of its own so that it is loaded with the first error
rather than at start-up."""
from typing import Any, Dict

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
