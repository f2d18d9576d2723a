//! Spark's JSON data source (`spark.read.json`): records are JSON lines, or with
//! `multiLine` one document per file (an array gives a record per element). The schema is
//! inferred as Spark's `JsonInferSchema` does (fields sorted by name; integers are bigints,
//! or `decimal(n,0)` past 19 digits; `prefersDecimal`, `primitivesAsString`), and records
//! are decoded by arrow-json with that schema. Malformed records follow the `mode` option
//! (Spark's `ParseMode`): PERMISSIVE keeps them as NULL fields with the text in
//! `_corrupt_record` (and the fields that did parse), DROPMALFORMED drops them, FAILFAST
//! raises `MALFORMED_RECORD_IN_PARSING`.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::{new_null_array, ArrayRef, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef};
use datafusion::arrow::json::ReaderBuilder;

use super::error::{EngineError, ErrorClass, Result};
use super::json_value::{Parser, Value};
use super::io_read::{failed_read, flag, option, ParseMode};

/// The reader options Spark's JSON source honours here.
pub(crate) struct Options {
    mode: ParseMode,
    multi_line: bool,
    prefers_decimal: bool,
    primitives_as_string: bool,
    corrupt_column: String,
    /// `allowComments`: Java and C comments are read as white space.
    allow_comments: bool,
    /// `encoding` / `charset` (`charsets::charset`).
    charset: String,
}

impl Options {
    pub(crate) fn from(options: &BTreeMap<String, String>) -> Result<Options> {
        let get = |key: &str| option(options, key);
        let flag = |key: &str| flag(options, key);
        let mode = ParseMode::from_options(options);
        Ok(Options {
            mode,
            multi_line: flag("multiLine"),
            prefers_decimal: flag("prefersDecimal"),
            primitives_as_string: flag("primitivesAsString"),
            corrupt_column: get("columnNameOfCorruptRecord").unwrap_or("_corrupt_record").to_string(),
            allow_comments: flag("allowComments"),
            charset: super::charsets::charset(options, "JSONOptionsInRead")?,
        })
    }
}

/// One record of a file: its parsed value, or `None` when malformed, and its text.
type Record = (Option<Value>, String);

/// The records of one file's text.
fn records(text: &str, multi_line: bool) -> Vec<Record> {
    if !multi_line {
        return text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| match Parser::new(line).leading_value() {
                // Text after the value (`{"a": 1} // note`) is not part of the record.
                Some((value, read)) if read.trim() != line.trim() => (Some(value), read.to_string()),
                Some((value, _)) => (Some(value), line.to_string()),
                None => (None, line.to_string()),
            })
            .collect();
    }
    if text.trim().is_empty() {
        return Vec::new();
    }
    if let Some(elements) = Parser::new(text).array_elements() {
        return elements.into_iter().map(|(value, raw)| (Some(value), raw.to_string())).collect();
    }
    vec![(Parser::new(text).document(), text.to_string())]
}

/// `text` with its `/* ... */` and `// ...` comments outside strings turned into spaces
/// (line breaks kept, so that records stay on their lines), as Jackson's `ALLOW_COMMENTS`
/// skips them.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if c == '\\' {
                if let Some(escaped) = chars.next() {
                    out.push(escaped);
                }
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match (c, chars.peek()) {
            ('"', _) => {
                in_string = true;
                out.push(c);
            }
            ('/', Some('/')) => {
                while let Some(&next) = chars.peek() {
                    if next == '\n' || next == '\r' {
                        break;
                    }
                    chars.next();
                }
                out.push(' ');
            }
            ('/', Some('*')) => {
                chars.next();
                let mut previous = ' ';
                for next in chars.by_ref() {
                    if previous == '*' && next == '/' {
                        break;
                    }
                    out.push(if next == '\n' || next == '\r' { next } else { ' ' });
                    previous = next;
                }
                out.push(' ');
            }
            _ => out.push(c),
        }
    }
    out
}

/// The type of one JSON value (Spark's `JsonInferSchema.inferField`); `Null` for null.
pub(crate) fn infer(value: &Value, options: &Options) -> DataType {
    match value {
        Value::Null => DataType::Null,
        _ if options.primitives_as_string && !matches!(value, Value::Array(_) | Value::Object(_)) => DataType::Utf8,
        Value::Bool(_) => DataType::Boolean,
        Value::Text(_) => DataType::Utf8,
        Value::Number(text) => number_type(text, options.prefers_decimal),
        Value::Array(items) => {
            let element = items.iter().map(|v| infer(v, options)).fold(DataType::Null, |a, b| merge(&a, &b));
            DataType::List(Arc::new(Field::new_list_field(element, true)))
        }
        Value::Object(fields) => {
            let mut merged: BTreeMap<&str, DataType> = BTreeMap::new();
            for (name, value) in fields {
                let data_type = infer(value, options);
                let entry = merged.entry(name).or_insert(DataType::Null);
                *entry = merge(entry, &data_type);
            }
            DataType::Struct(merged.into_iter().map(|(name, t)| Field::new(name, t, true)).collect::<Fields>())
        }
    }
}

