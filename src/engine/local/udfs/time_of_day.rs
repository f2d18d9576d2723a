//! Spark's TIME type (Spark 4.1+, `TIME(6)`, held as the engine's `Time64(Microsecond)`:
//! microseconds since midnight) and its functions: `make_time`, `to_time`, `try_to_time`,
//! `time_diff`, `time_trunc`, `time_from_seconds`/`_millis`/`_micros` and
//! `time_to_seconds`/`_millis`/`_micros` (Spark's `TimeExpressions`).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, Int64Array, Time64MicrosecondArray};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Int64Type, Time64MicrosecondType, TimeUnit};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use super::runtime_error;
use crate::engine::local::error::{EngineError, ErrorClass};

/// The engine type of Spark's TIME(6).
pub const TIME: DataType = DataType::Time64(TimeUnit::Microsecond);

const MICROS_PER_DAY: i64 = 86_400_000_000;

/// Spark's `spark.sql.timeType.enabled` (false by default in Spark 4.3): without it, TIME
/// values other than literals are refused with `UNSUPPORTED_TIME_TYPE`. One per process.
static ENABLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The conf's name.
pub const TIME_TYPE_ENABLED: &str = "spark.sql.timeType.enabled";

/// Sets the conf from its text (`None` restores false).
pub fn set_enabled(value: Option<&str>) {
    ENABLED.store(value.is_some_and(|v| v.trim().eq_ignore_ascii_case("true")), std::sync::atomic::Ordering::Relaxed);
}

