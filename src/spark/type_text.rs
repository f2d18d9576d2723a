//! Spark's text of types and schemas: `DataType.typeName` and `simpleString` (what
//! `dtypes` shows), `StructType.treeString` (what `printSchema()` prints), and the
//! interval fields a day-time interval's Arrow field carries; Spark's JSON form of types
//! and schemas (`DataType.json`).

use std::fmt::Write as _;

use datafusion::arrow::datatypes::{DataType, Field, IntervalUnit, Schema, TimeUnit};

use serde_json::{json, Value};

use crate::spark::value_text::escape_meta_characters;

// ---------------------------------------------------------------------------
// Schema text: treeString and simpleString
// ---------------------------------------------------------------------------

/// Spark's `StructType.treeString` (what `printSchema()` prints):
///
/// ```text
/// root
///  |-- name: string (nullable = true)
///  |-- tags: array (nullable = true)
///  |    |-- element: string (containsNull = true)
/// ```
///
/// The text ends with a single `"\n"` after the last field line; PySpark prints
/// it with `print`, which adds the blank line seen after the schema.
pub fn tree_string(schema: &Schema) -> String {
    let mut out = String::from("root\n");
    for field in schema.fields() {
        field_tree_string(&mut out, " |", &spark_view(field));
    }
    out
}

/// Spark's `StructField.buildFormattedString`.
fn field_tree_string(out: &mut String, prefix: &str, field: &Field) {
    let _ = writeln!(
        out,
        "{prefix}-- {}: {} (nullable = {})",
        escape_meta_characters(field.name()),
        field_type_name(field),
        field.is_nullable()
    );
    nested_tree_string(out, &format!("{prefix}    |"), field.data_type());
}

/// Spark's `DataType.buildFormattedString` for the children of nested types.
fn nested_tree_string(out: &mut String, prefix: &str, data_type: &DataType) {
    match data_type {
        DataType::List(element)
        | DataType::LargeList(element)
        | DataType::FixedSizeList(element, _)
        | DataType::ListView(element)
        | DataType::LargeListView(element) => {
            let _ = writeln!(
                out,
                "{prefix}-- element: {} (containsNull = {})",
                spark_type_name(element.data_type()),
                element.is_nullable()
            );
            nested_tree_string(out, &format!("{prefix}    |"), element.data_type());
        }
        // A VARIANT is atomic: its Arrow fields are not Spark's.
        data_type if is_variant(data_type) => {}
        DataType::Struct(fields) => {
            for field in fields {
                field_tree_string(out, prefix, field);
            }
        }
        DataType::Map(entries, _) => {
            if let Some((key, value)) = map_key_value(entries.data_type()) {
                let _ = writeln!(out, "{prefix}-- key: {}", spark_type_name(key.data_type()));
                nested_tree_string(out, &format!("{prefix}    |"), key.data_type());
                let _ = writeln!(
                    out,
                    "{prefix}-- value: {} (valueContainsNull = {})",
                    spark_type_name(value.data_type()),
                    value.is_nullable()
                );
                nested_tree_string(out, &format!("{prefix}    |"), value.data_type());
            }
        }
        DataType::Dictionary(_, value) => nested_tree_string(out, prefix, value),
        DataType::RunEndEncoded(_, values) => nested_tree_string(out, prefix, values.data_type()),
        _ => {}
    }
}

/// The key and value fields of a map's entries struct.
fn map_key_value(entries: &DataType) -> Option<(&Field, &Field)> {
    match entries {
        DataType::Struct(fields) => Some((fields.first()?.as_ref(), fields.get(1)?.as_ref())),
        _ => None,
    }
}

/// Whether an Arrow type is Spark's VARIANT, held as Spark's Arrow form of it
/// (`ArrowUtils.toArrowField`): a struct of the non-NULL binary fields `value` and
/// `metadata`.
pub fn is_variant(data_type: &DataType) -> bool {
    match data_type {
        DataType::Struct(fields) => fields.len() == 2 && fields[0].name() == "value" && fields[1].name() == "metadata" && fields.iter().all(|f| f.data_type() == &DataType::Binary && !f.is_nullable()),
        _ => false,
    }
}