/// A number's type: a bigint when it fits, else `decimal(digits, 0)` up to 38 digits, for
/// an integer; a double, or with `prefersDecimal` the decimal of its digits, otherwise.
fn number_type(text: &str, prefers_decimal: bool) -> DataType {
    let digits = text.trim_start_matches('-');
    let integral = !digits.contains(['.', 'e', 'E']);
    if integral {
        if text.parse::<i64>().is_ok() {
            return DataType::Int64;
        }
        let precision = digits.trim_start_matches('0').len().max(1);
        return if precision <= 38 { DataType::Decimal128(precision as u8, 0) } else { DataType::Float64 };
    }
    if prefers_decimal && !digits.contains(['e', 'E']) {
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let whole = whole.trim_start_matches('0');
        let scale = fraction.len();
        // Java's BigDecimal precision: the digits of the unscaled value.
        let unscaled = format!("{whole}{fraction}");
        let precision = unscaled.trim_start_matches('0').len().max(1);
        let precision = precision.max(scale);
        if precision <= 38 {
            return DataType::Decimal128(precision as u8, scale as i8);
        }
    }
    DataType::Float64
}

/// Two inferred types merged (Spark's `JsonInferSchema.compatibleType`).
fn merge(left: &DataType, right: &DataType) -> DataType {
    use DataType::*;
    match (left, right) {
        (a, b) if a == b => a.clone(),
        (Null, t) | (t, Null) => t.clone(),
        (Int64, Float64) | (Float64, Int64) | (Decimal128(..), Float64) | (Float64, Decimal128(..)) => Float64,
        (Int64, Decimal128(..)) => merge(&Decimal128(20, 0), right),
        (Decimal128(..), Int64) => merge(left, &Decimal128(20, 0)),
        (Decimal128(p1, s1), Decimal128(p2, s2)) => {
            let scale = (*s1).max(*s2) as i32;
            let range = (*p1 as i32 - *s1 as i32).max(*p2 as i32 - *s2 as i32);
            if range + scale > 38 {
                Float64
            } else {
                Decimal128((range + scale) as u8, scale as i8)
            }
        }
        (Struct(a), Struct(b)) => {
            let mut merged: BTreeMap<String, DataType> = BTreeMap::new();
            for field in a.iter().chain(b.iter()) {
                let entry = merged.entry(field.name().clone()).or_insert(Null);
                *entry = merge(entry, field.data_type());
            }
            Struct(merged.into_iter().map(|(name, t)| Field::new(name, t, true)).collect::<Fields>())
        }
        (List(a), List(b)) => List(Arc::new(Field::new_list_field(merge(a.data_type(), b.data_type()), true))),
        _ => Utf8,
    }
}

/// The inferred type as Spark leaves it (`canonicalizeType`): NULL-only fields are
/// strings, structs without fields are dropped.
fn canonical(data_type: &DataType) -> Option<DataType> {
    match data_type {
        DataType::Null => Some(DataType::Utf8),
        DataType::List(element) => Some(DataType::List(Arc::new(Field::new_list_field(canonical(element.data_type())?, true)))),
        DataType::Struct(fields) => {
            let kept: Vec<Field> = fields.iter().filter_map(|f| Some(Field::new(f.name(), canonical(f.data_type())?, true))).collect();
            (!kept.is_empty()).then(|| DataType::Struct(kept.into()))
        }
        other => Some(other.clone()),
    }
}

fn malformed_in_inference(corrupt_column: &str) -> EngineError {
    EngineError::spark(
        ErrorClass::Runtime,
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        format!("Malformed records are detected in record parsing: {corrupt_column}.\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'. "),
        &[("badRecord", corrupt_column.to_string()), ("failFastMode", "FAILFAST".to_string())],
    )
}

