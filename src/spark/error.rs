//! Spark's errors as PySpark raises them: the `pyspark.errors` class, Spark's error
//! condition with its parameters and SQLSTATE, and the message. Both engines' failures
//! become a [`SparkError`] before they reach Python.
use std::collections::BTreeMap;

/// A Spark error as PySpark raises it: the `pyspark.errors` class, Spark's error
/// condition with its parameters, and the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SparkError {
    /// The `pyspark.errors` class name (`AnalysisException`, `SparkConnectGrpcException`).
    pub class: String,
    /// Spark's condition (`UNRESOLVED_COLUMN.WITH_SUGGESTION`), when there is one.
    pub condition: Option<String>,
    pub message: String,
    pub parameters: BTreeMap<String, String>,
}

impl SparkError {
    /// An error of `class` with a condition and its parameters.
    pub fn spark(class: &str, condition: &str, message: impl Into<String>, parameters: &[(&str, String)]) -> Self {
        SparkError {
            class: class.to_string(),
            condition: Some(condition.to_string()),
            message: message.into(),
            parameters: parameters.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    /// An error of `class` without a Spark condition.
    pub fn plain(class: &str, message: impl Into<String>) -> Self {
        SparkError { class: class.to_string(), condition: None, message: message.into(), parameters: BTreeMap::new() }
    }

    /// Spark's `INTERNAL_ERROR` (SQLSTATE XX000): a bug of the engine itself, such as a
    /// Rust panic, raised as `SparkRuntimeException` so that the session goes on.
    pub fn internal(message: impl Into<String>) -> Self {
        let message = message.into();
        Self::spark("SparkRuntimeException", "INTERNAL_ERROR", message.clone(), &[("message", message)])
    }

    /// `INTERNAL_ERROR` for a panic, with the panic's text.
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Self {
        let text = payload.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| payload.downcast_ref::<String>().cloned()).unwrap_or_else(|| "a panic without a message".to_string());
        Self::internal(format!("Ember's engine panicked: {text}"))
    }

    /// Spark's `SPARK_JOB_CANCELLED` for a job stopped by a cancel (`cancelJobGroup`,
    /// `interruptTag`, ...).
    pub fn job_cancelled(job_id: usize, reason: &str) -> Self {
        Self::spark(
            "SparkRuntimeException",
            "SPARK_JOB_CANCELLED",
            format!("Job {job_id} cancelled {reason}"),
            &[("jobId", job_id.to_string()), ("reason", reason.to_string())],
        )
    }
}

thread_local! {
    /// Whether this thread is inside `catch_quietly`.
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work`, catching a panic without the panic hook's message on stderr: for calls
/// into libraries that are known to panic on bad input (the `parquet` crate on a corrupt
/// footer), whose panic Ember turns into Spark's error. Other threads' panics are printed
/// as before.
pub fn catch_quietly<T>(work: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    let was = QUIET.with(|quiet| quiet.replace(true));
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work));
    QUIET.with(|quiet| quiet.set(was));
    outcome
}

impl std::fmt::Display for SparkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.condition {
            Some(condition) => write!(f, "[{condition}] {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for SparkError {}

/// The SQLSTATE of the Spark error conditions Ember raises (Spark's
/// `error-conditions.json`), by the condition's main name (`DATATYPE_MISMATCH` for
/// `DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION`). `None` for a condition that has none.
pub fn sql_state(condition: &str) -> Option<&'static str> {
    let main = condition.split('.').next().unwrap_or(condition);
    SQL_STATES.iter().find(|(name, _)| *name == main).map(|(_, state)| *state)
}

const SQL_STATES: &[(&str, &str)] = &[
    ("INTERNAL_ERROR", "XX000"),
    ("AGGREGATE_FUNCTION_WITH_NONDETERMINISTIC_EXPRESSION", "42845"),
    ("INVALID_FORMAT", "42601"),
    ("INVALID_OBSERVED_METRICS", "42K0E"),
    ("UNRESOLVED_COLUMN_AMONG_FIELD_NAMES", "42703"),
    ("INVALID_PARAMETER_VALUE", "22023"),
    ("UNSUPPORTED_FEATURE", "0A000"),
    ("HLL_INVALID_INPUT_SKETCH_BUFFER", "22546"),
    ("HLL_INVALID_LG_K", "22546"),
    ("HLL_UNION_DIFFERENT_LG_K", "22000"),
    ("KLL_INVALID_INPUT_SKETCH_BUFFER", "22000"),
    ("KLL_SKETCH_INVALID_QUANTILE_RANGE", "22003"),
    ("KLL_SKETCH_K_OUT_OF_RANGE", "22003"),
    ("SKETCH_INVALID_LG_NOM_ENTRIES", "22003"),
    ("THETA_INVALID_INPUT_SKETCH_BUFFER", "22000"),
    ("TUPLE_INVALID_INPUT_SKETCH_BUFFER", "22000"),
    ("TUPLE_INVALID_INPUT_SKETCH_BUFFER_FAMILY", "22000"),
    ("TUPLE_INVALID_SKETCH_MODE", "22023"),
    ("AMBIGUOUS_REFERENCE", "42704"),
    ("ARITHMETIC_OVERFLOW", "22003"),
    ("BINARY_ARITHMETIC_OVERFLOW", "22003"),
    ("CANNOT_PARSE_INTERVAL", "22006"),
    ("CANNOT_PARSE_TIMESTAMP", "22007"),
    ("CAST_INVALID_INPUT", "22018"),
    ("CAST_OVERFLOW", "22003"),
    ("CODEC_NOT_AVAILABLE", "56038"),
    ("COLUMN_ALREADY_EXISTS", "42711"),
    ("CREATE_VIEW_COLUMN_ARITY_MISMATCH", "21S01"),
    ("DATA_SOURCE_NOT_FOUND", "42K02"),
    ("XML_ROW_TAG_MISSING", "42KDF"),
    ("UNABLE_TO_INFER_SCHEMA", "42KD9"),
    ("DATATYPE_MISMATCH", "42K09"),
    ("DATATYPE_MISSING_SIZE", "42K01"),
    ("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION", "22003"),
    ("DATETIME_FIELD_OUT_OF_BOUNDS", "22023"),
    ("DIVIDE_BY_ZERO", "22012"),
    ("UNABLE_TO_ACQUIRE_MEMORY", "53200"),
    ("INVALID_DRIVER_MEMORY", "F0000"),
    ("FAILED_FUNCTION_CALL", "38000"),
    ("FAILED_READ_FILE", "KD001"),
    ("GROUPING_ID_COLUMN_MISMATCH", "42803"),
    ("ILLEGAL_DAY_OF_WEEK", "22009"),
    ("INCOMPATIBLE_COLUMN_TYPE", "42825"),
    ("INVALID_ARRAY_INDEX", "22003"),
    ("INVALID_ARRAY_INDEX_IN_ELEMENT_AT", "22003"),
    ("INVALID_CONF_VALUE", "22022"),
    ("INVALID_FRACTION_OF_SECOND", "22023"),
    ("INVALID_INTERVAL_FORMAT", "22006"),
    ("INTERVAL_ARITHMETIC_OVERFLOW", "22015"),
    ("INTERVAL_DIVIDED_BY_ZERO", "22012"),
    ("INVALID_INDEX_OF_ZERO", "22003"),
    ("INVALID_SAVE_MODE", "42000"),
    ("INVALID_TIMEZONE", "22009"),
    ("INVALID_UTF8_STRING", "22029"),
    ("INVALID_TYPED_LITERAL", "42604"),
    ("INVALID_USAGE_OF_STAR_OR_REGEX", "42000"),
    ("INVALID_VARIANT_CAST", "22023"),
    ("MALFORMED_RECORD_IN_PARSING", "22023"),
    ("NOT_IMPLEMENTED", "0A000"),
    ("NUM_COLUMNS_MISMATCH", "42826"),
    ("NUMERIC_OUT_OF_SUPPORTED_RANGE", "22003"),
    ("NUMERIC_VALUE_OUT_OF_RANGE", "22003"),
    ("PARSE_SYNTAX_ERROR", "42601"),
    ("PATH_ALREADY_EXISTS", "42K04"),
    ("PATH_NOT_FOUND", "42K03"),
    ("PYTHON_EXCEPTION", "38000"),
    ("REMAINDER_BY_ZERO", "22012"),
    ("SPARK_JOB_CANCELLED", "XXKDA"),
    ("TABLE_OR_VIEW_NOT_FOUND", "42P01"),
    ("TEMP_TABLE_OR_VIEW_ALREADY_EXISTS", "42P07"),
    ("UNRESOLVED_COLUMN", "42703"),
    ("UNRESOLVED_ROUTINE", "42883"),
    ("UNRESOLVED_USING_COLUMN_FOR_JOIN", "42703"),
    ("UNSUPPORTED_DATATYPE", "0A000"),
    ("UNSUPPORTED_TIME_TYPE", "0A000"),
    ("UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE", "0A000"),
    ("UNSUPPORTED_EXPR_FOR_WINDOW", "42P20"),
    ("UNSUPPORTED_JOIN_TYPE", "0A000"),
    ("USER_RAISED_EXCEPTION", "P0001"),
    ("WINDOW_FUNCTION_FRAME_NOT_ORDERED", "42601"),
    ("WRONG_NUM_ARGS", "42605"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_carry_spark_sql_states() {
        assert_eq!(sql_state("DIVIDE_BY_ZERO"), Some("22012"));
        assert_eq!(sql_state("DATATYPE_MISMATCH.CAST_WITH_FUNC_SUGGESTION"), Some("42K09"));
        assert_eq!(sql_state("NOT_A_CONDITION"), None);
        let cancelled = SparkError::job_cancelled(3, "part of cancelled job group g");
        assert_eq!(cancelled.to_string(), "[SPARK_JOB_CANCELLED] Job 3 cancelled part of cancelled job group g");
    }
}
