//! The one table of Spark function names and the engine functions behind them. Three
//! uses read it:
//! - resolving a Spark call (`F.mean`, SQL `nvl`) to the engine function that computes it;
//! - registering engine functions under their Spark names, so that SQL finds them;
//! - naming a result column after the Spark function (Spark's `prettyName`), not the
//!   engine's (`first_value(x)` is Spark's `first(x)`), and sending Spark's name to a
//!   Spark Connect server.

/// Whether a function computes one value per row or per group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Scalar,
    Aggregate,
}

/// One Spark name of an engine function and what it is used for.
#[derive(Debug, Clone, Copy)]
pub struct FunctionName {
    /// Spark's name (`mean`, `nvl`, `first`), or the operator a column name shows (`/`).
    pub spark: &'static str,
    /// The engine's function (DataFusion's or Ember's own UDF).
    pub engine: &'static str,
    pub kind: Kind,
    /// A Spark call by this name runs `engine`.
    pub resolves: bool,
    /// `engine` is also registered under the Spark name (for SQL).
    pub registers: bool,
    /// A column computed by `engine` is named with the Spark name.
    pub names: bool,
}

const fn entry(spark: &'static str, engine: &'static str, kind: Kind, resolves: bool, registers: bool, names: bool) -> FunctionName {
    FunctionName { spark, engine, kind, resolves, registers, names }
}

use Kind::{Aggregate, Scalar};

/// The table. Where two Spark names share an engine function, the first one that
/// `names` is the column name.
pub const FUNCTION_NAMES: &[FunctionName] = &[
    // Spark's aliases of engine functions (aliases Spark names by the alias, such as
    // `lcase`, are engine functions of their own: `udfs::renamed`).
    entry("array", "make_array", Scalar, false, true, true),
    entry("size", "cardinality", Scalar, false, true, false),
    entry("sort_array", "array_sort", Scalar, false, true, false),
    entry("element_at", "array_element", Scalar, false, true, false),
    entry("array_agg", "collect_list", Aggregate, true, false, false),
    entry("collect_list", "array_agg", Aggregate, false, false, true),
    entry("var_samp", "var", Aggregate, false, false, true),
    // Spark's current_database is current_schema by another name.
    entry("current_schema", "current_database", Scalar, false, false, true),
    // Spark's math functions name their columns in capitals (`UnaryMathExpression` and
    // `BinaryMathExpression` names: `SQRT(x)`), unless called by an alias (`ceiling`).
    entry("SQRT", "sqrt", Scalar, false, false, true),
    entry("ACOS", "acos", Scalar, false, false, true),
    entry("ACOSH", "acosh", Scalar, false, false, true),
    entry("ASIN", "asin", Scalar, false, false, true),
    entry("ASINH", "asinh", Scalar, false, false, true),
    entry("ATAN", "atan", Scalar, false, false, true),
    entry("ATANH", "atanh", Scalar, false, false, true),
    entry("CBRT", "cbrt", Scalar, false, false, true),
    entry("CEIL", "ceil", Scalar, false, false, true),
    entry("COS", "cos", Scalar, false, false, true),
    entry("COSH", "cosh", Scalar, false, false, true),
    entry("COT", "cot", Scalar, false, false, true),
    entry("CSC", "csc", Scalar, false, false, true),
    entry("SEC", "sec", Scalar, false, false, true),
    entry("EXP", "exp", Scalar, false, false, true),
    entry("EXPM1", "expm1", Scalar, false, false, true),
    entry("FLOOR", "floor", Scalar, false, false, true),
    entry("LOG10", "log10", Scalar, false, false, true),
    entry("LOG1P", "log1p", Scalar, false, false, true),
    entry("LOG2", "log2", Scalar, false, false, true),
    entry("SIGNUM", "signum", Scalar, false, false, true),
    entry("SIN", "sin", Scalar, false, false, true),
    entry("SINH", "sinh", Scalar, false, false, true),
    entry("TAN", "tan", Scalar, false, false, true),
    entry("TANH", "tanh", Scalar, false, false, true),
    entry("DEGREES", "degrees", Scalar, false, false, true),
    entry("RADIANS", "radians", Scalar, false, false, true),
    entry("ATAN2", "atan2", Scalar, false, false, true),
    entry("POWER", "power", Scalar, false, false, true),
    entry("HYPOT", "hypot", Scalar, false, false, true),
    entry("PI", "pi", Scalar, false, false, true),
    entry("E", "e", Scalar, false, false, true),
    // Ember's own functions, named as Spark names the expression they compute.
    entry("/", "ember_divide", Scalar, false, false, true),
    entry("div", "ember_div", Scalar, false, false, true),
    entry("round", "spark_round", Scalar, false, false, true),
    entry("RLIKE", "regexp_like", Scalar, false, false, true),
    entry("startswith", "starts_with", Scalar, false, false, true),
    entry("endswith", "ends_with", Scalar, false, false, true),
];

