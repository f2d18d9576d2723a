//! Spark's datetime functions that take Java `DateTimeFormatter` patterns (Spark's
//! `DateTimeFormatterHelper`): `date_format`, `from_unixtime`, `to_date`, `to_timestamp`
//! and `unix_timestamp`; and `months_between`. Patterns are translated to chrono's format; times are in the
//! session time zone (`spark::session_zone`). Also `EXTRACT(SECOND ...)`, which keeps the fraction.
use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};
use datafusion::arrow::array::{Array, ArrayRef, AsArray, Date32Array, Int64Array, StringArray, TimestampMicrosecondArray};
use datafusion::arrow::datatypes::{DataType, Int64Type, TimeUnit, TimestampMicrosecondType};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::cast::{parse_date, parse_timestamp};
use crate::engine::local::error::{EngineError, ErrorClass};
use crate::engine::local::types::timestamp_type;

/// What brackets a zone field in a translated pattern (a private-use character that
/// chrono's formatting leaves as it is): the field's letter and its width.
const ZONE_MARK: char = '\u{E000}';

/// A zone field (`letter` repeated `width` times) in a translated pattern, which
/// [`fill_zone_fields`] replaces for each value.
pub(crate) fn zone_field(letter: char, width: usize) -> String {
    format!("{ZONE_MARK}{letter}{width}{ZONE_MARK}")
}

/// Java's text of a zone field (`letter` repeated `width` times) for `offset` seconds
/// east of UTC, in the session zone at `instant` (`DateTimeFormatter`'s X, x, Z, z, V, O).
fn zone_text(letter: char, width: usize, offset: i64, zone: &crate::spark::session_zone::Zone, instant: i64) -> String {
    let sign = if offset < 0 { '-' } else { '+' };
    let (hours, minutes) = (offset.abs() / 3600, offset.abs() % 3600 / 60);
    let hh = format!("{sign}{hours:02}");
    let hhmm = format!("{sign}{hours:02}{minutes:02}");
    let colon = format!("{sign}{hours:02}:{minutes:02}");
    let short = if minutes == 0 { hh.clone() } else { hhmm.clone() };
    match (letter, width) {
        ('X', _) if offset == 0 => "Z".to_string(),
        ('X' | 'x', 1) => short,
        ('X' | 'x', 2 | 4) => hhmm,
        ('X' | 'x', _) => colon,
        ('Z', 1..=3) => hhmm,
        ('Z', 4) | ('O', 4) if offset == 0 => "GMT".to_string(),
        ('Z', 4) | ('O', 4) => format!("GMT{colon}"),
        ('Z', _) if offset == 0 => "Z".to_string(),
        ('Z', _) => colon,
        ('O', _) if offset == 0 => "GMT".to_string(),
        ('O', _) if minutes == 0 => format!("GMT{sign}{hours}"),
        ('O', _) => format!("GMT{sign}{hours}:{minutes:02}"),
        ('z', 1..=3) => zone.short_name(instant),
        ('z', _) if zone.is_utc() => "Coordinated Universal Time".to_string(),
        ('z', _) => zone.short_name(instant),
        _ => zone.id().to_string(),
    }
}

/// A Java pattern as a chrono format for parsing: zone offsets are read by `%#z`,
/// zone names as the UTC Spark's default zone writes.
pub fn chrono_parse_pattern(pattern: &str) -> std::result::Result<String, String> {
    let format = chrono_pattern(pattern)?;
    if !format.contains(ZONE_MARK) {
        return Ok(format);
    }
    let mut out = String::new();
    for (i, piece) in format.split(ZONE_MARK).enumerate() {
        if i % 2 == 0 {
            out.push_str(piece);
        } else if piece.starts_with(['X', 'x', 'Z', 'O']) {
            out.push_str("%#z");
        } else {
            out.push_str("UTC");
        }
    }
    Ok(out)
}

/// A translated pattern's zone fields replaced by their text for one value.
pub(crate) fn fill_zone_fields(text: &str, zone: &crate::spark::session_zone::Zone, instant: i64) -> String {
    if !text.contains(ZONE_MARK) {
        return text.to_string();
    }
    let offset = zone.offset_at(instant);
    let mut out = String::with_capacity(text.len());
    let mut pieces = text.split(ZONE_MARK);
    if let Some(first) = pieces.next() {
        out.push_str(first);
    }
    let mut in_field = true;
    for piece in pieces {
        if in_field {
            let mut chars = piece.chars();
            let letter = chars.next().unwrap_or('V');
            let width = chars.as_str().parse().unwrap_or(1);
            out.push_str(&zone_text(letter, width, offset, zone, instant));
        } else {
            out.push_str(piece);
        }
        in_field = !in_field;
    }
    out
}

