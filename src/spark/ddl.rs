//! Spark's DDL for types and schemas (`"id INT, tags ARRAY<STRING> NOT NULL"`, `"decimal(10,2)"`),
//! the one parser both the Python `pyspark.sql.types` surface and the engines use. It
//! follows the type rules of Spark's SQL grammar (`SqlBaseParser`'s `dataType`,
//! `colTypeList` and `complexColTypeList`, as reached by `DataType.fromDDL` and
//! `StructType.fromDDL`) and returns the type in Spark's JSON form (`DataType.jsonValue`),
//! which is the Spark type model shared across the Python boundary.
use serde_json::{json, Map, Value};

use super::error::SparkError;

/// The largest decimal precision (`DecimalType.MAX_PRECISION`).
const MAX_DECIMAL_PRECISION: u64 = 38;

/// Reads a schema or a type as PySpark's `_parse_datatype_string` does: first as a table
/// schema (`"a INT, b STRING NOT NULL"`), then as one type (`"array<int>"`), then as the
/// fields of a struct (`"a: int, b: string"`). Empty text is an empty struct. When all
/// fail, the table schema's error is reported, as PySpark does.
pub fn parse_schema_or_type(text: &str) -> Result<Value, SparkError> {
    let tokens = tokenize(text);
    if tokens.len() == 1 {
        return Ok(json!({"type": "struct", "fields": []}));
    }
    Parser::new(&tokens).field_list().or_else(|first| {
        Parser::new(&tokens)
            .single_type()
            .or_else(|_| Parser::new(&tokenize(&format!("struct<{}>", text.trim()))).single_type())
            .map_err(|_| first)
    })
}

/// Reads one type (`Column.cast("array<int>")`, a UDF's return type).
pub fn parse_data_type(text: &str) -> Result<Value, SparkError> {
    Parser::new(&tokenize(text)).single_type()
}

/// A token of DDL text, with the text it was read from (for error messages).
#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// A word that is not all digits: a keyword, type name or field name.
    Word(String),
    /// A back-quoted identifier, its doubled back-quotes undone.
    Quoted(String),
    /// A quoted string literal, its escapes undone.
    Text(String),
    Number(u64),
    Punct(char),
    /// A character that starts no token (Spark's lexer's `UNRECOGNIZED`), or an unclosed quote.
    Unknown,
    End,
}

fn tokenize(text: &str) -> Vec<(Token, String)> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let token = if c == '`' {
            let mut name = String::new();
            let mut j = i + 1;
            let mut closed = false;
            while j < chars.len() {
                if chars[j] == '`' {
                    if chars.get(j + 1) == Some(&'`') {
                        name.push('`');
                        j += 2;
                        continue;
                    }
                    closed = true;
                    break;
                }
                name.push(chars[j]);
                j += 1;
            }
            if closed {
                i = j + 1;
                Token::Quoted(name)
            } else {
                i += 1;
                Token::Unknown
            }
        } else if c == '\'' || c == '"' {
            let mut value = String::new();
            let mut j = i + 1;
            let mut closed = false;
            while j < chars.len() {
                match chars[j] {
                    '\\' if j + 1 < chars.len() => {
                        value.push(unescape(chars[j + 1]));
                        j += 2;
                    }
                    '\\' => break,
                    quote if quote == c => {
                        closed = true;
                        break;
                    }
                    other => {
                        value.push(other);
                        j += 1;
                    }
                }
            }
            if closed {
                i = j + 1;
                Token::Text(value)
            } else {
                i += 1;
                Token::Unknown
            }
        } else if is_word_char(c) {
            while i < chars.len() && is_word_char(chars[i]) {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word.chars().all(|d| d.is_ascii_digit()) {
                Token::Number(word.parse().unwrap_or(u64::MAX))
            } else {
                Token::Word(word)
            }
        } else if "<>(),:".contains(c) {
            i += 1;
            Token::Punct(c)
        } else {
            i += 1;
            Token::Unknown
        };
        tokens.push((token, chars[start..i].iter().collect()));
    }
    tokens.push((Token::End, String::new()));
    tokens
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The character a backslash escape in a string literal stands for.
fn unescape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'b' => '\u{8}',
        'Z' => '\u{1a}',
        other => other,
    }
}

/// Spark's `PARSE_SYNTAX_ERROR` at a token (`error` is `'tok'` or `end of input`).
fn syntax_error(error: String, hint: String) -> SparkError {
    SparkError::spark(
        "ParseException",
        "PARSE_SYNTAX_ERROR",
        format!("Syntax error at or near {error}{hint}."),
        &[("error", error), ("hint", hint)],
    )
}