/// The engine function a Spark call by `spark_name` (lower case) runs.
pub fn engine_name(spark_name: &str) -> &str {
    FUNCTION_NAMES.iter().find(|f| f.resolves && f.spark == spark_name).map_or(spark_name, |f| f.engine)
}

/// The Spark name a column computed by the engine function `engine_name` is named with.
pub fn spark_name(engine_name: &str) -> &str {
    FUNCTION_NAMES.iter().find(|f| f.names && f.engine == engine_name).map_or(engine_name, |f| f.spark)
}

/// The engine function a SQL call by `spark_name` (lower case) is planned as, when the
/// column it computes is named by the table (`first` is planned as `first_value` and
/// named `first(v)`), so that the SQL planner does not name it after the call's text.
pub fn sql_engine_name(spark_name: &str) -> Option<&'static str> {
    FUNCTION_NAMES.iter().find(|f| f.resolves && f.registers && f.names && f.spark == spark_name).map(|f| f.engine)
}

/// The (Spark name, engine function) pairs of a kind registered under Spark's name.
pub fn registered_aliases(kind: Kind) -> impl Iterator<Item = (&'static str, &'static str)> {
    FUNCTION_NAMES.iter().filter(move |f| f.registers && f.kind == kind).map(|f| (f.spark, f.engine))
}

