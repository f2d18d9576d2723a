//! Rendering of query results: Spark's exact text (show/printSchema), and the terminal's
//! comfy-table form of `show()`, and the console progress bar.

pub mod progress;
pub mod spark_text;
pub mod table;

/// Text without ANSI SGR codes (`ESC [ ... m`), as a terminal shows it (tests).
#[cfg(test)]
pub fn strip_ansi(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