fn unsupported(keyword: &str) -> SparkError {
    let name = format!("\"{keyword}\"");
    SparkError::spark("ParseException", "UNSUPPORTED_DATATYPE", format!("Unsupported data type {name}."), &[("typeName", name)])
}

/// The Spark JSON name of the types written as a single keyword.
fn simple_type(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "BOOLEAN" => "boolean",
        "TINYINT" | "BYTE" => "byte",
        "SMALLINT" | "SHORT" => "short",
        "INT" | "INTEGER" => "integer",
        "BIGINT" | "LONG" => "long",
        "FLOAT" | "REAL" => "float",
        "DOUBLE" => "double",
        "DATE" => "date",
        "TIMESTAMP" | "TIMESTAMP_LTZ" => "timestamp",
        "TIMESTAMP_NTZ" => "timestamp_ntz",
        "BINARY" => "binary",
        "VOID" => "void",
        "VARIANT" => "variant",
        _ => return None,
    })
}

const DAY_TIME_UNITS: [&str; 4] = ["DAY", "HOUR", "MINUTE", "SECOND"];
const YEAR_MONTH_UNITS: [&str; 2] = ["YEAR", "MONTH"];

/// A recursive-descent reader over the tokens of one DDL text, after Spark's grammar
/// (`colTypeList`, `dataType`, `complexColTypeList`). Syntax errors name the token Spark's
/// parser names: inside `ARRAY<…>`, `MAP<…>`, `STRUCT<…>` and a type's `(…)`, the opening
/// bracket, where Spark's parser finds no viable alternative.
struct Parser<'a> {
    tokens: &'a [(Token, String)],
    position: usize,
    /// The first type name that is not a Spark type (`BLABLA(2,3)`): Spark's grammar reads
    /// any identifier as a type and rejects it once the whole text has parsed.
    unsupported: Option<String>,
}

impl<'a> Parser<'a> {
    fn new(tokens: &'a [(Token, String)]) -> Self {
        Parser { tokens, position: 0, unsupported: None }
    }

