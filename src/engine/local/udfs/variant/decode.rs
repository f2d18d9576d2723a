//! Variant values read as Spark reads them: as JSON text (Spark's `VariantUtil.toJson`,
//! which `show()`, `to_json` and `VariantVal.toJson` print), as a schema
//! (`schema_of_variant`), through an extraction path (`variant_get`'s `$.a[0]`), and cast
//! to an atomic Spark type (`VariantGet`'s cast).
use base64::Engine;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use parquet_variant::{Variant, VariantDecimal16, VariantDecimal4, VariantDecimal8};

use crate::engine::local::json_value::write_string;
use crate::spark::value_text::{java_double_string, java_float_string};

/// The variant as Spark's JSON text: objects in their (sorted) field order, decimals
/// without trailing zeros, doubles and floats as Java prints them, binary in base64,
/// timestamps in the session time zone (`2024-01-02 03:04:05+00:00`).
pub fn to_json(value: &Variant) -> String {
    let mut out = String::new();
    write_json(value, &mut out, true);
    out
}

/// The same JSON text with each decimal at its stored scale, as PySpark's Python decoder
/// writes it (`VariantVal.toJson`).
pub fn to_json_keeping_scale(value: &Variant) -> String {
    let mut out = String::new();
    write_json(value, &mut out, false);
    out
}

fn write_json(value: &Variant, out: &mut String, strip: bool) {
    match value {
        Variant::Object(object) => {
            out.push('{');
            for (index, (name, field)) in object.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(name, out);
                out.push(':');
                write_json(&field, out, strip);
            }
            out.push('}');
        }
        Variant::List(list) => {
            out.push('[');
            for (index, item) in list.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_json(&item, out, strip);
            }
            out.push(']');
        }
        Variant::String(text) => write_string(text, out),
        Variant::ShortString(text) => write_string(text.as_str(), out),
        Variant::Float(v) if !v.is_finite() => write_string(&java_float_string(*v), out),
        Variant::Double(v) if !v.is_finite() => write_string(&java_double_string(*v), out),
        Variant::Binary(bytes) => write_string(&base64::engine::general_purpose::STANDARD.encode(bytes), out),
        Variant::Date(_) | Variant::TimestampMicros(_) | Variant::TimestampNtzMicros(_) | Variant::TimestampNanos(_) | Variant::TimestampNtzNanos(_) => {
            write_string(&atomic_text(value), out)
        }
        Variant::Decimal4(_) | Variant::Decimal8(_) | Variant::Decimal16(_) if !strip => {
            let (unscaled, scale) = decimal_parts(value).unwrap_or((0, 0));
            out.push_str(&decimal_text(unscaled, scale));
        }
        _ => out.push_str(&atomic_text(value)),
    }
}

/// An atomic variant as Spark's text of it (a string is its own text).
pub fn atomic_text(value: &Variant) -> String {
    match value {
        Variant::Null => "null".into(),
        Variant::BooleanTrue => "true".into(),
        Variant::BooleanFalse => "false".into(),
        Variant::Int8(v) => v.to_string(),
        Variant::Int16(v) => v.to_string(),
        Variant::Int32(v) => v.to_string(),
        Variant::Int64(v) => v.to_string(),
        Variant::Float(v) => java_float_string(*v),
        Variant::Double(v) => java_double_string(*v),
        Variant::Decimal4(_) | Variant::Decimal8(_) | Variant::Decimal16(_) => {
            let (unscaled, scale) = decimal_parts(value).unwrap_or((0, 0));
            plain_decimal(unscaled, scale)
        }
        Variant::String(text) => text.to_string(),
        Variant::ShortString(text) => text.as_str().to_string(),
        Variant::Binary(bytes) => base64::engine::general_purpose::STANDARD.encode(bytes),
        Variant::Date(date) => date.format("%Y-%m-%d").to_string(),
        Variant::TimestampMicros(instant) | Variant::TimestampNanos(instant) => {
            let zone = crate::spark::session_zone::current();
            let micros = instant.timestamp_micros();
            let offset = zone.offset_at(micros);
            let local = chrono::DateTime::from_timestamp_micros(micros + offset * 1_000_000).map(|t| t.naive_utc()).unwrap_or_default();
            let sign = if offset < 0 { '-' } else { '+' };
            format!("{}{sign}{:02}:{:02}", local_text(&local), offset.abs() / 3600, offset.abs() % 3600 / 60)
        }
        Variant::TimestampNtzMicros(local) | Variant::TimestampNtzNanos(local) => local_text(local),
        other => format!("{other:?}"),
    }
}

