//! Spark Connect `DataType` protos (AnalyzePlan's Schema answer) as Spark's JSON schema
//! (`DataType.json`), which the Python layer parses as PySpark's
//! `_parse_datatype_json_string` does. The rule is Spark's `DataTypeProtoConverter`.
use serde_json::{json, Value};
use spark_connect_proto as pb;
use spark_connect_proto::data_type::Kind;

/// Spark's JSON for a type; `None` for a kind this client does not model (an interval,
/// a UDT, geometry), which the caller answers another way.
pub fn spark_json(data_type: &pb::DataType) -> Option<Value> {
    let simple = |name: &str| Some(Value::String(name.to_string()));
    match data_type.kind.as_ref()? {
        Kind::Null(_) => simple("void"),
        Kind::Binary(_) => simple("binary"),
        Kind::Boolean(_) => simple("boolean"),
        Kind::Byte(_) => simple("byte"),
        Kind::Short(_) => simple("short"),
        Kind::Integer(_) => simple("integer"),
        Kind::Long(_) => simple("long"),
        Kind::Float(_) => simple("float"),
        Kind::Double(_) => simple("double"),
        Kind::Decimal(d) => simple(&format!("decimal({},{})", d.precision.unwrap_or(10), d.scale.unwrap_or(0))),
        Kind::String(_) => simple("string"),
        Kind::Char(c) => simple(&format!("char({})", c.length)),
        Kind::VarChar(v) => simple(&format!("varchar({})", v.length)),
        Kind::Date(_) => simple("date"),
        Kind::Timestamp(_) => simple("timestamp"),
        Kind::TimestampNtz(_) => simple("timestamp_ntz"),
        Kind::Array(array) => Some(json!({
            "type": "array",
            "elementType": spark_json(array.element_type.as_deref()?)?,
            "containsNull": array.contains_null,
        })),
        Kind::Map(map) => Some(json!({
            "type": "map",
            "keyType": spark_json(map.key_type.as_deref()?)?,
            "valueType": spark_json(map.value_type.as_deref()?)?,
            "valueContainsNull": map.value_contains_null,
        })),
        Kind::Struct(structure) => {
            let fields = structure
                .fields
                .iter()
                .map(|field| {
                    let metadata = field.metadata.as_deref().and_then(|m| serde_json::from_str::<Value>(m).ok()).unwrap_or_else(|| json!({}));
                    Some(json!({"name": field.name, "type": spark_json(field.data_type.as_ref()?)?, "nullable": field.nullable, "metadata": metadata}))
                })
                .collect::<Option<Vec<_>>>()?;
            Some(json!({"type": "struct", "fields": fields}))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use spark_connect_proto::data_type as dt;

    fn of(kind: Kind) -> pb::DataType {
        pb::DataType { kind: Some(kind) }
    }

    #[test]
    fn nested_types_become_sparks_json() {
        let array = of(Kind::Array(Box::new(dt::Array { element_type: Some(Box::new(of(Kind::Long(dt::Long::default())))), contains_null: true, ..Default::default() })));
        let field = |name: &str, data_type: pb::DataType, nullable| dt::StructField { name: name.into(), data_type: Some(data_type), nullable, metadata: None };
        let schema = of(Kind::Struct(dt::Struct {
            fields: vec![field("id", of(Kind::Long(dt::Long::default())), false), field("xs", array, true), field("d", of(Kind::Decimal(dt::Decimal { precision: Some(10), scale: Some(2), ..Default::default() })), true)],
            ..Default::default()
        }));
        assert_eq!(
            spark_json(&schema).map(|v| v.to_string()).as_deref(),
            Some(r#"{"fields":[{"metadata":{},"name":"id","nullable":false,"type":"long"},{"metadata":{},"name":"xs","nullable":true,"type":{"containsNull":true,"elementType":"long","type":"array"}},{"metadata":{},"name":"d","nullable":true,"type":"decimal(10,2)"}],"type":"struct"}"#)
        );
        assert_eq!(spark_json(&of(Kind::CalendarInterval(dt::CalendarInterval::default()))), None);
    }
}