/// The Spark type an Arrow type stands for, for naming purposes.
enum SparkType<'a> {
    /// An atomic type: (`typeName`, `simpleString`).
    Atomic(String, String),
    Array(&'a Field),
    Map(Option<(&'a Field, &'a Field)>),
    Struct(&'a [std::sync::Arc<Field>]),
}

/// Maps an Arrow type to Spark's type (unsigned integers widen as Spark's
/// Parquet reader does: uint8→short, uint16→int, uint32→long, uint64→decimal(20,0)).
fn spark_type(data_type: &DataType) -> SparkType<'_> {
    let atomic = |name: &str, simple: &str| SparkType::Atomic(name.to_string(), simple.to_string());
    let same = |name: String| SparkType::Atomic(name.clone(), name);
    match data_type {
        DataType::Null => atomic("void", "void"),
        DataType::Boolean => atomic("boolean", "boolean"),
        DataType::Int8 => atomic("byte", "tinyint"),
        DataType::Int16 | DataType::UInt8 => atomic("short", "smallint"),
        DataType::Int32 | DataType::UInt16 => atomic("integer", "int"),
        DataType::Int64 | DataType::UInt32 => atomic("long", "bigint"),
        DataType::UInt64 => atomic("decimal(20,0)", "decimal(20,0)"),
        DataType::Float16 | DataType::Float32 => atomic("float", "float"),
        DataType::Float64 => atomic("double", "double"),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => atomic("string", "string"),
        DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::FixedSizeBinary(_) => atomic("binary", "binary"),
        DataType::Date32 | DataType::Date64 => atomic("date", "date"),
        DataType::Timestamp(_, Some(_)) => atomic("timestamp", "timestamp"),
        DataType::Timestamp(_, None) => atomic("timestamp_ntz", "timestamp_ntz"),
        DataType::Time32(TimeUnit::Second) => atomic("time(0)", "time(0)"),
        DataType::Time32(_) => atomic("time(3)", "time(3)"),
        DataType::Time64(_) => atomic("time(6)", "time(6)"),
        DataType::Decimal32(p, s)
        | DataType::Decimal64(p, s)
        | DataType::Decimal128(p, s)
        | DataType::Decimal256(p, s) => same(format!("decimal({p},{s})")),
        DataType::Duration(_) => atomic("interval day to second", "interval day to second"),
        DataType::Interval(IntervalUnit::YearMonth) => {
            atomic("interval year to month", "interval year to month")
        }
        DataType::Interval(_) => atomic("interval", "interval"),
        DataType::List(element)
        | DataType::LargeList(element)
        | DataType::FixedSizeList(element, _)
        | DataType::ListView(element)
        | DataType::LargeListView(element) => SparkType::Array(element.as_ref()),
        DataType::Map(entries, _) => SparkType::Map(map_key_value(entries.data_type())),
        _ if is_variant(data_type) => atomic("variant", "variant"),
        DataType::Struct(fields) => SparkType::Struct(&fields[..]),
        DataType::Dictionary(_, value) => spark_type(value),
        DataType::RunEndEncoded(_, values) => spark_type(values.data_type()),
        other => same(other.to_string().to_lowercase()),
    }
}

/// Field metadata naming the fields of a Spark ANSI interval: a day-time interval held as
/// an Arrow `Duration` (`"day"`, `"hour to second"`, ...) or a year-month interval held as
/// an Arrow `Interval(YearMonth)` (`"year"`, `"month"`, `"year to month"`). Arrow has one
/// type for each where Spark has `DayTimeIntervalType(startField, endField)` and
/// `YearMonthIntervalType(startField, endField)`; without the key the type is Spark's
/// widest (`interval day to second`, `interval year to month`). Internal: never shown as
/// Spark field metadata.
pub const INTERVAL_FIELDS: &str = "ember.interval_fields";

/// Field metadata holding the nullability Spark gives the nested fields of a value where
/// it differs from the engine's (`engine::local::udfs::constructors`): one `1` (nullable)
/// or `0` per nested field, depth first (`nested_nullability`). The engine's nested
/// fields stay nullable, as its kernels expect; Spark's schema reads this.
pub const SPARK_NULLABILITY: &str = "ember.spark_nullability";