/// The schema Spark infers from the records.
fn infer_schema(records: &[(PathBuf, Vec<Record>)], options: &Options) -> Result<Schema> {
    let mut merged = DataType::Struct(Fields::empty());
    let mut corrupt = false;
    for (_, file_records) in records {
        for (value, _) in file_records {
            match value {
                Some(value @ Value::Object(_)) => merged = merge(&merged, &infer(value, options)),
                // Spark reads a top-level array of objects as one record per object.
                Some(Value::Array(items)) if items.iter().all(|i| matches!(i, Value::Object(_))) => {
                    for item in items {
                        merged = merge(&merged, &infer(item, options));
                    }
                }
                _ if options.mode == ParseMode::FailFast => return Err(malformed_in_inference(&options.corrupt_column)),
                _ => corrupt = true,
            }
        }
    }
    let mut fields: Vec<Field> = match canonical(&merged) {
        Some(DataType::Struct(fields)) => fields.iter().map(|f| f.as_ref().clone()).collect(),
        _ => Vec::new(),
    };
    if corrupt && options.mode == ParseMode::Permissive && !fields.iter().any(|f| f.name() == &options.corrupt_column) {
        fields.push(Field::new(&options.corrupt_column, DataType::Utf8, true));
        fields.sort_by(|a, b| a.name().cmp(b.name()));
    }
    Ok(Schema::new(fields))
}

/// The records decoded with `schema` as one batch, or `None` when a value does not fit
/// its field. The decoder's batch holds every record: Arrow's decoder stops taking input
/// when its batch is full (1,024 rows by default), which had dropped the rest of a file.
pub(crate) fn decode(schema: &SchemaRef, texts: &[&str]) -> Option<RecordBatch> {
    let mut decoder = ReaderBuilder::new(schema.clone()).with_coerce_primitive(true).with_batch_size(texts.len().max(1)).build_decoder().ok()?;
    for text in texts {
        let consumed = decoder.decode(text.as_bytes()).ok()?;
        if consumed < text.len() || decoder.decode(b"\n").ok()? < 1 {
            return None;
        }
    }
    let batch = decoder.flush().ok()??;
    (batch.num_rows() == texts.len()).then_some(batch)
}

/// A record whose values do not all fit the schema: the fields that do, NULL elsewhere
/// (Spark's partial results in PERMISSIVE mode).
pub(crate) fn decode_partial(schema: &SchemaRef, text: &str) -> Result<RecordBatch> {
    let columns: Vec<ArrayRef> = schema
        .fields()
        .iter()
        .map(|field| {
            let single = Arc::new(Schema::new(vec![field.as_ref().clone()]));
            match decode(&single, &[text]) {
                Some(batch) if batch.num_rows() == 1 => batch.column(0).clone(),
                _ => new_null_array(field.data_type(), 1),
            }
        })
        .collect();
    Ok(RecordBatch::try_new(schema.clone(), columns).map_err(datafusion::error::DataFusionError::from)?)
}

/// The records of each file.
fn read_records(files: &[(PathBuf, Vec<(String, String)>)], options: &Options) -> Result<Vec<(PathBuf, Vec<Record>)>> {
    let mut all = Vec::with_capacity(files.len());
    for (file, _) in files {
        let content = super::io_read::read_data_file(file)?;
        let text = super::charsets::decode(&content, &options.charset);
        let text = if options.allow_comments { without_comments(&text) } else { text };
        all.push((file.clone(), records(&text, options.multi_line)));
    }
    Ok(all)
}

/// The schema of a JSON read: the user's, every field nullable, or the one Spark infers
/// from the files.
pub fn schema(files: &[(PathBuf, Vec<(String, String)>)], options: &BTreeMap<String, String>, given: Option<Schema>) -> Result<Schema> {
    let options = Options::from(options)?;
    match given {
        Some(schema) => Ok(Schema::new(schema.fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect::<Vec<_>>())),
        None => infer_schema(&read_records(files, &options)?, &options),
    }
}

