//! Spark functions DataFusion lacks, as scalar UDFs: ANSI `/` (`DIVIDE_BY_ZERO`) and
//! `try_divide` (Spark's `Divide` and `TryDivide` on doubles).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Float64Array};
use datafusion::arrow::datatypes::{DataType, Float64Type};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use datafusion::prelude::SessionContext;

use super::error::{EngineError, ErrorClass};

pub mod adjusted;
mod collect;
mod listagg;
pub mod assertions;
pub mod average;
pub mod bitmaps;
pub mod collection;
pub mod comoments;
pub mod constructors;
pub mod crypto;
pub mod csv;
pub mod datetime;
pub mod hash;
pub mod hyperloglog;
pub mod higher_order;
pub mod intervals;
pub mod json;
pub mod math;
pub mod moments;
pub mod percentiles;
pub mod float_sums;
pub mod random;
pub mod sampling;
pub mod misc;
pub mod named_aggregate;
pub mod null_intolerant;
pub mod number_format;
pub mod renamed;
pub mod replaceable;
pub mod scaled_rounding;
pub mod sentences;
pub mod sketches;
pub mod spark_named;
pub mod string;
pub mod float_extremes;
pub mod normalize_floats;
pub mod struct_fields;
pub mod trunc_date;
pub mod time_of_day;
pub mod variant;
pub mod sum;
pub mod text_encoding;
pub mod time_window;
pub mod time_zones;
pub mod value_aggregates;
pub mod vector;
pub mod xpath;
pub mod zoned;