/// The nullability of every nested field of `data_type`, depth first: array elements,
/// struct fields, map keys and values.
pub fn nested_nullability(data_type: &DataType) -> String {
    let mut flags = String::new();
    let visit = |field: &Field, flags: &mut String| {
        flags.push(if field.is_nullable() { '1' } else { '0' });
        flags.push_str(&nested_nullability(field.data_type()));
    };
    match data_type {
        DataType::List(element) | DataType::LargeList(element) | DataType::FixedSizeList(element, _) => visit(element, &mut flags),
        DataType::Struct(fields) => fields.iter().for_each(|f| visit(f, &mut flags)),
        DataType::Map(entries, _) => {
            if let DataType::Struct(parts) = entries.data_type() {
                parts.iter().for_each(|f| visit(f, &mut flags));
            }
        }
        _ => {}
    }
    flags
}

/// `data_type` with the nested nullabilities `flags` gives (`nested_nullability`'s order);
/// `None` when they do not fit its shape.
pub fn with_nested_nullability(data_type: &DataType, flags: &mut std::str::Chars) -> Option<DataType> {
    fn field(f: &Field, flags: &mut std::str::Chars) -> Option<Field> {
        let nullable = match flags.next()? {
            '1' => true,
            '0' => false,
            _ => return None,
        };
        Some(f.clone().with_nullable(nullable).with_data_type(with_nested_nullability(f.data_type(), flags)?))
    }
    Some(match data_type {
        DataType::List(element) => DataType::List(std::sync::Arc::new(field(element, flags)?)),
        DataType::LargeList(element) => DataType::LargeList(std::sync::Arc::new(field(element, flags)?)),
        DataType::FixedSizeList(element, size) => DataType::FixedSizeList(std::sync::Arc::new(field(element, flags)?), *size),
        DataType::Struct(fields) => DataType::Struct(fields.iter().map(|f| field(f, flags)).collect::<Option<Vec<_>>>()?.into()),
        DataType::Map(entries, sorted) => {
            let DataType::Struct(parts) = entries.data_type() else { return None };
            let parts = parts.iter().map(|f| field(f, flags)).collect::<Option<Vec<_>>>()?;
            DataType::Map(std::sync::Arc::new(entries.as_ref().clone().with_data_type(DataType::Struct(parts.into()))), *sorted)
        }
        other => other.clone(),
    })
}

/// A field as Spark's schema shows it: with the nested nullabilities its metadata records
/// (`SPARK_NULLABILITY`), else as the engine types it.
pub fn spark_view(field: &Field) -> Field {
    let Some(flags) = field.metadata().get(SPARK_NULLABILITY) else { return field.clone() };
    let mut chars = flags.chars();
    match with_nested_nullability(field.data_type(), &mut chars) {
        Some(data_type) if chars.next().is_none() => field.clone().with_data_type(data_type),
        _ => field.clone(),
    }
}

/// Field metadata holding a field's Spark metadata (`StructField.metadata`) as JSON text,
/// set by `Column.alias(name, metadata=...)` (Spark's `Alias.explicitMetadata`).
pub const SPARK_METADATA: &str = "ember.spark_metadata";

/// The Spark type name of a field, reading the interval fields its metadata gives
/// (Spark's `DayTimeIntervalType.typeName`).
pub fn field_type_name(field: &Field) -> String {
    match (field.data_type(), field.metadata().get(INTERVAL_FIELDS)) {
        (DataType::Duration(_) | DataType::Interval(IntervalUnit::YearMonth), Some(fields)) => format!("interval {fields}"),
        (data_type, _) => spark_type_name(data_type),
    }
}

/// Spark's `DataType.typeName` as used by `treeString`: `integer`, `long`,
/// `string`, `decimal(10,2)`, `timestamp_ntz`, `void`, `array`, `map`, `struct`, ...
pub fn spark_type_name(data_type: &DataType) -> String {
    match spark_type(data_type) {
        SparkType::Atomic(name, _) => name,
        SparkType::Array(_) => "array".to_string(),
        SparkType::Map(_) => "map".to_string(),
        SparkType::Struct(_) => "struct".to_string(),
    }
}