/// Reads JSON files into batches of `schema` (from `schema`), one list per file.
pub fn read(files: &[(PathBuf, Vec<(String, String)>)], options: &BTreeMap<String, String>, schema: &Schema) -> Result<Vec<Vec<RecordBatch>>> {
    let options = Options::from(options)?;
    let all = read_records(files, &options)?;
    let corrupt_at = schema.index_of(&options.corrupt_column).ok().filter(|i| schema.field(*i).data_type() == &DataType::Utf8);
    let data_schema: SchemaRef = Arc::new(Schema::new(schema.fields().iter().enumerate().filter(|(i, _)| Some(*i) != corrupt_at).map(|(_, f)| f.as_ref().clone()).collect::<Vec<_>>()));
    let mut batches = Vec::with_capacity(all.len());
    for (file, records) in &all {
        // Each record's text as decoded (a top-level array of objects is one record per
        // object) with the text Spark keeps for `_corrupt_record`.
        let mut texts: Vec<(Option<String>, &str)> = Vec::new();
        for (value, raw) in records {
            match value {
                Some(Value::Object(_)) => texts.push((Some(raw.clone()), raw)),
                Some(Value::Array(items)) if items.iter().all(|i| matches!(i, Value::Object(_))) => {
                    let elements = Parser::new(raw).array_elements().unwrap_or_default();
                    texts.extend(elements.into_iter().map(|(_, text)| (Some(text.to_string()), text)));
                }
                _ => texts.push((None, raw)),
            }
        }
        let mut rows: Vec<RecordBatch> = Vec::new();
        let mut corrupt: Vec<Option<String>> = Vec::new();
        let good: Vec<&str> = texts.iter().filter_map(|(t, _)| t.as_deref()).collect();
        let whole = if good.len() == texts.len() { decode(&data_schema, &good) } else { None };
        match whole {
            Some(batch) => {
                corrupt.extend(std::iter::repeat_n(None, batch.num_rows()));
                rows.push(batch);
            }
            None => {
                for (text, raw) in &texts {
                    let decoded = text.as_deref().and_then(|t| decode(&data_schema, &[t]));
                    match (decoded, options.mode) {
                        (Some(batch), _) => {
                            corrupt.push(None);
                            rows.push(batch);
                        }
                        (None, ParseMode::DropMalformed) => {}
                        (None, ParseMode::FailFast) => return Err(failed_read(file)),
                        (None, ParseMode::Permissive) => {
                            corrupt.push(Some(raw.to_string()));
                            rows.push(match text {
                                Some(text) => decode_partial(&data_schema, text)?,
                                None => decode(&data_schema, &["{}"]).ok_or_else(|| EngineError::internal("an empty JSON record does not decode"))?,
                            });
                        }
                    }
                }
            }
        }
        let data = datafusion::arrow::compute::concat_batches(&data_schema, &rows).map_err(datafusion::error::DataFusionError::from)?;
        let mut columns = data.columns().to_vec();
        if let Some(at) = corrupt_at {
            columns.insert(at, Arc::new(StringArray::from(corrupt)));
        }
        let batch = RecordBatch::try_new(Arc::new(schema.clone()), columns).map_err(datafusion::error::DataFusionError::from)?;
        batches.push(vec![batch]);
    }
    Ok(batches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_become_white_space_outside_strings() {
        let text = "{\"a\": 1 /* one */}\n// whole line\n{\"b\": \"x//y\"} // two\n";
        let stripped = without_comments(text);
        assert_eq!(stripped.lines().count(), 3);
        assert_eq!(stripped.split_whitespace().collect::<String>(), "{\"a\":1}{\"b\":\"x//y\"}");
    }

    fn options(pairs: &[(&str, &str)]) -> Options {
        Options::from(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap_or_else(|_| panic!("options"))
    }

    #[test]
    fn every_record_of_a_large_file_is_decoded() {
        let schema: SchemaRef = Arc::new(Schema::new(vec![Field::new("id", DataType::Int64, true)]));
        let texts: Vec<String> = (0..5000).map(|i| format!("{{\"id\":{i}}}")).collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let batch = decode(&schema, &texts).unwrap();
        assert_eq!(batch.num_rows(), 5000);
    }

    #[test]
    fn infers_spark_number_types() {
        assert_eq!(number_type("9223372036854775807", false), DataType::Int64);
        assert_eq!(number_type("12345678901234567890", false), DataType::Decimal128(20, 0));
        assert_eq!(number_type("1.25", false), DataType::Float64);
        assert_eq!(number_type("1.25", true), DataType::Decimal128(3, 2));
        assert_eq!(number_type("0.5", true), DataType::Decimal128(1, 1));
        assert_eq!(merge(&DataType::Decimal128(3, 2), &DataType::Decimal128(3, 1)), DataType::Decimal128(4, 2));
        assert_eq!(merge(&DataType::Int64, &DataType::Utf8), DataType::Utf8);
    }

    #[test]
    fn infers_sorted_fields_and_marks_malformed_records() -> Result<()> {
        let text = "{\"b\": 1, \"a\": [\"x\"]}\n{\"b\": 2.5, \"c\": null}\n{\"b\": \n";
        let schema = infer_schema(&[(PathBuf::from("f"), records(text, false))], &options(&[]))?;
        let names: Vec<String> = schema.fields().iter().map(|f| format!("{}:{}", f.name(), f.data_type())).collect();
        assert_eq!(names, ["_corrupt_record:Utf8", "a:List(Utf8)", "b:Float64", "c:Utf8"]);
        assert!(infer_schema(&[(PathBuf::from("f"), records(text, false))], &options(&[("mode", "FAILFAST")])).is_err());
        Ok(())
    }
}
