//! Spark's XML data source (`spark.read.xml`, `DataFrame.write.xml`), after Spark's
//! `XmlInferSchema` and `StaxXmlGenerator`: each element named by the `rowTag` option is a
//! row. Its attributes become fields named with `attributePrefix` (`_`), its child
//! elements fields of their names (an element met more than once an array), and text
//! beside them the `valueTag` field (`_VALUE`). Values are inferred as the narrowest of
//! bigint, double, boolean, date, timestamp and string, merged across rows; fields are
//! sorted by name. Records are decoded by arrow-json from the JSON each row is turned
//! into. Documents are parsed with `sxd-document`.
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef};
use serde_json::Value;
use sxd_document::dom::{ChildOfElement, ChildOfRoot, Element};

use super::error::{EngineError, Result};
use super::io_read::option;

/// The options of the XML source.
struct Options {
    row_tag: String,
    attribute_prefix: String,
    value_tag: String,
}

impl Options {
    fn from(options: &BTreeMap<String, String>) -> Result<Options> {
        let row_tag = option(options, "rowTag").filter(|t| !t.trim().is_empty()).ok_or_else(row_tag_missing)?;
        Ok(Options {
            row_tag: row_tag.trim().to_string(),
            attribute_prefix: option(options, "attributePrefix").unwrap_or("_").to_string(),
            value_tag: option(options, "valueTag").unwrap_or("_VALUE").to_string(),
        })
    }
}

/// Spark's error when `rowTag` is not given.
pub fn row_tag_missing() -> EngineError {
    EngineError::analysis("XML_ROW_TAG_MISSING", "`rowTag` option is required for reading/writing files in XML format.".to_string(), &[("rowTag", "`rowTag`".to_string())])
}

/// An inferred type; `Empty` is an element without content, a string unless another row
/// says more.
#[derive(Clone, Debug, PartialEq)]
enum Inferred {
    Empty,
    Long,
    Double,
    Boolean,
    Date,
    Timestamp,
    String,
    Array(Box<Inferred>),
    Struct(BTreeMap<String, Inferred>),
}

fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok().filter(|_| text.len() == 10)
}

/// A timestamp's instant in microseconds: with an offset as written, without one in the
/// session time zone.
fn parse_timestamp(text: &str) -> Option<i64> {
    if let Ok(zoned) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(zoned.timestamp_micros());
    }
    let local = ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"].iter().find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())?;
    // Local wall-clock microseconds, then the instant they are in the session zone.
    let micros = local.and_utc().timestamp_micros();
    Some(crate::spark::session_zone::current().to_instant(micros))
}

/// The narrowest type of one text value: the CSV source's value inference (the same
/// ladder in Spark), except that XML's integers are all bigint.
fn infer_text(text: &str) -> Inferred {
    use super::io_read::csv_inference::{infer_value, Inferred as Value};
    let text = text.trim();
    if text.is_empty() {
        return Inferred::Empty;
    }
    match infer_value(text) {
        Value::Null => Inferred::Empty,
        Value::Integer | Value::Long => Inferred::Long,
        Value::Double => Inferred::Double,
        Value::Boolean => Inferred::Boolean,
        Value::Date => Inferred::Date,
        Value::Timestamp => Inferred::Timestamp,
        Value::String => Inferred::String,
    }
}

/// Spark's `compatibleType` for XML: numbers widen to double, dates to timestamps, an
/// element seen once and more than once to an array, a value beside a struct to the
/// struct's value field, and anything else to string.
fn merge(a: Inferred, b: Inferred, value_tag: &str) -> Inferred {
    use Inferred::*;
    match (a, b) {
        (a, b) if a == b => a,
        (Empty, other) | (other, Empty) => other,
        (Long, Double) | (Double, Long) => Double,
        (Date, Timestamp) | (Timestamp, Date) => Timestamp,
        (Array(a), Array(b)) => Array(Box::new(merge(*a, *b, value_tag))),
        (Array(a), b) | (b, Array(a)) => Array(Box::new(merge(*a, b, value_tag))),
        (Struct(mut a), Struct(b)) => {
            for (name, kind) in b {
                let merged = match a.remove(&name) {
                    Some(existing) => merge(existing, kind, value_tag),
                    None => kind,
                };
                a.insert(name, merged);
            }
            Struct(a)
        }
        (Struct(mut fields), other) | (other, Struct(mut fields)) => {
            let merged = match fields.remove(value_tag) {
                Some(existing) => merge(existing, other, value_tag),
                None => other,
            };
            fields.insert(value_tag.to_string(), merged);
            Struct(fields)
        }
        _ => String,
    }
}

