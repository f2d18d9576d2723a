//! Byte-exact Apache Spark text rendering of Arrow data.
//!
//! This module reproduces, from Arrow record batches and schemas:
//!
//! * `Dataset.showString(numRows, truncate, vertical)` (Spark 4.x), which is
//!   what `DataFrame.show()` prints, including the cell formatting done by
//!   Spark's `ToPrettyString` expression (`NULL` for nulls, hex for binary,
//!   plain decimals, `{...}` for structs and maps, `[...]` for arrays);
//! * `StructType.treeString`, which is what `DataFrame.printSchema()` prints;
//! * `DataType.simpleString`, used by `DataFrame.dtypes`.
//!
//! Java string semantics are mirrored where they are observable: string
//! lengths used for truncation and padding are counted in UTF-16 code units,
//! and display widths follow Spark's `Utils.stringHalfWidth` (UTF-16 length
//! plus one for every character in Spark's fixed list of full-width ranges).
//! Floating-point values follow `Double.toString` / `Float.toString` of a
//! JDK 19+ runtime (shortest round-trip digits).

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use datafusion::arrow::array::{Array, ArrayRef, AsArray, RecordBatch};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Date32Type, Date64Type, Decimal128Type, Decimal256Type,
    Decimal32Type, Decimal64Type, Field, Float16Type, Float32Type, Float64Type, Int16Type,
    Int32Type, Int64Type, Int8Type, IntervalUnit, Schema, SchemaRef, Time32MillisecondType,
    Time32SecondType, Time64MicrosecondType, Time64NanosecondType, TimeUnit,
    TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};

/// Spark's text for a null value in `show()` output (`ToPrettyString.nullString`).
const NULL_TEXT: &str = "NULL";

/// Spark's minimum column width in `showString` (`minimumColWidth`).
const MINIMUM_COL_WIDTH: usize = 3;

/// Days between 0001-01-01 (day 1 of the common era in chrono) and 1970-01-01.
const UNIX_EPOCH_DAYS_FROM_CE: i64 = 719_163;

// ---------------------------------------------------------------------------
// showString
// ---------------------------------------------------------------------------

/// Renders rows exactly like Spark 4's `Dataset.showString(numRows, truncate, vertical)`.
///
/// `batches` hold the rows to display (at most `num_rows` are used); the caller
/// fetches `num_rows + 1` rows to learn whether more data exists and passes that
/// as `has_more_data`. `truncate == 0` disables truncation (and left-aligns the
/// cells); `truncate > 0` truncates cells and headers longer than `truncate`
/// UTF-16 units and right-aligns them.
///
/// The returned text is byte-for-byte Spark's `showString` result, which is
/// **not** newline-terminated in every case: table lines and vertical record
/// lines end with `"\n"`, but the footer (`only showing top N rows`, or
/// `(0 rows)` in vertical mode) has no trailing newline. PySpark's
/// `DataFrame.show()` is `print(df._show_string(...))`, so callers must print
/// the result with one extra newline (Python `print`, Rust `println!`), which
/// yields the familiar blank line after a table without footer. Use
/// [`show_output`] to get the text including that final newline.
pub fn show_string(
    batches: &[RecordBatch],
    schema: &SchemaRef,
    num_rows: usize,
    truncate: usize,
    vertical: bool,
    has_more_data: bool,
) -> String {
    let header = show_header(schema, truncate);
    let data = collect_rows(batches, header.len(), num_rows, truncate);

    let mut sb = String::new();
    if vertical {
        render_vertical(&mut sb, &header, &data);
    } else {
        render_horizontal(&mut sb, &header, &data, truncate);
    }

    // Footer, exactly as Spark appends it (no trailing newline).
    if vertical && data.is_empty() {
        sb.push_str("(0 rows)");
    } else if has_more_data {
        let rows = if num_rows == 1 { "row" } else { "rows" };
        let _ = write!(sb, "only showing top {num_rows} {rows}");
    }
    sb
}

/// What PySpark's `DataFrame.show()` writes to stdout: [`show_string`] followed
/// by the newline that Python's `print` appends.
///
/// Use this when writing the text verbatim (e.g. `sys.stdout.write` or Rust
/// `print!`), and [`show_string`] when the caller adds the newline itself.
#[cfg(test)]
pub fn show_output(
    batches: &[RecordBatch],
    schema: &SchemaRef,
    num_rows: usize,
    truncate: usize,
    vertical: bool,
    has_more_data: bool,
) -> String {
    let mut text = show_string(batches, schema, num_rows, truncate, vertical, has_more_data);
    text.push('\n');
    text
}

