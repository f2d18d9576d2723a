//! The Spark function table: Spark function and operator names mapped to DataFusion
//! expressions. Names DataFusion shares with Spark fall through to its registry.
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::expr::{InList, NullTreatment, WindowFunction};
use datafusion::logical_expr::{
    binary_expr, Between, Cast, Expr, ExprFunctionExt, ExprSchemable, Operator, WindowFunctionDefinition,
};
use datafusion::prelude::SessionContext;

use super::error::{EngineError, Result};

fn arity(name: &str, arguments: &[Expr], expected: usize) -> Result<()> {
    if arguments.len() == expected {
        Ok(())
    } else {
        Err(EngineError::analysis(
            "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
            format!("The `{name}` requires {expected} parameters but the actual number is {}.", arguments.len()),
            &[("functionName", format!("`{name}`")), ("expectedNum", expected.to_string()), ("actualNum", arguments.len().to_string())],
        ))
    }
}

/// `+`, `-`, `*` and `%` with Spark's rules: decimal result types, datetime arithmetic and
/// ANSI checks (the same rewrite as SQL's, `sql::spark_rules`).
fn arithmetic(name: &str, arguments: Vec<Expr>, op: Operator, schema: &DFSchema) -> Result<Expr> {
    let expr = binary(name, arguments, op)?;
    Ok(super::sql::spark_rules(expr, schema)?.data)
}

fn binary(name: &str, arguments: Vec<Expr>, op: Operator) -> Result<Expr> {
    arity(name, &arguments, 2)?;
    let mut arguments = arguments.into_iter();
    match (arguments.next(), arguments.next()) {
        (Some(left), Some(right)) => Ok(binary_expr(left, op, right)),
        _ => Err(EngineError::internal("binary operator without operands")),
    }
}

fn unary(name: &str, arguments: Vec<Expr>) -> Result<Expr> {
    arity(name, &arguments, 1)?;
    arguments.into_iter().next().ok_or_else(|| EngineError::internal("unary without operand"))
}


/// Spark's implicit casts of strings for datetime functions (`ImplicitCastInputTypes`):
/// (function, the positions of its date arguments, whether they are timestamps).
pub const DATETIME_ARGUMENTS: &[(&str, &[usize], bool)] = &[
    ("year", &[0], false),
    ("month", &[0], false),
    ("day", &[0], false),
    ("dayofmonth", &[0], false),
    ("dayofweek", &[0], false),
    ("dayofyear", &[0], false),
    ("quarter", &[0], false),
    ("weekofyear", &[0], false),
    ("weekday", &[0], false),
    ("monthname", &[0], false),
    ("last_day", &[0], false),
    ("next_day", &[0], false),
    ("date_add", &[0], false),
    ("dateadd", &[0], false),
    ("date_sub", &[0], false),
    ("add_months", &[0], false),
    ("datediff", &[0, 1], false),
    ("trunc", &[0], false),
    ("date_trunc", &[1], true),
    ("date_diff", &[0, 1], false),
    ("hour", &[0], true),
    ("minute", &[0], true),
    ("second", &[0], true),
];

/// The arguments of a datetime function with its string dates cast by Spark's rules.
fn datetime_arguments(context: &SessionContext, name: &str, arguments: Vec<Expr>, schema: &DFSchema) -> Result<Vec<Expr>> {
    let Some((_, positions, timestamp)) = DATETIME_ARGUMENTS.iter().find(|(function, _, _)| *function == name) else {
        return Ok(arguments);
    };
    let marker = if *timestamp { super::udfs::replaceable::IMPLICIT_TIMESTAMP } else { super::udfs::replaceable::IMPLICIT_DATE };
    arguments
        .into_iter()
        .enumerate()
        .map(|(index, argument)| {
            let is_text = argument.get_type(schema).is_ok_and(|t| super::types::is_string(&t));
            if positions.contains(&index) && is_text {
                call_scalar(context, marker, vec![argument])
            } else {
                Ok(argument)
            }
        })
        .collect()
}

/// Spark functions Ember computes as another expression, with the column name Spark
/// gives the call: (name, the name's form, `{}` standing for the argument names).
const NAMED_CALLS: &[(&str, &str)] = &[
    ("grouping_id", "grouping_id({})"),
    ("collect_union", "collect_union({})"),
    ("try_make_timestamp", "try_make_timestamp({})"),
    ("negative", "negative({})"),
    ("positive", "(+ {})"),
    ("bitwise_not", "~{}"),
    ("rlike", "RLIKE({})"),
    ("regexp", "REGEXP({})"),
    ("regexp_like", "REGEXP_LIKE({})"),
    ("day", "day({})"),
    ("to_date", "to_date({})"),
    ("chr", "chr({})"),
    ("character_length", "character_length({})"),
    ("concat", "concat({})"),
    ("date_trunc", "date_trunc({})"),
    ("levenshtein", "levenshtein({})"),
    ("date_part", "date_part({})"),
    ("to_char", "to_char({})"),
    ("format_string", "format_string({})"),
    ("printf", "printf({})"),
    ("to_varchar", "to_varchar({})"),
    ("datepart", "datepart({})"),
    ("listagg", "listagg({})"),
    ("string_agg", "string_agg({})"),
    ("listagg_distinct", "listagg(DISTINCT {})"),
    ("string_agg_distinct", "string_agg(DISTINCT {})"),
    ("array_repeat", "array_repeat({})"),
];