/// Spark's default pattern of `from_unixtime` and `unix_timestamp`.
const DEFAULT_PATTERN: &str = "yyyy-MM-dd HH:mm:ss";

/// Registers the datetime functions of this module under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["date_format", "from_unixtime", "to_date", "to_timestamp", "unix_timestamp", "to_unix_timestamp", "try_to_date", "try_to_timestamp", "to_timestamp_ltz", "to_timestamp_ntz"] {
        context.register_udf(ScalarUDF::from(DateTimeFunction { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
    context.register_udf(ScalarUDF::from(MonthsBetween { signature: Signature::variadic_any(Volatility::Immutable) }));
}

/// Spark's `sequence(start, stop[, step])` of dates (`Sequence` with a date range): the
/// i-th element is `start` plus i times the step's months (a month end clamped, as Java's
/// `LocalDate.plusMonths`) and days, for as long as it does not pass `stop`; the default
/// step is a day, or minus a day when `stop` is before `start`.
pub fn date_sequence(arguments: Vec<datafusion::logical_expr::Expr>) -> datafusion::logical_expr::Expr {
    ScalarUDF::from(DateSequence { signature: Signature::variadic_any(Volatility::Immutable) }).call(arguments)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct DateSequence {
    signature: Signature,
}

/// The dates from `start` to `stop` (days since the epoch) by `months` and `days`.
fn dates_between(start: i32, stop: i32, months: i32, days: i32) -> Result<Vec<i32>> {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).ok_or_else(|| DataFusionError::Internal("the epoch".into()))?;
    let first = epoch + chrono::Duration::days(i64::from(start));
    let forward = months > 0 || (months == 0 && days > 0);
    if start == stop {
        return Ok(vec![start]);
    }
    if (months == 0 && days == 0) || (forward && start > stop) || (!forward && start < stop) {
        return Err(DataFusionError::External(Box::new(EngineError::spark(
            ErrorClass::IllegalArgument,
            "INVALID_PARAMETER_VALUE.SEQUENCE_WRONG_INPUT_TYPES",
            // Spark's own text (a `require` in `Sequence`, with the bounds in microseconds).
            format!("requirement failed: Illegal sequence boundaries: {} to {} by {}", i64::from(start) * 86_400_000_000, i64::from(stop) * 86_400_000_000, if months != 0 { months } else { days }),
            &[],
        ))));
    }
    let mut dates = Vec::new();
    for i in 0i64.. {
        let shifted = i64::from(months) * i;
        let moved = if shifted >= 0 {
            first.checked_add_months(chrono::Months::new(shifted as u32))
        } else {
            first.checked_sub_months(chrono::Months::new(shifted.unsigned_abs() as u32))
        };
        let Some(date) = moved.and_then(|d| d.checked_add_signed(chrono::Duration::days(i64::from(days) * i))) else { break };
        let value = (date - epoch).num_days() as i32;
        if (forward && value > stop) || (!forward && value < stop) {
            break;
        }
        dates.push(value);
        if dates.len() > 100_000_000 {
            break;
        }
    }
    Ok(dates)
}

impl ScalarUDFImpl for DateSequence {
    fn name(&self) -> &str {
        "sequence"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::new_list(DataType::Date32, true))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        use datafusion::arrow::array::{Date32Builder, ListBuilder};
        use datafusion::arrow::datatypes::{Date32Type, IntervalMonthDayNanoType};
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (starts, stops) = (datafusion::arrow::compute::cast(&arrays[0], &DataType::Date32)?, datafusion::arrow::compute::cast(&arrays[1], &DataType::Date32)?);
        let (starts, stops) = (starts.as_primitive::<Date32Type>(), stops.as_primitive::<Date32Type>());
        let steps = match arrays.get(2) {
            Some(step) => Some(datafusion::arrow::compute::cast(step, &DataType::Interval(datafusion::arrow::datatypes::IntervalUnit::MonthDayNano))?),
            None => None,
        };
        let mut builder = ListBuilder::new(Date32Builder::new());
        for row in 0..starts.len() {
            let step = steps.as_ref().map(|s| (!s.is_null(row)).then(|| s.as_primitive::<IntervalMonthDayNanoType>().value(row)));
            if starts.is_null(row) || stops.is_null(row) || step == Some(None) {
                builder.append(false);
                continue;
            }
            let (start, stop) = (starts.value(row), stops.value(row));
            let (months, days) = match step.flatten() {
                Some(interval) => (interval.months, interval.days + (interval.nanoseconds / 86_400_000_000_000) as i32),
                None => (0, if stop < start { -1 } else { 1 }),
            };
            for date in dates_between(start, stop, months, days)? {
                builder.values().append_value(date);
            }
            builder.append(true);
        }
        Ok(ColumnarValue::Array(Arc::new(builder.finish())))
    }
}

/// Spark's `date_format(t, pattern)`, also `to_char` and `to_varchar` of a date or
/// timestamp (Spark's `ToCharacter` on datetimes is `DateFormatClass`).
pub fn date_format(arguments: Vec<datafusion::logical_expr::Expr>) -> datafusion::logical_expr::Expr {
    ScalarUDF::from(DateTimeFunction { name: "date_format", signature: Signature::variadic_any(Volatility::Immutable) }).call(arguments)
}

/// Spark's `months_between(t1, t2[, roundOff])` (`DateTimeUtils.monthsBetween`): whole
/// months when both days of the month are equal or both are month ends, otherwise the
/// month difference plus the difference of day and time over a 31-day month, rounded
/// HALF_UP to 8 digits unless `roundOff` is false.
#[derive(Debug, PartialEq, Eq, Hash)]
struct MonthsBetween {
    signature: Signature,
}

/// Months between two instants (micros since the epoch, UTC).
pub fn months_between(first: i64, second: i64, round_off: bool) -> Option<f64> {
    let parts = |micros: i64| {
        let datetime = DateTime::from_timestamp_micros(micros)?.naive_utc();
        let date = datetime.date();
        let last_day = date.checked_add_days(chrono::Days::new(1)).is_some_and(|next| next.month() != date.month());
        let seconds = i64::from(datetime.time().num_seconds_from_midnight());
        Some((i64::from(date.year()) * 12 + i64::from(date.month()), i64::from(date.day()), last_day, seconds))
    };
    use chrono::{Datelike, Timelike};
    let (months1, day1, last1, seconds1) = parts(first)?;
    let (months2, day2, last2, seconds2) = parts(second)?;
    let month_difference = (months1 - months2) as f64;
    if day1 == day2 || (last1 && last2) {
        return Some(month_difference);
    }
    let seconds_difference = (day1 - day2) * 86_400 + seconds1 - seconds2;
    let difference = month_difference + seconds_difference as f64 / (31.0 * 86_400.0);
    // Java's Math.round: half up, towards positive infinity.
    Some(if round_off { (difference * 1e8 + 0.5).floor() / 1e8 } else { difference })
}

impl ScalarUDFImpl for MonthsBetween {
    fn name(&self) -> &str {
        "months_between"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(first), Some(second)) = (arrays.first(), arrays.get(1)) else {
            return Err(DataFusionError::Plan("months_between takes two or three arguments".into()));
        };
        let round_off = match arrays.get(2) {
            Some(flag) => {
                let flag = datafusion::arrow::compute::cast(flag, &DataType::Boolean)?;
                let flag = flag.as_boolean();
                flag.is_empty() || flag.is_null(0) || flag.value(0)
            }
            None => true,
        };
        let (first, second) = (micros_of(first)?, micros_of(second)?);
        let result: datafusion::arrow::array::Float64Array =
            first.iter().zip(&second).map(|(a, b)| months_between((*a)?, (*b)?, round_off)).collect();
        Ok(ColumnarValue::Array(Arc::new(result)))
    }
}

