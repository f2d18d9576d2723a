//! The local engine's error type, carrying Spark's error conditions.
use std::collections::BTreeMap;

use datafusion::error::DataFusionError;

/// The `pyspark.errors` class an error surfaces as in Python.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    Analysis,
    Parse,
    Arithmetic,
    NumberFormat,
    IllegalArgument,
    Runtime,
    DateTime,
    ArrayIndexOutOfBounds,
    /// A Spark feature Ember does not have yet (`NOT_IMPLEMENTED`).
    NotImplemented,
}

impl ErrorClass {
    /// The Python class name in `pyspark.errors`.
    pub fn python_name(self) -> &'static str {
        match self {
            ErrorClass::Analysis => "AnalysisException",
            ErrorClass::Parse => "ParseException",
            ErrorClass::Arithmetic => "ArithmeticException",
            ErrorClass::NumberFormat => "NumberFormatException",
            ErrorClass::IllegalArgument => "IllegalArgumentException",
            ErrorClass::Runtime => "SparkRuntimeException",
            ErrorClass::DateTime => "DateTimeException",
            ErrorClass::ArrayIndexOutOfBounds => "ArrayIndexOutOfBoundsException",
            ErrorClass::NotImplemented => "PySparkNotImplementedError",
        }
    }
}

impl ErrorClass {
    /// The class of a `pyspark.errors` name; classes the engine does not raise itself
    /// become `SparkRuntimeException`.
    pub fn from_python_name(name: &str) -> Self {
        [
            ErrorClass::Analysis,
            ErrorClass::Parse,
            ErrorClass::Arithmetic,
            ErrorClass::NumberFormat,
            ErrorClass::IllegalArgument,
            ErrorClass::DateTime,
            ErrorClass::ArrayIndexOutOfBounds,
            ErrorClass::NotImplemented,
        ]
        .into_iter()
        .find(|class| class.python_name() == name)
        .unwrap_or(ErrorClass::Runtime)
    }
}

