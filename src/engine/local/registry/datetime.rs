//! Spark's date, timestamp and interval functions with rules of their own: text read as
//! dates and timestamps, fields as Spark extracts them, Spark's unit names, time windows
//! and the defaults Spark writes into calls.
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::{Cast, Expr, ExprSchemable};

use super::{function, Call, Default, Function};
use crate::engine::local::error::{ErrorClass, EngineError, Result};
use crate::engine::local::udfs::spark_named::spark_named;

const INTERVAL_PARTS: &[(usize, Default)] =
    &[(0, Default::Int(0)), (1, Default::Int(0)), (2, Default::Int(0)), (3, Default::Int(0)), (4, Default::Int(0)), (5, Default::Int(0)), (6, Default::DecimalZero(6))];
const SPARK_TIMESTAMP_FORMAT: &[(usize, Default)] = &[(1, Default::Text("yyyy-MM-dd HH:mm:ss"))];
/// `unix_timestamp()` is `unix_timestamp(current_timestamp(), 'yyyy-MM-dd HH:mm:ss')`.
const NOW_IN_SPARK_FORMAT: &[(usize, Default)] = &[(0, Default::CurrentTimestamp), (1, Default::Text("yyyy-MM-dd HH:mm:ss"))];

pub const FUNCTIONS: &[Function] = &[
    function(&["year"]).dates(&[0]).build(field),
    function(&["month"]).dates(&[0]).build(field),
    function(&["day"]).dates(&[0]).build(field).display("day({})"),
    function(&["dayofmonth"]).dates(&[0]).build(field),
    function(&["dayofweek"]).dates(&[0]).build(field),
    function(&["dayofyear"]).dates(&[0]).build(field),
    function(&["quarter"]).dates(&[0]).build(field),
    function(&["weekofyear"]).dates(&[0]).build(field),
    function(&["hour"]).timestamps(&[0]).build(field),
    function(&["minute"]).timestamps(&[0]).build(field),
    function(&["second"]).timestamps(&[0]).build(field),
    function(&["weekday"]).dates(&[0]),
    function(&["monthname"]).dates(&[0]),
    function(&["last_day"]).dates(&[0]),
    function(&["next_day"]).dates(&[0]),
    function(&["add_months"]).dates(&[0]),
    function(&["date_sub"]).dates(&[0]),
    function(&["date_add"]).dates(&[0]).build(timestamp_add),
    function(&["dateadd"]).dates(&[0]).build(timestamp_add),
    function(&["timestamp_add"]).build(timestamp_add),
    function(&["datediff"]).dates(&[0, 1]).build(timestamp_diff),
    function(&["date_diff"]).dates(&[0, 1]).build(timestamp_diff),
    function(&["timestamp_diff"]).build(timestamp_diff),
    function(&["trunc"]).dates(&[0]).build(trunc).display("trunc({})"),
    function(&["date_trunc"]).timestamps(&[1]).build(date_trunc).display("date_trunc({})"),
    function(&["date_part"]).build(date_part).display("date_part({})"),
    function(&["datepart"]).build(date_part).display("datepart({})"),
    function(&["extract"]).build(extract),
    function(&["to_date"]).strings(&[0]).build(to_date).display("to_date({})"),
    function(&["try_to_date"]).strings(&[0]),
    // Spark's TryToTime runs ToTime, and is named after it.
    function(&["try_to_time"]).display("try_to_time(to_time({}))"),
    function(&["try_make_timestamp"]).display("try_make_timestamp({})"),
    function(&["window"]).build(window),
    function(&["unix_timestamp"]).defaults(NOW_IN_SPARK_FORMAT),
    function(&["to_unix_timestamp"]).defaults(SPARK_TIMESTAMP_FORMAT),
    function(&["from_unixtime"]).defaults(SPARK_TIMESTAMP_FORMAT),
    function(&["months_between"]).defaults(&[(2, Default::Bool(true))]),
    function(&["make_dt_interval"]).defaults(&[(0, Default::Int(0)), (1, Default::Int(0)), (2, Default::Int(0)), (3, Default::DecimalZero(6))]),
    function(&["make_ym_interval"]).defaults(&[(0, Default::Int(0)), (1, Default::Int(0))]),
    function(&["make_interval"]).defaults(INTERVAL_PARTS),
    function(&["try_make_interval"]).defaults(INTERVAL_PARTS),
];

/// A field of a date or timestamp (`year(d)`, `dayofweek(d)`), an INT as in Spark.
fn field(call: Call) -> Result<Expr> {
    let part = match call.name.as_str() {
        "dayofmonth" => "day",
        "dayofweek" => "dow",
        "dayofyear" => "doy",
        "weekofyear" => "week",
        other => other,
    }
    .to_string();
    let context = call.context;
    let schema = call.schema;
    let expr = call.only()?;
    // The hour, minute and second of a TIME, from its microseconds of the day.
    if matches!(expr.get_type(schema), Ok(DataType::Time64(_))) {
        let (unit, modulo) = match part.as_str() {
            "hour" => (3_600_000_000, 24),
            "minute" => (60_000_000, 60),
            "second" => (1_000_000, 60),
            _ => return Err(EngineError::analysis("DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE", format!("`{part}` does not take a TIME."), &[])),
        };
        let name = format!("{part}({})", crate::engine::local::naming::spark_name(&expr));
        let micros = Expr::Cast(Cast::new(Box::new(expr), DataType::Int64));
        let int = |v: i64| Expr::Literal(ScalarValue::Int64(Some(v)), None);
        return Ok(spark_named(Expr::Cast(Cast::new(Box::new((micros / int(unit)) % int(modulo)), DataType::Int32)), name));
    }
    // datafusion-spark's date_part numbers days of the week from Sunday = 1.
    let extracted = super::call_scalar(context, "date_part", vec![Expr::Literal(ScalarValue::Utf8(Some(part)), None), expr])?;
    Ok(Expr::Cast(Cast::new(Box::new(extracted), DataType::Int32)))
}