/// Spark's `DataType.simpleString` (as shown by PySpark's `DataFrame.dtypes`):
/// `boolean`, `tinyint`, `smallint`, `int`, `bigint`, `float`, `double`,
/// `string`, `binary`, `date`, `timestamp`, `timestamp_ntz`, `decimal(p,s)`,
/// `void`, `array<int>`, `map<string,int>`, `struct<name:string,age:int>`.
pub fn spark_simple_string(data_type: &DataType) -> String {
    match spark_type(data_type) {
        SparkType::Atomic(_, simple) => simple,
        SparkType::Array(element) => format!("array<{}>", spark_simple_string(element.data_type())),
        SparkType::Map(Some((key, value))) => format!(
            "map<{},{}>",
            spark_simple_string(key.data_type()),
            spark_simple_string(value.data_type())
        ),
        SparkType::Map(None) => "map".to_string(),
        SparkType::Struct(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| format!("{}:{}", f.name(), spark_simple_string(f.data_type())))
                .collect();
            format!("struct<{}>", parts.join(","))
        }
    }
}

/// Spark's JSON form of a type (`DataType.jsonValue`).
pub fn spark_json_type(data_type: &DataType) -> Value {
    match data_type {
        DataType::Boolean => json!("boolean"),
        DataType::Int8 => json!("byte"),
        DataType::Int16 => json!("short"),
        DataType::Int32 => json!("integer"),
        DataType::Int64 => json!("long"),
        DataType::Float32 => json!("float"),
        DataType::Float64 => json!("double"),
        DataType::List(field) | DataType::LargeList(field) | DataType::FixedSizeList(field, _) => json!({
            "type": "array", "elementType": spark_json_type(field.data_type()), "containsNull": field.is_nullable()
        }),
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(fields) if fields.len() == 2 => json!({
                "type": "map",
                "keyType": spark_json_type(fields[0].data_type()),
                "valueType": spark_json_type(fields[1].data_type()),
                "valueContainsNull": fields[1].is_nullable(),
            }),
            _ => json!("string"),
        },
        _ if is_variant(data_type) => json!("variant"),
        DataType::Struct(fields) => json!({
            "type": "struct",
            "fields": fields.iter().map(|f| spark_json_field(f)).collect::<Vec<_>>(),
        }),
        DataType::Null => json!("void"),
        DataType::Date32 | DataType::Date64 => json!("date"),
        DataType::Timestamp(_, Some(_)) => json!("timestamp"),
        DataType::Timestamp(_, None) => json!("timestamp_ntz"),
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => json!("binary"),
        other => json!(spark_simple_string(other)),
    }
}

fn spark_json_field(field: &Field) -> Value {
    let data_type = match (field.data_type(), field.metadata().get(INTERVAL_FIELDS)) {
        (DataType::Duration(_) | DataType::Interval(IntervalUnit::YearMonth), Some(_)) => json!(field_type_name(field)),
        (data_type, _) => spark_json_type(data_type),
    };
    let metadata = field.metadata().get(SPARK_METADATA).and_then(|text| serde_json::from_str::<Value>(text).ok()).unwrap_or_else(|| json!({}));
    json!({"name": field.name(), "type": data_type, "nullable": field.is_nullable(), "metadata": metadata})
}

