//! Spark's ANSI interval literals (`INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL 3 HOURS`,
//! `INTERVAL '1 day 2 hours'`) read into a value and the interval type's fields, by the
//! rules of Spark's `AstBuilder.visitInterval` and `IntervalUtils` with
//! `spark.sql.legacy.interval.enabled=false` (Spark 4's default): year and month units
//! make a `YearMonthIntervalType` (an Arrow `Interval(YearMonth)` of months), the other
//! units a `DayTimeIntervalType` (an Arrow `Duration` of microseconds); the type's start
//! and end fields are the widest and narrowest units written.
use datafusion::common::ScalarValue;

use super::error::{EngineError, ErrorClass};

const MICROS_PER_SECOND: i128 = 1_000_000;
const MICROS_PER_MINUTE: i128 = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR: i128 = 60 * MICROS_PER_MINUTE;
const MICROS_PER_DAY: i128 = 24 * MICROS_PER_HOUR;

/// The day-time fields, widest first, with their size in microseconds.
const DAY_TIME_FIELDS: [(&str, i128); 4] = [("day", MICROS_PER_DAY), ("hour", MICROS_PER_HOUR), ("minute", MICROS_PER_MINUTE), ("second", MICROS_PER_SECOND)];

/// A literal's value and its type's fields (`"year"`, `"day to second"`).
#[derive(Debug, Clone, PartialEq)]
pub struct IntervalValue {
    pub value: ScalarValue,
    pub fields: String,
}

/// The fields text of a type from its start and end field (`"day"`, `"hour to second"`).
pub fn fields_text(start: &str, end: &str) -> String {
    if start == end { start.to_string() } else { format!("{start} to {end}") }
}

/// Whether `fields` name a year-month interval (`"year"`, `"month"`, `"year to month"`).
pub fn is_year_month(fields: &str) -> bool {
    fields.starts_with("year") || fields.starts_with("month")
}

/// `INTERVAL n unit [n unit ...]` or `INTERVAL 'n unit [n unit ...]'`: `text` is the pairs
/// as written. Units may be plural; a week is 7 days, milli- and microseconds are seconds.
pub fn from_units(text: &str) -> Result<IntervalValue, EngineError> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    if tokens.is_empty() || tokens.len() % 2 != 0 {
        return Err(invalid_literal(text));
    }
    let mut pairs = Vec::new();
    for pair in tokens.chunks(2) {
        let (value, unit) = (pair[0], pair[1].to_ascii_lowercase());
        if !is_number(value) {
            return Err(EngineError::spark(
                ErrorClass::Parse,
                "_LEGACY_ERROR_TEMP_0026",
                format!("Can only use numbers in the interval value part for multiple unit value pairs interval form, but got invalid value: {value}."),
                &[("value", value.to_string())],
            ));
        }
        let singular = unit.strip_suffix('s').unwrap_or(&unit).to_string();
        if !["year", "month", "week", "day", "hour", "minute", "second", "millisecond", "microsecond"].contains(&singular.as_str()) {
            return Err(invalid_literal(text));
        }
        pairs.push((value.to_string(), unit, singular));
    }
    let written: String = pairs.iter().map(|(value, unit, _)| format!(" {value} {unit}")).collect();
    let year_month = pairs.iter().any(|(_, _, unit)| matches!(unit.as_str(), "year" | "month"));
    let day_time = pairs.iter().any(|(_, _, unit)| !matches!(unit.as_str(), "year" | "month"));
    if year_month && day_time {
        return Err(EngineError::spark(
            ErrorClass::Parse,
            "_LEGACY_ERROR_TEMP_0029",
            format!("Cannot mix year-month and day-time fields: interval {}.", text.trim()),
            &[("literal", format!("interval {}", text.trim()))],
        ));
    }
    let overflow = || format_error("ARITHMETIC_EXCEPTION", &written, &format!("Uncaught arithmetic exception while parsing '{written}'."));
    if year_month {
        let mut months: i128 = 0;
        for (value, _, unit) in &pairs {
            let count: i128 = whole(value).ok_or_else(|| format_error("INVALID_FRACTION", &written, &format!("{unit} cannot have fractional part.")))?;
            months += if unit == "year" { count * 12 } else { count };
        }
        let start = if pairs.iter().any(|(_, _, u)| u == "year") { "year" } else { "month" };
        let end = if pairs.iter().any(|(_, _, u)| u == "month") { "month" } else { "year" };
        let months = i32::try_from(months).map_err(|_| overflow())?;
        return Ok(IntervalValue { value: ScalarValue::IntervalYearMonth(Some(months)), fields: fields_text(start, end) });
    }
    let mut micros: i128 = 0;
    let mut positions = Vec::new();
    for (value, _, unit) in &pairs {
        let (field, scale) = match unit.as_str() {
            "week" => ("day", 7 * MICROS_PER_DAY),
            "day" => ("day", MICROS_PER_DAY),
            "hour" => ("hour", MICROS_PER_HOUR),
            "minute" => ("minute", MICROS_PER_MINUTE),
            "millisecond" => ("second", 1_000),
            "microsecond" => ("second", 1),
            _ => ("second", MICROS_PER_SECOND),
        };
        let amount = if unit == "second" {
            seconds_micros(value).ok_or_else(overflow)?
        } else {
            whole(value).ok_or_else(|| format_error("INVALID_FRACTION", &written, &format!("{unit} cannot have fractional part.")))?.checked_mul(scale).ok_or_else(overflow)?
        };
        micros += amount;
        positions.push(DAY_TIME_FIELDS.iter().position(|(name, _)| *name == field).unwrap_or(3));
    }
    let micros = i64::try_from(micros).map_err(|_| overflow())?;
    let (start, end) = (positions.iter().min().copied().unwrap_or(0), positions.iter().max().copied().unwrap_or(0));
    Ok(IntervalValue { value: ScalarValue::DurationMicrosecond(Some(micros)), fields: fields_text(DAY_TIME_FIELDS[start].0, DAY_TIME_FIELDS[end].0) })
}