/// Spark's built-in SQL functions that PySpark 4.3 exposes in `pyspark.sql.functions`
/// (its `__all__`, less the Python-only helpers such as `col` and `udf`), sorted. A call
/// to one of these that the engine cannot run is "not implemented", not an unknown routine.
pub const SPARK_BUILTINS: &[&str] = &[
    "abs", "acos", "acosh", "add_months", "aes_decrypt", "aes_encrypt", "aggregate", "any_value",
    "approx_count_distinct", "approx_percentile", "array", "array_agg", "array_append",
    "array_compact", "array_contains", "array_distinct", "array_except", "array_insert",
    "array_intersect", "array_join", "array_max", "array_min", "array_position", "array_prepend",
    "array_remove", "array_repeat", "array_size", "array_sort", "array_union", "arrays_overlap",
    "arrays_zip", "ascii", "asin", "asinh", "assert_true", "atan", "atan2", "atanh", "avg",
    "base64", "bin", "bit_and", "bit_count", "bit_get", "bit_length", "bit_or", "bit_xor",
    "bitmap_and_agg", "bitmap_bit_position", "bitmap_bucket_number", "bitmap_construct_agg",
    "bitmap_count", "bitmap_or_agg", "bitwise_not", "bool_and", "bool_or", "bround", "btrim",
    "bucket", "cardinality", "cbrt", "ceil", "ceiling", "char", "char_length", "character_length",
    "coalesce", "collate", "collation", "collect_list", "collect_set", "collect_union", "concat",
    "concat_ws", "contains", "conv", "convert_timezone", "corr", "cos", "cosh", "cot", "count",
    "count_distinct", "count_if", "count_min_sketch", "counter_diff", "covar_pop", "covar_samp",
    "crc32", "create_map", "csc", "cume_dist", "curdate", "current_catalog", "current_database",
    "current_date", "current_path", "current_schema", "current_time", "current_timestamp",
    "current_timezone", "current_user", "date_add", "date_diff", "date_format",
    "date_from_unix_date", "date_part", "date_sub", "date_trunc", "dateadd", "datediff", "datepart",
    "day", "dayname", "dayofmonth", "dayofweek", "dayofyear", "days", "decode", "degrees",
    "dense_rank", "e", "element_at", "elt", "encode", "endswith", "equal_null", "every", "exists",
    "exp", "explode", "explode_outer", "expm1", "extract", "factorial", "filter", "find_in_set",
    "first", "first_value", "flatten", "floor", "forall", "format_number", "format_string",
    "from_base32", "from_csv", "from_json", "from_unixtime", "from_utc_timestamp", "from_xml",
    "get", "get_json_object", "getbit", "greatest", "grouping", "grouping_id", "hash", "hex",
    "histogram_numeric", "hll_sketch_agg", "hll_sketch_estimate", "hll_union", "hll_union_agg",
    "hmac", "hour", "hours", "hypot", "ifnull", "ilike", "initcap", "inline", "inline_outer",
    "input_file_block_length", "input_file_block_start", "input_file_name", "instr",
    "is_valid_utf8", "is_valid_variant", "is_variant_null", "isnan", "isnotnull", "isnull",
    "jaro_winkler_similarity", "java_method", "json_array_length", "json_object_keys", "json_tuple",
    "kll_merge_agg_bigint", "kll_merge_agg_double", "kll_merge_agg_float", "kll_sketch_agg_bigint",
    "kll_sketch_agg_double", "kll_sketch_agg_float", "kll_sketch_get_n_bigint",
    "kll_sketch_get_n_double", "kll_sketch_get_n_float", "kll_sketch_get_quantile_bigint",
    "kll_sketch_get_quantile_double", "kll_sketch_get_quantile_float", "kll_sketch_get_rank_bigint",
    "kll_sketch_get_rank_double", "kll_sketch_get_rank_float", "kll_sketch_merge_bigint",
    "kll_sketch_merge_double", "kll_sketch_merge_float", "kll_sketch_to_string_bigint",
    "kll_sketch_to_string_double", "kll_sketch_to_string_float", "kurtosis", "lag", "last",
    "last_day", "last_value", "lcase", "lead", "least", "left", "length", "levenshtein", "like",
    "listagg", "listagg_distinct", "ln", "localtimestamp", "locate", "log", "log10", "log1p",
    "log2", "lower", "lpad", "ltrim", "make_date", "make_dt_interval", "make_interval", "make_time",
    "make_timestamp", "make_timestamp_ltz", "make_timestamp_ntz", "make_valid_utf8",
    "make_ym_interval", "map_concat", "map_contains_key", "map_entries", "map_filter",
    "map_from_arrays", "map_from_entries", "map_keys", "map_values", "map_zip_with", "mask", "max",
    "max_by", "md5", "mean", "median", "min", "min_by", "minute", "mode",
    "monotonically_increasing_id", "month", "monthname", "months", "months_between", "named_struct",
    "nanvl", "negate", "negative", "next_day", "now", "nth_value", "ntile", "nullif", "nullifzero",
    "nvl", "nvl2", "octet_length", "overlay", "parse_json", "parse_url", "percent_rank",
    "percentile", "percentile_approx", "pi", "pmod", "posexplode", "posexplode_outer", "position",
    "positive", "pow", "power", "printf", "product", "quarter", "quote", "radians", "raise_error",
    "rand", "randn", "randstr", "rank", "reduce", "reflect", "regexp", "regexp_count",
    "regexp_extract", "regexp_extract_all", "regexp_instr", "regexp_like", "regexp_replace",
    "regexp_substr", "regr_avgx", "regr_avgy", "regr_count", "regr_intercept", "regr_r2",
    "regr_slope", "regr_sxx", "regr_sxy", "regr_syy", "repeat", "replace", "reverse", "right",
    "rint", "rlike", "round", "row_number", "rpad", "rtrim", "schema_of_csv", "schema_of_json",
    "schema_of_variant", "schema_of_variant_agg", "schema_of_xml", "sec", "second", "sentences",
    "sequence", "session_user", "session_window", "sha", "sha1", "sha2", "shiftleft", "shiftright",
    "shiftrightunsigned", "shuffle", "sign", "signum", "sin", "sinh", "size", "skewness", "slice",
    "some", "sort_array", "soundex", "spark_partition_id", "split", "split_part", "sqrt",
    "st_asbinary", "st_geogfromwkb", "st_geomfromwkb", "st_setsrid", "st_srid", "stack",
    "startswith", "std", "stddev", "stddev_pop", "stddev_samp", "str_to_map", "string_agg",
    "string_agg_distinct", "struct", "substr", "substring", "substring_index", "sum",
    "sum_distinct", "tan", "tanh", "theta_difference", "theta_intersection",
    "theta_intersection_agg", "theta_sketch_agg", "theta_sketch_estimate", "theta_union",
    "theta_union_agg", "time_bucket", "time_diff", "time_from_micros", "time_from_millis",
    "time_from_seconds", "time_to_micros", "time_to_millis", "time_to_seconds", "time_trunc",
    "timestamp_add", "timestamp_diff", "timestamp_micros", "timestamp_millis", "timestamp_nanos",
    "timestamp_seconds", "to_base32", "to_binary", "to_char", "to_csv", "to_date", "to_json",
    "to_number", "to_time", "to_timestamp", "to_timestamp_ltz", "to_timestamp_ntz",
    "to_unix_timestamp", "to_utc_timestamp", "to_varchar", "to_variant_object", "to_xml",
    "transform", "transform_keys", "transform_values", "translate", "trim", "trunc", "try_add",
    "try_aes_decrypt", "try_avg", "try_divide", "try_element_at", "try_make_interval",
    "try_make_timestamp", "try_make_timestamp_ltz", "try_make_timestamp_ntz", "try_mod",
    "try_multiply", "try_parse_json", "try_parse_url", "try_reflect", "try_subtract", "try_sum",
    "try_to_binary", "try_to_date", "try_to_number", "try_to_time", "try_to_timestamp",
    "try_url_decode", "try_validate_utf8", "try_variant_array_append", "try_variant_get",
    "try_variant_insert", "try_variant_set", "tuple_difference_double", "tuple_difference_integer",
    "tuple_difference_theta_double", "tuple_difference_theta_integer",
    "tuple_intersection_agg_double", "tuple_intersection_agg_integer", "tuple_intersection_double",
    "tuple_intersection_integer", "tuple_intersection_theta_double",
    "tuple_intersection_theta_integer", "tuple_sketch_agg_double", "tuple_sketch_agg_integer",
    "tuple_sketch_estimate_double", "tuple_sketch_estimate_integer", "tuple_sketch_summary_double",
    "tuple_sketch_summary_integer", "tuple_sketch_theta_double", "tuple_sketch_theta_integer",
    "tuple_union_agg_double", "tuple_union_agg_integer", "tuple_union_double",
    "tuple_union_integer", "tuple_union_theta_double", "tuple_union_theta_integer", "typeof",
    "ucase", "unbase64", "unhex", "uniform", "unix_date", "unix_micros", "unix_millis",
    "unix_nanos", "unix_seconds", "unix_timestamp", "upper", "url_decode", "url_encode", "user",
    "validate_utf8", "var_pop", "var_samp", "variance", "variant_array_append", "variant_delete",
    "variant_get", "variant_insert", "variant_set", "variant_strip_nulls", "vector_avg",
    "vector_cosine_similarity", "vector_inner_product", "vector_l2_distance", "vector_norm",
    "vector_normalize", "vector_sum", "version", "weekday", "weekofyear", "when", "width_bucket",
    "window", "window_time", "xpath", "xpath_boolean", "xpath_double", "xpath_float", "xpath_int",
    "xpath_long", "xpath_number", "xpath_short", "xpath_string", "xxhash64", "year", "years",
    "zeroifnull", "zip_with",
];