/// Builds the DataFusion expression for a Spark function call, named as Spark names it.
pub fn resolve_function(
    context: &SessionContext,
    name: &str,
    arguments: Vec<Expr>,
    distinct: bool,
    schema: &DFSchema,
) -> Result<Expr> {
    let lower = name.to_lowercase();
    // Spark names to_varchar of a number to_char (its `ToCharacter`).
    let number_text = lower == "to_varchar" && arguments.first().and_then(|a| a.get_type(schema).ok()).is_some_and(|t| t.is_numeric());
    let Some((_, form)) = NAMED_CALLS.iter().find(|(function, _)| *function == lower && !number_text) else {
        return resolve_call(context, name, arguments, distinct, schema);
    };
    // Spark's listagg/string_agg without a delimiter show it as NULL.
    let mut arguments = arguments;
    if matches!(lower.as_str(), "listagg" | "string_agg" | "listagg_distinct" | "string_agg_distinct") && arguments.len() == 1 {
        arguments.push(Expr::Literal(ScalarValue::Null, None));
    }
    // Spark's try_make_timestamp keeps its zone out of its name.
    let named = if lower == "try_make_timestamp" && arguments.len() == 7 { &arguments[..6] } else { &arguments[..] };
    let shown = named.iter().map(super::naming::spark_name).collect::<Vec<_>>().join(", ");
    let expr = resolve_call(context, name, arguments, distinct, schema)?;
    Ok(super::udfs::spark_named::spark_named(expr, form.replace("{}", &shown)))
}