    fn peek(&self) -> &'a Token {
        &self.tokens[self.position].0
    }

    fn advance(&mut self) -> &'a Token {
        let token = &self.tokens[self.position].0;
        if *token != Token::End {
            self.position += 1;
        }
        token
    }

    /// The syntax error at the token at `index`.
    fn error_at(&self, index: usize, hint: &str) -> SparkError {
        let (token, text) = &self.tokens[index];
        let error = if *token == Token::End { "end of input".to_string() } else { format!("'{text}'") };
        syntax_error(error, hint.to_string())
    }

    fn error_here(&self) -> SparkError {
        self.error_at(self.position, "")
    }

    fn at_punct(&self, c: char) -> bool {
        *self.peek() == Token::Punct(c)
    }

    fn at_keyword(&self, keyword: &str) -> bool {
        matches!(self.peek(), Token::Word(word) if word.eq_ignore_ascii_case(keyword))
    }

    fn expect_punct(&mut self, c: char) -> Result<(), SparkError> {
        if self.at_punct(c) {
            self.advance();
            Ok(())
        } else {
            Err(self.error_here())
        }
    }

    fn expect_number(&mut self) -> Result<u64, SparkError> {
        match self.peek() {
            Token::Number(n) => {
                self.advance();
                Ok(*n)
            }
            _ => Err(self.error_here()),
        }
    }

    /// The end of the text. One stray token just before it is Spark's "extra input": any
    /// token after a single type, a symbol after a table schema (where a word could start
    /// more of the grammar, and Spark reports it without a hint).
    fn expect_end(&self, after_type: bool) -> Result<(), SparkError> {
        let stray = |token: &Token| after_type || matches!(token, Token::Punct(_) | Token::Unknown);
        match self.peek() {
            Token::End => match &self.unsupported {
                Some(name) => Err(unsupported(name)),
                None => Ok(()),
            },
            token if stray(token) && self.tokens[self.position + 1].0 == Token::End => {
                let hint = format!(": extra input '{}'", self.tokens[self.position].1);
                Err(self.error_at(self.position, &hint))
            }
            _ => Err(self.error_here()),
        }
    }

    /// A table schema: `name type [NOT NULL] [COMMENT 'text'], ...` (no colons).
    fn field_list(&mut self) -> Result<Value, SparkError> {
        let mut fields = vec![self.field(false)?];
        while self.at_punct(',') {
            self.advance();
            fields.push(self.field(false)?);
        }
        self.expect_end(false)?;
        Ok(json!({"type": "struct", "fields": fields}))
    }

    fn single_type(&mut self) -> Result<Value, SparkError> {
        let data_type = self.data_type()?;
        self.expect_end(true)?;
        Ok(data_type)
    }

    /// `name [:] type [NOT NULL] [COMMENT 'text']`; the colon only inside `STRUCT<…>`.
    fn field(&mut self, colon: bool) -> Result<Value, SparkError> {
        let name = match self.peek() {
            Token::Word(name) | Token::Quoted(name) => name.clone(),
            _ => return Err(self.error_here()),
        };
        self.advance();
        if colon && self.at_punct(':') {
            self.advance();
        }
        let data_type = self.data_type()?;
        let mut nullable = true;
        let mut metadata = Map::new();
        if self.at_keyword("NOT") {
            self.advance();
            if !self.at_keyword("NULL") {
                let missing = matches!(self.peek(), Token::End | Token::Punct(','));
                return Err(self.error_at(self.position, if missing { ": missing 'NULL'" } else { "" }));
            }
            self.advance();
            nullable = false;
        }
        if self.at_keyword("COMMENT") {
            self.advance();
            match self.peek() {
                Token::Text(comment) => {
                    metadata.insert("comment".into(), Value::String(comment.clone()));
                    self.advance();
                }
                _ => return Err(self.error_here()),
            }
        }
        Ok(json!({"name": name, "type": data_type, "nullable": nullable, "metadata": metadata}))
    }

    /// Reads what follows a type keyword with `read`; a syntax error inside is reported at
    /// the bracket after the keyword (`opening`), as Spark's parser reports it.
    fn bracketed(&mut self, read: impl FnOnce(&mut Self) -> Result<Value, SparkError>) -> Result<Value, SparkError> {
        let opening = self.position;
        read(self).map_err(|error| if error.condition.as_deref() == Some("PARSE_SYNTAX_ERROR") { self.error_at(opening, "") } else { error })
    }

    /// An optional `(n, m, ...)` after a type name.
    fn numbers(&mut self) -> Result<Vec<u64>, SparkError> {
        let mut numbers = Vec::new();
        if self.at_punct('(') {
            self.advance();
            numbers.push(self.expect_number()?);
            while self.at_punct(',') {
                self.advance();
                numbers.push(self.expect_number()?);
            }
            self.expect_punct(')')?;
        }
        Ok(numbers)
    }

    fn data_type(&mut self) -> Result<Value, SparkError> {
        let keyword = match self.peek() {
            Token::Word(word) => word.to_uppercase(),
            _ => return Err(self.error_here()),
        };
        self.advance();
        if let Some(name) = simple_type(&keyword) {
            return Ok(Value::String(name.into()));
        }
        match keyword.as_str() {
            "STRING" => {
                if !self.at_keyword("COLLATE") {
                    return Ok("string".into());
                }
                self.advance();
                let collation = match self.peek() {
                    Token::Word(name) | Token::Quoted(name) => name.to_uppercase(),
                    _ => return Err(self.error_here()),
                };
                self.advance();
                Ok(if collation == "UTF8_BINARY" { "string".into() } else { format!("string collate {collation}").into() })
            }
            // CHAR(n) and VARCHAR(n) are STRING in DataFrame schemas.
            "CHAR" | "CHARACTER" | "VARCHAR" => {
                if !self.at_punct('(') {
                    let name = format!("\"{keyword}\"");
                    return Err(SparkError::spark(
                        "ParseException",
                        "DATATYPE_MISSING_SIZE",
                        format!("DataType {name} requires a length parameter, for example {name}(10). Please specify the length."),
                        &[("type", name)],
                    ));
                }
                self.bracketed(|p| {
                    p.advance();
                    p.expect_number()?;
                    p.expect_punct(')')?;
                    Ok("string".into())
                })
            }
            "DECIMAL" | "DEC" | "NUMERIC" => self.bracketed(|p| {
                let (mut precision, mut scale) = (10, 0);
                if p.at_punct('(') {
                    p.advance();
                    precision = p.expect_number()?;
                    if p.at_punct(',') {
                        p.advance();
                        scale = p.expect_number()?;
                    }
                    p.expect_punct(')')?;
                    if precision > MAX_DECIMAL_PRECISION {
                        return Err(SparkError::spark(
                            "ArithmeticException",
                            "DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION",
                            format!("Decimal precision {precision} exceeds max precision {MAX_DECIMAL_PRECISION}."),
                            &[("precision", precision.to_string()), ("maxPrecision", MAX_DECIMAL_PRECISION.to_string())],
                        ));
                    }
                }
                Ok(format!("decimal({precision},{scale})").into())
            }),
            "TIME" => self.bracketed(|p| {
                let mut precision = 6;
                if p.at_punct('(') {
                    p.advance();
                    precision = p.expect_number()?;
                    p.expect_punct(')')?;
                }
                Ok(format!("time({precision})").into())
            }),
            "INTERVAL" => self.interval(),
            "ARRAY" => self.bracketed(|p| {
                p.expect_punct('<')?;
                let element = p.data_type()?;
                p.expect_punct('>')?;
                Ok(json!({"type": "array", "elementType": element, "containsNull": true}))
            }),
            "MAP" => self.bracketed(|p| {
                p.expect_punct('<')?;
                let key = p.data_type()?;
                p.expect_punct(',')?;
                let value = p.data_type()?;
                p.expect_punct('>')?;
                Ok(json!({"type": "map", "keyType": key, "valueType": value, "valueContainsNull": true}))
            }),
            "STRUCT" => self.bracketed(|p| {
                p.expect_punct('<')?;
                let mut fields = Vec::new();
                if !p.at_punct('>') {
                    fields.push(p.field(true)?);
                    while p.at_punct(',') {
                        p.advance();
                        fields.push(p.field(true)?);
                    }
                }
                p.expect_punct('>')?;
                Ok(json!({"type": "struct", "fields": fields}))
            }),
            _ => {
                let numbers = self.numbers()?;
                let mut name = keyword;
                if !numbers.is_empty() {
                    name = format!("{name}({})", numbers.iter().map(u64::to_string).collect::<Vec<_>>().join(","));
                }
                self.unsupported.get_or_insert(name);
                Ok(Value::Null)
            }
        }
    }

    /// `INTERVAL` alone (calendar interval), or an ANSI interval `INTERVAL start [TO end]`
    /// whose units are both year-month or both day-time, in order.
    fn interval(&mut self) -> Result<Value, SparkError> {
        let unit = |token: &Token| match token {
            Token::Word(word) => Some(word.to_uppercase()),
            _ => None,
        };
        let start = match unit(self.peek()) {
            Some(start) if DAY_TIME_UNITS.contains(&start.as_str()) || YEAR_MONTH_UNITS.contains(&start.as_str()) => start,
            _ => return Ok("calendarinterval".into()),
        };
        self.advance();
        let mut end = start.clone();
        let to = self.position;
        if self.at_keyword("TO") {
            self.advance();
            end = unit(self.peek()).ok_or_else(|| self.error_here())?;
            self.advance();
        }
        let rank = |units: &[&str], unit: &str| units.iter().position(|u| *u == unit);
        for units in [&YEAR_MONTH_UNITS[..], &DAY_TIME_UNITS[..]] {
            if let (Some(s), Some(e)) = (rank(units, &start), rank(units, &end)) {
                if s <= e {
                    let start = start.to_lowercase();
                    return Ok(if s == e { format!("interval {start}") } else { format!("interval {start} to {}", end.to_lowercase()) }.into());
                }
            }
        }
        Err(self.error_at(to, ""))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(text: &str) -> Value {
        parse_schema_or_type(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn field(name: &str, data_type: Value, nullable: bool) -> Value {
        json!({"name": name, "type": data_type, "nullable": nullable, "metadata": {}})
    }

    fn array(element: Value) -> Value {
        json!({"type": "array", "elementType": element, "containsNull": true})
    }

    fn map(key: Value, value: Value) -> Value {
        json!({"type": "map", "keyType": key, "valueType": value, "valueContainsNull": true})
    }

    fn condition(text: &str) -> String {
        parse_schema_or_type(text).unwrap_err().condition.unwrap()
    }

    #[test]
    fn reads_single_types_with_spark_aliases() {
        for (text, expected) in [
            ("int", json!("integer")),
            ("LONG", json!("long")),
            ("real", json!("float")),
            ("timestamp_ltz", json!("timestamp")),
            ("varchar(10)", json!("string")),
            ("decimal", json!("decimal(10,0)")),
            ("DECIMAL(  16 , 8   )", json!("decimal(16,8)")),
            ("dec(5)", json!("decimal(5,0)")),
            ("time", json!("time(6)")),
            ("interval day to second", json!("interval day to second")),
            ("interval month", json!("interval month")),
            ("interval", json!("calendarinterval")),
            ("string collate unicode", json!("string collate UNICODE")),
            ("string collate utf8_binary", json!("string")),
            ("ARRAY< short>", array(json!("short"))),
            (" map<string , array<int> > ", map(json!("string"), array(json!("integer")))),
            ("struct<>", json!({"type": "struct", "fields": []})),
        ] {
            assert_eq!(single(text), expected, "{text}");
        }
    }

    #[test]
    fn reads_field_lists_and_nested_structs() {
        assert_eq!(single(""), json!({"type": "struct", "fields": []}));
        assert_eq!(
            single("a: byte, `weird ``name`` ` decimal(16,8) NOT NULL"),
            json!({"type": "struct", "fields": [field("a", json!("byte"), true), field("weird `name` ", json!("decimal(16,8)"), false)]})
        );
        assert_eq!(
            single("int int, s struct<b: array<int>, c string not null>"),
            json!({"type": "struct", "fields": [
                field("int", json!("integer"), true),
                field("s", json!({"type": "struct", "fields": [field("b", array(json!("integer")), true), field("c", json!("string"), false)]}), true)
            ]})
        );
        assert_eq!(single("a int COMMENT 'the \\'id\\''")["fields"][0]["metadata"], json!({"comment": "the 'id'"}));
    }

    /// The error PySpark 4.3.0's `_parse_datatype_string` raised for each text, recorded
    /// from a real PySpark run: (text, condition, the `error` parameter, the `hint`).
    #[test]
    fn reports_the_errors_pyspark_reports() {
        for (text, error, hint) in [
            ("blabla", "end of input", ""),
            ("a: int,", "':'", ""),
            ("array<int", "'<'", ""),
            ("map<int, boolean>>", "'<'", ""),
            ("a int b", "'b'", ""),
            ("struct<a int", "'<'", ""),
            ("a int,, b int", "','", ""),
            ("map<int>", "'<'", ""),
            ("a int $", "'$'", ": extra input '$'"),
            ("`unterminated int", "'`'", ""),
            ("decimal(10,", "'('", ""),
            ("1 int", "'1'", ""),
            ("interval second to day", "'to'", ""),
            ("interval year to day", "'to'", ""),
            ("blabla(3)", "'('", ""),
            ("a int not", "end of input", ": missing 'NULL'"),
            ("a int comment 5", "'5'", ""),
            ("a map<int,string", "'<'", ""),
            ("x 'str'", "''str''", ""),
            ("struct<a:int,>", "'<'", ""),
            ("a int comment 'x' not null", "'not'", ""),
            ("array<blah<int>>", "'<'", ""),
        ] {
            let e = parse_schema_or_type(text).unwrap_err();
            assert_eq!((e.class.as_str(), e.condition.as_deref()), ("ParseException", Some("PARSE_SYNTAX_ERROR")), "{text}");
            assert_eq!((e.parameters["error"].as_str(), e.parameters["hint"].as_str()), (error, hint), "{text}");
        }
        let unsupported = parse_schema_or_type("a blabla(2,3) not null").unwrap_err();
        assert_eq!(unsupported.to_string(), "[UNSUPPORTED_DATATYPE] Unsupported data type \"BLABLA(2,3)\".");
        let precision = parse_schema_or_type("a decimal(39, 2)").unwrap_err();
        assert_eq!((precision.class.as_str(), precision.condition.as_deref()), ("ArithmeticException", Some("DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION")));
        assert_eq!(precision.to_string(), "[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 39 exceeds max precision 38.");
        assert_eq!(condition("a varchar"), "DATATYPE_MISSING_SIZE");
        // As `Column.cast` reads its type (recorded from PySpark 4.3.0).
        assert_eq!(parse_data_type("array<int").unwrap_err().parameters["error"], "'<'");
        let extra = parse_data_type("a int").unwrap_err();
        assert_eq!((extra.parameters["error"].as_str(), extra.parameters["hint"].as_str()), ("'int'", ": extra input 'int'"));
        assert_eq!(parse_data_type("blabla").unwrap_err().condition.as_deref(), Some("UNSUPPORTED_DATATYPE"));
    }
}