/// Spark's JSON schema of an Arrow schema (`StructType.json`).
pub fn spark_json_schema(schema: &Schema) -> Value {
    json!({"type": "struct", "fields": schema.fields().iter().map(|f| spark_json_field(&spark_view(f))).collect::<Vec<_>>()})
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use datafusion::arrow::datatypes::{DataType, Field, Fields, Schema, TimeUnit};

    use super::*;

    #[test]
    fn tree_string_nested() {
        let map_type = DataType::Map(
            Arc::new(Field::new(
                "entries",
                DataType::Struct(Fields::from(vec![
                    Field::new("key", DataType::Utf8, false),
                    Field::new("value", DataType::Int32, true),
                ])),
                false,
            )),
            false,
        );
        let schema = Schema::new(vec![
            Field::new("name", DataType::Utf8, true),
            Field::new("age", DataType::Int64, true),
            Field::new(
                "tags",
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                true,
            ),
            Field::new("m", map_type.clone(), true),
            Field::new(
                "s",
                DataType::Struct(Fields::from(vec![
                    Field::new("x", DataType::Utf8, true),
                    Field::new(
                        "inner",
                        DataType::List(Arc::new(Field::new("item", DataType::Int32, false))),
                        false,
                    ),
                ])),
                true,
            ),
            Field::new("d", DataType::Decimal128(10, 2), false),
            Field::new(
                "ts",
                DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                true,
            ),
            Field::new(
                "ntz",
                DataType::Timestamp(TimeUnit::Microsecond, None),
                true,
            ),
            Field::new("n", DataType::Null, true),
        ]);
        let expected = "\
root
 |-- name: string (nullable = true)
 |-- age: long (nullable = true)
 |-- tags: array (nullable = true)
 |    |-- element: string (containsNull = true)
 |-- m: map (nullable = true)
 |    |-- key: string
 |    |-- value: integer (valueContainsNull = true)
 |-- s: struct (nullable = true)
 |    |-- x: string (nullable = true)
 |    |-- inner: array (nullable = false)
 |    |    |-- element: integer (containsNull = false)
 |-- d: decimal(10,2) (nullable = false)
 |-- ts: timestamp (nullable = true)
 |-- ntz: timestamp_ntz (nullable = true)
 |-- n: void (nullable = true)
";
        assert_eq!(tree_string(&schema), expected);
        assert_eq!(spark_simple_string(&map_type), "map<string,int>");
    }


    #[test]
    fn simple_strings() {
        let cases: Vec<(DataType, &str)> = vec![
            (DataType::Boolean, "boolean"),
            (DataType::Int8, "tinyint"),
            (DataType::Int16, "smallint"),
            (DataType::Int32, "int"),
            (DataType::Int64, "bigint"),
            (DataType::Float32, "float"),
            (DataType::Float64, "double"),
            (DataType::Utf8, "string"),
            (DataType::LargeUtf8, "string"),
            (DataType::Binary, "binary"),
            (DataType::Date32, "date"),
            (
                DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
                "timestamp",
            ),
            (
                DataType::Timestamp(TimeUnit::Nanosecond, None),
                "timestamp_ntz",
            ),
            (DataType::Decimal128(38, 18), "decimal(38,18)"),
            (DataType::Null, "void"),
            (
                DataType::List(Arc::new(Field::new("item", DataType::Int32, true))),
                "array<int>",
            ),
            (
                DataType::Struct(Fields::from(vec![
                    Field::new("name", DataType::Utf8, true),
                    Field::new("age", DataType::Int32, true),
                ])),
                "struct<name:string,age:int>",
            ),
            (
                DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8)),
                "string",
            ),
        ];
        for (data_type, expected) in cases {
            assert_eq!(spark_simple_string(&data_type), expected, "{data_type}");
        }
        assert_eq!(spark_type_name(&DataType::Int32), "integer");
        assert_eq!(spark_type_name(&DataType::Int8), "byte");
        assert_eq!(spark_type_name(&DataType::Int16), "short");
    }

    #[test]
    fn nested_nullability_round_trips_and_shows_in_the_schema() {
        let element = Arc::new(Field::new("item", DataType::Int32, true));
        let inner = DataType::Struct(vec![Field::new("a", DataType::List(element), true), Field::new("b", DataType::Utf8, true)].into());
        assert_eq!(nested_nullability(&inner), "111");
        let spark = with_nested_nullability(&inner, &mut "010".chars()).expect("the flags fit the shape");
        assert_eq!(nested_nullability(&spark), "010");
        assert!(with_nested_nullability(&inner, &mut "01".chars()).is_none(), "too few flags do not fit");
        let field = Field::new("s", inner, false).with_metadata([(SPARK_NULLABILITY.to_string(), "010".to_string())].into());
        let tree = tree_string(&Schema::new(vec![field]));
        assert!(tree.contains("|    |-- a: array (nullable = false)"), "{tree}");
        assert!(tree.contains("|    |    |-- element: integer (containsNull = true)"), "{tree}");
        assert!(tree.contains("|    |-- b: string (nullable = false)"), "{tree}");
        let unmarked = Field::new("s", DataType::Utf8, true).with_metadata([(SPARK_NULLABILITY.to_string(), "1".to_string())].into());
        assert_eq!(spark_view(&unmarked).data_type(), &DataType::Utf8, "flags that do not fit leave the field as it is");
    }
}
