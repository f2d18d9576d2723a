//! Spark's string functions where DataFusion's differ: `regexp_replace` (every match,
//! Java's `$n` replacement syntax), `initcap` (words split at spaces only), `left` and
//! `right` (empty for a length of 0 or less), `instr` (with a start and an occurrence),
//! `substring_index` (occurrences counted overlapping, Spark's `UTF8String.subStringIndex`), and
//! `LIKE` (Spark's `StringUtils.escapeLikeRegex`:
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
    for name in ["regexp_replace", "initcap", "left", "right", "like", "ilike", "instr", "substring_index", "mask", "to_binary", "try_to_binary", "conv", "jaro_winkler_similarity"] {
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
        let compiled = regex::Regex::new(&java_regex(source)).map_err(|e| DataFusionError::Execution(e.to_string()))?;
        self.last = Some((source.to_string(), compiled.clone()));
        Ok(compiled)
    }
}

/// A Java regular expression in the `regex` crate's syntax. Java's `\d`, `\w`, `\s`, their
/// negations and `\b` are ASCII-only, where the crate's are Unicode (`java.util.regex`
/// without `UNICODE_CHARACTER_CLASS`, as Spark compiles patterns).
pub fn java_regex(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class_depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str("[0-9]"),
                Some('D') => out.push_str("[^0-9]"),
                Some('w') => out.push_str("[0-9A-Za-z_]"),
                Some('W') => out.push_str("[^0-9A-Za-z_]"),
                Some('s') => out.push_str("[\\t\\n\\x0B\\f\\r ]"),
                Some('S') => out.push_str("[^\\t\\n\\x0B\\f\\r ]"),
                Some('b') if class_depth == 0 => out.push_str("(?-u:\\b)"),
                Some('B') if class_depth == 0 => out.push_str("(?-u:\\B)"),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' => {
                class_depth += 1;
                out.push(c);
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            other => out.push(other),
        }
    }
    out
}

/// `pattern` with a literal Java regular expression rewritten by `java_regex`, for the
/// engine's own regular-expression functions and operators.
pub fn java_pattern(pattern: datafusion::logical_expr::Expr) -> datafusion::logical_expr::Expr {
    use datafusion::common::ScalarValue;
    use datafusion::logical_expr::Expr;
    match pattern {
        Expr::Literal(ScalarValue::Utf8(Some(text)), metadata) => Expr::Literal(ScalarValue::Utf8(Some(java_regex(&text))), metadata),
        other => other,
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

/// Spark's `StringInstr`: the 1-based character position of the `occurrence`-th match of
/// `needle` in `text` at or after character `start`; 0 when there is none.
fn instr(text: &str, needle: &str, start: usize, occurrence: usize) -> i32 {
    let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).chain(std::iter::once(text.len())).collect();
    let mut found = 0;
    for (position, at) in starts.iter().enumerate().skip(start - 1) {
        if text[*at..].starts_with(needle) {
            found += 1;
            if found == occurrence {
                return position as i32 + 1;
            }
        }
    }
    0
}

/// Spark's `substring_index(text, delimiter, count)`: the text before the `count`-th
/// delimiter from the left, or (negative `count`) after the `count`-th from the right; all
/// of it when there are fewer; empty for a count of 0 or an empty delimiter. A match may
/// start inside the previous one (the search moves on by one byte, as Spark's does).
fn substring_index(text: &str, delimiter: &str, count: i64) -> String {
    let (bytes, needle) = (text.as_bytes(), delimiter.as_bytes());
    if needle.is_empty() || count == 0 || needle.len() > bytes.len() {
        return if needle.is_empty() || count == 0 { String::new() } else { text.to_string() };
    }
    let last = bytes.len() - needle.len();
    let matches_at = |at: usize| &bytes[at..at + needle.len()] == needle;
    let piece = |range: std::ops::Range<usize>| String::from_utf8_lossy(&bytes[range]).into_owned();
    if count > 0 {
        let mut from = 0;
        let mut found = 0;
        while let Some(at) = (from..=last).find(|&at| matches_at(at)) {
            found += 1;
            if found == count {
                return piece(0..at);
            }
            from = at + 1;
        }
    } else {
        let mut until = last;
        let mut found = 0;
        while let Some(at) = (0..=until).rev().find(|&at| matches_at(at)) {
            found += 1;
            if found == -count {
                return piece(at + needle.len()..bytes.len());
            }
            if at == 0 {
                break;
            }
            until = at - 1;
        }
    }
    text.to_string()
}

/// Java's `Matcher.replaceAll`: like the `regex` crate's, except that an empty match right
/// where a match ended counts too (`aaa` with `a*` gives two replacements).
fn java_replace_all(regex: &regex::Regex, text: &str, replacement: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut last, mut from) = (0, 0);
    while from <= text.len() {
        let Some(captures) = regex.captures_at(text, from) else { break };
        let Some(matched) = captures.get(0) else { break };
        out.push_str(&text[last..matched.start()]);
        captures.expand(replacement, &mut out);
        last = matched.end();
        from = if matched.is_empty() {
            match text[matched.end()..].chars().next() {
                Some(next) => matched.end() + next.len_utf8(),
                None => break,
            }
        } else {
            matched.end()
        };
    }
    out.push_str(&text[last..]);
    out
}

