//! `show()` on a terminal: the same cells as Spark's text (`spark_text::show_cells`) in a
//! comfy-table with UTF-8 borders, numbers right-aligned, NULL dimmed, fitted to the
//! terminal's width. Piped output never comes here.
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table};

/// The table text (no trailing newline): `header`, then `rows` of `(text, is NULL)`;
/// columns flagged `numeric` are right-aligned. `footer` (Spark's "only showing top N
/// rows") follows the table. `color` off leaves NULL undimmed.
pub fn unicode_table(header: &[String], rows: &[Vec<(String, bool)>], numeric: &[bool], width: u16, color: bool, footer: Option<&str>) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic).set_width(width);
    if !color {
        table.force_no_tty();
    } else {
        table.enforce_styling();
    }
    table.set_header(header.iter().map(|name| Cell::new(name).add_attribute(Attribute::Bold)));
    for row in rows {
        table.add_row(row.iter().enumerate().map(|(i, (text, null))| {
            let mut cell = Cell::new(text);
            if numeric.get(i).copied().unwrap_or(false) {
                cell = cell.set_alignment(CellAlignment::Right);
            }
            if *null {
                cell = cell.add_attribute(Attribute::Dim);
            }
            cell
        }));
    }
    let mut text = table.to_string();
    if let Some(footer) = footer {
        text.push('\n');
        text.push_str(footer);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_utf8_borders_and_right_aligns_numbers() {
        let header = vec!["name".to_string(), "n".to_string()];
        let rows = vec![vec![("ann".to_string(), false), ("7".to_string(), false)], vec![("NULL".to_string(), true), ("12345".to_string(), false)]];
        let text = unicode_table(&header, &rows, &[false, true], 80, false, Some("only showing top 2 rows"));
        let expected = "┌──────┬───────┐\n│ name ┆ n     │\n╞══════╪═══════╡\n│ ann  ┆     7 │\n│ NULL ┆ 12345 │\n└──────┴───────┘\nonly showing top 2 rows";
        assert_eq!(text, expected);
    }

    #[test]
    fn dims_null_and_fits_the_width() {
        let header = vec!["text".to_string()];
        let rows = vec![vec![("NULL".to_string(), true)], vec![("a b c d e f g h i j k l m n o p".to_string(), false)]];
        let text = unicode_table(&header, &rows, &[false], 20, true, None);
        assert!(text.contains("\u{1b}[2m NULL"), "{text:?}");
        assert!(text.lines().all(|line| crate::render::strip_ansi(line).chars().count() <= 20), "{text}");
    }
}