/// An element's direct text, its child elements and its attributes.
fn parts<'d>(element: Element<'d>) -> (String, Vec<Element<'d>>) {
    let mut text = String::new();
    let mut children = Vec::new();
    for child in element.children() {
        match child {
            ChildOfElement::Element(e) => children.push(e),
            ChildOfElement::Text(t) => text.push_str(t.text()),
            _ => {}
        }
    }
    (text, children)
}

fn infer_element(element: Element<'_>, options: &Options) -> Inferred {
    let (text, children) = parts(element);
    let attributes = element.attributes();
    if children.is_empty() && attributes.is_empty() {
        return infer_text(&text);
    }
    let mut fields: BTreeMap<String, Inferred> = BTreeMap::new();
    for attribute in attributes {
        fields.insert(format!("{}{}", options.attribute_prefix, attribute.name().local_part()), infer_text(attribute.value()));
    }
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for child in &children {
        let name = child.name().local_part().to_string();
        let kind = infer_element(*child, options);
        let count = seen.entry(name.clone()).or_insert(0);
        *count += 1;
        let merged = match fields.remove(&name) {
            None => kind,
            Some(Inferred::Array(inner)) if *count > 2 => Inferred::Array(Box::new(merge(*inner, kind, &options.value_tag))),
            Some(existing) => Inferred::Array(Box::new(merge(existing, kind, &options.value_tag))),
        };
        fields.insert(name, merged);
    }
    if !text.trim().is_empty() {
        fields.insert(options.value_tag.clone(), infer_text(&text));
    }
    Inferred::Struct(fields)
}

fn arrow_type(kind: &Inferred) -> DataType {
    match kind {
        Inferred::Empty | Inferred::String => DataType::Utf8,
        Inferred::Long => DataType::Int64,
        Inferred::Double => DataType::Float64,
        Inferred::Boolean => DataType::Boolean,
        Inferred::Date => DataType::Date32,
        Inferred::Timestamp => crate::engine::local::types::timestamp_type(),
        Inferred::Array(inner) => DataType::List(Arc::new(Field::new_list_field(arrow_type(inner), true))),
        Inferred::Struct(fields) => DataType::Struct(fields.iter().map(|(name, kind)| Field::new(name, arrow_type(kind), true)).collect::<Fields>()),
    }
}

/// The row elements of one document, in document order.
fn rows<'d>(root: Element<'d>, row_tag: &str, found: &mut Vec<Element<'d>>) {
    if root.name().local_part() == row_tag {
        found.push(root);
        return;
    }
    for child in root.children() {
        if let ChildOfElement::Element(e) = child {
            rows(e, row_tag, found);
        }
    }
}

/// Parses a file, wrapping its content in a root so that a file of bare row elements
/// (one per line, as `xml(rdd)` writes) is one document.
fn parse_file(file: &PathBuf) -> Result<sxd_document::Package> {
    let content = super::io_read::read_data_file(file)?;
    let text = String::from_utf8_lossy(&content);
    let body = match text.trim_start().strip_prefix("<?xml") {
        Some(rest) => rest.split_once("?>").map(|(_, body)| body.to_string()).unwrap_or_default(),
        None => text.to_string(),
    };
    sxd_document::parser::parse(&format!("<__ember_root>{body}</__ember_root>")).map_err(|_| super::io_read::failed_read(file))
}

