//! Spark's JSON functions: `from_json` (Spark's `JsonToStructs`), `to_json`
//! (`StructsToJson`), `get_json_object` (`GetJsonObject`), `json_array_length`
//! (`LengthOfJsonArray`), `json_object_keys` (`JsonObjectKeys`) and `schema_of_json`
//! (`SchemaOfJson`). JSON text is read and written by `json_value`; `from_json` decodes
//! with arrow-json through the JSON data source's decoder, so that both read values alike.
use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Int32Array, ListBuilder, StringArray, StringBuilder, StructArray};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Fields, Schema, TimeUnit};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::{EngineError, ErrorClass};
use crate::engine::local::io_read::{flag, option};
use crate::engine::local::json_value::{write_string, Parser, Value};

/// Registers the JSON functions.
pub fn register(context: &SessionContext) {
    for kind in [Kind::FromJson, Kind::ToJson, Kind::GetJsonObject, Kind::JsonArrayLength, Kind::JsonObjectKeys, Kind::SchemaOfJson] {
        context.register_udf(ScalarUDF::from(JsonFunction { kind, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    FromJson,
    ToJson,
    GetJsonObject,
    JsonArrayLength,
    JsonObjectKeys,
    SchemaOfJson,
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct JsonFunction {
    kind: Kind,
    signature: Signature,
}

fn failure(class: ErrorClass, condition: &str, message: String, parameters: &[(&str, String)]) -> DataFusionError {
    DataFusionError::External(Box::new(EngineError::spark(class, condition, message, parameters)))
}

/// The type `from_json` gives for its schema text: a DDL field list (`a INT`) or a type
/// (`array<int>`, `MAP<STRING,INT>`), every field nullable, as Spark reads JSON.
pub(crate) fn schema_type(text: &str) -> Result<DataType> {
    let json = crate::spark::ddl::parse_schema_or_type(text).map_err(|e| DataFusionError::External(Box::new(EngineError::from(e))))?;
    Ok(nullable(&crate::engine::local::types::arrow_type_from_json(&json)?))
}

fn nullable(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Struct(fields) => DataType::Struct(fields.iter().map(|f| Field::new(f.name(), nullable(f.data_type()), true)).collect::<Fields>()),
        DataType::List(element) => DataType::List(Arc::new(Field::new(element.name(), nullable(element.data_type()), true))),
        other => other.clone(),
    }
}

/// The options map of a call (`map('k', 'v', ...)` or a literal map), as text pairs.
pub(crate) fn options(argument: Option<&ColumnarValue>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let Some(ColumnarValue::Scalar(ScalarValue::Map(map))) = argument else { return out };
    if map.is_empty() || map.is_null(0) {
        return out;
    }
    let entries = map.value(0);
    let (Ok(keys), Ok(values)) = (datafusion::arrow::compute::cast(entries.column(0), &DataType::Utf8), datafusion::arrow::compute::cast(entries.column(1), &DataType::Utf8)) else {
        return out;
    };
    let (keys, values) = (keys.as_string::<i32>(), values.as_string::<i32>());
    for i in 0..keys.len() {
        if !keys.is_null(i) && !values.is_null(i) {
            out.insert(keys.value(i).to_string(), values.value(i).to_string());
        }
    }
    out
}

/// Spark's `MALFORMED_RECORD_IN_PARSING` for a text that is not JSON, under FAILFAST.
fn malformed(text: &str) -> DataFusionError {
    failure(
        ErrorClass::Runtime,
        "MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION",
        format!("Malformed records are detected in record parsing: [{text}].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."),
        &[("badRecord", text.to_string()), ("failFastMode", "FAILFAST".into())],
    )
}

/// The first argument as strings.
fn texts(argument: &ColumnarValue, rows: usize) -> Result<ArrayRef> {
    let array = argument.to_array(rows)?;
    Ok(datafusion::arrow::compute::cast(&array, &DataType::Utf8)?)
}

impl ScalarUDFImpl for JsonFunction {
    fn name(&self) -> &str {
        match self.kind {
            Kind::FromJson => "from_json",
            Kind::ToJson => "to_json",
            Kind::GetJsonObject => "get_json_object",
            Kind::JsonArrayLength => "json_array_length",
            Kind::JsonObjectKeys => "json_object_keys",
            Kind::SchemaOfJson => "schema_of_json",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("return_field_from_args is used".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let expected = match self.kind {
            Kind::FromJson => 2..=3,
            Kind::ToJson | Kind::SchemaOfJson => 1..=2,
            Kind::GetJsonObject => 2..=2,
            Kind::JsonArrayLength | Kind::JsonObjectKeys => 1..=1,
        };
        if !expected.contains(&args.arg_fields.len()) {
            return Err(failure(
                ErrorClass::Analysis,
                "WRONG_NUM_ARGS.WITHOUT_SUGGESTION",
                format!("The `{}` requires {} parameters but the actual number is {}. Please, refer to 'https://spark.apache.org/docs/latest/sql-ref-functions.html' for a fix.", self.name(), if expected.start() == expected.end() { expected.start().to_string() } else { format!("[{}, {}]", expected.start(), expected.end()) }, args.arg_fields.len()),
                &[("functionName", format!("`{}`", self.name()))],
            ));
        }
        let data_type = match self.kind {
            Kind::FromJson => match args.scalar_arguments.get(1) {
                Some(Some(ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text)))) => schema_type(text)?,
                _ => {
                    return Err(failure(ErrorClass::Analysis, "INVALID_SCHEMA.NON_STRING_LITERAL", "The input schema is not a valid schema string. The input expression must be string literal and not null.".into(), &[]));
                }
            },
            Kind::ToJson | Kind::GetJsonObject | Kind::SchemaOfJson => DataType::Utf8,
            Kind::JsonArrayLength => DataType::Int32,
            Kind::JsonObjectKeys => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        };
        Ok(Arc::new(Field::new(self.name(), data_type, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let result: ArrayRef = match self.kind {
            Kind::FromJson => from_json(&texts(&args.args[0], rows)?, args.return_field.data_type(), &options(args.args.get(2)))?,
            Kind::ToJson => {
                let input = args.args[0].to_array(rows)?;
                let options = options(args.args.get(1));
                let mut out = StringBuilder::new();
                for row in 0..rows {
                    if input.is_null(row) {
                        out.append_null();
                    } else {
                        let mut text = String::new();
                        write_value(input.as_ref(), row, &options, &mut text)?;
                        out.append_value(text);
                    }
                }
                Arc::new(out.finish())
            }
            Kind::GetJsonObject => {
                let (documents, paths) = (texts(&args.args[0], rows)?, texts(&args.args[1], rows)?);
                let (documents, paths) = (documents.as_string::<i32>(), paths.as_string::<i32>());
                Arc::new(
                    (0..rows)
                        .map(|i| if documents.is_null(i) || paths.is_null(i) { None } else { get_json_object(documents.value(i), paths.value(i)) })
                        .collect::<StringArray>(),
                )
            }
            Kind::JsonArrayLength => {
                let documents = texts(&args.args[0], rows)?;
                let documents = documents.as_string::<i32>();
                Arc::new(
                    (0..rows)
                        .map(|i| match (!documents.is_null(i)).then(|| Parser::new(documents.value(i)).document()).flatten() {
                            Some(Value::Array(items)) => Some(items.len() as i32),
                            _ => None,
                        })
                        .collect::<Int32Array>(),
                )
            }
            Kind::JsonObjectKeys => {
                let documents = texts(&args.args[0], rows)?;
                let documents = documents.as_string::<i32>();
                let mut out = ListBuilder::new(StringBuilder::new());
                for i in 0..rows {
                    match (!documents.is_null(i)).then(|| Parser::new(documents.value(i)).document()).flatten() {
                        Some(Value::Object(fields)) => {
                            for (name, _) in fields {
                                out.values().append_value(name);
                            }
                            out.append(true);
                        }
                        _ => out.append(false),
                    }
                }
                Arc::new(out.finish())
            }
            Kind::SchemaOfJson => {
                let documents = texts(&args.args[0], rows)?;
                let documents = documents.as_string::<i32>();
                let options = options(args.args.get(1));
                let reader = crate::engine::local::json_source::Options::from(&options).map_err(|e| DataFusionError::External(Box::new(e)))?;
                let mut out = StringBuilder::new();
                for i in 0..rows {
                    if documents.is_null(i) {
                        out.append_null();
                        continue;
                    }
                    let text = documents.value(i);
                    let Some(value) = Parser::new(text).with_unquoted_names(flag(&options, "allowUnquotedFieldNames")).document() else {
                        return Err(malformed(text));
                    };
                    let data_type = crate::engine::local::json_source::infer(&value, &reader);
                    // A field seen only as null is a string (Spark's `canonicalizeType`).
                    out.append_value(crate::engine::local::types::spark_sql_type_name(&null_as_string(&data_type)));
                }
                Arc::new(out.finish())
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}

fn null_as_string(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Null => DataType::Utf8,
        DataType::List(element) => DataType::List(Arc::new(Field::new(element.name(), null_as_string(element.data_type()), true))),
        DataType::Struct(fields) => DataType::Struct(fields.iter().map(|f| Field::new(f.name(), null_as_string(f.data_type()), true)).collect::<Fields>()),
        other => other.clone(),
    }
}

/// `from_json` of texts with no options (`variant_get` of an array, map or struct).
pub(crate) fn from_json_texts(texts: &ArrayRef, data_type: &DataType) -> Result<ArrayRef> {
    from_json(texts, data_type, &BTreeMap::new())
}

/// `from_json` over a column of texts: each text read (NULL for NULL), then decoded with the
/// schema. A malformed text gives a struct of NULL fields for a struct schema and NULL for
/// an array or map one (Spark's PERMISSIVE mode), or raises under `mode` FAILFAST.
fn from_json(texts: &ArrayRef, data_type: &DataType, options: &BTreeMap<String, String>) -> Result<ArrayRef> {
    let texts = texts.as_string::<i32>();
    let unquoted = flag(options, "allowUnquotedFieldNames");
    let fail_fast = option(options, "mode").is_some_and(|m| m.eq_ignore_ascii_case("FAILFAST"));
    let wrapped = !matches!(data_type, DataType::Struct(_));
    let fields: Fields = match data_type {
        DataType::Struct(fields) => fields.clone(),
        other => Fields::from(vec![Field::new("v", other.clone(), true)]),
    };
    let schema = Arc::new(Schema::new(fields.clone()));
    let mut records: Vec<String> = Vec::with_capacity(texts.len());
    for i in 0..texts.len() {
        if texts.is_null(i) {
            records.push("{}".into());
            continue;
        }
        let parsed = Parser::new(texts.value(i)).with_unquoted_names(unquoted).document();
        let record = match parsed {
            Some(value @ Value::Object(_)) if !wrapped => Some(conform(value, data_type).to_json()),
            Some(value) if wrapped => Some(format!("{{\"v\":{}}}", conform(value, data_type).to_json())),
            _ => None,
        };
        match record {
            Some(record) => records.push(record),
            None if fail_fast => return Err(malformed(texts.value(i))),
            None => records.push("{}".into()),
        }
    }
    let refs: Vec<&str> = records.iter().map(String::as_str).collect();
    let batch = match crate::engine::local::json_source::decode(&schema, &refs) {
        Some(batch) => batch,
        None => {
            let mut parts = Vec::with_capacity(refs.len());
            for text in &refs {
                parts.push(match crate::engine::local::json_source::decode(&schema, &[text]) {
                    Some(batch) => batch,
                    None => crate::engine::local::json_source::decode_partial(&schema, text).map_err(|e| DataFusionError::External(Box::new(e)))?,
                });
            }
            datafusion::arrow::compute::concat_batches(&schema, &parts)?
        }
    };
    if wrapped {
        let column = batch.column(0).clone();
        // A NULL text stays NULL (its record was empty).
        return Ok(column);
    }
    let validity = NullBuffer::from((0..texts.len()).map(|i| !texts.is_null(i)).collect::<Vec<bool>>());
    Ok(Arc::new(StructArray::try_new(fields, batch.columns().to_vec(), Some(validity))?))
}

/// A read value made to fit a type where Spark's parser converts: an object or array
/// read into a STRING is its JSON text (Spark's `JacksonParser` keeps the raw text).
fn conform(value: Value, data_type: &DataType) -> Value {
    match (value, data_type) {
        (value @ (Value::Object(_) | Value::Array(_)), DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View) => Value::Text(value.to_json()),
        (Value::Object(fields), DataType::Struct(types)) => Value::Object(
            fields
                .into_iter()
                .map(|(name, value)| {
                    let value = match types.iter().find(|f| *f.name() == name) {
                        Some(field) => conform(value, field.data_type()),
                        None => value,
                    };
                    (name, value)
                })
                .collect(),
        ),
        (Value::Object(fields), DataType::Map(entries, _)) => match entries.data_type() {
            DataType::Struct(pair) if pair.len() == 2 => Value::Object(fields.into_iter().map(|(name, value)| (name, conform(value, pair[1].data_type()))).collect()),
            _ => Value::Object(fields),
        },
        (Value::Array(items), DataType::List(element) | DataType::LargeList(element)) => Value::Array(items.into_iter().map(|item| conform(item, element.data_type())).collect()),
        (value, _) => value,
    }
}

/// One value of a struct, array or map as JSON text, as Spark's `JacksonGenerator` writes
/// it: NULL struct fields left out (`ignoreNullFields`), dates by `dateFormat`
/// (`yyyy-MM-dd`), timestamps as `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, floating-point numbers by
/// Java's `toString`, binary in base64.
fn write_value(array: &dyn Array, row: usize, options: &BTreeMap<String, String>, out: &mut String) -> Result<()> {
    if array.is_null(row) {
        out.push_str("null");
        return Ok(());
    }
    match array.data_type() {
        // A variant is its own JSON text.
        data_type if super::variant::is_variant(data_type) => out.push_str(&super::variant::json_at(array, row).unwrap_or_else(|| "null".into())),
        DataType::Struct(fields) => {
            let array = array.as_struct();
            out.push('{');
            let mut first = true;
            for (i, field) in fields.iter().enumerate() {
                let column = array.column(i);
                if column.is_null(row) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                write_string(field.name(), out);
                out.push(':');
                write_value(column.as_ref(), row, options, out)?;
            }
            out.push('}');
        }
        DataType::List(_) => {
            let items = array.as_list::<i32>().value(row);
            write_items(items.as_ref(), options, out)?;
        }
        DataType::LargeList(_) => {
            let items = array.as_list::<i64>().value(row);
            write_items(items.as_ref(), options, out)?;
        }
        DataType::Map(..) => {
            let entries = array.as_map().value(row);
            out.push('{');
            for i in 0..entries.len() {
                if i > 0 {
                    out.push(',');
                }
                let key = crate::spark::value_text::cast_string(entries.column(0), i);
                write_string(&key, out);
                out.push(':');
                write_value(entries.column(1).as_ref(), i, options, out)?;
            }
            out.push('}');
        }
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            let text = datafusion::arrow::compute::cast(&array.slice(row, 1), &DataType::Utf8)?;
            write_string(text.as_string::<i32>().value(0), out);
        }
        DataType::Boolean => out.push_str(if array.as_boolean().value(row) { "true" } else { "false" }),
        DataType::Float64 => out.push_str(&crate::spark::value_text::java_double_string(array.as_primitive::<datafusion::arrow::datatypes::Float64Type>().value(row))),
        DataType::Float32 => out.push_str(&crate::spark::value_text::java_float_string(array.as_primitive::<datafusion::arrow::datatypes::Float32Type>().value(row))),
        DataType::Date32 => {
            let days = array.as_primitive::<datafusion::arrow::datatypes::Date32Type>().value(row);
            let date = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).and_then(|d| d.checked_add_signed(chrono::Duration::days(days as i64)));
            let text = match (date, option(options, "dateFormat")) {
                (Some(date), Some(pattern)) => {
                    let format = super::datetime::chrono_pattern(pattern).map_err(|e| failure(ErrorClass::IllegalArgument, "INVALID_DATETIME_PATTERN", e, &[]))?;
                    date.format(&format).to_string()
                }
                _ => crate::spark::value_text::cast_string(&array.slice(row, 1), 0),
            };
            write_string(&text, out);
        }
        DataType::Timestamp(TimeUnit::Microsecond, zone) => {
            let micros = array.as_primitive::<datafusion::arrow::datatypes::TimestampMicrosecondType>().value(row);
            let Some(time) = chrono::DateTime::from_timestamp_micros(micros) else {
                out.push_str("null");
                return Ok(());
            };
            let text = if zone.is_some() {
                // Spark's default `timestampFormat`, `yyyy-MM-dd'T'HH:mm:ss[.SSS]XXX`, in the session zone.
                let session = crate::spark::session_zone::current();
                let local = chrono::DateTime::from_timestamp_micros(session.to_local(micros)).unwrap_or(time);
                let format = format!("%Y-%m-%dT%H:%M:%S%.3f{}", super::datetime::zone_field('X', 3));
                super::datetime::fill_zone_fields(&local.naive_utc().format(&format).to_string(), &session, micros)
            } else if micros.rem_euclid(1_000_000) == 0 {
                time.naive_utc().format("%Y-%m-%dT%H:%M:%S").to_string()
            } else {
                time.naive_utc().format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
            };
            write_string(&text, out);
        }
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
            use base64::Engine;
            let bytes = datafusion::arrow::compute::cast(&array.slice(row, 1), &DataType::Binary)?;
            write_string(&base64::engine::general_purpose::STANDARD.encode(bytes.as_binary::<i32>().value(0)), out);
        }
        DataType::Null => out.push_str("null"),
        _ => out.push_str(&crate::spark::value_text::cast_string(&array.slice(row, 1), 0)),
    }
    Ok(())
}

fn write_items(items: &dyn Array, options: &BTreeMap<String, String>, out: &mut String) -> Result<()> {
    out.push('[');
    for i in 0..items.len() {
        if i > 0 {
            out.push(',');
        }
        write_value(items, i, options, out)?;
    }
    out.push(']');
    Ok(())
}

/// One step of a JSON path (Spark's `JsonPathParser`): a field, an array index, or `*`.
#[derive(Debug, PartialEq)]
enum Step {
    Field(String),
    Index(usize),
    Wildcard,
}

/// A JSON path as Spark's `get_json_object` takes it: `$` then `.name`, `['name']`,
/// `[n]`, `[*]` or `.*`; `None` for any other text.
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix(".*") {
            steps.push(Step::Wildcard);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            if end == 0 {
                return None;
            }
            steps.push(Step::Field(after[..end].to_string()));
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix("['") {
            let end = after.find("']")?;
            steps.push(Step::Field(after[..end].to_string()));
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("[*]") {
            steps.push(Step::Wildcard);
            rest = after;
        } else if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']')?;
            steps.push(Step::Index(after[..end].trim().parse().ok()?));
            rest = &after[end + 1..];
        } else {
            return None;
        }
    }
    Some(steps)
}

/// The values a path reaches from `value`.
fn walk<'v>(value: &'v Value, steps: &[Step], found: &mut Vec<&'v Value>) {
    let Some((step, rest)) = steps.split_first() else {
        found.push(value);
        return;
    };
    match (step, value) {
        (Step::Field(name), Value::Object(fields)) => {
            if let Some((_, child)) = fields.iter().find(|(n, _)| n == name) {
                walk(child, rest, found);
            }
        }
        (Step::Index(i), Value::Array(items)) => {
            if let Some(child) = items.get(*i) {
                walk(child, rest, found);
            }
        }
        (Step::Wildcard, Value::Array(items)) => items.iter().for_each(|child| walk(child, rest, found)),
        (Step::Wildcard, Value::Object(fields)) => fields.iter().for_each(|(_, child)| walk(child, rest, found)),
        _ => {}
    }
}

/// Spark's `get_json_object(json, path)`: the one value the path reaches, a string as its
/// text and anything else as JSON; through a wildcard, the values reached as JSON (one
/// value as it is, several as an array); NULL when the text is not JSON, the path is not
/// valid or reaches nothing (or a JSON null).
fn get_json_object(text: &str, path: &str) -> Option<String> {
    let steps = parse_path(path)?;
    let value = Parser::new(text).document()?;
    let mut found = Vec::new();
    walk(&value, &steps, &mut found);
    let wildcard = steps.contains(&Step::Wildcard);
    match found.as_slice() {
        [] => None,
        [Value::Null] if !wildcard => None,
        [Value::Text(text)] if !wildcard => Some(text.clone()),
        [one] => Some(one.to_json()),
        many => Some(format!("[{}]", many.iter().map(|v| v.to_json()).collect::<Vec<_>>().join(","))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_paths_reach_values_as_spark_writes_them() {
        let doc = r#"[{"f1": "value1", "n": 1.50, "o": {"x": [1, 2]}}, {"f1": "value2"}]"#;
        assert_eq!(get_json_object(doc, "$[0].f1").as_deref(), Some("value1"));
        assert_eq!(get_json_object(doc, "$[0].n").as_deref(), Some("1.5"));
        assert_eq!(get_json_object(doc, "$[0].o").as_deref(), Some(r#"{"x":[1,2]}"#));
        assert_eq!(get_json_object(doc, "$[0]['o'].x[1]").as_deref(), Some("2"));
        assert_eq!(get_json_object(doc, "$[*].f1").as_deref(), Some(r#"["value1","value2"]"#));
        assert_eq!(get_json_object(doc, "$[1].missing"), None);
        assert_eq!(get_json_object("{bad", "$.a"), None);
        assert_eq!(get_json_object(doc, "a"), None);
    }
}