/// Spark's `initcap`: lower case, then the first letter of each space-separated word in
/// upper case.
/// Spark's `mask`: upper-case letters, lower-case letters, digits and other characters
/// replaced by the given characters, in that order; a class without one stays as it is.
fn mask(text: &str, replacements: &[Option<char>]) -> String {
    text.chars()
        .map(|c| {
            let class = if c.is_uppercase() {
                0
            } else if c.is_lowercase() {
                1
            } else if c.is_numeric() {
                2
            } else {
                3
            };
            replacements.get(class).copied().flatten().unwrap_or(c)
        })
        .collect()
}

/// Spark's `conv(num, fromBase, toBase)` (`NumberConverter`): the digits of `text` (after
/// leading spaces, with an optional `-`, up to the first character that is not a digit
/// of `from`) read as an unsigned 64-bit number, a negative one in two's complement, and
/// written in base `to`, upper case; a negative `to` writes the number as signed. `None`
/// (NULL) for empty text or a base outside 2 to 36; `Err` when the number passes 64 bits.
fn convert_base(text: &str, from: i64, to: i64) -> std::result::Result<Option<String>, ()> {
    if !(2..=36).contains(&from) || !(2..=36).contains(&to.abs()) {
        return Ok(None);
    }
    let text = text.trim_start_matches(' ');
    if text.is_empty() {
        return Ok(None);
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let mut value: u64 = 0;
    for c in digits.chars() {
        let Some(digit) = c.to_digit(from as u32) else { break };
        value = value.checked_mul(from as u64).and_then(|v| v.checked_add(u64::from(digit))).ok_or(())?;
    }
    if negative {
        value = value.wrapping_neg();
    }
    let (negative_out, mut magnitude) = if to < 0 && (value as i64) < 0 { (true, (value as i64).unsigned_abs()) } else { (false, value) };
    let radix = to.unsigned_abs();
    let mut out = Vec::new();
    loop {
        let digit = (magnitude % radix) as u32;
        out.push(std::char::from_digit(digit, radix as u32).unwrap_or('0').to_ascii_uppercase());
        magnitude /= radix;
        if magnitude == 0 {
            break;
        }
    }
    if negative_out {
        out.push('-');
    }
    Ok(Some(out.into_iter().rev().collect()))
}

/// Hexadecimal text as bytes (Spark's `Unhex`): an odd count of digits reads as if led by
/// a 0; `None` for any other character.
fn unhex(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text.chars().map(|c| c.to_digit(16).map(|d| d as u8)).collect::<Option<_>>()?;
    let mut bytes = Vec::with_capacity(digits.len().div_ceil(2));
    let mut rest = digits.as_slice();
    if digits.len() % 2 == 1 {
        bytes.push(digits[0]);
        rest = &digits[1..];
    }
    bytes.extend(rest.chunks(2).map(|pair| pair[0] << 4 | pair[1]));
    Some(bytes)
}

/// Base64 text as bytes (Spark's `UnBase64`): white space is skipped and padding may be
/// left out; `None` for characters outside the alphabet or padding before the end.
fn unbase64(text: &str) -> Option<Vec<u8>> {
    use base64::Engine;
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    let body = compact.trim_end_matches('=');
    if compact.len() - body.len() > 2 || !body.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/') {
        return None;
    }
    let engine = base64::engine::GeneralPurpose::new(&base64::alphabet::STANDARD, base64::engine::GeneralPurposeConfig::new().with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent).with_decode_allow_trailing_bits(true));
    engine.decode(body).ok()
}

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
        Ok(match self.name {
            "like" | "ilike" => DataType::Boolean,
            "instr" => DataType::Int32,
            "to_binary" | "try_to_binary" => DataType::Binary,
            "jaro_winkler_similarity" => DataType::Float64,
            _ => DataType::Utf8,
        })
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let arrays = ColumnarValue::values_to_arrays(&args.args)?;
        let wanted = match self.name {
            "initcap" => 1..=1,
            "left" | "right" => 2..=2,
            "like" | "ilike" => 2..=3,
            "instr" => 2..=4,
            "substring_index" => 3..=3,
            "mask" => 1..=5,
            "conv" => 3..=3,
            "to_binary" | "try_to_binary" => 1..=2,
            "jaro_winkler_similarity" => 2..=2,
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
            // Spark's JaroWinklerSimilarity, by the strsim crate (prefix scale 0.1, at
            // most four characters of common prefix).
            "jaro_winkler_similarity" => {
                let other = strings(&arrays[1..2])?.remove(0);
                let other = other.as_string::<i32>();
                Arc::new(rows.map(|i| (!text.is_null(i) && !other.is_null(i)).then(|| strsim::jaro_winkler(text.value(i), other.value(i)))).collect::<datafusion::arrow::array::Float64Array>())
            }
            "conv" => {
                let bases = arrays[1..3].iter().map(|a| datafusion::arrow::compute::cast(a, &DataType::Int64)).collect::<std::result::Result<Vec<_>, _>>()?;
                let (from, to) = (bases[0].as_primitive::<Int64Type>(), bases[1].as_primitive::<Int64Type>());
                let mut values = Vec::with_capacity(text.len());
                for i in rows {
                    if text.is_null(i) || from.is_null(i) || to.is_null(i) {
                        values.push(None);
                        continue;
                    }
                    values.push(convert_base(text.value(i), from.value(i), to.value(i)).map_err(|_| {
                        DataFusionError::External(Box::new(crate::engine::local::error::EngineError::spark(
                            crate::engine::local::error::ErrorClass::Arithmetic,
                            "ARITHMETIC_OVERFLOW",
                            "Overflow in function conv(). If necessary set \"spark.sql.ansi.enabled\" to \"false\" to bypass this error.",
                            &[("message", "Overflow in function conv()".into()), ("alternative", String::new()), ("config", "\"spark.sql.ansi.enabled\"".into())],
                        )))
                    })?);
                }
                Arc::new(StringArray::from(values))
            }
            "mask" => {
                // Spark's defaults; an explicit NULL leaves that class of characters as is.
                let defaults = [Some('X'), Some('x'), Some('n'), None];
                let mut replacements = Vec::with_capacity(4);
                for (index, default) in defaults.into_iter().enumerate() {
                    replacements.push(match arrays.get(index + 1) {
                        Some(array) => {
                            let array = strings(std::slice::from_ref(array))?.remove(0);
                            let array = array.as_string::<i32>();
                            (!array.is_empty() && !array.is_null(0)).then(|| array.value(0).chars().next()).flatten()
                        }
                        None => default,
                    });
                }
                Arc::new(rows.map(|i| (!text.is_null(i)).then(|| mask(text.value(i), &replacements))).collect::<StringArray>())
            }
            "to_binary" | "try_to_binary" => {
                let format = match arrays.get(1) {
                    Some(array) => {
                        let array = strings(std::slice::from_ref(array))?.remove(0);
                        let array = array.as_string::<i32>();
                        if array.is_empty() || array.is_null(0) {
                            return Ok(ColumnarValue::Array(datafusion::arrow::array::new_null_array(&DataType::Binary, text.len())));
                        }
                        array.value(0).to_lowercase()
                    }
                    None => "hex".to_string(),
                };
                if !matches!(format.as_str(), "hex" | "utf-8" | "utf8" | "base64") {
                    return Err(DataFusionError::External(Box::new(crate::engine::local::error::EngineError::spark(
                        crate::engine::local::error::ErrorClass::Analysis,
                        "INVALID_PARAMETER_VALUE.BINARY_FORMAT",
                        format!("The value of parameter(s) `format` in `{}` is invalid: expects one of binary formats 'base64', 'hex', 'utf-8', but got '{format}'.", self.name),
                        &[("parameter", "`format`".into()), ("functionName", format!("`{}`", self.name)), ("invalidFormat", format!("'{format}'"))],
                    ))));
                }
                let mut values: Vec<Option<Vec<u8>>> = Vec::with_capacity(text.len());
                for i in rows {
                    if text.is_null(i) {
                        values.push(None);
                        continue;
                    }
                    let value = text.value(i);
                    let decoded = match format.as_str() {
                        "hex" => unhex(value),
                        "base64" => unbase64(value),
                        _ => Some(value.as_bytes().to_vec()),
                    };
                    if decoded.is_none() && self.name == "to_binary" {
                        let target = if format == "hex" { "hex" } else { "base64" };
                        return Err(DataFusionError::External(Box::new(crate::engine::local::error::EngineError::spark(
                            crate::engine::local::error::ErrorClass::IllegalArgument,
                            "CONVERSION_INVALID_INPUT",
                            format!("The value '{value}' (STRING) cannot be converted to BINARY because it is malformed. Correct the value as per the syntax, or change its format. Use `try_to_binary` to tolerate malformed input and return NULL instead."),
                            &[("str", format!("'{value}'")), ("fmt", format!("'{target}'")), ("targetType", "\"BINARY\"".into()), ("suggestion", "`try_to_binary`".into())],
                        ))));
                    }
                    values.push(decoded);
                }
                Arc::new(datafusion::arrow::array::BinaryArray::from_iter(values))
            }
            "substring_index" => {
                let delimiters = strings(&arrays[1..2])?.remove(0);
                let delimiters = delimiters.as_string::<i32>();
                let counts = datafusion::arrow::compute::cast(&arrays[2], &DataType::Int64)?;
                let counts = counts.as_primitive::<Int64Type>();
                Arc::new(
                    rows.map(|i| (!text.is_null(i) && !delimiters.is_null(i) && !counts.is_null(i)).then(|| substring_index(text.value(i), delimiters.value(i), counts.value(i))))
                        .collect::<StringArray>(),
                )
            }
            "instr" => {
                let needles = strings(&arrays[1..2])?.remove(0);
                let needles = needles.as_string::<i32>();
                let numbers = arrays[2..].iter().map(|a| datafusion::arrow::compute::cast(a, &DataType::Int64)).collect::<std::result::Result<Vec<_>, _>>()?;
                let number = |index: usize, row: usize| numbers.get(index).map(|a| (!a.is_null(row)).then(|| a.as_primitive::<Int64Type>().value(row))).unwrap_or(Some(1));
                let mut positions = Vec::with_capacity(text.len());
                for i in rows {
                    let (Some(start), Some(occurrence)) = (number(0, i), number(1, i)) else {
                        positions.push(None);
                        continue;
                    };
                    if text.is_null(i) || needles.is_null(i) {
                        positions.push(None);
                        continue;
                    }
                    if start < 1 || occurrence < 1 {
                        return Err(DataFusionError::NotImplemented(format!("instr with start {start} and occurrence {occurrence} (Ember searches forward from a start of 1 or more, for an occurrence of 1 or more)")));
                    }
                    positions.push(Some(instr(text.value(i), needles.value(i), start as usize, occurrence as usize)));
                }
                Arc::new(datafusion::arrow::array::Int32Array::from(positions))
            }
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
                    let replaced = java_replace_all(&compiled, &value[split..], &replacement);
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
    fn replacement_counts_empty_matches_as_java_does() {
        let replace = |pattern: &str, text: &str| regex::Regex::new(pattern).map(|r| java_replace_all(&r, text, "X")).unwrap_or_default();
        assert_eq!(replace("a*", "aaa"), "XX");
        assert_eq!(replace("x*", "abc"), "XaXbXcX");
        assert_eq!(replace("b", "abcb"), "aXcX");
        assert_eq!(replace("é", "éa"), "Xa");
    }

    #[test]
    fn java_classes_are_ascii() {
        let regex = |p: &str| regex::Regex::new(&java_regex(p)).map(|r| r.find("ñandú café1 x").map(|m| m.as_str().to_string()));
        assert_eq!(regex(r"\w+").ok().flatten().as_deref(), Some("and"));
        assert_eq!(regex(r"[\d]+").ok().flatten().as_deref(), Some("1"));
        assert_eq!(regex(r"\bx").ok().flatten().as_deref(), Some("x"));
        assert_eq!(java_regex(r"a\.b"), r"a\.b");
    }

    #[test]
    fn substring_index_counts_overlapping_matches() {
        assert_eq!(substring_index("aaaa", "aa", 2), "a");
        assert_eq!(substring_index("aaaa", "aa", -2), "a");
        assert_eq!(substring_index("www.apache.org", ".", 2), "www.apache");
        assert_eq!(substring_index("www.apache.org", ".", -2), "apache.org");
        assert_eq!(substring_index("a.b", ".", 5), "a.b");
        assert_eq!(substring_index("a.b", "", 1), "");
    }

    #[test]
    fn instr_counts_characters_and_occurrences() {
        assert_eq!(instr("aabcd", "b", 1, 1), 3);
        assert_eq!(instr("aabcd", "b", 1, 2), 0);
        assert_eq!(instr("ébcb", "b", 3, 1), 4);
        assert_eq!(instr("abc", "", 1, 1), 1);
        assert_eq!(instr("aaa", "aa", 1, 2), 2);
    }

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