/// Builds the DataFusion expression for a Spark function call.
fn resolve_call(
    context: &SessionContext,
    name: &str,
    arguments: Vec<Expr>,
    distinct: bool,
    schema: &DFSchema,
) -> Result<Expr> {
    let lower = name.to_lowercase();
    // A function registered with capitals (a Python UDF `intX2`) keeps its spelling.
    if lower != name {
        if let Ok(function) = context.udf(name) {
            return Ok(function.call(arguments));
        }
    }
    let arguments = datetime_arguments(context, &lower, arguments, schema)?;
    // abs, try_divide and try_multiply of an interval (`udfs::intervals`).
    if let Some(interval) = super::udfs::intervals::function_call(&lower, &arguments, schema) {
        return Ok(interval);
    }
    match lower.as_str() {
        "+" => return arithmetic(name, arguments, Operator::Plus, schema),
        "-" if arguments.len() == 1 => return Ok(Expr::Negative(Box::new(unary(name, arguments)?))),
        "-" => return arithmetic(name, arguments, Operator::Minus, schema),
        "*" => return arithmetic(name, arguments, Operator::Multiply, schema),
        "%" | "mod" => return arithmetic(name, arguments, Operator::Modulo, schema),
        "==" | "=" => return binary(name, arguments, Operator::Eq),
        "!=" | "<>" => return binary(name, arguments, Operator::NotEq),
        "<" => return binary(name, arguments, Operator::Lt),
        "<=" => return binary(name, arguments, Operator::LtEq),
        ">" => return binary(name, arguments, Operator::Gt),
        ">=" => return binary(name, arguments, Operator::GtEq),
        "<=>" | "eqnullsafe" => return binary(name, arguments, Operator::IsNotDistinctFrom),
        "and" => return binary(name, arguments, Operator::And),
        "or" => return binary(name, arguments, Operator::Or),
        "&" | "bitwiseand" => return binary(name, arguments, Operator::BitwiseAnd),
        "|" | "bitwiseor" => return binary(name, arguments, Operator::BitwiseOr),
        "^" | "bitwisexor" => return binary(name, arguments, Operator::BitwiseXor),
        "/" => return arithmetic(name, arguments, Operator::Divide, schema),
        "try_add" | "try_subtract" if arguments.len() == 2 => {
            if let Some(datetime) = tolerant_datetime_arithmetic(context, &lower, &arguments, schema)? {
                return Ok(datetime);
            }
        }
        "try_divide" => return Ok(super::udfs::divide(false).call(arguments)),
        // `col[i]` / `getItem(i)` on an array is Spark's 0-based GetArrayItem; on a map a key
        // lookup; on a struct a field (DataFusion's get_field).
        "get_field" if arguments.len() == 2 && matches!(arguments[0].get_type(schema), Ok(datafusion::arrow::datatypes::DataType::List(_) | datafusion::arrow::datatypes::DataType::LargeList(_))) => {
            let mut arguments = arguments.into_iter();
            let (Some(array), Some(index)) = (arguments.next(), arguments.next()) else {
                return Err(EngineError::internal("get_field without operands"));
            };
            return Ok(super::udfs::collection::subscript(array, index));
        }
        // A struct field or map value taken from a column (`getField`, `getItem`,
        // `df.s.f`) is named `s.f` or `m[k]` (Spark's `ExtractValue`), where `col("s.f")`
        // names it by the field alone.
        "get_field" if arguments.len() == 2 => {
            let container = arguments[0].get_type(schema)?;
            let base = super::naming::spark_name(&arguments[0]);
            let key = super::naming::spark_name(&arguments[1]);
            let name = match container {
                datafusion::arrow::datatypes::DataType::Map(..) => format!("{base}[{key}]"),
                _ => format!("{base}.{key}"),
            };
            return Ok(super::udfs::spark_named::spark_named(call_scalar(context, "get_field", arguments)?, name));
        }
        "struct" => return Ok(spark_struct(arguments)),
        "trunc" if arguments.len() == 2 => {
            return Ok(super::sql::spark_rules(call_scalar(context, "trunc", arguments)?, schema)?.data);
        }
        // Spark's to_char/to_varchar: date_format for datetimes, a number format for
        // numbers (see `sql::spark_rules`).
        "to_char" | "to_varchar" if arguments.len() == 2 => {
            return Ok(super::sql::spark_rules(call_scalar(context, "to_char", arguments)?, schema)?.data);
        }
        // Spark's date_part (also `datepart`, `extract`) as SQL's: seconds keep the fraction.
        "date_part" | "datepart" | "extract" if arguments.len() == 2 => {
            return Ok(super::sql::spark_rules(call_scalar(context, "date_part", arguments)?, schema)?.data);
        }
        // Spark's `assert_true(cond)` raises `'cond' is not true!`, a message written
        // into its name.
        "assert_true" if arguments.len() == 1 => {
            let message = format!("'{}' is not true!", super::naming::spark_name(&arguments[0]));
            let mut arguments = arguments;
            arguments.push(Expr::Literal(ScalarValue::Utf8(Some(message)), None));
            return call_scalar(context, "assert_true", arguments);
        }
        // Spark's TimestampAdd/TimestampDiff under PySpark's names (also SQL's dateadd and
        // the three-argument datediff/date_diff), named as Spark names them.
        "timestamp_add" | "dateadd" | "date_add" if arguments.len() == 3 => return call_scalar(context, "timestampadd", arguments),
        "timestamp_diff" | "datediff" | "date_diff" if arguments.len() == 3 => return call_scalar(context, "timestampdiff", arguments),
        // A random function written without a seed gets one now, shown in its name as
        // Spark shows the seed it picks (`rand(-1588846976)`).
        "rand" | "random" | "randn" if arguments.is_empty() => {
            return call_scalar(context, &lower, vec![Expr::Literal(ScalarValue::Int64(Some(super::udfs::random::fresh_seed())), None)]);
        }
        // A schema given as `schema_of_csv(text)` of a literal text is read now, as Spark
        // folds it, so that the struct's type is known when the query is planned.
        "from_csv" if arguments.len() >= 2 => {
            let mut arguments = arguments;
            if let Expr::ScalarFunction(inner) = &arguments[1] {
                if let (true, Some(Expr::Literal(ScalarValue::Utf8(Some(text)), _))) = (inner.name() == "schema_of_csv", inner.args.first()) {
                    let schema = super::udfs::csv::schema_of(text, &std::collections::BTreeMap::new())?;
                    arguments[1] = Expr::Literal(ScalarValue::Utf8(Some(schema)), None);
                }
            }
            return call_scalar(context, "from_csv", arguments);
        }
        // Spark's Length of bytes counts them.
        "length" | "len" | "char_length" | "character_length" if arguments.len() == 1 && super::types::is_binary(&arguments[0].get_type(schema)?) => {
            let name = format!("{lower}({})", super::naming::spark_name(&arguments[0]));
            return Ok(super::udfs::spark_named::spark_named(call_scalar(context, super::udfs::text_encoding::BYTE_LENGTH, arguments)?, name));
        }
        // Spark's Uuid: the seed (given or picked now) is not part of its name.
        "uuid" if arguments.len() <= 1 => {
            let mut arguments = arguments;
            if arguments.is_empty() {
                arguments.push(Expr::Literal(ScalarValue::Int64(Some(super::udfs::random::fresh_seed())), None));
            }
            return Ok(super::udfs::spark_named::spark_named(call_scalar(context, "uuid", arguments)?, "uuid()".to_string()));
        }
        "uniform" | "randstr" if arguments.len() == if lower == "uniform" { 2 } else { 1 } => {
            let mut arguments = arguments;
            arguments.push(Expr::Literal(ScalarValue::Int64(Some(super::udfs::random::fresh_seed())), None));
            return call_scalar(context, &lower, arguments);
        }
        // Spark's Percentile counts each row `frequency` times: an integral argument.
        "percentile" if arguments.len() == 3 => {
            let found = arguments[2].get_type(schema)?;
            if !(found.is_integer() || found.is_null()) {
                let call = format!("percentile({})", arguments.iter().map(super::naming::spark_name).collect::<Vec<_>>().join(", "));
                let (argument, found) = (super::naming::spark_name(&arguments[2]), super::types::spark_sql_type_name(&found));
                return Err(EngineError::analysis(
                    "DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE",
                    format!("Cannot resolve \"{call}\" due to data type mismatch: The third parameter requires the \"INTEGRAL\" type, however \"{argument}\" has the type \"{found}\"."),
                    &[("paramIndex", "third".to_string()), ("requiredType", "\"INTEGRAL\"".to_string()), ("inputSql", format!("\"{argument}\"")), ("inputType", format!("\"{found}\""))],
                ));
            }
            return Ok(context.udaf("percentile")?.call(arguments));
        }
        // Spark's TimeWindow: `window(ts, windowDuration[, slideDuration[, startTime]])`,
        // durations as interval text; a tumbling window is a struct named `window`.
        "window" if (2..=4).contains(&arguments.len()) => {
            let text = |e: &Expr| -> Result<Option<String>> {
                match e {
                    Expr::Literal(ScalarValue::Utf8(text), _) => Ok(text.clone()),
                    Expr::Literal(ScalarValue::Null, _) => Ok(None),
                    other => Err(EngineError::analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", format!("Cannot resolve \"window\" due to data type mismatch: the input {} should be a foldable \"STRING\" expression.", super::naming::spark_name(other)), &[])),
                }
            };
            let duration = |e: Option<&Expr>| -> Result<Option<i64>> {
                match e {
                    None => Ok(None),
                    Some(e) => text(e)?.map(|t| super::udfs::time_window::duration_micros(&t)).transpose(),
                }
            };
            let window = duration(arguments.get(1))?.ok_or_else(|| EngineError::analysis("CANNOT_PARSE_INTERVAL", "Unable to parse 'NULL'.", &[]))?;
            let slide = duration(arguments.get(2))?.unwrap_or(window);
            let start = duration(arguments.get(3))?.unwrap_or(0);
            let ts = super::naming::spark_name(&arguments[0]);
            if window <= 0 || slide <= 0 || slide > window {
                return Err(EngineError::analysis(
                    "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION",
                    format!("Cannot resolve \"window({ts}, {window}, {slide}, {start})\" due to data type mismatch: The `slide_duration`({slide}L) must be <= the `window_duration`({window}L)."),
                    &[],
                ));
            }
            if slide != window {
                let feature = "Sliding time windows (window with a slideDuration shorter than its windowDuration) in Ember".to_string();
                return Err(EngineError::spark(super::error::ErrorClass::NotImplemented, "NOT_IMPLEMENTED", format!("{feature} is not implemented."), &[("feature", feature.clone())]));
            }
            let micros = |v: i64| Expr::Literal(ScalarValue::Int64(Some(v)), None);
            let call = call_scalar(context, super::udfs::time_window::TIME_WINDOW, vec![arguments[0].clone(), micros(window), micros(start)])?;
            return Ok(super::udfs::spark_named::spark_named(call, "window".to_string()));
        }
        // Spark's GroupingID: the grouping bits of the given keys (all keys when none is
        // given, filled in by the aggregate), a bigint.
        "grouping_id" => {
            let bits = context.udaf("grouping")?.call(arguments);
            return Ok(Expr::Cast(Cast::new(Box::new(bits), datafusion::arrow::datatypes::DataType::Int64)));
        }
        // Spark's CollectUnion: the distinct elements of every array of the group.
        "collect_union" if arguments.len() == 1 => {
            let collected = context.udaf("collect_list")?.call(arguments);
            let flat = call_scalar(context, "flatten", vec![collected])?;
            return call_scalar(context, "array_distinct", vec![flat]);
        }
        // Spark's `levenshtein(l, r, threshold)`: -1 when the distance is above threshold.
        "levenshtein" if arguments.len() == 3 => {
            let mut arguments = arguments;
            let threshold = arguments.pop().ok_or_else(|| EngineError::internal("levenshtein without a threshold"))?;
            let distance = call_scalar(context, "levenshtein", arguments)?;
            let above = distance.clone().cast_to(&datafusion::arrow::datatypes::DataType::Int64, schema)?.gt(threshold.cast_to(&datafusion::arrow::datatypes::DataType::Int64, schema)?);
            return Ok(datafusion::logical_expr::when(above, Expr::Literal(ScalarValue::Int32(Some(-1)), None)).otherwise(distance)?);
        }
        // Spark's `listagg(col[, delimiter])` (also `string_agg`, and their DISTINCT forms):
        // the values joined in input order, with no delimiter when it is NULL.
        "listagg" | "string_agg" | "listagg_distinct" | "string_agg_distinct" if arguments.len() == 2 => {
            let mut arguments = arguments;
            if matches!(&arguments[1], Expr::Literal(value, _) if value.is_null()) {
                arguments[1] = Expr::Literal(ScalarValue::Utf8(Some(String::new())), None);
            }
            // Binary values are joined as bytes: the engine's string_agg reads them as
            // text, so they are joined in hexadecimal and read back.
            let binary = super::types::is_binary(&arguments[0].get_type(schema)?);
            if binary {
                let delimiter = arguments.pop().ok_or_else(|| EngineError::internal("listagg without a delimiter"))?;
                let value = arguments.pop().ok_or_else(|| EngineError::internal("listagg without a value"))?;
                arguments = vec![call_scalar(context, "hex", vec![value])?, call_scalar(context, "hex", vec![delimiter])?];
            }
            let call = if distinct || lower.ends_with("_distinct") {
                // Spark keeps each value where it first occurs: the values are collected
                // in order, deduplicated and joined (NULL when there are none).
                let value = arguments[0].clone();
                let delimiter = arguments[1].clone();
                let distinct_values = call_scalar(context, "array_distinct", vec![context.udaf("collect_list")?.call(vec![value.clone()])])?;
                let joined = call_scalar(context, "array_to_string", vec![distinct_values, delimiter])?;
                let none = context.udaf("count")?.call(vec![value]).eq(Expr::Literal(ScalarValue::Int64(Some(0)), None));
                datafusion::logical_expr::when(none, Expr::Literal(ScalarValue::Utf8(None), None)).otherwise(joined)?
            } else {
                context.udaf("string_agg")?.call(arguments)
            };
            return Ok(if binary { call_scalar(context, "unhex", vec![call])? } else { call });
        }
        // Spark's `to_date(x)` without a format is `CAST(x AS DATE)`, named `to_date(x)`.
        "to_date" if arguments.len() == 1 => {
            let argument = unary(name, arguments)?;
            let from = argument.get_type(schema)?;
            return Ok(super::cast::spark_cast(argument, &from, &datafusion::arrow::datatypes::DataType::Date32, false));
        }
        "arrays_zip" => return Ok(super::udfs::collection::arrays_zip(arguments)),
        // DataFusion's array_repeat builds its nested list with the default element field
        // (`item`): an array argument is given that field first, or the kernel refuses
        // its own result (Spark's ArrayRepeat repeats any value).
        // (Named by `NAMED_CALLS`, after the arguments as written.)
        "array_repeat" if arguments.len() == 2 => {
            let mut arguments = arguments;
            if let Ok(datafusion::arrow::datatypes::DataType::List(field)) = arguments[0].get_type(schema) {
                if field.name() != "item" {
                    let plain = datafusion::arrow::datatypes::DataType::List(std::sync::Arc::new(datafusion::arrow::datatypes::Field::new_list_field(field.data_type().clone(), true)));
                    arguments[0] = Expr::Cast(Cast::new(Box::new(arguments[0].clone()), plain));
                }
            }
            return call_scalar(context, "array_repeat", arguments);
        }
        // concat's casts to string and its arrays follow the SQL path's rules.
        "concat" | "concat_ws" => return Ok(super::sql::spark_rules(call_scalar(context, &lower, arguments)?, schema)?.data),
        "not" | "!" => return Ok(Expr::Not(Box::new(unary(name, arguments)?))),
        "negative" | "negate" => return Ok(Expr::Negative(Box::new(unary(name, arguments)?))),
        "positive" => return unary(name, arguments),
        "isnull" => return Ok(Expr::IsNull(Box::new(unary(name, arguments)?))),
        "isnotnull" => return Ok(Expr::IsNotNull(Box::new(unary(name, arguments)?))),
        "in" | "isin" => {
            let mut arguments = arguments.into_iter();
            let expr = arguments.next().ok_or_else(|| EngineError::internal("in without operand"))?;
            return Ok(Expr::InList(InList::new(Box::new(expr), arguments.collect(), false)));
        }
        "between" => {
            arity(name, &arguments, 3)?;
            let mut arguments = arguments.into_iter();
            let (Some(expr), Some(low), Some(high)) = (arguments.next(), arguments.next(), arguments.next()) else {
                return Err(EngineError::internal("between without operands"));
            };
            return Ok(Expr::Between(Between::new(Box::new(expr), false, Box::new(low), Box::new(high))));
        }
        "like" => return Ok(super::udfs::string::spark_like("like", arguments)),
        "ilike" => return Ok(super::udfs::string::spark_like("ilike", arguments)),
        "rlike" | "regexp" | "regexp_like" => {
            let mut arguments = arguments;
            if let Some(pattern) = arguments.pop() {
                arguments.push(super::udfs::string::java_pattern(pattern));
            }
            return binary(name, arguments, Operator::RegexMatch);
        }
        // Spark's StartsWith/EndsWith/Contains, of strings or bytes (`udfs::replaceable`).
        "startswith" | "endswith" | "contains" => return call_scalar(context, &lower, arguments),
        "count" => {
            let count = context.udaf("count")?;
            let arguments = if arguments.is_empty() { vec![Expr::Literal(ScalarValue::Int32(Some(1)), None)] } else { arguments };
            // Spark's count(DISTINCT a, b) counts the distinct rows where no argument is
            // NULL: one struct per row, NULL when any field is.
            let arguments = if distinct && arguments.len() > 1 { vec![distinct_tuple(arguments)?] } else { arguments };
            let call = count.call(arguments);
            return Ok(if distinct { call.distinct().build()? } else { call });
        }
        // Spark's `first(col, ignoreNulls)` and `last(col, ignoreNulls)` (`First`, `Last`):
        // the flag is a boolean literal, and the result is named after `col` alone.
        "first" | "last" | "first_value" | "last_value" | "any_value" if arguments.len() == 2 => {
            let mut arguments = arguments;
            let ignore_nulls = match arguments.pop() {
                Some(Expr::Literal(ScalarValue::Boolean(Some(flag)), _)) => flag,
                _ => {
                    let function = match lower.as_str() {
                        "any_value" => "any_value",
                        name if name.starts_with("last") => "last",
                        _ => "first",
                    };
                    return Err(EngineError::analysis(
                        "_LEGACY_ERROR_TEMP_1210",
                        format!("The second argument in {function} should be a boolean literal."),
                        &[("funcName", function.to_string())],
                    ));
                }
            };
            let call = context.udaf(crate::spark::function_names::engine_name(&lower))?.call(arguments);
            let treatment = if ignore_nulls { NullTreatment::IgnoreNulls } else { NullTreatment::RespectNulls };
            return Ok(call.null_treatment(treatment).build()?);
        }
        // Spark's `map(k1, v1, ...)` (`create_map` in Python): the engine's map of a key
        // list and a value list, named by its pairs (`naming`).
        "create_map" | "map" if arguments.len() % 2 == 0 => {
            let (keys, values): (Vec<(usize, Expr)>, Vec<(usize, Expr)>) = arguments.into_iter().enumerate().partition(|(i, _)| i % 2 == 0);
            let list = |items: Vec<(usize, Expr)>| datafusion::functions_nested::expr_fn::make_array(items.into_iter().map(|(_, e)| e).collect());
            if super::udfs::collection::last_win() && keys.len() > 1 {
                // Under LAST_WIN each pair is its own map and map_concat keeps the later
                // value of a repeated key; the column keeps the name of the map call.
                let name = super::naming::spark_name(&call_scalar(context, "map", vec![list(keys.clone()), list(values.clone())])?);
                let pairs = keys.into_iter().zip(values).map(|(k, v)| call_scalar(context, "map", vec![list(vec![k]), list(vec![v])])).collect::<Result<Vec<_>>>()?;
                return Ok(super::udfs::spark_named::spark_named(call_scalar(context, "map_concat", pairs)?, name));
            }
            return call_scalar(context, "map", vec![list(keys), list(values)]);
        }
        // Spark's `nth_value(col, offset, ignoreNulls)`: the flag is a boolean literal.
        "nth_value" if arguments.len() == 3 => {
            let mut arguments = arguments;
            let ignore_nulls = match arguments.pop() {
                Some(Expr::Literal(ScalarValue::Boolean(Some(flag)), _)) => flag,
                _ => return Err(EngineError::analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The third argument of nth_value must be a boolean literal.", &[("inputName", "`ignoreNulls`".to_string())])),
            };
            let window = context.udwf("nth_value")?;
            let call = Expr::from(WindowFunction::new(WindowFunctionDefinition::WindowUDF(window), arguments));
            let treatment = if ignore_nulls { NullTreatment::IgnoreNulls } else { NullTreatment::RespectNulls };
            return Ok(call.null_treatment(treatment).build()?);
        }
        // Spark's `mode(col, deterministic)`: the flag is a boolean literal.
        "mode" if arguments.len() == 2 => {
            let mut arguments = arguments;
            let name = match arguments.pop() {
                Some(Expr::Literal(ScalarValue::Boolean(Some(true)), _)) => super::udfs::value_aggregates::MODE_DETERMINISTIC,
                Some(Expr::Literal(ScalarValue::Boolean(_), _)) => "mode",
                _ => return Err(EngineError::analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", "The second argument of mode must be a boolean literal.", &[("inputName", "`deterministic`".to_string())])),
            };
            return Ok(context.udaf(name)?.call(arguments));
        }
        // Spark's date_trunc units by their other names (`mon`, `yyyy`, `dd`).
        "date_trunc" if arguments.len() == 2 => {
            let mut arguments = arguments;
            if let Expr::Literal(ScalarValue::Utf8(Some(unit)), _) = &arguments[0] {
                let unit = match unit.to_ascii_lowercase().as_str() {
                    "yyyy" | "yy" | "year" => "year",
                    "quarter" => "quarter",
                    "mon" | "mm" | "month" => "month",
                    "week" => "week",
                    "dd" | "day" => "day",
                    "hour" => "hour",
                    "minute" => "minute",
                    "second" => "second",
                    "millisecond" => "millisecond",
                    "microsecond" => "microsecond",
                    other => return Err(EngineError::analysis("INVALID_PARAMETER_VALUE.DATETIME_UNIT", format!("The value of parameter(s) `format` in `date_trunc` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '{other}'."), &[("functionName", "`date_trunc`".to_string())])),
                };
                arguments[0] = Expr::Literal(ScalarValue::Utf8(Some(unit.to_string())), None);
            }
            return call_scalar(context, "date_trunc", arguments);
        }
        // `approx_count_distinct(col, rsd)`: the engine's HyperLogLog has a fixed precision,
        // so the relative standard deviation (`rsd`) is checked, not used.
        "approx_count_distinct" if arguments.len() == 2 => {
            let mut arguments = arguments;
            if !matches!(arguments.pop(), Some(Expr::Literal(value, _)) if value.data_type().is_numeric()) {
                return Err(EngineError::analysis("_LEGACY_ERROR_TEMP_1104", "The second argument should be a double literal.", &[]));
            }
            return Ok(context.udaf(crate::spark::function_names::engine_name(&lower))?.call(arguments));
        }
        "countdistinct" | "count_distinct" => {
            return Ok(context.udaf("count")?.call(arguments).distinct().build()?);
        }
        "sumdistinct" | "sum_distinct" => {
            return Ok(context.udaf("sum")?.call(arguments).distinct().build()?);
        }
        "year" | "month" | "day" | "dayofmonth" | "hour" | "minute" | "second" | "quarter" | "dayofweek" | "dayofyear" | "weekofyear" => {
            let part = match lower.as_str() {
                "dayofmonth" => "day",
                "dayofweek" => "dow",
                "dayofyear" => "doy",
                "weekofyear" => "week",
                other => other,
            };
            let expr = unary(name, arguments)?;
            // datafusion-spark's date_part numbers days of the week from Sunday = 1.
            let extracted = call_scalar(context, "date_part", vec![Expr::Literal(ScalarValue::Utf8(Some(part.into())), None), expr])?;
            return Ok(Expr::Cast(Cast::new(Box::new(extracted), datafusion::arrow::datatypes::DataType::Int32)));
        }
        // Java's Formatter rounding (see `sql::spark_rules`).
        "format_string" | "printf" if !arguments.is_empty() => {
            return Ok(super::sql::spark_rules(call_scalar(context, &lower, arguments)?, schema)?.data);
        }
        "round" => {
            let mut arguments = arguments;
            if arguments.len() == 1 {
                arguments.push(Expr::Literal(ScalarValue::Int32(Some(0)), None));
            }
            return call_scalar(context, "round", arguments);
        }
        _ => {}
    }
    let mut arguments = arguments;
    for value in crate::spark::function_names::default_arguments(&lower, arguments.len()) {
        use crate::spark::function_names::Default;
        arguments.push(Expr::Literal(
            match value {
                Default::Int(v) => ScalarValue::Int32(Some(v)),
                Default::Bool(v) => ScalarValue::Boolean(Some(v)),
                Default::Text(v) => ScalarValue::Utf8(Some(v.to_string())),
                Default::Float(v) => ScalarValue::Float32(Some(v)),
                Default::DecimalZero(scale) => ScalarValue::Decimal128(Some(0), scale, scale as i8),
                Default::Null => ScalarValue::Null,
            },
            None,
        ));
    }
    let target = crate::spark::function_names::engine_name(&lower);
    // Spark's implicit cast: numeric aggregates of strings (or of NULLs, typed VOID) work
    // on doubles.
    let arguments = if matches!(target, "avg" | "sum" | "stddev" | "std" | "stddev_samp" | "stddev_pop" | "variance" | "var_samp" | "var_pop") || target.starts_with("regr_") {
        arguments
            .into_iter()
            .map(|a| match a.get_type(schema) {
                // Through the unnamed implicit cast: the column is `avg(x)`, as in Spark.
                Ok(t) if super::types::is_string(&t) || t == datafusion::arrow::datatypes::DataType::Null => {
                    call_scalar(context, super::udfs::replaceable::IMPLICIT_DOUBLE, vec![a.clone()]).unwrap_or_else(|_| Expr::Cast(Cast::new(Box::new(a), datafusion::arrow::datatypes::DataType::Float64)))
                }
                _ => a,
            })
            .collect()
    } else {
        arguments
    };
    if let Ok(aggregate) = context.udaf(target) {
        let call = aggregate.call(arguments);
        return Ok(if distinct { call.distinct().build()? } else { call });
    }
    if let Ok(window) = context.udwf(target) {
        return Ok(Expr::from(WindowFunction::new(WindowFunctionDefinition::WindowUDF(window), arguments)));
    }
    let call = call_scalar(context, target, arguments).map_err(|_| EngineError::unresolved_routine(name))?;
    super::argument_types::check_expr(&call, schema)?;
    Ok(call)
}