/// A Java `DateTimeFormatter` pattern as a chrono format string.
pub fn chrono_pattern(pattern: &str) -> std::result::Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            // Quoted text; '' is a quote.
            if chars.get(i + 1) == Some(&'\'') {
                out.push('\'');
                i += 2;
                continue;
            }
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                if chars[i] == '%' {
                    out.push_str("%%");
                } else {
                    out.push(chars[i]);
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        let mut run = 1;
        while i + run < chars.len() && chars[i + run] == c {
            run += 1;
        }
        i += run;
        let piece = match (c, run) {
            ('y' | 'u', 2) => "%y".to_string(),
            ('y' | 'u', _) => "%Y".to_string(),
            ('M' | 'L', 1) => "%-m".to_string(),
            ('M' | 'L', 2) => "%m".to_string(),
            ('M' | 'L', 3) => "%b".to_string(),
            ('M' | 'L', _) => "%B".to_string(),
            ('d', 1) => "%-d".to_string(),
            ('d', _) => "%d".to_string(),
            ('D', 1) => "%-j".to_string(),
            ('D', _) => "%j".to_string(),
            ('H', 1) => "%-H".to_string(),
            ('H', _) => "%H".to_string(),
            ('h', 1) => "%-I".to_string(),
            ('h', _) => "%I".to_string(),
            ('m', 1) => "%-M".to_string(),
            ('m', _) => "%M".to_string(),
            ('s', 1) => "%-S".to_string(),
            ('s', _) => "%S".to_string(),
            ('S', n) if n <= 9 => format!("%{n}f"),
            ('a', _) => "%p".to_string(),
            ('E', n) if n <= 3 => "%a".to_string(),
            ('E', _) => "%A".to_string(),
            // Zone fields, filled in for each value in the session zone (`zone_text`).
            ('X' | 'x' | 'Z' | 'z' | 'V' | 'O', n) => zone_field(c, n),
            ('%', _) => "%%".repeat(run),
            (c, _) if c.is_ascii_alphabetic() => return Err(format!("Illegal pattern character '{c}'")),
            (c, n) => c.to_string().repeat(n),
        };
        out.push_str(&piece);
    }
    Ok(out)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct DateTimeFunction {
    name: &'static str,
    signature: Signature,
}