fn each_row(files: &[(PathBuf, Vec<(String, String)>)], options: &Options, mut visit: impl FnMut(usize, Element<'_>) -> Result<()>) -> Result<()> {
    for (index, (file, _)) in files.iter().enumerate() {
        let package = parse_file(file)?;
        let document = package.as_document();
        let mut found = Vec::new();
        for child in document.root().children() {
            if let ChildOfRoot::Element(e) = child {
                rows(e, &options.row_tag, &mut found);
            }
        }
        for row in found {
            visit(index, row)?;
        }
    }
    Ok(())
}

/// The schema inferred from every row of the files, or the given one.
pub fn schema(files: &[(PathBuf, Vec<(String, String)>)], options: &BTreeMap<String, String>, given: Option<Schema>) -> Result<Schema> {
    let options = Options::from(options)?;
    if let Some(schema) = given {
        return Ok(schema);
    }
    let mut merged = Inferred::Struct(BTreeMap::new());
    each_row(files, &options, |_, row| {
        let kind = match infer_element(row, &options) {
            Inferred::Struct(fields) => Inferred::Struct(fields),
            Inferred::Empty => Inferred::Struct(BTreeMap::new()),
            other => Inferred::Struct(BTreeMap::from([(options.value_tag.clone(), other)])),
        };
        merged = merge(std::mem::replace(&mut merged, Inferred::Empty), kind, &options.value_tag);
        Ok(())
    })?;
    match arrow_type(&merged) {
        DataType::Struct(fields) => Ok(Schema::new(fields)),
        _ => Ok(Schema::empty()),
    }
}

/// A text value as JSON of `data_type` (NULL when it does not parse as one).
fn text_value(text: &str, data_type: &DataType) -> Value {
    let trimmed = text.trim();
    match data_type {
        DataType::Utf8 => Value::String(trimmed.to_string()),
        _ if trimmed.is_empty() => Value::Null,
        DataType::Int64 | DataType::Int32 | DataType::Int16 | DataType::Int8 => trimmed.parse::<i64>().map(Value::from).unwrap_or(Value::Null),
        DataType::Float64 | DataType::Float32 => trimmed.parse::<f64>().ok().and_then(serde_json::Number::from_f64).map(Value::Number).unwrap_or(Value::Null),
        DataType::Boolean => match trimmed.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::Null,
        },
        DataType::Date32 => parse_date(trimmed).map(|d| Value::String(d.to_string())).unwrap_or(Value::Null),
        DataType::Timestamp(_, _) => parse_timestamp(trimmed).map(Value::from).unwrap_or(Value::Null),
        DataType::Struct(fields) => {
            let mut object = serde_json::Map::new();
            for field in fields {
                object.insert(field.name().clone(), text_value(text, field.data_type()));
            }
            Value::Object(object)
        }
        DataType::List(field) => Value::Array(vec![text_value(text, field.data_type())]),
        _ => Value::String(trimmed.to_string()),
    }
}

/// An element as JSON of `data_type`.
fn element_value(element: Element<'_>, data_type: &DataType, options: &Options) -> Value {
    let (text, children) = parts(element);
    match data_type {
        DataType::Struct(fields) => {
            let mut object = serde_json::Map::new();
            for field in fields {
                let name = field.name();
                let value = if name == &options.value_tag {
                    if text.trim().is_empty() { Value::Null } else { text_value(&text, field.data_type()) }
                } else if let Some(attribute) = name.strip_prefix(options.attribute_prefix.as_str()).and_then(|a| element.attribute(a)).filter(|_| !options.attribute_prefix.is_empty()) {
                    text_value(attribute.value(), field.data_type())
                } else {
                    let matching: Vec<Element<'_>> = children.iter().copied().filter(|c| c.name().local_part() == name).collect();
                    match (field.data_type(), matching.first()) {
                        (_, None) => Value::Null,
                        (DataType::List(inner), _) => Value::Array(matching.iter().map(|c| element_value(*c, inner.data_type(), options)).collect()),
                        (data_type, Some(first)) => element_value(*first, data_type, options),
                    }
                };
                object.insert(name.clone(), value);
            }
            Value::Object(object)
        }
        DataType::List(inner) => Value::Array(vec![element_value(element, inner.data_type(), options)]),
        data_type => text_value(&text, data_type),
    }
}

/// Reads each file's rows into batches of `schema`.
pub fn read(files: &[(PathBuf, Vec<(String, String)>)], options: &BTreeMap<String, String>, schema: &Schema) -> Result<Vec<Vec<RecordBatch>>> {
    let parsed = Options::from(options)?;
    let target: SchemaRef = Arc::new(schema.clone());
    let row_type = DataType::Struct(schema.fields().clone());
    let mut per_file: Vec<Vec<Value>> = vec![Vec::new(); files.len()];
    each_row(files, &parsed, |index, row| {
        per_file[index].push(element_value(row, &row_type, &parsed));
        Ok(())
    })?;
    let mut result = Vec::with_capacity(files.len());
    for values in per_file {
        let mut decoder = datafusion::arrow::json::ReaderBuilder::new(target.clone()).build_decoder().map_err(datafusion::error::DataFusionError::from)?;
        decoder.serialize(&values).map_err(datafusion::error::DataFusionError::from)?;
        let mut batches = Vec::new();
        if let Some(batch) = decoder.flush().map_err(datafusion::error::DataFusionError::from)? {
            batches.push(batch);
        }
        result.push(batches);
    }
    Ok(result)
}

