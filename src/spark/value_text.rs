//! Spark's text of single values: `ToPrettyString` (what `show()` prints in a cell),
//! `Cast(_, StringType)`, and Java's `Double.toString`/`Float.toString` (JDK 19+ shortest
//! round-trip digits). Shared by the renderer and by the engine's cast and naming rules.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use datafusion::arrow::array::{Array, ArrayRef, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Date32Type, Date64Type, Decimal128Type, Decimal256Type,
    Decimal32Type, Decimal64Type, Field, Float16Type, Float32Type, Float64Type, Int16Type,
    Int32Type, Int64Type, Int8Type, IntervalUnit, Time32MillisecondType,
    Time32SecondType, Time64MicrosecondType, Time64NanosecondType, TimeUnit,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use crate::spark::type_text::INTERVAL_FIELDS;
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};

/// Spark's text for a null value in `show()` output (`ToPrettyString.nullString`).
pub const NULL_TEXT: &str = "NULL";

/// Days between 0001-01-01 (day 1 of the common era in chrono) and 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

// ---------------------------------------------------------------------------
// Cell formatting (Spark's ToPrettyString)
// ---------------------------------------------------------------------------

/// The text Spark's `ToPrettyString` produces for one cell, before
/// meta-character escaping and truncation.
///
/// Rules: null → `NULL`; strings as is; booleans `true`/`false`; integers in
/// decimal; floats via [`java_double_string`]/[`java_float_string`]; decimals
/// as `BigDecimal.toPlainString` (exactly `scale` fraction digits); dates
/// `yyyy-MM-dd`; timestamps `yyyy-MM-dd HH:mm:ss[.ffffff]` with trailing zeros
/// of the fraction removed (microsecond precision, like Spark); binary as
/// `[48 65]` (uppercase hex); arrays `[1, 2, NULL]`; maps `{a -> 1, b -> NULL}`;
/// structs `{1, y, NULL}`; nested values use the same rules. Dictionary arrays
/// render their values.
///
/// Timestamps with a time zone are rendered in that zone (the session time zone, which
/// the engine puts in the type before showing). Types without a Spark
/// counterpart (intervals, durations, unions, ...) fall back to Arrow's display
/// formatting.
pub fn cell_string(array: &ArrayRef, row: usize) -> String {
    value_string(array.as_ref(), row, Style::Pretty)
}

/// [`cell_string`] for a column of `field`, reading the Spark type its metadata gives
/// (a day-time interval's fields, [`INTERVAL_FIELDS`]).
pub(crate) fn field_cell_string(field: &Field, array: &ArrayRef, row: usize) -> String {
    match (array.data_type(), field.metadata().get(INTERVAL_FIELDS)) {
        (DataType::Duration(TimeUnit::Microsecond), Some(fields)) if array.is_valid(row) => {
            day_time_interval(array.as_primitive::<datafusion::arrow::datatypes::DurationMicrosecondType>().value(row), fields)
        }
        (DataType::Interval(IntervalUnit::YearMonth), Some(fields)) if array.is_valid(row) => {
            year_month_interval(array.as_primitive::<datafusion::arrow::datatypes::IntervalYearMonthType>().value(row), fields)
        }
        _ => cell_string(array, row),
    }
}

/// The text of Spark's `Cast(_, StringType)` for one non-null value: the same rules as
/// [`cell_string`] except that nested nulls are `null` and binary is its bytes read as
/// UTF-8 (Spark's `ToStringBase`).
pub fn cast_string(array: &ArrayRef, row: usize) -> String {
    value_string(array.as_ref(), row, Style::Cast)
}

/// Which of Spark's two value-to-text rules applies: `ToPrettyString` (`show`) or `Cast`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Pretty,
    Cast,
}

/// Whether the value at `row` is null, including every slot of a `Null` array.
fn is_null_at(array: &dyn Array, row: usize) -> bool {
    matches!(array.data_type(), DataType::Null) || row >= array.len() || array.is_null(row)
}

/// One value (top-level or nested) as Spark's `ToPrettyString` text.
fn value_string(array: &dyn Array, row: usize, style: Style) -> String {
    if is_null_at(array, row) {
        return if style == Style::Cast { "null".to_string() } else { NULL_TEXT.to_string() };
    }
    typed_value_string(array, row, style).unwrap_or_else(|| display_fallback(array, row))
}

