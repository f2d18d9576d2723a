//! Spark's CSV functions: `from_csv` (Spark's `CsvToStructs`), `to_csv` (`StructsToCsv`)
//! and `schema_of_csv` (`SchemaOfCsv`). A text is split into fields by the CSV source's
//! reader (`csv_source`, with its options: `sep`, `quote`, `escape`,
//! `ignoreLeadingWhiteSpace`, ...), and types are inferred by its inference
//! (`io_read::csv_inference`). Spark names each call by its first argument only.
use std::collections::BTreeMap;
use std::sync::Arc;

use datafusion::arrow::array::{new_null_array, Array, ArrayRef, AsArray, StringArray, StringBuilder, StructArray};
use datafusion::arrow::compute::{cast_with_options, CastOptions};
use datafusion::arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility};
use datafusion::prelude::SessionContext;

use crate::engine::local::error::EngineError;
use crate::engine::local::io_read::csv_inference::{infer_value, Inferred};

/// Registers the CSV functions.
pub fn register(context: &SessionContext) {
    for name in ["from_csv", "to_csv", "schema_of_csv"] {
        context.register_udf(ScalarUDF::from(CsvFunction { name, signature: Signature::variadic_any(Volatility::Immutable) }));
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct CsvFunction {
    name: &'static str,
    signature: Signature,
}

fn engine(error: EngineError) -> DataFusionError {
    DataFusionError::External(Box::new(error))
}

/// The fields of one CSV record (the first record of `text`).
fn fields(text: &str, options: &BTreeMap<String, String>) -> Result<Vec<String>> {
    let (_, records) = crate::engine::local::csv_source::file_records(text, options).map_err(engine)?;
    Ok(records.into_iter().next().unwrap_or_default())
}

/// Spark's type name of an inferred CSV value (a field seen only empty is a string).
fn inferred_name(inferred: Inferred) -> &'static str {
    match inferred {
        Inferred::Integer => "INT",
        Inferred::Long => "BIGINT",
        Inferred::Double => "DOUBLE",
        Inferred::Boolean => "BOOLEAN",
        Inferred::Date => "DATE",
        Inferred::Timestamp => "TIMESTAMP",
        Inferred::Null | Inferred::String => "STRING",
    }
}

/// `schema_of_csv(text)`: the DDL of the struct a record of `text` reads as.
pub fn schema_of(text: &str, options: &BTreeMap<String, String>) -> Result<String> {
    let columns: Vec<String> = fields(text, options)?
        .iter()
        .enumerate()
        .map(|(i, value)| format!("_c{i}: {}", inferred_name(if value.is_empty() { Inferred::Null } else { infer_value(value) })))
        .collect();
    Ok(format!("STRUCT<{}>", columns.join(", ")))
}

/// Spark's CSV writer's quoting: a value holding the separator, a quote, an escape or a
/// line break is quoted, its quotes escaped with a backslash.
fn quoted(value: &str, separator: char) -> String {
    if value.contains([separator, '"', '\\', '\n', '\r']) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

fn text_of(options: &BTreeMap<String, String>, key: &str) -> Option<char> {
    options.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).and_then(|(_, v)| v.chars().next())
}

impl ScalarUDFImpl for CsvFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(DataFusionError::Internal("return_field_from_args is used".into()))
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let data_type = match self.name {
            "from_csv" => match args.scalar_arguments.get(1) {
                Some(Some(ScalarValue::Utf8(Some(text)) | ScalarValue::LargeUtf8(Some(text)) | ScalarValue::Utf8View(Some(text)))) => super::json::schema_type(text)?,
                _ => {
                    return Err(engine(EngineError::analysis(
                        "INVALID_SCHEMA.NON_STRING_LITERAL",
                        "The input schema is not a valid schema string. The input expression must be string literal and not null.",
                        &[],
                    )))
                }
            },
            _ => DataType::Utf8,
        };
        Ok(Arc::new(Field::new(self.name, data_type, true)))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let option_at = if self.name == "from_csv" { 2 } else { 1 };
        let options = super::json::options(args.args.get(option_at));
        let input = args.args[0].to_array(rows)?;
        let result: ArrayRef = match self.name {
            "schema_of_csv" => {
                let texts = datafusion::arrow::compute::cast(&input, &DataType::Utf8)?;
                let texts = texts.as_string::<i32>();
                let mut out = StringBuilder::new();
                for row in 0..rows {
                    match texts.is_null(row) {
                        true => out.append_null(),
                        false => out.append_value(schema_of(texts.value(row), &options)?),
                    }
                }
                Arc::new(out.finish())
            }
            "to_csv" => {
                let separator = text_of(&options, "sep").or_else(|| text_of(&options, "delimiter")).unwrap_or(',');
                let records = input.as_struct_opt().ok_or_else(|| DataFusionError::Plan("to_csv takes a struct".into()))?;
                let mut out = StringBuilder::new();
                for row in 0..rows {
                    if records.is_null(row) {
                        out.append_null();
                        continue;
                    }
                    let values: Vec<String> = records
                        .columns()
                        .iter()
                        .map(|column| if column.is_null(row) { String::new() } else { quoted(&crate::spark::value_text::cast_string(column, row), separator) })
                        .collect();
                    out.append_value(values.join(&separator.to_string()));
                }
                Arc::new(out.finish())
            }
            _ => {
                let DataType::Struct(schema) = args.return_field.data_type() else {
                    return Err(DataFusionError::Plan("from_csv reads into a struct".into()));
                };
                let texts = datafusion::arrow::compute::cast(&input, &DataType::Utf8)?;
                let texts = texts.as_string::<i32>();
                let null_value = options.get("nullValue").cloned().unwrap_or_default();
                // Each record's fields, column by column (NULL past a record's end).
                let mut columns: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows); schema.len()];
                for row in 0..rows {
                    let record = if texts.is_null(row) { Vec::new() } else { fields(texts.value(row), &options)? };
                    for (position, column) in columns.iter_mut().enumerate() {
                        column.push(record.get(position).filter(|v| !v.is_empty() && **v != null_value).cloned());
                    }
                }
                let arrays = schema
                    .iter()
                    .zip(columns)
                    .map(|(field, values)| {
                        let texts: ArrayRef = Arc::new(StringArray::from(values));
                        match field.data_type() {
                            DataType::Utf8 => Ok(texts),
                            DataType::Null => Ok(new_null_array(&DataType::Null, rows)),
                            other => Ok(cast_with_options(&texts, other, &CastOptions { safe: true, ..Default::default() })?),
                        }
                    })
                    .collect::<Result<Vec<ArrayRef>>>()?;
                let nulls = datafusion::arrow::buffer::NullBuffer::from((0..rows).map(|r| texts.is_valid(r)).collect::<Vec<_>>());
                Arc::new(StructArray::try_new(schema.clone(), arrays, Some(nulls))?)
            }
        };
        Ok(ColumnarValue::Array(result))
    }
}