/// Spark's `CANNOT_PARSE_TIMESTAMP` (ANSI) for text that does not fit the pattern.
fn cannot_parse(text: &str, pattern: &str) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(
        ErrorClass::DateTime,
        "CANNOT_PARSE_TIMESTAMP",
        format!("Text '{text}' could not be parsed with pattern '{pattern}'. Use `try_to_timestamp` to tolerate invalid input string and return NULL instead."),
        &[("message", format!("Text '{text}' could not be parsed")), ("func", "`try_to_timestamp`".to_string())],
    )))
}

/// Microseconds since the epoch of `text` read with a Java pattern.
fn parse_with(text: &str, pattern: &str) -> Result<Option<i64>> {
    if !widths_hold(text, pattern) {
        return Ok(None);
    }
    let micros = parse_chrono(text, pattern)?;
    // Spark reads a two-digit year (`yy`) as 2000 to 2099; chrono reads 69 to 99 as 19xx.
    let two_digit_year = pattern.contains("yy") && !pattern.contains("yyy") || pattern.contains("uu") && !pattern.contains("uuu");
    Ok(micros.map(|m| match DateTime::from_timestamp_micros(m).map(|t| t.naive_utc()) {
        Some(parsed) if two_digit_year && chrono::Datelike::year(&parsed) < 2000 => {
            parsed.checked_add_months(chrono::Months::new(1200)).map_or(m, |t| t.and_utc().timestamp_micros())
        }
        _ => m,
    }))
}

/// Whether the numeric fields of `text` have the widths `pattern` asks for, as Java's
/// strict `DateTimeFormatter` checks them (`MM` is two digits, `M` one or two, `yyyy` at
/// least four). Patterns with other fields, or text that does not line up, are left to
/// the parser.
fn widths_hold(text: &str, pattern: &str) -> bool {
    let (text, pattern): (Vec<char>, Vec<char>) = (text.chars().collect(), pattern.chars().collect());
    let (mut at, mut index) = (0, 0);
    while index < pattern.len() {
        let letter = pattern[index];
        if letter == '\'' {
            return true;
        }
        if !letter.is_ascii_alphabetic() {
            if text.get(at) != Some(&letter) {
                return true;
            }
            at += 1;
            index += 1;
            continue;
        }
        let mut run = 1;
        while pattern.get(index + run) == Some(&letter) {
            run += 1;
        }
        index += run;
        if !matches!(letter, 'y' | 'u' | 'M' | 'd' | 'H' | 'h' | 'k' | 'K' | 'm' | 's') || (letter == 'M' && run > 2) {
            return true;
        }
        let digits = text[at..].iter().take_while(|c| c.is_ascii_digit()).count();
        let adjacent = pattern.get(index).is_some_and(|c| c.is_ascii_alphabetic());
        let taken = if adjacent { run.min(digits) } else { digits };
        let year = matches!(letter, 'y' | 'u');
        let fits = match run {
            1 => taken >= 1 && (year || taken <= 2),
            2 => taken == 2,
            _ if year => taken >= run,
            _ => taken == run,
        };
        if !fits {
            return false;
        }
        at += taken;
    }
    true
}