/// The `%f` conversions of a Java format string: (the argument they format, counted from
/// 0, and their precision, 6 by default). Empty when an argument is chosen by index
/// (`%1$f`), which this does not follow.
pub fn fixed_point_conversions(format: &str) -> Vec<(usize, i32)> {
    let mut conversions = Vec::new();
    let mut argument = 0;
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        let mut spec = String::new();
        while let Some(&next) = chars.peek() {
            chars.next();
            if next.is_ascii_alphabetic() || next == '%' {
                spec.push(next);
                break;
            }
            spec.push(next);
        }
        let Some(conversion) = spec.chars().last() else { break };
        if matches!(conversion, '%' | 'n') {
            continue;
        }
        if spec.contains('$') || spec.contains('<') {
            return Vec::new();
        }
        if conversion == 'f' {
            let places = spec.split_once('.').and_then(|(_, p)| p.trim_end_matches('f').parse().ok()).unwrap_or(6);
            conversions.push((argument, places));
        }
        argument += 1;
    }
    conversions
}

/// The arguments of a many-argument `count(DISTINCT ...)` as one value: a struct of
/// them, NULL when any of them is NULL.
fn distinct_tuple(arguments: Vec<Expr>) -> Result<Expr> {
    let any_null = arguments.iter().cloned().map(|a| Expr::IsNull(Box::new(a))).reduce(|a, b| a.or(b));
    let tuple = datafusion::functions::core::r#struct().call(arguments);
    Ok(match any_null {
        Some(condition) => datafusion::logical_expr::when(condition, Expr::Literal(ScalarValue::Null, None)).otherwise(tuple)?,
        None => tuple,
    })
}