/// Formats, escapes and truncates the first `num_rows` rows, as Spark's
/// `Dataset.getRows` does (one `String` per cell).
fn collect_rows(
    batches: &[RecordBatch],
    num_cols: usize,
    num_rows: usize,
    truncate: usize,
) -> Vec<Vec<String>> {
    show_cells(batches, num_cols, num_rows, truncate)
        .into_iter()
        .map(|row| row.into_iter().map(|(text, _)| text).collect())
        .collect()
}

/// The cells `show()` prints for the first `num_rows` rows (Spark's `Dataset.getRows`:
/// formatted, escaped, truncated), each with whether its value is NULL.
pub fn show_cells(
    batches: &[RecordBatch],
    num_cols: usize,
    num_rows: usize,
    truncate: usize,
) -> Vec<Vec<(String, bool)>> {
    let mut data = Vec::new();
    'batches: for batch in batches {
        for row in 0..batch.num_rows() {
            if data.len() >= num_rows {
                break 'batches;
            }
            let cells = (0..num_cols)
                .map(|col| {
                    let (text, null) = match batch.columns().get(col) {
                        Some(array) => (field_cell_string(batch.schema_ref().field(col), array, row), array.is_null(row)),
                        None => (NULL_TEXT.to_string(), true),
                    };
                    (truncate_cell(&escape_meta_characters(&text), truncate), null)
                })
                .collect();
            data.push(cells);
        }
    }
    data
}

/// The header cells of `show()`: escaped and truncated column names.
pub fn show_header(schema: &SchemaRef, truncate: usize) -> Vec<String> {
    schema
        .fields()
        .iter()
        .map(|field| truncate_cell(&escape_meta_characters(field.name()), truncate))
        .collect()
}

/// The horizontal (table) branch of Spark's `showString`.
fn render_horizontal(sb: &mut String, header: &[String], data: &[Vec<String>], truncate: usize) {
    let mut col_widths = vec![MINIMUM_COL_WIDTH; header.len()];
    for row in std::iter::once(header).chain(data.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate() {
            if let Some(width) = col_widths.get_mut(i) {
                *width = (*width).max(string_half_width(cell));
            }
        }
    }

    let mut sep = String::from("+");
    for width in &col_widths {
        sep.push_str(&"-".repeat(*width));
        sep.push('+');
    }
    sep.push('\n');

    let push_row = |sb: &mut String, row: &[String]| {
        sb.push('|');
        for (i, cell) in row.iter().enumerate() {
            let width = col_widths.get(i).copied().unwrap_or(MINIMUM_COL_WIDTH);
            let pad = " ".repeat(width.saturating_sub(string_half_width(cell)));
            if truncate > 0 {
                sb.push_str(&pad);
                sb.push_str(cell);
            } else {
                sb.push_str(cell);
                sb.push_str(&pad);
            }
            sb.push('|');
        }
        sb.push('\n');
    };

    sb.push_str(&sep);
    push_row(sb, header);
    sb.push_str(&sep);
    for row in data {
        push_row(sb, row);
    }
    sb.push_str(&sep);
}

/// The vertical (`-RECORD i`) branch of Spark's `showString`.
fn render_vertical(sb: &mut String, header: &[String], data: &[Vec<String>]) {
    let field_name_width = header
        .iter()
        .map(|name| string_half_width(name))
        .fold(MINIMUM_COL_WIDTH, usize::max);
    let data_width = data
        .iter()
        .flat_map(|row| row.iter().map(|cell| string_half_width(cell)))
        .fold(MINIMUM_COL_WIDTH, usize::max);

    for (i, row) in data.iter().enumerate() {
        // Spark: Utils.rightPad(s"-RECORD $i", fieldNameColWidth + dataColWidth + 5, "-")
        let record = format!("-RECORD {i}");
        let total = field_name_width + data_width + 5;
        sb.push_str(&record);
        sb.push_str(&"-".repeat(total.saturating_sub(utf16_len(&record))));
        sb.push('\n');
        if row.is_empty() {
            // Scala's `addString(sb, "", "\n", "\n")` on an empty row.
            sb.push('\n');
        }
        for (j, cell) in row.iter().enumerate() {
            let name = header.get(j).map(String::as_str).unwrap_or("");
            sb.push(' ');
            sb.push_str(name);
            sb.push_str(&" ".repeat(field_name_width.saturating_sub(string_half_width(name))));
            sb.push_str(" | ");
            sb.push_str(cell);
            sb.push_str(&" ".repeat(data_width.saturating_sub(string_half_width(cell))));
            sb.push_str(" \n");
        }
    }
}