/// `yyyy-MM-dd HH:mm:ss` with the microseconds when there are any.
fn local_text(local: &chrono::NaiveDateTime) -> String {
    let micros = local.and_utc().timestamp_subsec_micros();
    if micros == 0 {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        format!("{}.{micros:06}", local.format("%Y-%m-%d %H:%M:%S"))
    }
}

/// A variant decimal's unscaled value and scale.
pub fn decimal_parts(value: &Variant) -> Option<(i128, u8)> {
    match value {
        Variant::Decimal4(d) => Some((i128::from(VariantDecimal4::integer(d)), d.scale())),
        Variant::Decimal8(d) => Some((i128::from(VariantDecimal8::integer(d)), d.scale())),
        Variant::Decimal16(d) => Some((VariantDecimal16::integer(d), d.scale())),
        _ => None,
    }
}

/// Java's `BigDecimal.stripTrailingZeros().toPlainString()`.
fn plain_decimal(mut unscaled: i128, mut scale: u8) -> String {
    while scale > 0 && unscaled % 10 == 0 {
        unscaled /= 10;
        scale -= 1;
    }
    decimal_text(unscaled, scale)
}

/// A decimal's digits at its scale (`BigDecimal.toPlainString`).
fn decimal_text(unscaled: i128, scale: u8) -> String {
    let digits = unscaled.unsigned_abs().to_string();
    let sign = if unscaled < 0 { "-" } else { "" };
    let scale = usize::from(scale);
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let padded = format!("{digits:0>width$}", width = scale + 1);
    let (whole, fraction) = padded.split_at(padded.len() - scale);
    format!("{sign}{whole}.{fraction}")
}

/// Spark's schema of a variant (`SchemaOfVariant`), as a tree to merge.
#[derive(Debug, Clone, PartialEq)]
pub enum Schema {
    Void,
    Boolean,
    Bigint,
    Float,
    Double,
    Decimal(u8, u8),
    String,
    Binary,
    Date,
    Timestamp,
    TimestampNtz,
    Array(Box<Schema>),
    /// Fields in name order.
    Object(Vec<(String, Schema)>),
    Variant,
}

/// The schema of one variant value: every integer is a BIGINT, a decimal its digits.
pub fn schema_of(value: &Variant) -> Schema {
    match value {
        Variant::Null => Schema::Void,
        Variant::BooleanTrue | Variant::BooleanFalse => Schema::Boolean,
        Variant::Int8(_) | Variant::Int16(_) | Variant::Int32(_) | Variant::Int64(_) => Schema::Bigint,
        Variant::Float(_) => Schema::Float,
        Variant::Double(_) => Schema::Double,
        Variant::Decimal4(_) | Variant::Decimal8(_) | Variant::Decimal16(_) => {
            let (unscaled, scale) = decimal_parts(value).unwrap_or((0, 0));
            let digits = u8::try_from(unscaled.unsigned_abs().to_string().len()).unwrap_or(38);
            Schema::Decimal(digits.max(scale), scale)
        }
        Variant::String(_) | Variant::ShortString(_) => Schema::String,
        Variant::Binary(_) => Schema::Binary,
        Variant::Date(_) => Schema::Date,
        Variant::TimestampMicros(_) | Variant::TimestampNanos(_) => Schema::Timestamp,
        Variant::TimestampNtzMicros(_) | Variant::TimestampNtzNanos(_) => Schema::TimestampNtz,
        Variant::List(list) => Schema::Array(Box::new(list.iter().map(|item| schema_of(&item)).reduce(merge).unwrap_or(Schema::Void))),
        Variant::Object(object) => Schema::Object(object.iter().map(|(name, field)| (name.to_string(), schema_of(&field))).collect()),
        _ => Schema::Variant,
    }
}