/// XML's escapes for element text and attribute values, as Spark's generator writes them.
fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' if attribute => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
    out
}

/// One value's text in a document: timestamps in ISO form in the session zone, other
/// values as Spark casts them to strings.
fn value_text(array: &datafusion::arrow::array::ArrayRef, row: usize) -> String {
    match array.data_type() {
        DataType::Timestamp(_, Some(_)) => {
            let zoned = crate::spark::session_zone::zoned_array(array);
            let text = datafusion::arrow::util::display::ArrayFormatter::try_new(zoned.as_ref(), &datafusion::arrow::util::display::FormatOptions::default().with_timestamp_tz_format(Some("%Y-%m-%dT%H:%M:%S%.3f%:z")))
                .map(|f| f.value(row).to_string())
                .unwrap_or_default();
            text.replace("+00:00", "Z")
        }
        _ => crate::spark::value_text::cell_string(array, row),
    }
}

fn write_element(out: &mut String, name: &str, array: &datafusion::arrow::array::ArrayRef, row: usize, depth: usize, options: &Options) {
    use datafusion::arrow::array::{Array, AsArray};
    if array.is_null(row) {
        return;
    }
    let indent = "    ".repeat(depth);
    match array.data_type() {
        DataType::List(_) => {
            let list = array.as_list::<i32>();
            let values = list.value(row);
            for index in 0..values.len() {
                write_element(out, name, &values, index, depth, options);
            }
        }
        DataType::Map(_, _) => {
            // A map is an element of one child per entry, named by the key.
            let map = array.as_map();
            let (keys, values) = (map.value(row).column(0).clone(), map.value(row).column(1).clone());
            out.push_str(&format!("{indent}<{name}>\n"));
            for entry in 0..keys.len() {
                write_element(out, &value_text(&keys, entry), &values, entry, depth + 1, options);
            }
            out.push_str(&format!("{indent}</{name}>\n"));
        }
        DataType::Struct(fields) => {
            let structs = array.as_struct();
            let mut attributes = String::new();
            let mut value = None;
            let mut children = String::new();
            for (field, column) in fields.iter().zip(structs.columns()) {
                if column.is_null(row) {
                    continue;
                }
                if field.name() == &options.value_tag {
                    value = Some(escape(&value_text(column, row), false));
                } else if let Some(attribute) = field.name().strip_prefix(options.attribute_prefix.as_str()).filter(|_| !options.attribute_prefix.is_empty()) {
                    attributes.push_str(&format!(" {attribute}=\"{}\"", escape(&value_text(column, row), true)));
                } else {
                    write_element(&mut children, field.name(), column, row, depth + 1, options);
                }
            }
            match (value, children.is_empty()) {
                (None, true) => out.push_str(&format!("{indent}<{name}{attributes}/>\n")),
                (Some(value), true) => out.push_str(&format!("{indent}<{name}{attributes}>{value}</{name}>\n")),
                (value, false) => {
                    out.push_str(&format!("{indent}<{name}{attributes}>\n"));
                    if let Some(value) = value {
                        out.push_str(&format!("{indent}    {value}\n"));
                    }
                    out.push_str(&children);
                    out.push_str(&format!("{indent}</{name}>\n"));
                }
            }
        }
        _ => out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(&value_text(array, row), false))),
    }
}

/// Writes one part file: the XML declaration, then the `rootTag` element (`ROWS`) holding
/// one `rowTag` element per row, indented by four spaces as Spark's writer indents.
pub fn write<W: std::io::Write>(mut output: W, batches: &[RecordBatch], options: &BTreeMap<String, String>) -> Result<()> {
    let parsed = Options::from(options)?;
    let root = option(options, "rootTag").unwrap_or("ROWS");
    let mut out = format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<{root}>\n");
    for batch in batches {
        let row_struct: datafusion::arrow::array::ArrayRef = Arc::new(datafusion::arrow::array::StructArray::from(batch.clone()));
        for row in 0..batch.num_rows() {
            write_element(&mut out, &parsed.row_tag, &row_struct, row, 1, &parsed);
        }
    }
    out.push_str(&format!("</{root}>"));
    output.write_all(out.as_bytes())?;
    Ok(())
}
