//! Spark's string functions where DataFusion's differ: `regexp_replace` (every match,
//! Java's `$n` replacement syntax), `initcap` (words split at spaces only), `left` and
//! `right` (empty for a length of 0 or less), and `LIKE` (Spark's `StringUtils.escapeLikeRegex`:
//! `_` matches any character including a newline, the escape character quotes `_`, `%`
//! and itself).
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, BooleanArray, StringArray};
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

/// Registers the string functions of this module under their Spark names.
pub fn register(context: &SessionContext) {
    for name in ["regexp_replace", "initcap", "left", "right", "like", "ilike"] {
        context.register_udf(ScalarUDF::from(StringFunction { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
}

/// The last regular expression compiled, kept while consecutive rows share a pattern
/// (patterns are nearly always literals).
#[derive(Default)]
pub struct RegexCache {
    last: Option<(String, regex::Regex)>,
}

impl RegexCache {
    /// The compiled form of `source`.
    pub fn get(&mut self, source: &str) -> Result<regex::Regex> {
        if let Some((text, compiled)) = &self.last {
            if text == source {
                return Ok(compiled.clone());
            }
        }
        let compiled = regex::Regex::new(source).map_err(|e| DataFusionError::Execution(e.to_string()))?;
        self.last = Some((source.to_string(), compiled.clone()));
        Ok(compiled)
    }
}

/// A call of Spark's `like` or `ilike` on `[text, pattern(, escape)]`.
/// A literal pattern with only `%` wildcards means the same to Spark and DataFusion (the
/// rules differ for `_`, which Spark lets match a newline, and for escapes), so it runs
/// as DataFusion's own LIKE, which matches without a regular expression (ILIKE keeps
/// Spark's name, `ilike(s, p)`, so it stays a call).
pub fn spark_like(name: &'static str, arguments: Vec<datafusion::logical_expr::Expr>) -> datafusion::logical_expr::Expr {
    use datafusion::common::ScalarValue;
    use datafusion::logical_expr::Expr;
    if let (true, [text, Expr::Literal(ScalarValue::Utf8(Some(pattern)), _)]) = (name == "like", arguments.as_slice()) {
        if !pattern.contains(['_', '\\']) {
            let pattern = Expr::Literal(ScalarValue::Utf8(Some(pattern.clone())), None);
            return Expr::Like(datafusion::logical_expr::expr::Like::new(false, Box::new(text.clone()), Box::new(pattern), None, false));
        }
    }
    ScalarUDF::from(StringFunction { name, signature: Signature::variadic_any(Volatility::Immutable) }).call(arguments)
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct StringFunction {
    name: &'static str,
    signature: Signature,
}

/// The arguments as UTF-8 string arrays (numbers are cast to text).
fn strings(arrays: &[ArrayRef]) -> Result<Vec<ArrayRef>> {
    arrays.iter().map(|a| Ok(datafusion::arrow::compute::cast(a, &DataType::Utf8)?)).collect()
}

/// Java's replacement syntax (`$1`, `\$`) in the `regex` crate's (`${1}`, `$$`).
fn java_replacement(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('$') => out.push_str("$$"),
                Some(other) => out.push(other),
                None => {}
            },
            '$' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                out.push_str(&format!("${{{digits}}}"));
            }
            other => out.push(other),
        }
    }
    out
}

/// Spark's `initcap`: lower case, then the first letter of each space-separated word in
/// upper case.
fn initcap(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut start = true;
    for c in text.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.extend(c.to_lowercase());
        }
        start = c == ' ';
    }
    out
}

/// The regular expression of a Spark LIKE pattern with escape character `escape`.
pub fn like_regex(pattern: &str, escape: char) -> std::result::Result<String, String> {
    let mut out = String::from("(?s)^");
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == escape {
            match chars.next() {
                Some(next) if next == '_' || next == '%' || next == escape => out.push_str(&regex::escape(&next.to_string())),
                _ => return Err(format!("the escape character is not allowed to precede '{}'", pattern)),
            }
        } else if c == '_' {
            out.push('.');
        } else if c == '%' {
            out.push_str(".*");
        } else {
            out.push_str(&regex::escape(&c.to_string()));
        }
    }
    out.push('$');
    Ok(out)
}