/// An error of the local engine: a Spark condition, its parameters and a message.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// An error with a Spark condition (`UNRESOLVED_COLUMN.WITH_SUGGESTION`, ...).
    #[error("[{condition}] {message}")]
    Spark {
        class: ErrorClass,
        condition: String,
        message: String,
        parameters: BTreeMap<String, String>,
    },
    /// A DataFusion error that has no Spark condition of its own.
    #[error("{0}")]
    DataFusion(Box<DataFusionError>),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("invalid plan: {0}")]
    Plan(#[from] crate::plan::PlanError),
    /// An exception raised by a Python UDF, with its traceback: Spark's `PythonException`
    /// (`PYTHON_EXCEPTION`).
    #[error("{0}")]
    Python(String),
    /// A bug in Ember.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result alias of the local engine.
pub type Result<T> = std::result::Result<T, EngineError>;

impl EngineError {
    /// An error with a Spark condition and named message parameters.
    pub fn spark(class: ErrorClass, condition: &str, message: impl Into<String>, parameters: &[(&str, String)]) -> Self {
        EngineError::Spark {
            class,
            condition: condition.to_string(),
            message: message.into(),
            parameters: parameters.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(),
        }
    }

    /// An `AnalysisException` with the given condition.
    pub fn analysis(condition: &str, message: impl Into<String>, parameters: &[(&str, String)]) -> Self {
        Self::spark(ErrorClass::Analysis, condition, message, parameters)
    }

    /// Spark's `DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE` for argument `index` (0-based) of
    /// `function` when the argument's text is not at hand (inside a function's typing):
    /// `required` and `found` are Spark SQL type names (`ARRAY<FLOAT>`, `BIGINT`).
    pub fn unexpected_input_type(function: &str, index: usize, required: &str, found: &str) -> Self {
        let ordinal = ["first", "second", "third", "fourth", "fifth"].get(index).copied().unwrap_or("next");
        Self::analysis(
            "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
            format!("Cannot resolve \"{function}\" due to data type mismatch: The {ordinal} parameter requires the \"{required}\" type, however the argument has the type \"{found}\"."),
            &[("paramIndex", ordinal.to_string()), ("requiredType", format!("\"{required}\"")), ("inputType", format!("\"{found}\""))],
        )
    }

    /// An internal error (a bug), never the user's fault.
    pub fn internal(message: impl Into<String>) -> Self {
        EngineError::Internal(message.into())
    }

    /// Spark's `UNRESOLVED_COLUMN.WITH_SUGGESTION` for `name` among `candidates`.
    pub fn unresolved_column(name: &str, candidates: &[String]) -> Self {
        if candidates.is_empty() {
            return Self::analysis(
                "UNRESOLVED_COLUMN.WITHOUT_SUGGESTION",
                format!("A column, variable, or function parameter with name `{name}` cannot be resolved."),
                &[("objectName", format!("`{name}`"))],
            );
        }
        let proposal = candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ");
        Self::analysis(
            "UNRESOLVED_COLUMN.WITH_SUGGESTION",
            format!(
                "A column, variable, or function parameter with name `{name}` cannot be resolved. Did you mean one of the following? [{proposal}]."
            ),
            &[("objectName", format!("`{name}`")), ("proposal", proposal.clone())],
        )
    }

    /// A call to a function the engine does not have: `NOT_IMPLEMENTED` for one of Spark's
    /// built-in functions (`spark::function_names::SPARK_BUILTINS`), else Spark's
    /// `UNRESOLVED_ROUTINE`.
    pub fn unresolved_routine(name: &str) -> Self {
        if crate::spark::function_names::is_spark_builtin(name) {
            let feature = format!("Spark's built-in function `{}` in Ember", name.to_lowercase());
            return Self::spark(ErrorClass::NotImplemented, "NOT_IMPLEMENTED", format!("{feature} is not implemented."), &[("feature", feature.clone())]);
        }
        Self::routine_not_found(name)
    }

    /// Spark's `UNRESOLVED_ROUTINE` for a name no function has (in SQL, the DataFrame-only
    /// functions too: `function_names::is_dataframe_only`).
    pub fn routine_not_found(name: &str) -> Self {
        let path = "[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]";
        Self::analysis(
            "UNRESOLVED_ROUTINE",
            format!("Cannot resolve routine `{name}` on search path {path}."),
            &[("routineName", format!("`{name}`")), ("searchPath", path.to_string())],
        )
    }

    /// Spark's `TABLE_OR_VIEW_NOT_FOUND`.
    /// Spark's `DUPLICATED_MAP_KEY`: a map built with a key twice, under the default
    /// `spark.sql.mapKeyDedupPolicy` (EXCEPTION).
    pub fn duplicated_map_key(key: &str) -> Self {
        Self::spark(
            ErrorClass::Runtime,
            "DUPLICATED_MAP_KEY",
            format!("Duplicate map key {key} was found, please check the input data.\nIf you want to remove the duplicated keys, you can set \"spark.sql.mapKeyDedupPolicy\" to \"LAST_WIN\" so that the key inserted at last takes precedence."),
            &[("key", key.to_string()), ("mapKeyDedupPolicy", "\"spark.sql.mapKeyDedupPolicy\"".into())],
        )
    }

    pub fn table_not_found(name: &str) -> Self {
        Self::analysis(
            "TABLE_OR_VIEW_NOT_FOUND",
            format!("The table or view `{name}` cannot be found. Verify the spelling and correctness of the schema and catalog."),
            &[("relationName", format!("`{name}`"))],
        )
    }
}

/// A Spark-layer error (`spark::ddl`, ...) raised inside the engine.
impl From<crate::spark::error::SparkError> for EngineError {
    fn from(error: crate::spark::error::SparkError) -> Self {
        match error.condition {
            Some(condition) => EngineError::Spark {
                class: ErrorClass::from_python_name(&error.class),
                condition,
                message: error.message,
                parameters: error.parameters,
            },
            None => EngineError::Internal(error.message),
        }
    }
}

/// An engine error raised inside a DataFusion function, carried through DataFusion and
/// recovered by `From<DataFusionError> for EngineError`.
impl From<EngineError> for DataFusionError {
    fn from(error: EngineError) -> Self {
        DataFusionError::External(Box::new(error))
    }
}

impl From<DataFusionError> for EngineError {
    /// Maps DataFusion's errors to Spark's conditions where Spark has one (ANSI mode).
    fn from(error: DataFusionError) -> Self {
        // A Spark error raised in a function, wherever DataFusion wrapped it (a hash join's
        // build side shares its error between partitions, Arrow wraps it as external).
        if let Some(found) = engine_error_in(&error) {
            return found;
        }
        let error = unwrap_datafusion(error);
        if let DataFusionError::SchemaError(schema_error, _) = &error {
            if let datafusion::common::SchemaError::FieldNotFound { field, valid_fields } = schema_error.as_ref() {
                let names: Vec<String> = valid_fields.iter().map(|c| c.name.clone()).collect();
                return EngineError::unresolved_column(&field.name, &names);
            }
        }
        // The memory pool (`memory`) refused an operator that cannot spill, or a spill
        // that could not free enough: Spark's UNABLE_TO_ACQUIRE_MEMORY (its
        // TaskMemoryManager's SparkOutOfMemoryError).
        if let DataFusionError::ResourcesExhausted(text) = &error {
            let requested = text.split("allocate additional ").nth(1).and_then(|rest| {
                let mut words = rest.split(' ');
                crate::engine::local::memory::readable_bytes(&format!("{} {}", words.next()?, words.next()?))
            });
            let requested = requested.unwrap_or_default().to_string();
            return EngineError::spark(
                ErrorClass::Runtime,
                "UNABLE_TO_ACQUIRE_MEMORY",
                format!("Unable to acquire {requested} bytes of memory, got 0."),
                &[("requestedBytes", requested.clone()), ("receivedBytes", "0".to_string())],
            );
        }
        let text = error.to_string();
        if let DataFusionError::SQL(parse, _) = &error {
            return parse_error(&parse.to_string());
        }
        // An array function planned on a value that is not an array (SQL; the DataFrame
        // API is checked before planning, in `argument_types`, with the call's text).
        if let Some((function, found)) = text.split_once(" does not support type ").and_then(|(head, tail)| {
            let function = head.rsplit([' ', '\'']).next().filter(|f| !f.is_empty())?;
            Some((function.to_string(), tail.split(['.', ' ']).next().unwrap_or_default().to_string()))
        }) {
            let found = crate::engine::local::types::spark_sql_type_name_of_arrow_name(&found);
            return EngineError::unexpected_input_type(&function, 0, "ARRAY", &found);
        }
        // A subquery DataFusion could not turn into a join (correlated by other than
        // equalities) reaches the physical planner, which cannot run it.
        if text.contains("Physical plan does not support logical expression") && (text.contains("ScalarSubquery") || text.contains("Exists") || text.contains("InSubquery")) {
            let feature = "A subquery correlated by other than equalities in Ember".to_string();
            return EngineError::spark(ErrorClass::NotImplemented, "NOT_IMPLEMENTED", format!("{feature} is not implemented."), &[("feature", feature.clone())]);
        }
        if let Some(error) = date_field_error(&text) {
            return error;
        }
        if text.contains("to store in a Decimal128 of precision") {
            if let Some(error) = decimal_overflow(&text) {
                return error;
            }
        }
        if text.contains("Divide by zero") || text.contains("DIVIDE_BY_ZERO") {
            return EngineError::spark(
                ErrorClass::Arithmetic,
                "DIVIDE_BY_ZERO",
                "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
                &[("config", "\"spark.sql.ansi.enabled\"".to_string())],
            );
        }
        if let Some(rest) = text.split("Cannot cast string '").nth(1) {
            let value = rest.split('\'').next().unwrap_or_default().to_string();
            let target = text.rsplit(" to value of ").next().unwrap_or_default().split(' ').next().unwrap_or_default();
            let target = crate::engine::local::types::spark_sql_type_name_of_arrow_name(target);
            return crate::engine::local::cast::invalid_input(ErrorClass::NumberFormat, &value, "STRING", &target);
        }
        // Map construction (Spark's `ArrayBasedMapBuilder`, under the default
        // `spark.sql.mapKeyDedupPolicy` EXCEPTION).
        if let Some(rest) = text.split("duplicate key found: ").nth(1) {
            return EngineError::duplicated_map_key(rest.lines().next().unwrap_or_default().trim());
        }
        if text.contains("map key cannot be null") {
            return EngineError::spark(ErrorClass::Runtime, "NULL_MAP_KEY", "Cannot use null as map key.", &[]);
        }
        // slice(x, 0, n) (Spark's `Slice`).
        if text.contains("Start index must not be zero") {
            return EngineError::spark(
                ErrorClass::Runtime,
                "INVALID_PARAMETER_VALUE.START",
                "The value of parameter(s) `start` in `slice` is invalid: Expects a positive or a negative value for `start`, but got 0.",
                &[("parameter", "`start`".into()), ("functionName", "`slice`".into())],
            );
        }
        // A numeric cast that does not fit its target (Spark's `CAST_OVERFLOW` under ANSI).
        if let Some(rest) = text.split("Can't cast value ").nth(1) {
            let (value, target) = rest.split_once(" to type ").unwrap_or((rest, ""));
            let target = crate::engine::local::types::spark_sql_type_name_of_arrow_name(target.trim());
            return EngineError::spark(
                ErrorClass::Arithmetic,
                "CAST_OVERFLOW",
                format!("The value {value} cannot be cast to \"{target}\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."),
                &[("value", value.to_string()), ("targetType", format!("\"{target}\"")), ("ansiConfig", "\"spark.sql.ansi.enabled\"".into())],
            );
        }
        if let Some(rest) = text.split("is too large to store in a Decimal128 of precision ").nth(1) {
            let value = text.split("Invalid argument error: ").nth(1).unwrap_or(&text).split(' ').next().unwrap_or_default().to_string();
            let precision = rest.split('.').next().unwrap_or_default().trim().to_string();
            return EngineError::spark(
                ErrorClass::Arithmetic,
                "NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION",
                format!("{value} cannot be represented as Decimal({precision}, ...). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error, and return NULL instead."),
                &[("value", value.clone()), ("precision", precision), ("config", "\"spark.sql.ansi.enabled\"".into())],
            );
        }
        if let Some(rest) = text.split("Cannot cast value '").nth(1).filter(|_| text.contains("to value of Boolean type")) {
            let value = rest.split('\'').next().unwrap_or_default().to_string();
            return EngineError::spark(
                ErrorClass::Runtime,
                "CAST_INVALID_INPUT",
                format!("The value '{value}' of the type \"STRING\" cannot be cast to \"BOOLEAN\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead."),
                &[("expression", format!("'{value}'")), ("sourceType", "\"STRING\"".into()), ("targetType", "\"BOOLEAN\"".into())],
            );
        }
        if text.contains("Overflow") || text.contains("overflow") {
            return EngineError::spark(
                ErrorClass::Arithmetic,
                "ARITHMETIC_OVERFLOW",
                format!("{text}. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error."),
                &[("message", text.clone())],
            );
        }
        // A function the engine does not know.
        if let Some(rest) = text.split("Invalid function '").nth(1) {
            return EngineError::unresolved_routine(rest.split('\'').next().unwrap_or_default());
        }
        if let Some(rest) = text.split("table '").nth(1).filter(|_| text.contains("not found")) {
            let name = rest.split('\'').next().unwrap_or_default();
            return EngineError::table_not_found(name);
        }
        EngineError::DataFusion(Box::new(error))
    }
}

/// Spark's `PARSE_SYNTAX_ERROR` from a SQL parser message.
pub fn parse_error(message: &str) -> EngineError {
    let near = message
        .split("found: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|token| token.trim_end_matches([',', '.']).to_string())
        .unwrap_or_else(|| "end of input".to_string());
    let quoted = if near == "EOF" || near == "end of input" { "end of input".to_string() } else { format!("'{near}'") };
    EngineError::spark(
        ErrorClass::Parse,
        "PARSE_SYNTAX_ERROR",
        format!("Syntax error at or near {quoted}."),
        &[("error", quoted.clone()), ("hint", String::new())],
    )
}

/// The text of a memory pool's refusal inside `error`'s wrappers, if that is what it is.
fn exhausted(error: &DataFusionError) -> Option<String> {
    match error {
        DataFusionError::ResourcesExhausted(text) => Some(text.clone()),
        DataFusionError::Context(_, inner) | DataFusionError::Diagnostic(_, inner) => exhausted(inner),
        DataFusionError::Shared(inner) => exhausted(inner),
        DataFusionError::External(inner) => inner.downcast_ref::<DataFusionError>().and_then(exhausted),
        _ => None,
    }
}

/// Strips DataFusion's context/shared wrappers to reach the error that happened.
/// The Spark or Python error an engine function raised, found by reference through
/// DataFusion's and Arrow's wrappers.
fn engine_error_in(error: &DataFusionError) -> Option<EngineError> {
    fn from_dyn(inner: &(dyn std::error::Error + Send + Sync + 'static)) -> Option<EngineError> {
        if let Some(engine) = inner.downcast_ref::<EngineError>() {
            return match engine {
                EngineError::Spark { class, condition, message, parameters } => {
                    Some(EngineError::Spark { class: *class, condition: condition.clone(), message: message.clone(), parameters: parameters.clone() })
                }
                EngineError::Python(message) => Some(EngineError::Python(message.clone())),
                _ => None,
            };
        }
        inner.downcast_ref::<DataFusionError>().and_then(engine_error_in)
    }
    match error {
        DataFusionError::Context(_, inner) | DataFusionError::Diagnostic(_, inner) => engine_error_in(inner),
        DataFusionError::Collection(errors) => errors.first().and_then(engine_error_in),
        DataFusionError::Shared(shared) => engine_error_in(shared),
        DataFusionError::External(inner) => from_dyn(inner.as_ref()),
        DataFusionError::ArrowError(arrow, _) => match arrow.as_ref() {
            datafusion::arrow::error::ArrowError::ExternalError(inner) => from_dyn(inner.as_ref()),
            _ => None,
        },
        _ => None,
    }
}

/// Spark's `DATETIME_FIELD_OUT_OF_BOUNDS` for the engine's `make_date` errors
/// ("Month value '0' is out of range", "Unable to parse date from 2023, 2, 29"), with
/// Java's `LocalDate.of` texts.
fn date_field_error(text: &str) -> Option<EngineError> {
    let field = |name: &str| {
        let rest = text.split(&format!("{name} value '")).nth(1)?;
        rest.split('\'').next().map(str::to_string)
    };
    let message = if let Some(month) = field("Month") {
        format!("Invalid value for MonthOfYear (valid values 1 - 12): {month}")
    } else if let Some(day) = field("Day") {
        format!("Invalid value for DayOfMonth (valid values 1 - 28/31): {day}")
    } else if let Some(year) = field("Year") {
        format!("Invalid value for Year (valid values -999999999 - 999999999): {year}")
    } else {
        let rest = text.split("Unable to parse date from ").nth(1)?;
        let parts: Vec<i64> = rest.split(',').filter_map(|p| p.trim().trim_end_matches(|c: char| !c.is_ascii_digit()).parse().ok()).collect();
        let [year, month, day] = parts[..] else { return None };
        const MONTHS: [&str; 12] = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];
        if month == 2 && day == 29 {
            format!("Invalid date 'February 29' as '{year}' is not a leap year")
        } else {
            format!("Invalid date '{} {day}'", MONTHS.get((month - 1).clamp(0, 11) as usize).copied().unwrap_or("JANUARY"))
        }
    };
    Some(EngineError::spark(ErrorClass::DateTime, "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", format!("{message}. "), &[("rangeMessage", message.clone())]))
}

/// Spark's `NUMERIC_VALUE_OUT_OF_RANGE.WITH_SUGGESTION` for Arrow's refusal of a decimal
/// too wide for its precision ("-100000000.00 is too small to store in a Decimal128 of
/// precision 10. Min is -99999999.99").
fn decimal_overflow(text: &str) -> Option<EngineError> {
    let (head, tail) = text.split_once(" is too ")?;
    let value = head.rsplit(' ').next()?.to_string();
    let precision: u8 = tail.split("of precision ").nth(1)?.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()?;
    let limit = tail.split(" is ").last()?.trim().trim_end_matches('.');
    let scale = limit.split_once('.').map_or(0, |(_, fraction)| fraction.len()) as i8;
    Some(crate::engine::local::cast::out_of_range_error(&value, precision, scale))
}

fn unwrap_datafusion(error: DataFusionError) -> DataFusionError {
    match error {
        DataFusionError::Context(_, inner) => unwrap_datafusion(*inner),
        DataFusionError::Diagnostic(_, inner) => unwrap_datafusion(*inner),
        DataFusionError::Collection(mut errors) if !errors.is_empty() => unwrap_datafusion(errors.swap_remove(0)),
        DataFusionError::Shared(shared) => match std::sync::Arc::try_unwrap(shared) {
            Ok(inner) => unwrap_datafusion(inner),
            // Another holder keeps it (a hash join's build side, shared by its partitions):
            // a memory refusal stays one, the rest becomes its text.
            Err(shared) => match exhausted(&shared) {
                Some(text) => DataFusionError::ResourcesExhausted(text),
                None => DataFusionError::Execution(shared.to_string()),
            },
        },
        DataFusionError::External(inner) => match inner.downcast::<DataFusionError>() {
            Ok(inner) => unwrap_datafusion(*inner),
            Err(inner) => DataFusionError::External(inner),
        },
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_memory_refusal_is_unable_to_acquire_memory() {
        let refusal = std::sync::Arc::new(DataFusionError::ResourcesExhausted(
            "Failed to allocate additional 1.5 KB for HashJoinInput[1] with 0.0 B already allocated for this reservation".to_string(),
        ));
        // Another partition of the join still holds the error.
        let _held = refusal.clone();
        match EngineError::from(DataFusionError::Shared(refusal)) {
            EngineError::Spark { condition, parameters, .. } => {
                assert_eq!(condition, "UNABLE_TO_ACQUIRE_MEMORY");
                assert_eq!(parameters.get("requestedBytes").map(String::as_str), Some("1536"));
            }
            other => panic!("{other:?}"),
        }
    }
}
