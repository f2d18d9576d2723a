//! Spark data types and their Arrow counterparts: names, DDL parsing and Spark's JSON
//! schema format (`DataType.json` in Spark).
use std::sync::Arc;

use datafusion::arrow::datatypes::{DataType, Field, Fields, Schema, TimeUnit};
use serde_json::Value;

use super::error::{EngineError, ErrorClass, Result};

/// The Arrow type of Spark's `TimestampType`: an instant in microseconds, tagged UTC;
/// it is read and shown in the session time zone (`spark::session_zone`).
pub fn timestamp_type() -> DataType {
    DataType::Timestamp(TimeUnit::Microsecond, Some(Arc::from("UTC")))
}

/// The Arrow type of a Spark type written in DDL (`cast("int")`, a UDF's return type),
/// read by the one DDL parser (`spark::ddl`).
pub fn parse_spark_type(text: &str) -> Result<DataType> {
    arrow_type_from_json(&crate::spark::ddl::parse_data_type(text)?)
}

fn unsupported_type(name: &str) -> EngineError {
    let name = format!("\"{}\"", name.to_uppercase());
    EngineError::spark(ErrorClass::Parse, "UNSUPPORTED_DATATYPE", format!("Unsupported data type {name}."), &[("typeName", name)])
}

/// The Arrow type of a Spark type named in the JSON form (`"integer"`, `"decimal(10,2)"`);
/// types the embedded engine has no Arrow form for (intervals, `time`) are
/// `UNSUPPORTED_DATATYPE`.
fn arrow_type_of_json_name(name: &str) -> Result<DataType> {
    Ok(match name {
        "boolean" => DataType::Boolean,
        "byte" => DataType::Int8,
        "short" => DataType::Int16,
        "integer" => DataType::Int32,
        "long" => DataType::Int64,
        "float" => DataType::Float32,
        "double" => DataType::Float64,
        "string" => DataType::Utf8,
        "binary" => DataType::Binary,
        "date" => DataType::Date32,
        "timestamp" => timestamp_type(),
        "timestamp_ntz" => DataType::Timestamp(TimeUnit::Microsecond, None),
        "void" | "null" => DataType::Null,
        "variant" => super::udfs::variant::variant_type(),
        other => {
            let parameters = |prefix: &str| other.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(')'));
            if let Some(inner) = parameters("decimal(") {
                let (precision, scale) = inner.split_once(',').ok_or_else(|| unsupported_type(other))?;
                let precision: u8 = precision.trim().parse().map_err(|_| unsupported_type(other))?;
                let scale: i8 = scale.trim().parse().map_err(|_| unsupported_type(other))?;
                DataType::Decimal128(precision, scale)
            } else if parameters("time(").is_some() {
                // Spark's TIME(p) is held at microseconds (`udfs::time_of_day`).
                super::udfs::time_of_day::TIME
            } else if parameters("char(").or_else(|| parameters("varchar(")).is_some() {
                DataType::Utf8
            } else {
                return Err(unsupported_type(other));
            }
        }
    })
}

/// The Arrow map type for Spark's `MapType(key, value, valueContainsNull)`.
pub fn map_type(key: DataType, value: DataType, value_contains_null: bool) -> DataType {
    let entries = Field::new(
        "entries",
        DataType::Struct(Fields::from(vec![Field::new("key", key, false), Field::new("value", value, value_contains_null)])),
        false,
    );
    DataType::Map(Arc::new(entries), false)
}

/// Spark's upper-case SQL name of a type, as in error messages (`"INT"`, `"BIGINT"`).
pub fn spark_sql_type_name(data_type: &DataType) -> String {
    match data_type {
        DataType::Boolean => "BOOLEAN".into(),
        DataType::Int8 => "TINYINT".into(),
        DataType::Int16 => "SMALLINT".into(),
        DataType::Int32 => "INT".into(),
        DataType::Int64 => "BIGINT".into(),
        DataType::Float32 => "FLOAT".into(),
        DataType::Float64 => "DOUBLE".into(),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "STRING".into(),
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => "BINARY".into(),
        DataType::Date32 => "DATE".into(),
        DataType::Timestamp(_, Some(_)) => "TIMESTAMP".into(),
        DataType::Timestamp(_, None) => "TIMESTAMP_NTZ".into(),
        DataType::Decimal128(p, s) => format!("DECIMAL({p},{s})"),
        DataType::Null => "VOID".into(),
        // Spark's `ArrayType.sql`, `MapType.sql` and `StructType.sql`.
        DataType::List(element) | DataType::LargeList(element) => format!("ARRAY<{}>", spark_sql_type_name(element.data_type())),
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(pair) if pair.len() == 2 => format!("MAP<{}, {}>", spark_sql_type_name(pair[0].data_type()), spark_sql_type_name(pair[1].data_type())),
            _ => spark_simple_name(data_type).to_uppercase(),
        },
        _ if super::udfs::variant::is_variant(data_type) => "VARIANT".into(),
        DataType::Struct(fields) => {
            let fields: Vec<String> = fields.iter().map(|f| format!("{}: {}", quote_if_needed(f.name()), spark_sql_type_name(f.data_type()))).collect();
            format!("STRUCT<{}>", fields.join(", "))
        }
        other => spark_simple_name(other).to_uppercase(),
    }
}