/// Whether `name` (any case) is one of Spark's built-in functions.
pub fn is_spark_builtin(name: &str) -> bool {
    SPARK_BUILTINS.binary_search(&name.to_lowercase().as_str()).is_ok()
}

/// PySpark's functions that Spark's SQL does not resolve (`UNRESOLVED_ROUTINE` in SQL
/// text, `expr` and `selectExpr`): DataFrame-only names of functions SQL spells otherwise
/// (`negate` is `negative`, `create_map` is `map`) and the partition transforms. Checked
/// against PySpark 4.3.0, which resolves the rest of `functions.__all__` in SQL.
const DATAFRAME_ONLY: &[&str] = &[
    "bitwise_not", "bucket", "count_distinct", "create_map", "days", "hours", "listagg_distinct", "months", "negate", "product",
    "string_agg_distinct", "sum_distinct", "timestamp_add", "timestamp_diff", "years",
];

/// Whether `name` (any case) is a PySpark function that Spark's SQL does not have.
pub fn is_dataframe_only(name: &str) -> bool {
    DATAFRAME_ONLY.contains(&name.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_use_reads_the_table() {
        assert_eq!(engine_name("substring"), "substring");
        assert_eq!(engine_name("mean"), "mean");
        assert_eq!(engine_name("array_agg"), "collect_list");
        assert_eq!(engine_name("abs"), "abs");
        assert_eq!(spark_name("make_array"), "array");
        assert_eq!(spark_name("cardinality"), "cardinality");
        assert_eq!(spark_name("first_value"), "first_value");
        assert_eq!(spark_name("coalesce"), "coalesce");
        assert_eq!(sql_engine_name("array"), None);
        assert_eq!(sql_engine_name("mean"), None);
        assert!(registered_aliases(Kind::Scalar).any(|pair| pair == ("array", "make_array")));
        assert!(!registered_aliases(Kind::Aggregate).any(|(spark, _)| spark == "mean"));
    }

    #[test]
    fn spark_builtins_are_sorted_for_lookup() {
        assert!(SPARK_BUILTINS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_spark_builtin("Months_Between"));
        assert!(!is_spark_builtin("col"));
    }

    #[test]
    fn a_spark_name_resolves_to_one_engine_function() {
        for (i, a) in FUNCTION_NAMES.iter().enumerate() {
            for b in &FUNCTION_NAMES[i + 1..] {
                assert!(!(a.resolves && b.resolves && a.spark == b.spark), "{} resolves twice", a.spark);
            }
        }
    }
}