impl ScalarUDFImpl for StringFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(if matches!(self.name, "like" | "ilike") { DataType::Boolean } else { DataType::Utf8 })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let wanted = match self.name {
            "initcap" => 1..=1,
            "left" | "right" => 2..=2,
            "like" | "ilike" => 2..=3,
            _ => 3..=4,
        };
        if !wanted.contains(&arrays.len()) {
            return Err(DataFusionError::Plan(format!("{} takes {wanted:?} arguments, got {}", self.name, arrays.len())));
        }
        let text = strings(&arrays[..1])?.remove(0);
        let text = text.as_string::<i32>();
        let rows = 0..text.len();
        let result: ArrayRef = match self.name {
            "initcap" => Arc::new(rows.map(|i| (!text.is_null(i)).then(|| initcap(text.value(i)))).collect::<StringArray>()),
            "left" | "right" => {
                let lengths = datafusion::arrow::compute::cast(&arrays[1], &DataType::Int64)?;
                let lengths = lengths.as_primitive::<Int64Type>();
                Arc::new(
                    rows.map(|i| {
                        (!text.is_null(i) && !lengths.is_null(i)).then(|| {
                            let value = text.value(i);
                            let length = lengths.value(i).max(0) as usize;
                            let count = value.chars().count();
                            if self.name == "left" {
                                value.chars().take(length).collect::<String>()
                            } else {
                                value.chars().skip(count.saturating_sub(length)).collect::<String>()
                            }
                        })
                    })
                    .collect::<StringArray>(),
                )
            }
            "like" | "ilike" => {
                let patterns = strings(&arrays[1..2])?.remove(0);
                let patterns = patterns.as_string::<i32>();
                let escape = match arrays.get(2) {
                    Some(escape) => {
                        let escape = strings(std::slice::from_ref(escape))?.remove(0);
                        let escape = escape.as_string::<i32>();
                        (!escape.is_empty() && !escape.is_null(0)).then(|| escape.value(0).chars().next()).flatten().unwrap_or('\\')
                    }
                    None => '\\',
                };
                let mut cache = RegexCache::default();
                let mut values = Vec::with_capacity(text.len());
                for i in rows {
                    if text.is_null(i) || patterns.is_null(i) {
                        values.push(None);
                        continue;
                    }
                    let source = like_regex(patterns.value(i), escape).map_err(DataFusionError::Execution)?;
                    let source = if self.name == "ilike" { format!("(?i){source}") } else { source };
                    values.push(Some(cache.get(&source)?.is_match(text.value(i))));
                }
                Arc::new(BooleanArray::from(values))
            }
            _ => {
                let rest = strings(&arrays[1..3])?;
                let (patterns, replacements) = (rest[0].as_string::<i32>(), rest[1].as_string::<i32>());
                let positions = match arrays.get(3) {
                    Some(p) => Some(datafusion::arrow::compute::cast(p, &DataType::Int64)?),
                    None => None,
                };
                let mut cache = RegexCache::default();
                let mut values = Vec::with_capacity(text.len());
                for i in rows {
                    if text.is_null(i) || patterns.is_null(i) || replacements.is_null(i) {
                        values.push(None);
                        continue;
                    }
                    let compiled = cache.get(patterns.value(i))?;
                    let value = text.value(i);
                    // Spark's 1-based position: matching starts there, text before it stays.
                    let start = positions.as_ref().map(|p| p.as_primitive::<Int64Type>().value(i).max(1) as usize - 1).unwrap_or(0);
                    let split = value.char_indices().nth(start).map(|(at, _)| at).unwrap_or(value.len());
                    let replacement = java_replacement(replacements.value(i));
                    let replaced = compiled.replace_all(&value[split..], replacement.as_str());
                    values.push(Some(format!("{}{}", &value[..split], replaced)));
                }
                Arc::new(StringArray::from(values))
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spark_string_rules() {
        assert_eq!(java_replacement("<$1>"), "<${1}>");
        assert_eq!(java_replacement("\\$x"), "$$x");
        assert_eq!(initcap("hello-world foo_bar"), "Hello-world Foo_bar");
        let regex = regex::Regex::new(&like_regex("a\\%b_", '\\').unwrap_or_default()).ok();
        assert!(regex.as_ref().is_some_and(|r| r.is_match("a%b\n")));
        assert!(regex.as_ref().is_some_and(|r| !r.is_match("axb\n")));
    }
}