/// Registers Ember's Spark UDFs in a session.
pub fn register(context: &SessionContext) {
    vector::register(context);
    intervals::register(context);
    value_aggregates::register(context);
    for function in higher_order::all() {
        context.register_higher_order_function(Arc::new(function));
    }
    context.register_udf(divide(true));
    context.register_udf(ScalarUDF::from(misc::TypeOf::default()));
    for name in ["try_add", "try_subtract", "try_multiply"] {
        context.register_udf(ScalarUDF::from(super::arithmetic::TryArithmetic::new(name)));
    }
    context.register_udf(divide(false));
    context.register_udf(ScalarUDF::from(IntegralDivide { signature: Signature::uniform(2, vec![DataType::Int64], Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(SparkString { signature: Signature::any(1, Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(NumberFunction { name: "format_number", signature: Signature::any(2, Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(RegexFunction { name: "split", signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(RegexFunction { name: "regexp_extract", signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(RegexFunction { name: "regexp_extract_all", signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(RegexFunction { name: "regexp_instr", signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(RegexFunction { name: "regexp_substr", signature: Signature::variadic_any(Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(IntLiteral { signature: Signature::any(1, Volatility::Immutable) }));
    context.register_udf(ScalarUDF::from(TypedLiteral { signature: Signature::any(2, Volatility::Immutable) }));
    register_spark_names(context);
    collect::register(context);
    listagg::register(context);
    variant::register(context);
    time_of_day::register(context);
    scaled_rounding::register(context);
    string::register(context);
    collection::register(context);
    datetime::register(context);
    time_zones::register(context);
    text_encoding::register(context);
    assertions::register(context);
    random::register(context);
    percentiles::register(context);
    sketches::register(context);
    xpath::register(context);
    crypto::register(context);
    bitmaps::register(context);
    sentences::register(context);
    csv::register(context);
    number_format::register(context);
    time_window::register(context);
    struct_fields::register(context);
    spark_named::register(context);
    math::register(context);
    hash::register(context);
    hyperloglog::register(context);
    replaceable::register(context);
    adjusted::register(context);
    sum::register(context);
    average::register(context);
    float_extremes::register(context);
    named_aggregate::register(context);
    moments::register(context);
    comoments::register(context);
    json::register(context);
    super::generators::register(context);
    // Last: the aliases wrap the functions registered above.
    renamed::register(context);
    zoned::register(context);
    // After every function it wraps is registered.
    null_intolerant::register(context);
}

/// Spark's `split(str, regex[, limit])` (Java's `String.split` with limit -1: trailing
/// empty strings kept), `regexp_extract(str, regex, group)` (`""` when nothing matches)
/// and `regexp_extract_all(str, regex[, group])` (the group of every match; group 1 by
/// default).
#[derive(Debug, PartialEq, Eq, Hash)]
struct RegexFunction {
    name: &'static str,
    signature: Signature,
}

impl ScalarUDFImpl for RegexFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        if self.name == "regexp_instr" {
            return Ok(DataType::Int32);
        }
        Ok(if self.name == "split" || self.name == "regexp_extract_all" {
            DataType::List(Arc::new(datafusion::arrow::datatypes::Field::new("element", DataType::Utf8, true)))
        } else {
            DataType::Utf8
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        use datafusion::arrow::array::{ListBuilder, StringBuilder};
        use datafusion::arrow::datatypes::Int64Type;
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        if arrays.len() < 2 {
            return Err(DataFusionError::Plan(format!("{} takes at least two arguments", self.name)));
        }
        let strings = datafusion::arrow::compute::cast(&arrays[0], &DataType::Utf8)?;
        let patterns = datafusion::arrow::compute::cast(&arrays[1], &DataType::Utf8)?;
        let third = match arrays.get(2) {
            Some(array) => Some(datafusion::arrow::compute::cast(array, &DataType::Int64)?),
            None => None,
        };
        let (strings, patterns) = (strings.as_string::<i32>(), patterns.as_string::<i32>());
        let mut cache = string::RegexCache::default();
        let mut compile = |pattern: &str| cache.get(pattern);
        if self.name == "split" {
            let mut builder = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(datafusion::arrow::datatypes::Field::new("element", DataType::Utf8, true)));
            for row in 0..strings.len() {
                if strings.is_null(row) || patterns.is_null(row) || third.as_ref().is_some_and(|a| a.is_null(row)) {
                    builder.append(false);
                    continue;
                }
                let limit = third.as_ref().map(|a| a.as_primitive::<Int64Type>().value(row)).unwrap_or(-1);
                let regex = compile(patterns.value(row))?;
                let text = strings.value(row);
                // Java's split of an empty string is one empty string, whatever the pattern.
                if text.is_empty() {
                    builder.values().append_value("");
                    builder.append(true);
                    continue;
                }
                let mut parts: Vec<&str> = if limit > 0 {
                    regex.splitn(text, limit as usize).collect()
                } else {
                    regex.split(text).collect()
                };
                // Java's split: a zero-width match at the start gives no leading empty
                // string, and Spark splits by an empty pattern into the characters.
                if regex.find(text).is_some_and(|m| m.start() == 0 && m.end() == 0) && parts.first() == Some(&"") && !text.is_empty() {
                    parts.remove(0);
                }
                if patterns.value(row).is_empty() && parts.last() == Some(&"") && !text.is_empty() {
                    parts.pop();
                }
                for part in parts {
                    builder.values().append_value(part);
                }
                builder.append(true);
            }
            return Ok(ColumnarValue::Array(Arc::new(builder.finish())));
        }
        // Spark's RegExpInStr: the 1-based position where the first match starts, 0 when
        // none; the group index is checked against the pattern but the whole match counts.
        if self.name == "regexp_instr" {
            let mut positions = datafusion::arrow::array::Int32Builder::new();
            for row in 0..strings.len() {
                if strings.is_null(row) || patterns.is_null(row) {
                    positions.append_null();
                    continue;
                }
                let group = third.as_ref().map(|a| a.as_primitive::<Int64Type>().value(row)).unwrap_or(0).max(0) as usize;
                let regex = compile(patterns.value(row))?;
                if group >= regex.captures_len() {
                    return Err(regex_group_error("regexp_instr", regex.captures_len() - 1, group));
                }
                let text = strings.value(row);
                positions.append_value(regex.find(text).map_or(0, |m| text[..m.start()].chars().count() as i32 + 1));
            }
            return Ok(ColumnarValue::Array(Arc::new(positions.finish())));
        }
        // Spark's RegExpSubStr: the first match, NULL when there is none.
        if self.name == "regexp_substr" {
            let mut builder = StringBuilder::new();
            for row in 0..strings.len() {
                if strings.is_null(row) || patterns.is_null(row) {
                    builder.append_null();
                    continue;
                }
                let regex = compile(patterns.value(row))?;
                builder.append_option(regex.find(strings.value(row)).map(|m| m.as_str()));
            }
            return Ok(ColumnarValue::Array(Arc::new(builder.finish())));
        }
        if self.name == "regexp_extract_all" {
            let mut builder = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(datafusion::arrow::datatypes::Field::new("element", DataType::Utf8, true)));
            for row in 0..strings.len() {
                if strings.is_null(row) || patterns.is_null(row) {
                    builder.append(false);
                    continue;
                }
                let group = third.as_ref().map(|a| a.as_primitive::<Int64Type>().value(row)).unwrap_or(1).max(0) as usize;
                let regex = compile(patterns.value(row))?;
                if group >= regex.captures_len() {
                    return Err(regex_group_error("regexp_extract_all", regex.captures_len() - 1, group));
                }
                for captures in regex.captures_iter(strings.value(row)) {
                    builder.values().append_value(captures.get(group).map_or("", |m| m.as_str()));
                }
                builder.append(true);
            }
            return Ok(ColumnarValue::Array(Arc::new(builder.finish())));
        }
        let mut builder = StringBuilder::new();
        for row in 0..strings.len() {
            if strings.is_null(row) || patterns.is_null(row) {
                builder.append_null();
                continue;
            }
            let group = third.as_ref().map(|a| a.as_primitive::<Int64Type>().value(row)).unwrap_or(1).max(0) as usize;
            let regex = compile(patterns.value(row))?;
            let value = regex
                .captures(strings.value(row))
                .and_then(|c| c.get(group).map(|m| m.as_str().to_string()))
                .unwrap_or_default();
            builder.append_value(value);
        }
        Ok(ColumnarValue::Array(Arc::new(builder.finish())))
    }
}

/// Spark's `INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX` for a group the pattern lacks.
fn regex_group_error(function: &str, groups: usize, index: usize) -> DataFusionError {
    let error = EngineError::spark(
        ErrorClass::IllegalArgument,
        "INVALID_PARAMETER_VALUE.REGEX_GROUP_INDEX",
        format!("The value of parameter(s) `idx` in `{function}` is invalid: Expects group index between 0 and {groups}, but got {index}."),
        &[("parameter", "`idx`".into()), ("functionName", format!("`{function}`")), ("groupCount", groups.to_string()), ("groupIndex", index.to_string())],
    );
    DataFusionError::External(Box::new(error))
}

/// Spark's `format_number(x, d)` (Java's `DecimalFormat("#,##0.00…")`, HALF_EVEN) on
/// doubles.
#[derive(Debug, PartialEq, Eq, Hash)]
struct NumberFunction {
    name: &'static str,
    signature: Signature,
}

/// `x` rounded half-to-even at `digits` decimal places.
pub fn round_half_even(x: f64, digits: i64) -> f64 {
    let factor = 10f64.powi(digits as i32);
    let scaled = x * factor;
    if !x.is_finite() || !scaled.is_finite() {
        // Infinities stay, and a double too large to scale has no digits past the point.
        return x;
    }
    // Work on the shortest decimal text so that 2.5 and 0.125 are exact ties, as Spark's
    // BigDecimal(x.toString) is.
    let text = format!("{scaled}");
    let exact: f64 = text.parse().unwrap_or(scaled);
    // Spark rounds through a BigDecimal, which has no negative zero: -0.4 and -0.0 round
    // to 0.0 (adding 0.0 turns -0.0 into 0.0 and leaves other values).
    exact.round_ties_even() / factor + 0.0
}

/// The whole and fraction digits of `x` (not negative) rounded HALF_EVEN to `places`
/// fraction digits, from its shortest decimal form, as Java's `DecimalFormat` rounds the
/// digits of `Double.toString` (so `1e20` stays exact and 0.125 is a tie).
fn shortest_rounded_half_even(x: f64, places: usize) -> (String, String) {
    if !x.is_finite() {
        return (format!("{x}"), String::new());
    }
    let scientific = format!("{x:e}");
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((scientific.as_str(), "0"));
    let exponent: i64 = exponent.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).map(|d| d - b'0').collect();
    // The decimal point sits after `point` digits (which may be before the first digit).
    let mut point = exponent + 1;
    if point < 0 {
        let mut padded = vec![0u8; point.unsigned_abs() as usize];
        padded.extend(digits);
        digits = padded;
        point = 0;
    }
    let point = point as usize;
    while digits.len() < point + places {
        digits.push(0);
    }
    let keep = point + places;
    let dropped = digits.split_off(keep);
    let round_up = match dropped.split_first() {
        Some((&first, rest)) => first > 5 || (first == 5 && (rest.iter().any(|d| *d != 0) || digits.last().is_some_and(|d| d % 2 == 1))),
        None => false,
    };
    let mut whole_len = point;
    if round_up {
        let mut at = digits.len();
        loop {
            if at == 0 {
                digits.insert(0, 1);
                whole_len += 1;
                break;
            }
            at -= 1;
            if digits[at] == 9 {
                digits[at] = 0;
            } else {
                digits[at] += 1;
                break;
            }
        }
    }
    let text = |part: &[u8]| part.iter().map(|d| char::from(b'0' + d)).collect::<String>();
    let whole = text(&digits[..whole_len]);
    (if whole.is_empty() { "0".to_string() } else { whole }, text(&digits[whole_len..]))
}

/// Java's `DecimalFormat` with grouping and `digits` fraction digits.
fn format_number(x: f64, digits: i64) -> String {
    let digits = digits.max(0) as usize;
    decimal_format(x, &Pattern { min_integer: 1, min_fraction: digits, max_fraction: digits, grouping: Some(3) })
}

/// The parts of a Java `DecimalFormat` pattern that `format_number` uses.
struct Pattern {
    min_integer: usize,
    min_fraction: usize,
    max_fraction: usize,
    grouping: Option<usize>,
}

impl Pattern {
    /// Reads `#,##0.00#`-style patterns (`0` a digit always shown, `#` a digit shown when
    /// not zero, `,` the grouping separator).
    fn parse(pattern: &str) -> Option<Pattern> {
        let (integer, fraction) = pattern.split_once('.').unwrap_or((pattern, ""));
        if !integer.chars().all(|c| matches!(c, '#' | '0' | ',')) || !fraction.chars().all(|c| matches!(c, '#' | '0')) {
            return None;
        }
        let grouping = integer.rfind(',').map(|at| integer.len() - at - 1).filter(|size| *size > 0);
        Some(Pattern {
            min_integer: integer.chars().filter(|c| *c == '0').count(),
            min_fraction: fraction.chars().filter(|c| *c == '0').count(),
            max_fraction: fraction.len(),
            grouping,
        })
    }
}

/// `x` as Java's `DecimalFormat` writes it (HALF_EVEN rounding; a negative number that
/// rounds to zero keeps its sign, as Java prints `-0`).
fn decimal_format(x: f64, pattern: &Pattern) -> String {
    // Java's DecimalFormatSymbols: the infinity sign, and NaN.
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x < 0.0 { "-\u{221E}".to_string() } else { "\u{221E}".to_string() };
    }
    let (whole, fraction) = shortest_rounded_half_even(x.abs(), pattern.max_fraction);
    let mut fraction = fraction;
    while fraction.len() > pattern.min_fraction && fraction.ends_with('0') {
        fraction.pop();
    }
    let mut whole = whole.trim_start_matches('0').to_string();
    while whole.len() < pattern.min_integer {
        whole.insert(0, '0');
    }
    let mut grouped = String::new();
    for (index, digit) in whole.chars().enumerate() {
        if let Some(size) = pattern.grouping {
            if index > 0 && (whole.len() - index) % size == 0 {
                grouped.push(',');
            }
        }
        grouped.push(digit);
    }
    let sign = if x < 0.0 { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{fraction}")
    }
}

impl ScalarUDFImpl for NumberFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        use datafusion::arrow::datatypes::Int64Type;
        if self.name == "format_number" {
            if let Some(ColumnarValue::Scalar(ScalarValue::Utf8(pattern))) = args.args.get(1) {
                // A DecimalFormat pattern instead of a number of digits.
                let (values, _) = two_arguments(&args, self.name, &DataType::Float64, &DataType::Utf8)?;
                let values = values.as_primitive::<Float64Type>();
                let pattern = match pattern.as_deref() {
                    Some(text) => Pattern::parse(text).ok_or_else(|| DataFusionError::Execution(format!("format_number: malformed pattern \"{text}\"")))?,
                    None => return Ok(ColumnarValue::Array(Arc::new(datafusion::arrow::array::StringArray::new_null(values.len())))),
                };
                let texts: datafusion::arrow::array::StringArray = values.iter().map(|v| v.map(|v| decimal_format(v, &pattern))).collect();
                return Ok(ColumnarValue::Array(Arc::new(texts)));
            }
        }
        let (values, digits) = two_arguments(&args, self.name, &DataType::Float64, &DataType::Int64)?;
        let (values, digits) = (values.as_primitive::<Float64Type>(), digits.as_primitive::<Int64Type>());
        let rows = 0..values.len();
        let valid = |i: usize| !values.is_null(i) && !digits.is_null(i);
        // Spark's format_number is NULL for a negative number of digits.
        let result: ArrayRef = Arc::new(rows.map(|i| (valid(i) && digits.value(i) >= 0).then(|| format_number(values.value(i), digits.value(i)))).collect::<datafusion::arrow::array::StringArray>());
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_even_and_formats_like_java() {
        assert_eq!(format_number(1e20, 3), "100,000,000,000,000,000,000.000");
        assert_eq!(format_number(0.125, 2), "0.12");
        assert_eq!(format_number(0.135, 2), "0.14");
        assert_eq!(format_number(9.999, 2), "10.00");
        assert_eq!(format_number(0.0004, 3), "0.000");
        assert_eq!(format_number(-1234.5, 0), "-1,234");
        assert_eq!(round_half_even(2.5, 0), 2.0);
        assert_eq!(round_half_even(3.5, 0), 4.0);
        assert_eq!(round_half_even(-2.5, 0), -2.0);
        assert_eq!(format_number(1234567.891, 2), "1,234,567.89");
        assert_eq!(format_number(-1234.5, 0), "-1,234");
        assert_eq!(format_number(12.0, 3), "12.000");
        assert_eq!(format_number(-0.5, 0), "-0");
        assert_eq!(Pattern::parse("#,##0.0#").map(|p| decimal_format(1234.5, &p)).as_deref(), Some("1,234.5"));
    }
}

/// Spark's names for functions DataFusion has under other names, and the
/// `datafusion-spark` functions DataFusion lacks, so that Spark SQL text resolves.
fn register_spark_names(context: &SessionContext) {
    use datafusion::execution::FunctionRegistry;
    use crate::spark::function_names::{registered_aliases, Kind};
    for (spark, datafusion) in registered_aliases(Kind::Scalar) {
        if context.udf(spark).is_err() {
            if let Ok(function) = context.udf(datafusion) {
                context.register_udf(function.as_ref().clone().with_aliases([spark]));
            }
        }
    }
    for (spark, datafusion) in registered_aliases(Kind::Aggregate) {
        if context.udaf(spark).is_err() {
            if let Ok(function) = context.udaf(datafusion) {
                context.register_udaf(function.as_ref().clone().with_aliases([spark]));
            }
        }
    }
    // Spark's own semantics win where DataFusion's differ: concat is NULL when any input
    // is NULL, format_string is Java's String.format, ceil/floor give bigints, char/chr
    // take the code modulo 256, substring counts negative positions from the end,
    // concat_ws joins array elements, mod/pmod raise on a zero divisor (ANSI), date_part
    // numbers days of the week from Sunday = 1, array_contains is NULL when the array
    // holds a NULL and no match, trunc truncates dates (Spark has no numeric trunc).
    const SPARK_PREFERRED: &[&str] = &[
        "concat", "format_string", "ascii", "ceil", "floor", "char", "substring", "concat_ws", "mod", "pmod", "date_part",
        "array_contains", "trunc",
    ];
    for function in datafusion_spark::all_default_scalar_functions() {
        if SPARK_PREFERRED.contains(&function.name()) || context.udf(function.name()).is_err() {
            let function = match function.name() {
                "char" => function.as_ref().clone().with_aliases(["chr"]),
                "ceil" => function.as_ref().clone().with_aliases(["ceiling"]),
                "substring" => function.as_ref().clone().with_aliases(["substr"]),
                _ => function.as_ref().clone(),
            };
            context.register_udf(function);
        }
    }
    // Spark's collect_list (alias array_agg) and collect_set skip NULLs and give [] for
    // no rows; try_sum is NULL on overflow.
    for function in datafusion_spark::all_default_aggregate_functions() {
        if matches!(function.name(), "collect_list" | "collect_set" | "try_sum") {
            let function = match function.name() {
                "collect_list" => function.as_ref().clone().with_aliases(["array_agg"]),
                _ => function.as_ref().clone(),
            };
            context.register_udaf(function);
        }
    }
}

/// The marker of a `DATE '...'` or `TIMESTAMP '...'` literal in planned SQL
/// (`sql::TYPED_LITERAL`), replaced by its value after planning. Typed by its kind; it is
/// never run.
#[derive(Debug, PartialEq, Eq, Hash)]
struct TypedLiteral {
    signature: Signature,
}

impl ScalarUDFImpl for TypedLiteral {
    fn name(&self) -> &str {
        super::sql::TYPED_LITERAL
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("a typed literal is typed by its kind".into()))
    }

    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        // The type of the value `sql::typed_literal_value` gives for the kind, so that a
        // VALUES list planned with the marker holds the value's type.
        let data_type = match args.scalar_arguments.first() {
            Some(Some(ScalarValue::Utf8(Some(kind)))) if kind == "DATE" => DataType::Date32,
            Some(Some(ScalarValue::Utf8(Some(kind)))) if kind == "TIME" => DataType::Time64(datafusion::arrow::datatypes::TimeUnit::Microsecond),
            Some(Some(ScalarValue::Utf8(Some(kind)))) if kind == "TIMESTAMP_NTZ" => DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, None),
            _ => crate::engine::local::types::timestamp_type(),
        };
        Ok(std::sync::Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), data_type, false)))
    }

    fn invoke_with_args(&self, _args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        Err(DataFusionError::Internal("a typed literal is replaced by its value before it runs".into()))
    }
}

/// The marker of an INT literal in planned SQL (`sql::INT_LITERAL`): the value as an int.
#[derive(Debug, PartialEq, Eq, Hash)]
struct IntLiteral {
    signature: Signature,
}

impl ScalarUDFImpl for IntLiteral {
    fn name(&self) -> &str {
        super::sql::INT_LITERAL
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }

    /// A literal is never NULL, so neither is its marker.
    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let nullable = args.arg_fields.iter().any(|f| f.is_nullable());
        Ok(Arc::new(datafusion::arrow::datatypes::Field::new(self.name(), DataType::Int32, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let first = arrays.first().ok_or_else(|| DataFusionError::Internal("ember_int takes one argument".into()))?;
        Ok(ColumnarValue::Array(datafusion::arrow::compute::cast(first, &DataType::Int32)?))
    }
}

/// Spark's `a DIV b`: integral division of bigints, `DIVIDE_BY_ZERO` on a zero divisor.
#[derive(Debug, PartialEq, Eq, Hash)]
struct IntegralDivide {
    signature: Signature,
}

impl ScalarUDFImpl for IntegralDivide {
    fn name(&self) -> &str {
        "ember_div"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        use datafusion::arrow::datatypes::Int64Type;
        let (left, right) = two_arguments(&args, "div", &DataType::Int64, &DataType::Int64)?;
        let (left, right) = (left.as_primitive::<Int64Type>(), right.as_primitive::<Int64Type>());
        let mut values = Vec::with_capacity(left.len());
        for index in 0..left.len() {
            if left.is_null(index) || right.is_null(index) {
                values.push(None);
            } else if right.value(index) == 0 {
                return Err(divide_by_zero());
            } else {
                values.push(Some(left.value(index).wrapping_div(right.value(index))));
            }
        }
        Ok(ColumnarValue::Array(Arc::new(datafusion::arrow::array::Int64Array::from(values))))
    }
}

/// Spark's cast to string (`1.0E10`, `[1, 2]`, `{a -> 1}`), used where Spark shows values
/// as strings (`describe`, `summary`).
#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkString {
    signature: Signature,
}

impl ScalarUDFImpl for SparkString {
    fn name(&self) -> &str {
        "ember_spark_string"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(array) = arrays.first() else {
            return Err(DataFusionError::Internal("ember_spark_string takes one argument".into()));
        };
        let strings: datafusion::arrow::array::StringArray = (0..array.len())
            .map(|i| (!array.is_null(i)).then(|| crate::spark::value_text::cell_string(array, i)))
            .collect();
        Ok(ColumnarValue::Array(Arc::new(strings)))
    }
}

/// The first two arguments of a UDF call as arrays cast to the given types.
fn two_arguments(args: &ScalarFunctionArgs, name: &str, left: &DataType, right: &DataType) -> Result<(ArrayRef, ArrayRef)> {
    let arrays = ColumnarValue::values_to_arrays(&args.args)?;
    let (Some(first), Some(second)) = (arrays.first(), arrays.get(1)) else {
        return Err(DataFusionError::Internal(format!("{name} takes two arguments")));
    };
    Ok((datafusion::arrow::compute::cast(first, left)?, datafusion::arrow::compute::cast(second, right)?))
}

/// Spark's `/` (`ansi` raises `DIVIDE_BY_ZERO`) or `try_divide` (NULL on a zero divisor),
/// both returning a double.
pub fn divide(ansi: bool) -> ScalarUDF {
    ScalarUDF::from(SparkDivide {
        ansi,
        signature: Signature::uniform(2, vec![DataType::Float64], Volatility::Immutable),
    })
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SparkDivide {
    ansi: bool,
    signature: Signature,
}

/// A Spark runtime error (`ErrorClass::Runtime`) of `condition` as a DataFusion error.
pub fn runtime_error(condition: &str, message: String, parameters: &[(&str, String)]) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(ErrorClass::Runtime, condition, message, parameters)))
}

/// Spark's `WRONG_NUM_ARGS.WITHOUT_SUGGESTION` unless `count` arguments are in `range`.
pub fn check_argument_count(function: &str, count: usize, range: std::ops::RangeInclusive<usize>) -> datafusion::error::Result<()> {
    if range.contains(&count) {
        return Ok(());
    }
    let expected = if range.start() == range.end() { range.start().to_string() } else { format!("[{}, {}]", range.start(), range.end()) };
    Err(EngineError::analysis(
        "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
        format!("The `{function}` requires {expected} parameters but the actual number is {count}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix."),
        &[("functionName", format!("`{function}`")), ("expectedNum", expected.clone()), ("actualNum", count.to_string()), ("docroot", "https://spark.apache.org/docs/latest".to_string())],
    )
    .into())
}

/// Spark's `DIVIDE_BY_ZERO` error as a DataFusion error.
pub fn divide_by_zero() -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::Arithmetic,
        "DIVIDE_BY_ZERO",
        "Division by zero. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
        &[("config", "\"spark.sql.ansi.enabled\"".to_string())],
    )))
}

impl ScalarUDFImpl for SparkDivide {
    fn name(&self) -> &str {
        if self.ansi {
            "ember_divide"
        } else {
            "try_divide"
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let (left, right) = two_arguments(&args, "divide", &DataType::Float64, &DataType::Float64)?;
        let left = left.as_primitive::<Float64Type>();
        let right = right.as_primitive::<Float64Type>();
        let mut values = Vec::with_capacity(left.len());
        for index in 0..left.len() {
            if left.is_null(index) || right.is_null(index) {
                values.push(None);
                continue;
            }
            let divisor = right.value(index);
            if divisor == 0.0 {
                if self.ansi {
                    return Err(divide_by_zero());
                }
                values.push(None);
            } else {
                values.push(Some(left.value(index) / divisor));
            }
        }
        let result: ArrayRef = Arc::new(Float64Array::from(values));
        Ok(ColumnarValue::Array(result))
    }
}