/// Whether the TIME type is enabled.
pub fn enabled() -> bool {
    ENABLED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Spark's `UNSUPPORTED_TIME_TYPE`, raised where a TIME is built while the type is off.
pub fn unsupported() -> EngineError {
    EngineError::spark(ErrorClass::Analysis, "UNSUPPORTED_TIME_TYPE", String::from("The data type TIME is not supported."), &[])
}

/// Registers the functions.
pub fn register(context: &SessionContext) {
    use Kind::*;
    for kind in [MakeTime, ToTime, TryToTime, TimeDiff, TimeTrunc, FromSeconds, FromMillis, FromMicros, ToSeconds, ToMillis, ToMicros] {
        context.register_udf(ScalarUDF::from(TimeFunction { kind, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    MakeTime,
    ToTime,
    TryToTime,
    TimeDiff,
    TimeTrunc,
    FromSeconds,
    FromMillis,
    FromMicros,
    ToSeconds,
    ToMillis,
    ToMicros,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct TimeFunction {
    kind: Kind,
    signature: Signature,
}

/// A time of day as text (`10:30:00`, `14:30:00.5`), by a Spark datetime pattern when one
/// is given, else as `HH:mm[:ss[.SSSSSS]]`.
pub fn parse_time(text: &str, pattern: Option<&str>) -> Option<i64> {
    let time = match pattern {
        Some(pattern) => {
            let format = super::datetime::chrono_parse_pattern(pattern).ok()?;
            chrono::NaiveTime::parse_from_str(text.trim(), &format).ok()?
        }
        None => ["%H:%M:%S%.f", "%H:%M"].iter().find_map(|format| chrono::NaiveTime::parse_from_str(text.trim(), format).ok())?,
    };
    Some(chrono::Timelike::num_seconds_from_midnight(&time) as i64 * 1_000_000 + i64::from(chrono::Timelike::nanosecond(&time) / 1_000))
}

/// Microseconds of one unit of `time_diff`/`time_trunc` (Spark's units of a TIME).
fn unit_micros(unit: &str) -> Option<i64> {
    Some(match unit.trim().to_ascii_uppercase().as_str() {
        "HOUR" => 3_600_000_000,
        "MINUTE" => 60_000_000,
        "SECOND" => 1_000_000,
        "MILLISECOND" => 1_000,
        "MICROSECOND" => 1,
        _ => return None,
    })
}

fn invalid_unit(function: &str, unit: &str) -> DataFusionError {
    runtime_error(
        "INVALID_PARAMETER_VALUE.TIME_UNIT",
        format!("The value of parameter(s) `unit` in `{function}` is invalid: expects one of the units without quotes HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '{unit}'."),
        &[("parameter", "`unit`".into()), ("functionName", format!("`{function}`")), ("invalidValue", format!("'{unit}'"))],
    )
}

/// A time of day, or Spark's error for a value out of a day's range.
fn in_day(micros: i128, function: &str) -> Result<i64> {
    if (0..i128::from(MICROS_PER_DAY)).contains(&micros) {
        Ok(micros as i64)
    } else {
        Err(runtime_error(
            "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION",
            format!("The value {micros} of microseconds of the day in `{function}` is out of the range [0, {MICROS_PER_DAY})."),
            &[("rangeMessage", format!("{micros}"))],
        ))
    }
}

impl ScalarUDFImpl for TimeFunction {
    fn name(&self) -> &str {
        match self.kind {
            Kind::MakeTime => "make_time",
            Kind::ToTime => "to_time",
            Kind::TryToTime => "try_to_time",
            Kind::TimeDiff => "time_diff",
            Kind::TimeTrunc => "time_trunc",
            Kind::FromSeconds => "time_from_seconds",
            Kind::FromMillis => "time_from_millis",
            Kind::FromMicros => "time_from_micros",
            Kind::ToSeconds => "time_to_seconds",
            Kind::ToMillis => "time_to_millis",
            Kind::ToMicros => "time_to_micros",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("return_field_from_args is used".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        if !enabled() {
            return Err(DataFusionError::External(Box::new(unsupported())));
        }
        let arity = match self.kind {
            Kind::MakeTime | Kind::TimeDiff => 3..=3,
            Kind::ToTime | Kind::TryToTime => 1..=2,
            Kind::TimeTrunc => 2..=2,
            _ => 1..=1,
        };
        super::check_argument_count(self.name(), args.arg_fields.len(), arity)?;
        let nullable = self.kind == Kind::TryToTime || args.arg_fields.iter().any(|f| f.is_nullable());
        let data_type = match self.kind {
            Kind::TimeDiff | Kind::ToMillis | Kind::ToMicros => DataType::Int64,
            Kind::ToSeconds => DataType::Decimal128(14, 6),
            _ => TIME,
        };
        Ok(Arc::new(Field::new(self.name(), data_type, nullable)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays: Vec<ArrayRef> = args.args.iter().map(|a| a.to_array(rows)).collect::<Result<_>>()?;
        let name = self.name().to_string();
        let result: ArrayRef = match self.kind {
            Kind::MakeTime => {
                let hours = datafusion::arrow::compute::cast(&arrays[0], &DataType::Int64)?;
                let minutes = datafusion::arrow::compute::cast(&arrays[1], &DataType::Int64)?;
                let seconds = datafusion::arrow::compute::cast(&arrays[2], &DataType::Decimal128(16, 6))?;
                let (hours, minutes, seconds) = (hours.as_primitive::<Int64Type>(), minutes.as_primitive::<Int64Type>(), seconds.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>());
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if hours.is_null(row) || minutes.is_null(row) || seconds.is_null(row) {
                        out.push(None);
                        continue;
                    }
                    let (h, m, s) = (hours.value(row), minutes.value(row), seconds.value(row));
                    if !(0..24).contains(&h) || !(0..60).contains(&m) || !(0..60_000_000).contains(&s) {
                        return Err(runtime_error(
                            "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION",
                            format!("Invalid value for a time of day: hour {h}, minute {m}, second {}.", s as f64 / 1e6),
                            &[("rangeMessage", format!("hour {h}, minute {m}"))],
                        ));
                    }
                    out.push(Some((h * 3600 + m * 60) * 1_000_000 + s as i64));
                }
                Arc::new(Time64MicrosecondArray::from(out))
            }
            Kind::ToTime | Kind::TryToTime => {
                let texts = datafusion::arrow::compute::cast(&arrays[0], &DataType::Utf8)?;
                let texts = texts.as_string::<i32>();
                let patterns = arrays.get(1).map(|p| datafusion::arrow::compute::cast(p, &DataType::Utf8)).transpose()?;
                let patterns = patterns.as_ref().map(|p| p.as_string::<i32>());
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    let pattern = match patterns {
                        Some(p) if p.is_null(row) => {
                            out.push(None);
                            continue;
                        }
                        Some(p) => Some(p.value(row)),
                        None => None,
                    };
                    if texts.is_null(row) {
                        out.push(None);
                        continue;
                    }
                    let text = texts.value(row);
                    match parse_time(text, pattern) {
                        Some(micros) => out.push(Some(micros)),
                        None if self.kind == Kind::TryToTime => out.push(None),
                        None => {
                            return Err(runtime_error(
                                "CANNOT_PARSE_TIME",
                                format!("The input string '{text}' cannot be parsed to a TIME value because it does not match to the datetime format '{}'.", pattern.unwrap_or("HH:mm:ss.SSSSSS")),
                                &[("input", format!("'{text}'")), ("format", format!("'{}'", pattern.unwrap_or("HH:mm:ss.SSSSSS")))],
                            ))
                        }
                    }
                }
                Arc::new(Time64MicrosecondArray::from(out))
            }
            Kind::TimeDiff | Kind::TimeTrunc => {
                let units = datafusion::arrow::compute::cast(&arrays[0], &DataType::Utf8)?;
                let units = units.as_string::<i32>();
                let times: Vec<ArrayRef> = arrays[1..].iter().map(|a| datafusion::arrow::compute::cast(a, &TIME)).collect::<std::result::Result<_, _>>()?;
                let times: Vec<&Time64MicrosecondArray> = times.iter().map(|t| t.as_primitive::<Time64MicrosecondType>()).collect();
                let mut out = Vec::with_capacity(rows);
                for row in 0..rows {
                    if units.is_null(row) || times.iter().any(|t| t.is_null(row)) {
                        out.push(None);
                        continue;
                    }
                    let unit = units.value(row);
                    let size = unit_micros(unit).ok_or_else(|| invalid_unit(&name, unit))?;
                    out.push(Some(match self.kind {
                        Kind::TimeDiff => (times[1].value(row) - times[0].value(row)) / size,
                        _ => times[0].value(row) / size * size,
                    }));
                }
                if self.kind == Kind::TimeDiff {
                    Arc::new(Int64Array::from(out))
                } else {
                    Arc::new(Time64MicrosecondArray::from(out))
                }
            }
            Kind::FromSeconds | Kind::FromMillis | Kind::FromMicros => {
                let scale = match self.kind {
                    Kind::FromSeconds => 1_000_000i128,
                    Kind::FromMillis => 1_000,
                    _ => 1,
                };
                let micros: Vec<Option<i128>> = if matches!(arrays[0].data_type(), DataType::Float32 | DataType::Float64) {
                    let values = datafusion::arrow::compute::cast(&arrays[0], &DataType::Float64)?;
                    values.as_primitive::<datafusion::arrow::datatypes::Float64Type>().iter().map(|v| v.map(|v| (v * scale as f64).round() as i128)).collect()
                } else {
                    let values = datafusion::arrow::compute::cast(&arrays[0], &DataType::Decimal128(38, 6))?;
                    values.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>().iter().map(|v| v.map(|v| v * scale / 1_000_000)).collect()
                };
                Arc::new(micros.into_iter().map(|m| m.map(|m| in_day(m, &name)).transpose()).collect::<Result<Time64MicrosecondArray>>()?)
            }
            Kind::ToSeconds | Kind::ToMillis | Kind::ToMicros => {
                let times = datafusion::arrow::compute::cast(&arrays[0], &TIME)?;
                let times = times.as_primitive::<Time64MicrosecondType>();
                match self.kind {
                    Kind::ToSeconds => Arc::new(times.iter().map(|t| t.map(i128::from)).collect::<Decimal128Array>().with_precision_and_scale(14, 6)?),
                    Kind::ToMillis => Arc::new(times.iter().map(|t| t.map(|t| t.div_euclid(1_000))).collect::<Int64Array>()),
                    _ => Arc::new(times.iter().collect::<Int64Array>()),
                }
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_read_as_spark_reads_them() {
        assert_eq!(parse_time("14:30:00.5", None), Some(52_200_500_000));
        assert_eq!(parse_time("10:30", None), Some(37_800_000_000));
        assert_eq!(parse_time("10:30:00", Some("HH:mm:ss")), Some(37_800_000_000));
        assert_eq!(parse_time("malformed", None), None);
        assert_eq!(unit_micros("minute"), Some(60_000_000));
        assert_eq!(unit_micros("DAY"), None);
        assert!(in_day(MICROS_PER_DAY as i128, "time_from_micros").is_err());
    }
}