/// Spark's `struct(...)` (`CreateStruct`): a field per argument, named after a column or
/// an alias, else `col1`, `col2`, ... by position.
pub fn spark_struct(arguments: Vec<Expr>) -> Expr {
    let mut named = Vec::with_capacity(arguments.len() * 2);
    for (index, argument) in arguments.into_iter().enumerate() {
        let name = match &argument {
            Expr::Column(column) => column.name.clone(),
            Expr::Alias(alias) => alias.name.clone(),
            _ => format!("col{}", index + 1),
        };
        named.push(Expr::Literal(ScalarValue::Utf8(Some(name)), None));
        named.push(argument.unalias());
    }
    datafusion::functions::core::named_struct().call(named)
}

/// Spark's `try_add` and `try_subtract` of a date and days (`date_add`, `date_sub`), or of
/// a datetime or interval and an interval (`+` and `-` of intervals); `None` for numbers,
/// which `TryArithmetic` computes. Named as the call (`try_add(date, 1)`).
fn tolerant_datetime_arithmetic(context: &SessionContext, name: &str, arguments: &[Expr], schema: &DFSchema) -> Result<Option<Expr>> {
    use datafusion::arrow::datatypes::DataType;
    let (left, right) = (&arguments[0], &arguments[1]);
    let (Ok(left_type), Ok(right_type)) = (left.get_type(schema), right.get_type(schema)) else { return Ok(None) };
    let written = format!("{name}({}, {})", super::naming::spark_name(left), super::naming::spark_name(right));
    let op = if name == "try_add" { Operator::Plus } else { Operator::Minus };
    if matches!(left_type, DataType::Date32) && right_type.is_integer() {
        let function = if op == Operator::Plus { "date_add" } else { "date_sub" };
        let call = call_scalar(context, function, arguments.to_vec())?;
        return Ok(Some(super::udfs::spark_named::spark_named(call, written)));
    }
    Ok(super::udfs::intervals::arithmetic(left, op, right, schema)?.map(|planned| super::udfs::spark_named::spark_named(planned, written)))
}

fn call_scalar(context: &SessionContext, name: &str, arguments: Vec<Expr>) -> Result<Expr> {
    let function = context.udf(name).map_err(|_| EngineError::unresolved_routine(name))?;
    Ok(function.call(arguments))
}


#[cfg(test)]
mod tests {
    use super::fixed_point_conversions;

    #[test]
    fn fixed_point_conversions_follow_the_arguments() {
        assert_eq!(fixed_point_conversions("%.2f and %s %5.1f%% %f"), vec![(0, 2), (2, 1), (3, 6)]);
        assert_eq!(fixed_point_conversions("%d %-8.3f"), vec![(1, 3)]);
        assert!(fixed_point_conversions("%1$.2f").is_empty());
    }
}