/// The value at `row` of a primitive array, if `array` has that primitive type.
fn prim<T: ArrowPrimitiveType>(array: &dyn Array, row: usize) -> Option<T::Native> {
    array.as_primitive_opt::<T>().map(|a| a.value(row))
}

/// Type-directed formatting; `None` when the array could not be downcast or the
/// type has no dedicated rule (the caller then uses Arrow's formatter).
fn typed_value_string(array: &dyn Array, row: usize, style: Style) -> Option<String> {
    let text = match array.data_type() {
        DataType::Null => NULL_TEXT.to_string(),
        DataType::Boolean => array.as_boolean_opt()?.value(row).to_string(),
        DataType::Int8 => prim::<Int8Type>(array, row)?.to_string(),
        DataType::Int16 => prim::<Int16Type>(array, row)?.to_string(),
        DataType::Int32 => prim::<Int32Type>(array, row)?.to_string(),
        DataType::Int64 => prim::<Int64Type>(array, row)?.to_string(),
        DataType::UInt8 => prim::<UInt8Type>(array, row)?.to_string(),
        DataType::UInt16 => prim::<UInt16Type>(array, row)?.to_string(),
        DataType::UInt32 => prim::<UInt32Type>(array, row)?.to_string(),
        DataType::UInt64 => prim::<UInt64Type>(array, row)?.to_string(),
        DataType::Float16 => java_float_string(prim::<Float16Type>(array, row)?.to_f32()),
        DataType::Float32 => java_float_string(prim::<Float32Type>(array, row)?),
        DataType::Float64 => java_double_string(prim::<Float64Type>(array, row)?),
        DataType::Utf8 => array.as_string_opt::<i32>()?.value(row).to_string(),
        DataType::LargeUtf8 => array.as_string_opt::<i64>()?.value(row).to_string(),
        DataType::Utf8View => array.as_string_view_opt()?.value(row).to_string(),
        DataType::Binary if style == Style::Cast => String::from_utf8_lossy(array.as_binary_opt::<i32>()?.value(row)).into_owned(),
        DataType::Binary => hex_bytes(array.as_binary_opt::<i32>()?.value(row)),
        DataType::LargeBinary => hex_bytes(array.as_binary_opt::<i64>()?.value(row)),
        DataType::BinaryView => hex_bytes(array.as_binary_view_opt()?.value(row)),
        DataType::FixedSizeBinary(_) => hex_bytes(array.as_fixed_size_binary_opt()?.value(row)),
        DataType::Date32 => format_date(i64::from(prim::<Date32Type>(array, row)?))?,
        DataType::Date64 => format_date(prim::<Date64Type>(array, row)?.div_euclid(86_400_000))?,
        DataType::Timestamp(unit, zone) => {
            let value = match unit {
                TimeUnit::Second => prim::<TimestampSecondType>(array, row)?,
                TimeUnit::Millisecond => prim::<TimestampMillisecondType>(array, row)?,
                TimeUnit::Microsecond => prim::<TimestampMicrosecondType>(array, row)?,
                TimeUnit::Nanosecond => prim::<TimestampNanosecondType>(array, row)?,
            };
            format_timestamp(value, unit, zone.as_deref())?
        }
        DataType::Time32(unit) => {
            let nanos = match unit {
                TimeUnit::Second => {
                    i64::from(prim::<Time32SecondType>(array, row)?) * 1_000_000_000
                }
                TimeUnit::Millisecond => {
                    i64::from(prim::<Time32MillisecondType>(array, row)?) * 1_000_000
                }
                _ => return None,
            };
            format_time_of_day(nanos)
        }
        DataType::Time64(unit) => {
            let nanos = match unit {
                TimeUnit::Microsecond => prim::<Time64MicrosecondType>(array, row)? * 1_000,
                TimeUnit::Nanosecond => prim::<Time64NanosecondType>(array, row)?,
                _ => return None,
            };
            format_time_of_day(nanos)
        }
        DataType::Duration(TimeUnit::Microsecond) => {
            day_time_interval(prim::<datafusion::arrow::datatypes::DurationMicrosecondType>(array, row)?, "day to second")
        }
        DataType::Interval(IntervalUnit::YearMonth) => {
            year_month_interval(prim::<datafusion::arrow::datatypes::IntervalYearMonthType>(array, row)?, "year to month")
        }
        DataType::Interval(IntervalUnit::MonthDayNano) => {
            let value = prim::<datafusion::arrow::datatypes::IntervalMonthDayNanoType>(array, row)?;
            calendar_interval(value.months, value.days, value.nanoseconds / 1_000)
        }
        DataType::Decimal32(_, scale) => {
            decimal_plain_string(&prim::<Decimal32Type>(array, row)?.to_string(), *scale)
        }
        DataType::Decimal64(_, scale) => {
            decimal_plain_string(&prim::<Decimal64Type>(array, row)?.to_string(), *scale)
        }
        DataType::Decimal128(_, scale) => {
            decimal_plain_string(&prim::<Decimal128Type>(array, row)?.to_string(), *scale)
        }
        DataType::Decimal256(_, scale) => {
            decimal_plain_string(&prim::<Decimal256Type>(array, row)?.to_string(), *scale)
        }
        DataType::List(_) => sequence_string(array.as_list_opt::<i32>()?.value(row).as_ref(), style),
        DataType::LargeList(_) => sequence_string(array.as_list_opt::<i64>()?.value(row).as_ref(), style),
        DataType::FixedSizeList(_, _) => {
            sequence_string(array.as_fixed_size_list_opt()?.value(row).as_ref(), style)
        }
        DataType::ListView(_) => {
            sequence_string(array.as_list_view_opt::<i32>()?.value(row).as_ref(), style)
        }
        DataType::LargeListView(_) => {
            sequence_string(array.as_list_view_opt::<i64>()?.value(row).as_ref(), style)
        }
        // A VARIANT shows as its JSON text (Spark's `VariantVal.toString`).
        data_type if crate::spark::type_text::is_variant(data_type) => crate::engine::local::udfs::variant::json_at(array, row)?,
        DataType::Struct(_) => {
            let st = array.as_struct_opt()?;
            let parts: Vec<String> = st
                .columns()
                .iter()
                .map(|column| value_string(column.as_ref(), row, style))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        DataType::Map(_, _) => {
            let entries = array.as_map_opt()?.value(row);
            let keys = entries.columns().first()?;
            let values = entries.columns().get(1)?;
            let parts: Vec<String> = (0..entries.len())
                .map(|i| {
                    format!(
                        "{} -> {}",
                        value_string(keys.as_ref(), i, style),
                        value_string(values.as_ref(), i, style)
                    )
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        DataType::Dictionary(_, _) | DataType::RunEndEncoded(_, _) => {
            // Decode just this slot to the value type and render that.
            let target = value_type_of_encoded(array.data_type())?;
            let single = array.slice(row, 1);
            let decoded = cast(&single, &target).ok()?;
            value_string(decoded.as_ref(), 0, style)
        }
        _ => return None,
    };
    Some(text)
}

/// The logical value type of a dictionary- or run-end-encoded type.
fn value_type_of_encoded(data_type: &DataType) -> Option<DataType> {
    match data_type {
        DataType::Dictionary(_, value) => Some(value.as_ref().clone()),
        DataType::RunEndEncoded(_, values) => Some(values.data_type().clone()),
        _ => None,
    }
}

/// Spark's array rendering: `[a, b, NULL]`.
fn sequence_string(values: &dyn Array, style: Style) -> String {
    let parts: Vec<String> = (0..values.len()).map(|i| value_string(values, i, style)).collect();
    format!("[{}]", parts.join(", "))
}

/// Arrow's own display text, used for types without a Spark formatting rule.
fn display_fallback(array: &dyn Array, row: usize) -> String {
    let options = FormatOptions::new().with_null(NULL_TEXT);
    ArrayFormatter::try_new(array, &options)
        .and_then(|formatter| formatter.value(row).try_to_string())
        .unwrap_or_default()
}

/// Spark's default binary formatting in `show()` (`SparkStringUtils.getHexString`):
/// uppercase two-digit hex bytes separated by spaces, in brackets.
fn hex_bytes(bytes: &[u8]) -> String {
    let parts: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
    format!("[{}]", parts.join(" "))
}

/// `BigDecimal.toPlainString` of `unscaled × 10^-scale` (Spark's
/// `Decimal.toPlainString`): exactly `scale` fraction digits.
pub(crate) fn decimal_plain_string(unscaled: &str, scale: i8) -> String {
    let (negative, digits) = match unscaled.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, unscaled),
    };
    let sign = if negative { "-" } else { "" };
    if scale <= 0 {
        if digits.chars().all(|c| c == '0') {
            return "0".to_string();
        }
        let zeros = "0".repeat(usize::from(scale.unsigned_abs()));
        return format!("{sign}{digits}{zeros}");
    }
    let scale = usize::from(scale.unsigned_abs());
    let padded = if digits.len() <= scale {
        format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
    } else {
        digits.to_string()
    };
    let (int_part, frac_part) = padded.split_at(padded.len() - scale);
    format!("{sign}{int_part}.{frac_part}")
}

/// Spark's `DateFormatter` (`yyyy-MM-dd`; years beyond 9999 get a `+` sign).
fn format_date(days_since_epoch: i64) -> Option<String> {
    let days_from_ce =
        i32::try_from(days_since_epoch.checked_add(UNIX_EPOCH_DAYS_FROM_CE)?).ok()?;
    let date = NaiveDate::from_num_days_from_ce_opt(days_from_ce)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// Spark's fraction timestamp formatter: `yyyy-MM-dd HH:mm:ss` plus the
/// microsecond fraction without trailing zeros (omitted when zero).
/// Sub-microsecond digits are dropped, as Spark timestamps have microsecond
/// precision. Values are rendered in UTC.
/// A timestamp's wall-clock text in the zone its type carries (an instant with a zone is
/// shown as Spark shows it in that session zone; a timestamp without one as it is).
fn format_timestamp(value: i64, unit: &TimeUnit, zone: Option<&str>) -> Option<String> {
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let shift = match zone {
        Some(zone) if zone != "UTC" => {
            let tz: datafusion::arrow::array::timezone::Tz = zone.parse().ok()?;
            let instant_micros = value.div_euclid(per_second) * 1_000_000;
            (crate::spark::session_zone::local_micros(&tz, instant_micros) - instant_micros) / 1_000_000
        }
        _ => 0,
    };
    let seconds = value.div_euclid(per_second) + shift;
    let nanos = value.rem_euclid(per_second) * (1_000_000_000 / per_second);
    let datetime: NaiveDateTime = DateTime::from_timestamp(seconds, 0)?.naive_utc();
    let mut out = datetime.format("%Y-%m-%d %H:%M:%S").to_string();
    push_fraction(&mut out, nanos / 1_000);
    Some(out)
}

/// Spark's text of a `DayTimeIntervalType(start, end)` value (`IntervalUtils.
/// toDayTimeIntervalString`, ANSI style): `INTERVAL '1 02:03:04.5' DAY TO SECOND`,
/// `INTERVAL '30' DAY`. The leading field holds the whole magnitude; later fields are two
/// digits; seconds keep their fraction without trailing zeros. `fields` is the text after
/// `interval` in the type name (`"day"`, `"hour to second"`).
pub(crate) fn day_time_interval(micros: i64, fields: &str) -> String {
    const UNITS: [(&str, u64); 4] = [("day", 86_400_000_000), ("hour", 3_600_000_000), ("minute", 60_000_000), ("second", 1_000_000)];
    let (start, end) = fields.split_once(" to ").unwrap_or((fields, fields));
    let position = |name: &str| UNITS.iter().position(|(unit, _)| *unit == name);
    let (Some(first), Some(last)) = (position(start), position(end)) else {
        return format!("INTERVAL '{micros}' {}", fields.to_uppercase());
    };
    let sign = if micros < 0 { "-" } else { "" };
    let mut rest = micros.unsigned_abs();
    let mut text = format!("INTERVAL '{sign}");
    for (index, (unit, size)) in UNITS.iter().enumerate().take(last + 1).skip(first) {
        let separator = match (index == first, *unit) {
            (true, _) => "",
            (false, "hour") => " ",
            (false, _) => ":",
        };
        text.push_str(separator);
        if *unit == "second" {
            let (seconds, fraction) = (rest / size, rest % size);
            let mut value = format!("{seconds:02}");
            if fraction > 0 {
                value.push_str(format!(".{fraction:06}").trim_end_matches('0'));
            }
            text.push_str(&value);
        } else if index == first && *unit == "day" {
            text.push_str(&(rest / size).to_string());
        } else {
            text.push_str(&format!("{:02}", rest / size));
        }
        rest %= size;
    }
    text.push_str("' ");
    text.push_str(&fields.to_uppercase());
    text
}

/// Spark's text of a `YearMonthIntervalType(start, end)` value (`IntervalUtils.
/// toYearMonthIntervalString`, ANSI style): `INTERVAL '1-2' YEAR TO MONTH`,
/// `INTERVAL '1' YEAR` (whole years), `INTERVAL '14' MONTH` (all the months). `fields` is the
/// text after `interval` in the type name.
pub(crate) fn year_month_interval(months: i32, fields: &str) -> String {
    let sign = if months < 0 { "-" } else { "" };
    let magnitude = months.unsigned_abs();
    let value = match fields {
        "year" => format!("{sign}{}", magnitude / 12),
        "month" => format!("{sign}{magnitude}"),
        _ => format!("{sign}{}-{}", magnitude / 12, magnitude % 12),
    };
    format!("INTERVAL '{value}' {}", fields.to_uppercase())
}

/// Spark's text of an ANSI interval value with its type's fields (`INTERVAL '1' YEAR`,
/// `INTERVAL '03' HOUR`), `None` for other values.
pub fn ansi_interval_text(value: &datafusion::common::ScalarValue, fields: Option<&str>) -> Option<String> {
    use datafusion::common::ScalarValue;
    match value {
        ScalarValue::IntervalYearMonth(Some(months)) => Some(year_month_interval(*months, fields.unwrap_or("year to month"))),
        ScalarValue::DurationMicrosecond(Some(micros)) => Some(day_time_interval(*micros, fields.unwrap_or("day to second"))),
        _ => None,
    }
}

/// Spark's text of a `CalendarIntervalType` value (`CalendarInterval.toString`): the
/// non-zero units among years, months, days, hours, minutes and seconds (with their
/// fraction), or `0 seconds`.
pub(crate) fn calendar_interval(months: i32, days: i32, micros: i64) -> String {
    if months == 0 && days == 0 && micros == 0 {
        return "0 seconds".to_string();
    }
    let mut parts: Vec<String> = Vec::new();
    let mut unit = |value: i64, name: &str| {
        if value != 0 {
            parts.push(format!("{value} {name}"));
        }
    };
    unit(i64::from(months / 12), "years");
    unit(i64::from(months % 12), "months");
    unit(i64::from(days), "days");
    unit(micros / 3_600_000_000, "hours");
    unit(micros % 3_600_000_000 / 60_000_000, "minutes");
    let rest = micros % 60_000_000;
    if rest != 0 {
        let sign = if rest < 0 { "-" } else { "" };
        let (whole, fraction) = (rest.unsigned_abs() / 1_000_000, rest.unsigned_abs() % 1_000_000);
        let mut seconds = format!("{sign}{whole}");
        if fraction != 0 {
            seconds.push_str(format!(".{fraction:06}").trim_end_matches('0'));
        }
        parts.push(format!("{seconds} seconds"));
    }
    parts.join(" ")
}

/// Spark's `FractionTimeFormatter`: `HH:mm:ss` plus the fraction without
/// trailing zeros (microsecond precision).
fn format_time_of_day(nanos_of_day: i64) -> String {
    let total_seconds = nanos_of_day.div_euclid(1_000_000_000);
    let nanos = nanos_of_day.rem_euclid(1_000_000_000);
    let mut out = format!(
        "{:02}:{:02}:{:02}",
        total_seconds / 3600,
        (total_seconds / 60) % 60,
        total_seconds % 60
    );
    push_fraction(&mut out, nanos / 1_000);
    out
}

/// Appends `.ffffff` with trailing zeros removed, or nothing when `micros == 0`.
fn push_fraction(out: &mut String, micros: i64) {
    if micros > 0 {
        let digits = format!("{micros:06}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
}

// ---------------------------------------------------------------------------
// Java floating-point formatting
// ---------------------------------------------------------------------------

/// Java's `Double.toString(value)` (JDK 19+ semantics), which Spark uses when
/// casting a double to string: shortest round-trip digits; plain notation with
/// at least one fraction digit when `1e-3 <= |v| < 1e7` (`1.5`, `0.0`,
/// `109000.375`), computerized scientific notation otherwise (`1.0E10`,
/// `1.0E-5`); `NaN`, `Infinity`, `-Infinity`, `-0.0`.
pub fn java_double_string(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let negative = value.is_sign_negative();
    let abs = value.abs();
    if abs == 0.0 {
        return if negative { "-0.0" } else { "0.0" }.to_string();
    }
    let (mut digits, mut exp) = split_scientific(&format!("{abs:e}"));
    if digits.len() == 1 {
        // Java picks, among the 1- and 2-digit decimals that round to the
        // value, the one closest to it (e.g. 4.9E-324 rather than 5.0E-324).
        let two_text = format!("{abs:.1e}");
        let (two, two_exp) = split_scientific(&two_text);
        let round_trips = two_text.parse::<f64>().ok() == Some(abs);
        if round_trips && two.len() == 2 && !two.ends_with('0') {
            digits = two;
            exp = two_exp;
        }
    }
    let plain = (1e-3..1e7).contains(&abs);
    java_layout(negative, &digits, exp, plain)
}

/// Java's `Float.toString(value)` (JDK 19+ semantics), which Spark uses when
/// casting a float to string; same layout rules as [`java_double_string`] with
/// `f32` shortest round-trip digits (e.g. `0.1f` → `0.1`, `1.0E10`).
pub fn java_float_string(value: f32) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    if value.is_infinite() {
        return if value > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let negative = value.is_sign_negative();
    let abs = value.abs();
    if abs == 0.0 {
        return if negative { "-0.0" } else { "0.0" }.to_string();
    }
    let (mut digits, mut exp) = split_scientific(&format!("{abs:e}"));
    if digits.len() == 1 {
        let two_text = format!("{abs:.1e}");
        let (two, two_exp) = split_scientific(&two_text);
        let round_trips = two_text.parse::<f32>().ok() == Some(abs);
        if round_trips && two.len() == 2 && !two.ends_with('0') {
            digits = two;
            exp = two_exp;
        }
    }
    let wide = f64::from(abs);
    let plain = (1e-3..1e7).contains(&wide);
    java_layout(negative, &digits, exp, plain)
}

/// Splits Rust's `{:e}` output (`"1.2345e-5"`) into significant digits
/// (`"12345"`) and the decimal exponent of the first digit (`-5`).
fn split_scientific(text: &str) -> (String, i32) {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let exp = exponent.parse::<i32>().unwrap_or(0);
    (digits, exp)
}

/// Lays out `0.d1d2... × 10^(exp+1)` the way `Double.toString` does.
fn java_layout(negative: bool, digits: &str, exp: i32, plain: bool) -> String {
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    let digits = if digits.is_empty() { "0" } else { digits };
    if plain {
        if exp >= 0 {
            let int_len = usize::try_from(exp).unwrap_or(0) + 1;
            if digits.len() <= int_len {
                out.push_str(digits);
                out.push_str(&"0".repeat(int_len - digits.len()));
                out.push_str(".0");
            } else {
                let (int_part, frac_part) = digits.split_at(int_len);
                out.push_str(int_part);
                out.push('.');
                out.push_str(frac_part);
            }
        } else {
            let leading = usize::try_from(-exp - 1).unwrap_or(0);
            out.push_str("0.");
            out.push_str(&"0".repeat(leading));
            out.push_str(digits);
        }
    } else {
        let (first, rest) = digits.split_at(1);
        out.push_str(first);
        out.push('.');
        out.push_str(if rest.is_empty() { "0" } else { rest });
        let _ = write!(out, "E{exp}");
    }
    out
}

/// Spark's `SchemaUtils.escapeMetaCharacters`: replaces `\n`, `\r`, `\t`,
/// form feed, backspace, vertical tab and bell by their backslash escapes so
/// that they do not break the `showString`/`treeString` layout.
pub fn escape_meta_characters(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{000C}' => out.push_str("\\f"),
            '\u{0008}' => out.push_str("\\b"),
            '\u{000B}' => out.push_str("\\v"),
            '\u{0007}' => out.push_str("\\a"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{
        Array, ArrayRef, BinaryArray, BooleanArray, Date32Array, Decimal128Array, DictionaryArray, Float32Array,
        Float64Array, Int32Array, Int32Builder, LargeStringArray, ListArray, MapBuilder, NullArray, StringArray,
        StringBuilder, StringViewArray, StructArray, TimestampMicrosecondArray, TimestampNanosecondArray,
    };
    use datafusion::arrow::datatypes::{DataType, Field, Int32Type};

    use super::*;

    fn cells(array: ArrayRef) -> Vec<String> {
        (0..array.len()).map(|i| cell_string(&array, i)).collect()
    }

    #[test]
    fn day_time_intervals_read_as_spark_writes_them() {
        assert_eq!(day_time_interval(2_592_000_000_000, "day"), "INTERVAL '30' DAY");
        assert_eq!(day_time_interval(-2_592_000_000_000, "day"), "INTERVAL '-30' DAY");
        assert_eq!(day_time_interval(93_784_500_000, "day to second"), "INTERVAL '1 02:03:04.5' DAY TO SECOND");
        assert_eq!(day_time_interval(0, "day to second"), "INTERVAL '0 00:00:00' DAY TO SECOND");
        assert_eq!(day_time_interval(5_400_000_000, "hour to minute"), "INTERVAL '01:30' HOUR TO MINUTE");
        assert_eq!(day_time_interval(5_400_000_000, "minute"), "INTERVAL '90' MINUTE");
    }


    #[test]
    fn calendar_intervals_read_as_spark_writes_them() {
        assert_eq!(calendar_interval(14, 3, 14_706_500_000), "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds");
        assert_eq!(calendar_interval(0, 0, 0), "0 seconds");
        assert_eq!(calendar_interval(-1, 0, -500_000), "-1 months -0.5 seconds");
    }


    #[test]
    fn java_doubles() {
        let cases: &[(f64, &str)] = &[
            (1.5, "1.5"),
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (-0.25, "-0.25"),
            (109000.375, "109000.375"),
            (115.0 / 3.0, "38.333333333333336"),
            (1.0e10, "1.0E10"),
            (1.0e-5, "1.0E-5"),
            (1.0e7, "1.0E7"),
            (9999999.0, "9999999.0"),
            (0.001, "0.001"),
            (0.000999, "9.99E-4"),
            (123456789.0, "1.23456789E8"),
            (-1.5e-7, "-1.5E-7"),
            (100.0, "100.0"),
            (0.1 + 0.2, "0.30000000000000004"),
            (f64::MAX, "1.7976931348623157E308"),
            (f64::from_bits(1), "4.9E-324"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1e21, "1.0E21"),
            (12345.0, "12345.0"),
        ];
        for (value, expected) in cases {
            assert_eq!(java_double_string(*value), *expected, "{value:e}");
        }
    }


    #[test]
    fn java_floats() {
        let cases: &[(f32, &str)] = &[
            (1.5, "1.5"),
            (0.1, "0.1"),
            (0.0, "0.0"),
            (-2.25, "-2.25"),
            (1.0e10, "1.0E10"),
            (1.0e-5, "1.0E-5"),
            (3.4028235e38, "3.4028235E38"),
            (f32::from_bits(1), "1.4E-45"),
            (16777216.0, "1.6777216E7"),
            (f32::NAN, "NaN"),
        ];
        for (value, expected) in cases {
            assert_eq!(java_float_string(*value), *expected, "{value:e}");
        }
        let array: ArrayRef = Arc::new(Float32Array::from(vec![Some(1.1f32), None]));
        assert_eq!(cells(array), vec!["1.1", "NULL"]);
    }


    #[test]
    fn decimals() {
        let array: ArrayRef = Arc::new(
            Decimal128Array::from(vec![Some(70), Some(10900038), Some(-5), None, Some(0)])
                .with_precision_and_scale(10, 1)
                .unwrap(),
        );
        assert_eq!(
            cells(array),
            vec!["7.0", "1090003.8", "-0.5", "NULL", "0.0"]
        );
        assert_eq!(decimal_plain_string("10900038", 2), "109000.38");
        assert_eq!(decimal_plain_string("0", 3), "0.000");
        assert_eq!(decimal_plain_string("-12", 4), "-0.0012");
        assert_eq!(decimal_plain_string("12", 0), "12");
        assert_eq!(decimal_plain_string("12", -2), "1200");
    }


    #[test]
    fn scalar_cells() {
        assert_eq!(
            cells(Arc::new(BooleanArray::from(vec![
                Some(true),
                Some(false),
                None
            ]))),
            vec!["true", "false", "NULL"]
        );
        assert_eq!(
            cells(Arc::new(Date32Array::from(vec![0, 19_724, -1]))),
            vec!["1970-01-01", "2024-01-02", "1969-12-31"]
        );
        let micros = 1_704_164_645_500_000i64; // 2024-01-02 03:04:05.5
        assert_eq!(
            cells(Arc::new(TimestampMicrosecondArray::from(vec![
                micros,
                micros - 500_000,
                micros + 123,
                -1
            ]))),
            vec![
                "2024-01-02 03:04:05.5",
                "2024-01-02 03:04:05",
                "2024-01-02 03:04:05.500123",
                "1969-12-31 23:59:59.999999"
            ]
        );
        let tz: ArrayRef = Arc::new(
            TimestampNanosecondArray::from(vec![micros * 1000 + 7]).with_timezone("+02:00"),
        );
        assert_eq!(cells(tz), vec!["2024-01-02 05:04:05.5"]);
        assert_eq!(
            cells(Arc::new(BinaryArray::from(vec![
                Some(b"He".as_ref()),
                Some(b"".as_ref()),
                None
            ]))),
            vec!["[48 65]", "[]", "NULL"]
        );
        assert_eq!(cells(Arc::new(NullArray::new(2))), vec!["NULL", "NULL"]);
        assert_eq!(
            cells(Arc::new(LargeStringArray::from(vec![Some("x"), None]))),
            vec!["x", "NULL"]
        );
        assert_eq!(
            cells(Arc::new(StringViewArray::from(vec!["view"]))),
            vec!["view"]
        );
        let dict: DictionaryArray<Int32Type> = vec![Some("a"), None, Some("b"), Some("a")]
            .into_iter()
            .collect();
        assert_eq!(cells(Arc::new(dict)), vec!["a", "NULL", "b", "a"]);
    }


    #[test]
    fn nested_cells() {
        let list = ListArray::from_iter_primitive::<Int32Type, _, _>(vec![
            Some(vec![Some(1), Some(2), None]),
            Some(vec![]),
            None,
        ]);
        assert_eq!(cells(Arc::new(list)), vec!["[1, 2, NULL]", "[]", "NULL"]);

        let mut builder = MapBuilder::new(None, StringBuilder::new(), Int32Builder::new());
        builder.keys().append_value("a");
        builder.values().append_value(1);
        builder.keys().append_value("b");
        builder.values().append_null();
        builder.append(true).unwrap();
        builder.append(false).unwrap();
        builder.keys().append_value("c");
        builder.values().append_null();
        builder.append(true).unwrap();
        let map = builder.finish();
        assert_eq!(
            cells(Arc::new(map)),
            vec!["{a -> 1, b -> NULL}", "NULL", "{c -> NULL}"]
        );

        let st = StructArray::from(vec![
            (
                Arc::new(Field::new("a", DataType::Int32, true)),
                Arc::new(Int32Array::from(vec![1, 2])) as ArrayRef,
            ),
            (
                Arc::new(Field::new("b", DataType::Utf8, true)),
                Arc::new(StringArray::from(vec![Some("y"), None])) as ArrayRef,
            ),
            (
                Arc::new(Field::new("c", DataType::Float64, true)),
                Arc::new(Float64Array::from(vec![None, Some(1e10)])) as ArrayRef,
            ),
        ]);
        assert_eq!(
            cells(Arc::new(st)),
            vec!["{1, y, NULL}", "{2, NULL, 1.0E10}"]
        );
    }
}