fn parse_chrono(text: &str, pattern: &str) -> Result<Option<i64>> {
    let format = chrono_parse_pattern(pattern).map_err(DataFusionError::Execution)?;
    // Java's `X` reads `Z` as the zero offset.
    let zulu;
    let text = match text.strip_suffix('Z') {
        Some(rest) if format.ends_with("%#z") => {
            zulu = format!("{rest}+00");
            zulu.as_str()
        }
        _ => text,
    };
    let zone = crate::spark::session_zone::current();
    if let Ok(parsed) = DateTime::parse_from_str(text, &format) {
        return Ok(Some(parsed.timestamp_micros()));
    }
    if let Ok(parsed) = NaiveDateTime::parse_from_str(text, &format) {
        return Ok(Some(zone.to_instant(parsed.and_utc().timestamp_micros())));
    }
    if let Ok(parsed) = NaiveDate::parse_from_str(text, &format) {
        return Ok(Some(zone.to_instant(parsed.and_time(NaiveTime::MIN).and_utc().timestamp_micros())));
    }
    // A pattern of only a year or a year and month: chrono needs a day to build a date.
    if let Ok(parsed) = NaiveDate::parse_from_str(&format!("{text} 1 1"), &format!("{format} %m %d")) {
        return Ok(Some(zone.to_instant(parsed.and_time(NaiveTime::MIN).and_utc().timestamp_micros())));
    }
    if let Ok(parsed) = NaiveDate::parse_from_str(&format!("{text} 1"), &format!("{format} %d")) {
        return Ok(Some(zone.to_instant(parsed.and_time(NaiveTime::MIN).and_utc().timestamp_micros())));
    }
    Ok(None)
}

/// The micros of a timestamp, date or string argument at `row` (strings by Spark's cast).
fn micros_of(array: &ArrayRef) -> Result<Vec<Option<i64>>> {
    Ok(match array.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let text = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
            let text = text.as_string::<i32>();
            (0..text.len()).map(|i| if text.is_null(i) { None } else { parse_timestamp(text.value(i), false) }).collect()
        }
        // Numbers are seconds since the epoch (Spark's cast of a number to a timestamp);
        // fractions are kept to the microsecond, truncated.
        data_type if data_type.is_integer() => {
            let seconds = datafusion::arrow::compute::cast(array, &DataType::Int64)?;
            seconds.as_primitive::<Int64Type>().iter().map(|s| s.map(|s| s.saturating_mul(1_000_000))).collect()
        }
        data_type if data_type.is_numeric() => {
            let seconds = datafusion::arrow::compute::cast(array, &DataType::Float64)?;
            seconds.as_primitive::<datafusion::arrow::datatypes::Float64Type>().iter().map(|s| s.map(|s| (s * 1e6) as i64)).collect()
        }
        // An instant as it is; a wall-clock time or a date (its midnight) read in the
        // session zone.
        data_type => {
            let micros = datafusion::arrow::compute::cast(array, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
            let micros = micros.as_primitive::<TimestampMicrosecondType>().iter();
            if matches!(data_type, DataType::Timestamp(_, Some(_))) {
                micros.collect()
            } else {
                let zone = crate::spark::session_zone::current();
                micros.map(|m| m.map(|m| zone.to_instant(m))).collect()
            }
        }
    })
}

/// The pattern argument at `index`, or `default` when absent; only literal-like
/// (one value for all rows) patterns are read, from the first row.
/// The pattern argument of each row (a pattern may be a column), `default` when the call
/// has none; NULL where the row's pattern is NULL.
fn patterns_at(arrays: &[ArrayRef], index: usize, default: &str, rows: usize) -> Result<Vec<Option<String>>> {
    match arrays.get(index) {
        None => Ok(vec![Some(default.to_string()); rows]),
        Some(array) => {
            let text = datafusion::arrow::compute::cast(array, &DataType::Utf8)?;
            let text = text.as_string::<i32>();
            Ok((0..rows).map(|i| (i < text.len() && !text.is_null(i)).then(|| text.value(i).to_string())).collect())
        }
    }
}

