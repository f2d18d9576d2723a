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
/// cells); `truncate > 0` truncates cells (not headers) longer than `truncate`
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
    let header = show_header(schema);
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

/// The header cells of `show()`: escaped column names, never truncated (Spark's
/// `Dataset.getRows` truncates the data cells only).
pub fn show_header(schema: &SchemaRef) -> Vec<String> {
    schema.fields().iter().map(|field| escape_meta_characters(field.name())).collect()
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

    use datafusion::arrow::array::{ArrayRef, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray};
    use datafusion::arrow::datatypes::{Field, Schema, SchemaRef};

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
        // Headers are not truncated; cells are (PySpark 4.3.0's output).
        let (b, s) = batch(vec![
            ("a_long_header", Arc::new(Int32Array::from(vec![1])) as ArrayRef),
            ("s", Arc::new(StringArray::from(vec!["abcdefghijklmnopqrstuvwxyz"])) as ArrayRef),
        ]);
        let out = show_string(&[b], &s, 20, 5, false, false);
        assert_eq!(out, "+-------------+-----+\n|a_long_header|    s|\n+-------------+-----+\n|            1|ab...|\n+-------------+-----+\n");
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
}
