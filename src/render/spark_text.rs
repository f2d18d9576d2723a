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

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::SchemaRef;

pub use crate::spark::value_text::escape_meta_characters;
use crate::spark::value_text::{field_cell_string, NULL_TEXT};

/// Spark's minimum column width in `showString` (`minimumColWidth`).
const MINIMUM_COL_WIDTH: usize = 3;


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
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#[allow(unused_imports)]
mod tests {
    use std::sync::Arc;

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

    use crate::spark::type_text::*;
    use crate::spark::value_text::*;

    use datafusion::arrow::array::{
        BinaryArray, BooleanArray, Date32Array, Decimal128Array, DictionaryArray, Float32Array,
        Float64Array, Int32Array, Int32Builder, Int64Array, LargeStringArray, ListArray,
        MapBuilder, NullArray, StringArray, StringBuilder, StringViewArray, StructArray,
        TimestampMicrosecondArray, TimestampNanosecondArray,
    };
    use datafusion::arrow::datatypes::Fields;

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