/// `INTERVAL 'value' FROM [TO to]`: the value in the form the qualifier gives
/// (`'1-2' YEAR TO MONTH`, `'1 02:03:04.5' DAY TO SECOND`, `'3' HOUR`).
pub fn from_qualified(value: &str, from: &str, to: Option<&str>) -> Result<IntervalValue, EngineError> {
    let from = from.to_ascii_lowercase();
    let to = to.map(str::to_ascii_lowercase).filter(|to| *to != from);
    let (negative, body) = match value.trim().strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, value.trim().strip_prefix('+').unwrap_or(value.trim())),
    };
    let sign: i128 = if negative { -1 } else { 1 };
    let parsing = |detail: &str| format_error("INTERVAL_PARSING", value, detail);
    if is_year_month(&from) {
        let months = match (from.as_str(), to.as_deref()) {
            ("year", Some("month")) => {
                let (years, months) = body.split_once('-').ok_or_else(|| parsing("Error parsing interval year-month string."))?;
                let (years, months) = (whole(years), whole(months));
                match (years, months) {
                    (Some(years), Some(months)) if (0..12).contains(&months) && years >= 0 => years * 12 + months,
                    _ => return Err(parsing("Error parsing interval year-month string.")),
                }
            }
            ("year", None) => whole(body).filter(|v| *v >= 0).ok_or_else(|| parsing("Error parsing interval year-month string."))? * 12,
            ("month", None) => whole(body).filter(|v| *v >= 0).ok_or_else(|| parsing("Error parsing interval year-month string."))?,
            _ => return Err(unsupported_qualifier(&from, to.as_deref())),
        };
        let months = i32::try_from(sign * months).map_err(|_| format_error("ARITHMETIC_EXCEPTION", value, &format!("Uncaught arithmetic exception while parsing '{value}'.")))?;
        let end = to.as_deref().unwrap_or(&from);
        return Ok(IntervalValue { value: ScalarValue::IntervalYearMonth(Some(months)), fields: fields_text(&from, end) });
    }
    let position = |name: &str| DAY_TIME_FIELDS.iter().position(|(field, _)| *field == name);
    let (Some(first), Some(last)) = (position(&from), position(to.as_deref().unwrap_or(&from))) else {
        return Err(unsupported_qualifier(&from, to.as_deref()));
    };
    if last < first {
        return Err(unsupported_qualifier(&from, to.as_deref()));
    }
    // Fields after the first: `d h`, `h:m`, `m:s`; the first holds any magnitude.
    let mut parts: Vec<&str> = Vec::new();
    let mut rest = body;
    for index in first..=last {
        let separator = if index == first { None } else if index == 1 && first == 0 { Some(' ') } else { Some(':') };
        if let Some(separator) = separator {
            let (head, tail) = rest.split_once(separator).ok_or_else(|| parsing("Interval string does not match day-time format."))?;
            parts.push(head);
            rest = tail;
        }
    }
    parts.push(rest);
    let mut micros: i128 = 0;
    for (offset, part) in parts.iter().enumerate() {
        let index = first + offset;
        let (name, size) = DAY_TIME_FIELDS[index];
        let amount = if name == "second" { seconds_micros(part) } else { whole(part).map(|v| v * size) };
        let amount = amount.filter(|v| *v >= 0).ok_or_else(|| parsing("Interval string does not match day-time format."))?;
        if offset > 0 {
            let limit = match name { "hour" => 23, _ => 59 };
            let units = amount / size;
            if units > limit {
                return Err(EngineError::spark(ErrorClass::Parse, "_LEGACY_ERROR_TEMP_0063", format!("requirement failed: {name} {units} outside range [0, {limit}]."), &[]));
            }
        }
        micros += amount;
    }
    let micros = i64::try_from(sign * micros).map_err(|_| format_error("ARITHMETIC_EXCEPTION", value, &format!("Uncaught arithmetic exception while parsing '{value}'.")))?;
    Ok(IntervalValue { value: ScalarValue::DurationMicrosecond(Some(micros)), fields: fields_text(&from, to.as_deref().unwrap_or(&from)) })
}

fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') && digits.matches('.').count() <= 1 && digits != "."
}

/// An integer written without a fraction, `None` otherwise.
fn whole(text: &str) -> Option<i128> {
    let text = text.trim();
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Seconds with up to six fraction digits, as microseconds.
fn seconds_micros(text: &str) -> Option<i128> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole_part, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole_part.is_empty() && fraction.is_empty() || fraction.len() > 9 || !whole_part.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    let seconds: i128 = if whole_part.is_empty() { 0 } else { whole_part.parse().ok()? };
    let mut fraction = fraction.to_string();
    fraction.truncate(6);
    while fraction.len() < 6 {
        fraction.push('0');
    }
    let micros = seconds.checked_mul(MICROS_PER_SECOND)? + fraction.parse::<i128>().ok()?;
    Some(if negative { -micros } else { micros })
}

fn invalid_literal(text: &str) -> EngineError {
    EngineError::spark(
        ErrorClass::Parse,
        "INVALID_TYPED_LITERAL",
        format!("The value of the typed literal \"INTERVAL\" is invalid: '{text}'."),
        &[("valueType", "\"INTERVAL\"".to_string()), ("value", format!("'{text}'"))],
    )
}

fn unsupported_qualifier(from: &str, to: Option<&str>) -> EngineError {
    let written = match to {
        Some(to) => format!("{} TO {}", from.to_uppercase(), to.to_uppercase()),
        None => from.to_uppercase(),
    };
    EngineError::spark(ErrorClass::Parse, "_LEGACY_ERROR_TEMP_0028", format!("Intervals FROM {written} are not supported."), &[])
}

/// Spark's `INVALID_INTERVAL_FORMAT.<sub>` for `input`.
fn format_error(sub: &str, input: &str, detail: &str) -> EngineError {
    let class = if sub == "INTERVAL_PARSING" { ErrorClass::Parse } else { ErrorClass::IllegalArgument };
    EngineError::spark(
        class,
        &format!("INVALID_INTERVAL_FORMAT.{sub}"),
        format!("Error parsing '{input}' to interval. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. {detail}"),
        &[("input", input.to_string())],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (ScalarValue, String) {
        let value = from_units(text).expect(text);
        (value.value, value.fields)
    }

    #[test]
    fn units_pick_the_type_and_its_fields() {
        assert_eq!(read("1 year 2 months"), (ScalarValue::IntervalYearMonth(Some(14)), "year to month".into()));
        assert_eq!(read("25 months"), (ScalarValue::IntervalYearMonth(Some(25)), "month".into()));
        assert_eq!(read("1 day 2 hours"), (ScalarValue::DurationMicrosecond(Some(93_600_000_000)), "day to hour".into()));
        assert_eq!(read("1 week"), (ScalarValue::DurationMicrosecond(Some(604_800_000_000)), "day".into()));
        assert_eq!(read("5 milliseconds"), (ScalarValue::DurationMicrosecond(Some(5_000)), "second".into()));
        assert_eq!(read("1.5 seconds"), (ScalarValue::DurationMicrosecond(Some(1_500_000)), "second".into()));
        assert!(from_units("1 month 2 days").is_err());
        assert!(from_units("1.5 hours").is_err());
        assert!(from_units("178956971 years").is_err());
    }

    #[test]
    fn qualified_values_follow_their_qualifier() {
        let read = |value: &str, from: &str, to: Option<&str>| from_qualified(value, from, to).map(|v| (v.value, v.fields)).ok();
        assert_eq!(read("-1-2", "YEAR", Some("MONTH")), Some((ScalarValue::IntervalYearMonth(Some(-14)), "year to month".into())));
        assert_eq!(read("1 2:03:04.5", "DAY", Some("SECOND")), Some((ScalarValue::DurationMicrosecond(Some(93_784_500_000)), "day to second".into())));
        assert_eq!(read("2:03", "HOUR", Some("MINUTE")), Some((ScalarValue::DurationMicrosecond(Some(7_380_000_000)), "hour to minute".into())));
        assert_eq!(read("1-13", "YEAR", Some("MONTH")), None);
        assert_eq!(read("1 25:00:00", "DAY", Some("SECOND")), None);
    }
}
