//! JSON text as Spark reads and writes it through Jackson: a value model that keeps
//! numbers' text and objects' field order, a reader (with Spark's `allowUnquotedFieldNames`)
//! and a compact writer. Shared by the JSON data source and the JSON functions.
use crate::spark::value_text::java_double_string;

/// A JSON value as Jackson reads it for Spark: numbers keep their text, objects their
/// field order.
#[derive(Debug)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// A recursive-descent reader of one JSON text.
pub struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
    /// Field names may go without quotes (Jackson's `ALLOW_UNQUOTED_FIELD_NAMES`, Spark's
    /// `allowUnquotedFieldNames` option).
    unquoted_names: bool,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str) -> Self {
        Parser { bytes: text.as_bytes(), at: 0, unquoted_names: false }
    }

    /// A reader that also takes unquoted field names.
    pub fn with_unquoted_names(mut self, allowed: bool) -> Self {
        self.unquoted_names = allowed;
        self
    }

    fn skip_space(&mut self) {
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b' ' | b'\t' | b'\n' | b'\r') {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.skip_space();
        if self.bytes.get(self.at) == Some(&byte) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn keyword(&mut self, word: &str) -> Option<()> {
        self.bytes[self.at..].starts_with(word.as_bytes()).then(|| self.at += word.len())
    }

    fn value(&mut self) -> Option<Value> {
        self.skip_space();
        match *self.bytes.get(self.at)? {
            b'n' => self.keyword("null").map(|_| Value::Null),
            b't' => self.keyword("true").map(|_| Value::Bool(true)),
            b'f' => self.keyword("false").map(|_| Value::Bool(false)),
            b'"' => self.string().map(Value::Text),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                if self.eat(b']') {
                    return Some(Value::Array(items));
                }
                loop {
                    items.push(self.value()?);
                    if self.eat(b']') {
                        return Some(Value::Array(items));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut fields = Vec::new();
                if self.eat(b'}') {
                    return Some(Value::Object(fields));
                }
                loop {
                    self.skip_space();
                    let name = match self.bytes.get(self.at) {
                        Some(b'"') => self.string()?,
                        Some(_) if self.unquoted_names => self.bare_name()?,
                        _ => return None,
                    };
                    if !self.eat(b':') {
                        return None;
                    }
                    fields.push((name, self.value()?));
                    if self.eat(b'}') {
                        return Some(Value::Object(fields));
                    }
                    if !self.eat(b',') {
                        return None;
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Value> {
        let start = self.at;
        while self.at < self.bytes.len() && matches!(self.bytes[self.at], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
            self.at += 1;
        }
        let text = std::str::from_utf8(&self.bytes[start..self.at]).ok()?;
        text.parse::<f64>().ok()?;
        Some(Value::Number(text.to_string()))
    }

    /// A string's text, its escapes read.
    fn string(&mut self) -> Option<String> {
        if self.bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        self.at += 1;
        let mut out = Vec::new();
        loop {
            let byte = *self.bytes.get(self.at)?;
            self.at += 1;
            match byte {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let escaped = *self.bytes.get(self.at)?;
                    self.at += 1;
                    match escaped {
                        b'n' => out.push(b'\n'),
                        b't' => out.push(b'\t'),
                        b'r' => out.push(b'\r'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'u' => {
                            let hex = std::str::from_utf8(self.bytes.get(self.at..self.at + 4)?).ok()?;
                            self.at += 4;
                            let code = u32::from_str_radix(hex, 16).ok()?;
                            let c = char::from_u32(code).unwrap_or('\u{fffd}');
                            out.extend_from_slice(c.to_string().as_bytes());
                        }
                        other => out.push(other),
                    }
                }
                other => out.push(other),
            }
        }
    }

    /// An unquoted field name: letters, digits, `_` and `$`.
    fn bare_name(&mut self) -> Option<String> {
        let start = self.at;
        while self.at < self.bytes.len() && (self.bytes[self.at].is_ascii_alphanumeric() || matches!(self.bytes[self.at], b'_' | b'$')) {
            self.at += 1;
        }
        (self.at > start).then(|| String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned())
    }

    /// The whole text as one value, with nothing but space after it.
    pub fn document(mut self) -> Option<Value> {
        let value = self.value()?;
        self.skip_space();
        (self.at == self.bytes.len()).then_some(value)
    }

    /// The first value of the text and its text, whatever follows it: a JSON Lines record
    /// as Spark's `JacksonParser` reads it, which stops after the root value.
    pub fn leading_value(mut self) -> Option<(Value, &'a str)> {
        self.skip_space();
        let start = self.at;
        let value = self.value()?;
        Some((value, std::str::from_utf8(&self.bytes[start..self.at]).ok()?))
    }

    /// The elements of a top-level array with their text, for `multiLine` files.
    pub fn array_elements(mut self) -> Option<Vec<(Value, &'a str)>> {
        if !self.eat(b'[') {
            return None;
        }
        let mut elements = Vec::new();
        if self.eat(b']') {
            return Some(elements);
        }
        loop {
            self.skip_space();
            let start = self.at;
            let value = self.value()?;
            elements.push((value, std::str::from_utf8(&self.bytes[start..self.at]).ok()?));
            if self.eat(b']') {
                self.skip_space();
                return (self.at == self.bytes.len()).then_some(elements);
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }
}

impl Value {
    /// The value as compact JSON text, as Jackson's generator writes a copied value: no
    /// spaces, strings escaped, integers as written and other numbers as Java's
    /// `Double.toString` (Spark's `get_json_object` copies values this way).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(text) => out.push_str(&number_text(text)),
            Value::Text(text) => write_string(text, out),
            Value::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write(out);
                }
                out.push(']');
            }
            Value::Object(fields) => {
                out.push('{');
                for (i, (name, value)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(name, out);
                    out.push(':');
                    value.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// A number token as Jackson copies it: an integer keeps its digits, any other number is
/// read as a double and written by Java's `Double.toString`.
fn number_text(text: &str) -> String {
    if !text.contains(['.', 'e', 'E']) {
        return text.to_string();
    }
    text.parse::<f64>().map(java_double_string).unwrap_or_else(|_| text.to_string())
}

/// A string as a JSON string literal, escaped as Jackson escapes: `"` and `\`, the short
/// escapes for control characters that have one, `\u00XX` for the other control
/// characters; everything else as it is.
pub fn write_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