/// Two schemas as one (`SchemaOfVariant.mergeSchema`): VOID gives way, numbers widen
/// (integers and decimals to a decimal, with doubles to DOUBLE), arrays and objects merge
/// by element and by field, and anything else is VARIANT.
pub fn merge(left: Schema, right: Schema) -> Schema {
    use Schema::*;
    match (left, right) {
        (Void, other) | (other, Void) => other,
        (a, b) if a == b => a,
        (Bigint, Decimal(p, s)) | (Decimal(p, s), Bigint) => wider_decimal((20, 0), (p, s)),
        (Decimal(p1, s1), Decimal(p2, s2)) => wider_decimal((p1, s1), (p2, s2)),
        (Bigint | Decimal(..) | Float | Double, Float | Double) | (Float | Double, Bigint | Decimal(..)) => Double,
        (Array(a), Array(b)) => Array(Box::new(merge(*a, *b))),
        (Object(a), Object(b)) => {
            let mut merged: std::collections::BTreeMap<std::string::String, Schema> = a.into_iter().collect();
            for (name, schema) in b {
                let combined = match merged.remove(&name) {
                    Some(existing) => merge(existing, schema),
                    None => schema,
                };
                merged.insert(name, combined);
            }
            Object(merged.into_iter().collect())
        }
        (Timestamp, TimestampNtz) | (TimestampNtz, Timestamp) => Timestamp,
        _ => Variant,
    }
}

fn wider_decimal((p1, s1): (u8, u8), (p2, s2): (u8, u8)) -> Schema {
    let scale = s1.max(s2);
    let whole = (p1 - s1).max(p2 - s2);
    if u16::from(whole) + u16::from(scale) > 38 {
        return Schema::Double;
    }
    Schema::Decimal(whole + scale, scale)
}

impl Schema {
    /// Spark's SQL text of the schema (`OBJECT<a: BIGINT, b: ARRAY<STRING>>`).
    pub fn sql(&self) -> String {
        match self {
            Schema::Void => "VOID".into(),
            Schema::Boolean => "BOOLEAN".into(),
            Schema::Bigint => "BIGINT".into(),
            Schema::Float => "FLOAT".into(),
            Schema::Double => "DOUBLE".into(),
            Schema::Decimal(p, s) => format!("DECIMAL({p},{s})"),
            Schema::String => "STRING".into(),
            Schema::Binary => "BINARY".into(),
            Schema::Date => "DATE".into(),
            Schema::Timestamp => "TIMESTAMP".into(),
            Schema::TimestampNtz => "TIMESTAMP_NTZ".into(),
            Schema::Array(element) => format!("ARRAY<{}>", element.sql()),
            Schema::Object(fields) => {
                let fields: Vec<String> = fields.iter().map(|(name, schema)| format!("{}: {}", quoted(name), schema.sql())).collect();
                format!("OBJECT<{}>", fields.join(", "))
            }
            Schema::Variant => "VARIANT".into(),
        }
    }
}

/// A field name as Spark's `quoteIfNeeded` writes it.
fn quoted(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

/// One step of a variant extraction path.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Field(String),
    Index(usize),
}

/// A variant extraction path (`$`, `$.a`, `$['a b']`, `$["a"]`, `$.a[0]`), or `None`
/// where it is not one (Spark's `VariantPathParser`).
pub fn parse_path(path: &str) -> Option<Vec<Step>> {
    let rest = path.strip_prefix('$')?;
    let chars: Vec<char> = rest.chars().collect();
    let mut steps = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        match chars[at] {
            '.' => {
                let start = at + 1;
                let mut end = start;
                while end < chars.len() && chars[end] != '.' && chars[end] != '[' {
                    end += 1;
                }
                if end == start {
                    return None;
                }
                steps.push(Step::Field(chars[start..end].iter().collect()));
                at = end;
            }
            '[' => {
                let close = (at..chars.len()).find(|&i| chars[i] == ']')?;
                let inside: String = chars[at + 1..close].iter().collect();
                let quoted = |q: char| inside.strip_prefix(q).and_then(|t| t.strip_suffix(q)).map(str::to_string);
                if let Some(name) = quoted('\'').or_else(|| quoted('"')) {
                    steps.push(Step::Field(name));
                } else {
                    steps.push(Step::Index(inside.parse().ok()?));
                }
                at = close + 1;
            }
            _ => return None,
        }
    }
    Some(steps)
}

