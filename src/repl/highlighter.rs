//! Syntax highlighting of the line being edited: syntect's Python grammar, and its SQL
//! grammar inside the string literal of `spark.sql("...")`, in a `.tmTheme` from `themes/`.
use std::sync::{Arc, OnceLock};

use syntect::easy::HighlightLines;
use syntect::highlighting::{Style, Theme, ThemeSet};
use syntect::parsing::SyntaxSet;

/// The themes embedded from `themes/`, by name.
const THEMES: &[(&str, &str)] = &[("dark", include_str!("../../themes/ember-dark.tmTheme")), ("light", include_str!("../../themes/ember-light.tmTheme"))];

/// The names `--theme` and the config file accept.
pub fn theme_names() -> Vec<&'static str> {
    THEMES.iter().map(|(name, _)| *name).collect()
}

/// A loaded theme with the grammars; loading takes tens of milliseconds, so the shell
/// starts it on a thread and highlights plainly until it is ready.
pub struct Grammars {
    syntaxes: SyntaxSet,
    theme: Theme,
}

impl Grammars {
    /// Loads syntect's default grammars and the embedded theme `name` (None if unknown).
    pub fn load(name: &str) -> Option<Self> {
        let (_, source) = THEMES.iter().find(|(theme, _)| *theme == name)?;
        let theme = ThemeSet::load_from_reader(&mut std::io::Cursor::new(source.as_bytes())).ok()?;
        Some(Grammars { syntaxes: SyntaxSet::load_defaults_newlines(), theme })
    }
}

/// Highlights lines once its grammars are loaded.
#[derive(Clone, Default)]
pub struct SyntaxHighlighter {
    grammars: Arc<OnceLock<Grammars>>,
}

impl SyntaxHighlighter {
    /// A highlighter whose grammars and theme `name` load on a background thread.
    pub fn start_loading(name: &str) -> Self {
        let highlighter = SyntaxHighlighter::default();
        let cell = highlighter.grammars.clone();
        let name = name.to_string();
        std::thread::spawn(move || {
            if let Some(grammars) = Grammars::load(&name) {
                let _ = cell.set(grammars);
            }
        });
        highlighter
    }

    /// A highlighter with loaded grammars (tests).
    #[cfg(test)]
    pub fn loaded(grammars: Grammars) -> Self {
        let highlighter = SyntaxHighlighter::default();
        let _ = highlighter.grammars.set(grammars);
        highlighter
    }

    /// `line` with 24-bit ANSI colours, or None while the grammars load.
    pub fn highlight(&self, line: &str) -> Option<String> {
        let grammars = self.grammars.get()?;
        let python = grammars.syntaxes.find_syntax_by_extension("py")?;
        let mut lines = HighlightLines::new(python, &grammars.theme);
        let mut styled: Vec<(Style, String)> = lines.highlight_line(line, &grammars.syntaxes).ok()?.into_iter().map(|(style, text)| (style, text.to_string())).collect();
        if let Some((start, end)) = sql_string(line) {
            styled = splice_sql(grammars, line, styled, start, end)?;
        }
        let mut out = String::with_capacity(line.len() * 4);
        for (style, text) in &styled {
            let color = style.foreground;
            out.push_str(&format!("\x1b[38;2;{};{};{}m", color.r, color.g, color.b));
            if style.font_style.contains(syntect::highlighting::FontStyle::BOLD) {
                out.push_str("\x1b[1m");
            }
            out.push_str(text);
            out.push_str("\x1b[0m");
        }
        Some(out)
    }
}

/// The byte range of the SQL text in `spark.sql("...")` or `sql('...')` on the line.
fn sql_string(line: &str) -> Option<(usize, usize)> {
    let call = line.find("sql(")?;
    if call > 0 && line[..call].chars().last().is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let rest = &line[call + 4..];
    let offset = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let quote = if rest.starts_with("\"\"\"") || rest.starts_with("'''") { &rest[..3] } else { rest.get(..1).filter(|q| *q == "\"" || *q == "'")? };
    let start = call + 4 + offset + quote.len();
    let end = line[start..].find(quote).map_or(line.len(), |i| start + i);
    Some((start, end))
}

/// Replaces the styles of `line[start..end]` by the SQL grammar's.
fn splice_sql(grammars: &Grammars, line: &str, styled: Vec<(Style, String)>, start: usize, end: usize) -> Option<Vec<(Style, String)>> {
    let sql = grammars.syntaxes.find_syntax_by_extension("sql")?;
    let mut sql_lines = HighlightLines::new(sql, &grammars.theme);
    let inner: Vec<(Style, String)> = sql_lines.highlight_line(&line[start..end], &grammars.syntaxes).ok()?.into_iter().map(|(s, t)| (s, t.to_string())).collect();
    let mut out = Vec::new();
    let mut position = 0;
    let mut inserted = false;
    for (style, text) in styled {
        let (from, to) = (position, position + text.len());
        position = to;
        // Keep the parts of each Python span outside the SQL range.
        if from < start {
            let cut = to.min(start);
            out.push((style, line[from..cut].to_string()));
        }
        if to > start && !inserted {
            out.extend(inner.iter().cloned());
            inserted = true;
        }
        if to > end {
            let cut = from.max(end);
            out.push((style, line[cut..to].to_string()));
        }
    }
    if !inserted {
        out.extend(inner);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_sql_string_of_spark_sql() {
        let line = "df = spark.sql(\"SELECT 1 AS n\")";
        let (start, end) = sql_string(line).expect("sql string");
        assert_eq!(&line[start..end], "SELECT 1 AS n");
        assert_eq!(sql_string("mysql('x')"), None);
        let open = "spark.sql('SELECT";
        let (start, end) = sql_string(open).expect("open string");
        assert_eq!(&open[start..end], "SELECT");
    }

    #[test]
    fn highlights_python_keywords_and_sql_with_the_theme() {
        let highlighter = SyntaxHighlighter::loaded(Grammars::load("dark").expect("theme"));
        let text = highlighter.highlight("def f(): return spark.sql(\"SELECT 1\")").expect("loaded");
        // The dark theme's keyword colour (#E06C75) marks `def`, and SQL's SELECT too.
        assert!(text.starts_with("\x1b[38;2;224;108;117m\x1b[1mdef"), "{text:?}");
        assert!(text.contains("\x1b[38;2;224;108;117m\x1b[1mSELECT"), "{text:?}");
        let plain: String = crate::render::strip_ansi(&text);
        assert_eq!(plain, "def f(): return spark.sql(\"SELECT 1\")");
        assert!(Grammars::load("no-such-theme").is_none());
    }
}