/// Spark's TimestampAdd under PySpark's name and SQL's three-argument `dateadd`/`date_add`.
fn timestamp_add(call: Call) -> Result<Expr> {
    if call.arguments.len() != 3 {
        return call.engine();
    }
    call.scalar("timestampadd", call.arguments.clone())
}

/// Spark's TimestampDiff under PySpark's name and the three-argument `datediff`/`date_diff`.
fn timestamp_diff(call: Call) -> Result<Expr> {
    if call.arguments.len() != 3 {
        return call.engine();
    }
    call.scalar("timestampdiff", call.arguments.clone())
}

/// `trunc(date, unit)` as the SQL path plans it (`sql::spark_rules`).
fn trunc(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    // A date and a unit Spark knows: truncated on the date (`udfs::trunc_date`).
    if let (Ok(datafusion::arrow::datatypes::DataType::Date32), Expr::Literal(ScalarValue::Utf8(Some(unit)), _)) =
        (datafusion::logical_expr::ExprSchemable::get_type(&call.arguments[0], call.schema), &call.arguments[1])
    {
        if let Some(truncated) = crate::engine::local::udfs::trunc_date::call(call.arguments[0].clone(), unit) {
            return Ok(truncated);
        }
    }
    call.scalar_by_spark_rules("trunc")
}

/// `date_trunc(unit, ts)` as the SQL path plans it (`sql::spark_rules`): NULL for a unit
/// Spark does not know.
fn date_trunc(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    call.scalar_by_spark_rules("date_trunc")
}

/// Spark's Extract, `extract(field FROM source)`: its date_part, named as Spark writes it.
fn extract(call: Call) -> Result<Expr> {
    let [field, source] = call.arguments.as_slice() else {
        return call.engine();
    };
    let name = match field {
        Expr::Literal(ScalarValue::Utf8(Some(field)), _) => format!("extract({field} FROM {})", crate::engine::local::naming::spark_name(source)),
        other => format!("extract({} FROM {})", crate::engine::local::naming::spark_name(other), crate::engine::local::naming::spark_name(source)),
    };
    Ok(spark_named(date_part(call)?, name))
}

/// Spark's date_part (also `datepart`, `extract`) as SQL's: seconds keep the fraction.
fn date_part(call: Call) -> Result<Expr> {
    if call.arguments.len() != 2 {
        return call.engine();
    }
    call.scalar_by_spark_rules("date_part")
}

/// Spark's `to_date(x)` without a format is `CAST(x AS DATE)`.
fn to_date(call: Call) -> Result<Expr> {
    if call.arguments.len() != 1 {
        return call.engine();
    }
    let argument = call.arguments[0].clone();
    let from = call.type_of(&argument)?;
    Ok(crate::engine::local::cast::spark_cast(argument, &from, &DataType::Date32, false))
}

/// Spark's TimeWindow: `window(ts, windowDuration[, slideDuration[, startTime]])`,
/// durations as interval text; a tumbling window is a struct named `window`.
fn window(call: Call) -> Result<Expr> {
    let arguments = &call.arguments;
    if !(2..=4).contains(&arguments.len()) {
        return call.engine();
    }
    let text = |e: &Expr| -> Result<Option<String>> {
        match e {
            Expr::Literal(ScalarValue::Utf8(text), _) => Ok(text.clone()),
            Expr::Literal(ScalarValue::Null, _) => Ok(None),
            other => Err(EngineError::analysis("DATATYPE_MISMATCH.NON_FOLDABLE_INPUT", format!("Cannot resolve \"window\" due to data type mismatch: the input {} should be a foldable \"STRING\" expression.", crate::engine::local::naming::spark_name(other)), &[])),
        }
    };
    let duration = |e: Option<&Expr>| -> Result<Option<i64>> {
        match e {
            None => Ok(None),
            Some(e) => text(e)?.map(|t| crate::engine::local::udfs::time_window::duration_micros(&t)).transpose(),
        }
    };
    let window = duration(arguments.get(1))?.ok_or_else(|| EngineError::analysis("CANNOT_PARSE_INTERVAL", "Unable to parse 'NULL'.", &[]))?;
    let slide = duration(arguments.get(2))?.unwrap_or(window);
    let start = duration(arguments.get(3))?.unwrap_or(0);
    let ts = crate::engine::local::naming::spark_name(&arguments[0]);
    if window <= 0 || slide <= 0 || slide > window {
        return Err(EngineError::analysis(
            "DATATYPE_MISMATCH.PARAMETER_CONSTRAINT_VIOLATION",
            format!("Cannot resolve \"window({ts}, {window}, {slide}, {start})\" due to data type mismatch: The `slide_duration`({slide}L) must be <= the `window_duration`({window}L)."),
            &[],
        ));
    }
    if slide != window {
        let feature = "Sliding time windows (window with a slideDuration shorter than its windowDuration) in Ember".to_string();
        return Err(EngineError::spark(ErrorClass::NotImplemented, "NOT_IMPLEMENTED", format!("{feature} is not implemented."), &[("feature", feature.clone())]));
    }
    let micros = |v: i64| Expr::Literal(ScalarValue::Int64(Some(v)), None);
    let bucket = call.scalar(crate::engine::local::udfs::time_window::TIME_WINDOW, vec![arguments[0].clone(), micros(window), micros(start)])?;
    Ok(spark_named(bucket, "window".to_string()))
}