/// The value a path reaches, if any.
pub fn follow<'m, 'v>(value: Variant<'m, 'v>, steps: &[Step]) -> Option<Variant<'m, 'v>> {
    let mut current = value;
    for step in steps {
        current = match step {
            Step::Field(name) => current.get_object_field(name)?,
            Step::Index(index) => current.get_list_element(*index)?,
        };
    }
    Some(current)
}

/// An atomic variant as a value of `target`, or `Err` where Spark's cast would refuse it
/// (`variant_get` raises `INVALID_VARIANT_CAST`, `try_variant_get` gives NULL). A JSON
/// null is NULL.
pub fn cast_atomic(value: &Variant, target: &DataType) -> Result<ScalarValue, ()> {
    if matches!(value, Variant::Null) {
        return ScalarValue::try_from(target).map_err(|_| ());
    }
    let text = match value {
        Variant::Object(_) | Variant::List(_) => {
            return match target {
                DataType::Utf8 => Ok(ScalarValue::Utf8(Some(to_json(value)))),
                _ => Err(()),
            }
        }
        _ => atomic_text(value),
    };
    let numeric_source = matches!(value, Variant::Int8(_) | Variant::Int16(_) | Variant::Int32(_) | Variant::Int64(_) | Variant::Float(_) | Variant::Double(_) | Variant::Decimal4(_) | Variant::Decimal8(_) | Variant::Decimal16(_));
    let boolean = match value {
        Variant::BooleanTrue => Some(true),
        Variant::BooleanFalse => Some(false),
        _ => None,
    };
    match target {
        DataType::Utf8 => Ok(ScalarValue::Utf8(Some(text))),
        DataType::Boolean => match (boolean, numeric_source) {
            (Some(flag), _) => Ok(ScalarValue::Boolean(Some(flag))),
            (None, true) => Ok(ScalarValue::Boolean(Some(text.trim_start_matches('-').chars().any(|c| c.is_ascii_digit() && c != '0')))),
            _ => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "t" | "yes" | "y" | "1" => Ok(ScalarValue::Boolean(Some(true))),
                "false" | "f" | "no" | "n" | "0" => Ok(ScalarValue::Boolean(Some(false))),
                _ => Err(()),
            },
        },
        DataType::Int8 | DataType::Int16 | DataType::Int32 | DataType::Int64 => {
            let whole: i128 = match (boolean, value) {
                (Some(flag), _) => i128::from(flag),
                (_, Variant::Float(_) | Variant::Double(_)) => {
                    let v = value.as_f64().ok_or(())?;
                    if !v.is_finite() {
                        return Err(());
                    }
                    v.trunc() as i128
                }
                _ if decimal_parts(value).is_some() => {
                    let (unscaled, scale) = decimal_parts(value).ok_or(())?;
                    unscaled / 10i128.pow(u32::from(scale))
                }
                _ => {
                    let trimmed = text.trim();
                    trimmed.parse::<i128>().or_else(|_| trimmed.parse::<f64>().map_err(|_| ()).and_then(|v| if numeric_source { Ok(v.trunc() as i128) } else { Err(()) }))?
                }
            };
            let fits = |min: i128, max: i128| (min..=max).contains(&whole);
            match target {
                DataType::Int8 if fits(i8::MIN.into(), i8::MAX.into()) => Ok(ScalarValue::Int8(Some(whole as i8))),
                DataType::Int16 if fits(i16::MIN.into(), i16::MAX.into()) => Ok(ScalarValue::Int16(Some(whole as i16))),
                DataType::Int32 if fits(i32::MIN.into(), i32::MAX.into()) => Ok(ScalarValue::Int32(Some(whole as i32))),
                DataType::Int64 if fits(i64::MIN.into(), i64::MAX.into()) => Ok(ScalarValue::Int64(Some(whole as i64))),
                _ => Err(()),
            }
        }
        DataType::Float32 | DataType::Float64 => {
            let v = match boolean {
                Some(flag) => f64::from(u8::from(flag)),
                None => value.as_f64().or_else(|| decimal_parts(value).map(|(u, s)| u as f64 / 10f64.powi(i32::from(s)))).or_else(|| text.trim().parse().ok()).ok_or(())?,
            };
            Ok(if *target == DataType::Float32 { ScalarValue::Float32(Some(v as f32)) } else { ScalarValue::Float64(Some(v)) })
        }
        DataType::Decimal128(precision, scale) => {
            let parsed = ScalarValue::Utf8(Some(text)).cast_to(&DataType::Decimal128(38, *scale as i8)).map_err(|_| ())?;
            let ScalarValue::Decimal128(Some(v), _, _) = parsed else { return Err(()) };
            if v.unsigned_abs().to_string().len() > usize::from(*precision) {
                return Err(());
            }
            Ok(ScalarValue::Decimal128(Some(v), *precision, *scale))
        }
        DataType::Date32 => match value {
            Variant::Date(date) => Ok(ScalarValue::Date32(Some(date.signed_duration_since(chrono::NaiveDate::from_ymd_opt(1970, 1, 1).ok_or(())?).num_days() as i32))),
            Variant::TimestampMicros(_) | Variant::TimestampNtzMicros(_) | Variant::String(_) | Variant::ShortString(_) => {
                ScalarValue::Utf8(Some(text.chars().take(10).collect())).cast_to(&DataType::Date32).map_err(|_| ())
            }
            _ => Err(()),
        },
        DataType::Binary => match value {
            Variant::Binary(bytes) => Ok(ScalarValue::Binary(Some(bytes.to_vec()))),
            _ => Err(()),
        },
        _ => Err(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> (Vec<u8>, Vec<u8>) {
        super::super::encode::parse_json(text).expect("valid JSON")
    }

    #[test]
    fn json_round_trips_as_spark_prints_it() {
        let (value, metadata) = parsed(r#"{"b": 1, "a": [1.50, 2e3, -7, "x", null, true], "c": 99999999999999999999}"#);
        let variant = Variant::try_new(&metadata, &value).unwrap();
        assert_eq!(to_json(&variant), r#"{"a":[1.5,2000.0,-7,"x",null,true],"b":1,"c":99999999999999999999}"#);
        assert_eq!(to_json_keeping_scale(&variant), r#"{"a":[1.50,2000.0,-7,"x",null,true],"b":1,"c":99999999999999999999}"#);
        assert_eq!(schema_of(&variant).sql(), "OBJECT<a: ARRAY<VARIANT>, b: BIGINT, c: DECIMAL(20,0)>");
        assert!(super::super::encode::parse_json(r#"{"a": 1, "a": 2}"#).is_none());
        assert!(super::super::encode::parse_json("{a: 1}").is_none());
    }

    #[test]
    fn numbers_widen_when_schemas_merge() {
        assert_eq!(merge(Schema::Bigint, Schema::Decimal(2, 1)), Schema::Decimal(21, 1));
        assert_eq!(merge(Schema::Decimal(2, 2), Schema::Decimal(3, 1)), Schema::Decimal(4, 2));
        assert_eq!(merge(Schema::Bigint, Schema::Double), Schema::Double);
        assert_eq!(merge(Schema::Void, Schema::String), Schema::String);
        assert_eq!(merge(Schema::String, Schema::Bigint), Schema::Variant);
    }

    #[test]
    fn extraction_paths_read_as_spark_reads_them() {
        assert_eq!(parse_path("$"), Some(vec![]));
        assert_eq!(parse_path("$.a[0]['b c']"), Some(vec![Step::Field("a".into()), Step::Index(0), Step::Field("b c".into())]));
        assert_eq!(parse_path("a"), None);
        assert_eq!(parse_path("$."), None);
        let (value, metadata) = parsed(r#"{"a": ["12", 300]}"#);
        let variant = Variant::try_new(&metadata, &value).unwrap();
        let found = follow(variant.clone(), &parse_path("$.a[0]").unwrap()).unwrap();
        assert_eq!(cast_atomic(&found, &DataType::Int32), Ok(ScalarValue::Int32(Some(12))));
        let wide = follow(variant, &parse_path("$.a[1]").unwrap()).unwrap();
        assert_eq!(cast_atomic(&wide, &DataType::Int8), Err(()));
        assert_eq!(plain_decimal(12500, 3), "12.5");
        assert_eq!(decimal_text(5, 2), "0.05");
    }
}