/// A field name as Spark's `QuotingUtils.quoteIfNeeded` writes it: as it is when it is
/// letters, digits and `_` but not digits alone, otherwise in backquotes.
fn quote_if_needed(name: &str) -> String {
    let plain = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.chars().all(|c| c.is_ascii_digit());
    if plain {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

/// Spark's SQL name for the Arrow type names DataFusion prints in cast errors.
pub fn spark_sql_type_name_of_arrow_name(name: &str) -> String {
    match name {
        "Int8" => "TINYINT",
        "Int16" => "SMALLINT",
        "Int32" => "INT",
        "Int64" => "BIGINT",
        "Float32" => "FLOAT",
        "Float64" => "DOUBLE",
        "Boolean" => "BOOLEAN",
        "Date32" => "DATE",
        _ => "STRING",
    }
    .to_string()
}

/// Spark's `simpleString` of a type (`bigint`, `array<int>`, `struct<a:int>`).
pub fn spark_simple_name(data_type: &DataType) -> String {
    crate::spark::type_text::spark_simple_string(data_type)
}

pub use crate::spark::type_text::spark_json_schema;

/// The Arrow type of a Spark JSON type.
pub fn arrow_type_from_json(value: &Value) -> Result<DataType> {
    match value {
        Value::String(name) => arrow_type_of_json_name(name),
        Value::Object(object) => match object.get("type").and_then(Value::as_str) {
            Some("array") => {
                let element = arrow_type_from_json(object.get("elementType").unwrap_or(&Value::Null))?;
                let contains_null = object.get("containsNull").and_then(Value::as_bool).unwrap_or(true);
                Ok(DataType::List(Arc::new(Field::new("element", element, contains_null))))
            }
            Some("map") => Ok(map_type(
                arrow_type_from_json(object.get("keyType").unwrap_or(&Value::Null))?,
                arrow_type_from_json(object.get("valueType").unwrap_or(&Value::Null))?,
                object.get("valueContainsNull").and_then(Value::as_bool).unwrap_or(true),
            )),
            Some("struct") => Ok(DataType::Struct(arrow_schema_from_json(value)?.fields().clone())),
            _ => Err(EngineError::internal(format!("bad schema JSON {value}"))),
        },
        _ => Err(EngineError::internal(format!("bad schema JSON {value}"))),
    }
}

/// The Arrow schema of a Spark JSON struct schema.
pub fn arrow_schema_from_json(value: &Value) -> Result<Schema> {
    let fields = value.get("fields").and_then(Value::as_array).cloned().unwrap_or_default();
    let mut arrow_fields = Vec::with_capacity(fields.len());
    for field in fields {
        let name = field.get("name").and_then(Value::as_str).unwrap_or_default().to_string();
        let data_type = arrow_type_from_json(field.get("type").unwrap_or(&Value::Null))?;
        let nullable = field.get("nullable").and_then(Value::as_bool).unwrap_or(true);
        arrow_fields.push(Field::new(name, data_type, nullable));
    }
    Ok(Schema::new(arrow_fields))
}

/// Spark's type for a column DataFusion produced, normalising view and large types so that
/// results always use Spark's set of types.
pub fn normalize_type(data_type: &DataType) -> DataType {
    match data_type {
        DataType::Utf8View | DataType::LargeUtf8 => DataType::Utf8,
        DataType::BinaryView | DataType::LargeBinary => DataType::Binary,
        DataType::Dictionary(_, value) => normalize_type(value),
        DataType::UInt8 | DataType::UInt16 => DataType::Int32,
        DataType::UInt32 | DataType::UInt64 => DataType::Int64,
        other => other.clone(),
    }
}

/// Whether Spark treats the type as numeric (for `na.fill`, `describe`, ...).
pub fn is_numeric(data_type: &DataType) -> bool {
    data_type.is_numeric()
}

/// Whether the type is a Spark string.
pub fn is_string(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// Whether a type is one of Arrow's binary types (Spark's BINARY).
pub fn is_binary(data_type: &DataType) -> bool {
    matches!(data_type, DataType::Binary | DataType::LargeBinary | DataType::BinaryView)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ddl_names() {
        assert_eq!(parse_spark_type("INT").unwrap(), DataType::Int32);
        assert_eq!(parse_spark_type("varchar(4)").unwrap(), DataType::Utf8);
        assert!(parse_spark_type("interval day").is_err());
        assert_eq!(parse_spark_type("decimal(10, 2)").unwrap(), DataType::Decimal128(10, 2));
        assert_eq!(spark_simple_name(&parse_spark_type("array<bigint>").unwrap()), "array<bigint>");
        assert_eq!(spark_simple_name(&parse_spark_type("map<string,int>").unwrap()), "map<string,int>");
        assert_eq!(spark_simple_name(&parse_spark_type("struct<a:int,b:string>").unwrap()), "struct<a:int,b:string>");
        assert!(parse_spark_type("nosuchtype").is_err());
    }

    #[test]
    fn json_schema_round_trips() {
        let schema = Schema::new(vec![
            Field::new("a", DataType::Int32, false),
            Field::new("b", parse_spark_type("array<string>").unwrap(), true),
        ]);
        let json = spark_json_schema(&schema);
        assert_eq!(json["fields"][0]["type"], "integer");
        assert_eq!(arrow_schema_from_json(&json).unwrap(), schema);
    }
}
