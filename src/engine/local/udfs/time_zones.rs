//! Spark's functions that build a timestamp from fields or move one between time zones:
//! `make_timestamp`, `make_timestamp_ltz`, `make_timestamp_ntz` and their `try_` forms
//! (Spark's `MakeTimestamp`), `from_utc_timestamp`, `to_utc_timestamp`,
//! `convert_timezone`, and `timestampadd`/`timestampdiff`, whose calendar units count in
//! the session zone. Zone ids are read as Spark reads them (`spark::session_zone`);
//! a missing zone is the session's.
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, TimestampMicrosecondArray};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Int32Type, TimeUnit, TimestampMicrosecondType};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};
use crate::engine::local::types::timestamp_type;
use crate::spark::session_zone::{self, Zone};

/// Registers the functions of this module under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["make_timestamp", "make_timestamp_ltz", "make_timestamp_ntz", "try_make_timestamp", "try_make_timestamp_ltz", "try_make_timestamp_ntz"] {
        context.register_udf(ScalarUDF::from(MakeTimestamp { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
    for name in ["from_utc_timestamp", "to_utc_timestamp", "convert_timezone"] {
        context.register_udf(ScalarUDF::from(ZoneShift { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
    for name in ["timestampadd", "timestampdiff"] {
        context.register_udf(ScalarUDF::from(TimestampArithmetic { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
}

/// A zone id per row: a cache of the last id read, since the zone is nearly always one
/// literal. An id Spark cannot read is `INVALID_TIMEZONE`.
struct Zones {
    last: Option<(String, Zone)>,
}

impl Zones {
    fn read(&mut self, id: &str) -> Result<Zone> {
        if let Some((last, zone)) = &self.last {
            if last == id {
                return Ok(zone.clone());
            }
        }
        let zone = Zone::named(id).ok_or_else(|| {
            DataFusionError::External(Box::new(EngineError::spark(
                ErrorClass::DateTime,
                "INVALID_TIMEZONE",
                format!("The timezone: {id} is invalid. The timezone must be either a region-based zone ID or a zone offset. Region IDs must have the form 'area/city', such as 'America/Los_Angeles'. Zone offsets must be in the format '(+|-)HH', '(+|-)HH:mm' or '(+|-)HH:mm:ss', e.g '-08', '+01:00' or '-13:33:33', and must be in the range from -18:00 to +18:00. 'Z' and 'UTC' are accepted as synonyms for '+00:00'."),
                &[("timeZone", id.to_string())],
            )))
        })?;
        self.last = Some((id.to_string(), zone.clone()));
        Ok(zone)
    }
}

/// The text values of an argument (NULL rows are None).
fn texts(array: &ArrayRef) -> Result<Vec<Option<String>>> {
    let text = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
    let text = text.as_string::<i32>();
    Ok((0..text.len()).map(|i| (!text.is_null(i)).then(|| text.value(i).to_string())).collect())
}

/// The micros of a timestamp argument of either kind.
pub(crate) fn micros(array: &dyn Array) -> Result<Vec<Option<i64>>> {
    let micros = datafusion::arrow::compute::cast(array, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
    Ok(micros.as_primitive::<TimestampMicrosecondType>().iter().collect())
}

/// Spark's `MakeTimestamp`: a timestamp from year, month, day, hour, minute and seconds
/// (DECIMAL(16,6); 60 with no fraction is the next minute), in the zone given or the
/// session's. Fields out of range are `DATETIME_FIELD_OUT_OF_BOUNDS` (ANSI), NULL for
/// the `try_` forms.
#[derive(Debug, PartialEq, Eq, Hash)]
struct MakeTimestamp {
    name: &'static str,
    signature: Signature,
}

impl MakeTimestamp {
    fn wall_clock(&self) -> bool {
        self.name.ends_with("_ntz")
    }
}

/// Spark's error for a field out of range (`DATETIME_FIELD_OUT_OF_BOUNDS`, with Java's
/// `ChronoField` text) or a fraction on second 60 (`INVALID_FRACTION_OF_SECOND`); None
/// when every field is in range. `micros` are the seconds field in microseconds.
fn field_error(function: &str, year: i32, month: i32, day: i32, hour: i32, minute: i32, micros: i64) -> Option<EngineError> {
    let check = |name: &str, value: i64, low: i64, high: i64| (value < low || value > high).then(|| format!("Invalid value for {name} (valid values {low} - {high}): {value}"));
    let (whole, fraction) = (micros.div_euclid(1_000_000), micros.rem_euclid(1_000_000));
    if whole == 60 && fraction != 0 {
        let seconds = crate::engine::local::cast::decimal_text(micros, 6);
        let seconds = seconds.trim_end_matches('0').trim_end_matches('.');
        return Some(EngineError::spark(
            ErrorClass::DateTime,
            "INVALID_FRACTION_OF_SECOND",
            format!(
                "Valid range for seconds is [0, 60] (inclusive), but the provided value is {seconds}. To avoid this error, use `try_{function}`, which returns NULL on error.{}",
                if function == "make_timestamp" { "\nIf you do not want to use the session default timestamp version of this function, use `try_make_timestamp_ntz` or `try_make_timestamp_ltz`." } else { "" }
            ),
            &[("secAndMicros", seconds.to_string())],
        ));
    }
    let message = check("Year", i64::from(year), -999_999_999, 999_999_999)
        .or_else(|| check("MonthOfYear", i64::from(month), 1, 12))
        .or_else(|| check("DayOfMonth", i64::from(day), 1, 31))
        .or_else(|| check("HourOfDay", i64::from(hour), 0, 23))
        .or_else(|| check("MinuteOfHour", i64::from(minute), 0, 59))
        .or_else(|| check("SecondOfMinute", whole, 0, 60))
        .or_else(|| {
            chrono::NaiveDate::from_ymd_opt(year, month as u32, day as u32)
                .is_none()
                .then(|| if day == 29 && month == 2 { format!("Invalid date 'February 29' as '{year}' is not a leap year") } else { format!("Invalid date '{} {day}'", month_name(month)) })
        })?;
    Some(EngineError::spark(ErrorClass::DateTime, "DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION", format!("{message}. "), &[("rangeMessage", message.clone())]))
}

fn month_name(month: i32) -> &'static str {
    const NAMES: [&str; 12] = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER", "NOVEMBER", "DECEMBER"];
    NAMES.get((month - 1).max(0) as usize).copied().unwrap_or("")
}

impl ScalarUDFImpl for MakeTimestamp {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if !(6..=7).contains(&arg_types.len()) || (self.wall_clock() && arg_types.len() == 7) {
            return Err(DataFusionError::Plan(format!("{} takes year, month, day, hour, min and sec{}", self.name, if self.wall_clock() { "" } else { " (and a timezone)" })));
        }
        Ok(arg_types
            .iter()
            .enumerate()
            .map(|(i, t)| match i {
                0..=4 if t.is_null() || t.is_integer() => DataType::Int32,
                0..=4 => t.clone(),
                5 => DataType::Decimal128(16, 6),
                _ => DataType::Utf8,
            })
            .collect())
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(if self.wall_clock() { DataType::Timestamp(TimeUnit::Microsecond, None) } else { timestamp_type() })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = args.number_rows;
        let fields: Vec<_> = arrays[..5].iter().map(|a| datafusion::arrow::compute::cast(a, &DataType::Int32)).collect::<std::result::Result<_, _>>()?;
        let fields: Vec<_> = fields.iter().map(|a| a.as_primitive::<Int32Type>()).collect();
        let seconds = datafusion::arrow::compute::cast(&arrays[5], &DataType::Decimal128(16, 6))?;
        let seconds = seconds.as_primitive::<Decimal128Type>();
        let zone_ids = arrays.get(6).map(texts).transpose()?;
        let session = session_zone::current();
        let mut zones = Zones { last: None };
        let lenient = self.name.starts_with("try_");
        let mut values = Vec::with_capacity(rows);
        for row in 0..rows {
            if fields.iter().any(|f| f.is_null(row)) || seconds.is_null(row) || zone_ids.as_ref().is_some_and(|z| z[row].is_none()) {
                values.push(None);
                continue;
            }
            let [year, month, day, hour, minute] = [0, 1, 2, 3, 4].map(|i| fields[i].value(row));
            let micros = i64::try_from(seconds.value(row)).unwrap_or(i64::MAX);
            if let Some(error) = field_error(self.name.trim_start_matches("try_"), year, month, day, hour, minute, micros) {
                if lenient {
                    values.push(None);
                    continue;
                }
                return Err(DataFusionError::External(Box::new(error)));
            }
            let date = chrono::NaiveDate::from_ymd_opt(year, month as u32, day as u32).ok_or_else(|| DataFusionError::Internal("checked date".into()))?;
            let midnight = date.and_hms_opt(0, 0, 0).map(|t| t.and_utc().timestamp_micros()).unwrap_or(0);
            let wall = midnight + (i64::from(hour) * 60 + i64::from(minute)) * 60_000_000 + micros;
            let value = if self.wall_clock() {
                wall
            } else {
                match &zone_ids {
                    Some(ids) => zones.read(ids[row].as_deref().unwrap_or_default())?.to_instant(wall),
                    None => session.to_instant(wall),
                }
            };
            values.push(Some(value));
        }
        let array = TimestampMicrosecondArray::from(values);
        let array: ArrayRef = if self.wall_clock() { Arc::new(array) } else { Arc::new(array.with_timezone("UTC")) };
        Ok(ColumnarValue::Array(array))
    }
}

/// Spark's `FromUTCTimestamp` (an instant's wall-clock time in a zone, read back as a
/// UTC instant), `ToUTCTimestamp` (the reverse) and `ConvertTimezone` (a wall-clock time
/// in one zone as the wall-clock time in another; the source is the session's zone when
/// only two arguments are given).
#[derive(Debug, PartialEq, Eq, Hash)]
struct ZoneShift {
    name: &'static str,
    signature: Signature,
}

impl ScalarUDFImpl for ZoneShift {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let convert = self.name == "convert_timezone";
        let arity_ok = if convert { (2..=3).contains(&arg_types.len()) } else { arg_types.len() == 2 };
        if !arity_ok {
            return Err(DataFusionError::Plan(format!("{} takes {} arguments", self.name, if convert { "2 or 3" } else { "2" })));
        }
        let last = arg_types.len() - 1;
        Ok((0..arg_types.len())
            .map(|i| match (convert, i == last, i == 0) {
                // convert_timezone([source, ]target, wall-clock time)
                (true, true, _) => DataType::Timestamp(TimeUnit::Microsecond, None),
                (true, false, _) => DataType::Utf8,
                // from_utc_timestamp / to_utc_timestamp(instant, zone)
                (false, _, true) => timestamp_type(),
                (false, _, false) => DataType::Utf8,
            })
            .collect())
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(if self.name == "convert_timezone" { DataType::Timestamp(TimeUnit::Microsecond, None) } else { timestamp_type() })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = args.number_rows;
        let mut zones = Zones { last: None };
        let mut targets = Zones { last: None };
        let (values, zoned) = if self.name == "convert_timezone" {
            let (sources, target_ids, times) = match arrays.len() {
                3 => (Some(texts(&arrays[0])?), texts(&arrays[1])?, micros(&arrays[2])?),
                _ => (None, texts(&arrays[0])?, micros(&arrays[1])?),
            };
            let session = session_zone::current();
            let mut values = Vec::with_capacity(rows);
            for row in 0..rows {
                let (Some(time), Some(target)) = (times[row], target_ids[row].as_deref()) else {
                    values.push(None);
                    continue;
                };
                let source = match &sources {
                    Some(ids) => match ids[row].as_deref() {
                        Some(id) => zones.read(id)?,
                        None => {
                            values.push(None);
                            continue;
                        }
                    },
                    None => session.clone(),
                };
                values.push(Some(targets.read(target)?.to_local(source.to_instant(time))));
            }
            (values, false)
        } else {
            let (times, ids) = (micros(&arrays[0])?, texts(&arrays[1])?);
            let mut values = Vec::with_capacity(rows);
            for row in 0..rows {
                let (Some(time), Some(id)) = (times[row], ids[row].as_deref()) else {
                    values.push(None);
                    continue;
                };
                let zone = zones.read(id)?;
                values.push(Some(if self.name == "from_utc_timestamp" { zone.to_local(time) } else { zone.to_instant(time) }));
            }
            (values, true)
        };
        let array = TimestampMicrosecondArray::from(values);
        Ok(ColumnarValue::Array(if zoned { Arc::new(array.with_timezone("UTC")) } else { Arc::new(array) }))
    }
}

/// Spark's `timestampadd(unit, quantity, ts)` (`TimestampAdd`) and
/// `timestampdiff(unit, start, end)` (`TimestampDiff`): calendar units (YEAR, QUARTER,
/// MONTH, WEEK, DAY) move and count on the session zone's wall-clock time, as Java's
/// `LocalDateTime` does (a month end is clamped, whole units only); time units (HOUR to
/// MICROSECOND) on the instant. A timestamp without zone is its own wall-clock time.
#[derive(Debug, PartialEq, Eq, Hash)]
struct TimestampArithmetic {
    name: &'static str,
    signature: Signature,
}

/// The units Spark accepts, as (name, micros of a time unit or months of a calendar unit,
/// whether it is a calendar unit counted in months, whether it is counted in days).
fn unit_of(text: &str) -> Option<(i64, bool, bool)> {
    Some(match text.to_ascii_uppercase().as_str() {
        "YEAR" => (12, true, false),
        "QUARTER" => (3, true, false),
        "MONTH" => (1, true, false),
        "WEEK" => (7, false, true),
        "DAY" | "DAYOFYEAR" => (1, false, true),
        "HOUR" => (3_600_000_000, false, false),
        "MINUTE" => (60_000_000, false, false),
        "SECOND" => (1_000_000, false, false),
        "MILLISECOND" => (1_000, false, false),
        "MICROSECOND" => (1, false, false),
        _ => return None,
    })
}

fn invalid_unit(function: &str, unit: &str) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::analysis(
        "INVALID_PARAMETER_VALUE.DATETIME_UNIT",
        format!("The value of parameter(s) `unit` in `{function}` is invalid: expects one of the units without quotes YEAR, QUARTER, MONTH, WEEK, DAY, DAYOFYEAR, HOUR, MINUTE, SECOND, MILLISECOND, MICROSECOND, but got the string literal '{unit}'."),
        &[("functionName", format!("`{function}`"))],
    )))
}

/// Wall-clock micros as a chrono date-time.
fn wall_datetime(micros: i64) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::from_timestamp_micros(micros).map(|t| t.naive_utc())
}

/// Java's `ChronoUnit.MONTHS.between` of two wall-clock times: whole months only.
fn months_between(start: i64, end: i64) -> Option<i64> {
    use chrono::{Datelike, Timelike};
    let (a, b) = (wall_datetime(start)?, wall_datetime(end)?);
    let mut months = (i64::from(b.year()) * 12 + i64::from(b.month())) - (i64::from(a.year()) * 12 + i64::from(a.month()));
    let rest = |t: &chrono::NaiveDateTime| (t.day(), t.num_seconds_from_midnight(), t.nanosecond());
    if months > 0 && rest(&b) < rest(&a) {
        months -= 1;
    } else if months < 0 && rest(&b) > rest(&a) {
        months += 1;
    }
    Some(months)
}

impl ScalarUDFImpl for TimestampArithmetic {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 3 {
            return Err(DataFusionError::Plan(format!("{} takes a unit and two arguments", self.name)));
        }
        let time = |t: &DataType| if matches!(t, DataType::Timestamp(_, None)) { t.clone() } else { timestamp_type() };
        Ok(if self.name == "timestampadd" {
            vec![DataType::Utf8, DataType::Int64, time(&arg_types[2])]
        } else {
            vec![DataType::Utf8, time(&arg_types[1]), time(&arg_types[2])]
        })
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(match (self.name, arg_types.get(2)) {
            ("timestampadd", Some(DataType::Timestamp(_, None))) => DataType::Timestamp(TimeUnit::Microsecond, None),
            ("timestampadd", _) => timestamp_type(),
            _ => DataType::Int64,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let rows = args.number_rows;
        let units = texts(&arrays[0])?;
        let wall_clock = matches!(arrays[2].data_type(), DataType::Timestamp(_, None));
        let zone = if wall_clock { Zone::named("UTC").ok_or_else(|| DataFusionError::Internal("UTC".into()))? } else { session_zone::current() };
        let end = micros(&arrays[2])?;
        let mut parsed: Option<(String, (i64, bool, bool))> = None;
        let mut unit_at = |row: usize| -> Result<Option<(i64, bool, bool)>> {
            let Some(text) = units.get(row).cloned().flatten() else { return Ok(None) };
            if let Some((last, unit)) = &parsed {
                if *last == text {
                    return Ok(Some(*unit));
                }
            }
            let unit = unit_of(&text).ok_or_else(|| invalid_unit(self.name, &text))?;
            parsed = Some((text, unit));
            Ok(Some(unit))
        };
        if self.name == "timestampadd" {
            let quantities = datafusion::arrow::compute::cast(&arrays[1], &DataType::Int64)?;
            let quantities = quantities.as_primitive::<datafusion::arrow::datatypes::Int64Type>();
            let mut values = Vec::with_capacity(rows);
            for row in 0..rows {
                let (Some((size, months, days)), Some(time)) = (unit_at(row)?, end[row]) else {
                    values.push(None);
                    continue;
                };
                if quantities.is_null(row) {
                    values.push(None);
                    continue;
                }
                let quantity = quantities.value(row);
                let moved = if months {
                    let wall = wall_datetime(zone.to_local(time)).ok_or_else(|| DataFusionError::Execution("timestamp out of range".into()))?;
                    let shifted = i32::try_from(quantity * size).ok().and_then(|m| if m >= 0 { wall.checked_add_months(chrono::Months::new(m as u32)) } else { wall.checked_sub_months(chrono::Months::new(m.unsigned_abs())) });
                    shifted.map(|t| zone.to_instant(t.and_utc().timestamp_micros()))
                } else if days {
                    Some(zone.to_instant(zone.to_local(time) + quantity * size * 86_400_000_000))
                } else {
                    time.checked_add(quantity.saturating_mul(size))
                };
                values.push(moved);
            }
            let array = TimestampMicrosecondArray::from(values);
            return Ok(ColumnarValue::Array(if wall_clock { Arc::new(array) } else { Arc::new(array.with_timezone("UTC")) }));
        }
        let start = micros(&arrays[1])?;
        let mut values = Vec::with_capacity(rows);
        for row in 0..rows {
            let (Some((size, months, days)), Some(a), Some(b)) = (unit_at(row)?, start[row], end[row]) else {
                values.push(None);
                continue;
            };
            values.push(if months {
                months_between(zone.to_local(a), zone.to_local(b)).map(|m| m / size)
            } else if days {
                Some((zone.to_local(b) - zone.to_local(a)) / 86_400_000_000 / size)
            } else {
                Some((b - a) / size)
            });
        }
        Ok(ColumnarValue::Array(Arc::new(datafusion::arrow::array::Int64Array::from(values))))
    }
}