/// Spark's cell truncation in `Dataset.getRows`: when `truncate > 0` and the
/// string is longer than `truncate` (UTF-16 units), keep the first `truncate`
/// units if `truncate < 4`, else the first `truncate - 3` units plus `"..."`.
///
/// A surrogate pair cut in half (Java would keep a lone high surrogate) is
/// rendered as `?`, which is what Java's encoders emit for it.
pub fn truncate_cell(text: &str, truncate: usize) -> String {
    if truncate == 0 || utf16_len(text) <= truncate {
        return text.to_string();
    }
    let keep = if truncate < 4 { truncate } else { truncate - 3 };
    let mut out = String::new();
    let mut used = 0usize;
    for c in text.chars() {
        let units = c.len_utf16();
        if used + units > keep {
            if used < keep {
                out.push('?');
            }
            break;
        }
        out.push(c);
        used += units;
    }
    if truncate >= 4 {
        out.push_str("...");
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

/// Spark's `Utils.stringHalfWidth`: the Java string length (UTF-16 units)
/// plus one for every character in Spark's full-width ranges
/// (U+1100–115F, U+2E80–A4CF, U+AC00–D7A3, U+F900–FAFF, U+FE10–FE19,
/// U+FE30–FE6F, U+FF00–FF60, U+FFE0–FFE6). E.g. `"日本語"` has width 6.
///
/// Spark's own range list is used rather than a Unicode East-Asian-width
/// table so that column widths match Spark byte for byte.
pub fn string_half_width(text: &str) -> usize {
    text.chars()
        .map(|c| c.len_utf16() + usize::from(is_spark_full_width(c)))
        .sum()
}

/// Whether `c` falls in Spark's `fullWidthRegex` character ranges.
fn is_spark_full_width(c: char) -> bool {
    matches!(
        u32::from(c),
        0x1100..=0x115F
            | 0x2E80..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE10..=0xFE19
            | 0xFE30..=0xFE6F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
    )
}

/// Length of `text` as a Java `String` (UTF-16 code units).
fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

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
/// Timestamps with a time zone are rendered in UTC (Spark would use the
/// session time zone, `spark.sql.session.timeZone`). Types without a Spark
/// counterpart (intervals, durations, unions, ...) fall back to Arrow's display
/// formatting.
pub fn cell_string(array: &ArrayRef, row: usize) -> String {
    value_string(array.as_ref(), row, Style::Pretty)
}

/// [`cell_string`] for a column of `field`, reading the Spark type its metadata gives
/// (a day-time interval's fields, [`INTERVAL_FIELDS`]).
fn field_cell_string(field: &Field, array: &ArrayRef, row: usize) -> String {
    match (array.data_type(), field.metadata().get(INTERVAL_FIELDS)) {
        (DataType::Duration(TimeUnit::Microsecond), Some(fields)) if array.is_valid(row) => {
            day_time_interval(array.as_primitive::<datafusion::arrow::datatypes::DurationMicrosecondType>().value(row), fields)
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
        DataType::Timestamp(unit, _) => {
            let value = match unit {
                TimeUnit::Second => prim::<TimestampSecondType>(array, row)?,
                TimeUnit::Millisecond => prim::<TimestampMillisecondType>(array, row)?,
                TimeUnit::Microsecond => prim::<TimestampMicrosecondType>(array, row)?,
                TimeUnit::Nanosecond => prim::<TimestampNanosecondType>(array, row)?,
            };
            format_timestamp(value, unit)?
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
fn decimal_plain_string(unscaled: &str, scale: i8) -> String {
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
fn format_timestamp(value: i64, unit: &TimeUnit) -> Option<String> {
    let per_second: i64 = match unit {
        TimeUnit::Second => 1,
        TimeUnit::Millisecond => 1_000,
        TimeUnit::Microsecond => 1_000_000,
        TimeUnit::Nanosecond => 1_000_000_000,
    };
    let seconds = value.div_euclid(per_second);
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
fn day_time_interval(micros: i64, fields: &str) -> String {
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

/// Spark's text of a `CalendarIntervalType` value (`CalendarInterval.toString`): the
/// non-zero units among years, months, days, hours, minutes and seconds (with their
/// fraction), or `0 seconds`.
fn calendar_interval(months: i32, days: i32, micros: i64) -> String {
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

// ---------------------------------------------------------------------------
// Schema text: treeString and simpleString
// ---------------------------------------------------------------------------

/// Spark's `StructType.treeString` (what `printSchema()` prints):
///
/// ```text
/// root
///  |-- name: string (nullable = true)
///  |-- tags: array (nullable = true)
///  |    |-- element: string (containsNull = true)
/// ```
///
/// The text ends with a single `"\n"` after the last field line; PySpark prints
/// it with `print`, which adds the blank line seen after the schema.
pub fn tree_string(schema: &Schema) -> String {
    let mut out = String::from("root\n");
    for field in schema.fields() {
        field_tree_string(&mut out, " |", field);
    }
    out
}

/// Spark's `StructField.buildFormattedString`.
fn field_tree_string(out: &mut String, prefix: &str, field: &Field) {
    let _ = writeln!(
        out,
        "{prefix}-- {}: {} (nullable = {})",
        escape_meta_characters(field.name()),
        field_type_name(field),
        field.is_nullable()
    );
    nested_tree_string(out, &format!("{prefix}    |"), field.data_type());
}

/// Spark's `DataType.buildFormattedString` for the children of nested types.
fn nested_tree_string(out: &mut String, prefix: &str, data_type: &DataType) {
    match data_type {
        DataType::List(element)
        | DataType::LargeList(element)
        | DataType::FixedSizeList(element, _)
        | DataType::ListView(element)
        | DataType::LargeListView(element) => {
            let _ = writeln!(
                out,
                "{prefix}-- element: {} (containsNull = {})",
                spark_type_name(element.data_type()),
                element.is_nullable()
            );
            nested_tree_string(out, &format!("{prefix}    |"), element.data_type());
        }
        DataType::Struct(fields) => {
            for field in fields {
                field_tree_string(out, prefix, field);
            }
        }
        DataType::Map(entries, _) => {
            if let Some((key, value)) = map_key_value(entries.data_type()) {
                let _ = writeln!(out, "{prefix}-- key: {}", spark_type_name(key.data_type()));
                nested_tree_string(out, &format!("{prefix}    |"), key.data_type());
                let _ = writeln!(
                    out,
                    "{prefix}-- value: {} (valueContainsNull = {})",
                    spark_type_name(value.data_type()),
                    value.is_nullable()
                );
                nested_tree_string(out, &format!("{prefix}    |"), value.data_type());
            }
        }
        DataType::Dictionary(_, value) => nested_tree_string(out, prefix, value),
        DataType::RunEndEncoded(_, values) => nested_tree_string(out, prefix, values.data_type()),
        _ => {}
    }
}

/// The key and value fields of a map's entries struct.
fn map_key_value(entries: &DataType) -> Option<(&Field, &Field)> {
    match entries {
        DataType::Struct(fields) => Some((fields.first()?.as_ref(), fields.get(1)?.as_ref())),
        _ => None,
    }
}

/// The Spark type an Arrow type stands for, for naming purposes.
enum SparkType<'a> {
    /// An atomic type: (`typeName`, `simpleString`).
    Atomic(String, String),
    Array(&'a Field),
    Map(Option<(&'a Field, &'a Field)>),
    Struct(&'a [std::sync::Arc<Field>]),
}

/// Maps an Arrow type to Spark's type (unsigned integers widen as Spark's
/// Parquet reader does: uint8→short, uint16→int, uint32→long, uint64→decimal(20,0)).
fn spark_type(data_type: &DataType) -> SparkType<'_> {
    let atomic = |name: &str, simple: &str| SparkType::Atomic(name.to_string(), simple.to_string());
    let same = |name: String| SparkType::Atomic(name.clone(), name);
    match data_type {
        DataType::Null => atomic("void", "void"),
        DataType::Boolean => atomic("boolean", "boolean"),
        DataType::Int8 => atomic("byte", "tinyint"),
        DataType::Int16 | DataType::UInt8 => atomic("short", "smallint"),
        DataType::Int32 | DataType::UInt16 => atomic("integer", "int"),
        DataType::Int64 | DataType::UInt32 => atomic("long", "bigint"),
        DataType::UInt64 => atomic("decimal(20,0)", "decimal(20,0)"),
        DataType::Float16 | DataType::Float32 => atomic("float", "float"),
        DataType::Float64 => atomic("double", "double"),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => atomic("string", "string"),
        DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::FixedSizeBinary(_) => atomic("binary", "binary"),
        DataType::Date32 | DataType::Date64 => atomic("date", "date"),
        DataType::Timestamp(_, Some(_)) => atomic("timestamp", "timestamp"),
        DataType::Timestamp(_, None) => atomic("timestamp_ntz", "timestamp_ntz"),
        DataType::Time32(TimeUnit::Second) => atomic("time(0)", "time(0)"),
        DataType::Time32(_) => atomic("time(3)", "time(3)"),
        DataType::Time64(_) => atomic("time(6)", "time(6)"),
        DataType::Decimal32(p, s)
        | DataType::Decimal64(p, s)
        | DataType::Decimal128(p, s)
        | DataType::Decimal256(p, s) => same(format!("decimal({p},{s})")),
        DataType::Duration(_) => atomic("interval day to second", "interval day to second"),
        DataType::Interval(IntervalUnit::YearMonth) => {
            atomic("interval year to month", "interval year to month")
        }
        DataType::Interval(_) => atomic("interval", "interval"),
        DataType::List(element)
        | DataType::LargeList(element)
        | DataType::FixedSizeList(element, _)
        | DataType::ListView(element)
        | DataType::LargeListView(element) => SparkType::Array(element.as_ref()),
        DataType::Map(entries, _) => SparkType::Map(map_key_value(entries.data_type())),
        DataType::Struct(fields) => SparkType::Struct(&fields[..]),
        DataType::Dictionary(_, value) => spark_type(value),
        DataType::RunEndEncoded(_, values) => spark_type(values.data_type()),
        other => same(other.to_string().to_lowercase()),
    }
}

/// Field metadata naming the fields of a Spark day-time interval held as an Arrow
/// `Duration` (`"day"`, `"hour to second"`, ...). Arrow has one duration type where Spark
/// has `DayTimeIntervalType(startField, endField)`; without the key a duration is Spark's
/// widest, `interval day to second`. Internal: never shown as Spark field metadata.
pub const INTERVAL_FIELDS: &str = "ember.interval_fields";

/// The Spark type name of a field, reading the interval fields its metadata gives
/// (Spark's `DayTimeIntervalType.typeName`).
pub fn field_type_name(field: &Field) -> String {
    match (field.data_type(), field.metadata().get(INTERVAL_FIELDS)) {
        (DataType::Duration(_), Some(fields)) => format!("interval {fields}"),
        (data_type, _) => spark_type_name(data_type),
    }
}

/// Spark's `DataType.typeName` as used by `treeString`: `integer`, `long`,
/// `string`, `decimal(10,2)`, `timestamp_ntz`, `void`, `array`, `map`, `struct`, ...
pub fn spark_type_name(data_type: &DataType) -> String {
    match spark_type(data_type) {
        SparkType::Atomic(name, _) => name,
        SparkType::Array(_) => "array".to_string(),
        SparkType::Map(_) => "map".to_string(),
        SparkType::Struct(_) => "struct".to_string(),
    }
}

/// Spark's `DataType.simpleString` (as shown by PySpark's `DataFrame.dtypes`):
/// `boolean`, `tinyint`, `smallint`, `int`, `bigint`, `float`, `double`,
/// `string`, `binary`, `date`, `timestamp`, `timestamp_ntz`, `decimal(p,s)`,
/// `void`, `array<int>`, `map<string,int>`, `struct<name:string,age:int>`.
pub fn spark_simple_string(data_type: &DataType) -> String {
    match spark_type(data_type) {
        SparkType::Atomic(_, simple) => simple,
        SparkType::Array(element) => format!("array<{}>", spark_simple_string(element.data_type())),
        SparkType::Map(Some((key, value))) => format!(
            "map<{},{}>",
            spark_simple_string(key.data_type()),
            spark_simple_string(value.data_type())
        ),
        SparkType::Map(None) => "map".to_string(),
        SparkType::Struct(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| format!("{}:{}", f.name(), spark_simple_string(f.data_type())))
                .collect();
            format!("struct<{}>", parts.join(","))
        }
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::array::{
        BinaryArray, BooleanArray, Date32Array, Decimal128Array, DictionaryArray, Float32Array,
        Float64Array, Int32Array, Int32Builder, Int64Array, LargeStringArray, ListArray,
        MapBuilder, NullArray, StringArray, StringBuilder, StringViewArray, StructArray,
        TimestampMicrosecondArray, TimestampNanosecondArray,
    };
    use datafusion::arrow::datatypes::{Fields, Schema};

    use super::*;

    fn batch(columns: Vec<(&str, ArrayRef)>) -> (RecordBatch, SchemaRef) {
        let fields: Vec<Field> = columns
            .iter()
            .map(|(name, array)| Field::new(*name, array.data_type().clone(), true))
            .collect();
        let schema: SchemaRef = Arc::new(Schema::new(fields));
        let arrays = columns.into_iter().map(|(_, a)| a).collect();
        (
            RecordBatch::try_new(schema.clone(), arrays).unwrap(),
            schema,
        )
    }

    fn example() -> (RecordBatch, SchemaRef) {
        batch(vec![
            ("id", Arc::new(Int64Array::from(vec![1, 22])) as ArrayRef),
            (
                "text",
                Arc::new(StringArray::from(vec![
                    "short",
                    "a considerably longer text",
                ])),
            ),
            ("x", Arc::new(Float64Array::from(vec![Some(1.5), None]))),
        ])
    }

    fn cells(array: ArrayRef) -> Vec<String> {
        (0..array.len()).map(|i| cell_string(&array, i)).collect()
    }

    #[test]
    fn day_time_intervals_read_as_spark_writes_them() {
        assert_eq!(super::day_time_interval(2_592_000_000_000, "day"), "INTERVAL '30' DAY");
        assert_eq!(super::day_time_interval(-2_592_000_000_000, "day"), "INTERVAL '-30' DAY");
        assert_eq!(super::day_time_interval(93_784_500_000, "day to second"), "INTERVAL '1 02:03:04.5' DAY TO SECOND");
        assert_eq!(super::day_time_interval(0, "day to second"), "INTERVAL '0 00:00:00' DAY TO SECOND");
        assert_eq!(super::day_time_interval(5_400_000_000, "hour to minute"), "INTERVAL '01:30' HOUR TO MINUTE");
        assert_eq!(super::day_time_interval(5_400_000_000, "minute"), "INTERVAL '90' MINUTE");
    }

    #[test]
    fn calendar_intervals_read_as_spark_writes_them() {
        assert_eq!(super::calendar_interval(14, 3, 14_706_500_000), "1 years 2 months 3 days 4 hours 5 minutes 6.5 seconds");
        assert_eq!(super::calendar_interval(0, 0, 0), "0 seconds");
        assert_eq!(super::calendar_interval(-1, 0, -500_000), "-1 months -0.5 seconds");
    }

    #[test]
    fn horizontal_with_footer() {
        let (b, s) = example();
        let expected = "\
+---+--------------------+----+
| id|                text|   x|
+---+--------------------+----+
|  1|               short| 1.5|
| 22|a considerably lo...|NULL|
+---+--------------------+----+
only showing top 2 rows";
        assert_eq!(
            show_string(std::slice::from_ref(&b), &s, 2, 20, false, true),
            expected
        );
        assert_eq!(
            show_output(&[b], &s, 2, 20, false, true),
            format!("{expected}\n")
        );
    }

    #[test]
    fn horizontal_without_footer_ends_after_border() {
        let (b, s) = example();
        let out = show_string(std::slice::from_ref(&b), &s, 20, 20, false, false);
        assert!(out.ends_with("+---+--------------------+----+\n"));
        assert!(!out.contains("only showing"));
        // print() adds the blank line PySpark users see after a table.
        assert!(show_output(&[b], &s, 20, 20, false, false).ends_with("----+\n\n"));
    }

    #[test]
    fn footer_singular() {
        let (b, s) = example();
        let out = show_string(&[b.slice(0, 1)], &s, 1, 20, false, true);
        assert!(
            out.ends_with("+---+-----+---+\nonly showing top 1 row"),
            "{out}"
        );
    }

    #[test]
    fn rows_limited_to_num_rows() {
        let (b, s) = example();
        let out = show_string(&[b], &s, 1, 20, false, true);
        assert!(!out.contains("22"));
    }

    #[test]
    fn empty_frame() {
        let (b, s) = batch(vec![
            (
                "a",
                Arc::new(Int32Array::from(Vec::<i32>::new())) as ArrayRef,
            ),
            ("b", Arc::new(StringArray::from(Vec::<&str>::new()))),
        ]);
        assert_eq!(
            show_string(std::slice::from_ref(&b), &s, 20, 20, false, false),
            "+---+---+\n|  a|  b|\n+---+---+\n+---+---+\n"
        );
        assert_eq!(
            show_string(&[], &s, 20, 20, false, false),
            "+---+---+\n|  a|  b|\n+---+---+\n+---+---+\n"
        );
        assert_eq!(show_string(&[b], &s, 20, 20, true, false), "(0 rows)");
    }

    #[test]
    fn truncate_false_left_aligns() {
        let (b, s) = example();
        let expected = "\
+---+--------------------------+----+
|id |text                      |x   |
+---+--------------------------+----+
|1  |short                     |1.5 |
|22 |a considerably longer text|NULL|
+---+--------------------------+----+
";
        assert_eq!(show_string(&[b], &s, 20, 0, false, false), expected);
    }

    #[test]
    fn truncate_five() {
        let (b, s) = example();
        let out = show_string(&[b], &s, 20, 5, false, false);
        let expected = "\
+---+-----+----+
| id| text|   x|
+---+-----+----+
|  1|short| 1.5|
| 22|a ...|NULL|
+---+-----+----+
";
        assert_eq!(out, expected);
    }

    #[test]
    fn truncate_rules() {
        assert_eq!(truncate_cell("abcdef", 3), "abc");
        assert_eq!(truncate_cell("abcdef", 4), "a...");
        assert_eq!(truncate_cell("abcd", 4), "abcd");
        assert_eq!(truncate_cell("abcdef", 0), "abcdef");
        assert_eq!(truncate_cell("a😀bcdef", 5), "a?...");
        // Header truncated like cells.
        let (b, s) = batch(vec![(
            "a_long_header",
            Arc::new(Int32Array::from(vec![1])) as ArrayRef,
        )]);
        let out = show_string(&[b], &s, 20, 5, false, false);
        assert!(out.contains("|a_...|"), "{out}");
    }

    #[test]
    fn cjk_width() {
        assert_eq!(string_half_width("日本語"), 6);
        assert_eq!(string_half_width("abc"), 3);
        assert_eq!(string_half_width("😀"), 2);
        let (b, s) = batch(vec![(
            "name",
            Arc::new(StringArray::from(vec!["日本語", "ab"])) as ArrayRef,
        )]);
        let expected = "\
+------+
|  name|
+------+
|日本語|
|    ab|
+------+
";
        assert_eq!(
            show_string(std::slice::from_ref(&b), &s, 20, 20, false, false),
            expected
        );
        let left = show_string(&[b], &s, 20, 0, false, false);
        assert!(left.contains("|name  |\n"));
        assert!(left.contains("|ab    |\n"));
    }

    #[test]
    fn meta_characters_escaped() {
        let (b, s) = batch(vec![(
            "c",
            Arc::new(StringArray::from(vec!["a\nb\tc"])) as ArrayRef,
        )]);
        let out = show_string(&[b], &s, 20, 20, false, false);
        assert!(out.contains("|a\\nb\\tc|"), "{out}");
    }

    #[test]
    fn vertical_with_footer() {
        let (b, s) = example();
        let expected = "\
-RECORD 0--------------------
 id   | 1                    
 text | short                
 x    | 1.5                  
-RECORD 1--------------------
 id   | 22                   
 text | a considerably lo... 
 x    | NULL                 
only showing top 2 rows";
        assert_eq!(show_string(&[b], &s, 2, 20, true, true), expected);
    }

    #[test]
    fn vertical_without_footer_ends_with_newline() {
        let (b, s) = example();
        let out = show_string(std::slice::from_ref(&b), &s, 20, 20, true, false);
        assert!(out.ends_with(" x    | NULL                 \n"), "{out:?}");
        // printed: records, then a blank line.
        assert!(
            show_output(std::slice::from_ref(&b), &s, 20, 20, true, false)
                .ends_with("NULL                 \n\n")
        );
        // n=1 with more data: footer directly, printed without blank line.
        let one = show_output(&[b.slice(0, 1)], &s, 1, 20, true, true);
        let expected = "\
-RECORD 0-----
 id   | 1     
 text | short 
 x    | 1.5   
only showing top 1 row
";
        assert_eq!(one, expected);
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
        assert_eq!(cells(tz), vec!["2024-01-02 03:04:05.5"]);
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

    #[test]
    fn tree_string_nested() {
        let map_type = DataType::Map(
            Arc::new(Field::new(
                "entries",
                DataType::Struct(Fields::from(vec![
                    Field::new("key", DataType::Utf8, false),
                    Field::new("value", DataType::Int32, true),
                ])),
                false,
            )),
            false,
        );
        let schema = Schema::new(vec![
            Field::new("name", DataType::Utf8, true),
            Field::new("age", DataType::Int64, true),
            Field::new(
                "tags",
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                true,
            ),
            Field::new("m", map_type.clone(), true),
            Field::new(
                "s",
                DataType::Struct(Fields::from(vec![
                    Field::new("x", DataType::Utf8, true),
                    Field::new(
                        "inner",
                        DataType::List(Arc::new(Field::new("item", DataType::Int32, false))),
                        false,
                    ),
                ])),
                true,
            ),
            Field::new("d", DataType::Decimal128(10, 2), false),
            Field::new(
                "ts",
                DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                true,
            ),
            Field::new(
                "ntz",
                DataType::Timestamp(TimeUnit::Microsecond, None),
                true,
            ),
            Field::new("n", DataType::Null, true),
        ]);
        let expected = "\
root
 |-- name: string (nullable = true)
 |-- age: long (nullable = true)
 |-- tags: array (nullable = true)
 |    |-- element: string (containsNull = true)
 |-- m: map (nullable = true)
 |    |-- key: string
 |    |-- value: integer (valueContainsNull = true)
 |-- s: struct (nullable = true)
 |    |-- x: string (nullable = true)
 |    |-- inner: array (nullable = false)
 |    |    |-- element: integer (containsNull = false)
 |-- d: decimal(10,2) (nullable = false)
 |-- ts: timestamp (nullable = true)
 |-- ntz: timestamp_ntz (nullable = true)
 |-- n: void (nullable = true)
";
        assert_eq!(tree_string(&schema), expected);
        assert_eq!(spark_simple_string(&map_type), "map<string,int>");
    }

    #[test]
    fn simple_strings() {
        let cases: Vec<(DataType, &str)> = vec![
            (DataType::Boolean, "boolean"),
            (DataType::Int8, "tinyint"),
            (DataType::Int16, "smallint"),
            (DataType::Int32, "int"),
            (DataType::Int64, "bigint"),
            (DataType::Float32, "float"),
            (DataType::Float64, "double"),
            (DataType::Utf8, "string"),
            (DataType::LargeUtf8, "string"),
            (DataType::Binary, "binary"),
            (DataType::Date32, "date"),
            (
                DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                "timestamp",
            ),
            (
                DataType::Timestamp(TimeUnit::Nanosecond, None),
                "timestamp_ntz",
            ),
            (DataType::Decimal128(38, 18), "decimal(38,18)"),
            (DataType::Null, "void"),
            (
                DataType::List(Arc::new(Field::new("item", DataType::Int32, true))),
                "array<int>",
            ),
            (
                DataType::Struct(Fields::from(vec![
                    Field::new("name", DataType::Utf8, true),
                    Field::new("age", DataType::Int32, true),
                ])),
                "struct<name:string,age:int>",
            ),
            (
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
                "string",
            ),
        ];
        for (data_type, expected) in cases {
            assert_eq!(spark_simple_string(&data_type), expected, "{data_type}");
        }
        assert_eq!(spark_type_name(&DataType::Int32), "integer");
        assert_eq!(spark_type_name(&DataType::Int8), "byte");
        assert_eq!(spark_type_name(&DataType::Int16), "short");
    }
}