/// An instant's text by a translated pattern, in the session zone.
fn format_micros(micros: i64, format: &str, zone: &crate::spark::session_zone::Zone) -> Option<String> {
    let datetime = DateTime::from_timestamp_micros(zone.to_local(micros))?.naive_utc();
    let mut out = String::new();
    use std::fmt::Write as _;
    write!(out, "{}", datetime.format(format)).ok()?;
    Some(fill_zone_fields(&out, zone, micros))
}

impl ScalarUDFImpl for DateTimeFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.name {
            "to_date" | "try_to_date" => DataType::Date32,
            "to_timestamp" | "try_to_timestamp" | "to_timestamp_ltz" => timestamp_type(),
            "to_timestamp_ntz" => DataType::Timestamp(datafusion::arrow::datatypes::TimeUnit::Microsecond, None),
            "unix_timestamp" | "to_unix_timestamp" => DataType::Int64,
            _ => DataType::Utf8,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(first) = arrays.first() else {
            return Err(DataFusionError::Plan(format!("{} takes arguments", self.name)));
        };
        let rows = first.len();
        let result: ArrayRef = match self.name {
            "date_format" | "from_unixtime" => {
                let default = if self.name == "from_unixtime" { DEFAULT_PATTERN } else { "" };
                let patterns = patterns_at(&arrays, 1, default, rows)?;
                let micros: Vec<Option<i64>> = if self.name == "from_unixtime" {
                    let seconds = datafusion::arrow::compute::cast(first, &DataType::Int64)?;
                    seconds.as_primitive::<Int64Type>().iter().map(|s| s.map(|s| s.saturating_mul(1_000_000))).collect()
                } else {
                    micros_of(first)?
                };
                let zone = crate::spark::session_zone::current();
                // Patterns are nearly always one literal: the last one's chrono form is kept.
                let mut last: Option<(String, String)> = None;
                let mut values = Vec::with_capacity(rows);
                for (m, pattern) in micros.into_iter().zip(patterns) {
                    let (Some(m), Some(pattern)) = (m, pattern) else {
                        values.push(None);
                        continue;
                    };
                    if last.as_ref().is_none_or(|(p, _)| *p != pattern) {
                        let format = chrono_pattern(&pattern).map_err(DataFusionError::Execution)?;
                        last = Some((pattern, format));
                    }
                    values.push(last.as_ref().and_then(|(_, format)| format_micros(m, format, &zone)));
                }
                Arc::new(values.into_iter().collect::<StringArray>())
            }
            _ => {
                // to_date, to_timestamp, unix_timestamp: text with an optional pattern, or a
                // date or timestamp. The try_ forms give NULL for text that does not parse.
                let zone = crate::spark::session_zone::current();
                let lenient = self.name.starts_with("try_");
                let to_date = matches!(self.name, "to_date" | "try_to_date");
                let is_text = matches!(first.data_type(), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View);
                let micros: Vec<Option<i64>> = if is_text && (arrays.len() > 1 || self.name.ends_with("unix_timestamp")) {
                    let default = if self.name.ends_with("unix_timestamp") { DEFAULT_PATTERN } else { "" };
                    let patterns = patterns_at(&arrays, 1, default, rows)?;
                    let text = datafusion::arrow::compute::cast(first, &DataType::Utf8)?;
                    let text = text.as_string::<i32>();
                    let mut values = Vec::with_capacity(rows);
                    for (i, pattern) in patterns.iter().enumerate() {
                        let Some(pattern) = pattern else {
                            values.push(None);
                            continue;
                        };
                        if text.is_null(i) {
                            values.push(None);
                        } else {
                            match parse_with(text.value(i), pattern)? {
                                Some(m) => values.push(Some(m)),
                                None if lenient => values.push(None),
                                None => return Err(cannot_parse(text.value(i), pattern)),
                            }
                        }
                    }
                    values
                } else if is_text {
                    let text = datafusion::arrow::compute::cast(first, &DataType::Utf8)?;
                    let text = text.as_string::<i32>();
                    let mut values = Vec::with_capacity(rows);
                    for i in 0..rows {
                        if text.is_null(i) {
                            values.push(None);
                            continue;
                        }
                        let parsed = if to_date {
                            parse_date(text.value(i)).map(|d| zone.to_instant(i64::from(d) * 86_400_000_000))
                        } else if self.name == "to_timestamp_ntz" {
                            // The wall-clock time, whatever zone the text names (read back
                            // from an instant below).
                            parse_timestamp(text.value(i), true).map(|wall| zone.to_instant(wall))
                        } else {
                            parse_timestamp(text.value(i), false)
                        };
                        match parsed {
                            Some(m) => values.push(Some(m)),
                            None if lenient => values.push(None),
                            // Without a pattern Spark reads the text as a cast does
                            // (`ParseToTimestamp`'s and `ParseToDate`'s replacement).
                            None => {
                                let target = if to_date { "DATE" } else if self.name == "to_timestamp_ntz" { "TIMESTAMP_NTZ" } else { "TIMESTAMP" };
                                return Err(crate::engine::local::cast::invalid_input(ErrorClass::DateTime, text.value(i), "STRING", target).into());
                            }
                        }
                    }
                    values
                } else {
                    micros_of(first)?
                };
                // `micros` are instants: dates and wall-clock times are their session-zone forms.
                match self.name {
                    "to_date" | "try_to_date" => Arc::new(micros.into_iter().map(|m| m.map(|m| zone.to_local(m).div_euclid(86_400_000_000) as i32)).collect::<Date32Array>()),
                    "to_timestamp" | "try_to_timestamp" | "to_timestamp_ltz" => Arc::new(TimestampMicrosecondArray::from(micros).with_timezone("UTC")),
                    "to_timestamp_ntz" => Arc::new(TimestampMicrosecondArray::from(micros.into_iter().map(|m| m.map(|m| zone.to_local(m))).collect::<Vec<_>>())),
                    _ => Arc::new(micros.into_iter().map(|m| m.map(|m| m.div_euclid(1_000_000))).collect::<Int64Array>()),
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
    fn fields_keep_their_widths() {
        assert!(widths_hold("2024-01-05", "yyyy-MM-dd"));
        assert!(!widths_hold("2024-1-5", "yyyy-MM-dd"));
        assert!(widths_hold("2024-1-5", "yyyy-M-d"));
        assert!(widths_hold("20240105", "yyyyMMdd"));
        assert!(widths_hold("05 Jan 2024", "dd MMM yyyy"));
        assert!(!widths_hold("24-01-05", "yyyy-MM-dd"));
    }

    #[test]
    fn java_patterns_become_chrono_formats() {
        assert_eq!(chrono_pattern("yyyy-MM-dd HH:mm:ss").ok().as_deref(), Some("%Y-%m-%d %H:%M:%S"));
        assert_eq!(chrono_pattern("d MMM yy 'at' h a").ok().as_deref(), Some("%-d %b %y at %-I %p"));
        let utc = crate::spark::session_zone::Zone::named("UTC").unwrap();
        assert_eq!(format_micros(0, "%Y/%m/%d", &utc).as_deref(), Some("1970/01/01"));
        // Text without a zone is read in the session zone (the machine's, in a test).
        let session = crate::spark::session_zone::current();
        assert_eq!(parse_with("2024-03", "yyyy-MM").ok().flatten(), Some(session.to_instant(1_709_251_200_000_000)));
    }

    #[test]
    fn zone_fields_are_written_in_the_zone() {
        let zone = crate::spark::session_zone::Zone::named("America/Los_Angeles").unwrap();
        let format = chrono_pattern("yyyy-MM-dd HH:mm XXX z").unwrap();
        assert_eq!(format_micros(0, &format, &zone).as_deref(), Some("1969-12-31 16:00 -08:00 PST"));
        let summer = 1_719_792_000_000_000; // 2024-07-01 00:00 UTC
        assert_eq!(format_micros(summer, &chrono_pattern("HH:mm xx ZZZZ").unwrap(), &zone).as_deref(), Some("17:00 -0700 GMT-07:00"));
        let utc = crate::spark::session_zone::Zone::named("UTC").unwrap();
        assert_eq!(format_micros(0, &chrono_pattern("HH:mm X").unwrap(), &utc).as_deref(), Some("00:00 Z"));
    }
}

/// The name of Spark's `SecondWithFraction`.
pub const SECOND_WITH_FRACTION: &str = "ember_second_with_fraction";

/// Spark's `EXTRACT(SECOND FROM t)` and `date_part('SECOND', t)` (`SecondWithFraction`):
/// the seconds of the minute with their microseconds, a `decimal(8,6)`.
pub fn second_with_fraction(argument: datafusion::logical_expr::Expr) -> datafusion::logical_expr::Expr {
    ScalarUDF::from(SecondWithFraction { signature: Signature::any(1, Volatility::Immutable) }).call(vec![argument])
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SecondWithFraction {
    signature: Signature,
}

impl ScalarUDFImpl for SecondWithFraction {
    fn name(&self) -> &str {
        SECOND_WITH_FRACTION
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Decimal128(8, 6))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let Some(first) = arrays.first() else {
            return Err(DataFusionError::Plan("EXTRACT(SECOND ...) takes one argument".into()));
        };
        let micros = datafusion::arrow::compute::cast(first, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
        const MINUTE: i64 = 60_000_000;
        let seconds: datafusion::arrow::array::Decimal128Array =
            micros.as_primitive::<TimestampMicrosecondType>().iter().map(|v| v.map(|v| i128::from(v.rem_euclid(MINUTE)))).collect();
        Ok(ColumnarValue::Array(Arc::new(seconds.with_precision_and_scale(8, 6)?)))
    }
}

/// The name of Spark's `SubtractDates` and `SubtractTimestamps`.
pub const SUBTRACT_DATETIMES: &str = "ember_subtract_datetimes";

/// `left - right` of two dates or timestamps as a day-time interval (an Arrow
/// `Duration` of microseconds). Spark's `SubtractDates` is `interval day`; its
/// `SubtractTimestamps` is `interval day to second`. The fields of the result go in its
/// field metadata (`spark::type_text::INTERVAL_FIELDS`), as Arrow's duration has none.
pub fn subtract_datetimes(left: datafusion::logical_expr::Expr, right: datafusion::logical_expr::Expr) -> datafusion::logical_expr::Expr {
    ScalarUDF::from(SubtractDatetimes { signature: Signature::any(2, Volatility::Immutable) }).call(vec![left, right])
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SubtractDatetimes {
    signature: Signature,
}

impl ScalarUDFImpl for SubtractDatetimes {
    fn name(&self) -> &str {
        SUBTRACT_DATETIMES
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Duration(TimeUnit::Microsecond))
    }

    fn return_field_from_args(&self, args: datafusion::logical_expr::ReturnFieldArgs) -> Result<datafusion::arrow::datatypes::FieldRef> {
        let nullable = args.arg_fields.iter().any(|f| f.is_nullable());
        let field = datafusion::arrow::datatypes::Field::new(self.name(), DataType::Duration(TimeUnit::Microsecond), nullable);
        let dates = args.arg_fields.iter().all(|f| matches!(f.data_type(), DataType::Date32));
        Ok(Arc::new(if dates {
            let fields = [(crate::spark::type_text::INTERVAL_FIELDS.to_string(), "day".to_string())];
            field.with_metadata(fields.into_iter().collect())
        } else {
            field
        }))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let (Some(left), Some(right)) = (arrays.first(), arrays.get(1)) else {
            return Err(DataFusionError::Internal("a datetime difference takes two operands".into()));
        };
        let micros = |array: &ArrayRef| -> Result<ArrayRef> {
            let timestamps = datafusion::arrow::compute::cast(array, &DataType::Timestamp(TimeUnit::Microsecond, None))?;
            Ok(datafusion::arrow::compute::cast(&timestamps, &DataType::Int64)?)
        };
        let (left, right) = (micros(left)?, micros(right)?);
        let difference: datafusion::arrow::array::DurationMicrosecondArray = left
            .as_primitive::<Int64Type>()
            .iter()
            .zip(right.as_primitive::<Int64Type>().iter())
            .map(|(l, r)| match (l, r) {
                (Some(l), Some(r)) => l.checked_sub(r).map(Some).ok_or_else(|| crate::engine::local::arithmetic::overflow("long", "try_subtract")),
                _ => Ok(None),
            })
            .collect::<Result<_>>()?;
        Ok(ColumnarValue::Array(Arc::new(difference)))
    }
}
